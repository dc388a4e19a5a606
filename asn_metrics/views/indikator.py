"""Indikator Kinerja: how agencies meet their LKjIP targets, and their SAKIP grade where reported."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from asn_metrics import indicators, narrative
from asn_metrics.filters import Filters
from asn_metrics.formatting import format_frame, format_number, format_percent, format_periode
from asn_metrics.reference import PERIODE_BULANAN, PERIODE_TAHUNAN, PERIODE_TRIWULAN
from asn_metrics.views.common import Kpi, describe_filters, with_names
from asn_metrics.views.source import Source

_AGENCY_COLUMNS = {
    "nama": "Instansi",
    "jumlah_indikator": "Indikator",
    "capaian_persen": "Capaian",
    "kategori": "Kategori",
    "nilai_sakip": "Nilai SAKIP",
    "predikat_sakip": "Predikat SAKIP",
}
_DETAIL_COLUMNS = {
    "indikator": "Indikator",
    "periode_kata": "Periode",
    "target": "Target",
    "realisasi": "Realisasi",
    "satuan": "Satuan",
    "capaian_persen": "Capaian",
    "kategori": "Kategori",
    "catatan": "Catatan",
}


@dataclass(frozen=True)
class IndikatorView:
    kpis: list[Kpi]
    lowest: pd.DataFrame  # the 30 agencies with the lowest capaian
    lowest_title: str
    lowest_subtitle: str
    focus_name: str  # the agency whose indicators are shown (the filter's, else the lowest)
    focus: pd.DataFrame  # its indicators, one row each, for the target/realisasi chart
    focus_title: str
    focus_subtitle: str
    agencies: pd.DataFrame  # formatted, Indonesian headers, lowest capaian first
    agency_codes: list[str]
    detail: pd.DataFrame  # the focus agency's indicators, formatted


def build(source: Source, filters: Filters) -> IndikatorView | None:
    """The page for ``filters``; None when the year has no indicators."""
    rows = source.indikator(filters) if filters.tahun else pd.DataFrame()
    if rows.empty:
        return None
    table = indicators.indicator_table(rows)
    agencies = with_names(indicators.agency_capaian(rows), source.instansi())
    agencies = agencies.merge(indicators.sakip_grades(table), on="instansi_kode", how="left")
    subtitle = describe_filters(source, filters)
    lowest = agencies.sort_values("capaian_persen").head(30)
    focus = filters.instansi or str(lowest["instansi_kode"].iloc[0])
    one = table[table["instansi_kode"] == focus].assign(label=lambda d: d["indikator"].str.slice(0, 60))
    name = str(agencies.set_index("instansi_kode")["nama"].get(focus, focus))
    ordered = agencies.sort_values("capaian_persen").fillna({"predikat_sakip": "–", "kategori": "–"})
    return IndikatorView(
        kpis=[
            Kpi("Indikator", format_number(len(table))),
            Kpi("Rata-rata capaian instansi", format_percent(agencies["capaian_persen"].mean())),
            Kpi(
                "Capaian Sangat Tinggi",
                format_percent((table["kategori"] == "Sangat Tinggi").mean() * 100),
                help="Porsi indikator dengan capaian ≥ 91%",
            ),
            Kpi("Realisasi belum dilaporkan", format_number(int(table["realisasi"].isna().sum()))),
        ],
        lowest=lowest,
        # The title names what the chart shows: the 30 lowest, not the best agency off the chart (issue 19 item 2).
        lowest_title=narrative.best_worst_title(lowest, value="capaian_persen", label="nama", what="Capaian"),
        lowest_subtitle=f"Rata-rata capaian indikator (tiap indikator dibatasi 120%), 30 terendah · {subtitle}",
        focus_name=name,
        focus=one.drop_duplicates("indikator", keep="last"),
        focus_title=narrative.best_worst_title(one, value="capaian_persen", label="label", what=f"Capaian {name}"),
        focus_subtitle=f"Target dan realisasi per indikator; warna: kategori capaian · {subtitle}",
        agencies=format_frame(
            ordered[list(_AGENCY_COLUMNS)], numbers={"nilai_sakip": 2}, percents={"capaian_persen": 1}
        ).rename(columns=_AGENCY_COLUMNS),
        agency_codes=list(ordered["instansi_kode"]),
        detail=format_frame(
            _with_reasons(_in_period_order(one))[list(_DETAIL_COLUMNS)],
            numbers={"target": 2, "realisasi": 2},
            percents={"capaian_persen": 1},
        ).rename(columns=_DETAIL_COLUMNS),
    )


def _in_period_order(rows: pd.DataFrame) -> pd.DataFrame:
    """Each indicator's rows together, its periods in calendar order (quarters, then the year), named in words."""
    order = {p: i for i, p in enumerate((*PERIODE_TRIWULAN, *PERIODE_BULANAN, PERIODE_TAHUNAN))}
    words = rows["periode"].map(lambda p: "Tahunan" if p == PERIODE_TAHUNAN else format_periode(p))
    ranked = rows.assign(periode_kata=words, _urutan=rows["periode"].map(order))
    return ranked.sort_values(["indikator", "_urutan"], kind="stable").drop(columns="_urutan")


def _with_reasons(rows: pd.DataFrame) -> pd.DataFrame:
    """An indicator without a category says why: its realisation is not reported yet, or no capaian follows."""
    reason = rows["realisasi"].isna().map({True: "– (realisasi belum dilaporkan)", False: "–"})
    return rows.assign(kategori=rows["kategori"].astype(object).where(rows["kategori"].notna(), reason))
