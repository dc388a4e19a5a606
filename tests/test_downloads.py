"""Person lists as files Excel in Indonesian opens correctly (issue 19 item 12): CSV and XLSX."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
from openpyxl import load_workbook
from sqlalchemy import Engine

from asn_metrics.downloads import csv_bytes, xlsx_bytes
from tests.test_import import load, staffed  # noqa: F401  (the fixture)

FRAME = pd.DataFrame(
    {
        "NIP": ["198609262015051001", "199001012020122002"],
        "Nama": ["Budi Santoso", "Siti; Aminah"],
        "JP": [12.5, float("nan")],
        "Tanggal pensiun": [dt.date(2044, 10, 1), None],
    }
)


def test_csv_is_semicolon_separated_utf8_with_bom_and_keeps_nips_as_text() -> None:
    raw = csv_bytes(FRAME)
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads the Indonesian text
    text = raw.decode("utf-8-sig").splitlines()
    assert text[0] == "NIP;Nama;JP;Tanggal pensiun"
    # ="…" keeps all 18 digits (Excel would show 1,98E+17); a ; inside a value is quoted.
    assert text[1].startswith('"=""198609262015051001""";Budi Santoso;12.5;2044-10-01')
    assert '"Siti; Aminah"' in text[2]
    back = pd.read_csv(io.BytesIO(raw), sep=";", encoding="utf-8-sig", dtype=str)
    assert back["NIP"].tolist() == ['="198609262015051001"', '="199001012020122002"']


def test_xlsx_stores_the_nip_as_text_and_dates_as_dates() -> None:
    book = load_workbook(io.BytesIO(xlsx_bytes(FRAME, sheet="Pegawai")))
    sheet = book["Pegawai"]
    assert [c.value for c in sheet[1]] == ["NIP", "Nama", "JP", "Tanggal pensiun"]
    nip = sheet["A2"]
    assert nip.value == "198609262015051001" and nip.data_type == "s" and nip.number_format == "@"
    assert sheet["B3"].value == "Siti; Aminah"
    assert sheet["C2"].value == 12.5 and sheet["C3"].value is None
    assert sheet["D2"].value.date() == dt.date(2044, 10, 1) and sheet["D3"].value is None
    assert sheet.freeze_panes == "A2"


HOSTILE = pd.DataFrame(
    {
        "NIP": ["198609262015051001", "=1+1"],
        "Nama": ['=HYPERLINK("http://contoh.invalid";"klik")', "@SUM(A1:A2)"],
        "Jabatan": ["+62 812", "-2+3"],
        "Catatan": ["\tTAB", "-1,5"],
    }
)


def test_cells_that_would_start_a_formula_are_written_as_text() -> None:
    # Issue 17 item 5 (OWASP CSV injection): =, +, -, @, tab and CR start a formula in Excel and LibreOffice; such
    # a cell gets a leading apostrophe. A plain signed number stays a number; a NIP of digits keeps its ="…".
    from asn_metrics.cell_safety import neutralise

    assert neutralise("=1+1") == "'=1+1" and neutralise("@x") == "'@x" and neutralise("\rx") == "'\rx"
    assert neutralise("-1,5") == "-1,5" and neutralise("+62") == "+62" and neutralise("Budi") == "Budi"
    assert neutralise(-3) == -3 and neutralise(None) is None
    back = pd.read_csv(io.BytesIO(csv_bytes(HOSTILE)), sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert back["NIP"].tolist() == ['="198609262015051001"', "'=1+1"]
    assert back["Nama"].tolist() == ['\'=HYPERLINK("http://contoh.invalid";"klik")', "'@SUM(A1:A2)"]
    assert back["Jabatan"].tolist() == ["'+62 812", "'-2+3"]
    assert back["Catatan"].tolist() == ["'\tTAB", "-1,5"]
    sheet = load_workbook(io.BytesIO(xlsx_bytes(HOSTILE)))["Daftar"]
    assert [c.value for c in sheet[2]] == [
        "198609262015051001",
        '\'=HYPERLINK("http://contoh.invalid";"klik")',
        "'+62 812",
        "'\tTAB",
    ]
    assert all(c.data_type == "s" for row in sheet.iter_rows(min_row=2) for c in row)


def test_the_error_report_neutralises_what_the_upload_held(staffed: Engine) -> None:  # noqa: F811
    # The report echoes the original rows: a rating like =HYPERLINK(…) must not become a live formula there.
    from asn_metrics import importer
    from tests import nasty_files as nf

    content = nf.delimited([nf.SKP_HEADER, [nf.NIP_L, "2025", "tahunan", '=HYPERLINK("http://x")', "atas"]])
    refused = load(staffed, content, "skp.csv")
    assert refused.status == "ditolak"
    report = importer.error_report(content, "skp", refused.errors, "skp.csv").decode("utf-8-sig")
    assert "'=HYPERLINK" in report and ";=HYPERLINK" not in report and '";""=HYPERLINK' not in report
