"""Complaints (SP4N-LAPOR!): working days, response and resolution figures, and the complaint funnel."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, Final

import holidays
import numpy as np
import pandas as pd

from asn_metrics.uncertainty import wilson_interval

#: Indonesia works Monday to Friday.
WEEKMASK: Final = "1111100"
#: DOMAIN.md §4: first follow-up by the agency within 5 working days.
BATAS_TANGGAPAN_HARI_KERJA: Final = 5
TAHAP_FUNNEL: Final = ("masuk", "ditanggapi", "selesai")


@lru_cache(maxsize=64)
def _holiday_year(year: int, cuti_bersama: bool) -> tuple[dt.date, ...]:
    """One year's calendar, computed once per process (the package computes the Islamic dates each time)."""
    categories = ("public", "government") if cuti_bersama else ("public",)
    return tuple(sorted(holidays.country_holidays("ID", years=year, categories=categories)))


def _holiday_array(first_year: int, last_year: int, cuti_bersama: bool) -> np.ndarray:
    days = [d for year in range(first_year, last_year + 1) for d in _holiday_year(year, cuti_bersama)]
    return np.array(days, dtype="datetime64[D]")


def holiday_dates(years: Sequence[int], cuti_bersama: bool = True) -> np.ndarray:
    """Indonesian national holidays (and cuti bersama) of the given years, as sorted datetime64[D].

    DOMAIN.md §4: from the maintained ``holidays`` package: category ``public`` (hari libur nasional,
    Keppres/SKB 3 Menteri, incl. election days) and, with ``cuti_bersama``, category ``government``,
    which in that package holds the cuti bersama of ASN (e.g. "Cuti Bersama Hari Raya Idul Fitri").
    Dates of future Islamic holidays are the package's estimates until the SKB is published.
    """
    if len(years) == 0:
        return np.array([], dtype="datetime64[D]")
    return _holiday_array(int(min(years)), int(max(years)), cuti_bersama)


def _days(values: Any) -> np.ndarray:
    if isinstance(values, pd.Series) and pd.api.types.is_datetime64_any_dtype(values):
        return values.dt.floor("D").to_numpy().astype("datetime64[D]")  # already dates: no parsing
    raw = pd.Series(np.atleast_1d(np.asarray(values, dtype=object)))
    stamps = pd.to_datetime(raw, errors="coerce", format="mixed")
    return stamps.dt.floor("D").to_numpy(dtype="datetime64[D]")


def working_days_between(start: Any, end: Any, cuti_bersama: bool = True) -> np.ndarray:
    """Working days from ``start`` to ``end``, vectorised: the working days after the start date up to
    and including the end date (the day of receipt is day 0), as float.

    DOMAIN.md §4: working days exclude Saturdays, Sundays, national holidays and (by default) cuti
    bersama (``holiday_dates``); computed with numpy.busday_count on dates (times of day ignored).
    A complaint on Friday answered on Monday took 1 working day; same day 0. NaT on either side, or an
    end before the start (inconsistent data), gives NaN.
    """
    s, e = _days(start), _days(end)
    s, e = np.broadcast_arrays(s, e)
    valid = ~np.isnat(s) & ~np.isnat(e)
    valid &= np.where(valid, e >= s, False)
    out = np.full(s.shape, np.nan)
    if not valid.any():
        return out
    years = pd.DatetimeIndex(np.concatenate([s[valid], e[valid]])).year
    calendar = holiday_dates([int(years.min()), int(years.max())], cuti_bersama)
    one = np.timedelta64(1, "D")
    counts = np.busday_count(s[valid] + one, e[valid] + one, weekmask=WEEKMASK, holidays=calendar)
    out[valid] = counts
    return out


def _keys(by: str | Sequence[str] | None) -> list[str]:
    return [by] if isinstance(by, str) else list(by or [])


def _latest_date(pengaduan: pd.DataFrame) -> pd.Timestamp:
    cols = [c for c in ("tanggal_masuk", "tanggal_tanggapan", "tanggal_selesai") if c in pengaduan.columns]
    return pd.Timestamp(pengaduan[cols].max().max())


def complaint_metrics(
    pengaduan: pd.DataFrame,
    by: str | Sequence[str] = ("instansi_kode",),
    as_of: pd.Timestamp | str | None = None,
    batas_hari_kerja: int = BATAS_TANGGAPAN_HARI_KERJA,
    cuti_bersama: bool = True,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Complaint figures per group (DOMAIN.md §4); use ``by`` with ``kanal`` or ``kategori`` for those cuts.

    ``jumlah``: complaints. ``persen_ditanggapi_5_hari`` = first responses within ``batas_hari_kerja``
    working days / judged complaints × 100, where judged = answered complaints plus unanswered ones
    whose deadline has passed by ``as_of`` (those count as late; unanswered ones still within the
    deadline are left out). ``as_of`` defaults to the latest date in the data. ``persen_selesai`` =
    complaints with ``tanggal_selesai`` or status 'selesai' / jumlah × 100. ``median_hari_tanggapan``:
    working days to the first response (``working_days_between``); ``median_hari_selesai``: calendar
    days from receipt to resolution (the 60-day rule counts days). Both percentages carry Wilson
    intervals (``_bawah``/``_atas``). Required columns: ``tanggal_masuk``, ``tanggal_tanggapan``,
    ``tanggal_selesai``, ``status`` and ``by``. Rows without tanggal_masuk count in ``jumlah`` only.
    Empty input gives an empty frame with the columns.
    """
    keys = _keys(by)
    columns = [
        *keys,
        "jumlah",
        "ditanggapi",
        "dinilai_tanggapan",
        "ditanggapi_tepat_waktu",
        "persen_ditanggapi_5_hari",
        "persen_ditanggapi_5_hari_bawah",
        "persen_ditanggapi_5_hari_atas",
        "selesai",
        "persen_selesai",
        "persen_selesai_bawah",
        "persen_selesai_atas",
        "median_hari_tanggapan",
        "median_hari_selesai",
    ]
    if pengaduan.empty:
        return pd.DataFrame(columns=columns)
    reference = pd.Timestamp(as_of) if as_of is not None else _latest_date(pengaduan)
    masuk, tanggapan = pengaduan["tanggal_masuk"], pengaduan["tanggal_tanggapan"]
    frame = pengaduan[keys].copy()
    frame["_hari_tanggapan"] = working_days_between(masuk, tanggapan, cuti_bersama)
    answered = frame["_hari_tanggapan"].notna()
    waited = pd.Series(working_days_between(masuk, reference, cuti_bersama), index=frame.index)
    overdue = ~answered & tanggapan.isna() & waited.gt(batas_hari_kerja)
    frame["_dinilai"] = answered | overdue
    frame["_tepat"] = answered & frame["_hari_tanggapan"].le(batas_hari_kerja)
    frame["_ditanggapi"] = answered
    frame["_selesai"] = pengaduan["tanggal_selesai"].notna() | pengaduan["status"].eq("selesai")
    days = (pengaduan["tanggal_selesai"].dt.floor("D") - masuk.dt.floor("D")).dt.days
    frame["_hari_selesai"] = days.where(days >= 0).astype(float)
    out = (
        frame.groupby(keys, dropna=False, sort=True)
        .agg(
            jumlah=("_selesai", "size"),
            ditanggapi=("_ditanggapi", "sum"),
            dinilai_tanggapan=("_dinilai", "sum"),
            ditanggapi_tepat_waktu=("_tepat", "sum"),
            selesai=("_selesai", "sum"),
            median_hari_tanggapan=("_hari_tanggapan", "median"),
            median_hari_selesai=("_hari_selesai", "median"),
        )
        .reset_index()
    )
    for name, hits, total in (
        ("persen_ditanggapi_5_hari", "ditanggapi_tepat_waktu", "dinilai_tanggapan"),
        ("persen_selesai", "selesai", "jumlah"),
    ):
        n = out[total].to_numpy(dtype=float)
        out[name] = np.where(n > 0, out[hits].to_numpy(dtype=float) / np.where(n > 0, n, 1.0) * 100.0, np.nan)
        out[f"{name}_bawah"], out[f"{name}_atas"] = wilson_interval(out[hits], n, confidence)
    return out[columns]


def complaint_funnel(pengaduan: pd.DataFrame, by: str | Sequence[str] | None = None) -> pd.DataFrame:
    """Complaint funnel masuk → ditanggapi → selesai, counts per group (DOMAIN.md §4).

    ``masuk``: all complaints; ``ditanggapi``: with a first response or resolved (a resolved complaint
    was answered, so the funnel never widens); ``selesai``: with ``tanggal_selesai`` or status
    'selesai'. Output, long: ``by``, ``tahap``, ``jumlah``, ``persen_dari_masuk``. Required columns:
    ``tanggal_tanggapan``, ``tanggal_selesai``, ``status`` and ``by``. Empty input gives an empty frame.
    """
    keys = _keys(by)
    columns = [*keys, "tahap", "jumlah", "persen_dari_masuk"]
    if pengaduan.empty:
        return pd.DataFrame(columns=columns)
    selesai = pengaduan["tanggal_selesai"].notna() | pengaduan["status"].eq("selesai")
    frame = pd.DataFrame(
        {"masuk": True, "ditanggapi": pengaduan["tanggal_tanggapan"].notna() | selesai, "selesai": selesai},
        index=pengaduan.index,
    )
    group_keys = keys or ["_semua"]
    frame[group_keys] = pengaduan[keys] if keys else 0
    wide = frame.groupby(group_keys, dropna=False, sort=True)[list(TAHAP_FUNNEL)].sum().reset_index()
    long = wide.melt(id_vars=group_keys, var_name="tahap", value_name="jumlah")
    long["tahap"] = pd.Categorical(long["tahap"], categories=list(TAHAP_FUNNEL), ordered=True)
    long = long.sort_values([*group_keys, "tahap"], kind="stable")
    total = long.groupby(group_keys, dropna=False)["jumlah"].transform("max")
    long["persen_dari_masuk"] = long["jumlah"] / total * 100.0
    long["tahap"] = long["tahap"].astype(str)
    long["jumlah"] = long["jumlah"].astype(int)
    return long[columns].reset_index(drop=True)
