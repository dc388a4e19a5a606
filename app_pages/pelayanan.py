"""Pelayanan Publik: how fast services are, where and for which service they miss the standard, and peaks."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from asn_metrics import charts_map, charts_service, compose, narrative, service
from asn_metrics.formatting import format_date, format_frame, format_hours, format_number, format_percent
from asn_metrics.reference import LAYANAN
from asn_metrics.ui import components, data, drill

filters = components.page_filters()
version = data.version()
components.page_header(
    "Pelayanan Publik", "Seberapa cepat layanan kependudukan diselesaikan, dan di mana belum sesuai standar?"
)
drill.back_buttons(filters)
rows = data.layanan(version, filters) if filters.tahun else pd.DataFrame()
if rows.empty:
    components.empty_state("layanan", "Ubah tahun, wilayah atau instansi di panel kiri (data layanan ada 2023-2026).")
    st.stop()

standar = data.standar_layanan(version)
overall = service.service_speed(rows.assign(semua=""), standar, by="semua")
as_of = pd.Timestamp(rows["tanggal_masuk"].max())
backlog = service.backlog(rows, as_of, by="instansi_kode")
first = overall.iloc[0]
components.kpi_row(
    [
        components.Kpi("Permohonan", format_number(first["jumlah"])),
        components.Kpi("Tepat waktu", format_percent(first["persen_tepat_waktu"]), help="Selesai dalam standar"),
        components.Kpi("Median waktu", format_hours(first["median_jam"], 2)),
        components.Kpi("90% selesai dalam", format_hours(first["p90_jam"], 1)),
        components.Kpi("Belum selesai", format_number(backlog["terbuka"].sum()), help="Permohonan berstatus proses"),
    ]
)
subtitle = components.describe_filters(filters)
names = {k: v[0] for k, v in LAYANAN.items()}
province = filters.province()
regions = compose.timeliness(data.service_timeliness_counts(version, province, ("wilayah_kode",)), "wilayah_kode")
regions = compose.with_names(regions[regions["wilayah_kode"] != "17"], data.wilayah(version), key="wilayah_kode")
components.plot(
    charts_map.region_map(
        regions,
        title=narrative.best_worst_title(regions, value="nilai", label="nama", what="Layanan tepat waktu"),
        subtitle=f"Persen layanan selesai dalam standar per kabupaten/kota · {components.describe_filters(province)}",
        label="Tepat waktu",
        suffix="%",
        value_range=(0, 100),
    ),
    "peta_layanan",
    drill_to="wilayah",
)
by_service = compose.timeliness(data.service_timeliness_counts(version, filters, ("jenis_layanan",)), "jenis_layanan")
by_service["layanan"] = by_service["jenis_layanan"].map(names)
left, right = st.columns(2)
with left:
    components.plot(
        charts_service.timeliness_bar(
            by_service,
            label="layanan",
            title=narrative.best_worst_title(by_service, value="nilai", label="layanan", what="Tepat waktu"),
            subtitle=f"Dengan selang kepercayaan 95% (Wilson) · {subtitle}",
        ),
        "tepat_per_layanan",
    )
speed = service.service_speed(rows, standar, by="jenis_layanan").assign(layanan=lambda d: d["jenis_layanan"].map(names))
with right:
    components.plot(
        charts_service.speed_bars(
            speed,
            label="layanan",
            title=narrative.best_worst_title(
                speed, value="median_jam", label="layanan", what="Median waktu layanan", decimals=2, suffix=" jam"
            ),
            subtitle=f"Median dan persentil ke-90 waktu proses · {subtitle}",
            standard=1.0,
        ),
        "waktu_per_layanan",
    )
monthly = compose.timeliness(data.service_monthly(version, filters), "bulan_ke")
monthly["bulan"] = pd.to_datetime(dict(year=monthly["tahun"], month=monthly["bulan_ke"], day=1))
components.plot(
    charts_service.monthly_trend(
        monthly, title=narrative.monthly_title(monthly), subtitle=f"Semua tahun · {subtitle.split(' · ', 1)[-1]}"
    ),
    "tren_bulanan",
)
profile = service.seasonal_index(monthly[["bulan_ke", "jumlah"]])
left, right = st.columns(2)
with left:
    components.plot(
        charts_service.seasonal_bar(
            profile,
            title=narrative.seasonal_title(profile, charts_service.NAMA_BULAN),
            subtitle="Indeks musiman: rata-rata permohonan bulan itu dibanding bulan biasa (1,0)",
        ),
        "musiman",
    )
backlog = compose.with_names(backlog, data.instansi(version))
with right:
    if backlog["terbuka"].sum() == 0:
        st.success(f"Tidak ada permohonan yang belum selesai per {format_date(as_of.date())}.", icon="✅")
    else:
        components.plot(
            charts_service.backlog_bar(
                backlog,
                label="nama",
                title=f"{format_number(backlog['terbuka'].sum())} permohonan belum selesai per "
                f"{format_date(as_of.date())}",
                subtitle=f"Permohonan berstatus proses dan umurnya · {subtitle}",
            ),
            "tunggakan",
        )
agency = compose.with_names(service.service_speed(rows, standar, by="instansi_kode"), data.instansi(version))
st.subheader("Rincian per instansi")
columns = {
    "nama": "Instansi",
    "jumlah": "Permohonan",
    "median_jam": "Median (jam)",
    "p90_jam": "P90 (jam)",
    "persen_tepat_waktu": "Tepat waktu",
}
st.dataframe(
    format_frame(
        agency[list(columns)], numbers={"jumlah": 0, "median_jam": 2, "p90_jam": 2}, percents={"persen_tepat_waktu": 1}
    ).rename(columns=columns),
    hide_index=True,
    key="tabel_layanan",
    on_select=drill.on_row_select("instansi", "tabel_layanan", list(agency["instansi_kode"])),
    selection_mode="single-row",
)
