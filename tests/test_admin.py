"""The Admin page's changes (issue 15 items 6-7): each one changes what it says, is audited, and a refused one
changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine, select
from streamlit.testing.v1 import AppTest

from asn_metrics import store
from asn_metrics.db.engine import make_engine
from asn_metrics.db.schema import jenis_layanan
from asn_metrics.filters import Filters
from asn_metrics.scorecard import PARTS
from asn_metrics.store import audit, configuration
from asn_metrics.store.accounts import list_accounts
from asn_metrics.views import parts
from asn_metrics.views.source import StoreSource
from tests.signin import sign_in
from tests.test_app import ROOT

NOW = dt.datetime(2026, 12, 6, 9, 0)


@pytest.fixture
def db_url(demo_copy_url: str) -> str:
    return demo_copy_url


@pytest.fixture
def engine(db_url: str) -> Engine:
    return make_engine(db_url)


def test_scorecard_weights_change_the_ranking_and_are_audited(engine: Engine) -> None:
    source = StoreSource(engine)
    year = store.load_skp_years(engine)[0]
    before = store.data_version(engine)
    equal = parts.agency_scorecard(source, Filters(tahun=year)).set_index("instansi_kode")
    only_predikat = {p: (1.0 if p == "predikat" else 0.0) for p in PARTS}
    configuration.save_scorecard_weights(engine, only_predikat, actor="uji.admin", now=NOW)
    assert store.data_version(engine) != before  # every cached view is recomputed
    weighted = parts.agency_scorecard(source, Filters(tahun=year)).set_index("instansi_kode")
    # Weight on predikat alone: the score is the predikat part (DOMAIN.md §1 share of Baik and above).
    has = weighted["skor_predikat"].notna()
    assert (weighted.loc[has, "skor"] - weighted.loc[has, "skor_predikat"]).abs().max() < 1e-9
    assert not equal["skor"].equals(weighted["skor"])
    row = audit.load_audit(engine, aksi="bobot_ubah").iloc[0]
    assert row["pengguna"] == "uji.admin" and row["rincian"]["predikat"] == 1.0 and row["rincian"]["ikm"] == 0.0
    with pytest.raises(configuration.SettingRefused, match="paling sedikit satu bobot"):
        configuration.save_scorecard_weights(engine, dict.fromkeys(PARTS, 0.0), actor="uji.admin", now=NOW)
    assert configuration.load_scorecard_weights(engine) == only_predikat


def test_a_service_standard_recounts_timeliness_and_is_audited(engine: Engine) -> None:
    year = store.load_skp_years(engine)[0]
    on_time = store.load_service_timeliness_counts(engine, Filters(tahun=year))["tepat_waktu"].sum()
    with engine.connect() as conn:
        old = conn.scalar(select(jenis_layanan.c.standar_jam).where(jenis_layanan.c.kode == "ktp_el"))
    changed = configuration.save_service_standards(engine, {"ktp_el": 5_000.0}, actor="uji.admin", now=NOW)
    assert changed == {"ktp_el": {"lama": old, "baru": 5_000.0}}
    # Every finished KTP-el is now within its standard (DOMAIN.md §3): more applications are on time.
    assert store.load_service_timeliness_counts(engine, Filters(tahun=year))["tepat_waktu"].sum() > on_time
    assert audit.load_audit(engine, aksi="standar_ubah").iloc[0]["rincian"] == changed
    for bad in ({"ktp_el": -1.0}, {"tidak_ada": 2.0}):
        with pytest.raises(configuration.SettingRefused):
            configuration.save_service_standards(engine, bad, actor="uji.admin", now=NOW)
    assert len(audit.load_audit(engine, aksi="standar_ubah")) == 1


def test_accounts_are_added_and_disabled_on_the_admin_page(db_url: str, engine: Engine) -> None:
    at = sign_in(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60), db_url, "admin").run()
    at.switch_page("app_pages/admin.py")
    at.run()
    assert not at.exception
    inputs = at.text_input
    inputs[0].set_value("sari.tamu")  # Nama akun
    roles = [s for s in at.selectbox if s.label == "Peran"]
    roles[0].set_value("tamu")
    inputs[1].set_value("sandi-sari-12345")
    inputs[2].set_value("sandi-sari-12345")
    [add] = [b for b in at.button if b.label == "Tambah"]
    add.click()
    at.run()
    assert not at.exception
    assert any("Akun sari.tamu ditambahkan." in s.value for s in at.success)
    accounts = list_accounts(engine).set_index("nama")
    assert accounts.loc["sari.tamu", "peran"] == "tamu" and bool(accounts.loc["sari.tamu", "aktif"])
    added = audit.load_audit(engine, aksi="akun_tambah").iloc[0]
    assert added["pengguna"] == "uji.admin" and added["rincian"]["akun"] == "sari.tamu"
    which = next(s for s in at.selectbox if s.label == "Akun" and "sari.tamu" in s.options)
    which.set_value("sari.tamu")
    [off] = [b for b in at.button if b.label == "Nonaktifkan"]
    off.click()
    at.run()
    assert not bool(list_accounts(engine).set_index("nama").loc["sari.tamu", "aktif"])
    assert audit.load_audit(engine, aksi="akun_nonaktif").iloc[0]["rincian"] == {"akun": "sari.tamu"}


def test_a_short_password_on_the_admin_page_is_refused_and_adds_nothing(db_url: str, engine: Engine) -> None:
    at = sign_in(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60), db_url, "admin").run()
    at.switch_page("app_pages/admin.py")
    at.run()
    inputs = at.text_input
    inputs[0].set_value("pendek.sandi")
    next(s for s in at.selectbox if s.label == "Peran").set_value("pimpinan")
    inputs[1].set_value("pendek")
    inputs[2].set_value("pendek")
    [add] = [b for b in at.button if b.label == "Tambah"]
    add.click()
    at.run()
    assert any("terlalu pendek" in e.value for e in at.error)
    assert "pendek.sandi" not in set(list_accounts(engine)["nama"])
