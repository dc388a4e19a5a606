"""Indikator Kinerja: how agencies meet their LKjIP targets, and their SAKIP grade where reported."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from asn_metrics import charts_misc, compose, indicators, narrative
from asn_metrics.formatting import format_frame, format_number, format_percent
from asn_metrics.ui import components, data, drill

filters = components.page_filters()
version = data.version()
components.page_header("Indikator Kinerja", "Seberapa jauh instansi mencapai target indikator kinerjanya (LKjIP)?")
drill.back_buttons(filters)
rows = data.indikator(version, filters) if filters.tahun else pd.DataFrame()
if rows.empty:
    components.empty_state(
        "indikator kinerja", "Ubah tahun, wilayah atau instansi di panel kiri (indikator ada 2022-2025)."
    )
    st.stop()

table = indicators.indicator_table(rows)
agencies = compose.with_names(indicators.agency_capaian(rows), data.instansi(version))
agencies = agencies.merge(compose.sakip_grades(table), on="instansi_kode", how="left")
components.kpi_row(
    [
        components.Kpi("Indikator", format_number(len(table))),
        components.Kpi("Rata-rata capaian instansi", format_percent(agencies["capaian_persen"].mean())),
        components.Kpi(
            "Capaian Sangat Tinggi",
            format_percent((table["kategori"] == "Sangat Tinggi").mean() * 100),
            help="Porsi indikator dengan capaian ≥ 91%",
        ),
        components.Kpi("Realisasi belum dilaporkan", format_number(int(table["realisasi"].isna().sum()))),
    ]
)
subtitle = components.describe_filters(filters)
shown = agencies.sort_values("capaian_persen").head(30)
components.plot(
    charts_misc.capaian_bar(
        shown,
        title=narrative.best_worst_title(agencies, value="capaian_persen", label="nama", what="Capaian"),
        subtitle=f"Rata-rata capaian indikator (tiap indikator dibatasi 120%), 30 terendah · {subtitle}",
    ),
    "capaian_instansi",
    drill_to="instansi",
)
focus = filters.instansi or str(shown["instansi_kode"].iloc[0])
one = table[table["instansi_kode"] == focus].assign(label=lambda d: d["indikator"].str.slice(0, 60))
name = agencies.set_index("instansi_kode")["nama"].get(focus, focus)
components.plot(
    charts_misc.target_vs_realisasi(
        one.drop_duplicates("indikator", keep="last"),
        title=narrative.best_worst_title(one, value="capaian_persen", label="label", what=f"Capaian {name}"),
        subtitle=f"Target dan realisasi per indikator; warna: kategori capaian · {subtitle}",
    ),
    "target_realisasi",
)
st.subheader("Capaian dan predikat SAKIP per instansi")
columns = {
    "nama": "Instansi",
    "jumlah_indikator": "Indikator",
    "capaian_persen": "Capaian",
    "kategori": "Kategori",
    "nilai_sakip": "Nilai SAKIP",
    "predikat_sakip": "Predikat SAKIP",
}
ordered = agencies.sort_values("capaian_persen").fillna({"predikat_sakip": "–", "kategori": "–"})
st.dataframe(
    format_frame(ordered[list(columns)], numbers={"nilai_sakip": 2}, percents={"capaian_persen": 1}).rename(
        columns=columns
    ),
    hide_index=True,
    key="tabel_capaian",
    on_select=drill.on_row_select("instansi", "tabel_capaian", list(ordered["instansi_kode"])),
    selection_mode="single-row",
)
st.subheader(f"Indikator {name}")
detail = {
    "indikator": "Indikator",
    "target": "Target",
    "realisasi": "Realisasi",
    "satuan": "Satuan",
    "capaian_persen": "Capaian",
    "kategori": "Kategori",
    "catatan": "Catatan",
}
st.dataframe(
    format_frame(one[list(detail)], numbers={"target": 2, "realisasi": 2}, percents={"capaian_persen": 1}).rename(
        columns=detail
    ),
    hide_index=True,
)
