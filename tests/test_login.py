"""The login page, sessions, expiry, logout and the demo accounts (issue 15 items 3-4), through the app and the
store, against a real database."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from sqlalchemy import Engine, select
from streamlit.testing.v1 import AppTest

from asn_metrics import importer
from asn_metrics.db.engine import make_engine
from asn_metrics.db.schema import sesi
from asn_metrics.store import audit, sessions
from asn_metrics.store.accounts import add_account, disable_account
from tests.signin import PASSWORD, role_account
from tests.test_app import ROOT
from tests.test_import import AGENCIES

NOW = dt.datetime(2026, 12, 6, 10, 0, 0)


@pytest.fixture
def db_url(demo_copy_url: str) -> str:
    return demo_copy_url


@pytest.fixture
def engine(db_url: str) -> Engine:
    return make_engine(db_url)


def _fresh() -> AppTest:
    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)


def _demo_buttons(at: AppTest) -> list[str]:
    return [b.label for b in at.button if b.label.endswith("(demo)")]


def _log_in(at: AppTest, name: str, password: str) -> AppTest:
    fields = at.text_input
    fields[0].set_value(name)
    fields[1].set_value(password)
    [submit] = [b for b in at.button if b.label == "Masuk"]
    submit.click()
    return at.run()


def test_without_a_session_the_app_opens_on_the_login_page_with_the_demo_accounts(db_url: str) -> None:
    at = _fresh().run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Dasbor Kinerja ASN Bengkulu"]
    assert _demo_buttons(at) == [
        "Masuk sebagai Pimpinan (demo)",
        "Masuk sebagai Evaluator (demo)",
        "Masuk sebagai Tamu (demo)",
        "Masuk sebagai Admin (demo)",
    ]
    assert any("bukan data resmi" in w.value for w in at.warning)
    assert not at.metric and not at.get("plotly_chart") and not at.dataframe  # nothing of the data


def test_a_demo_account_opens_with_one_click_and_is_logged(db_url: str, engine: Engine) -> None:
    at = _fresh().run()
    [tamu] = [b for b in at.button if b.label == "Masuk sebagai Tamu (demo)"]
    tamu.click()
    at.run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Ringkasan"]
    assert any("demo.tamu" in c.value for c in at.caption)
    logins = audit.load_audit(engine, aksi="login")
    assert logins.iloc[0]["pengguna"] == "demo.tamu" and logins.iloc[0]["rincian"]["demo"] is True


def test_demo_accounts_are_withdrawn_by_asn_demo_0(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASN_DEMO", "0")
    at = _fresh().run()
    assert not at.exception
    assert _demo_buttons(at) == []
    assert [b.label for b in at.button if b.label == "Masuk"]  # the form stays


def test_demo_accounts_disappear_once_real_data_is_imported(db_url: str, engine: Engine) -> None:
    assert sessions.demo_only(engine)
    assert _demo_buttons(_fresh().run())
    done = importer.run(engine, AGENCIES, filename="instansi.csv", pengguna="admin", sumber="cli")
    assert done.status == "diimpor"
    assert not sessions.demo_only(engine)
    assert _demo_buttons(_fresh().run()) == []
    assert sessions.demo_login(engine, "admin", now=NOW) is None  # nor by the store, whatever the page shows


def test_a_password_login_a_wrong_one_and_the_lockout(db_url: str, engine: Engine) -> None:
    add_account(engine, "rina.evaluasi", "pimpinan", PASSWORD, now=NOW)
    at = _log_in(_fresh().run(), "rina.evaluasi", "salah-sekali-123")
    assert any("Nama akun atau kata sandi salah." in e.value for e in at.error)
    assert not at.metric
    for _ in range(4):
        at = _log_in(at, "rina.evaluasi", "salah-sekali-123")
    at = _log_in(at, "rina.evaluasi", PASSWORD)  # the right password, after five wrong ones
    assert any("terkunci" in e.value for e in at.error)
    assert not at.metric
    other = _fresh().run()
    add_account(engine, "budi.pimpinan", "pimpinan", PASSWORD, now=NOW)
    other = _log_in(other, "budi.pimpinan", PASSWORD)
    assert not other.exception
    assert [t.value for t in other.title] == ["Ringkasan"]
    assert other.metric


def test_the_session_keeps_only_a_hash_and_survives_a_new_tab_until_logout(db_url: str, engine: Engine) -> None:
    login = role_account(db_url, "pimpinan")
    token = sessions.open_session(engine, login, now=NOW)
    with engine.connect() as conn:
        stored = list(conn.scalars(select(sesi.c.token_hash)))
    assert hashlib.sha256(token.encode()).hexdigest() in stored and token not in stored
    # A new tab (or F5): the token from the cookie resumes the same account.
    resumed = sessions.resume(engine, token, now=NOW + dt.timedelta(minutes=10))
    assert resumed.login is not None and resumed.login.nama == login.nama
    sessions.close_session(engine, token, now=NOW + dt.timedelta(minutes=11))
    assert sessions.resume(engine, token, now=NOW + dt.timedelta(minutes=12)).login is None
    assert audit.load_audit(engine, aksi="logout").iloc[0]["pengguna"] == login.nama


def test_inactivity_ends_a_session_and_activity_keeps_it(db_url: str, engine: Engine) -> None:
    login = role_account(db_url, "tamu")
    token = sessions.open_session(engine, login, now=NOW)
    # Used at minute 25, then at minute 50: each time within 30 minutes of the last use.
    assert sessions.resume(engine, token, now=NOW + dt.timedelta(minutes=25)).login is not None
    assert sessions.resume(engine, token, now=NOW + dt.timedelta(minutes=50)).login is not None
    ended = sessions.resume(engine, token, now=NOW + dt.timedelta(minutes=81))
    assert ended.login is None
    assert ended.message == "Sesi Anda berakhir karena tidak aktif selama 30 menit. Silakan masuk lagi."
    assert sessions.resume(engine, token, now=NOW + dt.timedelta(minutes=82)).message == ""  # over for good
    assert audit.load_audit(engine, aksi="sesi_berakhir").iloc[0]["rincian"] == {"menit": 30}


def test_the_timeout_is_a_setting(db_url: str, engine: Engine) -> None:
    from asn_metrics.store import configuration

    configuration.save_idle_minutes(engine, 10, actor="uji", now=NOW)
    token = sessions.open_session(engine, role_account(db_url, "tamu"), now=NOW)
    assert sessions.resume(engine, token, now=NOW + dt.timedelta(minutes=11)).login is None
    with pytest.raises(configuration.SettingRefused, match="antara 5 dan 480"):
        configuration.save_idle_minutes(engine, 0, actor="uji", now=NOW)
    assert sessions.idle_minutes(engine) == 10


def test_the_app_shows_why_a_session_ended_and_logout_ends_it(db_url: str, engine: Engine) -> None:
    login = role_account(db_url, "pimpinan")
    old = sessions.open_session(engine, login, now=dt.datetime.now().replace(microsecond=0) - dt.timedelta(hours=1))
    at = _fresh()
    at.session_state["_sesi_token"] = old
    at.run()
    assert any("tidak aktif selama 30 menit" in i.value for i in at.info)
    assert _demo_buttons(at)
    live = sessions.open_session(engine, login, now=dt.datetime.now().replace(microsecond=0))
    at = _fresh()
    at.session_state["_sesi_token"] = live
    at.run()
    assert [t.value for t in at.title] == ["Ringkasan"]
    at.button(key="keluar").click()
    at.run()
    assert [t.value for t in at.title] == ["Dasbor Kinerja ASN Bengkulu"]
    assert sessions.resume(engine, live, now=dt.datetime.now()).login is None


def test_disabling_an_account_ends_its_open_session(db_url: str, engine: Engine) -> None:
    login = role_account(db_url, "pimpinan")
    token = sessions.open_session(engine, login, now=NOW)
    disable_account(engine, login.nama, now=NOW)
    resumed = sessions.resume(engine, token, now=NOW + dt.timedelta(minutes=1))
    assert resumed.login is None and "dinonaktifkan" in resumed.message


def test_single_sign_on_opens_the_account_named_by_the_e_mail(db_url: str, engine: Engine) -> None:
    # Streamlit's st.login (OpenID Connect) vouches for the e-mail; the account of that name decides the role.
    add_account(engine, "kepala.bkd@bengkuluprov.go.id", "pimpinan", PASSWORD, now=NOW)
    at = _fresh()
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32}
    at.user = {"is_logged_in": True, "email": "Kepala.BKD@bengkuluprov.go.id"}
    at.run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Ringkasan"]
    assert any("kepala.bkd@bengkuluprov.go.id" in c.value for c in at.caption)
    assert audit.load_audit(engine, aksi="login").iloc[0]["rincian"] == {"peran": "pimpinan", "sso": True}
    # An identity without an account gets the login page and says why.
    stranger = _fresh()
    stranger.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32}
    stranger.user = {"is_logged_in": True, "email": "orang@contoh.id"}
    stranger.run()
    assert any("orang@contoh.id belum terdaftar" in i.value for i in stranger.info)
    assert [b.label for b in stranger.button if b.label == "Masuk dengan SSO"]
    assert not stranger.metric
    # Without an [auth] section there is no SSO button, and st.user is not consulted.
    plain = _fresh()
    plain.user = {"is_logged_in": True, "email": "kepala.bkd@bengkuluprov.go.id"}
    plain.run()
    assert not [b for b in plain.button if b.label == "Masuk dengan SSO"]
    assert not plain.metric
