"""Admin: accounts, the audit log, service standards, scorecard weights and settings (admins only)."""

from __future__ import annotations

import streamlit as st

from asn_metrics.ui import admin, components

components.require_role("admin")
components.page_header("Admin", "Siapa yang dapat masuk, apa yang mereka lakukan, dan aturan apa yang dipakai?")
admin.last_change()
accounts, log, standards, weights, settings = st.tabs(
    ["Akun", "Log audit", "Standar layanan", "Bobot skor", "Pengaturan"], key="tab_admin", on_change="rerun"
)
if accounts.open:
    with accounts:
        admin.accounts_tab()
if log.open:
    with log:
        admin.audit_tab()
if standards.open:
    with standards:
        admin.standards_tab()
if weights.open:
    with weights:
        admin.weights_tab()
if settings.open:
    with settings:
        admin.settings_tab()
