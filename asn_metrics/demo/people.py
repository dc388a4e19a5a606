"""Employees (pegawai): sizes per agency, positions, ages, grades, names and valid NIPs (DOMAIN.md §11, §12)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from faker import Faker

from asn_metrics import reference
from asn_metrics.demo import titles
from asn_metrics.demo.agencies import REGION_WEIGHT, Agency, pattern_codes
from asn_metrics.demo.common import TODAY, allocate, pick
from asn_metrics.nip import make_nip

PROVINCE_SHARE = 0.32
_EDU_HEALTH = ("DIKBUD", "DINKES", "RSUD")
# Share of administrator, pengawas and fungsional posts by agency kind; the rest are pelaksana.
_MIX: dict[str, tuple[float, float, float]] = {
    "DIKBUD": (0.01, 0.05, 0.62),
    "DINKES": (0.01, 0.05, 0.58),
    "RSUD": (0.01, 0.05, 0.62),
    "INSPEKTORAT": (0.05, 0.08, 0.45),
    "KECAMATAN": (0.06, 0.2, 0.03),
}
_MIX_DEFAULT = (0.07, 0.22, 0.15)
_FEMALE = {"DIKBUD": 0.65, "DINKES": 0.72, "RSUD": 0.7, "DISHUB": 0.18, "SATPOLPP": 0.15}
_EDU = {
    "jpt": (("S2", "S3"), (0.8, 0.2)),
    "administrator": (("S2", "S1"), (0.55, 0.45)),
    "pengawas": (("S1", "S2", "D3"), (0.65, 0.25, 0.1)),
    "ahli": (("S1", "D4", "S2"), (0.65, 0.1, 0.25)),
    "madya": (("S2", "S1", "S3"), (0.55, 0.4, 0.05)),
    "terampil": (("D3", "SMA"), (0.9, 0.1)),
    "pelaksana": (("SMA", "D3", "S1", "SMP"), (0.55, 0.15, 0.28, 0.02)),
}
_EDU_START = {"SMP": 0, "SMA": 0, "D3": 2, "D4": 4, "S1": 4, "S2": 5, "S3": 6}


def agency_sizes(agencies: list[Agency], n: int) -> np.ndarray:
    """Employees per agency: the province about a third, regions by size, agencies by kind."""
    special = set(pattern_codes())
    floor = int(np.clip(n // 60, 3, 10))
    minimum = np.array([floor if a.kode in special or a.tipe == "DUKCAPIL" else 1 for a in agencies])
    regions = list(reference.WILAYAH)
    weights = [PROVINCE_SHARE] + [
        (1 - PROVINCE_SHARE) * REGION_WEIGHT[w] / sum(REGION_WEIGHT.values()) for w in regions[1:]
    ]
    region_min = [int(sum(m for a, m in zip(agencies, minimum, strict=True) if a.wilayah == w)) for w in regions]
    per_region = allocate(n, weights, region_min)
    sizes = np.zeros(len(agencies), dtype=np.int64)
    for wil, total in zip(regions, per_region, strict=True):
        idx = [i for i, a in enumerate(agencies) if a.wilayah == wil]
        sizes[idx] = allocate(int(total), [agencies[i].bobot for i in idx], minimum[idx])
    return sizes


def _birth_years(rng: np.random.Generator, lo: int, hi: int, size: int) -> np.ndarray:
    years = np.arange(lo, hi + 1)
    w = np.ones(len(years))
    w[(years >= 1968) & (years <= 1972)] = 1.7  # the wave retiring in the next five years
    w[years <= 1967] = 0.25
    w[years >= 1999] = 0.6
    return rng.choice(years, size=size, p=w / w.sum())


def build_people(rng: np.random.Generator, faker: Faker, agencies: list[Agency], n: int) -> pd.DataFrame:
    """All employees with their helper columns (tipe, wilayah, kode, tmt_year, rank, jf)."""
    sizes = agency_sizes(agencies, n)
    ag = np.repeat(np.arange(len(agencies)), sizes)
    rank = np.concatenate([np.arange(s) for s in sizes])
    tipe = np.array([a.tipe for a in agencies], dtype=object)[ag]
    mix = np.array([_MIX.get(a.tipe, _MIX_DEFAULT) for a in agencies])[ag]
    u = rng.random(n)
    cum = np.cumsum(mix, axis=1)
    jj = np.select(
        [u < cum[:, 0], u < cum[:, 1], u < cum[:, 2]], ["administrator", "pengawas", "fungsional"], "pelaksana"
    )
    jj = jj.astype(object)
    head = rank == 0
    jj[head] = np.where(tipe[head] == "KECAMATAN", "administrator", "jpt")

    edu_health = np.isin(tipe, _EDU_HEALTH)
    p_pppk = np.where(jj == "fungsional", np.where(edu_health, 0.3, 0.08), np.where(jj == "pelaksana", 0.06, 0.0))
    pppk = rng.random(n) < p_pppk
    p_female = np.array([_FEMALE.get(t, 0.45) for t in tipe])
    p_female = np.where(jj == "jpt", 0.15, np.where(jj == "administrator", 0.3, p_female))
    sex = np.where(rng.random(n) < p_female, "P", "L")

    by = np.zeros(n, dtype=np.int64)
    ranges = {"jpt": (1966, 1978), "administrator": (1968, 1985), "pengawas": (1968, 1990)}
    for group in ("jpt", "administrator", "pengawas", "fungsional", "pelaksana"):
        lo, hi = ranges.get(group, (1966, 2001))
        mask = (jj == group) & ~pppk
        by[mask] = _birth_years(rng, lo, hi, int(mask.sum()))
    by[pppk] = _birth_years(rng, 1970, 1998, int(pppk.sum()))
    leap = (by % 4 == 0) & ((by % 100 != 0) | (by % 400 == 0))
    born = (by - 1970).astype("datetime64[Y]").astype("datetime64[D]") + (rng.random(n) * (365 + leap)).astype(np.int64)

    ages = np.arange(22, 36)
    age_w = np.array([3, 5, 7, 8, 8, 7, 6, 5, 4, 3, 3, 2, 2, 1], dtype=float)
    tmt_y = np.minimum(by + rng.choice(ages, size=n, p=age_w / age_w.sum()), 2024)
    tmt_m = rng.choice([1, 2, 3, 4, 5, 6, 10, 12], size=n, p=[0.45, 0.1, 0.2, 0.05, 0.05, 0.05, 0.05, 0.05])
    n_pppk = int(pppk.sum())
    tmt_y[pppk] = rng.choice([2019, 2021, 2022, 2023, 2024], size=n_pppk, p=[0.1, 0.25, 0.25, 0.2, 0.2])
    tmt_m[pppk] = rng.integers(1, 13, size=n_pppk)
    service = TODAY.year - tmt_y

    jf, level, edu = _functional(rng, agencies, ag, jj, pppk, service, tipe)
    pelaksana = jj == "pelaksana"
    for key in ("jpt", "administrator", "pengawas", "pelaksana"):
        mask = jj == key
        edu[mask] = pick(rng, _EDU[key][0], int(mask.sum()), _EDU[key][1])

    gol = _golongan(jj, level, edu, service, pppk, jf)
    default_bup = np.where((jj == "jpt") | (level == "Ahli Madya"), 60, 58)
    default_bup = np.where(level == "Ahli Utama", 65, default_bup)
    override = rng.random(n) < 0.02
    bup_new = np.where(default_bup == 58, rng.choice([60, 65], size=n, p=[0.85, 0.15]), rng.choice([58, 65], size=n))
    bup = np.where(override, bup_new, -1)
    born_d = born.astype(object)
    age = np.array([TODAY.year - b.year - ((TODAY.month, TODAY.day) < (b.month, b.day)) for b in born_d])
    aktif = (age < np.where(override, bup_new, default_bup)) & (rng.random(n) >= 0.012)

    jabatan = _jabatan(rng, agencies, ag, rank, jj, jf, level, pelaksana)
    names = [_name(faker, s, e, f) for s, e, f in zip(sex, edu, jf, strict=True)]
    df = pd.DataFrame(
        {
            "id": np.arange(1, n + 1),
            "born": born_d,
            "tmt_y": tmt_y,
            "tmt_m": tmt_m,
            "sex": sex,
        }
    )
    seq = df.groupby(["born", "tmt_y", "tmt_m", "sex"], sort=False).cumcount().to_numpy() + 1
    nips = [
        make_nip(b, int(y), int(m), str(s), int(q))
        for b, y, m, s, q in zip(born_d, tmt_y, tmt_m, sex, seq, strict=True)
    ]
    return pd.DataFrame(
        {
            "id": np.arange(1, n + 1),
            "nip": nips,
            "nama": names,
            "instansi_id": np.array([a.id for a in agencies])[ag],
            "status": np.where(pppk, "PPPK", "PNS"),
            "jenis_kelamin": sex,
            "tanggal_lahir": born,
            "golongan": gol,
            "jabatan": jabatan,
            "jenis_jabatan": jj.astype(str),
            "pendidikan": edu.astype(str),
            "aktif": aktif,
            "bup": pd.array([None if b < 0 else int(b) for b in bup], dtype="Int64"),
            "tipe": tipe.astype(str),
            "wilayah": np.array([a.wilayah for a in agencies], dtype=object)[ag],
            "kode": np.array([a.kode for a in agencies], dtype=object)[ag],
            "tmt_year": tmt_y,
            "rank": rank,
            "jf": jf,
            "level": level,
        }
    )


def _functional(
    rng: np.random.Generator,
    agencies: list[Agency],
    ag: np.ndarray,
    jj: np.ndarray,
    pppk: np.ndarray,
    service: np.ndarray,
    tipe: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Functional post, level and education of the fungsional employees."""
    n = len(jj)
    jf = np.full(n, "", dtype=object)
    tier = np.full(n, "", dtype=object)
    fung = jj == "fungsional"
    for t in sorted({str(x) for x in tipe[fung]}):
        mask = fung & (tipe == t)
        options = titles.FUNGSIONAL.get(t, titles.FUNGSIONAL["DEFAULT"])
        idx = rng.choice(len(options), size=int(mask.sum()), p=_norm([o[2] for o in options]))
        jf[mask] = np.array([o[0] for o in options], dtype=object)[idx]
        tier[mask] = np.array([o[1] for o in options], dtype=object)[idx]
    both = tier == "AT"
    tier[both] = np.where(rng.random(int(both.sum())) < 0.5, "A", "T")
    u = rng.random(n)
    ahli_level = np.where(service < 6, 0, np.where(service <= 14, np.where(u < 0.25, 0, 1), np.where(u < 0.45, 2, 1)))
    ahli_level = np.where(pppk, (u < 0.2).astype(int), ahli_level)
    ter_level = np.where(service < 8, 0, np.where(service <= 16, 1, np.where(u < 0.5, 2, 1)))
    ter_level = np.where(pppk, 0, ter_level)
    level = np.full(n, "", dtype=object)
    ahli = fung & (tier == "A")
    ter = fung & (tier == "T")
    level[ahli] = np.array(titles.LEVEL_AHLI, dtype=object)[ahli_level[ahli]]
    level[ter] = np.array(titles.LEVEL_TERAMPIL, dtype=object)[ter_level[ter]]
    edu = np.full(n, "SMA", dtype=object)
    for key, mask in (("ahli", ahli & (level != "Ahli Madya")), ("madya", level == "Ahli Madya"), ("terampil", ter)):
        edu[mask] = pick(rng, _EDU[key][0], int(mask.sum()), _EDU[key][1])
    # One or two senior experts (Ahli Utama): the longest-serving Ahli Madya with a master's degree or more.
    cand = np.flatnonzero((level == "Ahli Madya") & np.isin(edu, ("S2", "S3")) & ~pppk)
    take = cand[np.lexsort((cand, -service[cand], jf[cand] == "Guru"))][: 1 if n < 2000 else 2]
    level[take] = "Ahli Utama"
    return jf, level, edu


def _norm(w: list[float]) -> np.ndarray:
    a = np.asarray(w, dtype=float)
    return a / a.sum()


_GOL_RANGE = {
    "jpt": (9, 10),
    "administrator": (7, 9),
    "pengawas": (5, 8),
    "Ahli Pertama": (4, 5),
    "Ahli Muda": (6, 7),
    "Ahli Madya": (8, 10),
    "Ahli Utama": (10, 10),
    "Terampil": (2, 3),
    "Mahir": (4, 5),
    "Penyelia": (6, 7),
    "pelaksana": (0, 7),
}


def _golongan(
    jj: np.ndarray, level: np.ndarray, edu: np.ndarray, service: np.ndarray, pppk: np.ndarray, jf: np.ndarray
) -> list[str]:
    """PNS grade from education and years of service within the range of the post; PPPK grade from education."""
    out = []
    for j, lv, e, s, p in zip(jj, level, edu, service, pppk, strict=True):
        if p:
            out.append(titles.GOLONGAN_PPPK.get(str(e), "V"))
            continue
        lo, hi = _GOL_RANGE[str(lv) if lv else str(j)]
        start = _EDU_START[str(e)]
        if j == "pelaksana":
            hi = 5 if e in ("SMP", "SMA", "D3") else 7
        g = min(max(start + int(s) // 4, lo), hi)
        out.append(titles.GOLONGAN_PNS[g])
    return out


def _jabatan(
    rng: np.random.Generator,
    agencies: list[Agency],
    ag: np.ndarray,
    rank: np.ndarray,
    jj: np.ndarray,
    jf: np.ndarray,
    level: np.ndarray,
    pelaksana: np.ndarray,
) -> list[str]:
    """Position titles: the head of each agency, structural posts, functional posts with their level."""
    plain = pick(rng, [p[0] for p in titles.PELAKSANA], len(jj), [p[1] for p in titles.PELAKSANA])
    roman = ("I", "II", "III", "IV")
    seen: dict[tuple[int, str], int] = {}
    out: list[str] = []
    for i, (a_idx, r, j) in enumerate(zip(ag, rank, jj, strict=True)):
        a = agencies[int(a_idx)]
        count = seen.get((int(a_idx), str(j)), 0)
        seen[(int(a_idx), str(j))] = count + 1
        bidang = titles.BIDANG.get(a.tipe, titles.BIDANG["DEFAULT"])
        if r == 0:
            out.append(titles.HEAD_TITLE.get(a.tipe, "Kepala Badan" if a.jenis == "badan" else "Kepala Dinas"))
        elif j == "administrator":
            if a.tipe == "KECAMATAN":
                out.append("Sekretaris Camat")
            elif count == 0:
                out.append("Sekretaris" + (" Badan" if a.jenis == "badan" else " Dinas" if a.jenis == "dinas" else ""))
            elif a.tipe == "INSPEKTORAT":
                out.append(f"Inspektur Pembantu Wilayah {roman[count % 4]}")
            elif a.tipe == "SETDA":
                out.append(f"Kepala Bagian {bidang[count % len(bidang)]}")
            else:
                out.append(f"Kepala Bidang {bidang[count % len(bidang)]}")
        elif j == "pengawas":
            if a.tipe == "KECAMATAN":
                out.append(("Kepala Seksi Pemerintahan", "Kepala Seksi Pelayanan Umum")[count % 2])
            elif count < 2:
                out.append(("Kepala Sub Bagian Umum dan Kepegawaian", "Kepala Sub Bagian Keuangan")[count])
            else:
                out.append(f"Kepala Seksi {bidang[count % len(bidang)]}")
        elif j == "fungsional":
            out.append(f"{jf[i]} {level[i]}")
        else:
            out.append(str(plain[i]))
    return out


def _name(faker: Faker, sex: str, edu: str, jf: str) -> str:
    if sex == "L":
        name = f"{faker.first_name_male()} {faker.last_name_male()}"
    else:
        name = f"{faker.first_name_female()} {faker.last_name_female()}"
    if jf == "Dokter":
        return f"dr. {name}" + (", Sp.PD" if edu == "S2" else "")
    if edu == "S3":
        return f"Dr. {name}, {faker.random_element(titles.GELAR_S2)}"
    if edu == "S2":
        return f"{name}, {faker.random_element(titles.GELAR_S2)}"
    if edu in ("S1", "D4"):
        return f"{name}, {titles.GELAR_S1.get(jf) or faker.random_element(titles.GELAR_S1_UMUM)}"
    if edu == "D3" and jf in titles.GELAR_D3:
        return f"{name}, {titles.GELAR_D3[jf]}"
    return name
