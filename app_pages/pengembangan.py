"""Pengembangan & Penghargaan: who to recognise, who improved, who needs a plan, who lacks training — with the
rule (views.pengembangan)."""

from __future__ import annotations

import streamlit as st

from asn_metrics.ui import components, data, drill
from asn_metrics.views.pengembangan import COLUMNS, PengembanganView

filters = components.page_filters()
components.page_header(
    "Pengembangan & Penghargaan",
    "Siapa yang layak diberi penghargaan, siapa yang meningkat, dan siapa yang perlu pembinaan atau pelatihan?",
)
drill.back_buttons(filters)
view: PengembanganView | None = data.view("pengembangan", filters)
if view is None:
    components.empty_state("penilaian SKP", "Pilih tahun yang sudah memiliki penilaian SKP di panel kiri.")
    st.stop()

components.kpi_row(view.kpis)
st.caption(
    "Daftar ini usulan untuk pengembangan pegawai, bukan sanksi: setiap nama tercantum karena aturan yang "
    "tertulis di atas tabelnya. Daftar pembinaan disebut *kandidat pembinaan*."
)
# Only the open tab's list is read (``on_change="rerun"`` makes the tabs lazy): one page of one list per run.
tabs = st.tabs([found.title for found in view.lists], key="daftar_tindak_lanjut", on_change="rerun")
for tab, found in zip(tabs, view.lists, strict=True):
    if not tab.open:
        continue
    with tab:
        st.markdown(f"**Aturan:** {found.rule or 'belum ada pegawai yang memenuhi aturan ini'}")
        components.person_list(
            "pengembangan",
            filters,
            found.slug,
            key=found.slug,
            entries=("list_page", "list_rows"),
            noun="pegawai",
            headers=COLUMNS,
            name_columns=("nama_pegawai",),
            download=(f"Unduh {found.title.lower()}", f"{found.slug}_{view.tahun}"),
        )
