"""Person lists as files for Excel set to Indonesian: CSV with ``;`` between fields, UTF-8 with BOM, NIPs kept as
text; and XLSX with the NIP column as text. Pure functions of a DataFrame (the page's buttons call them)."""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import xlsxwriter

from asn_metrics.cell_safety import neutralise

#: Headers whose values are NIPs (18 digits): Excel would read them as numbers and show 1,98E+17.
NIP_HEADERS = ("NIP",)


def csv_bytes(frame: pd.DataFrame, text_columns: Sequence[str] = NIP_HEADERS) -> bytes:
    """``frame`` as CSV for Excel in Indonesian: ``;`` separated (the decimal comma is the list separator's
    neighbour), UTF-8 with BOM, and each value of ``text_columns`` written as ``="…"`` so Excel keeps its digits
    (only all-digit values: ``="…"`` is a formula); every text that would start a formula neutralised
    (``cell_safety``)."""
    out = frame.copy()
    for column in out.columns:
        if column in text_columns:
            out[column] = [f'="{v}"' if isinstance(v, str) and v.isdigit() else neutralise(v) for v in out[column]]
        elif out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = [neutralise(v) for v in out[column]]
    return out.to_csv(index=False, sep=";").encode("utf-8-sig")


def xlsx_bytes(frame: pd.DataFrame, sheet: str = "Daftar", text_columns: Sequence[str] = NIP_HEADERS) -> bytes:
    """``frame`` as one XLSX sheet (``xlsx_book``)."""
    return xlsx_book({sheet: frame}, text_columns)


def xlsx_book(sheets: Mapping[str, pd.DataFrame], text_columns: Sequence[str] = NIP_HEADERS) -> bytes:
    """One XLSX sheet per frame: a bold header row, ``text_columns`` stored as text cells (the NIP's 18 digits
    stay digits), dates as dates, missing values empty, the header row frozen, every text that would start a
    formula neutralised (``cell_safety``)."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    bold = book.add_format({"bold": True})
    text = book.add_format({"num_format": "@"})
    day = book.add_format({"num_format": "d mmmm yyyy"})
    for sheet, frame in sheets.items():
        _write_sheet(book.add_worksheet(sheet[:31]), frame, text_columns, bold, text, day)
    book.close()
    return buffer.getvalue()


def _write_sheet(sheet_: Any, frame: pd.DataFrame, text_columns: Sequence[str], bold: Any, text: Any, day: Any) -> None:
    for c, name in enumerate(frame.columns):
        sheet_.write_string(0, c, str(neutralise(str(name))), bold)
        as_text = name in text_columns
        width = max(len(str(name)), 10)
        for r, value in enumerate(frame[name].tolist(), start=1):
            if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
                continue
            if as_text or isinstance(value, str):
                sheet_.write_string(r, c, str(neutralise(str(value))), text if as_text else None)
                width = max(width, len(str(value)))
            elif isinstance(value, (dt.date, pd.Timestamp)):
                sheet_.write_datetime(r, c, pd.Timestamp(value).to_pydatetime(), day)
                width = max(width, 18)
            else:
                sheet_.write_number(r, c, float(value))
        sheet_.set_column(c, c, min(width + 2, 60))
    sheet_.freeze_panes(1, 0)
