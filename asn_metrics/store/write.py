"""Writes: import batches, sequences and settings (imports write through ``upsert``)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import Connection, func, insert, select, text

from asn_metrics.db import schema

CHUNK_ROWS = 20_000


def new_batch(
    conn: Connection,
    *,
    jenis: str,
    nama_file: str,
    sha256: str,
    pengguna: str,
    sumber: str,
    dibuat_pada: dt.datetime,
) -> int:
    """Record an import batch and return its id (counts are filled in by ``finish_batch``)."""
    result = conn.execute(
        insert(schema.import_batch).values(
            jenis=jenis,
            nama_file=nama_file,
            sha256=sha256,
            pengguna=pengguna,
            sumber=sumber,
            dibuat_pada=dibuat_pada,
        )
    )
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def finish_batch(conn: Connection, batch_id: int, *, baru: int, diubah: int = 0, tetap: int = 0) -> None:
    conn.execute(
        schema.import_batch.update()
        .where(schema.import_batch.c.id == batch_id)
        .values(baris_baru=baru, baris_diubah=diubah, baris_tetap=tetap)
    )


def record_upload_quality(
    conn: Connection, tally: pd.DataFrame, *, jenis: str, sha256: str, dibuat_pada: dt.datetime, batch_id: int | None
) -> None:
    """Store an upload's rows per agency (``ingest.tally``) in ``unggah_mutu``: for an import (``batch_id``), or
    for a refused file (``batch_id`` None), once per file: a refused file sent again is not counted twice."""
    table = schema.unggah_mutu
    if tally.empty:
        return
    if batch_id is None:
        seen = select(table.c.id).where(table.c.sha256 == sha256, table.c.jenis == jenis, table.c.batch_id.is_(None))
        if conn.scalar(seen.limit(1)) is not None:
            return
    common = {"batch_id": batch_id, "jenis": jenis, "sha256": sha256, "dibuat_pada": dibuat_pada}
    counts = tally[["baris", "baris_ditolak", "nip_salah"]].astype(int).to_dict("records")
    rows = [
        {**common, "instansi_kode": str(kode), **count}
        for kode, count in zip(tally["instansi_kode"], counts, strict=True)
    ]
    conn.execute(insert(table), rows)


def reset_sequences(conn: Connection) -> None:
    """After inserting explicit ids on PostgreSQL, move each serial sequence past the largest id."""
    if conn.dialect.name != "postgresql":
        return
    for table in schema.metadata.sorted_tables:
        if "id" not in table.c or not table.c.id.primary_key:
            continue
        max_id = conn.scalar(select(func.max(table.c.id)))
        if max_id is not None:
            conn.execute(text("SELECT setval(pg_get_serial_sequence(:t, 'id'), :v)"), {"t": table.name, "v": max_id})


def database_is_empty(conn: Connection) -> bool:
    """True when no agency, employee or import batch exists yet."""
    for table in (schema.instansi, schema.pegawai, schema.import_batch):
        if conn.scalar(select(func.count()).select_from(table)):
            return False
    return True


def set_setting(conn: Connection, kunci: str, nilai_json: str, now: dt.datetime) -> None:
    """Upsert one row of ``pengaturan`` (a JSON value)."""
    table = schema.pengaturan
    updated = conn.execute(table.update().where(table.c.kunci == kunci).values(nilai=nilai_json, diubah_pada=now))
    if updated.rowcount == 0:
        conn.execute(insert(table).values(kunci=kunci, nilai=nilai_json, diubah_pada=now))
