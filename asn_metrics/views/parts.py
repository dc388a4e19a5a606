"""Compositions several views share: the agency scorecard and the data-quality table, from a ``Source``."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from asn_metrics import compose
from asn_metrics.filters import Filters
from asn_metrics.views.source import Source


def quality_table(source: Source, filters: Filters) -> pd.DataFrame:
    """The data-quality score per agency of the year (``compose.quality_table`` from the store's aggregates)."""
    as_of = source.data_as_of().get("impor_terakhir") or dt.datetime.now()
    return compose.quality_table(
        coverage=source.skp_coverage(filters),
        completeness=source.service_completeness(filters, as_of),
        latest=source.upload_freshness(filters),
        consistency=source.skp_consistency(filters),
        skm_rows=source.skm(filters),
        predikat_counts=source.predikat_counts(filters, ("instansi_kode",)),
    )


def agency_scorecard(source: Source, filters: Filters) -> pd.DataFrame:
    """The agency scorecard of the year (``compose.scorecard_for`` over every part's aggregate)."""
    return compose.scorecard_for(
        predikat_counts=source.predikat_counts(filters, ("instansi_kode",)),
        skm_rows=source.skm(filters),
        timeliness_counts=source.service_timeliness_counts(filters, ("instansi_kode",)),
        pengaduan_rows=source.pengaduan(filters),
        indikator_rows=source.indikator(filters),
        jp=source.jp_per_pegawai(filters),
        kualitas=quality_table(source, filters),
    )
