"""Kualitas Data: one quality score per agency with its parts, upload freshness, and what to fix first."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from asn_metrics import charts_agency, charts_misc, compose, narrative, quality
from asn_metrics.formatting import format_date, format_frame, format_number
from asn_metrics.ui import components, data, drill

PART_LABELS = {
    "kelengkapan": "Kelengkapan",
    "kesegaran": "Kesegaran",
    "validitas": "Validitas",
    "konsistensi": "Konsistensi",
    "pola": "Pola wajar",
    "adopsi": "Adopsi",
}
filters = components.page_filters()
version = data.version()
components.page_header(
    "Kualitas Data",
    "Data instansi mana yang tidak lengkap, basi atau mencurigakan, dan apa yang harus diperbaiki lebih dulu?",
)
drill.back_buttons(filters)
if filters.tahun is None:
    components.empty_state("kualitas data", "Unggah data terlebih dahulu.")
    st.stop()
scores = data.quality_table(version, filters)
if scores.empty:
    components.empty_state("kualitas data")
    st.stop()

agencies = data.instansi(version)
names = dict(zip(agencies["kode"], agencies["nama"], strict=True))
scores = compose.with_names(scores, agencies)
lag = compose.freshness_lag(data.upload_freshness(version, filters))
late = lag[lag["status"].isin([quality.STATUS_BASI, quality.STATUS_PERLU])]
components.kpi_row(
    [
        components.Kpi("Skor kualitas rata-rata", format_number(scores["skor_kualitas_data"].mean(), 1)),
        components.Kpi("Instansi skor < 70", format_number(int((scores["skor_kualitas_data"] < 70).sum()))),
        components.Kpi(
            "Instansi terlambat unggah",
            format_number(late["instansi_kode"].nunique()),
            help="Lebih dari 45 hari di belakang unggahan terbaru jenis data yang sama",
        ),
        components.Kpi(
            "Jawaban survei seragam",
            format_number(int(scores["straight_lining"].sum())),
            help="Lebih dari 30% responden memberi jawaban sama untuk sembilan unsur (straight-lining)",
        ),
    ]
)
subtitle = components.describe_filters(filters)
worst = scores.head(25)
components.plot(
    charts_misc.quality_bar(
        worst,
        title=narrative.best_worst_title(
            scores, value="skor_kualitas_data", label="nama", what="Skor kualitas data", suffix=""
        ),
        subtitle=f"25 skor terendah; oranye: di bawah 70 · {subtitle}",
    ),
    "skor_kualitas",
    drill_to="instansi",
)
components.plot(
    charts_agency.parts_heatmap(
        worst,
        PART_LABELS,
        title="Bagian skor kualitas: bagian terlemah perlu diperbaiki dulu",
        subtitle=f"Skor tiap bagian 0-100; – = belum dapat diperiksa · {subtitle}",
    ),
    "bagian_kualitas",
)
as_of = pd.Timestamp(data.data_as_of(version).get("impor_terakhir") or pd.Timestamp.now())
days = quality.freshness_matrix(
    quality.freshness(data.upload_freshness(version, filters), as_of), jenis=list(quality.NAMA_JENIS)
)
stalest = lag.groupby("instansi_kode")["hari_sejak_impor"].max().sort_values(ascending=False)
rows = days.loc[[k for k in stalest.index[: 40 if not filters.wilayah else len(stalest)] if k in days.index]]
rows.index = [names.get(k, k) for k in rows.index]
components.plot(
    charts_misc.freshness_heatmap(
        rows,
        {k: v.removeprefix("Data ") for k, v in quality.NAMA_JENIS.items()},
        title=narrative.freshness_title(lag, names),
        subtitle=f"Hari sejak unggahan terakhir per jenis data, per {format_date(as_of.date())}; "
        f"instansi paling tertinggal di atas · kosong: tidak ada data jenis itu",
    ),
    "kesegaran",
)
st.subheader("Perbaiki dulu")
columns = {"nama": "Instansi", "skor_kualitas_data": "Skor", **PART_LABELS, "perbaiki_dulu": "Perbaiki dulu"}
st.dataframe(
    format_frame(scores[list(columns)], numbers=dict.fromkeys(["skor_kualitas_data", *PART_LABELS], 1)).rename(
        columns=columns
    ),
    hide_index=True,
    key="tabel_kualitas",
    on_select=drill.on_row_select("instansi", "tabel_kualitas", list(scores["instansi_kode"])),
    selection_mode="single-row",
)
