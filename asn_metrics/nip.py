"""NIP: structure, validation, masking and the birth date it carries (DOMAIN.md §11, DATA_FORMATS.md)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

NIP_LENGTH = 18
_DIGITS = re.compile(r"^\d{18}$")


@dataclass(frozen=True)
class NipCheck:
    """Outcome of checking one NIP: an error refuses the row, a warning is only reported."""

    nip: str
    error: str | None = None
    warning: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def _date(yyyymmdd: str) -> dt.date | None:
    try:
        return dt.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return None


def birth_date(nip: str) -> dt.date | None:
    """Birth date from digits 1-8 of a NIP, or None when they are not a real date."""
    return _date(nip[:8]) if len(nip) >= 8 else None


def check_nip(nip: str, status: str = "PNS") -> NipCheck:
    """Structural check of a normalised 18-digit NIP (DATA_FORMATS.md "NIP", DOMAIN.md §11).

    Digits 1-8 a real birth date; digit 15 is 1 or 2; digits 16-18 a sequence from 001.
    For PNS digits 9-14 are a real year-month (TMT CPNS), with a warning when it is
    less than 17 years after birth; for PPPK only digits 9-12 (a year) are checked.
    """
    if not _DIGITS.match(nip):
        return NipCheck(nip, error=f"NIP harus 18 angka, terisi {len(nip)} karakter")
    born = birth_date(nip)
    if born is None or born.year < 1900:
        return NipCheck(nip, error=f"8 angka pertama ({nip[:8]}) bukan tanggal lahir yang sah (TTTTBBHH)")
    if nip[14] not in "12":
        return NipCheck(nip, error=f"angka ke-15 ({nip[14]}) harus 1 (laki-laki) atau 2 (perempuan)")
    if nip[15:] == "000":
        return NipCheck(nip, error="nomor urut (3 angka terakhir) tidak boleh 000")
    year = int(nip[8:12])
    if not born.year < year <= dt.date.today().year + 1:
        return NipCheck(nip, error=f"tahun pengangkatan {year} (angka ke-9 s.d. 12) tidak masuk akal")
    if status.upper() == "PPPK":
        return NipCheck(nip)
    month = int(nip[12:14])
    if not 1 <= month <= 12:
        return NipCheck(nip, error=f"bulan TMT CPNS {nip[12:14]} (angka ke-13 dan 14) harus 01-12")
    if year - born.year < 17 or (year - born.year == 17 and month < born.month):
        return NipCheck(nip, warning=f"TMT CPNS {year}-{month:02d} kurang dari 17 tahun setelah tanggal lahir")
    return NipCheck(nip)


def is_valid_nip(nip: str, status: str = "PNS") -> bool:
    """True when ``check_nip`` finds no error."""
    return check_nip(nip, status).ok


def mask_nip(nip: str) -> str:
    """Masked NIP for presentation (DOMAIN.md §11): first 6 and last 3 digits, e.g. ``198609•••••••••001``."""
    if len(nip) != NIP_LENGTH:
        return "•" * len(nip)
    return nip[:6] + "•" * 9 + nip[-3:]


#: What a hidden name reads as, on screen and in every download.
HIDDEN_NAME = "(disamarkan)"


def mask_people(
    frame: pd.DataFrame,
    nip_columns: Sequence[str] = ("nip",),
    name_columns: Sequence[str] = ("nama", "nama_pegawai"),
) -> pd.DataFrame:
    """A copy with NIPs masked (``mask_nip``) and names hidden; missing columns are skipped."""
    out = frame.copy()
    for column in nip_columns:
        if column in out.columns:
            out[column] = [mask_nip(str(v)) if isinstance(v, str) else v for v in out[column]]
    for column in name_columns:
        if column in out.columns:
            out[column] = HIDDEN_NAME
    return out


def format_nip(nip: str) -> str:
    """NIP grouped as printed on documents: ``19860926 201505 1 001``."""
    if len(nip) != NIP_LENGTH:
        return nip
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"


def make_nip(born: dt.date, tmt_year: int, tmt_month: int, sex: str, sequence: int) -> str:
    """Compose a NIP from its parts; ``sex`` is 'L' or 'P', ``tmt_month`` is the PPPK contract field for PPPK."""
    if not 1 <= sequence <= 999:
        raise ValueError("sequence must be 1..999")
    return f"{born:%Y%m%d}{tmt_year:04d}{tmt_month:02d}{1 if sex == 'L' else 2}{sequence:03d}"
