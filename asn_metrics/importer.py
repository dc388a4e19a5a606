"""One import pipeline for the upload page and the CLI: read → normalise → validate → write (one batch)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import Engine

from asn_metrics import ingest
from asn_metrics.db import schema
from asn_metrics.ingest.validate import LINE_COLUMN
from asn_metrics.store import references
from asn_metrics.store.upsert import NATURAL_KEYS, WriteResult, import_rows, previous_import, value_columns

Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class Prepared:
    """A file read and validated against the database, not yet written."""

    kind: str
    nama_file: str
    sha256: str
    raw: ingest.RawTable
    result: ingest.ValidationResult
    sebelumnya: dict[str, object] | None = None
    instansi_tidak_dikenal: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return self.result.ok

    @property
    def jumlah_baris(self) -> int:
        return len(self.result.rows) if self.ok else len(self.raw.frame)

    def error_report(self) -> bytes:
        """The original rows plus a ``kesalahan`` column (CSV for Indonesian Excel)."""
        return ingest.error_report(self.raw, self.result)

    def already_imported_message(self) -> str | None:
        if not self.sebelumnya:
            return None
        when = self.sebelumnya["dibuat_pada"]
        stamp = when.strftime("%d-%m-%Y %H:%M") if isinstance(when, dt.datetime) else str(when)
        return (
            f"Berkas ini persis sama dengan impor #{self.sebelumnya['id']} ({self.sebelumnya['nama_file']}) "
            f"pada {stamp} oleh {self.sebelumnya['pengguna']}; tidak ada yang diubah."
        )


def sha256_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def prepare(engine: Engine, content: bytes, nama_file: str, kind: str | None = None) -> Prepared:
    """Read and validate a file against what the database holds. Raises ``ingest.UnreadableFile`` /
    ``ingest.UnknownKind`` with an Indonesian message when the file cannot be read as a table of a kind."""
    raw = ingest.read_table(content, nama_file, kind)
    chosen = kind or raw.kind
    if chosen is None:
        raise ingest.UnknownKind("Jenis data tidak dapat dikenali dari judul kolom. Pilih jenis datanya.")
    known = references.load_known_references(engine)
    result = ingest.validate(raw, chosen, known)
    digest = sha256_of(content)
    with engine.connect() as conn:
        before = previous_import(conn, chosen, digest)
    unknown: tuple[str, ...] = ()
    if not result.ok and known.instansi is not None:
        errors = result.error_frame
        mask = errors["kolom"].eq("instansi_kode") & ~errors["nilai"].astype(str).isin(known.instansi)
        unknown = tuple(sorted({str(v) for v in errors.loc[mask, "nilai"] if str(v).strip()}))
    return Prepared(chosen, nama_file, digest, raw, result, before, unknown)


def table_rows(engine: Engine, prepared: Prepared) -> pd.DataFrame:
    """The validated rows in the table's own columns: codes and NIPs resolved to ids, optional columns filled."""
    kind = prepared.kind
    rows = prepared.result.rows
    table = schema.KIND_TABLES[kind]
    out = pd.DataFrame(index=rows.index)
    ids = references.load_key_ids(engine)
    for name in [*NATURAL_KEYS[kind], *value_columns(table, kind)]:
        if name == "instansi_id":
            out[name] = rows["instansi_kode"].map(ids.instansi).astype("Int64")
        elif name == "pegawai_id":
            out[name] = rows["nip"].map(ids.pegawai).astype("Int64")
        elif name == "sumber_baris":
            anonymous = rows["responden_id"].isna() if "responden_id" in rows else pd.Series(True, index=rows.index)
            out[name] = [
                f"{prepared.sha256}:{line}" if anon else None
                for line, anon in zip(rows[LINE_COLUMN], anonymous, strict=True)
            ]
        elif name in rows.columns:
            out[name] = rows[name]
        else:
            out[name] = None
    return out.reset_index(drop=True)


def commit(
    engine: Engine,
    prepared: Prepared,
    *,
    pengguna: str,
    sumber: str,
    progress: Progress | None = None,
    now: dt.datetime | None = None,
) -> WriteResult:
    """Write a prepared, valid file as one batch (all or nothing)."""
    if not prepared.ok:
        raise ValueError("prepared file has errors; nothing may be written")
    moment = now or dt.datetime.now().replace(microsecond=0)
    return import_rows(
        engine,
        prepared.kind,
        table_rows(engine, prepared),
        nama_file=prepared.nama_file,
        sha256=prepared.sha256,
        pengguna=pengguna,
        sumber=sumber,
        now=moment,
        progress=progress,
    )
