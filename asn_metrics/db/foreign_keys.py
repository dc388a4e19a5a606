"""Foreign keys of a big SQLite import checked per distinct value instead of per row.

SQLite checks a row's foreign keys as it inserts the row: for a million SKP rows that is two million
lookups (the employee and the batch), about a second of the copy's 3.5 s, although the file refers to only
50,000 employees and one batch. ``checked_per_value`` turns SQLite's own check off on the import's connection
for the import's one transaction (``PRAGMA foreign_keys`` can only change outside a transaction); while it
is off, ``store.upsert.Staging`` records every distinct value its rows refer to and, before the commit,
refuses the whole import if one of them is missing from its parent table (``store.referenced``).

The guarantee is the one SQLite's check gives: the transaction commits only if every row's parent exists in
the committed data. No other connection can delete a parent in between: SQLite lets one connection write at
a time, the import holds that lock from its first write to its commit, and a transaction whose snapshot is
older than another's commit cannot write at all (``SQLITE_BUSY_SNAPSHOT``). An import never deletes a row,
nor changes an id or a natural key, the only columns other tables refer to (``store.referenced.referenced_columns``;
tests/test_db_foreign_keys.py checks it for every kind), so checking its own rows' references is enough.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection


def _driver(conn: Connection) -> sqlite3.Connection | None:
    raw = conn.connection.driver_connection
    return raw if conn.dialect.name == "sqlite" and isinstance(raw, sqlite3.Connection) else None


def enforced(conn: Connection) -> bool:
    """Whether the database itself checks ``conn``'s foreign keys row by row (always, except on a SQLite
    connection inside ``checked_per_value``)."""
    raw = _driver(conn)
    if raw is None:
        return True
    row = raw.execute("PRAGMA foreign_keys").fetchone()
    return bool(row and row[0])


@contextmanager
def checked_per_value(conn: Connection) -> Iterator[None]:
    """Within the block, ``conn`` (SQLite; anything else is left alone) does not check foreign keys row by
    row: the transaction opened inside the block must check them itself, as ``Staging`` does. Afterwards
    (also after a failure) the check is on again. Must be entered outside a transaction."""
    raw = _driver(conn)
    if raw is None or raw.in_transaction or conn.in_transaction():
        yield  # nothing changed: SQLite keeps checking row by row
        return
    raw.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        raw.execute("PRAGMA foreign_keys = ON")
        if not enforced(conn):  # still inside a transaction: never hand this connection out again
            conn.invalidate()
