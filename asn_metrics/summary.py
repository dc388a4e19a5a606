"""The headline figures of `summary --json` (DATA_FORMATS.md "summary --json"), as plain JSON values."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy import Engine

from asn_metrics import store
from asn_metrics.filters import Filters
from asn_metrics.reference import PERIODE_TAHUNAN, PREDIKAT_ORDER


def default_year(engine: Engine) -> int | None:
    """The latest year with annual SKP predikat, else the latest year with any data."""
    years = store.load_skp_years(engine) or store.load_data_years(engine)
    return years[0] if years else None


def build_summary(engine: Engine, filters: Filters) -> dict[str, Any]:
    """The summary object for the filters; without a year, the latest year that has data."""
    if filters.tahun is None:
        filters = filters.with_year(default_year(engine))
    result: dict[str, Any] = {
        "filter": {"tahun": filters.tahun, "instansi": filters.instansi, "wilayah": filters.wilayah},
        "pegawai": {"jumlah": store.load_pegawai_count(engine, filters)},
        "predikat": dict.fromkeys(PREDIKAT_ORDER, 0),
    }
    if filters.tahun is not None:
        # The contract counts the annual ratings of the year (periode = tahunan).
        annual = replace(filters, periode=PERIODE_TAHUNAN)
        counts = store.load_predikat_counts(engine, annual, last_period_stands_for_year=False)
        for predikat, jumlah in zip(counts["predikat"], counts["jumlah"], strict=True):
            result["predikat"][str(predikat)] = int(jumlah)
    return result
