"""Competence development (pelatihan, DOMAIN.md §6) and disciplinary sanctions (disiplin, §7)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from asn_metrics.demo.common import STALE_END, STALE_WILAYAH, TODAY, pick

YEARS = (2022, 2023, 2024, 2025, 2026)
# (name, jenis, JP low, JP high, profile that takes it: "" = everyone)
_CATALOGUE: tuple[tuple[str, str, int, int, str], ...] = (
    ("Bimtek SKP Berbasis Kinerja", "teknis", 16, 24, ""),
    ("Webinar BerAKHLAK", "seminar", 2, 4, ""),
    ("Seminar Transformasi Digital Pemerintahan", "seminar", 4, 8, ""),
    ("E-learning Manajemen ASN", "teknis", 10, 20, ""),
    ("Pelatihan Pelayanan Prima", "teknis", 16, 30, ""),
    ("Workshop Penyusunan LKjIP", "teknis", 8, 16, ""),
    ("Coaching dan Mentoring ASN", "lainnya", 4, 8, ""),
    ("Pelatihan Pengelolaan Keuangan Daerah", "teknis", 24, 40, ""),
    ("Pelatihan Pengadaan Barang/Jasa", "teknis", 24, 40, ""),
    ("Pelatihan Penjenjangan Jabatan Fungsional", "fungsional", 30, 60, "fungsional"),
    ("Pelatihan Implementasi Kurikulum Merdeka", "fungsional", 32, 48, "Guru"),
    ("Pelatihan Basic Trauma Cardiac Life Support", "fungsional", 40, 50, "nakes"),
    ("Bimtek Aplikasi SIAK Terpusat", "teknis", 16, 24, "DUKCAPIL"),
    ("Pelatihan Kepemimpinan Pengawas", "kepemimpinan", 60, 80, "pengawas"),
    ("Diklat Kepemimpinan Administrator", "kepemimpinan", 70, 80, "administrator"),
    ("Pelatihan Kepemimpinan Nasional Tingkat II", "kepemimpinan", 80, 80, "jpt"),
)
_NAKES = ("Perawat", "Bidan", "Dokter", "Apoteker", "Nutrisionis", "Sanitarian")


def _profile_weights(people: pd.DataFrame) -> np.ndarray:
    """Per employee, the weight of each catalogue item (general items for all, special ones by post)."""
    w = np.zeros((len(people), len(_CATALOGUE)))
    jf = people["jf"].to_numpy()
    jj = people["jenis_jabatan"].to_numpy()
    tipe = people["tipe"].to_numpy()
    for k, (_, _, _, _, who) in enumerate(_CATALOGUE):
        if who == "":
            w[:, k] = 1.0
        elif who == "fungsional":
            w[:, k] = np.where(jj == "fungsional", 1.5, 0.0)
        elif who == "Guru":
            w[:, k] = np.where(jf == "Guru", 3.0, 0.0)
        elif who == "nakes":
            w[:, k] = np.where(np.isin(jf, _NAKES), 2.5, 0.0)
        elif who == "DUKCAPIL":
            w[:, k] = np.where(tipe == "DUKCAPIL", 3.0, 0.0)
        else:
            w[:, k] = np.where(jj == who, 0.8, 0.0)
    return np.cumsum(w, axis=1)


def build_pelatihan(rng: np.random.Generator, people: pd.DataFrame) -> pd.DataFrame:
    """0-4 trainings per employee and year, more of them in later years; Pelatihan Dasar for new CPNS."""
    cum = _profile_weights(people)
    n = len(people)
    frames = []
    for y, year in enumerate(YEARS):
        p = np.array([0.2, 0.3, 0.28, 0.15, 0.07]) + np.array([-0.02, -0.02, 0.0, 0.02, 0.02]) * y
        k = rng.choice(5, size=n, p=p / p.sum())
        emp = np.repeat(np.arange(n), k)
        u = rng.random(len(emp)) * cum[emp, -1]
        item = (u[:, None] >= cum[emp]).sum(axis=1)
        frames.append(pd.DataFrame({"emp": emp, "item": item, "tahun": year}))
        new = np.flatnonzero((people["tmt_year"].to_numpy() == year - 1) & (people["status"].to_numpy() == "PNS"))
        frames.append(pd.DataFrame({"emp": new, "item": -1, "tahun": year}))
    df = pd.concat(frames, ignore_index=True).drop_duplicates(["emp", "item", "tahun"])
    names = np.array([c[0] for c in _CATALOGUE] + ["Pelatihan Dasar CPNS"], dtype=object)
    jenis = np.array([c[1] for c in _CATALOGUE] + ["lainnya"], dtype=object)
    lo = np.array([c[2] for c in _CATALOGUE] + [80])
    hi = np.array([c[3] for c in _CATALOGUE] + [80])
    item = df["item"].to_numpy()
    jp = rng.integers(lo[item], hi[item] + 1)
    wilayah = people["wilayah"].to_numpy()[df["emp"].to_numpy()]
    year_of = df["tahun"].to_numpy()
    last = np.where(year_of < TODAY.year, np.datetime64(f"{TODAY.year - 1}-12-20"), np.datetime64("2026-11-13"))
    last = np.where(wilayah == STALE_WILAYAH, np.minimum(last, np.datetime64(STALE_END) - 7), last)
    first = (year_of - 1970).astype("datetime64[Y]").astype("datetime64[D]") + 14
    span = np.where(year_of < TODAY.year, 340, (last - first).astype(np.int64))
    start = np.busday_offset(first + (rng.random(len(df)) * span).astype(np.int64), 0, roll="forward")
    length = np.ceil(jp / 8).astype(np.int64)
    out = pd.DataFrame(
        {
            "pegawai_id": people["id"].to_numpy()[df["emp"].to_numpy()],
            "nama_pelatihan": names[item],
            "tanggal_mulai": start,
            "tanggal_selesai": start + np.maximum(length - 1, 0).astype("timedelta64[D]"),
            "jp": jp.astype(float),
            "jenis": jenis[item],
        }
    )
    out = out.drop_duplicates(["pegawai_id", "nama_pelatihan", "tanggal_mulai"]).sort_values(
        ["pegawai_id", "tanggal_mulai", "nama_pelatihan"], kind="stable"
    )
    out.insert(0, "id", np.arange(1, len(out) + 1))
    return out.reset_index(drop=True)


_SANKSI = {
    "ringan": ("Teguran lisan", "Teguran tertulis", "Pernyataan tidak puas secara tertulis"),
    "sedang": ("Pemotongan tunjangan kinerja 25% selama 6 bulan", "Pemotongan tunjangan kinerja 25% selama 9 bulan"),
    "berat": ("Penurunan jabatan setingkat lebih rendah selama 12 bulan", "Pembebasan dari jabatan menjadi pelaksana"),
}
_ALASAN = (
    "tidak masuk kerja tanpa alasan yang sah",
    "terlambat dan pulang sebelum waktunya berulang kali",
    "tidak menaati ketentuan jam kerja",
    "tidak mencapai target kinerja",
    "menyalahgunakan wewenang",
)


def build_disiplin(rng: np.random.Generator, people: pd.DataFrame, weak: np.ndarray) -> pd.DataFrame:
    """About 1 % of employees a year with a sanction, more often those rated Kurang/Misconduct (``weak``)."""
    frames = []
    w = np.where(weak, 6.0, 1.0)
    for year in YEARS:
        count = max(1, round(0.01 * len(people)))
        emp = rng.choice(len(people), size=count, replace=False, p=w / w.sum())
        end = dt.date(year, 12, 31) if year < TODAY.year else dt.date(2026, 11, 10)
        span = (end - dt.date(year, 1, 1)).days
        day = np.datetime64(dt.date(year, 1, 1)) + rng.integers(0, span, size=count)
        stale = people["wilayah"].to_numpy()[emp] == STALE_WILAYAH
        day = np.where(stale, np.minimum(day, np.datetime64(STALE_END) - 14), day)
        tingkat = pick(rng, ["ringan", "sedang", "berat"], count, [0.75, 0.2, 0.05])
        ket = [f"{pick(rng, _SANKSI[t], 1)[0]}: {pick(rng, _ALASAN, 1)[0]}" for t in tingkat]
        frames.append(
            pd.DataFrame(
                {
                    "pegawai_id": people["id"].to_numpy()[emp],
                    "tanggal": np.busday_offset(day, 0, roll="forward"),
                    "tingkat": tingkat,
                    "keterangan": ket,
                }
            )
        )
    df = pd.concat(frames, ignore_index=True).drop_duplicates(["pegawai_id", "tanggal"])
    df = df.sort_values(["tanggal", "pegawai_id"], kind="stable")
    df.insert(0, "id", np.arange(1, len(df) + 1))
    return df.reset_index(drop=True)
