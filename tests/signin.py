"""Log an AppTest in as an account of a role: a real account in the test's database and a real session, the
token put where the login page would put it (the tab's session; the cookie is the browser's, see test_browser)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from asn_metrics.db.engine import make_engine
from asn_metrics.db.schema import akun, instansi
from asn_metrics.store import sessions
from asn_metrics.store.accounts import Login, add_account
from asn_metrics.store.accounts import agency_codes as codes_of

PASSWORD = "kata-sandi-uji-123"


def role_account(url: str, role: str, agencies: tuple[str, ...] = ()) -> Login:
    """The account ``uji.<role>`` (made once per database; an evaluator gets ``agencies`` or the first agency)."""
    engine = make_engine(url)
    name = f"uji.{role}" + (f".{'.'.join(a.lower() for a in agencies)}" if agencies else "")
    try:
        with engine.connect() as conn:
            account_id = conn.scalar(select(akun.c.id).where(akun.c.nama == name))
            first = conn.scalar(select(instansi.c.kode).order_by(instansi.c.kode))
        if account_id is None:
            scope = agencies or ((str(first),) if role == "evaluator" else ())
            account_id = add_account(engine, name, role, PASSWORD, scope, now=dt.datetime.now())
        with engine.connect() as conn:
            return Login(True, nama=name, peran=role, instansi=codes_of(conn, int(account_id)))
    finally:
        engine.dispose()


def sign_in(at: AppTest, url: str, role: str = "admin", agencies: tuple[str, ...] = ()) -> AppTest:
    login = role_account(url, role, agencies)
    engine = make_engine(url)
    try:
        token = sessions.open_session(engine, login, now=dt.datetime.now().replace(microsecond=0))
    finally:
        engine.dispose()
    at.session_state["_sesi_token"] = token
    at.session_state["akun"] = login  # a page run on its own (not through dashboard.py) reads the account here
    return at
