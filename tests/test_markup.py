"""Data is shown as text, never as markup (issue 17 item 4): names, jabatan, agency names and file names holding
Markdown, HTML or Streamlit's colour syntax reach the page escaped, and Plotly shows them literally."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import plotly.graph_objects as go
import pytest
from sqlalchemy import text, update
from streamlit.testing.v1 import AppTest

from asn_metrics import charts
from asn_metrics.db import schema
from asn_metrics.db.engine import make_engine
from asn_metrics.formatting import markdown_literal, plotly_literal
from tests.signin import sign_in
from tests.test_app import ROOT

HOSTILE_NAME = "Siti [klik](http://contoh.invalid) ![x](http://contoh.invalid/a.png) :red[merah] **<b>tebal</b>**"
HOSTILE_AGENCY = "Dinas <a href='http://contoh.invalid'>Tautan</a> :blue[Biru] _miring_"
#: Markdown specials not preceded by a backslash (an even run of backslashes before them escapes nothing).
UNESCAPED = re.compile(r"(?<!\\)(?:\\\\)*[\[\]()!*_:<>`#]")


def test_markdown_literal_escapes_every_markup_character() -> None:
    for value in (HOSTILE_NAME, HOSTILE_AGENCY, "a\\[b](c)", "# judul\n- butir"):
        escaped = markdown_literal(value)
        assert not UNESCAPED.search(escaped), escaped
        assert re.sub(r"\\(.)", r"\1", escaped) == " ".join(value.split())  # the same text once unescaped


def test_plotly_shows_data_as_text_in_titles_ticks_and_hovers() -> None:
    fig = go.Figure(go.Bar(y=[HOSTILE_AGENCY, "RSUD Lebong"], x=[1, 2], customdata=[[HOSTILE_NAME], ["b"]]))
    charts.base_layout(fig, f"Tertinggi di {HOSTILE_AGENCY}", f"Tahun 2025 · {HOSTILE_AGENCY}")
    spec = fig.to_json()
    assert "<a href" not in spec and "<b>" not in spec
    assert plotly_literal(HOSTILE_AGENCY) in json.loads(spec)["data"][0]["y"]
    assert fig.layout.title.text.startswith("Tertinggi di Dinas &lt;a href=")
    assert "<br>" in charts.base_layout(go.Figure(), "a " * 80).layout.title.text  # our own line breaks stay


@pytest.fixture
def hostile_app(demo_db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[AppTest, str]:
    """The demo with one employee and one agency renamed to hostile markup. The page caches are emptied: they
    are keyed by the data version, which this copy shares with the demo."""
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    path = tmp_path / "hostile.db"
    shutil.copy(demo_db_url.removeprefix("sqlite:///"), path)
    engine = make_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        nip, agency_id = conn.execute(
            text("SELECT nip, instansi_id FROM pegawai WHERE aktif AND nama LIKE 'Siti %' ORDER BY nip LIMIT 1")
        ).one()
        conn.execute(
            update(schema.pegawai).where(schema.pegawai.c.nip == nip).values(nama=HOSTILE_NAME, jabatan="**x**")
        )
        conn.execute(update(schema.instansi).where(schema.instansi.c.id == agency_id).values(nama=HOSTILE_AGENCY))
    engine.dispose()
    monkeypatch.setenv("ASN_DB_URL", f"sqlite:///{path}")
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    return sign_in(at, f"sqlite:///{path}"), nip


def _markdown(at: AppTest) -> list[str]:
    return [str(e.value) for kind in ("markdown", "subheader", "caption") for e in at.get(kind)]


def test_a_hostile_name_is_shown_as_its_text_on_kinerja_pegawai(hostile_app: tuple[AppTest, str]) -> None:
    at, nip = hostile_app
    at.session_state["cari_pegawai"] = nip
    at.run()
    at.switch_page("app_pages/kinerja_pegawai.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    [heading] = [m for m in _markdown(at) if "NIP" in m and "Siti" in m]
    assert markdown_literal(HOSTILE_NAME) in heading and markdown_literal(HOSTILE_AGENCY) in heading
    assert not UNESCAPED.search(heading.replace(f"**{markdown_literal(HOSTILE_NAME)}**", "")), heading
    for chart in at.get("plotly_chart"):
        assert "<a href" not in chart.proto.spec and "<b>" not in chart.proto.spec


def test_a_hostile_agency_name_is_text_in_the_kinerja_instansi_heading(hostile_app: tuple[AppTest, str]) -> None:
    at, nip = hostile_app
    engine = make_engine(os.environ["ASN_DB_URL"])
    with engine.connect() as conn:
        code, wilayah = conn.execute(
            text(
                "SELECT i.kode, i.wilayah_kode FROM instansi i JOIN pegawai p ON p.instansi_id = i.id WHERE p.nip = :n"
            ),
            {"n": nip},
        ).one()
    engine.dispose()
    at.query_params.update({"tahun": "2025", "wilayah": wilayah, "instansi": code})
    at.run()
    at.switch_page("app_pages/kinerja_instansi.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert f"Rincian {markdown_literal(HOSTILE_AGENCY)}" in _markdown(at)
    for chart in at.get("plotly_chart"):
        assert "<a href" not in chart.proto.spec
