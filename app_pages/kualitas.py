"""Kualitas Data: one quality score per agency with its parts, upload freshness, and what to fix first
(views.kualitas)."""

from __future__ import annotations

import streamlit as st

from asn_metrics import charts_agency, charts_quality
from asn_metrics.ui import components, data, drill
from asn_metrics.views.kualitas import KIND_LABELS, PART_LABELS, KualitasView

filters = components.page_filters()
components.page_header(
    "Kualitas Data",
    "Data instansi mana yang tidak lengkap, basi atau mencurigakan, dan apa yang harus diperbaiki lebih dulu?",
)
drill.back_buttons(filters)
view: KualitasView | None = data.view("kualitas", filters)
if view is None:
    if filters.tahun is None:
        components.empty_state("kualitas data", "Unggah data terlebih dahulu.")
    else:
        components.empty_state("kualitas data")
    st.stop()

components.kpi_row(view.kpis)
if view.worst.empty:
    st.success(view.worst_title)
else:
    components.plot(
        charts_quality.quality_dots(view.worst, title=view.worst_title, subtitle=view.worst_subtitle),
        "skor_kualitas",
        drill_to="instansi",
    )
    components.plot(
        charts_agency.parts_heatmap(
            view.worst,
            PART_LABELS,
            title="Bagian skor kualitas: bagian terlemah perlu diperbaiki dulu",
            subtitle=f"Skor tiap bagian 0-100; – = belum dapat diperiksa · {view.subtitle}",
        ),
        "bagian_kualitas",
    )
components.plot(
    charts_quality.freshness_heatmap(
        view.freshness, KIND_LABELS, title=view.freshness_title, subtitle=view.freshness_subtitle
    ),
    "kesegaran",
)
st.subheader("Perbaiki dulu")
st.dataframe(
    view.table,
    hide_index=True,
    key="tabel_kualitas",
    on_select=drill.on_row_select("instansi", "tabel_kualitas", view.table_codes),
    selection_mode="single-row",
)
if view.table_note:
    st.caption(view.table_note)
