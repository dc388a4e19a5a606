"""Handing validated rows to SQLite without binding every value through Python.

Python's ``sqlite3`` binds each value of ``executemany`` one call at a time, about 0.7 s per column per
million rows: for a million SKP rows that is more than SQLite's own work of keeping the table's indexes
and foreign keys. Here the rows go instead, as Arrow columns, into a small SQLite file of their own through
ADBC's C ingest (``write_chunk_file``; the reading child does this, in parallel with the writer). The writer
loads that file into a schema attached to its own connection (``sqlite3`` ``deserialize``, allowed inside the
import's transaction, ``loaded``) and copies the rows with one ``INSERT … SELECT``. The import
stays one transaction on one connection; the chunk files are scratch and deleted once copied.

Values are stored exactly as the ``executemany`` path stores them (dates and date-times as SQLAlchemy's
text, booleans as 0/1, integers, doubles, text), so a re-import compares equal and counts as unchanged.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import adbc_driver_sqlite.dbapi as adbc
import pandas as pd
import pyarrow as pa
from sqlalchemy import Column, Connection, Table
from sqlalchemy.types import Boolean, Date, DateTime, Float, Integer, SmallInteger

#: The schema name the writer's connection gives the chunk being copied.
SCHEMA = "asn_chunk"
#: The table inside a chunk file.
ROWS = "rows"


@dataclass(frozen=True)
class ChunkFile:
    """A chunk's rows in a scratch SQLite file: table ``rows`` with ``columns`` (the others were all empty)."""

    path: Path
    rows: int
    columns: tuple[str, ...]


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


def _arrow_column(series: pd.Series, column: Column[Any]) -> pa.Array | pa.ChunkedArray | None:
    """One column as Arrow, in SQLite's storage types; None when a value is of an unexpected type (a text
    column holding numbers, say), which the caller then writes the ordinary way."""
    kind = column.type
    if isinstance(kind, Integer | SmallInteger | Boolean):
        arrow_type: pa.DataType = pa.int64()
    elif isinstance(kind, Float):
        arrow_type = pa.float64()
    else:
        arrow_type = pa.large_string()
    try:
        return pa.array(sqlite_values(series, column), type=arrow_type, from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        return None


def write_chunk_file(frame: pd.DataFrame, table: Table, folder: Path) -> ChunkFile | None:
    """Write ``frame`` (columns named after ``table``'s) into a new scratch SQLite file in ``folder``;
    None (and no file) when a column does not convert cleanly."""
    arrays: dict[str, pa.Array | pa.ChunkedArray] = {}
    for name in frame.columns:
        array = _arrow_column(frame[name], table.c[name])
        if array is None:
            return None
        # A column with no value at all (an optional column the file leaves empty) is not written: every
        # column costs ADBC about 0.15 s per million rows; ``select_list`` reads it back as NULL.
        empty = array.null_count == len(array)
        if not empty or (not arrays and name == frame.columns[-1]):  # a table needs one column
            arrays[name] = array
    handle, name = tempfile.mkstemp(prefix="potongan_", suffix=".sqlite", dir=folder)
    os.close(handle)
    path = Path(name)
    try:
        with adbc.connect(str(path), autocommit=True) as conn, conn.cursor() as cursor:
            # Scratch: no journal, no syncing; a crash only loses a file nobody needs.
            for pragma in ("journal_mode = OFF", "synchronous = OFF"):
                cursor.execute(f"PRAGMA {pragma}")
                cursor.fetchall()
            cursor.adbc_ingest(ROWS, pa.table(arrays), mode="create")
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return ChunkFile(path, len(frame), tuple(arrays))


def select_list(chunk: ChunkFile, names: list[str]) -> str:
    """The columns ``names`` of the chunk's rows, NULL for those the chunk file left out (all empty)."""
    return ", ".join(name if name in chunk.columns else f"NULL AS {name}" for name in names)


def _empty_image() -> bytes:
    con = sqlite3.connect(":memory:")
    try:
        # A database with no page cannot be serialised: write the schema page once.
        con.execute("PRAGMA user_version = 0")
        con.execute("CREATE TABLE empty (x)")
        con.execute("DROP TABLE empty")
        return con.serialize()
    finally:
        con.close()


_EMPTY = _empty_image()


def _driver(conn: Connection) -> sqlite3.Connection:
    raw = conn.connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    return raw


@contextmanager
def loaded(conn: Connection, chunk: ChunkFile) -> Iterator[str]:
    """Load the chunk file into ``conn`` (inside its transaction, if one is open) and yield the qualified name
    of its rows for ``INSERT … SELECT``; the file is deleted and the memory given back afterwards."""
    raw = _driver(conn)
    if SCHEMA not in {row[1] for row in raw.execute("PRAGMA database_list")}:
        raw.execute(f"ATTACH DATABASE ':memory:' AS {SCHEMA}")
    try:
        raw.deserialize(chunk.path.read_bytes(), name=SCHEMA)
        yield f"{SCHEMA}.{ROWS}"
    finally:
        chunk.path.unlink(missing_ok=True)
        # The schema stays attached, as an empty 8 KB database, for the next chunk.
        raw.deserialize(_EMPTY, name=SCHEMA)
