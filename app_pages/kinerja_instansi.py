"""Kinerja Instansi: the agency scorecard with its noise, inflation against the curve, trends, one agency."""

from __future__ import annotations

import streamlit as st

from asn_metrics import charts, charts_agency
from asn_metrics.formatting import markdown_literal
from asn_metrics.ui import components, data, drill
from asn_metrics.views.kinerja_instansi import (
    INFLATION_THRESHOLD,
    ORGANISATION_CURVES,
    PART_LABELS,
    KinerjaInstansiView,
)

filters = components.page_filters()
components.page_header(
    "Kinerja Instansi", "Instansi mana yang berkinerja paling baik, dan apakah perbedaannya bermakna?"
)
drill.back_buttons(filters)
curve = st.session_state.get("kurva_organisasi", ORGANISATION_CURVES[1])
view: KinerjaInstansiView | None = data.view("kinerja_instansi", filters, curve)
if view is None:
    components.empty_state("penilaian instansi")
    st.stop()

components.kpi_row(view.kpis)
components.plot(
    charts_agency.scorecard_dots(view.top, title=view.top_title, subtitle=view.top_subtitle),
    "skor_instansi",
    drill_to="instansi",
)
components.plot(
    charts_agency.parts_heatmap(
        view.top, PART_LABELS, title="Bagian skor: dari mana nilai tiap instansi berasal", subtitle=view.subtitle
    ),
    "bagian_skor",
)
components.plot(
    charts_agency.inflation_bar(
        view.inflation,
        threshold=INFLATION_THRESHOLD,
        title=view.inflation_title,
        subtitle=view.inflation_subtitle,
    ),
    "inflasi",
    drill_to="instansi",
)
components.plot(
    charts_agency.trend_lines(
        view.trend,
        title=view.trend_title,
        subtitle=f"Porsi Baik ke atas per tahun; instansi dengan perubahan terbesar · {view.subtitle}",
    ),
    "tren_instansi",
)
if view.one is not None:
    st.subheader(f"Rincian {markdown_literal(view.one.name)}")
    components.plot(
        charts.predikat_stacked_bar(view.one.distribution, label="nama", title=view.one.title), "predikat_satu"
    )
    st.selectbox("Predikat kinerja organisasi (untuk kurva distribusi)", ORGANISATION_CURVES, 1, key="kurva_organisasi")
    st.dataframe(view.one.curve_check, hide_index=True)

st.subheader("Peringkat lengkap")
st.caption("Pilih satu baris untuk menyaring semua halaman ke instansi itu.")
st.dataframe(
    view.ranking,
    hide_index=True,
    key="tabel_skor",
    on_select=drill.on_row_select("instansi", "tabel_skor", view.ranking_codes),
    selection_mode="single-row",
)
st.caption(view.parts_note)
if not view.incomplete.empty:
    st.subheader("Data belum lengkap")
    st.caption(view.incomplete_note)
    st.dataframe(view.incomplete, hide_index=True)
