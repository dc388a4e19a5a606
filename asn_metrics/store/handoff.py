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

import itertools
import os
import sqlite3
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import adbc_driver_sqlite.dbapi as adbc
import numpy as np
import pandas as pd
import pyarrow as pa
from sqlalchemy import Column, Connection, Table
from sqlalchemy.types import Boolean, Date, DateTime, Float, Integer, SmallInteger

#: The schema name the writer's connection gives the chunk being copied.
SCHEMA = "asn_chunk"
#: The table inside a chunk file.
ROWS = "rows"
#: The column of a chunk file whose every column is a literal (a table needs one column).
FILLER = "_isi"
#: The columns of packed codes are named this, then 0, 1, …
PACKED = "_kode"
#: The table of a chunk file that holds the distinct values of a foreign-key column is named this + the column.
REFERENCED = "_rujukan_"


#: A chunk file holds this many rows of the chunk in each of its own rows (column ``name__0`` for the first,
#: ``name__1`` for the second, …): ADBC's ingest costs about 0.4 µs per row it inserts, whatever the row holds,
#: so 1,000,000 SKP rows go in as 125,000 (0.4 s → about 0.1 s in the child). ``loaded`` unfolds them again.
PER_ROW = 8

#: An integer or text column with at most this many distinct values in a chunk is stored as small integer
#: codes (packed, see ``_packed``) and turned back into its values by a ``CASE`` in the copy: every stored
#: column costs ADBC time, and SQLite evaluates a short ``CASE`` in a few nanoseconds a row.
MAX_CODES = 16


@dataclass(frozen=True)
class ChunkFile:
    """A chunk's rows in a scratch SQLite file: table ``rows`` with ``columns`` (``per_row`` rows of the chunk
    to a row of the file, read back in order by ``loaded``). ``expressions`` gives the SQL for the others: a
    literal for a column with one value throughout (``NULL`` for an empty one), a ``CASE`` that turns the
    packed codes of a column with few distinct values back into its values, or the division that takes a
    wide integer off the top of the packed codes."""

    path: Path
    rows: int
    columns: tuple[str, ...]
    expressions: Mapping[str, str] = field(default_factory=dict)
    #: How many of the chunk's rows each row of the file holds (``PER_ROW``; columns ``name__0`` …).
    per_row: int = PER_ROW
    #: Foreign-key column → table of the chunk file with its distinct values that no earlier chunk of the same
    #: ``SentReferences`` had (column ``v``, no NULL), '' when there is none, for the writer's check of
    #: references (store/referenced.py).
    referenced: Mapping[str, str] = field(default_factory=dict)


class SentReferences:
    """The distinct values of each foreign-key column already written into earlier chunk files of one file,
    so that each value goes into a chunk file's ``referenced`` tables once (a million SKP rows: 50,000 ids
    once, not 200,000 a chunk)."""

    def __init__(self) -> None:
        self._sent: dict[str, set[Any]] = {}

    def new(self, column: str, values: list[Any]) -> list[Any]:
        """The values (distinct, no NULL) not sent before for ``column``; they count as sent from now on."""
        sent = self._sent.setdefault(column, set())
        fresh = [v for v in values if v not in sent]
        sent.update(fresh)
        return fresh


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


def _arrow_type(column: Column[Any]) -> pa.DataType:
    if isinstance(column.type, Integer | SmallInteger | Boolean):
        return pa.int64()
    if isinstance(column.type, Float):
        return pa.float64()
    return pa.large_string()


def sql_literal(value: Any) -> str | None:
    """``value`` as an SQL literal SQLite stores exactly as the bound value; None for anything but integers and
    text (SQLite's own reading of a float literal can differ from the bound double in the last bit,
    4781088229.261271, and a re-import would then count the row as changed), and for text SQLite would cut at
    a NUL or that cannot be encoded (a lone surrogate fails when bound, too)."""
    if isinstance(value, bool | np.bool_) or not isinstance(value, int | np.integer | str):
        return None
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return None
        return None if "\x00" in value else "'" + value.replace("'", "''") + "'"
    return str(int(value))


@dataclass
class _Wide:
    """An integer column with many distinct values, none missing or negative: packed above the codes when
    the packed integer has room (the employee's id of a SKP row, say), else stored as it is."""

    name: str
    values: np.ndarray


@dataclass
class _Coded:
    """A column with few distinct values: per row the code of its value (-1: missing), and their literals."""

    name: str
    codes: np.ndarray
    literals: list[str]


def _encoded(values: pd.Series, name: str, arrow_type: pa.DataType) -> pa.Array | str | _Coded | _Wide:
    """How a column goes into the file: as an SQL literal (``NULL`` when empty, the value when it has one), as
    codes (integers and text with at most ``MAX_CODES`` distinct values), as a wide integer (``_Wide``), else
    stored as it is (an Arrow array). Raises ``ValueError`` when a value does not convert to ``arrow_type``."""
    if arrow_type == pa.float64():  # floats are never literals (``sql_literal``)
        return "NULL" if values.isna().all() else _stored(values, name, arrow_type)
    codes, uniques = pd.factorize(values)
    distinct = uniques.tolist()
    if arrow_type == pa.large_string() and not all(isinstance(u, str) for u in distinct):
        raise ValueError(name)  # a number in a text column, say: the ordinary way stores it as it is
    if not distinct:
        return "NULL"
    literals = [sql_literal(v) for v in distinct] if len(distinct) <= MAX_CODES else []
    if not literals and arrow_type == pa.int64() and not bool((codes < 0).any()) and min(distinct) >= 0:
        return _Wide(name, values.to_numpy(dtype=np.int64))
    if not literals or None in literals:
        return _stored(values, name, arrow_type)
    if len(literals) == 1 and not bool((codes < 0).any()):
        return str(literals[0])
    return _Coded(name, np.asarray(codes, dtype=np.int64), [str(literal) for literal in literals])


def _stored(values: pd.Series, name: str, arrow_type: pa.DataType) -> pa.Array:
    try:
        return pa.array(values, type=arrow_type, from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError) as exc:
        raise ValueError(name) from exc  # the caller writes the chunk the ordinary way


#: Codes are packed, up to ``_PER_PACK`` columns in one integer column: digits in base ``_BASE`` (the last
#: digit stands for a missing value), taken apart in SQL with ``/`` and ``%``. Every stored column costs
#: ADBC about 0.1 s per million rows; SQLite's arithmetic costs a few nanoseconds.
_BASE = MAX_CODES + 1
_PER_PACK = 15  # 17 ** 15 < 2 ** 63


def _packed(coded: list[_Coded], wide: list[_Wide]) -> tuple[dict[str, pa.Array], dict[str, str], list[_Wide]]:
    """The packed integer columns and the SQL that takes each column back out; a wide integer goes on top of
    a pack with room for it. Returns the wide columns that found no room too (stored as they are)."""
    arrays: dict[str, pa.Array] = {}
    expressions: dict[str, str] = {}
    unpacked = list(wide)
    for start in range(0, len(coded), _PER_PACK):
        pack = f"{PACKED}{start // _PER_PACK}"
        total = np.zeros(len(coded[0].codes), dtype=np.int64)
        digits = coded[start : start + _PER_PACK]
        for digit, column in enumerate(digits):
            weight = _BASE**digit
            total += np.where(column.codes < 0, MAX_CODES, column.codes) * weight
            picked = f"{pack} % {_BASE}" if digit == 0 else f"({pack} / {weight}) % {_BASE}"
            cases = " ".join(f"WHEN {i} THEN {literal}" for i, literal in enumerate(column.literals))
            expressions[column.name] = f"CASE {picked} {cases} END"  # no WHEN for a missing value: NULL
        weight = _BASE ** len(digits)  # every packed value is below it
        for top in unpacked:
            if (int(top.values.max()) + 1) * weight <= np.iinfo(np.int64).max:
                total += top.values * weight
                expressions[top.name] = f"({pack} / {weight})"
                unpacked.remove(top)
                break
        arrays[pack] = pa.array(total, type=pa.int64())
    return arrays, expressions, unpacked


def write_chunk_file(
    frame: pd.DataFrame, table: Table, folder: Path, sent: SentReferences | None = None
) -> ChunkFile | None:
    """Write ``frame`` (columns named after ``table``'s) into a new scratch SQLite file in ``folder``;
    None (and no file) when a column does not convert cleanly. The distinct values of each foreign-key column
    go into a table of their own too, only those ``sent`` has not seen in an earlier chunk."""
    arrays: dict[str, pa.Array | pa.ChunkedArray] = {}
    expressions: dict[str, str] = {}
    coded: list[_Coded] = []
    wide: list[_Wide] = []
    references: dict[str, pa.Array] = {}
    foreign = {fk.parent.name for fk in table.foreign_keys}
    for name in frame.columns:
        column = table.c[name]
        try:
            values = sqlite_values(frame[name], column)
            encoded = _encoded(values, name, _arrow_type(column))
            if name in foreign:
                distinct = values.dropna().unique().tolist()
                fresh = sent.new(name, distinct) if sent else distinct
                references[name] = _stored(pd.Series(fresh, dtype=object), name, _arrow_type(column))
        except (ValueError, TypeError):
            return None
        if isinstance(encoded, str):
            expressions[name] = encoded
        elif isinstance(encoded, _Coded):
            coded.append(encoded)
        elif isinstance(encoded, _Wide):
            wide.append(encoded)
        else:
            arrays[name] = encoded
    if coded:
        packs, decoded, wide = _packed(coded, wide)
        arrays.update(packs)
        expressions.update(decoded)
    for unpacked in wide:  # no room in a pack
        arrays[unpacked.name] = pa.array(unpacked.values, type=pa.int64())
    if not arrays:  # every column is a literal; the table still needs a column to hold its rows
        arrays[FILLER] = pa.nulls(len(frame), type=pa.int64())
    stored = tuple(arrays)
    folded = _folded(arrays, len(frame))
    handle, name = tempfile.mkstemp(prefix="potongan_", suffix=".sqlite", dir=folder)
    os.close(handle)
    path = Path(name)
    try:
        with adbc.connect(str(path), autocommit=True) as conn, conn.cursor() as cursor:
            # Scratch: no journal, no syncing; a crash only loses a file nobody needs.
            for pragma in ("journal_mode = OFF", "synchronous = OFF"):
                cursor.execute(f"PRAGMA {pragma}")
                cursor.fetchall()
            cursor.adbc_ingest(ROWS, pa.table(folded), mode="create")
            for name, distinct in references.items():
                if len(distinct):
                    cursor.adbc_ingest(f"{REFERENCED}{name}", pa.table({"v": distinct}), mode="create")
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    referenced = {name: f"{REFERENCED}{name}" if len(distinct) else "" for name, distinct in references.items()}
    return ChunkFile(path, len(frame), stored, expressions, referenced=referenced)


def _folded(arrays: dict[str, pa.Array | pa.ChunkedArray], rows: int) -> dict[str, pa.Array | pa.ChunkedArray]:
    """``PER_ROW`` rows in one: with R rows in the file, column ``name__j`` holds rows j R to (j + 1) R - 1 of
    ``name`` (the last block padded with NULLs)."""
    records = -(-rows // PER_ROW)
    folded: dict[str, pa.Array | pa.ChunkedArray] = {}
    for name, array in arrays.items():
        for j in range(PER_ROW):
            picked = np.arange(j * records, (j + 1) * records)
            folded[f"{name}__{j}"] = array.take(pa.array(picked, mask=picked >= rows))
    return folded


def _unfolded(chunk: ChunkFile) -> str:
    """The chunk's rows, one per row again and in order: the blocks of ``_folded`` one after another (``UNION
    ALL``, which SQLite runs as plain scans of the file's table), the padding left out by ``rowid``."""
    table = f"{SCHEMA}.{ROWS}"
    records = -(-chunk.rows // chunk.per_row)
    arms: list[str] = []
    for j in range(chunk.per_row):
        columns = ", ".join(f"{name}__{j} AS {name}" for name in chunk.columns)
        left = chunk.rows - j * records  # rows of this block that are not padding
        if left > 0 or not arms:
            arms.append(f"SELECT {columns} FROM {table}" + (f" WHERE rowid <= {left}" if left < records else ""))
    return f"({' UNION ALL '.join(arms)})"


def select_list(chunk: ChunkFile, names: list[str]) -> str:
    """The columns ``names`` of the chunk's rows: stored ones as they are, the others by their expression."""
    return ", ".join(f"{chunk.expressions[n]} AS {n}" if n in chunk.expressions else n for n in names)


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


#: Schema cookies given to loaded chunk files, each new (see ``loaded``); far above any a chunk file has.
_COOKIES = itertools.count(1 << 30)


@contextmanager
def loaded(conn: Connection, chunk: ChunkFile) -> Iterator[str]:
    """Load the chunk file into ``conn`` (inside its transaction, if one is open) and yield the source of its
    rows for ``… FROM source`` (a table, or a subquery that unfolds the file's rows); the file is deleted and the
    memory given back afterwards."""
    raw = _driver(conn)
    if SCHEMA not in {row[1] for row in raw.execute("PRAGMA database_list")}:
        raw.execute(f"ATTACH DATABASE ':memory:' AS {SCHEMA}")
    try:
        raw.deserialize(chunk.path.read_bytes(), name=SCHEMA)
        # SQLite keeps the schema it read from the previous image while the new one has the same schema cookie
        # (two chunk files made by the same steps do): it would read the new file's pages by the old file's
        # tables. A cookie no earlier image had makes it read the new schema.
        raw.execute(f"PRAGMA {SCHEMA}.schema_version = {next(_COOKIES)}")
        yield _unfolded(chunk)
    finally:
        chunk.path.unlink(missing_ok=True)
        # The schema stays attached, as an empty 8 KB database, for the next chunk.
        raw.deserialize(_EMPTY, name=SCHEMA)
