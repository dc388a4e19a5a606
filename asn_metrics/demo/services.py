"""Service transactions (layanan): Disdukcapil documents and DPMPTSP permits (DOMAIN.md §3)."""

from __future__ import annotations

import datetime as dt
import functools

import numpy as np
import pandas as pd

from asn_metrics import reference
from asn_metrics.demo.agencies import Agency
from asn_metrics.demo.common import DATA_END, data_end

START = dt.date(2023, 1, 1)
SHARE = {
    "ktp_el": 0.3,
    "kk": 0.25,
    "akta_kelahiran": 0.17,
    "kia": 0.1,
    "pindah": 0.08,
    "akta_kematian": 0.06,
    "akta_perkawinan": 0.04,
}
_SHORT = {
    "ktp_el": "KTP",
    "kk": "KK",
    "akta_kelahiran": "AKL",
    "akta_kematian": "AKM",
    "akta_perkawinan": "AKW",
    "pindah": "SKPWNI",
    "kia": "KIA",
    "lainnya": "IZIN",
}
_SVC_SPEED = {"akta_perkawinan": 1.5, "pindah": 1.2, "kia": 0.8}
#: Population weight of each kabupaten/kota (share of document demand).
POPULATION = {
    "17.01": 170,
    "17.02": 270,
    "17.03": 300,
    "17.04": 130,
    "17.05": 210,
    "17.06": 190,
    "17.07": 110,
    "17.08": 150,
    "17.09": 115,
    "17.71": 380,
}
#: Median processing time (hours) at each Disdukcapil: some mostly within the 1-hour standard, others slow.
MEDIAN_HOURS = {
    "17.71": 0.4,
    "17.02": 0.55,
    "17.08": 0.7,
    "17.09": 0.9,
    "17.01": 1.1,
    "17.05": 1.4,
    "17.03": 2.5,
    "17.06": 4.0,
    "17.04": 6.0,
    "17.07": 9.0,
}
_LEBARAN = {(2023, 4), (2024, 4), (2025, 3), (2026, 3)}


def month_factor(service: str, year: int, month: int) -> float:
    """Seasonal demand: school enrolment (Jun-Aug), January KTP-el, the 2024 election, Lebaran."""
    f = 1.0
    if service in ("akta_kelahiran", "kia"):
        f *= {6: 1.6, 7: 1.9, 8: 1.3}.get(month, 1.0)
    elif service == "kk":
        f *= {6: 1.25, 7: 1.35}.get(month, 1.0)
    elif service == "ktp_el":
        f *= 1.5 if month == 1 else 1.0
        if year == 2024:
            f *= {1: 1.6, 2: 1.5, 10: 1.2, 11: 1.25}.get(month, 1.0)
    if (year, month) in _LEBARAN:
        f *= 0.8
    return f * (1 + 0.06 * (year - 2023))


def _days(end: dt.date) -> np.ndarray:
    return np.arange(np.datetime64(START), np.datetime64(end) + 1)


@functools.cache
def _day_weights(service: str) -> np.ndarray:
    """Relative demand of each day from ``START`` to the end of the demo (weekdays, seasons)."""
    days = _days(DATA_END)
    weekday = (days.astype(np.int64) + 3) % 7  # 0 = Monday
    w = np.where(weekday < 5, 1.0, np.where(weekday == 5, 0.1, 0.03))
    months = days.astype("datetime64[M]").astype(np.int64)
    factors = {m: month_factor(service, 1970 + m // 12, m % 12 + 1) for m in np.unique(months).tolist()}
    return w * np.array([factors[m] for m in months.tolist()])


def _officers(people: pd.DataFrame) -> dict[int, list[str]]:
    """A handful of counter officers (pelaksana or fungsional) per agency."""
    staff = people[people["jenis_jabatan"].isin(["pelaksana", "fungsional"])]
    grouped = staff.groupby("instansi_id")["nip"].apply(list)
    return {int(k): v[:6] for k, v in zip(grouped.index.tolist(), grouped.tolist(), strict=True)}


def _transactions(
    rng: np.random.Generator,
    agency: Agency,
    service: str,
    total: int,
    median_h: float,
    sigma: float,
    officers: list[str],
    prefix: str,
) -> pd.DataFrame:
    days = _days(data_end(agency.wilayah))
    w_full = _day_weights(service)
    w = w_full[: len(days)]
    count = round(total * w.sum() / w_full.sum())
    day = days[rng.choice(len(days), size=count, p=w / w.sum())]
    masuk = (
        day.astype("datetime64[m]")
        + np.timedelta64(8 * 60, "m")
        + rng.integers(0, 450, size=count).astype("timedelta64[m]")
    )
    year = masuk.astype("datetime64[Y]").astype(np.int64) + 1970
    online_share = 0.12 + 0.07 * (year - 2023)
    u = rng.random(count)
    kanal = np.where(u < online_share, "online", np.where(u < online_share + 0.07, "jemput_bola", "loket"))
    pool: list[str | None] = [*officers] or [None]
    speed = rng.lognormal(0.0, 0.35, size=max(len(officers), 1))
    who = rng.integers(0, max(len(officers), 1), size=count)
    hours = rng.lognormal(np.log(median_h * _SVC_SPEED.get(service, 1.0)), sigma, size=count) * speed[who]
    hours *= np.where(kanal == "online", 1.5, 1.0)
    tail = rng.random(count) < 0.04
    hours = np.where(tail, hours + rng.uniform(24, 24 * 12, size=count), hours)
    minutes = np.maximum(np.round(hours * 60), 3).astype(np.int64)
    selesai = masuk + minutes.astype("timedelta64[m]")
    cutoff = np.datetime64(data_end(agency.wilayah)) + np.timedelta64(1, "D")
    age_days = (cutoff - masuk).astype("timedelta64[h]").astype(np.int64) / 24
    stuck = (selesai > cutoff) | ((age_days < 21) & (rng.random(count) < 0.25 * (1 - age_days / 21)))
    rejected = ~stuck & (rng.random(count) < 0.01)
    status = np.where(stuck, "proses", np.where(rejected, "ditolak", "selesai"))
    df = pd.DataFrame(
        {
            "instansi_id": agency.id,
            "jenis_layanan": service,
            "tanggal_masuk": masuk,
            "tanggal_selesai": np.where(stuck, np.datetime64("NaT"), selesai),
            "durasi_jam": np.where(stuck, np.nan, minutes / 60.0),
            "status": status,
            "kanal": kanal,
            "petugas_nip": np.array(pool, dtype=object)[who],
            "tahun": year,
        }
    ).sort_values("tanggal_masuk", kind="stable")
    seq = df.groupby("tahun").cumcount().to_numpy() + 1
    df["nomor"] = [f"{prefix}-{_SHORT[service]}-{y}-{s:06d}" for y, s in zip(df["tahun"], seq, strict=True)]
    return df.drop(columns="tahun")


def build_layanan(rng: np.random.Generator, people: pd.DataFrame, agencies: list[Agency], n: int) -> pd.DataFrame:
    """Disdukcapil documents of every kabupaten/kota (and a kecamatan counter each) plus DPMPTSP permits."""
    total = max(5000, 20 * n)
    officers = _officers(people)
    pop_total = sum(POPULATION.values())
    frames = []
    for wil in reference.KABKOTA_KODE:
        regional = [a for a in agencies if a.wilayah == wil]
        dukcapil = next(a for a in regional if a.tipe == "DUKCAPIL")
        counter = next(a for a in regional if a.tipe == "KECAMATAN")
        digits = wil.replace(".", "")
        volume = total * POPULATION[wil] / pop_total
        for service, share in SHARE.items():
            frames.append(
                _transactions(
                    rng,
                    dukcapil,
                    service,
                    int(volume * share * 0.88),
                    MEDIAN_HOURS[wil],
                    0.9,
                    officers.get(dukcapil.id, []),
                    digits,
                )
            )
            if service in ("ktp_el", "kk", "kia", "pindah"):
                frames.append(
                    _transactions(
                        rng,
                        counter,
                        service,
                        int(volume * share * 0.12),
                        MEDIAN_HOURS[wil] * 2.5,
                        0.9,
                        officers.get(counter.id, []),
                        f"{digits}-K01",
                    )
                )
    permits = max(300, int(0.6 * n))
    for a in (a for a in agencies if a.tipe == "DPMPTSP"):
        weight = 0.25 if a.wilayah == reference.PROVINSI_KODE else 0.75 * POPULATION[a.wilayah] / pop_total
        frames.append(
            _transactions(
                rng,
                a,
                "lainnya",
                int(permits * weight),
                60.0,
                0.8,
                officers.get(a.id, []),
                a.wilayah.replace(".", "").ljust(4, "0"),
            )
        )
    df = pd.concat(frames, ignore_index=True).sort_values(["instansi_id", "tanggal_masuk", "nomor"], kind="stable")
    df.insert(0, "id", np.arange(1, len(df) + 1))
    return df.reset_index(drop=True)
