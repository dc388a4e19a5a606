"""Writing an import: all or nothing, upsert on the natural keys, every change recorded so a batch can be undone.

Rows are staged in a temporary table, compared with the target in SQL (null-safe, column by column), then
updated and inserted with two set-based statements. The old values of updated rows go to ``batch_change``.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Index,
    MetaData,
    Table,
    UniqueConstraint,
    and_,
    bindparam,
    delete,
    exists,
    false,
    func,
    insert,
    literal,
    not_,
    or_,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.types import Boolean, Date, DateTime

from asn_metrics.db import foreign_keys, schema
from asn_metrics.store import handoff, skp_summary, summaries
from asn_metrics.store.referenced import Referenced
from asn_metrics.store.write import CHUNK_ROWS, finish_batch, new_batch

Progress = Callable[[float, str], None]

#: Natural key of each kind, in the table's own columns (DATA_FORMATS.md "Kinds").
NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "instansi": ("kode",),
    "pegawai": ("nip",),
    "skp": ("pegawai_id", "tahun", "periode"),
    "layanan": ("instansi_id", "nomor"),
    "skm": ("instansi_id", "responden_id", "sumber_baris"),
    "pengaduan": ("instansi_id", "nomor"),
    "indikator": ("instansi_id", "tahun", "periode", "indikator"),
    "pelatihan": ("pegawai_id", "nama_pelatihan", "tanggal_mulai"),
    "disiplin": ("pegawai_id", "tanggal"),
}


_KIND_OF_TABLE = {table.name: kind for kind, table in schema.KIND_TABLES.items()}


@dataclass(frozen=True)
class WriteResult:
    batch_id: int
    baru: int
    diubah: int
    tetap: int


def value_columns(table: Table, kind: str) -> list[str]:
    """The columns an import writes besides the key: everything but id and batch_id."""
    keys = NATURAL_KEYS[kind]
    return [c.name for c in table.columns if c.name not in ("id", "batch_id") and c.name not in keys]


def _stage_table(table: Table, columns: list[str]) -> Table:
    return Table(
        f"stage_{table.name}",
        MetaData(),
        *(Column(name, table.c[name].type) for name in columns),
        prefixes=["TEMPORARY"],
    )


def _column_values(series: pd.Series, column: Column[Any], sqlite: bool) -> list[Any]:
    """One column as DB-API values, vectorised: None for missing; on SQLite as SQLite stores them
    (``handoff.sqlite_values``, so staged and existing values compare equal)."""
    missing = series.isna().to_numpy()
    kind = column.type
    values: pd.Series
    if not sqlite and isinstance(kind, DateTime):
        values = pd.Series(pd.to_datetime(series).dt.to_pydatetime())
    elif not sqlite and isinstance(kind, Date):
        values = pd.Series(pd.to_datetime(series).dt.date)
    elif not sqlite and isinstance(kind, Boolean):
        values = series.astype("boolean")
    else:  # numbers and text are the same for every driver
        values = handoff.sqlite_values(series, column)
    # pandas boxes to Python scalars here (no numpy scalars reach the driver); missing values become None.
    return values.astype(object).where(~missing, None).tolist()


def insert_frame(conn: Connection, target: str, names: list[str], frame: pd.DataFrame, table: Table) -> None:
    """Bulk-load rows through the driver: executemany on SQLite, COPY on PostgreSQL. ``frame`` holds ``names``
    (typed as ``table``'s columns of the same name)."""
    if frame.empty:
        return
    if conn.dialect.name == "sqlite":
        _insert_sqlite(conn, target, names, frame, table)
        return
    columns = [_column_values(frame[name], table.c[name], sqlite=False) for name in names]
    rows = list(zip(*columns, strict=True))
    if conn.dialect.name == "postgresql":
        driver = conn.connection.driver_connection
        assert driver is not None
        cursor = driver.cursor()
        with cursor.copy(f"COPY {target} ({', '.join(names)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    marks = ", ".join("%s" for _ in names)
    conn.exec_driver_sql(f"INSERT INTO {target} ({', '.join(names)}) VALUES ({marks})", rows)


def _insert_sqlite(conn: Connection, target: str, names: list[str], frame: pd.DataFrame, table: Table) -> None:
    """executemany, with a column that holds one value throughout written as a literal: every bound
    parameter costs about 0.7 s per million rows in the sqlite3 module, and constant columns are common
    (the batch id, an empty optional column, one regime for the year)."""
    marks: list[str] = []
    bound: list[list[Any]] = []
    for name in names:
        literal = _sqlite_literal(frame[name], table.c[name]) if len(frame) > 1 and bound else None
        if literal is None:
            marks.append("?")
            bound.append(_column_values(frame[name], table.c[name], sqlite=True))
        else:
            marks.append(literal)
    sql = f"INSERT INTO {target} ({', '.join(names)}) VALUES ({', '.join(marks)})"
    conn.exec_driver_sql(sql, list(zip(*bound, strict=True)))


def _sqlite_literal(series: pd.Series, column: Column[Any]) -> str | None:
    """The SQL literal of a column whose every value is the same (or missing); None when values differ or
    the value is not an integer or text."""
    missing = series.isna()
    if missing.all():
        return "NULL"
    if missing.any() or not bool((series == series.iloc[0]).all()):
        return None
    return handoff.sql_literal(_column_values(series.iloc[:1], column, sqlite=True)[0])


def _same_key(table: Table, stage: Table, keys: tuple[str, ...]) -> ColumnElement[bool]:
    # Plain equality where the key cannot be NULL, so PostgreSQL can use the unique index.
    return and_(
        *(
            table.c[k].is_not_distinct_from(stage.c[k]) if table.c[k].nullable else table.c[k] == stage.c[k]
            for k in keys
        )
    )


def _differs(table: Table, stage: Table, values: list[str]) -> ColumnElement[bool]:
    # No column to update (a file of keys only): nothing differs.
    return or_(false(), *(table.c[v].is_distinct_from(stage.c[v]) for v in values))


def _key_enforced(table: Table, keys: tuple[str, ...]) -> bool:
    """Whether the database itself refuses a second row with the same natural key: a primary key or unique
    constraint on exactly these columns, none of them nullable (NULLs never clash in a unique index)."""
    unique = [set(table.primary_key.columns.keys())]
    unique += [set(c.columns.keys()) for c in table.constraints if isinstance(c, UniqueConstraint)]
    unique += [set(i.columns.keys()) for i in table.indexes if i.unique]
    return set(keys) in unique and not any(table.c[k].nullable for k in keys)


class Staging:
    """Writes a file's rows, chunk by chunk, within one transaction, then merges what could not go in directly.

    While no key of the file exists in the target yet, a chunk is inserted straight into the target (inside a
    savepoint). The first chunk that hits an existing key (or any other constraint) is rolled back to its
    savepoint and, like every later chunk, staged in a temporary table; ``merge`` then compares the staged rows
    with the target and inserts or updates them. A fresh load thus skips the staging table altogether.

    On a connection whose foreign keys SQLite does not check row by row (``db.foreign_keys``), every value
    written into a foreign-key column is recorded and ``merge`` checks them all before it returns.
    """

    def __init__(self, conn: Connection, kind: str, batch_id: int, keep: Iterable[str] = ()) -> None:
        self.conn = conn
        self.kind = kind
        self.batch_id = batch_id
        self.table = schema.KIND_TABLES[kind]
        self.keys = NATURAL_KEYS[kind]
        self.values = value_columns(self.table, kind)
        self.columns = [*self.keys, *self.values]
        #: The value columns an update rewrites; the ``keep`` columns (those the file does not have) keep their
        #: stored value on existing rows, new rows get their default.
        self.updated = [v for v in self.values if v not in set(keep)]
        self.stage = _stage_table(self.table, self.columns)
        # Straight inserts rely on the database refusing a second row with the same key.
        self.direct = _key_enforced(self.table, self.keys)
        self.staged = False
        self.inserted = 0
        self.rows = 0
        #: The summary years the added rows count in (store/summaries.py), gathered as they pass.
        self.years: set[int] = set()
        #: For SKP, the employees the added rows belong to, while few enough to list (else None).
        self.people: set[int] | None = set()
        self.referenced = None if foreign_keys.enforced(conn) else Referenced(conn, self.table)
        if self.referenced:
            self.referenced.add_values("batch_id", [batch_id])

    def add(self, rows: pd.DataFrame | handoff.ChunkFile) -> None:
        """Write or stage rows in the table's own columns (keys resolved to ids), given as a frame or, from
        the reading child, as a chunk file. On SQLite a frame goes through a chunk file too (faster than
        binding every value), unless a value does not convert cleanly."""
        if isinstance(rows, handoff.ChunkFile):
            self._add_file(rows)
            return
        if rows.empty:
            return
        self._note_years(rows)
        if self.conn.dialect.name == "sqlite":
            try:
                chunk = handoff.write_chunk_file(rows[self.columns], self.table, Path(tempfile.gettempdir()))
            except OSError:  # no room for the scratch file: bind the values instead, slower but the same
                chunk = None
            if chunk is not None:
                self._add_file(chunk)
                return
        self.rows += len(rows)
        if self.referenced:
            for name in self.referenced.columns():
                if name in rows.columns:
                    self.referenced.add_values(name, _column_values(rows[name], self.table.c[name], sqlite=True))
        if self.direct and self._insert_directly(rows):
            self.inserted += len(rows)
            return
        self.direct = False
        self._create_stage()
        for start in range(0, len(rows), CHUNK_ROWS):
            insert_frame(self.conn, self.stage.name, self.columns, rows.iloc[start : start + CHUNK_ROWS], self.table)

    def _create_stage(self) -> None:
        if not self.staged:
            self.stage.create(self.conn)
            self.staged = True

    def _insert_directly(self, rows: pd.DataFrame) -> bool:
        names = [*self.columns, "batch_id"]
        frame = rows.assign(batch_id=self.batch_id)
        try:
            with self.conn.begin_nested():
                for start in range(0, len(frame), CHUNK_ROWS):
                    insert_frame(self.conn, self.table.name, names, frame.iloc[start : start + CHUNK_ROWS], self.table)
        except (IntegrityError, self.conn.dialect.loaded_dbapi.IntegrityError):
            return False
        return True

    def _add_file(self, chunk: handoff.ChunkFile) -> None:
        self.rows += chunk.rows
        columns, values = ", ".join(self.columns), handoff.select_list(chunk, self.columns)
        with handoff.loaded(self.conn, chunk) as source:
            self._record(chunk, source)
            self._note_file_years(chunk, source)
            batch = int(self.batch_id)
            direct = f"INSERT INTO {self.table.name} ({columns}, batch_id) SELECT {values}, {batch} FROM {source}"
            if self.direct and self._execute_in_savepoint(direct):
                self.inserted += chunk.rows
                return
            self.direct = False
            self._create_stage()
            self.conn.exec_driver_sql(f"INSERT INTO {self.stage.name} ({columns}) SELECT {values} FROM {source}")

    def _note_people(self, values: Iterable[Any]) -> None:
        if self.people is None:
            return
        self.people.update(int(v) for v in values if v is not None)
        if len(self.people) > skp_summary.MAX_PEOPLE:
            self.people = None

    def _note_years(self, rows: pd.DataFrame) -> None:
        if self.kind == "skp" and "pegawai_id" in rows.columns:
            self._note_people(pd.unique(rows["pegawai_id"].dropna()))
        column = summaries.YEAR_COLUMNS.get(self.kind)
        if column and column in rows.columns:
            values = rows[column]
            years = values if column == "tahun" else pd.to_datetime(values).dt.year
            self.years.update(int(y) for y in pd.unique(years.dropna()))

    def _note_file_years(self, chunk: handoff.ChunkFile, source: str) -> None:
        if self.kind == "skp" and self.people is not None:
            expression = chunk.expressions.get("pegawai_id", "pegawai_id")
            found = self.conn.exec_driver_sql(f"SELECT DISTINCT {expression} FROM {source}")
            self._note_people(v for (v,) in found)
        column = summaries.YEAR_COLUMNS.get(self.kind)
        if not column or (column not in chunk.columns and column not in chunk.expressions):
            return
        expression = chunk.expressions.get(column, column)
        year = expression if column == "tahun" else f"CAST(substr({expression}, 1, 4) AS INTEGER)"
        found = self.conn.exec_driver_sql(f"SELECT DISTINCT {year} FROM {source} WHERE {year} IS NOT NULL")
        self.years.update(int(y) for (y,) in found)

    def _record(self, chunk: handoff.ChunkFile, source: str) -> None:
        """Record the values the chunk's rows refer to (when foreign keys are checked per value): from the
        chunk file's own table of them when it has one, else from its rows."""
        if not self.referenced:
            return
        for name in self.referenced.columns():
            if name in chunk.referenced:
                if chunk.referenced[name]:  # '': no value that an earlier chunk did not have
                    self.referenced.add_select(name, f"SELECT v FROM {handoff.SCHEMA}.{chunk.referenced[name]}")
            elif name in chunk.columns or name in chunk.expressions:
                expression = chunk.expressions.get(name, name)
                self.referenced.add_select(name, f"SELECT DISTINCT {expression} AS v FROM {source}")

    def _execute_in_savepoint(self, sql: str) -> bool:
        """Run ``sql``; False (and nothing written) when it breaks a constraint such as the natural key."""
        try:
            with self.conn.begin_nested():
                self.conn.exec_driver_sql(sql)
        except (IntegrityError, self.conn.dialect.loaded_dbapi.IntegrityError):
            return False
        return True

    def merge(self) -> tuple[int, int, int]:
        """Upsert the staged rows; returns (inserted, updated, unchanged) for everything added. Old values of
        updated rows are kept in ``batch_change`` for undo. Drops the staging table. Raises ``IntegrityError``
        when a row refers to a missing parent."""
        counts = self._merge()
        if self.referenced:
            self.referenced.verify()
            self.referenced.drop()
        summaries.refresh(self.conn, summaries.written(self.kind, self.years, self.people))
        return counts

    def _merge(self) -> tuple[int, int, int]:
        if not self.staged:
            return self.inserted, 0, 0
        conn, table, stage, keys, values, batch_id = (
            self.conn,
            self.table,
            self.stage,
            self.keys,
            self.updated,
            self.batch_id,
        )
        Index(f"ix_{stage.name}_key", *(stage.c[k] for k in keys)).create(conn)
        matched = exists().where(_same_key(table, stage, keys))
        # Driven from the staged rows, so the cost grows with the file, not with the table.
        changed = (
            select(table)
            .select_from(stage.join(table, _same_key(table, stage, keys)))
            .where(_differs(table, stage, values))
        )
        old = conn.execute(changed).mappings().all()
        # New rows first: an existing row may be updated to point at a parent that this file adds.
        # Counted before inserting: DB-API rowcount of INSERT … SELECT is not reliable on every driver.
        inserted = int(conn.scalar(select(func.count()).select_from(stage).where(not_(matched))) or 0)
        total_inserted = self.inserted + inserted
        conn.execute(
            insert(table).from_select(
                [*self.columns, "batch_id"],
                select(*(stage.c[c] for c in self.columns), literal(batch_id, schema.Integer))
                .where(not_(matched))
                .order_by(*(stage.c[k] for k in keys)),  # in key order: cheaper index maintenance
            )
        )
        if old:
            conn.execute(
                insert(schema.batch_change),
                [
                    {"batch_id": batch_id, "tabel": table.name, "baris_id": r["id"], "data_lama": _to_json(dict(r))}
                    for r in old
                ],
            )
            source = select(*(stage.c[v] for v in values)).where(_same_key(table, stage, keys)).limit(1)
            new_values = {v: source.with_only_columns(stage.c[v]).scalar_subquery() for v in values}
            changed_ids = changed.with_only_columns(table.c.id).scalar_subquery()
            conn.execute(update(table).where(table.c.id.in_(changed_ids)).values({**new_values, "batch_id": batch_id}))
        # Dropped once merged; after a failure the rollback of the import drops it (and on PostgreSQL nothing
        # more may run in the failed transaction, so a DROP here would hide the real error).
        stage.drop(conn)
        self.staged = False
        return total_inserted, len(old), self.rows - total_inserted - len(old)


def write_rows(
    conn: Connection,
    kind: str,
    rows: pd.DataFrame,
    *,
    batch_id: int,
    keep: Iterable[str] = (),
    progress: Progress | None = None,
) -> tuple[int, int, int]:
    """Upsert ``rows`` (the table's columns, keys resolved to ids) into the kind's table within ``conn``'s
    transaction, leaving the ``keep`` columns of existing rows alone; returns (inserted, updated, unchanged)."""
    staging = Staging(conn, kind, batch_id, keep)
    staging.add(rows)
    if progress:
        progress(0.7, "Menyimpan")
    return staging.merge()


def _to_json(row: dict[str, Any]) -> str:
    def plain(value: Any) -> Any:
        if isinstance(value, dt.datetime | dt.date):
            return {"__date__": value.isoformat(), "datetime": isinstance(value, dt.datetime)}
        return value

    return json.dumps({k: plain(v) for k, v in row.items()}, ensure_ascii=False)


def _from_json(text: str, table: Table) -> dict[str, Any]:
    data = json.loads(text)
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict) and "__date__" in value:
            parsed = dt.datetime.fromisoformat(value["__date__"])
            value = parsed if value["datetime"] else parsed.date()
        out[key] = value
    return {k: v for k, v in out.items() if k in table.c}


def previous_import(conn: Connection, kind: str, sha256: str) -> dict[str, Any] | None:
    """The active batch that imported this exact file (same kind and SHA-256), if any."""
    batch = schema.import_batch
    row = (
        conn.execute(
            select(batch.c.id, batch.c.dibuat_pada, batch.c.nama_file, batch.c.pengguna)
            .where(batch.c.jenis == kind, batch.c.sha256 == sha256, batch.c.dibatalkan_pada.is_(None))
            .order_by(batch.c.id.desc())
            .limit(1)
        )
        .mappings()
        .first()
    )
    return dict(row) if row else None


def import_rows(
    engine: Engine,
    kind: str,
    rows: pd.DataFrame,
    *,
    nama_file: str,
    sha256: str,
    pengguna: str,
    sumber: str,
    now: dt.datetime,
    keep: Iterable[str] = (),
    progress: Progress | None = None,
) -> WriteResult:
    """One import as one transaction: a batch row, then the upsert; nothing is written if anything fails."""
    with engine.begin() as conn:
        batch_id = new_batch(
            conn, jenis=kind, nama_file=nama_file, sha256=sha256, pengguna=pengguna, sumber=sumber, dibuat_pada=now
        )
        baru, diubah, tetap = write_rows(conn, kind, rows, batch_id=batch_id, keep=keep, progress=progress)
        finish_batch(conn, batch_id, baru=baru, diubah=diubah, tetap=tetap)
    if progress:
        progress(1.0, "Selesai")
    return WriteResult(batch_id, baru, diubah, tetap)


class UndoRefused(Exception):
    """An undo that would break the data; the message (Indonesian) says why and what to do."""


def undo_batch(engine: Engine, batch_id: int, *, now: dt.datetime) -> dict[str, int]:
    """Undo an import: inserted rows deleted, updated rows restored, the batch marked as undone.

    Only the latest active batch of its kind can be undone (DATA_FORMATS.md "Idempotent").
    """
    try:
        return _undo(engine, batch_id, now)
    except IntegrityError:
        raise UndoRefused(
            f"Impor #{batch_id} tidak dapat dibatalkan: data lain (mis. SKP, layanan atau pegawai) sudah merujuk "
            "baris dari impor ini. Batalkan lebih dulu impor yang merujuknya."
        ) from None


def _undo(engine: Engine, batch_id: int, now: dt.datetime) -> dict[str, int]:
    batch = schema.import_batch
    with engine.begin() as conn:
        row = conn.execute(select(batch).where(batch.c.id == batch_id)).mappings().first()
        if row is None:
            raise UndoRefused(f"Impor #{batch_id} tidak ada. Lihat riwayat impor untuk nomor yang benar.")
        if row["dibatalkan_pada"] is not None:
            raise UndoRefused(f"Impor #{batch_id} sudah dibatalkan pada {row['dibatalkan_pada']:%d-%m-%Y %H:%M}.")
        latest = conn.scalar(
            select(func.max(batch.c.id)).where(batch.c.jenis == row["jenis"], batch.c.dibatalkan_pada.is_(None))
        )
        if latest != batch_id:
            raise UndoRefused(
                f"Hanya impor {row['jenis']} terakhir yang dapat dibatalkan (#{latest}). "
                f"Batalkan #{latest} lebih dulu bila memang perlu."
            )
        table = schema.KIND_TABLES[row["jenis"]]
        pending = summaries.touched(conn, row["jenis"], batch_id)
        changes = conn.execute(
            select(schema.batch_change.c.baris_id, schema.batch_change.c.data_lama).where(
                schema.batch_change.c.batch_id == batch_id
            )
        ).all()
        restored = select(schema.batch_change.c.baris_id).where(schema.batch_change.c.batch_id == batch_id)
        deleted = conn.execute(delete(table).where(table.c.batch_id == batch_id, table.c.id.not_in(restored))).rowcount
        if changes:
            # One executemany for all restored rows (row by row took ~20 s for 40,000 rows).
            rows = []
            for change in changes:
                values = _from_json(change.data_lama, table)
                values.pop("id", None)
                rows.append({**{f"v_{k}": v for k, v in values.items()}, "v_id": change.baris_id})
            names = [k.removeprefix("v_") for k in rows[0] if k != "v_id"]
            statement = (
                update(table)
                .where(table.c.id == bindparam("v_id"))
                .values({name: bindparam(f"v_{name}") for name in names})
            )
            conn.execute(statement, rows)
        summaries.refresh(conn, pending)
        conn.execute(update(batch).where(batch.c.id == batch_id).values(dibatalkan_pada=now))
    return {"dihapus": deleted, "dipulihkan": len(changes)}
