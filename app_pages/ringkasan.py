"""Ringkasan: the province at a glance — workforce, predikat and service timeliness."""

from __future__ import annotations

import streamlit as st

from asn_metrics import charts, charts_agency, charts_map, compose, headline, narrative, skp
from asn_metrics.formatting import format_delta, format_frame, format_number, format_percent
from asn_metrics.reference import PREDIKAT_ORDER
from asn_metrics.ui import components, data, drill

filters = components.page_filters()
version = data.version()
components.page_header(
    "Ringkasan", "Bagaimana kinerja ASN dan layanan publik di Provinsi Bengkulu pada tahun yang dipilih?"
)
if filters.tahun is None:
    components.empty_state("penilaian", "Unggah data atau muat data demo terlebih dahulu.")
    st.stop()

previous = filters.previous_year()
now = headline.predikat_headline(data.predikat_counts(version, filters))
before = headline.predikat_headline(data.predikat_counts(version, previous))
tepat = headline.percent_within_standard(data.service_timeliness_counts(version, filters))
tepat_before = headline.percent_within_standard(data.service_timeliness_counts(version, previous))
delta_good = headline.change(now.persen_baik_ke_atas, before.persen_baik_ke_atas)
delta_tepat = headline.change(tepat, tepat_before)

components.kpi_row(
    [
        components.Kpi("Pegawai aktif", format_number(data.pegawai_count(version, filters))),
        components.Kpi(
            f"Pegawai dinilai {filters.tahun}",
            format_number(now.dinilai),
            help="Pegawai dengan predikat kinerja tahunan (atau periode terakhir) pada tahun itu, "
            "termasuk yang kini sudah pensiun",
        ),
        components.Kpi(
            "Predikat Baik ke atas",
            format_percent(now.persen_baik_ke_atas),
            delta=None if delta_good is None else format_delta(delta_good, 1, " poin"),
            help=f"Dibanding {previous.tahun}",
        ),
        components.Kpi("Predikat Sangat Baik", format_percent(now.persen_sangat_baik)),
        components.Kpi(
            "Layanan tepat waktu",
            format_percent(tepat),
            delta=None if delta_tepat is None else format_delta(delta_tepat, 1, " poin"),
            help="Layanan selesai dalam standar waktunya (Permendagri 19/2018: 1 jam untuk dokumen kependudukan)",
        ),
    ]
)

drill.back_buttons(filters)
province = filters.province()
choice = st.radio(
    "Warnai peta menurut", list(compose.MAP_INDICATORS), format_func=compose.MAP_INDICATORS.get, horizontal=True
)
if choice == "baik":
    values = compose.share_good(data.predikat_counts(version, province, ("wilayah_kode",)), "wilayah_kode")
elif choice == "tepat":
    values = compose.timeliness(data.service_timeliness_counts(version, province, ("wilayah_kode",)), "wilayah_kode")
else:
    values = compose.ikm_values(data.skm(version, province), "wilayah_kode")
values = compose.with_names(values[values["wilayah_kode"] != "17"], data.wilayah(version), key="wilayah_kode")
map_label = compose.MAP_INDICATORS[str(choice)]
is_ikm = choice == "ikm"
components.plot(
    charts_map.region_map(
        values,
        title=narrative.best_worst_title(
            values,
            value="nilai",
            label="nama",
            what=map_label,
            decimals=2 if is_ikm else 1,
            suffix="" if is_ikm else "%",
        ),
        subtitle=f"Per kabupaten/kota (instansi kabupaten/kota) · {components.describe_filters(province)} · "
        "klik wilayah untuk menyaring",
        label="IKM" if is_ikm else map_label,
        suffix="" if is_ikm else "%",
        decimals=2 if is_ikm else 1,
    ),
    "peta_wilayah",
    drill_to="wilayah",
)

by = "instansi_kode" if filters.wilayah else "wilayah_kode"
counts = data.predikat_counts(version, filters, (by,))
if counts.empty:
    components.empty_state("predikat kinerja")
    st.stop()
names = data.instansi(version) if filters.wilayah else data.wilayah(version)
distribution = skp.predikat_distribution(counts, by=by)
distribution["nama"] = distribution[by].map(dict(zip(names["kode"], names["nama"], strict=True)))
if filters.wilayah:
    region = data.wilayah(version).set_index("kode")["nama"].get(filters.wilayah)
    distribution["nama"] = [narrative.short_agency_name(n, region) for n in distribution["nama"]]
label = "instansi" if filters.wilayah else "kabupaten/kota"
components.plot(
    charts.predikat_stacked_bar(
        distribution,
        label="nama",
        title=narrative.predikat_by_region_title(distribution, label="nama"),
        subtitle=f"Sebaran predikat kinerja per {label} · {components.describe_filters(filters)}",
    ),
    "predikat_wilayah",
)
agencies = data.instansi(version)
movers = compose.with_names(
    headline.movers(
        skp.predikat_distribution(data.predikat_counts(version, filters, ("instansi_kode",)), by="instansi_kode"),
        skp.predikat_distribution(data.predikat_counts(version, previous, ("instansi_kode",)), by="instansi_kode"),
    ),
    agencies,
)
if not movers.empty:
    components.plot(
        charts_agency.movers_bar(
            movers,
            title=narrative.movers_title(movers),
            subtitle=f"Instansi dengan perubahan terbesar porsi Baik ke atas, {previous.tahun}→{filters.tahun} "
            f"(minimal 10 pegawai dinilai) · {components.describe_filters(filters)}",
        ),
        "instansi_bergerak",
        drill_to="instansi",
    )
percent_columns = {skp.kolom_persen(p): p for p in PREDIKAT_ORDER}
table = format_frame(
    distribution[["nama", "jumlah", *percent_columns]],
    numbers={"jumlah": 0},
    percents=dict.fromkeys(percent_columns, 1),
)
st.dataframe(
    table.rename(columns={"nama": label.capitalize(), "jumlah": "Dinilai", **percent_columns}), hide_index=True
)
