"""One import pipeline for the upload page and the CLI: read → normalise → validate → write (one batch)."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import tempfile
from collections.abc import Callable, Generator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError

from asn_metrics import ingest
from asn_metrics.background import ChildFailed, started_in_child
from asn_metrics.db import schema
from asn_metrics.db.checkpoint import checkpoint_afterwards
from asn_metrics.db.foreign_keys import checked_per_value
from asn_metrics.ingest.validate import LINE_COLUMN
from asn_metrics.store import handoff, references
from asn_metrics.store.upsert import (
    NATURAL_KEYS,
    Staging,
    WriteResult,
    import_rows,
    previous_import,
    value_columns,
)
from asn_metrics.store.write import finish_batch, new_batch

Progress = Callable[[float, str], None]

INTEGRITY_MESSAGE = (
    "Impor dibatalkan seluruhnya karena data di basis data berubah atau saling bertentangan saat disimpan "
    "(mis. instansi atau pegawai yang dirujuk baru saja dihapus atau dibatalkan). Tidak ada yang ditulis; "
    "periksa ulang berkasnya lalu unggah lagi."
)


#: Kinds read whole even by ``import_stream``: a unit may name its parent agency anywhere in the file, and
#: the parent must be known when the unit is checked. A province has hundreds of agencies, not millions.
WHOLE_FILE_KINDS = frozenset({"instansi"})
WHOLE_FILE = 2**62


def _database_message(exc: Exception) -> str:
    detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0][:200]
    return (
        f"Impor dibatalkan seluruhnya karena basis data menolak penyimpanan ({detail}). Tidak ada yang ditulis; "
        "coba lagi, dan bila terulang laporkan pesan ini kepada admin."
    )


UNKNOWN_KIND_MESSAGE = "Jenis data tidak dapat dikenali dari judul kolom. Pilih jenis datanya."


class ImportFailed(Exception):
    """Writing was refused by the database; nothing was written. The message is Indonesian."""


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
        return already_imported_text(self.sebelumnya)


def already_imported_text(before: dict[str, object] | None) -> str | None:
    """What to say about a byte-identical file imported before (``previous_import``), if any."""
    if not before:
        return None
    when = before["dibuat_pada"]
    stamp = when.strftime("%d-%m-%Y %H:%M") if isinstance(when, dt.datetime) else str(when)
    return (
        f"Berkas ini persis sama dengan impor #{before['id']} ({before['nama_file']}) "
        f"pada {stamp} oleh {before['pengguna']}; tidak ada yang diubah."
    )


def sha256_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def prepare(engine: Engine, content: bytes, nama_file: str, kind: str | None = None) -> Prepared:
    """Read and validate a file against what the database holds. Raises ``ingest.UnreadableFile`` /
    ``ingest.UnknownKind`` with an Indonesian message when the file cannot be read as a table of a kind."""
    raw = ingest.read_table(content, nama_file, kind)
    chosen = kind or raw.kind
    if chosen is None:
        raise ingest.UnknownKind(UNKNOWN_KIND_MESSAGE)
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


def kept_columns(kind: str, absent: tuple[str, ...]) -> tuple[str, ...]:
    """The columns an update leaves alone: those the file lacks and table columns no upload fills (e.g.
    ``indikator.metode_turun``), plus what is computed from a kept column. A column computed from columns
    the file has is rewritten (a SKP file without ``predikat`` rewrites it from the two ratings)."""
    spec = ingest.get_kind(kind)
    computed = dict(spec.computed)
    filled = {c.name for c in spec.columns} | set(spec.derived) | {"instansi_id", "pegawai_id", "sumber_baris"}
    table = schema.KIND_TABLES[kind]
    kept = {name for name in absent if name not in computed}
    kept |= {name for name in value_columns(table, kind) if name not in filled}
    for name, inputs in computed.items():
        if (name in absent or name in spec.derived) and any(i in kept for i in inputs):
            kept.add(name)
    return tuple(sorted(kept))


def table_rows(engine: Engine, prepared: Prepared) -> pd.DataFrame:
    """The validated rows in the table's own columns: codes and NIPs resolved to ids, optional columns filled."""
    result = prepared.result
    return _table_rows(prepared.kind, result.rows, references.load_key_ids(engine), prepared.sha256, result.codes)


def _table_rows(
    kind: str, rows: pd.DataFrame, ids: references.KeyIds, sha256: str, codes: Mapping[str, np.ndarray]
) -> pd.DataFrame:
    """``rows`` in the table's own columns; ``codes``: validation's codes of their values (``ValidationResult``)."""
    table = schema.KIND_TABLES[kind]
    out = pd.DataFrame(index=rows.index)
    for name in [*NATURAL_KEYS[kind], *value_columns(table, kind)]:
        if name == "instansi_id":
            out[name] = ingest.map_distinct(rows["instansi_kode"], ids.instansi, "Int64", codes.get("instansi_kode"))
        elif name == "pegawai_id":  # 50,000 NIPs, not 1M rows
            out[name] = ingest.map_distinct(rows["nip"], ids.pegawai, "Int64", codes.get("nip"))
        elif name == "sumber_baris":
            anonymous = rows["responden_id"].isna() if "responden_id" in rows else pd.Series(True, index=rows.index)
            out[name] = [
                f"{sha256}:{line}" if anon else None for line, anon in zip(rows[LINE_COLUMN], anonymous, strict=True)
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
    """Write a prepared, valid file as one batch (all or nothing). Raises ``ImportFailed`` (Indonesian) when the
    database refuses it; nothing is written then."""
    if not prepared.ok:
        raise ValueError("prepared file has errors; nothing may be written")
    moment = now or dt.datetime.now().replace(microsecond=0)
    try:
        return import_rows(
            engine,
            prepared.kind,
            table_rows(engine, prepared),
            nama_file=prepared.nama_file,
            sha256=prepared.sha256,
            pengguna=pengguna,
            sumber=sumber,
            now=moment,
            keep=kept_columns(prepared.kind, prepared.result.absent),
            progress=progress,
        )
    except IntegrityError:
        raise ImportFailed(INTEGRITY_MESSAGE) from None
    except (DBAPIError, engine.dialect.loaded_dbapi.Error) as exc:  # locked, disk full, …: as import_stream
        raise ImportFailed(_database_message(exc)) from None


@dataclass(frozen=True)
class StreamOutcome:
    """The outcome of ``import_stream``: ``status`` is 'diimpor', 'ditolak', 'valid' (dry run) or 'sudah_diimpor'."""

    status: str
    kind: str
    sha256: str
    rows: int
    errors: pd.DataFrame
    warnings: pd.DataFrame
    written: WriteResult | None = None
    sebelumnya: dict[str, object] | None = None


class _Refused(Exception):
    """Raised inside the import transaction to roll it back when a chunk has errors."""


@dataclass(frozen=True)
class CheckedChunk:
    """One chunk of a big file, validated; ``table`` (the table's own columns, as a frame or a chunk file)
    only while the file is clean."""

    rows: int
    errors: pd.DataFrame
    warnings: pd.DataFrame
    table: pd.DataFrame | handoff.ChunkFile | None
    absent: tuple[str, ...] = ()


#: Rows of the first chunk of a streamed import (the next ones double up to ``chunk_rows``). The writer checks
#: this chunk itself while its child checks the rest, so it is a whole chunk: with 50,000 rows the writer waited
#: 0.6-1.0 s in all for the child's next chunks, and 1M SKP rows took 5.11 s against 4.61 s (means of 10 rounds
#: side by side, docs/performance.md); from then on the child, with less to do, stays ahead of the writer.
FIRST_CHUNK_ROWS = 200_000


@dataclass(frozen=True)
class ChunkJob:
    """What reading and checking a big file chunk by chunk needs (picklable, for the reading child)."""

    path: Path
    kind: str
    known: ingest.KnownReferences
    ids: references.KeyIds
    digest: str
    chunk_rows: int
    #: Whether clean chunks carry their rows ready for the database (not for a dry run).
    build_tables: bool
    #: Where chunk files go (SQLite); None: rows go as frames.
    chunk_folder: Path | None = None
    first_rows: int | None = None

    def raw_chunks(self) -> Generator[ingest.RawTable]:
        return ingest.iter_chunks(self.path, self.chunk_rows, self.kind, first_rows=self.first_rows)

    def checked(
        self, result: ingest.ValidationResult, clean: bool, sent: handoff.SentReferences | None
    ) -> CheckedChunk:
        """``result`` as a ``CheckedChunk``: with its rows for the database (a chunk file when there is a
        folder for them and they convert, else a frame) while the file is ``clean``."""
        table: pd.DataFrame | handoff.ChunkFile | None = None
        if clean:
            table = _table_rows(self.kind, result.rows, self.ids, self.digest, result.codes)
            if self.chunk_folder is not None:
                target = schema.KIND_TABLES[self.kind]
                table = handoff.write_chunk_file(table, target, self.chunk_folder, sent) or table
        return CheckedChunk(len(result.rows), result.error_frame, result.warning_frame, table, result.absent)


def checked_chunks(job: ChunkJob, first_elsewhere: bool = False) -> Generator[CheckedChunk]:
    """Read and validate the job's file chunk by chunk (duplicate keys across chunks included); while no chunk
    has had an error and ``build_tables``, each chunk also carries its rows ready for the database.

    ``first_elsewhere``: the first chunk is not yielded; only its keys are read (for keys that repeat in later
    chunks), because the caller validates and writes it itself (``first_chunk``) while this runs in a child.
    """
    clean = job.build_tables
    sent = handoff.SentReferences()  # each referenced value goes to the writer once
    for result in ingest.validate_chunks(job.raw_chunks(), job.kind, job.known, first_elsewhere):
        clean = clean and result.ok
        yield job.checked(result, clean, sent)


def first_raw(path: Path, kind: str, chunk_rows: int, first_rows: int) -> ingest.RawTable | None:
    """The first chunk of the file as ``ChunkJob.raw_chunks`` reads it, not yet checked (None: no rows)."""
    raws = ingest.iter_chunks(path, chunk_rows, kind, first_rows=first_rows)
    try:
        return next(raws, None)
    finally:
        raws.close()


def first_chunk(job: ChunkJob, raw: ingest.RawTable | None) -> Generator[CheckedChunk]:
    """The first chunk of ``checked_chunks`` (``raw``, from ``first_raw``), on its own: the writer checks it
    itself while its reading child starts on the second (the writer would otherwise wait for the child's first
    chunk)."""
    if raw is not None:
        result = ingest.validate(raw, job.kind, job.known)
        yield job.checked(result, job.build_tables and result.ok, None)


def _here_then_child(job: ChunkJob, first: ingest.RawTable | None) -> Generator[CheckedChunk]:
    """The chunks of a big file: the rest read and checked in a child process, started first, while the
    first (``first``, read already) is checked here."""
    rest = started_in_child(checked_chunks, job, True)
    try:
        yield from first_chunk(job, first)
        yield from rest
    finally:
        rest.close()


def _digest_and_lines(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    lines = 0
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
            lines += block.count(b"\n")
    return digest.hexdigest(), lines


def import_stream(
    engine: Engine,
    path: Path,
    kind: str,
    *,
    pengguna: str,
    sumber: str,
    dry_run: bool = False,
    chunk_rows: int = 200_000,
    progress: Progress | None = None,
    now: dt.datetime | None = None,
) -> StreamOutcome:
    """Import a file of any size chunk by chunk in bounded memory, still all or nothing: every chunk is
    validated and written inside one transaction, which is rolled back when any chunk has an error (every
    error of the file is still reported). A file of more than one chunk is read and validated in a child
    process while this one writes, so both cores work. Raises ``ingest.UnreadableFile`` for files that
    are no table."""
    if kind in WHOLE_FILE_KINDS:
        chunk_rows = WHOLE_FILE
    # The writer checks the first chunk itself while the child reads the next ones.
    first_rows = min(FIRST_CHUNK_ROWS, chunk_rows)
    # The references are read while the file is hashed and, for a file of several chunks, its first chunk is
    # read (SQLite, OpenSSL and Arrow leave Python's lock); the thread has ended before any child process starts.
    first: ingest.RawTable | None = None
    with ThreadPoolExecutor(max_workers=1) as pool:
        loading = pool.submit(references.load_references, engine)
        digest, lines = _digest_and_lines(path)
        several = lines > chunk_rows
        if several:
            first = first_raw(path, kind, chunk_rows, first_rows)
        known, ids = loading.result()
    with engine.connect() as conn:
        before = previous_import(conn, kind, digest)
    empty = pd.DataFrame(columns=["baris", "kolom", "nilai", "pesan", "saran"])
    if before:
        return StreamOutcome("sudah_diimpor", kind, digest, 0, empty, empty, sebelumnya=before)
    errors: list[pd.DataFrame] = []
    warnings: list[pd.DataFrame] = []
    total = 0
    moment = now or dt.datetime.now().replace(microsecond=0)
    # SQLite gets each chunk as a small SQLite file (``store.handoff``), scratch removed at the end.
    try:
        chunk_folder = Path(tempfile.mkdtemp(prefix="asn_impor_")) if engine.dialect.name == "sqlite" else None
    except OSError as exc:
        raise ImportFailed(_scratch_message(exc)) from None
    job = ChunkJob(path, kind, known, ids, digest, chunk_rows, not dry_run, chunk_folder, first_rows)
    # A file of several chunks: the first is checked here while a child reads and checks the others.
    chunks: Generator[CheckedChunk] = _here_then_child(job, first) if several else checked_chunks(job)
    try:
        # The WAL checkpoint of this big write runs after the commit, in the background (db/checkpoint.py);
        # foreign keys are checked once per distinct value, before the commit (db/foreign_keys.py).
        with engine.connect() as conn, checkpoint_afterwards(conn), checked_per_value(conn), conn.begin():
            batch_id = new_batch(
                conn,
                jenis=kind,
                nama_file=path.name,
                sha256=digest,
                pengguna=pengguna,
                sumber=sumber,
                dibuat_pada=moment,
            )
            staging: Staging | None = None
            for chunk in chunks:
                total += chunk.rows
                warnings.append(chunk.warnings)
                if len(chunk.errors):
                    errors.append(chunk.errors)
                elif not errors and chunk.table is not None:
                    staging = staging or Staging(conn, kind, batch_id, kept_columns(kind, chunk.absent))
                    staging.add(chunk.table)
                if progress:
                    progress(min(total / max(lines, 1), 1.0) * 0.9, "Memeriksa dan menyimpan baris")
            if errors or dry_run:
                raise _Refused
            if progress:
                progress(0.95, "Menyelesaikan penyimpanan")
            baru, diubah, tetap = staging.merge() if staging else (0, 0, 0)
            finish_batch(conn, batch_id, baru=baru, diubah=diubah, tetap=tetap)
    except IntegrityError:
        raise ImportFailed(INTEGRITY_MESSAGE) from None
    except ChildFailed as exc:
        raise ImportFailed(str(exc)) from None
    except OSError as exc:  # a chunk file could not be written or read (disk full, say)
        raise ImportFailed(_scratch_message(exc)) from None
    except (DBAPIError, engine.dialect.loaded_dbapi.Error) as exc:
        raise ImportFailed(_database_message(exc)) from None
    except _Refused:
        status = "ditolak" if errors else "valid"
        return StreamOutcome(status, kind, digest, total, _concat(errors, empty), _concat(warnings, empty))
    finally:
        chunks.close()  # the child, if any, has stopped when this returns
        if chunk_folder is not None:
            shutil.rmtree(chunk_folder, ignore_errors=True)
    if progress:
        progress(1.0, "Selesai")
    written = WriteResult(batch_id, baru, diubah, tetap)
    return StreamOutcome("diimpor", kind, digest, total, empty, _concat(warnings, empty), written)


def _scratch_message(exc: OSError) -> str:
    return (
        f"Impor dibatalkan seluruhnya: berkas sementara di {tempfile.gettempdir()} tidak dapat ditulis "
        f"({exc.strerror or exc}). Tidak ada yang ditulis; kosongkan ruang disk atau periksa izin folder itu, "
        "lalu coba lagi."
    )


def _concat(frames: list[pd.DataFrame], empty: pd.DataFrame) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    return pd.concat(frames, ignore_index=True) if frames else empty
