"""Kinerja Pegawai: one person's history, the employee list, the workforce profile and the retirement wave
(views.kinerja_pegawai)."""

from __future__ import annotations

import streamlit as st

from asn_metrics import charts_people
from asn_metrics.accounts import PERSONAL_ROLES
from asn_metrics.formatting import markdown_literal
from asn_metrics.nip import HIDDEN_NAME
from asn_metrics.ui import components, data, drill, privacy
from asn_metrics.views.kinerja_pegawai import (
    BEST_HEADERS,
    DIMENSIONS,
    SEARCH_HEADERS,
    KinerjaPegawaiView,
    PersonView,
)

components.require_role(*PERSONAL_ROLES)
filters = components.page_filters()
components.page_header(
    "Kinerja Pegawai",
    "Bagaimana kinerja seorang pegawai dari tahun ke tahun, dan siapa pegawai terbaik yang segera pensiun?",
)
drill.back_buttons(filters)
dimension = st.session_state.get("dimensi_profil", "kelompok_usia")
view: KinerjaPegawaiView | None = data.view("kinerja_pegawai", filters, dimension)
if view is None:
    components.empty_state("pegawai")
    st.stop()

components.kpi_row(view.kpis)
# Lazy tabs (``on_change="rerun"``): only the open one reads its list or charts.
search, listing, profile = st.tabs(
    ["Cari pegawai", "Daftar pegawai", "Profil & pensiun"], key="tab_pegawai", on_change="rerun"
)
if search.open:
    with search:
        text = st.text_input("Nama atau NIP", key="cari_pegawai", placeholder="mis. Siti atau 19860926")
        found = data.search_pegawai(data.version(), text, filters) if text.strip() else None
        if found is not None and found.empty:
            st.info(
                f"Tidak ada pegawai dengan nama atau NIP “{text}” pada pilihan filter ini. Periksa ejaan atau "
                "kosongkan filter wilayah/instansi.",
                icon=":material/info:",
            )
        if found is not None and not found.empty:
            pick = st.dataframe(
                privacy.mask(found[list(SEARCH_HEADERS)]).rename(columns=SEARCH_HEADERS),
                hide_index=True,
                on_select="rerun",
                selection_mode="single-row",
                key="hasil_cari",
            )
            nip = drill.code_from_rows(pick.selection.rows, list(found["nip"])) or str(found["nip"].iloc[0])
            one: PersonView | None = data.view("kinerja_pegawai", filters, nip, entry="person")
            if one is not None:
                name = one.nama if privacy.show_personal_data() else HIDDEN_NAME
                st.markdown(
                    f"**{markdown_literal(name)}** · NIP {markdown_literal(privacy.mask_text(nip))} · "
                    f"{markdown_literal(one.heading_rest)}"
                )
                components.plot(
                    charts_people.person_history(
                        one.history,
                        title=f"Predikat dan pelatihan {name} per tahun",
                        subtitle="Predikat tahunan (atau periode terakhir) dan JP pelatihan per tahun",
                    ),
                    "riwayat_pegawai",
                )
                st.dataframe(one.history_table, hide_index=True)
                if one.as_officer:
                    st.markdown(one.as_officer)
if listing.open:
    with listing:
        components.person_list(
            "kinerja_pegawai",
            filters,
            key="daftar_pegawai",
            entries=("people_page", "people_rows"),
            noun="pegawai aktif",
            headers=view.people_headers,
            download=("Unduh daftar pegawai", f"pegawai_{view.tahun}"),
            note=view.subtitle,
        )
if profile.open:
    with profile:
        st.radio("Profil menurut", list(DIMENSIONS), format_func=DIMENSIONS.get, horizontal=True, key="dimensi_profil")
        components.plot(
            charts_people.profile_bars(view.make_up, title=view.make_up_title, subtitle=view.make_up_subtitle),
            "profil_pegawai",
        )
        components.plot(
            charts_people.succession_bar(view.risk, title=view.risk_title, subtitle=view.risk_subtitle),
            "risiko_suksesi",
            drill_to="instansi",
        )
        st.markdown(view.best_retiring_title)
        components.person_list(
            "kinerja_pegawai",
            filters,
            key="pensiun_terbaik",
            entries=("best_page", "best_rows"),
            noun="pegawai",
            headers=BEST_HEADERS,
            name_columns=("nama_pegawai",),
            download=("Unduh pegawai terbaik yang pensiun", f"pensiun_terbaik_{view.tahun}"),
        )
