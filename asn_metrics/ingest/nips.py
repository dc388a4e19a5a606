"""NIP columns: cleaning what evaluators paste, spotting Excel's damage, and the structural check, vectorised."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from asn_metrics.ingest.distinct import first_rows
from asn_metrics.nip import check_nip

#: Shapes a NIP takes after Excel turned it into a number: scientific notation, a trailing ``.0``,
#: or 18 digits ending in ``000`` (Excel keeps 15 significant digits; a real sequence starts at 001).
_DAMAGED = r"^(?:\d+(?:[.,]\d+)?[eE]\+?\d+|\d{15,18}[.,]0*|\d{15}000)$"
DAMAGE_ADVICE = "Format kolom NIP sebagai Teks lalu salin ulang NIP-nya."
NIP_ADVICE = "Tulis 18 angka NIP, misalnya 19860926 201505 1 001 (spasi boleh)."


def clean_nip(text: pd.Series) -> pd.Series:
    """Remove spaces (also non-breaking and tabs), a leading apostrophe and an Excel ``="..."`` wrapper."""
    cleaned = text.astype(str)
    for space in (" ", "\u00a0", "\t"):
        cleaned = cleaned.str.replace(space, "", regex=False)
    wrapped = (cleaned.str.startswith('="') | cleaned.str.startswith('"')) & cleaned.str.endswith('"')
    if wrapped.any():
        cleaned = cleaned.where(~wrapped, cleaned.str.removeprefix("=").str.slice(1, -1))
    return cleaned.str.lstrip("'‘’`")


def excel_damaged(cleaned: pd.Series) -> pd.Series:
    """True where a cleaned NIP is the trace of a number Excel rounded (``1.98609E+17``, ``198609262015051000``)."""
    return cleaned.str.contains(_DAMAGED, regex=True).fillna(False).astype(bool)


def is_nip_shape(cleaned: pd.Series) -> np.ndarray:
    """True where the text is exactly 18 ASCII digits."""
    ascii_digits = cleaned.str.isdigit() & cleaned.str.isascii()
    return ((cleaned.str.len() == 18) & ascii_digits).fillna(False).to_numpy(dtype=bool)


def _digits(nips: pd.Series) -> np.ndarray:
    """An (n, 18) matrix of the digits of 18-digit NIPs."""
    joined = "".join(nips.astype(str).tolist()).encode("ascii")
    return (np.frombuffer(joined, dtype=np.uint8).reshape(-1, 18) - 48).astype(np.int64)


def _number(d: np.ndarray, start: int, stop: int) -> np.ndarray:
    out = np.zeros(len(d), dtype=np.int64)
    for i in range(start, stop):
        out = out * 10 + d[:, i]
    return out


def birth_dates(nips: pd.Series) -> pd.Series:
    """Birth date (digits 1-8) of each 18-digit NIP, NaT where it is not a real date (vectorised)."""
    d = _digits(nips)
    parts = pd.DataFrame({"year": _number(d, 0, 4), "month": _number(d, 4, 6), "day": _number(d, 6, 8)})
    born = pd.to_datetime(parts, errors="coerce").astype("datetime64[us]")
    born.index = nips.index
    return born


def _real_dates(year: np.ndarray, month: np.ndarray, day: np.ndarray) -> np.ndarray:
    """True where (year, month, day) is a date of the Gregorian calendar (as ``datetime.date`` accepts it)."""
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    days = _MONTH_DAYS[np.clip(month, 0, 12)] + (leap & (month == 2))
    return (year >= 1) & (month >= 1) & (month <= 12) & (day >= 1) & (day <= days)


_MONTH_DAYS = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])


def structural_flags(nips: pd.Series, pns: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(may be invalid, may warn) per 18-digit NIP: the rules of ``nip.check_nip``, vectorised as a pre-filter.

    ``pns`` is True for a PNS's NIP (its TMT month is checked too); other NIPs (PPPK, or status unknown) get
    only the rules common to both.
    """
    if len(nips) == 0:
        return np.zeros(0, dtype=bool), np.zeros(0, dtype=bool)
    d = _digits(nips)
    born_year, born_month = _number(d, 0, 4), _number(d, 4, 6)
    year, month = _number(d, 8, 12), _number(d, 12, 14)
    bad = (
        ~_real_dates(born_year, born_month, _number(d, 6, 8))
        | (born_year < 1900)
        | ~np.isin(d[:, 14], [1, 2])
        | (_number(d, 15, 18) == 0)
        | ~((born_year < year) & (year <= dt.date.today().year + 1))
        | (pns & ~((month >= 1) & (month <= 12)))
    )
    young = (year - born_year < 17) | ((year - born_year == 17) & (month < born_month))
    return bad, pns & young & ~bad


def check_nips(nips: pd.Series, status: pd.Series, codes: np.ndarray | None = None) -> tuple[pd.Series, pd.Series]:
    """Error and warning text of the rows that have one (indexed by row position), worded by ``check_nip``.

    ``nips`` holds canonical 18-digit NIPs or NA; ``status`` 'PNS', 'PPPK' or ''/NA (unknown).
    ``codes`` (optional) numbers the distinct NIPs per row, -1 for NA. The check runs once per
    distinct (NIP, status) pair, so 1,000,000 rows of 50,000 employees check 50,000 NIPs.
    """
    if codes is None:
        codes = pd.factorize(nips)[0]
    status = status.astype(object).fillna("").astype(str)
    status_codes, status_uniques = pd.factorize(status)
    pair = codes.astype(np.int64) * (len(status_uniques) + 1) + status_codes
    pair[codes < 0] = -1
    pair_codes, first = first_rows(pair)
    u_nip = nips.iloc[first].astype(str).reset_index(drop=True)
    return check_distinct_nips(pair_codes, u_nip, status.iloc[first].tolist())


def check_distinct_nips(codes: np.ndarray, nips: pd.Series, status: list[str]) -> tuple[pd.Series, pd.Series]:
    """``check_nips`` with each row's NIP given as ``codes`` (-1: none) into distinct ``nips`` of ``status``.

    ``nips`` are 18-digit texts (indexed 0..n-1), ``status`` 'PNS', 'PPPK' or '' for each.
    """
    bad, young = structural_flags(nips, np.array([s == "PNS" for s in status], dtype=bool))
    flagged = np.flatnonzero(bad | young)
    error = np.full(len(nips) + 1, None, dtype=object)  # the last one for rows without a NIP
    warning = np.full(len(nips) + 1, None, dtype=object)
    for i, nip in zip(flagged, nips.iloc[flagged].tolist(), strict=True):
        result = check_nip(str(nip), status[i] or "PPPK")
        error[i], warning[i] = result.error, result.warning
    has_error = np.zeros(len(error), dtype=bool)
    has_warning = np.zeros(len(warning), dtype=bool)
    has_error[flagged] = [error[i] is not None for i in flagged]
    has_warning[flagged] = [warning[i] is not None for i in flagged]
    err_rows = np.flatnonzero(has_error[codes]) if has_error.any() else np.zeros(0, dtype=np.int64)
    warn_rows = np.flatnonzero(has_warning[codes]) if has_warning.any() else np.zeros(0, dtype=np.int64)
    return (
        pd.Series(error[codes[err_rows]], index=err_rows, dtype=object),
        pd.Series(warning[codes[warn_rows]], index=warn_rows, dtype=object),
    )
