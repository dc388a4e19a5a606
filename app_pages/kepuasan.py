"""Kepuasan Masyarakat & Pengaduan: IKM per unit, the weakest elements, sample adequacy, complaints
(views.kepuasan)."""

from __future__ import annotations

import streamlit as st

from asn_metrics import charts_survey
from asn_metrics.ui import components, data, drill
from asn_metrics.views.kepuasan import KepuasanView

filters = components.page_filters()
components.page_header(
    "Kepuasan Masyarakat & Pengaduan",
    "Seberapa puas masyarakat, unsur apa yang perlu diperbaiki, dan bagaimana pengaduan ditangani?",
)
drill.back_buttons(filters)
view: KepuasanView | None = data.view("kepuasan", filters)
if view is None:
    components.empty_state("survei kepuasan (SKM)")
    st.stop()

components.kpi_row(view.kpis)
components.plot(
    charts_survey.ikm_dots(view.units, title=view.units_title, subtitle=view.units_subtitle),
    "ikm_unit",
    drill_to="instansi",
)
left, right = st.columns(2)
with left:
    components.plot(
        charts_survey.element_profile(view.profile, title=view.profile_title, subtitle=view.profile_subtitle),
        "unsur",
        half=True,
    )
if view.complaints is not None:
    found = view.complaints
    with right:
        components.plot(
            charts_survey.funnel(found.funnel, title=found.funnel_title, subtitle=found.funnel_subtitle),
            "corong_pengaduan",
            half=True,
        )
    components.plot(
        charts_survey.channel_timeliness(found.by_channel, title=found.channel_title, subtitle=found.channel_subtitle),
        "kanal_pengaduan",
    )
st.subheader("Kecukupan sampel per unit")
st.caption("Unit yang kurang sampel dulu, lalu IKM terendah.")
st.dataframe(
    view.table,
    hide_index=True,
    key="tabel_ikm",
    on_select=drill.on_row_select("instansi", "tabel_ikm", view.table_codes),
    selection_mode="single-row",
)
