"""Pelayanan Publik: how fast services are, where and for which service they miss the standard, and peaks
(views.pelayanan)."""

from __future__ import annotations

import streamlit as st

from asn_metrics import charts_map, charts_service
from asn_metrics.ui import components, data, drill
from asn_metrics.views.pelayanan import SERVICE_NAMES, PelayananView

#: The service clicked on one of the service charts (a choice of this page, not a global filter).
SERVICE_KEY = "layanan_dipilih"

filters = components.page_filters()
components.page_header(
    "Pelayanan Publik", "Seberapa cepat layanan kependudukan diselesaikan, dan di mana belum sesuai standar?"
)
drill.back_buttons(filters)
chosen = st.session_state.get(SERVICE_KEY)
view: PelayananView | None = data.view("pelayanan", filters, chosen)
if view is None:
    components.empty_state("layanan", "Ubah tahun, wilayah atau instansi di panel kiri (data layanan ada 2023-2026).")
    st.stop()

components.kpi_row(view.kpis)
components.plot(
    charts_map.region_map(
        view.regions.frame,
        title=view.regions.title,
        subtitle=view.regions.subtitle,
        label="Tepat waktu",
        suffix="%",
        value_range=(0, 100),
    ),
    "peta_layanan",
    drill_to="wilayah",
)
left, right = st.columns(2)
with left:
    components.plot(
        charts_service.timeliness_bar(
            view.by_service.frame,
            label="layanan",
            title=view.by_service.title,
            subtitle=view.by_service.subtitle,
            code="jenis_layanan",
        ),
        "tepat_per_layanan",
        half=True,
        pick=SERVICE_KEY,
    )
with right:
    components.plot(
        charts_service.speed_bars(
            view.speed.frame,
            label="layanan",
            title=view.speed.title,
            subtitle=view.speed.subtitle,
            standard=1.0,
            code="jenis_layanan",
        ),
        "waktu_per_layanan",
        half=True,
        pick=SERVICE_KEY,
    )
st.caption(f"Klik batang satu layanan untuk melihatnya per {'instansi' if filters.wilayah else 'kabupaten/kota'}.")
if chosen in SERVICE_NAMES:
    st.button(
        f"← Tutup rincian {SERVICE_NAMES[chosen]}",
        on_click=lambda: st.session_state.pop(SERVICE_KEY, None),
        key="tutup_layanan",
    )
    if view.service_detail is None:
        components.empty_state(f"layanan {SERVICE_NAMES[chosen]}")
    else:
        components.plot(
            charts_service.timeliness_bar(
                view.service_detail.frame,
                label="nama",
                title=view.service_detail.title,
                subtitle=view.service_detail.subtitle,
                code="kode",
            ),
            "layanan_per_wilayah",
            drill_to=view.service_detail_level,
        )
components.plot(
    charts_service.monthly_trend(view.monthly.frame, title=view.monthly.title, subtitle=view.monthly.subtitle),
    "tren_bulanan",
)
left, right = st.columns(2)
with left:
    components.plot(
        charts_service.seasonal_bar(view.seasonal.frame, title=view.seasonal.title, subtitle=view.seasonal.subtitle),
        "musiman",
        half=True,
    )
with right:
    if view.backlog is None:
        st.success(f"Tidak ada permohonan yang belum selesai per {view.as_of}.", icon=":material/check_circle:")
    else:
        components.plot(
            charts_service.backlog_bar(
                view.backlog.frame, label="nama", title=view.backlog.title, subtitle=view.backlog.subtitle
            ),
            "tunggakan",
            half=True,
        )
st.subheader("Rincian per instansi")
st.caption("Tepat waktu terendah dulu; instansi tanpa standar layanan di akhir. Pilih satu baris untuk menyaring.")
st.dataframe(
    view.agencies,
    hide_index=True,
    key="tabel_layanan",
    on_select=drill.on_row_select("instansi", "tabel_layanan", view.agency_codes),
    selection_mode="single-row",
)
