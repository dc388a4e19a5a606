"""Compositions several views share: the agency scorecard and the data-quality table, from a ``Source``."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from asn_metrics import complaints, indicators, quality, quality_score, scorecard, skp, survey
from asn_metrics.filters import Filters
from asn_metrics.views.source import Source


def quality_table(source: Source, filters: Filters) -> pd.DataFrame:
    """The data-quality score per agency of the year with its parts and ``perbaiki_dulu`` (DOMAIN.md §9), plus
    the flags ``straight_lining`` and ``sangat_baik_seragam``, worst first."""
    as_of = source.data_as_of().get("impor_terakhir") or dt.datetime.now()
    sums = source.skm_sums(filters, ("instansi_kode",))
    latest = source.upload_freshness(filters)
    straight = quality.straight_lining_counts(sums) if not sums.empty else None
    distribution = skp.predikat_distribution(source.predikat_counts(filters, ("instansi_kode",)), by="instansi_kode")
    uniform = quality.all_sangat_baik(distribution)
    parts = quality_score.quality_parts(
        skp_lengkap=source.skp_coverage(filters),
        layanan_lengkap=source.service_completeness(filters, as_of),
        kesegaran=quality.freshness_lag(latest) if not latest.empty else None,
        validitas=source.upload_validity(filters),
        konsistensi=source.skp_consistency(filters),
        straight=straight,
        sangat_baik=uniform,
        adopsi=source.skp_adoption(filters, pd.Timestamp(as_of).to_pydatetime()),
    )
    out = quality_score.quality_score(parts, quality.DEFAULT_WEIGHTS)
    flagged = set() if straight is None else set(straight.loc[straight["mencurigakan"], "instansi_kode"])
    out["straight_lining"] = out["instansi_kode"].isin(flagged)
    out["sangat_baik_seragam"] = out["instansi_kode"].isin(set(uniform.loc[uniform["mencurigakan"], "instansi_kode"]))
    return out.sort_values("skor_kualitas_data", kind="stable").reset_index(drop=True)


def agency_scorecard(source: Source, filters: Filters, min_parts: int = 1) -> pd.DataFrame:
    """The agency scorecard of the year (``scorecard.agency_scorecard``, ranking the agencies with at least
    ``min_parts`` parts) over every part's aggregate."""
    sums = source.skm_sums(filters, ("instansi_kode",))
    pengaduan = source.pengaduan(filters)
    indikator = source.indikator(filters)
    jp = source.jp_summary(filters)
    parts = scorecard.scorecard_parts(
        predikat=skp.predikat_distribution(source.predikat_counts(filters, ("instansi_kode",)), by="instansi_kode"),
        ikm=survey.ikm_from_sums(sums, by="instansi_kode") if not sums.empty else None,
        layanan=source.service_timeliness_counts(filters, ("instansi_kode",)),
        pengaduan=complaints.complaint_metrics(pengaduan) if not pengaduan.empty else None,
        capaian=indicators.agency_capaian(indikator) if not indikator.empty else None,
        pelatihan=jp if not jp.empty else None,
        kualitas=quality_table(source, filters),
    )
    return scorecard.agency_scorecard(parts, source.scorecard_weights(), min_parts=min_parts)
