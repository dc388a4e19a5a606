"""Every page as every role (issue 15 item 8): what the menu offers, what a page's URL opens, and that a role's
pages hold what it may see and nothing it may not (names, NIPs, other agencies)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from asn_metrics import store
from asn_metrics.accounts import ROLES, may_open
from asn_metrics.db.engine import make_engine
from asn_metrics.db.schema import instansi, pegawai
from asn_metrics.filters import Filters
from asn_metrics.formatting import format_number
from tests.signin import role_account, sign_in
from tests.test_app import ROOT

#: Page file → (its URL path, a text only that page shows: its title).
PAGES = {
    "ringkasan": ("ringkasan", "Ringkasan"),
    "kinerja_instansi": ("kinerja-instansi", "Kinerja Instansi"),
    "kinerja_pegawai": ("kinerja-pegawai", "Kinerja Pegawai"),
    "pelayanan": ("pelayanan", "Pelayanan Publik"),
    "kepuasan": ("kepuasan", "Kepuasan"),
    "indikator": ("indikator", "Indikator Kinerja"),
    "pengembangan": ("pengembangan", "Pengembangan"),
    "kualitas": ("kualitas-data", "Kualitas Data"),
    "unggah": ("unggah", "Unggah Data"),
    "admin": ("admin", "Admin"),
    "presentasi": ("presentasi", "Kinerja ASN Provinsi Bengkulu"),  # the deck's title slide
}
NIP_TEXT = re.compile(r"(?<!\d)\d{18}(?!\d)|\d{6}•{9}\d{3}")


@pytest.fixture(scope="module")
def db_url(demo_db_url: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A copy of the demo (the tests add accounts and sessions)."""
    path = tmp_path_factory.mktemp("access") / "demo.db"
    shutil.copy(demo_db_url.removeprefix("sqlite:///"), path)
    return f"sqlite:///{path}"


@pytest.fixture(scope="module")
def names(db_url: str) -> set[str]:
    """Every employee's name in the demo."""
    engine = make_engine(db_url)
    with engine.connect() as conn:
        found = {str(n) for n in conn.scalars(select(pegawai.c.nama))}
    engine.dispose()
    return found


def _app(db_url: str, role: str, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("ASN_DB_URL", db_url)
    monkeypatch.chdir(ROOT)
    return sign_in(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60), db_url, role)


def _menu(at: AppTest) -> set[str]:
    """The page files the run's navigation registered: the menu."""
    return {Path(str(info["script_path"])).stem for info in at._registered_pages.values()}


def _texts(at: AppTest) -> list[str]:
    """Everything a person can read on the page: text, tables, metrics and charts."""
    out = [
        str(e.value) for kind in ("title", "markdown", "caption", "subheader", "info", "warning") for e in at.get(kind)
    ]
    out += [f"{m.label} {m.value}" for m in at.metric]
    for table in at.dataframe:
        frame = table.value
        out += [str(c) for c in frame.columns] + [str(v) for v in frame.to_numpy().ravel()]
    out += [el.proto.spec for el in at.get("plotly_chart")]
    return out


def _open(at: AppTest, page: str) -> AppTest:
    at.run()
    at.switch_page(f"app_pages/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("role", ROLES)
def test_the_menu_holds_exactly_the_pages_of_the_role(db_url: str, role: str, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _app(db_url, role, monkeypatch).run()
    assert not at.exception
    expected = {page for page, (path, _) in PAGES.items() if may_open(role, path)}
    assert _menu(at) == expected
    # The rule itself: a guest has no person page and no upload, only an admin has Admin.
    assert ("kinerja_pegawai" in expected) == (role != "tamu")
    assert ("unggah" in expected) == (role != "tamu")
    assert ("admin" in expected) == (role == "admin")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_as_every_role(
    db_url: str, names: set[str], role: str, page: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, title = PAGES[page]
    at = _app(db_url, role, monkeypatch)
    if not may_open(role, path):
        # By the menu: not there. By its URL: the run opens the first page instead, none of this page's content.
        at.run()
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(f"app_pages/{page}.py")
        admin = _app(db_url, "admin", monkeypatch).run()
        [page_hash] = [h for h, info in admin._registered_pages.items() if Path(str(info["script_path"])).stem == page]
        at._page_hash = page_hash  # what the browser sends for /<path>
        at.run()
        assert not at.exception
        shown = " ".join(t.value for t in at.title)
        assert title not in shown and "Ringkasan" in shown
        return
    at = _open(at, page)
    assert not at.error, [e.value for e in at.error]
    headings = [t.value for t in at.title] + [m.value for m in at.markdown if "slide-title" in m.value]
    assert any(title in h for h in headings), headings
    texts = _texts(at)
    if role == "tamu":
        leaked = [t for t in texts if NIP_TEXT.search(t)] + [t for t in texts if t in names]
        assert not leaked, leaked[:5]


def test_a_restricted_page_run_on_its_own_refuses_the_role(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # Hiding a menu entry is not the enforcement: the page itself checks the role.
    monkeypatch.setenv("ASN_DB_URL", db_url)
    for page, role in (("kinerja_pegawai", "tamu"), ("unggah", "tamu"), ("admin", "pimpinan"), ("admin", "evaluator")):
        at = sign_in(AppTest.from_file(str(ROOT / "app_pages" / f"{page}.py"), default_timeout=60), db_url, role).run()
        assert not at.exception
        assert any("tidak tersedia untuk peran Anda" in e.value for e in at.error), (page, role)
        assert not at.dataframe and not at.get("plotly_chart")


def test_pimpinan_sees_names_and_nips(db_url: str, names: set[str], monkeypatch: pytest.MonkeyPatch) -> None:
    at = _app(db_url, "pimpinan", monkeypatch)
    at = _open(at, "pengembangan")
    table = at.dataframe[0].value
    assert table["Nama"].isin(names).all()
    assert table["NIP"].str.fullmatch(r"\d{18}").all()


def test_a_guest_sees_the_lists_counted_but_not_named(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _app(db_url, "tamu", monkeypatch)
    at = _open(at, "pengembangan")
    assert not at.dataframe  # no table of people at all
    assert any("hanya untuk" in i.value for i in at.info)
    assert not [t for t in at.toggle if t.key == "mode_presentasi"]  # nothing to unmask


def test_an_evaluator_sees_only_their_agency(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = make_engine(db_url)
    with engine.connect() as conn:
        codes = list(conn.scalars(select(instansi.c.kode).order_by(instansi.c.kode)))
    mine = codes[3]
    login = role_account(db_url, "evaluator", (mine,))
    assert login.instansi == (mine,)
    monkeypatch.setenv("ASN_DB_URL", db_url)
    monkeypatch.chdir(ROOT)
    at = sign_in(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60), db_url, "evaluator", (mine,))
    at.run()
    assert not at.exception
    assert at.selectbox(key="f_instansi").options[1:] == [
        store.load_instansi(engine).set_index("kode").loc[mine, "nama"]
    ]
    year = int(at.query_params["tahun"])
    expected = store.load_pegawai_count(engine, Filters(tahun=year, instansi=mine))
    assert expected < store.load_pegawai_count(engine, Filters(tahun=year))
    metric = [m.value for m in at.metric if m.label == "Pegawai aktif"]
    assert metric == [format_number(expected)]
    # A URL naming another agency does not widen the view: the scope stays, the filter falls back.
    other = sign_in(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60), db_url, "evaluator", (mine,))
    other.query_params["instansi"] = codes[0]
    other.run()
    assert [m.value for m in other.metric if m.label == "Pegawai aktif"] == [format_number(expected)]
    engine.dispose()


def test_the_admin_page_shows_accounts_and_the_audit_log(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _open(_app(db_url, "admin", monkeypatch), "admin")
    accounts = at.dataframe[0].value
    assert "uji.admin" in set(accounts["Akun"])
    assert set(accounts["Peran"]) <= {"Admin", "Pimpinan", "Evaluator", "Tamu"}
    at.session_state["tab_admin"] = "Log audit"
    at.run()
    log = at.dataframe[0].value
    assert "Akun ditambahkan" in set(log["Aksi"])
    assert json.dumps(list(log.columns)) == json.dumps(["Waktu", "Akun", "Aksi", "Rincian", "Lingkup"])


def test_the_page_a_url_names_is_not_a_credential(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # A copied link holds filters only: opened without a session it shows the login page.
    signed = _app(db_url, "pimpinan", monkeypatch).run()
    link = dict(signed.query_params)
    assert set(link) <= {"tahun", "periode", "wilayah", "instansi", "jenis_jabatan", "presentasi"}
    assert not any(signed.session_state["_sesi_token"] in str(v) for v in link.values())
    fresh = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key, value in link.items():
        fresh.query_params[key] = value
    fresh.run()
    assert not fresh.exception
    assert [b.label for b in fresh.button if b.label == "Masuk"] or any("Masuk" in s.value for s in fresh.subheader), (
        "no login page"
    )
    assert not fresh.metric


def test_unknown_page_paths_are_not_roles(tmp_path: Path) -> None:
    # Every page file has its entry here, so a new page cannot slip past these tests.
    assert sorted(PAGES) == sorted(p.stem for p in (ROOT / "app_pages").glob("*.py"))
