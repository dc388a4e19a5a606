"""The values an import's rows refer to, gathered per foreign key and checked once, before the commit.

Used by ``upsert.Staging`` while SQLite's own row-by-row check is off (``db.foreign_keys``). Each foreign key
of the target table gets a temporary table of the distinct values written so far; ``verify`` looks each one
up in its parent table once and raises ``IntegrityError`` (as SQLite's own check would) when one is missing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.exc import IntegrityError

from asn_metrics.db import schema


@dataclass(frozen=True)
class _Key:
    """One single-column foreign key of the target table, and the temporary table of its values."""

    column: str
    parent: str
    parent_column: str
    ledger: str


def referenced_columns(table: Table) -> set[str]:
    """The columns of ``table`` that a foreign key of some table of the schema points at."""
    keys = (fk for other in schema.metadata.tables.values() for fk in other.foreign_keys)
    return {fk.column.name for fk in keys if fk.column.table is table}


class Referenced:
    """The distinct values written into ``table``'s foreign-key columns within one transaction."""

    def __init__(self, conn: Connection, table: Table) -> None:
        self.conn = conn
        self.keys: list[_Key] = []
        for fk in sorted(table.foreign_keys, key=lambda f: f.parent.name):
            column = fk.parent
            ledger = f"asn_rujukan_{column.name}"
            kind = column.type.compile(dialect=conn.dialect)
            conn.exec_driver_sql(f"CREATE TEMP TABLE {ledger} (v {kind} NOT NULL PRIMARY KEY) WITHOUT ROWID")
            self.keys.append(_Key(column.name, fk.column.table.name, fk.column.name, ledger))

    def _key(self, column: str) -> _Key | None:
        return next((k for k in self.keys if k.column == column), None)

    def columns(self) -> list[str]:
        return [k.column for k in self.keys]

    def add_select(self, column: str, select_sql: str) -> None:
        """Record the values of ``column`` that ``select_sql`` gives (one column, named ``v``); NULLs are left out."""
        key = self._key(column)
        if key is not None:
            self.conn.exec_driver_sql(
                f"INSERT OR IGNORE INTO temp.{key.ledger} (v) SELECT v FROM ({select_sql}) WHERE v IS NOT NULL"
            )

    def add_values(self, column: str, values: Iterable[Any]) -> None:
        """Record ``values`` of ``column`` (DB-API values; None is left out)."""
        key = self._key(column)
        rows = [(v,) for v in dict.fromkeys(values) if v is not None]
        if key is not None and rows:
            self.conn.exec_driver_sql(f"INSERT OR IGNORE INTO temp.{key.ledger} (v) VALUES (?)", rows)

    def verify(self) -> None:
        """Raise ``IntegrityError`` when a recorded value is missing from its parent table."""
        for key in self.keys:
            sql = (
                f"SELECT v FROM temp.{key.ledger} AS r WHERE NOT EXISTS "
                f"(SELECT 1 FROM {key.parent} AS p WHERE p.{key.parent_column} = r.v) LIMIT 1"
            )
            missing = self.conn.exec_driver_sql(sql).first()
            if missing is not None:
                raise IntegrityError(
                    sql, None, sqlite3.IntegrityError(f"FOREIGN KEY constraint failed ({key.column} = {missing[0]!r})")
                )

    def drop(self) -> None:
        for key in self.keys:
            self.conn.exec_driver_sql(f"DROP TABLE IF EXISTS temp.{key.ledger}")
