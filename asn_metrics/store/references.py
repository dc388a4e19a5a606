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
    #: Each NIP's agency code, to count an upload's rows per agency (``ingest.tally``).
    agency_of_nip: dict[str, str]


def load_references(engine: Engine) -> tuple[KnownReferences, KeyIds]:
    """What validation needs (agency codes, NIPs with status) and what writing needs (their ids), with one
    read of each table. A big import waits for this read, so it goes through the driver's own cursor: plain
    tuples are about twice as fast as SQLAlchemy rows for 50,000 employees (0.08 s against 0.2 s)."""
    agencies_sql = select(instansi.c.kode, instansi.c.id)
    people_sql = select(pegawai.c.nip, pegawai.c.status, pegawai.c.id, pegawai.c.instansi_id)
    with engine.connect() as conn:
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(str(agencies_sql.compile(dialect=conn.dialect)))
            agencies = {kode: id_ for kode, id_ in cursor.fetchall()}
            cursor.execute(str(people_sql.compile(dialect=conn.dialect)))
            people = cursor.fetchall()
        finally:
            cursor.close()
    known = KnownReferences.of(
        instansi=agencies, nip=[nip for nip, *_ in people], nip_status={nip: status for nip, status, *_ in people}
    )
    code_of = {id_: kode for kode, id_ in agencies.items()}
    return known, KeyIds(
        instansi=agencies,
        pegawai={nip: id_ for nip, _, id_, _ in people},
        agency_of_nip={nip: code_of[agency] for nip, _, _, agency in people},
    )
