"""What an import needs to know of the database: existing agency codes and NIPs, and their ids."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, select

from asn_metrics.db.schema import instansi, pegawai
from asn_metrics.ingest.known import KnownReferences


@dataclass(frozen=True)
class KeyIds:
    instansi: dict[str, int]
    pegawai: dict[str, int]


def load_known_references(engine: Engine) -> KnownReferences:
    """Agency codes and NIPs (with status) in the database, for validating an upload."""
    with engine.connect() as conn:
        codes = list(conn.scalars(select(instansi.c.kode)))
        people = conn.execute(select(pegawai.c.nip, pegawai.c.status)).all()
    return KnownReferences.of(instansi=codes, nip=[p.nip for p in people], nip_status={p.nip: p.status for p in people})


def load_key_ids(engine: Engine) -> KeyIds:
    """Agency code → id and NIP → id, to turn an upload's natural keys into foreign keys."""
    with engine.connect() as conn:
        agencies = {r.kode: r.id for r in conn.execute(select(instansi.c.kode, instansi.c.id))}
        people = {r.nip: r.id for r in conn.execute(select(pegawai.c.nip, pegawai.c.id))}
    return KeyIds(instansi=agencies, pegawai=people)
