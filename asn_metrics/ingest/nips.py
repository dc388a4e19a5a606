"""NIP columns: cleaning what evaluators paste, spotting Excel's damage, and the structural check, vectorised."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

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


def structural_flags(nips: pd.Series, status: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(may be invalid, may warn) per 18-digit NIP: the rules of ``nip.check_nip``, vectorised as a pre-filter.

    ``status`` is 'PNS', 'PPPK' or '' (unknown: only the rules common to both are applied).
    """
    if len(nips) == 0:
        return np.zeros(0, dtype=bool), np.zeros(0, dtype=bool)
    d = _digits(nips)
    born = birth_dates(nips)
    born_year = born.dt.year.to_numpy(dtype=float, na_value=np.nan)
    born_month = _number(d, 4, 6)
    year, month = _number(d, 8, 12), _number(d, 12, 14)
    pns = (status.astype(str) == "PNS").to_numpy(dtype=bool)
    with np.errstate(invalid="ignore"):
        bad = (
            np.isnan(born_year)
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
    pair_codes, pair_uniques = pd.factorize(pair)
    first = np.empty(len(pair_uniques), dtype=np.int64)
    first[pair_codes[::-1]] = np.arange(len(pair_codes) - 1, -1, -1)
    first = first[pair_uniques >= 0] if (pair_uniques < 0).any() else first
    keep = pair_uniques >= 0
    u_nip = nips.iloc[first].astype(str).reset_index(drop=True)
    u_status = status.iloc[first].reset_index(drop=True)
    bad, young = structural_flags(u_nip, u_status)
    flagged = np.flatnonzero(bad | young)
    u_error = np.full(len(pair_uniques), None, dtype=object)
    u_warning = np.full(len(pair_uniques), None, dtype=object)
    unique_index = np.flatnonzero(keep)
    nip_text = u_nip.to_numpy(dtype=object)
    status_text = u_status.to_numpy(dtype=object)
    for i in flagged:
        result = check_nip(str(nip_text[i]), str(status_text[i]) or "PPPK")
        u_error[unique_index[i]], u_warning[unique_index[i]] = result.error, result.warning
    has_error = np.array([e is not None for e in u_error], dtype=bool)
    has_warning = np.array([w is not None for w in u_warning], dtype=bool)
    err_rows = np.flatnonzero(has_error[pair_codes]) if has_error.any() else np.zeros(0, dtype=np.int64)
    warn_rows = np.flatnonzero(has_warning[pair_codes]) if has_warning.any() else np.zeros(0, dtype=np.int64)
    return (
        pd.Series(u_error[pair_codes[err_rows]], index=err_rows, dtype=object),
        pd.Series(u_warning[pair_codes[warn_rows]], index=warn_rows, dtype=object),
    )
