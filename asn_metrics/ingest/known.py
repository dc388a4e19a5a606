"""What the database already holds, as far as validation needs to know it."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property


def fold_code(code: str) -> str:
    """An agency code as a person sees it: compatibility-normalised, invisible and control characters (zero-width
    spaces, soft hyphens, tabs) and spaces removed, case folded. Two codes that fold alike look alike."""
    text = unicodedata.normalize("NFKC", code)
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf", "Zs", "Zl", "Zp")).casefold()


@dataclass(frozen=True)
class KnownReferences:
    """Existing agency codes and NIPs (loaded by the caller from the database).

    ``instansi``: agency codes in the database (None = do not check). ``nip``: NIPs of employees in
    the database, checked for every kind but ``pegawai`` (None = do not check). ``nip_status``: NIP →
    'PNS' / 'PPPK', so NIPs in other kinds are checked by the rules of their status (unknown NIPs get
    only the rules common to both).
    """

    instansi: frozenset[str] | None = None
    nip: frozenset[str] | None = None
    nip_status: Mapping[str, str] = field(default_factory=dict)

    @cached_property
    def instansi_by_fold(self) -> dict[str, str]:
        """Folded code (``fold_code``) → the code as stored, to name the code a lookalike was meant to be."""
        return {fold_code(code): code for code in self.instansi or ()}

    def lookalike(self, code: str) -> str | None:
        """The stored code that ``code`` only looks like (other case, invisible characters), else None."""
        stored = self.instansi_by_fold.get(fold_code(code))
        return stored if stored is not None and stored != code else None

    @classmethod
    def of(
        cls,
        instansi: Iterable[str] | None = None,
        nip: Iterable[str] | None = None,
        nip_status: Mapping[str, str] | None = None,
    ) -> KnownReferences:
        """Build from any iterables (sets are made frozen)."""
        return cls(
            frozenset(instansi) if instansi is not None else None,
            frozenset(nip) if nip is not None else None,
            dict(nip_status or {}),
        )
