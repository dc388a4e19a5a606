"""Kualitas Data: one quality score per agency with its parts, upload freshness, and what to fix first."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from asn_metrics import narrative, quality
from asn_metrics.filters import Filters
from asn_metrics.formatting import format_date, format_frame, format_number
from asn_metrics.views import parts
from asn_metrics.views.common import Kpi, describe_filters, with_names
from asn_metrics.views.source import Source

PART_LABELS = {
    "kelengkapan": "Kelengkapan",
    "kesegaran": "Kesegaran",
    "validitas": "Validitas",
    "konsistensi": "Konsistensi",
    "pola": "Pola wajar",
    "adopsi": "Adopsi",
}
#: The upload kinds as the heatmap's columns: ``Instansi``, ``SKP``, ``Survei kepuasan (SKM)`` (never the kind's code).
KIND_LABELS = {
    k: v.removeprefix("Data ")[:1].upper() + v.removeprefix("Data ")[1:] for k, v in quality.NAMA_JENIS.items()
}


@dataclass(frozen=True)
class KualitasView:
    kpis: list[Kpi]
    subtitle: str
    worst: pd.DataFrame  # the 25 lowest quality scores with their parts
    worst_title: str
    worst_subtitle: str
    freshness: pd.DataFrame  # days since the last upload, agency (name) × kind, stalest agencies first
    freshness_title: str
    freshness_subtitle: str
    table: pd.DataFrame  # "Perbaiki dulu": formatted, Indonesian headers, names abbreviated
    table_note: str  # the abbreviations used, spelled out
    table_codes: list[str]


def build(source: Source, filters: Filters) -> KualitasView | None:
    """The page for ``filters``; None when there is no year or nothing to score."""
    if filters.tahun is None:
        return None
    scores = parts.quality_table(source, filters)
    if scores.empty:
        return None
    agencies = source.instansi()
    names = dict(zip(agencies["kode"], agencies["nama"], strict=True))
    scores = with_names(scores, agencies)
    latest = source.upload_freshness(filters)
    lag = quality.freshness_lag(latest)
    late = lag[lag["status"].isin([quality.STATUS_BASI, quality.STATUS_PERLU])]
    subtitle = describe_filters(source, filters)
    as_of = pd.Timestamp(source.data_as_of().get("impor_terakhir") or pd.Timestamp.now())
    days = quality.freshness_matrix(quality.freshness(latest, as_of), jenis=list(quality.NAMA_JENIS))
    stalest = lag.groupby("instansi_kode")["hari_sejak_impor"].max().sort_values(ascending=False)
    rows = days.loc[[k for k in stalest.index[: 40 if not filters.wilayah else len(stalest)] if k in days.index]]
    rows.index = [names.get(k, k) for k in rows.index]
    # The chart is the 25 lowest scores below 100: an agency at 100 has nothing to fix (issue 19 item 2).
    below = scores[scores["skor_kualitas_data"] < 100]
    worst = below.sort_values("skor_kualitas_data", kind="stable").head(25)
    # What to fix right after the score, the parts behind (issue 19 item 5: the point in view at 1600 px).
    columns = {"nama": "Instansi", "skor_kualitas_data": "Skor", "perbaiki_dulu": "Perbaiki dulu", **PART_LABELS}
    table = format_frame(scores[list(columns)], numbers=dict.fromkeys(["skor_kualitas_data", *PART_LABELS], 1)).rename(
        columns=columns
    )
    table["Instansi"], abbreviations = narrative.compact_agency_names(table["Instansi"])
    return KualitasView(
        kpis=[
            Kpi("Skor kualitas rata-rata", format_number(scores["skor_kualitas_data"].mean(), 1)),
            Kpi("Instansi skor < 70", format_number(int((scores["skor_kualitas_data"] < 70).sum()))),
            Kpi(
                "Instansi terlambat unggah",
                format_number(late["instansi_kode"].nunique()),
                help="Lebih dari 45 hari di belakang unggahan terbaru jenis data yang sama",
            ),
            Kpi(
                "Jawaban survei seragam",
                format_number(int(scores["straight_lining"].sum())),
                help="Lebih dari 30% responden memberi jawaban sama untuk sembilan unsur (straight-lining)",
            ),
        ],
        subtitle=subtitle,
        # The chart and its title are the 25 lowest scores (issue 19 item 2).
        worst=worst,
        worst_title=narrative.best_worst_title(
            worst, value="skor_kualitas_data", label="nama", what="Skor kualitas data", suffix=""
        )
        if len(worst)
        else "Semua instansi mencapai skor kualitas data 100",
        worst_subtitle=f"{format_number(len(below))} instansi di bawah 100"
        + (", 25 terendah" if len(below) > 25 else "")
        + f"; oranye: di bawah 70 · {subtitle}",
        freshness=rows,
        freshness_title=narrative.freshness_title(lag, names, days, KIND_LABELS),
        freshness_subtitle=f"Hari sejak unggahan terakhir per jenis data, per {format_date(as_of.date())}; "
        "instansi paling tertinggal di atas · kosong: tidak ada data jenis itu",
        table=table,
        table_note=abbreviations,
        table_codes=list(scores["instansi_kode"]),
    )
