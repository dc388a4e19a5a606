"""Indikator Kinerja: how agencies meet their LKjIP targets, and their SAKIP grade (views.indikator)."""

from __future__ import annotations

import streamlit as st

from asn_metrics import charts_indicators
from asn_metrics.formatting import markdown_literal
from asn_metrics.ui import components, data, drill
from asn_metrics.views.indikator import IndikatorView

filters = components.page_filters()
components.page_header("Indikator Kinerja", "Seberapa jauh instansi mencapai target indikator kinerjanya (LKjIP)?")
drill.back_buttons(filters)
view: IndikatorView | None = data.view("indikator", filters)
if view is None:
    components.empty_state(
        "indikator kinerja", "Ubah tahun, wilayah atau instansi di panel kiri (indikator ada 2022-2025)."
    )
    st.stop()

components.kpi_row(view.kpis)
components.plot(
    charts_indicators.capaian_dots(view.lowest, title=view.lowest_title, subtitle=view.lowest_subtitle),
    "capaian_instansi",
    drill_to="instansi",
)
components.plot(
    charts_indicators.target_vs_realisasi(view.focus, title=view.focus_title, subtitle=view.focus_subtitle),
    "target_realisasi",
)
st.subheader("Capaian dan predikat SAKIP per instansi")
st.dataframe(
    view.agencies,
    hide_index=True,
    key="tabel_capaian",
    on_select=drill.on_row_select("instansi", "tabel_capaian", view.agency_codes),
    selection_mode="single-row",
)
st.subheader(f"Indikator {markdown_literal(view.focus_name)}")
st.dataframe(view.detail, hide_index=True)
