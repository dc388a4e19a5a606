"""The Admin page's parts (issue 15 items 6-7): accounts, the audit log, service standards, scorecard weights and
settings. Every change goes through the store, which writes its audit row in the same transaction."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from asn_metrics.accounts import ROLE_NAMES, ROLES, SCOPED_ROLES, AccountError
from asn_metrics.formatting import format_cell, format_number
from asn_metrics.scorecard import NAMA_BAGIAN, PARTS
from asn_metrics.store import audit, configuration, sessions
from asn_metrics.store.accounts import add_account, disable_account, list_accounts, set_password
from asn_metrics.ui import auth, data

_DONE = "_admin_selesai"


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _actor() -> str:
    login = auth.account()
    return login.nama if login else "sistem"


def _saved(message: str) -> None:
    """Remember the message for the next run, forget the data version (a setting changes the views), rerun."""
    st.session_state[_DONE] = message
    data.forget_version()
    st.rerun()


def last_change() -> None:
    message = st.session_state.pop(_DONE, None)
    if message:
        st.success(message, icon=":material/check_circle:")


def accounts_tab() -> None:
    engine = data.engine()
    accounts = list_accounts(engine)
    if accounts.empty:
        st.info("Belum ada akun. Tambahkan di bawah, atau dengan `python -m asn_metrics users add`.")
    else:
        st.dataframe(
            pd.DataFrame(
                {
                    "Akun": accounts["nama"],
                    "Peran": [ROLE_NAMES.get(r, r) for r in accounts["peran"]],
                    "Instansi": accounts["instansi"],
                    "Status": ["aktif" if a else "nonaktif" for a in accounts["aktif"]],
                    "Dibuat": [format_cell(v) for v in accounts["dibuat_pada"]],
                }
            ),
            hide_index=True,
        )
    agencies = data.instansi(data.version())
    names = dict(zip(agencies["kode"], agencies["nama"], strict=True))
    add, disable, reset = st.columns(3, gap="large")
    with add.form("akun_baru", clear_on_submit=True):
        st.markdown("**Tambah akun**")
        name = st.text_input("Nama akun", placeholder="mis. budi.santoso")
        role = str(
            st.selectbox("Peran", list(ROLES), format_func=lambda r: ROLE_NAMES[r], index=ROLES.index("evaluator"))
        )
        codes = st.multiselect(
            "Instansi (hanya evaluator)", list(names), format_func=lambda k: f"{names[k]} ({k})", placeholder="Pilih"
        )
        first = st.text_input("Kata sandi", type="password", autocomplete="new-password")
        second = st.text_input("Ulangi kata sandi", type="password", autocomplete="new-password")
        if st.form_submit_button("Tambah", type="primary"):
            if first != second:
                st.error("Kedua kata sandi tidak sama.")
            else:
                try:
                    add_account(
                        engine,
                        name.strip(),
                        role,
                        first,
                        codes if role in SCOPED_ROLES else (),
                        now=_now(),
                        actor=_actor(),
                    )
                except AccountError as exc:
                    st.error(str(exc))
                else:
                    _saved(f"Akun {name.strip()} ditambahkan.")
    active = [str(n) for n, a in zip(accounts["nama"], accounts["aktif"], strict=True) if a]
    with disable.form("akun_nonaktif"):
        st.markdown("**Nonaktifkan akun**")
        chosen = st.selectbox("Akun", active, index=None, placeholder="Pilih akun")
        st.caption("Akun nonaktif tidak dapat masuk; sesinya yang terbuka berakhir saat itu juga.")
        if st.form_submit_button("Nonaktifkan"):
            if chosen is None:
                st.error("Pilih akun yang akan dinonaktifkan.")
            elif chosen == _actor():
                st.error("Akun yang sedang Anda pakai tidak dapat dinonaktifkan di sini.")
            else:
                disable_account(engine, chosen, now=_now(), actor=_actor())
                _saved(f"Akun {chosen} dinonaktifkan.")
    with reset.form("akun_sandi", clear_on_submit=True):
        st.markdown("**Atur ulang kata sandi**")
        chosen = st.selectbox("Akun", active, index=None, placeholder="Pilih akun", key="sandi_akun")
        first = st.text_input("Kata sandi baru", type="password", autocomplete="new-password")
        second = st.text_input("Ulangi kata sandi baru", type="password", autocomplete="new-password")
        if st.form_submit_button("Simpan kata sandi"):
            if chosen is None or first != second:
                st.error("Pilih akun dan isi kata sandi baru yang sama dua kali.")
            else:
                try:
                    set_password(engine, chosen, first, now=_now(), actor=_actor())
                except AccountError as exc:
                    st.error(str(exc))
                else:
                    _saved(f"Kata sandi {chosen} diganti; kuncinya, bila ada, dibuka.")


def audit_tab() -> None:
    engine = data.engine()
    action_col, user_col, since_col = st.columns(3)
    action = action_col.selectbox(
        "Aksi", [None, *audit.ACTIONS], format_func=lambda a: "Semua aksi" if a is None else audit.ACTIONS[a]
    )
    user = user_col.text_input("Akun", placeholder="semua akun")
    since = since_col.date_input("Sejak", value=None, format="DD/MM/YYYY")
    rows = audit.load_audit(
        engine,
        limit=500,
        aksi=action,
        pengguna=user.strip() or None,
        sejak=dt.datetime.combine(since, dt.time()) if since else None,
    )
    if rows.empty:
        st.info("Tidak ada catatan untuk pilihan ini.")
        return
    st.caption(f"{format_number(len(rows))} catatan terbaru (paling banyak 500), yang terbaru di atas.")
    st.dataframe(
        pd.DataFrame(
            {
                "Waktu": [format_cell(v) for v in rows["waktu"]],
                "Akun": rows["pengguna"],
                "Aksi": [audit.ACTIONS.get(a, a) for a in rows["aksi"]],
                "Rincian": [audit.describe(r) for r in rows["rincian"]],
                "Lingkup": rows["lingkup"].fillna("seluruh provinsi"),
            }
        ),
        hide_index=True,
    )


def standards_tab() -> None:
    engine = data.engine()
    st.caption(
        "Standar bawaan setiap jenis layanan, dalam jam: permohonan yang selesai dalam standarnya tepat waktu. "
        "Mengubahnya menghitung ulang ketepatan waktu semua tahun. Kosongkan bila layanan tidak punya standar."
    )
    with st.form("standar"):
        columns = st.columns(4)
        wanted = {
            kode: columns[i % 4].number_input(
                f"{nama} ({kode})",
                0.1,
                24.0 * 365,
                hours,
                1.0,
                format="%.1f",
                placeholder="tanpa standar",
                key=f"standar_{kode}",
            )
            for i, (kode, nama, hours) in enumerate(configuration.load_service_kinds(engine))
        }
        if st.form_submit_button("Simpan standar", type="primary"):
            try:
                changed = configuration.save_service_standards(
                    engine, {k: None if v is None else float(v) for k, v in wanted.items()}, actor=_actor(), now=_now()
                )
            except configuration.SettingRefused as exc:
                st.error(str(exc))
            else:
                _saved(f"Standar diubah: {', '.join(changed)}." if changed else "Tidak ada standar yang berubah.")


def weights_tab() -> None:
    engine = data.engine()
    weights = configuration.load_scorecard_weights(engine)
    st.caption("Bobot setiap bagian skor instansi di Kinerja Instansi; bobot 0 berarti bagian itu tidak dipakai.")
    with st.form("bobot"):
        columns = st.columns(len(PARTS))
        chosen = {
            part: column.number_input(
                NAMA_BAGIAN[part][:1].upper() + NAMA_BAGIAN[part][1:],
                0.0,
                10.0,
                float(weights[part]),
                0.5,
                format="%.1f",
                key=f"bobot_{part}",
            )
            for part, column in zip(PARTS, columns, strict=True)
        }
        if st.form_submit_button("Simpan bobot", type="primary"):
            try:
                configuration.save_scorecard_weights(engine, chosen, actor=_actor(), now=_now())
            except configuration.SettingRefused as exc:
                st.error(str(exc))
            else:
                _saved("Bobot skor instansi disimpan.")


def settings_tab() -> None:
    engine = data.engine()
    low, high = configuration.IDLE_RANGE
    with st.form("pengaturan"):
        minutes = st.number_input(
            "Sesi berakhir setelah tidak aktif (menit)", low, high, sessions.idle_minutes(engine), 5
        )
        if st.form_submit_button("Simpan pengaturan", type="primary"):
            try:
                configuration.save_idle_minutes(engine, int(minutes), actor=_actor(), now=_now())
            except configuration.SettingRefused as exc:
                st.error(str(exc))
            else:
                _saved(f"Sesi kini berakhir setelah {int(minutes)} menit tidak aktif.")
