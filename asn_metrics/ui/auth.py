"""Who is logged in: the login page, the session cookie, logout (issue 15 item 3; README "Akun dan login").

The session lives on the server (``store.sessions``). The browser holds only a random token in the cookie
``asn_sesi`` (``SameSite=Strict``, ``Secure`` over HTTPS), set by a line of script because Streamlit cannot set a
cookie itself; a reload (F5) sends it back and ``st.context.cookies`` reads it. The token is never in a URL, so a
copied link opens the login page for whoever lacks a session. Every run looks the session up again: expiry,
logout and a disabled account take effect on the next click.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from asn_metrics.accounts import ROLE_NAMES, account_scope
from asn_metrics.settings import load_settings
from asn_metrics.store import sessions
from asn_metrics.store.accounts import Login, authenticate
from asn_metrics.ui import data

COOKIE: Final = "asn_sesi"
ACCOUNT_KEY: Final = "akun"
_TOKEN_KEY: Final = "_sesi_token"
_NOTICE_KEY: Final = "_pesan_masuk"
#: What each demo account shows, in the login page's order.
DEMO_ROLES: Final = {
    "pimpinan": "semua halaman dan instansi, dengan nama dan NIP",
    "evaluator": "unggah data dan tampilan satu instansi (Disdukcapil)",
    "tamu": "angka agregat saja, tanpa nama dan NIP",
    "admin": "semua, termasuk akun, log audit dan pengaturan",
}


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def current_account() -> Login | None:
    """The account of this browser tab's live session, or None (the login page then shows why, if it ended)."""
    token = st.session_state.get(_TOKEN_KEY)
    if token is None:  # a new tab or a reload: the cookie is the only memory
        cookie = st.context.cookies.get(COOKIE)
        token = cookie if isinstance(cookie, str) else None
    resumed = sessions.resume(data.engine(), token, now=_now())
    sso = sso_configured() and bool(st.user.get("is_logged_in"))
    if resumed.message and sso:
        st.logout()  # an ended session ends the identity provider's login here too, else F5 would renew it
    if resumed.login is None and token is None and sso:
        email = str(st.user.get("email") or "")
        token = sessions.sso_session(data.engine(), email, now=_now()) if email else None
        if token:
            resumed = sessions.resume(data.engine(), token, now=_now())
        else:
            st.session_state[_NOTICE_KEY] = (
                f"Identitas SSO {email or '(tanpa surel)'} belum terdaftar sebagai akun aktif. Minta admin "
                "menambahkannya (Admin → Akun, dengan alamat surel sebagai nama akun)."
            )
    if resumed.login is None:
        st.session_state.pop(ACCOUNT_KEY, None)
        if token:
            st.session_state[_TOKEN_KEY] = ""  # ended: do not fall back to this tab's old cookie again
        if resumed.message:
            st.session_state[_NOTICE_KEY] = resumed.message
        return None
    st.session_state[_TOKEN_KEY] = token
    st.session_state[ACCOUNT_KEY] = resumed.login
    return resumed.login


def account() -> Login | None:
    """The account this run was opened with (``current_account`` put it in the session)."""
    found = st.session_state.get(ACCOUNT_KEY)
    return found if isinstance(found, Login) else None


def scope(login: Login) -> tuple[str, ...] | None:
    return account_scope(login.peran, login.instansi)


def _start(token: str) -> None:
    st.session_state[_TOKEN_KEY] = token
    for key in [k for k in st.session_state if str(k).startswith("f_")]:
        del st.session_state[key]  # the filters of the previous account's scope
    st.rerun()


def sso_configured() -> bool:
    """True when ``.streamlit/secrets.toml`` has an ``[auth]`` section: the login page then offers ``st.login``."""
    try:
        return "auth" in st.secrets
    except (FileNotFoundError, KeyError, StreamlitSecretNotFoundError):
        return False


def demo_offered() -> bool:
    """The one-click demo accounts are offered while the data is only the demo's and ``ASN_DEMO`` is not 0."""
    return load_settings().demo_accounts and sessions.demo_only(data.engine())


def login_page() -> None:
    """The only page without a session: name and password, and the demo accounts while they are offered."""
    st.title("Dasbor Kinerja ASN Bengkulu")
    notice = st.session_state.pop(_NOTICE_KEY, None)
    if notice:
        st.info(notice, icon=":material/schedule:")
    left, right = st.columns([1, 1], gap="large")
    with left, st.form("masuk"):
        st.subheader("Masuk")
        name = st.text_input("Nama akun", placeholder="mis. budi.santoso", autocomplete="username")
        password = st.text_input("Kata sandi", type="password", autocomplete="current-password")
        if st.form_submit_button("Masuk", type="primary", icon=":material/login:"):
            result = authenticate(data.engine(), name.strip(), password, now=_now())
            if result.ok:
                _start(sessions.open_session(data.engine(), result, now=_now()))
            st.error(result.message, icon=":material/error:")
    if sso_configured():
        with left:
            if st.button("Masuk dengan SSO", icon=":material/badge:", key="masuk_sso"):
                st.login()
    with right:
        if demo_offered():
            st.subheader("Akun demo")
            st.warning(
                "**Data demo — bukan data resmi.** Akun-akun ini hanya tersedia selama basis data berisi data "
                "demo, dan hilang begitu data sungguhan diimpor.",
                icon=":material/warning:",
            )
            for role, what in DEMO_ROLES.items():
                if st.button(f"Masuk sebagai {ROLE_NAMES[role]} (demo)", key=f"demo_{role}", width="stretch"):
                    token = sessions.demo_login(data.engine(), role, now=_now())
                    if token:
                        _start(token)
                    st.error("Akun demo tidak tersedia lagi: basis data sudah berisi data sungguhan.")
                st.caption(what)
        else:
            st.caption("Belum punya akun? Admin membuatnya dengan `python -m asn_metrics users add NAMA --role PERAN`.")
    _write_cookie("", 0)  # no session in this tab: forget any old token the browser still holds


def logout_control(login: Login) -> None:
    """The account's name and role in the sidebar, and the logout button."""
    with st.sidebar:
        where = f" · {', '.join(login.instansi)}" if login.instansi else ""
        st.caption(f"Masuk sebagai **{login.nama}** ({ROLE_NAMES[login.peran]}{where})")
        if st.button("Keluar", icon=":material/logout:", key="keluar"):
            sessions.close_session(data.engine(), st.session_state.get(_TOKEN_KEY), now=_now())
            st.session_state.clear()
            st.session_state[_TOKEN_KEY] = ""
            if sso_configured() and st.user.get("is_logged_in"):
                st.logout()  # the identity provider's cookie too, else the next run would log in again
            st.rerun()
    token = st.session_state.get(_TOKEN_KEY)
    if token:
        _write_cookie(token, sessions.idle_minutes(data.engine()) * 60)


def _write_cookie(token: str, max_age: int) -> None:
    """Set (or, with ``max_age`` 0, delete) the session cookie from the browser; the token is URL-safe base64.
    The minute stamp makes the element new each minute, so the cookie's lifetime follows the activity."""
    stamp = _now().strftime("%H%M")
    st.html(
        f"<script data-t='{stamp}'>document.cookie = '{COOKIE}={token}; path=/; max-age={max_age}; SameSite=Strict'"
        " + (location.protocol === 'https:' ? '; Secure' : '');</script>",
        unsafe_allow_javascript=True,
    )
