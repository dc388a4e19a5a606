"""Dates and date-times as evaluators type them, parsed vectorised (day always before month)."""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

#: Month names and abbreviations, Indonesian and English (compared lower case, without a trailing dot).
MONTHS: Final[dict[str, int]] = {
    **{
        m: i
        for i, m in enumerate(
            (
                "januari",
                "februari",
                "maret",
                "april",
                "mei",
                "juni",
                "juli",
                "agustus",
                "september",
                "oktober",
                "november",
                "desember",
            ),
            start=1,
        )
    },
    **{
        m: i
        for i, m in enumerate(
            (
                "january",
                "february",
                "march",
                "april",
                "may",
                "june",
                "july",
                "august",
                "september",
                "october",
                "november",
                "december",
            ),
            start=1,
        )
    },
    **{
        m: i
        for i, m in enumerate(
            ("jan", "feb", "mar", "apr", "mei", "jun", "jul", "agu", "sep", "okt", "nov", "des"), start=1
        )
    },
    **{
        m: i
        for i, m in enumerate(
            ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1
        )
    },
    "agt": 8,
    "ags": 8,
    "agus": 8,
    "sept": 9,
    "nop": 11,
    "pebruari": 2,
    "peb": 2,
    "mrt": 3,
}

_TIME: Final = r"(?:(?:\s+|t)(?P<hh>\d{1,2})[:.](?P<mi>\d{2})(?:[:.](?P<ss>\d{2})(?:[.,]\d+)?)?)?"
_PATTERN: Final = (
    r"^(?:(?P<iy>\d{4})[-/](?P<im>\d{1,2})[-/](?P<id>\d{1,2})"
    r"|(?P<nd>\d{1,2})[/.\-](?P<nm>\d{1,2})[/.\-](?P<ny>\d{4})"
    r"|(?P<td>\d{1,2})[\s\-/.]*(?P<tm>[a-z]+)\.?[\s\-/.]*(?P<ty>\d{4}))" + _TIME + r"$"
)
_SERIAL: Final = r"^\d{5}(?:[.,]\d+)?$"
_EXCEL_EPOCH: Final = pd.Timestamp("1899-12-30")


def parse_datetimes(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse stripped, non-blank text into timestamps (``datetime64``), vectorised.

    Accepted: ``2026-11-27``, ``27/11/2026``, ``27-11-2026``, ``27.11.2026``, ``27 November 2026``,
    ``27 Nov 2026``, ``27-Agt-2026`` (Indonesian and English month names), each optionally followed by
    ``HH:MM`` or ``HH:MM:SS`` (``.`` also separates), and Excel serial numbers (5 digits, fraction =
    time of day). Returns (timestamps, recognised): ``recognised`` is True where the shape was
    understood, so NaT with recognised=True means a date or a clock time that does not exist (31/02/2026,
    24:00, 08:61).
    """
    if len(text) == 0:
        return pd.Series([], dtype="datetime64[us]", index=text.index), pd.Series([], dtype=bool, index=text.index)
    arr = pc.utf8_lower(pa.array(text.astype(str).to_numpy(dtype=object), type=pa.string()))
    parts = pc.extract_regex(arr, _PATTERN)
    recognised = np.asarray(parts.is_valid())

    def field(*names: str) -> np.ndarray:
        chosen = pc.coalesce(*(pc.if_else(pc.equal(parts.field(n), ""), None, parts.field(n)) for n in names))
        return np.asarray(pc.cast(chosen, pa.float64()).to_numpy(zero_copy_only=False), dtype=float)

    month_names = pd.Series(parts.field("tm").to_numpy(zero_copy_only=False), dtype=object)
    named = month_names.map(MONTHS).to_numpy(dtype=float, na_value=np.nan)
    month = field("im", "nm")
    month = np.where(np.isnan(month), named, month)
    has_name = month_names.fillna("").to_numpy(dtype=str) != ""
    recognised &= ~(has_name & np.isnan(named))
    frame = pd.DataFrame(
        {
            "year": field("iy", "ny", "ty"),
            "month": month,
            "day": field("id", "nd", "td"),
            "hour": np.nan_to_num(field("hh")),
            "minute": np.nan_to_num(field("mi")),
            "second": np.nan_to_num(field("ss")),
        }
    )
    ok = recognised & ~np.isnan(frame["year"].to_numpy()) & ~np.isnan(frame["month"].to_numpy())
    frame.loc[~ok, "year"] = np.nan
    # A clock past 23:59:59 is not a time (pandas would roll 24:00 or 08:61 over into the next hour or day).
    clock = (frame["hour"] > 23) | (frame["minute"] > 59) | (frame["second"] > 59)
    stamps = pd.to_datetime(frame.fillna({"month": 1, "day": 1}), errors="coerce").astype("datetime64[us]")
    stamps = stamps.where(ok & ~clock.to_numpy())
    serial = np.asarray(pc.match_substring_regex(arr, _SERIAL).fill_null(False))
    if serial.any():
        days = pd.to_numeric(text[serial].str.replace(",", ".", regex=False), errors="coerce").to_numpy()
        stamps.iloc[np.flatnonzero(serial)] = (_EXCEL_EPOCH + pd.to_timedelta(days, unit="D")).round("s")
        recognised |= serial
    stamps.index = text.index
    return stamps, pd.Series(recognised, index=text.index)
