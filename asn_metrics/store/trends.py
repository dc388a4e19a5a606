"""Readers across years: predikat counts per year and monthly service counts, aggregated in SQL."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from sqlalchemy import Engine

from asn_metrics.filters import Filters
from asn_metrics.store.base import frame, scope_agency
from asn_metrics.store.people import standing_counts
from asn_metrics.store.services import summed_timeliness, timeliness_frame


def load_predikat_trend(
    engine: Engine, filters: Filters, *, years: Sequence[int], by: Sequence[str] = ()
) -> pd.DataFrame:
    """Employees per predikat for each of ``years``: tahun, the group columns of ``by``, predikat, jumlah.

    Per employee and year the annual rating counts, else the last period of the year (DOMAIN.md §1), as in
    ``load_predikat_counts``; ``filters.tahun`` and ``filters.periode`` are ignored (the years are given).
    """
    result = frame(engine, standing_counts(filters, years, by))
    result["tahun"] = result["tahun"].astype("int64")
    return result


def load_service_monthly(engine: Engine, filters: Filters) -> pd.DataFrame:
    """Services per calendar month of every year in the filters' region and agency: tahun, bulan_ke, jumlah,
    selesai, dengan_standar, tepat_waktu (DOMAIN.md §3); months without applications are absent."""
    return timeliness_frame(engine, scope_agency(summed_timeliness(("tahun", "bulan_ke")), filters))
