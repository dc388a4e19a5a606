"""Unggah Data: evaluators bring CSV/XLSX exports; the importer takes what is right and explains what is not."""

from __future__ import annotations

import streamlit as st

from asn_metrics.accounts import UPLOAD_ROLES
from asn_metrics.ui import components, upload

components.require_role(*UPLOAD_ROLES)
components.page_header(
    "Unggah Data", "Berkas apa yang ingin Anda tambahkan, dan apakah isinya sudah benar sebelum disimpan?"
)
tab_upload, tab_templates, tab_history = st.tabs(["Unggah berkas", "Templat", "Riwayat impor"])

with tab_upload:
    upload.last_result()
    upload.upload_tab()

with tab_templates:
    upload.templates()

with tab_history:
    upload.history()
