"""Community satisfaction survey responses (SKM, DOMAIN.md §2), with one straight-lining and one undersampled unit."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from asn_metrics import reference
from asn_metrics.demo.agencies import IKM_A, IKM_C, STRAIGHT_LINING, UNDERSAMPLED, Agency
from asn_metrics.demo.common import data_end, pick
from asn_metrics.demo.services import SHARE

YEARS = (2023, 2024, 2025, 2026)
_WEIGHT = {"DUKCAPIL": 1.5, "RSUD": 1.0, "DPMPTSP": 0.6, "DISHUB": 0.6}
_ELEMENT_SHIFT = np.array([0.05, 0.0, -0.2, 0.35, 0.0, 0.05, 0.1, -0.15, -0.1])
_PEKERJAAN = (
    "PNS/TNI/Polri",
    "Pegawai Swasta",
    "Wiraswasta",
    "Petani",
    "Nelayan",
    "Pelajar/Mahasiswa",
    "Ibu Rumah Tangga",
    "Buruh",
    "Lainnya",
)
_SARAN = {
    "DUKCAPIL": (
        "Antrean terlalu panjang, mohon tambah loket.",
        "Blangko KTP-el sering habis.",
        "Petugas ramah dan cepat, pertahankan.",
        "Mohon layanan online lebih mudah diakses.",
        "Ruang tunggu perlu kursi tambahan.",
    ),
    "RSUD": (
        "Waktu tunggu dokter terlalu lama.",
        "Toilet perlu lebih bersih.",
        "Perawat sangat membantu, terima kasih.",
        "Parkir kurang luas.",
        "Informasi antrean BPJS kurang jelas.",
    ),
    "DPMPTSP": (
        "Proses izin sudah cepat melalui OSS.",
        "Persyaratan perlu disosialisasikan lebih jelas.",
        "Petugas informatif dan sopan.",
    ),
    "DISHUB": (
        "Uji KIR perlu jadwal yang jelas.",
        "Mohon ditertibkan parkir liar di pasar.",
        "Lampu lalu lintas sering mati.",
    ),
}


def krejcie_morgan(population: float) -> int:
    """Minimum sample for a population (DOMAIN.md §2)."""
    if population <= 0:
        return 0
    return int(np.ceil(3.841 * population * 0.25 / (0.0025 * (population - 1) + 3.841 * 0.25)))


def survey_units(agencies: list[Agency]) -> list[Agency]:
    """Every Disdukcapil that issues documents, every RSUD, some DPMPTSP and Dishub offices."""
    some = {"17", "17.71", "17.02", "17.03"}
    return [
        a
        for a in agencies
        if (a.tipe == "DUKCAPIL" and a.wilayah != reference.PROVINSI_KODE)
        or a.tipe == "RSUD"
        or (a.tipe == "DPMPTSP" and a.wilayah in some)
        or (a.tipe == "DISHUB" and a.wilayah in ("17", "17.71", "17.02"))
    ]


def build_skm(rng: np.random.Generator, agencies: list[Agency], layanan: pd.DataFrame, n: int) -> pd.DataFrame:
    """Responses per unit and year; Disdukcapil units sized to their service volume (Krejcie-Morgan)."""
    units = survey_units(agencies)
    volume = layanan.groupby(["instansi_id", layanan["tanggal_masuk"].dt.year]).size().to_dict()
    total = 6 * n
    base = total / (sum(_WEIGHT[a.tipe] for a in units) * len(YEARS))
    frames = []
    for a in units:
        mean = 3.62 if a.kode == IKM_A else 2.85 if a.kode in IKM_C else rng.uniform(3.12, 3.38)
        if a.kode == STRAIGHT_LINING:
            mean = 2.8  # half its answers are all 4s, which lifts it back into mutu B
        for year in YEARS:
            end = min(data_end(a.wilayah), dt.date(year, 12, 31))
            days = np.arange(np.datetime64(dt.date(year, 1, 1)), np.datetime64(end) + 1)
            fraction = len(days) / 365
            count = int(base * _WEIGHT[a.tipe] * fraction * rng.uniform(0.85, 1.15))
            if a.tipe == "DUKCAPIL":
                need = krejcie_morgan(volume.get((a.id, year), 0))
                count = int(need * 0.15) if a.kode == UNDERSAMPLED else max(count, int(need * rng.uniform(1.05, 1.2)))
            frames.append(_responses(rng, a, year, days, count, mean))
    df = pd.concat(frames, ignore_index=True).sort_values(["instansi_id", "tanggal", "responden_id"], kind="stable")
    df.insert(0, "id", np.arange(1, len(df) + 1))
    return df.reset_index(drop=True)


def _responses(
    rng: np.random.Generator, a: Agency, year: int, days: np.ndarray, count: int, mean: float
) -> pd.DataFrame:
    weekday = (days.astype(np.int64) + 3) % 7
    w = np.where(weekday < 5, 1.0, 0.05)
    tanggal = np.sort(days[rng.choice(len(days), size=count, p=w / w.sum())])
    person = rng.normal(0.0, 0.25, size=(count, 1))
    raw = mean + _ELEMENT_SHIFT + person + rng.normal(0.0, 0.45, size=(count, 9))
    answers = np.clip(np.rint(raw), 1, 4).astype(np.int64)
    if a.kode == STRAIGHT_LINING:
        answers[rng.random(count) < 0.5] = 4
    df = pd.DataFrame(answers, columns=list(reference.UNSUR_KOLOM))
    df.insert(0, "tanggal", tanggal)
    df.insert(0, "instansi_id", a.id)
    if a.tipe == "DUKCAPIL":
        df["jenis_layanan"] = pick(rng, list(SHARE), count, list(SHARE.values()))
    else:
        df["jenis_layanan"] = "lainnya" if a.tipe == "DPMPTSP" else None
    df["responden_id"] = [f"SKM-{year}-{i:05d}" for i in range(1, count + 1)]
    df["jenis_kelamin"] = np.where(rng.random(count) < 0.52, "P", "L")
    df["umur"] = np.clip(rng.normal(39, 12, size=count), 17, 75).astype(np.int64)
    df["pendidikan"] = pick(rng, ["SD", "SMP", "SMA", "D3", "S1", "S2"], count, [0.1, 0.15, 0.42, 0.08, 0.22, 0.03])
    df["pekerjaan"] = pick(rng, _PEKERJAAN, count, [0.12, 0.15, 0.2, 0.18, 0.04, 0.1, 0.12, 0.05, 0.04])
    saran = pick(rng, _SARAN[a.tipe], count)
    saran[rng.random(count) >= 0.06] = None
    df["saran"] = saran
    df["sumber_baris"] = None
    return df
