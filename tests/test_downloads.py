"""Person lists as files Excel in Indonesian opens correctly (issue 19 item 12): CSV and XLSX."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
from openpyxl import load_workbook

from asn_metrics.downloads import csv_bytes, xlsx_bytes

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
