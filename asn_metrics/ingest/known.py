"""What the database already holds, as far as validation needs to know it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


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
