"""The meeting's deck, report and tables from the demo (issue 16): re-opened and inspected, following the filters
and the account's scope, made by the CLI and the page, and converted by LibreOffice."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from sqlalchemy import Engine, select
from streamlit.testing.v1 import AppTest

from asn_metrics import export_pptx, export_report, store
from asn_metrics.cli import main
from asn_metrics.db.engine import make_engine
from asn_metrics.db.schema import pegawai
from asn_metrics.filters import Filters
from asn_metrics.store import audit
from asn_metrics.views import presentasi
from asn_metrics.views.presentasi import Deck
from asn_metrics.views.source import StoreSource
from tests.signin import sign_in
from tests.test_app import ROOT

KINDS = ["sekilas", "temuan", "peringkat", "layanan", "kepuasan", "indikator", "tindak-lanjut"]


@pytest.fixture(scope="module")
def deck(demo_engine: Engine) -> Deck:
    built = presentasi.build(StoreSource(demo_engine), Filters(tahun=store.load_skp_years(demo_engine)[0]))
    assert built is not None
    return built


def test_the_story_has_every_part_of_the_meeting(deck: Deck) -> None:
    keys = [s.key for s in deck.slides]
    assert [k for k in keys if not k.startswith("temuan-")] == KINDS
    findings = [s for s in deck.slides if s.key.startswith("temuan-")]
    assert findings and all(s.big for s in findings)  # one finding per slide, its number large
    assert all(1 <= len(s.sentences) <= 3 for s in deck.slides)
    assert deck.demo and "Data per" in deck.footer


def test_the_pptx_holds_native_charts_notes_and_the_footer(deck: Deck) -> None:
    prs = Presentation(io.BytesIO(export_pptx.pptx_bytes(deck)))
    assert (prs.slide_width, prs.slide_height) == (export_pptx.WIDTH, export_pptx.HEIGHT)  # 16:9
    slides = list(prs.slides)
    assert len(slides) == len(deck.slides) + 1  # the title slide first
    charted = 0
    for pptx_slide, story in zip(slides[1:], deck.slides, strict=True):
        texts = " ".join(shape.text_frame.text for shape in pptx_slide.shapes if shape.has_text_frame)
        assert story.title in texts and deck.footer in texts and "Data demo" in texts
        assert pptx_slide.notes_slide.notes_text_frame.text == " ".join(story.sentences)
        charts = [shape.chart for shape in pptx_slide.shapes if shape.has_chart]
        if story.chart is not None and story.chart.kind == "bar":
            [chart] = charts
            assert chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
            assert list(chart.plots[0].categories) == story.chart.categories
            assert [round(v, 6) for v in chart.plots[0].series[0].values] == [round(v, 6) for v in story.chart.values]
            charted += 1
        if story.chart is not None and story.chart.kind == "map":
            pictures = [shape for shape in pptx_slide.shapes if shape.shape_type == 13]  # MSO_SHAPE_TYPE.PICTURE
            assert pictures or charts  # the map as an image (Chromium), else its values as bars
        if story.chart is None:
            assert not charts
    assert charted == len([s for s in deck.slides if s.chart is not None and s.chart.kind == "bar"]) >= 5


def test_the_html_report_needs_no_network_and_prints_on_a4(deck: Deck) -> None:
    text = export_report.html_text(deck)
    assert not export_report.FETCHED.search(text), export_report.FETCHED.findall(text)[:3]
    assert text.count("<section") == len(deck.slides)
    assert "@page { size: A4" in text and "page-break-after: always" in text
    assert text.count("plotly.js v") >= 1 and text.count('<script type="text/javascript">/**') <= 1  # inlined once
    assert 'lang="id"' in text and "Data demo — bukan data resmi" in text


def test_the_html_report_escapes_names_from_data(deck: Deck) -> None:
    hostile = replace(deck, slides=[replace(deck.slides[0], title="<img src=x onerror=alert(1)>")])
    text = export_report.html_text(hostile)
    assert "<img src=x" not in text and "&lt;img src=x onerror=alert(1)&gt;" in text


def test_the_xlsx_holds_the_tables_and_neutralises_formulas(deck: Deck) -> None:
    book = openpyxl.load_workbook(io.BytesIO(export_report.xlsx_bytes(deck)))
    assert book.sheetnames[0] == "Ringkasan"
    assert {s.title[:31] for s in deck.slides if s.table is not None and not s.table.empty} <= set(book.sheetnames)
    hostile = replace(
        deck,
        slides=[
            replace(
                deck.slides[0],
                title="Uji",
                table=pd.DataFrame({"Instansi": ['=HYPERLINK("http://x")', "+1+1", "@SUM(A1)"]}),
            )
        ],
    )
    sheet = openpyxl.load_workbook(io.BytesIO(export_report.xlsx_bytes(hostile)))["Uji"]
    values = [sheet.cell(row=r, column=1).value for r in range(2, 5)]
    assert values == ['\'=HYPERLINK("http://x")', "'+1+1", "'@SUM(A1)"]
    assert all(sheet.cell(row=r, column=1).data_type == "s" for r in range(2, 5))


def test_an_evaluators_deck_holds_only_their_agency(demo_engine: Engine) -> None:
    year = store.load_skp_years(demo_engine)[0]
    mine = "17.71.DUKCAPIL"
    name = store.load_instansi(demo_engine).set_index("kode").loc[mine, "nama"]
    scoped = presentasi.build(StoreSource(demo_engine), Filters(tahun=year, lingkup=(mine,)))
    assert scoped is not None
    tables = [s.table for s in scoped.slides if s.table is not None and s.key in ("peringkat", "kepuasan", "indikator")]
    assert tables
    for table in tables:
        assert set(table["Instansi"]) <= {name}, table
    assert scoped.slides[[s.key for s in scoped.slides].index("peringkat")].table["Instansi"].tolist() == [name]


def test_no_deck_holds_a_persons_name_or_nip(deck: Deck, demo_engine: Engine) -> None:
    with demo_engine.connect() as conn:
        names = set(conn.scalars(select(pegawai.c.nama)))
    text = export_report.html_text(deck).split("<script")[0] + " ".join(
        " ".join(map(str, s.table.to_numpy().ravel())) for s in deck.slides if s.table is not None
    )
    assert not re.search(r"(?<!\d)\d{18}(?!\d)", text)
    assert not [n for n in names if n in text]


def test_the_export_command_writes_each_format_and_records_it(
    demo_db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "demo.db"
    shutil.copy(demo_db_url.removeprefix("sqlite:///"), path)
    monkeypatch.setenv("ASN_DB_URL", f"sqlite:///{path}")
    for kind in ("pptx", "html", "xlsx"):
        out = tmp_path / f"rapat.{kind}"
        assert main(["export", kind, "--out", str(out), "--wilayah", "17.71"]) == 0
        assert out.stat().st_size > 5_000
    assert "PPTX ditulis" in capsys.readouterr().out
    assert main(["export", "pptx", "--out", str(tmp_path / "rapat.pptx")]) == 2  # never overwrites
    assert "sudah ada" in capsys.readouterr().err
    assert main(["export", "html", "--out", str(tmp_path / "lain.html"), "--as", "tidak.ada"]) == 2
    engine = make_engine(f"sqlite:///{path}")
    rows = audit.load_audit(engine, aksi="ekspor")
    assert sorted(r["format"] for r in rows["rincian"]) == ["html", "pptx", "xlsx"]
    assert {r["wilayah"] for r in rows["rincian"]} == {"17.71"}
    engine.dispose()


def test_the_presentasi_page_keeps_the_slide_in_the_url(demo_copy_url: str) -> None:
    at = sign_in(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60), demo_copy_url, "tamu")
    at.query_params["slide"] = "3"
    at.run()
    at.switch_page("app_pages/presentasi.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.query_params["slide"] == "3"
    assert any("Slide 3 dari" in m.value for m in at.markdown)
    [ahead] = [b for b in at.button if b.label == "Berikutnya"]
    ahead.click()
    at.run()
    assert at.query_params["slide"] == "4"
    assert [d.label for d in at.get("download_button")] == [
        "Unduh dek (PPTX)",
        "Unduh laporan (HTML)",
        "Unduh tabel (XLSX)",
    ]


def test_ringkasan_tells_the_main_findings(demo_copy_url: str) -> None:
    at = sign_in(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60), demo_copy_url, "pimpinan").run()
    assert not at.exception
    assert any(m.value == "**Temuan utama**" for m in at.markdown)
    assert any(c.value.startswith("Aturan: ") for c in at.caption)


SOFFICE = shutil.which("soffice")


@pytest.mark.office
@pytest.mark.skipif(
    not SOFFICE and not os.environ.get("CI"), reason="LibreOffice (soffice) tidak ada; di CI wajib jalan"
)
def test_libreoffice_opens_the_deck_without_repair(deck: Deck, tmp_path: Path) -> None:
    source = tmp_path / "rapat.pptx"
    source.write_bytes(export_pptx.pptx_bytes(deck))
    done = subprocess.run(
        [SOFFICE or "soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        capture_output=True,
        text=True,
        timeout=240,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    pdf = tmp_path / "rapat.pdf"
    assert done.returncode == 0 and pdf.exists(), done.stderr
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf.read_bytes()))
    assert pages == len(deck.slides) + 1
    shots = Path(os.environ.get("ASN_SCREENSHOTS", ROOT / "out" / "screenshots"))
    shots.mkdir(parents=True, exist_ok=True)
    shutil.copy(pdf, shots / "rapat.pdf")  # the CI artifact, to look at
