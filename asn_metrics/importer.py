"""The one import pipeline, for the Unggah Data page and ``python -m asn_metrics import``, for every size.

``run`` reads a file in chunks (``ingest.iter_chunks``), validates each chunk (every error with its Excel row,
Indonesian message and fix; a key repeated in a later chunk too), stages the rows of a clean file in a temporary
table (``upsert.Staging``: executemany on SQLite, COPY on PostgreSQL), then merges them into the kind's table with
set-based statements and records the batch, its ``batch_change`` rows and the summary tables, in one
transaction. A dry run does the same up to the counts of new, changed and unchanged rows, and writes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError, IntegrityError

from asn_metrics import ingest
from asn_metrics.db import schema
from asn_metrics.formatting import format_number
from asn_metrics.ingest import tally
from asn_metrics.ingest.validate import LINE_COLUMN
from asn_metrics.store import audit, references
from asn_metrics.store.upsert import NATURAL_KEYS, Staging, previous_import, value_columns
from asn_metrics.store.write import finish_batch, new_batch, record_upload_quality

Progress = Callable[[float, str], None]
Source = Path | bytes

#: Rows validated and staged at a time: the memory of an import is about this many rows, whatever the file.
CHUNK_ROWS = 200_000
#: Kinds read whole: a unit may name its parent agency anywhere in the file, and the parent must be known when
#: the unit is checked. A province has hundreds of agencies, not millions.
WHOLE_FILE_KINDS = frozenset({"instansi"})
WHOLE_FILE = 2**62
#: Kinds not counted per agency for validity: the agency list is the province's, not an agency's own data.
UNTALLIED_KINDS = frozenset({"instansi"})
#: Rows of the file shown before the import is confirmed.
PREVIEW_ROWS = 20

INTEGRITY_MESSAGE = (
    "Impor dibatalkan seluruhnya karena data di basis data berubah atau saling bertentangan saat disimpan "
    "(mis. instansi atau pegawai yang dirujuk baru saja dihapus atau dibatalkan). Tidak ada yang ditulis; "
    "periksa ulang berkasnya lalu unggah lagi."
)
UNKNOWN_KIND_MESSAGE = "Jenis data tidak dapat dikenali dari judul kolom. Pilih jenis datanya."

_PROBLEM_COLUMNS = ["baris", "kolom", "nilai", "pesan", "saran"]


class ImportFailed(Exception):
    """The database refused the write; nothing was written. The message is Indonesian; ``status`` is
    ``terkunci`` when another process held the database past the wait (try again later), else ``gagal_simpan``."""

    def __init__(self, message: str, status: str = "gagal_simpan") -> None:
        super().__init__(message)
        self.status = status


#: What SQLite and PostgreSQL say when another writer holds the lock past the wait.
_LOCKED = ("database is locked", "database table is locked", "lock timeout", "could not obtain lock", "deadlock")


@dataclass(frozen=True)
class Outcome:
    """What a file did to the database and what to tell the user.

    ``status``: 'diimpor' (written as batch ``batch_id``), 'valid' (a dry run without errors: nothing written),
    'ditolak' (errors: nothing written) or 'sudah_diimpor' (the same bytes were imported before: ``sebelumnya``).
    ``baru``/``diubah``/``tetap`` count new, changed and unchanged rows, for a dry run too.
    """

    status: str
    kind: str
    sha256: str
    rows: int
    errors: pd.DataFrame
    warnings: pd.DataFrame
    baru: int = 0
    diubah: int = 0
    tetap: int = 0
    batch_id: int | None = None
    sebelumnya: dict[str, object] | None = None
    #: The first validated rows, as they will be stored (codes not yet resolved).
    preview: pd.DataFrame | None = None
    #: Agency codes the file names that the database lacks (the page offers to import them first).
    instansi_tidak_dikenal: tuple[str, ...] = ()
    #: Per known agency: the file's rows, those refused and those with a NIP warning (``ingest.tally``).
    mutu: pd.DataFrame | None = None
    #: Errors past the first ``PROBLEM_CAP`` (only counted): kolom, saran (the rule's advice), jumlah.
    errors_beyond: pd.DataFrame | None = None
    #: Warnings past the first ``PROBLEM_CAP``, counted the same way.
    warnings_beyond: pd.DataFrame | None = None

    @property
    def error_count(self) -> int:
        """Every error of the file: those listed in ``errors`` and those only counted."""
        beyond = 0 if self.errors_beyond is None else int(self.errors_beyond["jumlah"].sum())
        return len(self.errors) + beyond

    @property
    def ok(self) -> bool:
        return self.status in ("diimpor", "valid")

    def messages(self, limit: int | None = None) -> list[str]:
        """The error sentences, in file order (``Baris 7, kolom u5: ...``)."""
        return [p.teks for p in ingest.problems_from(self.errors.head(limit) if limit else self.errors)]

    def already_imported_message(self) -> str | None:
        return already_imported_text(self.sebelumnya)


def already_imported_text(before: Mapping[str, object] | None) -> str | None:
    """What to say about a byte-identical file imported before (``previous_import``), if any."""
    if not before:
        return None
    when = before["dibuat_pada"]
    stamp = when.strftime("%d-%m-%Y %H:%M") if isinstance(when, dt.datetime) else str(when)
    return (
        f"Berkas ini persis sama dengan impor #{before['id']} ({before['nama_file']}) "
        f"pada {stamp} oleh {before['pengguna']}; tidak ada yang diubah."
    )


def run(
    engine: Engine,
    source: Source,
    kind: str | None = None,
    *,
    filename: str | None = None,
    dry_run: bool = False,
    pengguna: str,
    sumber: str,
    progress: Progress | None = None,
    now: dt.datetime | None = None,
    chunk_rows: int | None = None,
    record_refusal: bool | None = None,
    scope: Collection[str] | None = None,
    repeated_survey: bool = True,
) -> Outcome:
    """Import ``source`` (a path, or the bytes of an upload named ``filename``) as ``kind`` (None: from its
    headers), all or nothing. A refused file leaves its counts per agency in ``unggah_mutu`` (validity, DOMAIN.md
    §9) and nothing else, unless ``record_refusal`` is False (default: not for a dry run; the page's check of an
    upload passes True, it is the upload). ``scope``: the agency codes an evaluator's account may change (None:
    every agency); a row of another agency is an error naming it (issue 15 item 2). ``repeated_survey`` False (the
    CLI without ``--tambah-ulang-survei``) refuses anonymous survey answers identical to stored ones instead of
    warning about them: asked for, not assumed (issue 17 item 3). Raises
    ``ingest.UnreadableFile`` / ``ingest.UnknownKind``
    (Indonesian) for a file that is no table of a kind, ``ImportFailed`` when the database refuses the write,
    ``OSError`` when a path cannot be read."""
    name = filename or (source.name if isinstance(source, Path) else "unggahan.csv")
    chosen = kind or detect_kind(source, name)
    digest = sha256_of(source)
    with engine.connect() as conn:
        before = previous_import(conn, chosen, digest)
    if before:
        empty = _problems([])
        return Outcome("sudah_diimpor", chosen, digest, 0, empty, empty, sebelumnya=before)
    known, ids = references.load_references(engine)
    chunks = ingest.iter_chunks(source, _chunk_rows(chosen, chunk_rows), chosen, name)
    moment = now or dt.datetime.now().replace(microsecond=0)
    allowed = None if scope is None else frozenset(scope)
    job = _Import(chosen, digest, name, known, ids, dry_run, pengguna, sumber, moment, allowed, repeated_survey)
    try:
        with engine.connect() as conn, _stage_on_disk(conn), conn.begin():
            outcome = _staged(conn, chunks, job, progress)
    except _Refused as refused:  # rolled back
        outcome = refused.outcome
    except IntegrityError:
        raise ImportFailed(INTEGRITY_MESSAGE) from None
    except (DBAPIError, engine.dialect.loaded_dbapi.Error) as exc:  # locked, disk full, …
        if any(words in str(getattr(exc, "orig", None) or exc).lower() for words in _LOCKED):
            raise ImportFailed(LOCKED_MESSAGE, "terkunci") from None
        raise ImportFailed(_database_message(exc)) from None
    finally:
        chunks.close()
    refused_here = outcome.status == "ditolak" and outcome.mutu is not None
    if refused_here and (not dry_run if record_refusal is None else record_refusal):
        _record_refusal(engine, outcome, moment)
    if progress:
        progress(1.0, "Selesai")
    return outcome


def _record_refusal(engine: Engine, outcome: Outcome, moment: dt.datetime) -> None:
    """The refused file's counts per agency (validity); a database that cannot take them now loses only them."""
    assert outcome.mutu is not None
    try:
        with engine.begin() as conn:
            record_upload_quality(
                conn, outcome.mutu, jenis=outcome.kind, sha256=outcome.sha256, dibuat_pada=moment, batch_id=None
            )
    except (DBAPIError, engine.dialect.loaded_dbapi.Error):
        pass


class _Refused(Exception):
    """Raised inside the import's transaction to roll it back (errors, or a dry run), carrying the outcome."""

    def __init__(self, outcome: Outcome) -> None:
        self.outcome = outcome


@dataclass(frozen=True)
class _Import:
    """What one run of the pipeline needs besides the connection and the chunks."""

    kind: str
    sha256: str
    filename: str
    known: ingest.KnownReferences
    ids: references.KeyIds
    dry_run: bool
    pengguna: str
    sumber: str
    now: dt.datetime
    #: The agency codes the account may change; None: every agency.
    scope: frozenset[str] | None = None
    #: Whether anonymous survey answers identical to stored ones may be added (the page asked on its dry run).
    repeats_ok: bool = True


def _staged(conn: Connection, chunks: Iterator[ingest.RawTable], job: _Import, progress: Progress | None) -> Outcome:
    """Validate every chunk and stage the rows while the file is clean; then merge, or refuse (``_Refused``)."""
    keys = ingest.KeysAcrossChunks()
    errors, warnings = _Capped(), _Capped()
    rows = 0
    tallies: list[pd.DataFrame] = []
    staging: Staging | None = None
    preview: pd.DataFrame | None = None
    for raw in chunks:
        result = keys.check(ingest.validate(raw, job.kind, job.known))
        if job.scope is not None:
            result = result.with_errors(_outside_scope(result.rows, job))
        rows += len(result.rows)
        if job.kind not in UNTALLIED_KINDS and result.refused is not None and result.nip_warned is not None:
            tallies.append(
                tally.tally(result.rows, result.refused, result.nip_warned, job.ids.agency_of_nip, job.ids.instansi)
            )
        warnings.add(result.warning_frame, result.warnings_beyond)
        if not result.ok:
            errors.add(result.error_frame, result.errors_beyond)
        elif not errors.any:
            if preview is None or len(preview) < PREVIEW_ROWS:
                more = result.rows.drop(columns=[LINE_COLUMN]).head(PREVIEW_ROWS)
                preview = more if preview is None else pd.concat([preview, more], ignore_index=True).head(PREVIEW_ROWS)
            staging = staging or Staging(conn, job.kind, kept_columns(job.kind, result.absent))
            staging.add(table_rows(job.kind, result.rows, job.ids, job.sha256, result.codes, job.now))
        if progress:
            progress(0.9 * raw.read_fraction, "Memeriksa dan menyimpan baris")
    if staging is not None and not errors.any and (repeats := staging.anonymous_repeats()):
        if job.repeats_ok or job.dry_run:
            warnings.add(_repeated_survey_warning(repeats))
        else:  # asked, not assumed: the CLI adds them again only when told to (--tambah-ulang-survei)
            errors.add(_repeated_survey_warning(repeats, refuse=True))
    found = _problems(errors.kept)
    noted = _problems(warnings.kept)
    outcome = Outcome(
        "valid",
        job.kind,
        job.sha256,
        rows,
        found,
        noted,
        preview=preview,
        mutu=tally.combined(tallies),
        errors_beyond=errors.beyond(),
        warnings_beyond=warnings.beyond(),
    )
    if len(found):
        unknown = _unknown_agencies(found, job.known)
        raise _Refused(replace(outcome, status="ditolak", preview=None, instansi_tidak_dikenal=unknown))
    if job.dry_run:
        baru, diubah, tetap = staging.counts() if staging else (0, 0, 0)
        raise _Refused(replace(outcome, baru=baru, diubah=diubah, tetap=tetap))
    if progress:
        progress(0.92, "Menyimpan ke basis data")
    batch_id = new_batch(
        conn,
        jenis=job.kind,
        nama_file=job.filename,
        sha256=job.sha256,
        pengguna=job.pengguna,
        sumber=job.sumber,
        dibuat_pada=job.now,
    )
    baru, diubah, tetap = staging.merge(batch_id) if staging else (0, 0, 0)
    finish_batch(conn, batch_id, baru=baru, diubah=diubah, tetap=tetap)
    audit.record(
        conn,
        "impor",
        pengguna=job.pengguna,
        waktu=job.now,
        rincian={
            "batch_id": batch_id,
            "jenis": job.kind,
            "berkas": job.filename,
            "sha256": job.sha256,
            "sumber": job.sumber,
            "baru": baru,
            "diubah": diubah,
            "tetap": tetap,
        },
        lingkup=audit.scope_text(sorted(job.scope) if job.scope is not None else None),
    )
    assert outcome.mutu is not None
    record_upload_quality(conn, outcome.mutu, jenis=job.kind, sha256=job.sha256, dibuat_pada=job.now, batch_id=batch_id)
    return replace(outcome, status="diimpor", baru=baru, diubah=diubah, tetap=tetap, batch_id=batch_id)


def _unknown_agencies(errors: pd.DataFrame, known: ingest.KnownReferences) -> tuple[str, ...]:
    if known.instansi is None:
        return ()
    mask = errors["kolom"].eq("instansi_kode") & ~errors["nilai"].astype(str).isin(known.instansi)
    # Never offer to create a code that only looks like a stored one (its error names the code meant).
    return tuple(sorted({str(v) for v in errors.loc[mask, "nilai"] if str(v).strip() and not known.lookalike(str(v))}))


@contextmanager
def _stage_on_disk(conn: Connection) -> Iterator[None]:
    """SQLite keeps temporary tables in memory on the app's connections (``db.engine``); an import's stage goes
    to a temporary file instead (cached like any page), so its memory stays bounded whatever the file's size."""
    sqlite = conn.dialect.name == "sqlite"
    if sqlite:
        conn.exec_driver_sql("PRAGMA temp_store = FILE")
        conn.commit()  # the pragma began SQLAlchemy's transaction; the import begins its own
    try:
        yield
    finally:
        if sqlite:
            conn.exec_driver_sql("PRAGMA temp_store = MEMORY")
            conn.commit()


def detect_kind(source: Source, filename: str) -> str:
    """The kind the file's headers name; raises ``ingest.UnknownKind`` when they name none."""
    head = ingest.iter_chunks(source, 64, None, filename)
    try:
        first = next(head)
    finally:
        head.close()
    if first.kind is None:
        raise ingest.UnknownKind(UNKNOWN_KIND_MESSAGE)
    return first.kind


def sha256_of(source: Source) -> str:
    if isinstance(source, bytes):
        return hashlib.sha256(source).hexdigest()
    digest = hashlib.sha256()
    with source.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def error_report(source: Source, kind: str, errors: pd.DataFrame, filename: str | None = None) -> bytes:
    """The original rows plus a ``kesalahan`` column (CSV for Indonesian Excel), read again chunk by chunk."""
    name = filename or (source.name if isinstance(source, Path) else "unggahan.csv")
    out = io.BytesIO()
    ingest.write_error_report(ingest.iter_chunks(source, _chunk_rows(kind), kind, name), errors, out)
    return out.getvalue()


def _chunk_rows(kind: str, chunk_rows: int | None = None) -> int:
    """Rows a chunk of ``kind``: agency files whole (``WHOLE_FILE_KINDS``), the rest ``CHUNK_ROWS`` (read when
    called, so that a test can make chunks small)."""
    return WHOLE_FILE if kind in WHOLE_FILE_KINDS else chunk_rows or CHUNK_ROWS


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


def table_rows(
    kind: str,
    rows: pd.DataFrame,
    ids: references.KeyIds,
    sha256: str,
    codes: Mapping[str, np.ndarray],
    now: dt.datetime,
) -> pd.DataFrame:
    """Validated ``rows`` in the table's own columns: codes and NIPs resolved to ids, optional columns filled,
    ``dicatat_pada`` = ``now`` (a new row's; an update keeps the stored one, ``kept_columns``).
    ``codes``: validation's codes of their values (``ValidationResult.codes``)."""
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
        elif name == "dicatat_pada":
            out[name] = pd.Series(now, index=rows.index, dtype="datetime64[us]")
        elif name in rows.columns:
            out[name] = rows[name]
        else:
            out[name] = None
    return out.reset_index(drop=True)


LOCKED_MESSAGE = (
    "Basis data sedang dipakai impor atau proses lain dan tetap terkunci selama batas tunggu. Tidak ada yang "
    "ditulis; tunggu proses itu selesai, lalu coba lagi."
)


def _database_message(exc: Exception) -> str:
    detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0][:200]
    return (
        f"Impor dibatalkan seluruhnya karena basis data menolak penyimpanan ({detail}). Tidak ada yang ditulis; "
        "coba lagi, dan bila terulang laporkan pesan ini kepada admin."
    )


def _outside_scope(rows: pd.DataFrame, job: _Import) -> pd.DataFrame:
    """Rows of an agency outside ``job.scope`` as errors naming it: the agency of the row (its ``instansi_kode``,
    its employee's, or for an agency file its ``kode``) and, for an employee moved, the agency they leave."""
    assert job.scope is not None
    if job.kind == "instansi":
        agencies = [rows["kode"].astype(object)]
    else:
        agencies = [tally.row_agencies(rows, job.ids.agency_of_nip)]
        if job.kind == "pegawai":
            agencies.append(rows["nip"].astype(object).map(job.ids.agency_of_nip))
    advice = f"Akun Anda hanya untuk {', '.join(sorted(job.scope))}; hapus baris instansi lain, atau minta admin "
    advice += "mengimpornya."
    column = "kode" if job.kind == "instansi" else ("instansi_kode" if "instansi_kode" in rows else "nip")
    found = []
    for agency in agencies:
        outside = agency.notna() & ~agency.isin(job.scope)
        if outside.any():
            found.append(
                pd.DataFrame(
                    {
                        "baris": rows.loc[outside, LINE_COLUMN].to_numpy(),
                        "kolom": column,
                        "nilai": agency[outside].to_numpy(dtype=object),
                        "pesan": "instansi "
                        + agency[outside].astype(str).to_numpy(dtype=object)
                        + " di luar lingkup akun Anda",
                        "saran": advice,
                    }
                )
            )
    return _problems(found).drop_duplicates(["baris", "nilai"]) if found else _problems([])


def _repeated_survey_warning(count: int, *, refuse: bool = False) -> pd.DataFrame:
    """The warning the page shows before an import is confirmed (and the CLI's dry run prints) when anonymous
    survey responses repeat stored ones exactly; with ``refuse``, the CLI's refusal that asks for the flag."""
    if refuse:
        return pd.DataFrame(
            [
                {
                    "baris": 1,
                    "kolom": "",
                    "nilai": str(count),
                    "pesan": f"{format_number(count)} jawaban survei tanpa responden_id sama persis dengan jawaban "
                    "yang sudah tersimpan dari berkas lain; tidak ada yang ditambahkan",
                    "saran": "Bila ini berkas yang sama dengan nama lain, jangan impor lagi: jawabannya akan "
                    "terhitung dua kali. Bila memang responden lain, impor lagi dengan --tambah-ulang-survei.",
                }
            ]
        )
    return pd.DataFrame(
        [
            {
                "baris": 1,
                "kolom": "",
                "nilai": str(count),
                "pesan": f"{format_number(count)} jawaban survei tanpa responden_id sama persis dengan jawaban yang "
                "sudah tersimpan dari berkas lain",
                "saran": "Bila ini berkas yang sama dengan nama lain (atau disimpan ulang), batalkan impornya: "
                "jawabannya akan terhitung dua kali. Bila memang responden lain, lanjutkan.",
            }
        ]
    )


#: The errors (and warnings) of a file listed one by one; past them, only counted per column and rule, so that
#: refusing 100,000 junk rows costs no more memory or JSON than refusing a thousand (issue 17 item 2).
PROBLEM_CAP = ingest.CAP


class _Capped:
    """The first ``PROBLEM_CAP`` problems of a file, in file order, and counts of the rest."""

    def __init__(self) -> None:
        self.kept: list[pd.DataFrame] = []
        self.size = 0
        self.counts: dict[tuple[str, str], int] = {}

    @property
    def any(self) -> bool:
        return self.size > 0 or bool(self.counts)

    def add(self, frame: pd.DataFrame, beyond: Mapping[tuple[str, str], int] | None = None) -> None:
        """A chunk's problems in line order, and those its validation only counted (``beyond``)."""
        for key, count in (beyond or {}).items():
            self.counts[key] = self.counts.get(key, 0) + int(count)
        if not len(frame):
            return
        room = max(PROBLEM_CAP - self.size, 0)
        if room:
            self.kept.append(frame.head(room))
            self.size += min(room, len(frame))
        rest = frame.iloc[room:]
        if len(rest):
            sizes = rest.groupby(["kolom", "saran"], sort=False).size()
            for kolom, saran, n in zip(
                sizes.index.get_level_values(0), sizes.index.get_level_values(1), sizes.to_numpy(), strict=True
            ):
                key = (str(kolom), str(saran))
                self.counts[key] = self.counts.get(key, 0) + int(n)

    def beyond(self) -> pd.DataFrame | None:
        if not self.counts:
            return None
        rows = [(k, s, n) for (k, s), n in self.counts.items()]
        return pd.DataFrame(rows, columns=["kolom", "saran", "jumlah"]).sort_values("jumlah", ascending=False)


def _problems(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=_PROBLEM_COLUMNS)
