"""Header names: the comparable form of a header text, and its canonical column for a kind."""

from __future__ import annotations

import re
from typing import Final

_NON_WORD = re.compile(r"[^0-9a-z]+")

#: Aliases valid in every kind (DATA_FORMATS.md "header names"); a kind's own aliases win.
GLOBAL_ALIASES: Final[dict[str, str]] = {"kode_instansi": "instansi_kode", "nip_baru": "nip"}

#: Headers added by the error report; ignored when a corrected report is uploaded again.
IGNORED_HEADERS: Final = frozenset({"kesalahan"})


def header_key(text: object) -> str:
    """Comparable form of a header: lower case, surrounding spaces gone, other runs of non-letters as ``_``.

    ``' Nama Lengkap '`` → ``nama_lengkap``; ``No. Registrasi`` → ``no_registrasi``;
    ``Biaya/Tarif`` → ``biaya_tarif``; ``U1*`` → ``u1``.
    """
    return _NON_WORD.sub("_", str(text).strip().lower()).strip("_")


def value_key(text: object) -> str:
    """Comparable form of an enumeration value: lower case, letters and digits only (``S-1`` → ``s1``)."""
    return _NON_WORD.sub("", str(text).lower())
