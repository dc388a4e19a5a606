"""Dasbor Kinerja ASN Bengkulu: the entry point (login, navigation by role, global filters, demo marker)."""

from __future__ import annotations

import logging

import streamlit as st

from asn_metrics.accounts import may_open
from asn_metrics.settings import DATA_DIR
from asn_metrics.ui import auth, components, sidebar
from asn_metrics.ui.data import engine, forget_version
from asn_metrics.ui.setup import ensure_schema

FAVICON = DATA_DIR / "favicon.svg"

# The favicon is the app's own file: a Material icon name would make every browser fetch it from Google's font
# host, and the app runs where nothing may leave the server (issue 19 item 9).
st.set_page_config(page_title="Dasbor Kinerja ASN Bengkulu", page_icon=str(FAVICON), layout="wide")

forget_version()
if not ensure_schema(engine()):
    st.stop()

pages = {
    "Dasbor": [
        st.Page(
            "app_pages/ringkasan.py", title="Ringkasan", icon=":material/home:", url_path="ringkasan", default=True
        ),
        st.Page(
            "app_pages/kinerja_instansi.py",
            title="Kinerja Instansi",
            icon=":material/account_balance:",
            url_path="kinerja-instansi",
        ),
        st.Page(
            "app_pages/kinerja_pegawai.py",
            title="Kinerja Pegawai",
            icon=":material/person_search:",
            url_path="kinerja-pegawai",
        ),
    ],
    "Rapat": [
        st.Page("app_pages/presentasi.py", title="Presentasi", icon=":material/slideshow:", url_path="presentasi"),
    ],
    "Layanan": [
        st.Page("app_pages/pelayanan.py", title="Pelayanan Publik", icon=":material/timer:", url_path="pelayanan"),
        st.Page(
            "app_pages/kepuasan.py",
            title="Kepuasan & Pengaduan",
            icon=":material/forum:",
            url_path="kepuasan",
        ),
    ],
    "Kinerja & Tindak Lanjut": [
        st.Page("app_pages/indikator.py", title="Indikator Kinerja", icon=":material/flag:", url_path="indikator"),
        st.Page(
            "app_pages/pengembangan.py",
            title="Pengembangan & Penghargaan",
            icon=":material/workspace_premium:",
            url_path="pengembangan",
        ),
    ],
    "Data": [
        st.Page("app_pages/kualitas.py", title="Kualitas Data", icon=":material/fact_check:", url_path="kualitas-data"),
        st.Page("app_pages/unggah.py", title="Unggah Data", icon=":material/upload_file:", url_path="unggah"),
        st.Page("app_pages/admin.py", title="Admin", icon=":material/admin_panel_settings:", url_path="admin"),
    ],
}
login = auth.current_account()
if login is None:
    # The login page is the only page without a session, at every page's address: a copied link opens it
    # (no "page not found"), and after the login the same address opens the page it named.
    st.navigation(
        [
            st.Page(auth.login_page, title="Masuk", icon=":material/login:", url_path=page.url_path or "ringkasan")
            for entries in pages.values()
            for page in entries
        ],
        position="hidden",
    ).run()
    st.stop()

# The menu holds only what the role may open; a page left out cannot be reached by its URL either.
allowed = {
    section: [page for page in entries if may_open(login.peran, page.url_path)] for section, entries in pages.items()
}
navigation = st.navigation({section: entries for section, entries in allowed.items() if entries})
auth.logout_control(login)
st.session_state["filters"] = sidebar.global_filters(login)
with st.sidebar:
    st.caption("Batas wilayah: cahyadsn/wilayah_boundaries (© Cahya DSN, MIT License), diolah.")
components.demo_banner()
try:
    navigation.run()
except Exception:  # a bug must not show a traceback to a governor's staff; the log keeps the details
    logging.getLogger("asn_metrics").exception("halaman %s gagal", navigation.title)
    st.error(components.PAGE_FAILED)
