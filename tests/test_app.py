"""AppTest of the dashboard with the demo data: real content, filters in the URL, empty states."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from asn_metrics import store
from asn_metrics.filters import Filters
from asn_metrics.formatting import format_number
from asn_metrics.narrative import short_agency_name
from tests.signin import sign_in

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def app(demo_db_url: str, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("ASN_DB_URL", demo_db_url)
    monkeypatch.chdir(ROOT)
    return sign_in(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60), demo_db_url)


def rerun(at: AppTest) -> AppTest:
    """Rerun after a widget change. AppTest 1.67 drops the entry script's elements (sidebar, banner) on a
    rerun that requests the st.navigation page it finished on; requesting the default page avoids that."""
    at._finished_page_script_hash = ""
    return at.run()


def _metric(at: AppTest, label: str) -> str:
    values = [m.value for m in at.metric if m.label == label]
    assert values, f"no metric {label!r} in {[m.label for m in at.metric]}"
    return values[0]


def _figures(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def _predikat_figure(at: AppTest) -> dict:
    """The stacked predikat bar (the page also shows a map and the movers)."""
    found = [f for f in _figures(at) if f["data"] and f["data"][0].get("name") == "Sangat Baik"]
    assert found, "the predikat chart is missing"
    return found[0]


def test_ringkasan_shows_real_figures(app: AppTest, demo_engine: Engine) -> None:
    at = app.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    latest = store.load_skp_years(demo_engine)[0]
    active = store.load_pegawai_count(demo_engine, Filters(tahun=latest))
    assert _metric(at, "Pegawai aktif") == format_number(active)
    assert at.query_params["tahun"] == str(latest)
    figure = _predikat_figure(at)
    bars = figure["data"]
    assert [b["name"] for b in bars] == ["Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang/Misconduct", "Sangat Kurang"]
    assert "Kota Bengkulu" in bars[0]["y"]
    assert figure["layout"]["separators"] == ",."
    assert "Data demo — bukan data resmi" in " ".join(w.value for w in at.warning)


def test_filters_come_from_and_go_to_the_url(app: AppTest, demo_engine: Engine) -> None:
    app.query_params["tahun"] = "2023"
    app.query_params["wilayah"] = "17.04"
    at = app.run()
    assert not at.exception
    assert not at.error
    assert at.selectbox(key="f_tahun").value == "2023"
    assert at.selectbox(key="f_wilayah").value == "17.04"
    expected = store.load_pegawai_count(demo_engine, Filters(tahun=2023, wilayah="17.04"))
    assert _metric(at, "Pegawai aktif") == format_number(expected)
    # The chart now compares Kaur's agencies, not regions.
    names = set(_predikat_figure(at)["data"][0]["y"])
    kaur = {short_agency_name(n, "Kaur") for n in store.load_instansi(demo_engine, wilayah_kode="17.04")["nama"]}
    assert len(names) >= 3
    assert names <= kaur
    at.selectbox(key="f_wilayah").set_value("17.71")
    at = rerun(at)
    assert at.query_params["wilayah"] == "17.71"
    assert at.query_params["tahun"] == "2023"
    assert "instansi" not in at.query_params


def test_a_year_without_ratings_shows_a_message_not_an_error(app: AppTest) -> None:
    app.query_params["tahun"] = "2026"
    at = app.run()
    assert not at.exception
    assert any("Belum ada data" in i.value for i in at.info)


def test_missing_schema_is_explained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASN_DB_URL", f"sqlite:///{tmp_path / 'kosong.db'}")
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert not at.exception
    assert any("init-db" in e.value for e in at.error)
