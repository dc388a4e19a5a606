"""Complaints (pengaduan, DOMAIN.md §4): Dinas Perhubungan most, then Disdukcapil, RSUD and PUPR."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from asn_metrics import reference
from asn_metrics.demo.agencies import Agency
from asn_metrics.demo.common import data_end, pick, working_days
from asn_metrics.demo.services import POPULATION

_SHARE = {"DISHUB": 0.5, "DUKCAPIL": 0.25, "RSUD": 0.15, "PUPR": 0.1}
_KATEGORI = {
    "DISHUB": (
        ("Angkutan umum", 0.25),
        ("Parkir liar", 0.25),
        ("Lampu lalu lintas", 0.18),
        ("Uji KIR", 0.14),
        ("Pungutan liar", 0.1),
        ("Jalan rusak/rambu", 0.08),
    ),
    "DUKCAPIL": (
        ("Antrean", 0.35),
        ("Blangko KTP habis", 0.25),
        ("Data salah", 0.2),
        ("Layanan online", 0.12),
        ("Sikap petugas", 0.08),
    ),
    "RSUD": (("Antrean", 0.3), ("Sikap petugas", 0.25), ("BPJS", 0.25), ("Kebersihan", 0.1), ("Biaya", 0.1)),
    "PUPR": (("Jalan rusak", 0.5), ("Drainase/banjir", 0.3), ("Irigasi", 0.1), ("Perizinan bangunan", 0.1)),
}
_KANAL = (
    ("lapor", 0.3),
    ("whatsapp", 0.25),
    ("langsung", 0.15),
    ("media_sosial", 0.15),
    ("telepon", 0.1),
    ("email", 0.05),
)


def _units(agencies: list[Agency]) -> list[tuple[Agency, float]]:
    pop_total = sum(POPULATION.values())
    out = []
    for a in agencies:
        if a.tipe not in _SHARE or (a.tipe == "DUKCAPIL" and a.wilayah == reference.PROVINSI_KODE):
            continue
        provincial = a.wilayah == reference.PROVINSI_KODE
        region = 0.25 if provincial else (0.75 if a.tipe != "DUKCAPIL" else 1.0) * POPULATION[a.wilayah] / pop_total
        out.append((a, _SHARE[a.tipe] * region))
    return out


def build_pengaduan(rng: np.random.Generator, agencies: list[Agency], n: int) -> pd.DataFrame:
    """About one complaint per employee of the demo, 2023 to the region's last upload."""
    total = max(400, n)
    frames = []
    for a, weight in _units(agencies):
        frames.append(_complaints(rng, a, int(total * weight), late_rate=0.3 if a.kode == "17.DISHUB" else 0.12))
    df = pd.concat(frames, ignore_index=True).sort_values(["instansi_id", "tanggal_masuk", "nomor"], kind="stable")
    df.insert(0, "id", np.arange(1, len(df) + 1))
    return df.reset_index(drop=True)


def _complaints(rng: np.random.Generator, a: Agency, count: int, late_rate: float) -> pd.DataFrame:
    end = data_end(a.wilayah)
    full_days = (dt.date(2026, 11, 20) - dt.date(2023, 1, 1)).days + 1
    days = np.arange(np.datetime64(dt.date(2023, 1, 1)), np.datetime64(end) + 1)
    count = int(count * len(days) / full_days)
    day = np.sort(days[rng.integers(0, len(days), size=count)])
    masuk = day.astype("datetime64[m]") + rng.integers(6 * 60, 22 * 60, size=count).astype("timedelta64[m]")
    late = rng.random(count) < late_rate
    wd = np.where(
        late, rng.integers(6, 21, size=count), rng.choice([1, 2, 3, 4, 5], size=count, p=[0.35, 0.25, 0.18, 0.12, 0.1])
    )
    office = lambda size: rng.integers(8 * 60, 16 * 60, size=size).astype("timedelta64[m]")  # noqa: E731
    tanggapan = working_days(day, wd).astype("datetime64[m]") + office(count)
    selesai = tanggapan + np.round(rng.lognormal(np.log(6 * 24), 0.9, size=count) * 60).astype("timedelta64[m]")
    cutoff = np.datetime64(end) + np.timedelta64(1, "D")
    age = (cutoff - masuk).astype("timedelta64[D]").astype(np.int64)
    u = rng.random(count)
    status = np.where(u < 0.9, "selesai", np.where(u < 0.96, "diproses", "ditolak")).astype(object)
    status[(age < 30) & (u < 0.4)] = "diproses"
    status[selesai > cutoff] = "diproses"
    status[(tanggapan > cutoff) | ((age < 3) & (u < 0.7))] = "baru"
    nat = np.datetime64("NaT")
    df = pd.DataFrame(
        {
            "instansi_id": a.id,
            "tanggal_masuk": masuk,
            "tanggal_tanggapan": np.where(status == "baru", nat, tanggapan),
            "tanggal_selesai": np.where(status == "selesai", selesai, nat),
            "kanal": pick(rng, [k for k, _ in _KANAL], count, [w for _, w in _KANAL]),
            "kategori": pick(rng, [k for k, _ in _KATEGORI[a.tipe]], count, [w for _, w in _KATEGORI[a.tipe]]),
            "status": status,
        }
    )
    year = masuk.astype("datetime64[Y]").astype(np.int64) + 1970
    seq = pd.Series(year).groupby(year).cumcount().to_numpy() + 1
    digits = a.wilayah.replace(".", "")
    df["nomor"] = [f"ADU-{digits}-{y}-{s:05d}" for y, s in zip(year, seq, strict=True)]
    return df
