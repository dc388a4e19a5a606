"""Cells the app writes into CSV and XLSX files, safe to open in a spreadsheet (issue 17 item 5).

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read by Excel and LibreOffice
as a formula ("formula injection", OWASP): a name such as ``=HYPERLINK("http://…")`` in an upload would run when
an evaluator opens the error report. Such a cell is written with a leading apostrophe, which spreadsheets show
as text; a plain number (``-1,5``, ``+62``) is left alone, since it is a value, not a formula.
"""

from __future__ import annotations

import re
from typing import Any

#: What makes a spreadsheet read a cell as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)*$")


def neutralise(value: Any) -> Any:
    """``value`` as a spreadsheet may read it: a text beginning like a formula gets a leading ``'``; anything
    else (numbers, dates, other texts, plain signed numbers) is returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _PLAIN_NUMBER.match(value):
        return "'" + value
    return value
