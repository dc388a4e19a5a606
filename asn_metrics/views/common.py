"""What every view shares: KPI cards as values, and the subtitle that names the filters in words."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from asn_metrics.filters import Filters
from asn_metrics.formatting import format_periode
from asn_metrics.reference import JENIS_JABATAN_LABEL
from asn_metrics.store.lists import PAGE_SIZE
from asn_metrics.views.source import Source


@dataclass(frozen=True)
class Kpi:
    """One KPI card: its label, the formatted value, an optional change, the line under the value that says
    what it counts (``note``, shown on the card) and a longer explanation (``help``, behind the ⓘ)."""

    label: str
    value: str
    delta: str | None = None
    help: str | None = None
    delta_color: str = "normal"
    note: str | None = None
    #: The change lies inside the noise (issue 16 item 3): shown grey, without an arrow, never as a rise or fall.
    within_noise: bool = False

    @property
    def unchanged(self) -> bool:
        """The change is ±0: shown grey with the words "tidak berubah", not as a colourless bare number."""
        return bool(self.delta) and str(self.delta).startswith("±")


def describe_filters(source: Source, filters: Filters) -> str:
    """The subtitle of charts: year, period and filters in words."""
    parts = [f"Tahun {filters.tahun}" if filters.tahun else "Semua tahun"]
    if filters.periode:
        parts.append(f"periode {format_periode(filters.periode)}")
    if filters.wilayah:
        names = source.wilayah().set_index("kode")["nama"]
        parts.append(str(names.get(filters.wilayah, filters.wilayah)))
    if filters.instansi:
        names = source.instansi().set_index("kode")["nama"]
        parts.append(str(names.get(filters.instansi, filters.instansi)))
    if filters.jenis_jabatan:
        parts.append(JENIS_JABATAN_LABEL.get(filters.jenis_jabatan, filters.jenis_jabatan))
    return " · ".join(parts)


def with_names(frame: pd.DataFrame, names: pd.DataFrame, key: str = "instansi_kode") -> pd.DataFrame:
    """``frame`` with a ``nama`` column looked up from ``names`` (kode, nama); unknown codes keep the code."""
    lookup = dict(zip(names["kode"], names["nama"], strict=True))
    return frame.assign(nama=[lookup.get(k, k) for k in frame[key]])


@dataclass(frozen=True)
class Page:
    """One page of a person list (``PAGE_SIZE`` rows, read in SQL by ``store.lists``): its rows, which page it
    is and how many rows and pages matched."""

    rows: pd.DataFrame
    number: int
    pages: int
    total: int

    @classmethod
    def of(cls, rows: pd.DataFrame, number: int, total: int) -> Page:
        return cls(rows.reset_index(drop=True), number, max(1, -(-total // PAGE_SIZE)), total)
