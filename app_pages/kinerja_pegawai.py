"""Kinerja Pegawai: one person's history, employee lists, the workforce profile and the retirement wave."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from asn_metrics import charts_misc, compose, narrative, service, workforce
from asn_metrics.formatting import format_frame, format_hours, format_number, format_percent
from asn_metrics.reference import JENIS_JABATAN_LABEL
from asn_metrics.ui import components, data, drill, privacy

DIMENSIONS = {
    "kelompok_usia": "Usia",
    "jenis_kelamin": "Jenis kelamin",
    "status": "Status",
    "pendidikan": "Pendidikan",
    "golongan": "Golongan",
    "jenis_jabatan": "Jenis jabatan",
}
filters = components.page_filters()
version = data.version()
components.page_header(
    "Kinerja Pegawai",
    "Bagaimana kinerja seorang pegawai dari tahun ke tahun, dan siapa pegawai terbaik yang segera pensiun?",
)
drill.back_buttons(filters)
staff = data.pegawai(version, filters)
if filters.tahun is None or staff.empty:
    components.empty_state("pegawai")
    st.stop()

annual = data.standing(version, filters, (filters.tahun,))
ref_date = pd.Timestamp(filters.tahun, 12, 31)
retiring = workforce.retiring_within(staff, 5, ref_date)
risk = compose.with_names(workforce.succession_risk(staff, annual, filters.tahun), data.instansi(version))
components.kpi_row(
    [
        components.Kpi("Pegawai aktif", format_number(len(staff))),
        components.Kpi(f"Dinilai {filters.tahun}", format_number(len(annual))),
        components.Kpi("Pensiun dalam 5 tahun", format_number(len(retiring)), help=f"Sampai {ref_date.year + 5}"),
        components.Kpi(
            "Pegawai terbaik yang pensiun",
            format_percent(risk["jumlah_pensiun"].sum() / max(risk["jumlah_sb_baik"].sum(), 1) * 100),
            help="Porsi pegawai Sangat Baik/Baik yang pensiun dalam 5 tahun",
        ),
    ]
)
search, listing, profile = st.tabs(["Cari pegawai", "Daftar pegawai", "Profil & pensiun"])
with search:
    text = st.text_input("Nama atau NIP", key="cari_pegawai", placeholder="mis. Siti atau 19860926")
    found = data.search_pegawai(version, text, filters) if text.strip() else pd.DataFrame()
    if text.strip() and found.empty:
        st.info(
            f"Tidak ada pegawai dengan nama atau NIP “{text}” pada pilihan filter ini. Periksa ejaan atau "
            "kosongkan filter wilayah/instansi.",
            icon="ℹ️",
        )
    if not found.empty:
        pick = st.dataframe(
            privacy.mask(found[["nip", "nama", "instansi_nama", "jabatan"]]),
            hide_index=True,
            on_select="rerun",
            selection_mode="single-row",
            key="hasil_cari",
        )
        row = drill.code_from_rows(pick.selection.rows, list(found["nip"])) or str(found["nip"].iloc[0])
        record = data.person(version, row)
        person = record["pegawai"]
        years = compose.person_years(person, record["skp"], record["pelatihan"], record["disiplin"])
        shown_name = person["nama"].iloc[0] if privacy.show_personal_data() else privacy.HIDDEN_NAME
        st.markdown(
            f"**{shown_name}** · NIP {privacy.mask_text(row)} · {person['instansi_nama'].iloc[0]} · "
            f"{person['jabatan'].iloc[0] or '–'}"
        )
        components.plot(
            charts_misc.person_history(
                years,
                title=f"Predikat, pelatihan dan IP ASN {shown_name}",
                subtitle="Predikat tahunan (atau periode terakhir) dan JP pelatihan per tahun",
            ),
            "riwayat_pegawai",
        )
        st.dataframe(
            format_frame(years, numbers={"jp": 0, "ip_asn": 1}).rename(
                columns={
                    "tahun": "Tahun",
                    "predikat": "Predikat",
                    "jp": "JP",
                    "ip_asn": "IP ASN",
                    "kategori_ip_asn": "Kategori IP ASN",
                }
            ),
            hide_index=True,
        )
        processed = data.officer_layanan(version, row, filters.tahun)
        if not processed.empty:
            standar = data.standar_layanan(version)
            mine = service.officer_speed(processed.assign(semua=""), standar, by="semua").iloc[0]
            unit = service.service_speed(data.layanan(version, filters).assign(semua=""), standar, by="semua").iloc[0]
            st.markdown(
                f"**Sebagai petugas layanan {filters.tahun}:** {format_number(mine['jumlah'])} permohonan, "
                f"median {format_hours(mine['median_jam'], 2)} (semua petugas: "
                f"{format_hours(unit['median_jam'], 2)}), tepat waktu "
                f"{format_percent(mine['persen_tepat_waktu'])} (semua: {format_percent(unit['persen_tepat_waktu'])})."
            )
with listing:
    people = staff.merge(annual[["nip", "predikat"]], on="nip", how="left")
    people = compose.with_names(people, data.instansi(version)).rename(columns={"nama": "instansi"})
    people["nama"] = staff["nama"].to_numpy()
    people["jenis_jabatan"] = people["jenis_jabatan"].map(JENIS_JABATAN_LABEL)
    cols = {
        "nip": "NIP",
        "nama": "Nama",
        "instansi": "Instansi",
        "jabatan": "Jabatan",
        "golongan": "Golongan",
        "jenis_jabatan": "Jenis jabatan",
        "predikat": f"Predikat {filters.tahun}",
    }
    shown = privacy.mask(people[list(cols)]).rename(columns=cols)
    st.caption(f"{format_number(len(people))} pegawai aktif · {components.describe_filters(filters)}")
    st.dataframe(shown, hide_index=True)
    components.csv_download(shown, "Unduh daftar pegawai (CSV)", f"pegawai_{filters.tahun}.csv", "unduh_pegawai")
with profile:
    dimension = st.radio("Profil menurut", list(DIMENSIONS), format_func=DIMENSIONS.get, horizontal=True)
    make_up = workforce.workforce_profile(staff, by=(), ref_date=ref_date)
    make_up = make_up[make_up["dimensi"] == dimension]
    components.plot(
        charts_misc.profile_bars(
            make_up,
            title=narrative.best_worst_title(
                make_up, value="persen", label="kategori", what=f"{DIMENSIONS[str(dimension)]}: porsi"
            ),
            subtitle=f"Pegawai aktif per {ref_date.year} · {components.describe_filters(filters)}",
        ),
        "profil_pegawai",
    )
    components.plot(
        charts_misc.succession_bar(
            risk,
            title=narrative.succession_title(risk),
            subtitle=f"Porsi pegawai Sangat Baik/Baik {filters.tahun} yang mencapai BUP dalam 5 tahun, 15 tertinggi",
        ),
        "risiko_suksesi",
        drill_to="instansi",
    )
    best = retiring[retiring["nip"].isin(annual.loc[annual["predikat"].isin(["Sangat Baik", "Baik"]), "nip"])]
    best = best.merge(staff[["nip", "nama", "jabatan"]], on="nip").merge(annual[["nip", "predikat"]], on="nip")
    best = compose.with_names(best.rename(columns={"nama": "nama_pegawai"}), data.instansi(version))
    st.markdown(f"**Pegawai terbaik yang pensiun sampai {ref_date.year + 5}** ({format_number(len(best))} orang)")
    st.dataframe(
        privacy.mask(
            best[["nip", "nama_pegawai", "nama", "jabatan", "predikat", "tanggal_pensiun"]],
            name_columns=("nama_pegawai",),
        ).rename(
            columns={
                "nip": "NIP",
                "nama_pegawai": "Nama",
                "nama": "Instansi",
                "jabatan": "Jabatan",
                "predikat": "Predikat",
                "tanggal_pensiun": "Tanggal pensiun",
            }
        ),
        hide_index=True,
    )
