"""Indonesian number and date formatting (locale id_ID, as Babel writes it), the one helper of every page."""

from __future__ import annotations

import datetime as dt
import math
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
