"""Kepuasan Masyarakat & Pengaduan: IKM per unit with its noise, the weakest elements, sample adequacy, complaints."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from asn_metrics import charts_survey, complaints, compose, narrative, survey
from asn_metrics.formatting import format_frame, format_number, format_percent
from asn_metrics.ui import components, data, drill

CHANNELS = {
    "lapor": "SP4N-LAPOR!",
    "langsung": "Datang langsung",
    "telepon": "Telepon",
    "whatsapp": "WhatsApp",
    "email": "Surel",
    "media_sosial": "Media sosial",
}
filters = components.page_filters()
version = data.version()
components.page_header(
    "Kepuasan Masyarakat & Pengaduan",
    "Seberapa puas masyarakat, unsur apa yang perlu diperbaiki, dan bagaimana pengaduan ditangani?",
)
drill.back_buttons(filters)
rows = data.skm(version, filters) if filters.tahun else pd.DataFrame()
if rows.empty:
    components.empty_state("survei kepuasan (SKM)")
    st.stop()

overall = survey.ikm(rows).iloc[0]
units = compose.ikm_values(rows, "instansi_kode")
volume = data.service_timeliness_counts(version, filters, ("instansi_kode",)).set_index("instansi_kode")["jumlah"]
adequacy = survey.sample_adequacy(units.set_index("instansi_kode")["responden"].rename_axis("instansi_kode"), volume)
units = compose.with_names(
    units.merge(adequacy[["instansi_kode", "sampel_minimum", "kurang_sampel"]], how="left"), data.instansi(version)
)
units["kurang_sampel"] = units["kurang_sampel"].fillna(False).astype(bool)
complaint_rows = data.pengaduan(version, filters)
by_channel = complaints.complaint_metrics(complaint_rows, by="kanal") if not complaint_rows.empty else pd.DataFrame()
all_complaints = (
    complaints.complaint_metrics(complaint_rows.assign(semua=""), by="semua")
    if not complaint_rows.empty
    else pd.DataFrame()
)
components.kpi_row(
    [
        components.Kpi("IKM", format_number(overall["ikm"], 2), help="Rata-rata NRR sembilan unsur × 25"),
        components.Kpi("Mutu", str(overall["mutu"] or "–"), help=str(overall["kinerja"] or "")),
        components.Kpi("Responden", format_number(overall["responden"])),
        components.Kpi(
            "Unit kurang sampel",
            format_number(int(units["kurang_sampel"].sum())),
            help="Responden di bawah sampel minimum Krejcie & Morgan untuk volume layanan setahun",
        ),
        components.Kpi(
            "Pengaduan ditanggapi ≤ 5 hari kerja",
            format_percent(all_complaints["persen_ditanggapi_5_hari"].iloc[0]) if len(all_complaints) else "–",
        ),
    ]
)
subtitle = components.describe_filters(filters)
components.plot(
    charts_survey.ikm_bar(
        units,
        title=narrative.best_worst_title(units, value="ikm", label="nama", what="IKM", decimals=2, suffix=""),
        subtitle=f"IKM per unit dengan selang 95%; pucat: sampel kurang · {subtitle}",
    ),
    "ikm_unit",
    drill_to="instansi",
)
focus = units[units["instansi_kode"] == filters.instansi] if filters.instansi else pd.DataFrame()
scope_rows = rows if focus.empty else rows[rows["instansi_kode"] == filters.instansi]
unit_name = "semua unit" if focus.empty else str(focus["nama"].iloc[0])
profile = survey.priorities(survey.nrr(scope_rows), n=9)
left, right = st.columns(2)
with left:
    components.plot(
        charts_survey.element_profile(
            profile,
            title=narrative.element_title(profile, unit_name),
            subtitle=f"NRR per unsur; oranye: tiga prioritas perbaikan · {subtitle}",
        ),
        "unsur",
    )
if not complaint_rows.empty:
    stages = complaints.complaint_funnel(complaint_rows)
    with right:
        components.plot(
            charts_survey.funnel(
                stages,
                title=narrative.funnel_title(stages),
                subtitle=f"Pengaduan masuk → ditanggapi → selesai · {subtitle}",
            ),
            "corong_pengaduan",
        )
    by_channel["kanal_label"] = by_channel["kanal"].map(CHANNELS).fillna(by_channel["kanal"])
    components.plot(
        charts_survey.channel_timeliness(
            by_channel,
            title=narrative.best_worst_title(
                by_channel, value="persen_ditanggapi_5_hari", label="kanal_label", what="Ditanggapi ≤ 5 hari kerja"
            ),
            subtitle=f"Per kanal, selang 95% (Wilson); hari kerja tanpa libur nasional dan cuti bersama · {subtitle}",
        ),
        "kanal_pengaduan",
    )
st.subheader("Kecukupan sampel per unit")
columns = {
    "nama": "Unit",
    "ikm": "IKM",
    "mutu": "Mutu",
    "responden": "Responden",
    "sampel_minimum": "Sampel minimum",
    "kurang_sampel": "Kurang sampel",
}
table = units.sort_values("ikm")[list(columns)]
st.dataframe(
    format_frame(table, numbers={"ikm": 2, "responden": 0, "sampel_minimum": 0}).rename(columns=columns),
    hide_index=True,
    key="tabel_ikm",
    on_select=drill.on_row_select("instansi", "tabel_ikm", list(units.sort_values("ikm")["instansi_kode"])),
    selection_mode="single-row",
)
