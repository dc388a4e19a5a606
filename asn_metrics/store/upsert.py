"""Writing an import: all or nothing, upsert on the natural keys, every change recorded so a batch can be undone.

Rows are staged in a temporary table (``insert_frame``: executemany on SQLite, COPY on PostgreSQL), compared
with the target in SQL (null-safe, column by column), then inserted and updated with set-based statements
(``Staging``). The old values of updated rows go to ``batch_change``; ``undo_batch`` puts them back.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Index,
    MetaData,
    RowMapping,
    Select,
    Table,
    and_,
    bindparam,
    delete,
    exists,
    false,
    func,
    insert,
    literal_column,
    not_,
    or_,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.types import Boolean, Date, DateTime, Float, Integer, SmallInteger

from asn_metrics.db import schema
from asn_metrics.store import audit, summaries

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


def sqlite_values(series: pd.Series, column: Column[Any]) -> pd.Series:
    """``series`` as SQLite stores it for ``column`` (missing values stay missing): date-times and dates as
    the text SQLAlchemy itself writes, booleans as 0/1, integers, doubles, anything else as it is."""
    kind = column.type
    if isinstance(kind, DateTime):
        return pd.to_datetime(series).dt.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(kind, Date):
        return pd.to_datetime(series).dt.strftime("%Y-%m-%d")
    if isinstance(kind, Boolean):
        return series.astype("boolean").astype("Int64")
    if isinstance(kind, Integer | SmallInteger):
        return pd.to_numeric(series).astype("Int64")
    if isinstance(kind, Float):
        return pd.to_numeric(series).astype("float64")
    return series


def sql_literal(value: Any) -> str | None:
    """``value`` as an SQL literal SQLite stores exactly as the bound value; None for anything but integers and
    text (SQLite's own reading of a float literal can differ from the bound double in the last bit, and a
    re-import would then count the row as changed), and for text SQLite would cut at a NUL or that cannot be
    encoded (a lone surrogate fails when bound, too)."""
    if isinstance(value, bool | np.bool_) or not isinstance(value, int | np.integer | str):
        return None
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return None
        return None if "\x00" in value else "'" + value.replace("'", "''") + "'"
    return str(int(value))


def _column_values(series: pd.Series, column: Column[Any], sqlite: bool) -> list[Any]:
    """One column as DB-API values, vectorised: None for missing; on SQLite as SQLite stores them
    (``sqlite_values``, so staged and existing values compare equal)."""
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
        values = sqlite_values(series, column)
    # pandas boxes to Python scalars here (no numpy scalars reach the driver); missing values become None.
    return values.astype(object).where(~missing, None).tolist()


def insert_frame(conn: Connection, target: str, names: list[str], frame: pd.DataFrame, table: Table) -> None:
    """Bulk-load rows through the driver: executemany on SQLite, COPY on PostgreSQL (the two backends). ``frame``
    holds ``names`` (typed as ``table``'s columns of the same name)."""
    if frame.empty:
        return
    if conn.dialect.name == "sqlite":
        _insert_sqlite(conn, target, names, frame, table)
        return
    columns = [_column_values(frame[name], table.c[name], sqlite=False) for name in names]
    driver = conn.connection.driver_connection
    assert driver is not None
    with driver.cursor().copy(f"COPY {target} ({', '.join(names)}) FROM STDIN") as copy:
        for row in zip(*columns, strict=True):
            copy.write_row(row)


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
    return sql_literal(_column_values(series.iloc[:1], column, sqlite=True)[0])


def _same_key(table: Table, stage: Table, keys: tuple[str, ...]) -> ColumnElement[bool]:
    # Plain equality where the key cannot be NULL, so the unique index is used.
    return and_(
        *(
            table.c[k].is_not_distinct_from(stage.c[k]) if table.c[k].nullable else table.c[k] == stage.c[k]
            for k in keys
        )
    )


def _differs(table: Table, stage: Table, values: list[str]) -> ColumnElement[bool]:
    # No column to update (a file of keys only): nothing differs.
    return or_(false(), *(table.c[v].is_distinct_from(stage.c[v]) for v in values))


class Staging:
    """A file's rows staged, chunk by chunk, in a temporary table within the import's transaction, then compared
    with the kind's table and merged into it with set-based statements (``merge``).

    The ``keep`` columns (those the file does not have) keep their stored value on existing rows; new rows get
    their default. The database checks every row's keys and foreign keys as the merge writes it.
    """

    def __init__(self, conn: Connection, kind: str, keep: Iterable[str] = ()) -> None:
        self.conn = conn
        self.kind = kind
        self.table = schema.KIND_TABLES[kind]
        self.keys = NATURAL_KEYS[kind]
        values = value_columns(self.table, kind)
        self.columns = [*self.keys, *values]
        #: The value columns an update rewrites.
        self.updated = [v for v in values if v not in set(keep)]
        self.stage = _stage_table(self.table, self.columns)
        # SQLite creates a table outside the transaction: a refused import leaves its (emptied) stage behind.
        self.stage.drop(conn, checkfirst=True)
        self.stage.create(conn)
        self.rows = 0

    def add(self, rows: pd.DataFrame) -> None:
        """Stage rows in the table's own columns (keys resolved to ids)."""
        insert_frame(self.conn, self.stage.name, self.columns, rows, self.table)
        self.rows += len(rows)

    def _matched(self) -> ColumnElement[bool]:
        return exists().where(_same_key(self.table, self.stage, self.keys))

    def _changed(self) -> Select[Any]:
        """The stored rows that a staged row changes (driven from the staged rows: the cost grows with the file,
        not with the table)."""
        table, stage = self.table, self.stage
        return (
            select(table)
            .select_from(stage.join(table, _same_key(table, stage, self.keys)))
            .where(_differs(table, stage, self.updated))
        )

    def anonymous_repeats(self) -> int:
        """For survey files: the new anonymous responses (no ``responden_id``) that are identical, answer for
        answer, to an anonymous response already stored from another file; a file sent twice under another
        name, or re-saved, would count its respondents twice (issue 17 item 3). 0 for other kinds."""
        if self.kind != "skm":
            return 0
        table, stage = self.table, self.stage
        same = [
            table.c[c].is_not_distinct_from(stage.c[c])
            for c in self.columns
            if c not in ("sumber_baris", "responden_id") and c in table.c
        ]
        repeated = exists().where(table.c.responden_id.is_(None), *same)
        stmt = (
            select(func.count())
            .select_from(stage)
            .where(stage.c.responden_id.is_(None), not_(self._matched()), repeated)
        )
        return int(self.conn.scalar(stmt) or 0)

    def counts(self) -> tuple[int, int, int]:
        """(new, changed, unchanged) staged rows, as ``merge`` would count them; nothing is written."""
        new = int(self.conn.scalar(select(func.count()).select_from(self.stage).where(not_(self._matched()))) or 0)
        changed = int(self.conn.scalar(select(func.count()).select_from(self._changed().subquery())) or 0)
        return new, changed, self.rows - new - changed

    def merge(self, batch_id: int) -> tuple[int, int, int]:
        """Insert the new rows and update the changed ones as batch ``batch_id``, keep the old values of updated
        rows in ``batch_change`` for undo, refresh the summary tables; returns (new, changed, unchanged). Raises
        ``IntegrityError`` when a row refers to a missing parent."""
        conn, table, stage, keys = self.conn, self.table, self.stage, self.keys
        old = conn.execute(self._changed()).mappings().all()
        # New rows first (in the file's order): an existing row may be updated to point at a parent that this
        # file adds.
        new_rows = insert(table).from_select(
            [*self.columns, "batch_id"],
            select(*(stage.c[c] for c in self.columns), literal_column(str(int(batch_id)))).where(
                not_(self._matched())
            ),
        )
        # Through the driver: SQLAlchemy reports no row count for INSERT … SELECT on PostgreSQL.
        inserted = conn.exec_driver_sql(str(new_rows.compile(dialect=conn.dialect))).rowcount
        if old:
            Index(f"ix_{stage.name}_key", *(stage.c[k] for k in keys)).create(conn)
            conn.execute(
                insert(schema.batch_change),
                [
                    {"batch_id": batch_id, "tabel": table.name, "baris_id": r["id"], "data_lama": _to_json(dict(r))}
                    for r in old
                ],
            )
            values = self.updated
            source = select(*(stage.c[v] for v in values)).where(_same_key(table, stage, keys)).limit(1)
            new_values = {v: source.with_only_columns(stage.c[v]).scalar_subquery() for v in values}
            changed_ids = self._changed().with_only_columns(table.c.id).scalar_subquery()
            conn.execute(update(table).where(table.c.id.in_(changed_ids)).values({**new_values, "batch_id": batch_id}))
        summaries.refresh(conn, self._pending(batch_id, old))
        # Dropped once merged; after a failure the rollback of the import drops it (and on PostgreSQL nothing
        # more may run in the failed transaction, so a DROP here would hide the real error).
        stage.drop(conn)
        return inserted, len(old), self.rows - inserted - len(old)

    def _pending(self, batch_id: int, old: Sequence[RowMapping]) -> summaries.Pending:
        """What the merge touched for the summary tables (``summaries.merged``), with the years the changed rows
        had before the change."""
        column = summaries.YEAR_COLUMNS.get(self.kind)
        old_years = [] if column is None else [row[column] for row in old if row[column] is not None]
        if column is not None and column != "tahun":
            old_years = [pd.Timestamp(value).year for value in old_years]
        return summaries.merged(self.conn, self.kind, batch_id, old_years)


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


class UndoRefused(Exception):
    """An undo that would break the data; the message (Indonesian) says why and what to do."""


def undo_batch(
    engine: Engine,
    batch_id: int,
    *,
    now: dt.datetime,
    pengguna: str | None = None,
    own_only: bool = False,
    lingkup: Sequence[str] | None = None,
) -> dict[str, int]:
    """Undo an import: inserted rows deleted, updated rows restored, the batch marked as undone (when, by whom).

    Only the latest active batch of its kind can be undone (DATA_FORMATS.md "Idempotent"). With ``own_only`` (an
    evaluator) only a batch imported by ``pengguna`` itself, whose rows the scope check let through; ``lingkup``
    is the account's scope, kept in the audit row.
    """
    try:
        return _undo(engine, batch_id, now, pengguna, own_only, lingkup)
    except IntegrityError:
        raise UndoRefused(
            f"Impor #{batch_id} tidak dapat dibatalkan: data lain (mis. SKP, layanan atau pegawai) sudah merujuk "
            "baris dari impor ini. Batalkan lebih dulu impor yang merujuknya."
        ) from None


def _undo(
    engine: Engine,
    batch_id: int,
    now: dt.datetime,
    pengguna: str | None,
    own_only: bool,
    lingkup: Sequence[str] | None,
) -> dict[str, int]:
    batch = schema.import_batch
    with engine.begin() as conn:
        row = conn.execute(select(batch).where(batch.c.id == batch_id)).mappings().first()
        if row is None:
            raise UndoRefused(f"Impor #{batch_id} tidak ada. Lihat riwayat impor untuk nomor yang benar.")
        if own_only and row["pengguna"] != pengguna:
            raise UndoRefused(
                f"Impor #{batch_id} diunggah oleh akun lain; akun evaluator hanya dapat membatalkan impornya sendiri."
            )
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
        conn.execute(update(batch).where(batch.c.id == batch_id).values(dibatalkan_pada=now, dibatalkan_oleh=pengguna))
        audit.record(
            conn,
            "batal_impor",
            pengguna=pengguna or "sistem",
            waktu=now,
            rincian={"batch_id": batch_id, "jenis": row["jenis"], "dihapus": deleted, "dipulihkan": len(changes)},
            lingkup=audit.scope_text(lingkup),
        )
    return {"dihapus": deleted, "dipulihkan": len(changes)}
