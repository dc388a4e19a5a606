"""Indonesian number and date formatting (locale id_ID, as Babel writes it), the one helper of every page."""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import ROUND_HALF_EVEN, Decimal

import pandas as pd

LOCALE = "id_ID"
#: Plotly's ``layout.separators``: decimal comma, thousands dot.
PLOTLY_SEPARATORS = ",."
MISSING = "–"
_SEPARATORS = str.maketrans({",": ".", ".": ","})


def _missing(value: float | int | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def format_number(value: float | int | None, decimals: int = 0) -> str:
    """``1234.5`` → ``1.234,5`` with exactly ``decimals`` decimals; None/NaN → ``–``.

    Rounded as Babel rounds for the id_ID pattern ``#,##0.0…`` (the float's shortest decimal form, half to
    even), with Indonesian separators; written out directly, since a page formats thousands of cells."""
    if _missing(value):
        return MISSING
    assert value is not None
    exact = Decimal(str(value)) if isinstance(value, float) else Decimal(int(value))
    rounded = exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_EVEN)
    return f"{rounded:,.{decimals}f}".translate(_SEPARATORS)


def format_percent(value: float | None, decimals: int = 1) -> str:
    """A percentage given in 0-100: ``87.5`` → ``87,5%``."""
    return MISSING if _missing(value) else f"{format_number(value, decimals)}%"


def format_hours(value: float | None, decimals: int = 1) -> str:
    """Hours: ``1.5`` → ``1,5 jam``."""
    return MISSING if _missing(value) else f"{format_number(value, decimals)} jam"


#: Babel's id_ID month names, full and short (a test holds them equal to Babel's ``MMMM`` and ``MMM``).
MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")


def format_date(value: dt.date | None) -> str:
    """``27 November 2026`` (Babel's id_ID ``d MMMM y``, written out directly: tables format many dates)."""
    if value is None:
        return MISSING
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def format_month(value: dt.date | None) -> str:
    """``Nov 2026``."""
    if value is None:
        return MISSING
    return f"{MONTHS_SHORT[value.month - 1]} {value.year}"


def format_periode(periode: str) -> str:
    """A canonical SKP period in words: 'tahunan' → 'Tahunan saja', 'tw2' → 'Triwulan II', 'b03' → 'Maret'."""
    if periode == "tahunan":
        return "Tahunan saja"
    if periode.startswith("tw"):
        return f"Triwulan {('I', 'II', 'III', 'IV')[int(periode[2:]) - 1]}"
    return MONTHS[int(periode[1:]) - 1]


def format_evaluation(tahun: int, periode: str) -> str:
    """One evaluation in words: (2023, 'tw3') → 'Triwulan III 2023', (2023, 'b12') → 'Desember 2023',
    (2023, 'tahunan') → 'Tahunan 2023'."""
    words = "Tahunan" if periode == "tahunan" else format_periode(periode)
    return f"{words} {int(tahun)}"


def format_delta(value: float | None, decimals: int = 1, unit: str = "") -> str:
    """A signed change: ``+2,5 poin`` / ``-1,0%``; None → ``–``.

    The minus is ASCII so that ``st.metric`` reads the direction of a delta string from it.
    """
    if _missing(value):
        return MISSING
    assert value is not None
    sign = "+" if value > 0 else "-" if value < 0 else "±"
    return f"{sign}{format_number(abs(value), decimals)}{unit}"


def format_frame(
    frame: pd.DataFrame, *, numbers: dict[str, int] | None = None, percents: dict[str, int] | None = None
) -> pd.DataFrame:
    """A copy of ``frame`` for display: the named columns as Indonesian strings (column → decimals)."""
    out = frame.copy()
    for column, decimals in (numbers or {}).items():
        out[column] = [format_number(v, decimals) for v in out[column]]
    for column, decimals in (percents or {}).items():
        out[column] = [format_percent(v, decimals) for v in out[column]]
    return out


#: Words of a column name written in capitals when it becomes a header.
_ACRONYMS = frozenset({"nip", "jp", "skp", "ikm", "bup", "id", "ktp", "el", "pppk", "pns", "asn", "sop", "opd"})


def format_header(name: str) -> str:
    """A column name as a person reads it: ``rating_hasil_kerja`` → ``Rating hasil kerja``, ``penilai_nip`` →
    ``Penilai NIP``, ``u5`` → ``U5``."""
    words = [w.upper() if w in _ACRONYMS or (w[:1] == "u" and w[1:].isdigit()) else w for w in name.split("_")]
    text = " ".join(w for w in words if w)
    return text[:1].upper() + text[1:]


def format_cell(value: object) -> str:
    """Any value of a table as Indonesian text: numbers ``1.234,5``, dates ``27 November 2026`` (with the time
    when it has one), ``ya``/``tidak``, ``–`` for a missing value (None, NaN, NaT, pandas' NA)."""
    if value is None or value is pd.NaT or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, pd.Timestamp | dt.datetime):
        stamp = pd.Timestamp(value)
        day = format_date(stamp.date())
        return day if (stamp.hour, stamp.minute, stamp.second) == (0, 0, 0) else f"{day} {stamp:%H.%M}"
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, int | float):
        number = float(value)
        return format_number(value, 0 if number.is_integer() else 1 if round(number, 1) == number else 2)
    if hasattr(value, "item"):  # a numpy scalar
        return format_cell(value.item())
    return str(value)


#: Columns whose numbers are codes or years, written as they are (``2025``, not ``2.025``).
_PLAIN = ("tahun", "bulan", "nomor", "kode", "nip", "id", "baris")


def readable(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` for a person to read: every cell through ``format_cell`` (years, months, codes and numbers of a
    column named like them as they are, missing ones ``–``), headers through ``format_header``."""

    def cell(column: str, value: object) -> str:
        plain = any(part in _PLAIN for part in column.split("_"))
        text = format_cell(value)
        return str(value.item() if hasattr(value, "item") else value) if plain and text != MISSING else text

    out = pd.DataFrame({format_header(str(c)): [cell(str(c), v) for v in frame[c]] for c in frame.columns})
    out.index = frame.index
    return out


#: What Markdown (and Streamlit's ``:colour[…]`` syntax) reads as markup; each is written with a backslash.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$^=&])")


def markdown_literal(value: object) -> str:
    """``value`` (a name, a jabatan, a file name, anything from data) as Markdown that shows exactly its text:
    no link, image, emphasis, heading, HTML or Streamlit colour (issue 17 item 4). Line breaks become spaces."""
    text = " ".join(str(value).split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def plotly_literal(value: str) -> str:
    """Text from data as Plotly shows it literally: its pseudo-HTML (``<a href>``, ``<b>``, ``<span style>``)
    escaped, so a name cannot become a link or change colour in a title, a tick or a hover label."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
