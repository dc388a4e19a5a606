"""The WAL checkpoint of a big SQLite write, run after its commit instead of inside it.

In WAL mode a commit appends the changed pages to the ``-wal`` file; a *checkpoint* later copies them into
the database file. SQLite runs one automatically inside the commit that takes the WAL past 1,000 pages, so
the import of a million rows (about 150 MB of pages) would wait about a second more for that copy before
it could report "done", although its rows are committed and every reader sees them already. SQLite's own
advice for such writers (https://www.sqlite.org/wal.html, "Automatic Checkpoint") is to turn the automatic
checkpoint off and run it in a separate thread: ``checkpoint_afterwards`` does that around a big write.

The checkpoint is ``PASSIVE``: it never blocks a reader or a writer, and whatever it cannot copy yet (a
reader still on an older snapshot) the next automatic checkpoint copies. A process that exits while it runs
loses nothing: an unfinished checkpoint is redone from the WAL by the next connection.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine

#: SQLite's default threshold (pages in the WAL) of the automatic checkpoint, put back after a big write.
AUTOCHECKPOINT_PAGES = 1000

_running: list[threading.Thread] = []
_lock = threading.Lock()


def _file_sqlite(conn: Connection) -> sqlite3.Connection | None:
    """The driver connection when ``conn`` is a SQLite file in WAL mode, else None."""
    raw = conn.connection.driver_connection
    if conn.dialect.name != "sqlite" or not isinstance(raw, sqlite3.Connection):
        return None
    mode = raw.execute("PRAGMA journal_mode").fetchone()
    return raw if mode and str(mode[0]).lower() == "wal" else None


@contextmanager
def checkpoint_afterwards(conn: Connection) -> Iterator[None]:
    """Within the block, ``conn`` (a SQLite file in WAL mode; anything else is left alone) commits without
    checkpointing; once the block is left, its automatic checkpoint is back on and a checkpoint of what the
    block wrote runs in a background thread (``wait_for_checkpoints`` waits for it)."""
    raw = _file_sqlite(conn)
    if raw is None:
        yield
        return
    raw.execute("PRAGMA wal_autocheckpoint = 0")
    try:
        yield
    finally:
        raw.execute(f"PRAGMA wal_autocheckpoint = {AUTOCHECKPOINT_PAGES}")
        _start(conn.engine)


def _start(engine: Engine) -> None:
    thread = threading.Thread(target=_checkpoint, args=(engine,), name="asn-wal-checkpoint", daemon=True)
    with _lock:
        _running[:] = [t for t in _running if t.is_alive()]
        _running.append(thread)
    thread.start()


def _checkpoint(engine: Engine) -> None:
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)").all()
    except Exception:  # housekeeping: the next automatic checkpoint does it instead
        return


def wait_for_checkpoints(timeout: float | None = None) -> None:
    """Wait until the background checkpoints started so far have finished (the CLI does, before it exits)."""
    with _lock:
        threads = list(_running)
    for thread in threads:
        thread.join(timeout)
