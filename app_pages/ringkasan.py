"""Ringkasan: the province at a glance — workforce, predikat and service timeliness (views.ringkasan)."""

from __future__ import annotations

import streamlit as st

from asn_metrics import charts, charts_agency, charts_map
from asn_metrics.ui import components, data, drill
from asn_metrics.views.ringkasan import MAP_INDICATORS, RingkasanView

filters = components.page_filters()
components.page_header(
    "Ringkasan", "Bagaimana kinerja ASN dan layanan publik di Provinsi Bengkulu pada tahun yang dipilih?"
)
if filters.tahun is None:
    components.empty_state("penilaian", "Unggah data atau muat data demo terlebih dahulu.")
    st.stop()
choice = st.session_state.get("warna_peta", "baik")
view: RingkasanView = data.view("ringkasan", filters, choice)

components.kpi_row(view.kpis)
drill.back_buttons(filters)
components.findings(data.view("temuan", filters))
st.radio("Warnai peta menurut", list(MAP_INDICATORS), format_func=MAP_INDICATORS.get, horizontal=True, key="warna_peta")
components.plot(
    charts_map.region_map(
        view.map.values,
        title=view.map.title,
        subtitle=view.map.subtitle,
        label=view.map.label,
        suffix=view.map.suffix,
        decimals=view.map.decimals,
    ),
    "peta_wilayah",
    drill_to="wilayah",
)
if view.distribution.empty:
    components.empty_state("predikat kinerja")
    st.stop()
components.plot(
    charts.predikat_stacked_bar(
        view.distribution,
        label="nama",
        title=view.distribution_title,
        subtitle=view.distribution_subtitle,
        code="kode",
    ),
    "predikat_wilayah",
    drill_to=view.distribution_level,
)
if not view.movers.empty:
    components.plot(
        charts_agency.movers_bar(view.movers, title=view.movers_title, subtitle=view.movers_subtitle),
        "instansi_bergerak",
        drill_to="instansi",
    )
st.dataframe(view.table, hide_index=True)
