"""XLSX workbooks: the sheet to read, and its cells as text with their Excel row numbers."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
import zlib
from xml.etree.ElementTree import ParseError

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from asn_metrics.ingest.errors import UnreadableFile
from asn_metrics.ingest.names import header_key

#: Integral floats at or above this keep their repr: Excel keeps 15 digits, so an 18-digit NIP became a float.
_EXACT_LIMIT = 1e15


def cell_text(value: object) -> str:
    """A cell as text: dates as ISO (``2026-11-27`` or ``2026-11-27 08:30:00``), numbers without a spurious ``.0``.

    Floats from 1e15 up (or not integral) keep their ``repr`` (``1.98609262015051e+17``), which is what
    lets the NIP check recognise a number Excel has rounded.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.isoformat(timespec="seconds")
    if isinstance(value, float):
        if value.is_integer() and abs(value) < _EXACT_LIMIT:
            return str(int(value))
        return repr(value)
    return str(value).strip()


def read_xlsx(content: bytes, filename: str, kind: str | None) -> tuple[list[list[str]], list[int], str]:
    """All rows of the sheet named like ``kind`` (else the first sheet), as text, with their Excel row numbers."""
    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (
        zipfile.BadZipFile,
        InvalidFileException,
        KeyError,
        OSError,
        ParseError,
        ValueError,
        EOFError,
        zlib.error,
    ) as exc:
        raise UnreadableFile(
            f"Berkas {filename} rusak atau tidak lengkap, sehingga tidak dapat dibuka sebagai XLSX. "
            "Buka berkasnya di Excel, simpan ulang sebagai 'Excel Workbook (.xlsx)', lalu unggah lagi."
        ) from exc
    try:
        sheets = book.worksheets
        if not sheets:
            raise UnreadableFile(f"Berkas {filename} tidak berisi lembar kerja (sheet).")
        sheet = next((s for s in sheets if kind and header_key(s.title) == kind), sheets[0])
        if hasattr(sheet, "reset_dimensions"):
            sheet.reset_dimensions()
        rows: list[list[str]] = []
        lines: list[int] = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [cell_text(v) for v in values]
            if any(cells):
                rows.append(cells)
                lines.append(number)
        return rows, lines, sheet.title
    except (zipfile.BadZipFile, KeyError, ParseError, EOFError, OSError, zlib.error) as exc:  # damaged compressed data
        raise UnreadableFile(
            f"Berkas {filename} rusak sebagian. Buka di Excel, simpan ulang sebagai .xlsx, lalu unggah lagi."
        ) from exc
    finally:
        book.close()
