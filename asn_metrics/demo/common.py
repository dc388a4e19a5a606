"""Shared constants and helpers of the demo generator: the fixed "today", allocation, row conversion."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from typing import Any

import holidays
import numpy as np
import pandas as pd

from asn_metrics import reference

#: Fixed reference date: the demo never depends on the wall clock.
TODAY = dt.date(2026, 11, 27)
#: Last day with transactions in a region that uploads regularly.
DATA_END = dt.date(2026, 11, 20)
#: The region whose uploads stopped (DOMAIN.md §9, freshness) and the last day of its data.
STALE_WILAYAH = "17.06"
STALE_END = dt.date(2026, 4, 30)
SKP_YEARS = (2022, 2023, 2024, 2025)
LEGACY_YEARS = (2020, 2021)


class DemoError(Exception):
    """The demo cannot be generated (a non-empty database, an impossible size)."""


def region_label(wilayah_kode: str) -> str:
    """``Provinsi Bengkulu``, ``Kabupaten Kaur`` or ``Kota Bengkulu``."""
    nama = reference.WILAYAH[wilayah_kode][0]
    if wilayah_kode == reference.PROVINSI_KODE or nama.startswith("Kota "):
        return nama
    return f"Kabupaten {nama}"


def data_end(wilayah_kode: str) -> dt.date:
    """Last day with events in a region's uploads."""
    return STALE_END if wilayah_kode == STALE_WILAYAH else DATA_END


def allocate(total: int, weights: Sequence[float] | np.ndarray, minimum: Sequence[int] | np.ndarray) -> np.ndarray:
    """Split ``total`` into integer parts proportional to ``weights``, each at least its ``minimum``."""
    w = np.asarray(weights, dtype=float)
    base = np.asarray(minimum, dtype=np.int64).copy()
    rest = total - int(base.sum())
    if rest < 0:
        raise DemoError(f"jumlah {total} terlalu kecil untuk {len(w)} bagian")
    share = rest * w / w.sum()
    whole = np.floor(share).astype(np.int64)
    left = rest - int(whole.sum())
    # Largest remainder, ties broken by position so the split is reproducible.
    order = np.lexsort((np.arange(len(w)), -(share - whole)))
    whole[order[:left]] += 1
    return base + whole


def pick(rng: np.random.Generator, options: Sequence[Any], size: int, p: Sequence[float] | None = None) -> np.ndarray:
    """Draw ``size`` items of ``options`` (normalised probabilities ``p``) as an object array."""
    probs = None if p is None else np.asarray(p, dtype=float) / float(np.sum(p))
    idx = rng.choice(len(options), size=size, p=probs)
    return np.asarray(options, dtype=object)[idx]


def to_records(df: pd.DataFrame, *, dates: Iterable[str] = (), datetimes: Iterable[str] = ()) -> list[dict[str, Any]]:
    """Rows as dicts of plain Python values (``None`` for missing), dates as ``date``/``datetime``."""
    date_cols, datetime_cols = set(dates), set(datetimes)
    columns: list[list[Any]] = []
    for name in df.columns:
        series = df[name]
        if name in date_cols:
            values = series.to_numpy(dtype="datetime64[D]").astype(object).tolist()
        elif name in datetime_cols:
            values = series.to_numpy(dtype="datetime64[s]").astype(object).tolist()
        else:
            values = series.astype(object).where(series.notna(), None).tolist()
        columns.append(values)
    names = list(df.columns)
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]


@functools.cache
def _holidays() -> np.ndarray:
    years = range(2022, TODAY.year + 2)
    return np.array(sorted(holidays.country_holidays("ID", years=years)), dtype="datetime64[D]")


def working_days(start: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """Dates ``offsets`` Indonesian working days after ``start`` (datetime64[D]), national holidays excluded."""
    return np.busday_offset(start, offsets, roll="forward", holidays=_holidays())
