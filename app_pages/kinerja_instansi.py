"""Kinerja Instansi: the agency scorecard with its noise, rating inflation against the curve, trends, one agency."""

from __future__ import annotations

import streamlit as st

from asn_metrics import charts, charts_agency, compose, narrative, skp, skp_kurva
from asn_metrics.formatting import format_frame, format_number
from asn_metrics.scorecard import PARTS
from asn_metrics.ui import components, data, drill

PART_LABELS = {
    "skor_predikat": "Predikat",
    "skor_ikm": "IKM",
    "skor_layanan": "Layanan",
    "skor_pengaduan": "Pengaduan",
    "skor_capaian": "Capaian",
    "skor_pelatihan": "Pelatihan",
    "skor_kualitas_data": "Kualitas data",
}
filters = components.page_filters()
version = data.version()
components.page_header(
    "Kinerja Instansi", "Instansi mana yang berkinerja paling baik, dan apakah perbedaannya bermakna?"
)
drill.back_buttons(filters)
if filters.tahun is None or data.predikat_counts(version, filters).empty:
    components.empty_state("penilaian instansi")
    st.stop()

agencies = data.instansi(version)
counts = data.predikat_counts(version, filters, ("instansi_kode",))
card = compose.with_names(data.agency_scorecard(version, filters), agencies)
distribution = compose.with_names(skp.predikat_distribution(counts, by="instansi_kode"), agencies)
flags = compose.with_names(skp_kurva.inflation_flags(distribution.drop(columns="nama"), min_jumlah=5), agencies)
scored = card[card["skor"].notna()]
components.kpi_row(
    [
        components.Kpi("Instansi dinilai", format_number(len(scored))),
        components.Kpi("Skor tertinggi", format_number(scored["skor"].max(), 1) if len(scored) else "–"),
        components.Kpi("Skor median", format_number(scored["skor"].median(), 1) if len(scored) else "–"),
        components.Kpi(
            "Tanda inflasi penilaian",
            format_number(int(flags["inflasi"].sum())),
            help="Instansi dengan ≥ 70% pegawai Sangat Baik (batas kurva distribusi untuk organisasi Istimewa)",
        ),
    ]
)
subtitle = components.describe_filters(filters)
shown = scored.head(25)
components.plot(
    charts_agency.scorecard_bar(
        shown,
        title=narrative.scorecard_title(scored),
        subtitle=f"Skor gabungan 0-100 (bobot sama) dengan selang ketidakpastian 95%; batang pucat: "
        f"perbedaan tidak bermakna · {len(shown)} teratas · {subtitle}",
    ),
    "skor_instansi",
    drill_to="instansi",
)
components.plot(
    charts_agency.parts_heatmap(
        shown, PART_LABELS, title="Bagian skor: dari mana nilai tiap instansi berasal", subtitle=subtitle
    ),
    "bagian_skor",
)
top_flags = flags.sort_values("persen_sangat_baik", ascending=False).head(20)
components.plot(
    charts_agency.inflation_bar(
        top_flags,
        threshold=70.0,
        title=narrative.inflation_title(flags),
        subtitle=f"Porsi pegawai Sangat Baik, 20 tertinggi (minimal 5 pegawai dinilai) · {subtitle}",
    ),
    "inflasi",
    drill_to="instansi",
)
years = tuple(sorted(data.skp_years(version)))
trend = data.predikat_trend(version, filters, years, ("instansi_kode",))
components.plot(
    charts_agency.trend_lines(
        lines := compose.with_names(compose.trend_share(trend, focus=filters.instansi), agencies),
        title=narrative.trend_title(lines),
        subtitle=f"Porsi Baik ke atas per tahun; instansi dengan perubahan terbesar · {subtitle}",
    ),
    "tren_instansi",
)

if filters.instansi:
    one = distribution[distribution["instansi_kode"] == filters.instansi]
    st.subheader(f"Rincian {one['nama'].iloc[0] if len(one) else filters.instansi}")
    st.plotly_chart(
        charts.predikat_stacked_bar(one, label="nama", title=narrative.predikat_by_region_title(one, label="nama")),
        key="predikat_satu",
    )
    org = st.selectbox("Predikat kinerja organisasi (untuk kurva distribusi)", list(skp_kurva.KURVA_DISTRIBUSI), 1)
    check = skp_kurva.check_distribution_curve(one.drop(columns="nama"), org)
    check = format_frame(check, percents={"persen_aktual": 1})
    st.dataframe(
        check[["batas", "persen_aktual", "memenuhi", "alasan"]].rename(
            columns={"batas": "Batas", "persen_aktual": "Aktual", "memenuhi": "Memenuhi", "alasan": "Alasan"}
        ),
        hide_index=True,
    )

st.subheader("Peringkat lengkap")
st.caption("Pilih satu baris untuk menyaring semua halaman ke instansi itu.")
table = card[["peringkat", "nama", "skor", "skor_bawah", "skor_atas", *PART_LABELS, "keterangan_ketidakpastian"]]
st.dataframe(
    format_frame(table, numbers=dict.fromkeys(["skor", "skor_bawah", "skor_atas", *PART_LABELS], 1)).rename(
        columns={
            **PART_LABELS,
            "peringkat": "Peringkat",
            "nama": "Instansi",
            "skor": "Skor",
            "skor_bawah": "Batas bawah",
            "skor_atas": "Batas atas",
            "keterangan_ketidakpastian": "Keterangan",
        }
    ),
    hide_index=True,
    key="tabel_skor",
    on_select=drill.on_row_select("instansi", "tabel_skor", list(card["instansi_kode"])),
    selection_mode="single-row",
)
st.caption(f"Bagian skor: {', '.join(PARTS)}; bagian yang tidak ada datanya tidak dihitung sebagai nol.")
