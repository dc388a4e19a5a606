"""Pengembangan & Penghargaan: who to recognise, who improved, who needs a plan, who lacks training — with the rule."""

from __future__ import annotations

import streamlit as st

from asn_metrics import compose, followup
from asn_metrics.formatting import format_number
from asn_metrics.ui import components, data, drill, privacy

LISTS = (
    (followup.DAFTAR_PENGHARGAAN, "penghargaan"),
    (followup.DAFTAR_MENINGKAT, "meningkat"),
    (followup.DAFTAR_PEMBINAAN, "pembinaan"),
    (followup.DAFTAR_PELATIHAN, "pelatihan"),
)
filters = components.page_filters()
version = data.version()
components.page_header(
    "Pengembangan & Penghargaan",
    "Siapa yang layak diberi penghargaan, siapa yang meningkat, dan siapa yang perlu pembinaan atau pelatihan?",
)
drill.back_buttons(filters)
years = (filters.tahun - 1, filters.tahun) if filters.tahun else ()
annual = data.standing(version, filters, years) if filters.tahun else None
if annual is None or annual.empty or filters.tahun not in set(annual["tahun"]):
    components.empty_state("penilaian SKP", "Pilih tahun yang sudah memiliki penilaian SKP di panel kiri.")
    st.stop()

assert filters.tahun is not None
staff = data.pegawai(version, filters)
jp = data.jp_per_pegawai(version, filters)
lists = followup.followup_lists(data.last_evaluations(version, filters, years), jp, tahun=filters.tahun, annual=annual)
lists = lists.merge(staff[["nip", "nama"]], on="nip", how="left")
lists = compose.with_names(lists.rename(columns={"nama": "nama_pegawai"}), data.instansi(version))
sizes = lists["daftar"].value_counts()
components.kpi_row(
    [components.Kpi(title.split(" (")[0], format_number(int(sizes.get(title, 0)))) for title, _ in LISTS]
)
st.caption(
    "Daftar ini usulan untuk pengembangan pegawai, bukan sanksi: setiap nama tercantum karena aturan yang "
    "tertulis di atas tabelnya (DOMAIN.md §8). Daftar pembinaan disebut *kandidat pembinaan*."
)
columns = {"nip": "NIP", "nama_pegawai": "Nama", "nama": "Instansi", "predikat": "Predikat", "keterangan": "Keterangan"}
for tab, (title, slug) in zip(st.tabs([t for t, _ in LISTS]), LISTS, strict=True):
    with tab:
        part = lists[lists["daftar"] == title]
        rule = part["aturan"].iloc[0] if len(part) else ""
        st.markdown(f"**Aturan:** {rule or 'belum ada pegawai yang memenuhi aturan ini'}")
        shown = privacy.mask(part[[*columns, "aturan"]], name_columns=("nama_pegawai",))
        st.dataframe(shown.drop(columns="aturan").rename(columns=columns), hide_index=True)
        components.csv_download(
            shown.rename(columns={**columns, "aturan": "Aturan"}),
            f"Unduh {title.lower()} (CSV)",
            f"{slug}_{filters.tahun}.csv",
            key=f"unduh_{slug}",
        )
