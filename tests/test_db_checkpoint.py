"""A big SQLite write commits without checkpointing; the WAL is copied into the database file afterwards, in a
background thread (db/checkpoint.py), and the connection's automatic checkpoint is back on."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from asn_metrics.db import checkpoint
from asn_metrics.db.engine import make_engine

ROWS = 20_000  # about 3,000 pages of 4 KB: well past the automatic checkpoint's 1,000


def _engine(tmp_path: Path) -> Engine:
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE t (x TEXT)")
    return engine


def _big_write(conn: object) -> None:
    # INSERT first: Python's sqlite3 opens the transaction only before a statement that starts so.
    conn.exec_driver_sql(  # type: ignore[attr-defined]
        f"INSERT INTO t WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {ROWS}) "
        "SELECT printf('%0500d', i) FROM n"
    )


def _file_mb(engine: Engine) -> float:
    return Path(str(engine.url.database)).stat().st_size / 1e6


def test_without_it_the_commit_itself_copies_the_wal_into_the_database(tmp_path: Path) -> None:
    engine = _engine(tmp_path)
    with engine.begin() as conn:
        _big_write(conn)
    assert _file_mb(engine) > 8  # the commit ran SQLite's automatic checkpoint


def test_the_commit_leaves_the_copy_to_a_background_checkpoint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = _engine(tmp_path)
    started: list[Engine] = []
    monkeypatch.setattr(checkpoint, "_start", started.append)
    with engine.connect() as conn, checkpoint.checkpoint_afterwards(conn), conn.begin():
        _big_write(conn)
    assert started == [engine]
    assert _file_mb(engine) < 1  # committed, but its pages are still only in the WAL
    with engine.connect() as reader:  # ... where every reader sees them
        assert reader.exec_driver_sql("SELECT count(*) FROM t").scalar() == ROWS
        assert reader.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == checkpoint.AUTOCHECKPOINT_PAGES
    monkeypatch.undo()
    checkpoint._start(engine)
    checkpoint.wait_for_checkpoints(timeout=30)
    assert _file_mb(engine) > 8  # the background checkpoint copied them


def test_the_automatic_checkpoint_is_back_on_even_when_the_write_fails(tmp_path: Path) -> None:
    engine = _engine(tmp_path)
    with pytest.raises(RuntimeError), engine.connect() as conn, checkpoint.checkpoint_afterwards(conn), conn.begin():
        _big_write(conn)
        raise RuntimeError("gagal")
    checkpoint.wait_for_checkpoints(timeout=30)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM t").scalar() == 0
        assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == checkpoint.AUTOCHECKPOINT_PAGES


def test_an_in_memory_database_is_left_alone() -> None:
    engine = make_engine("sqlite://")
    with engine.connect() as conn, checkpoint.checkpoint_afterwards(conn):
        assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == checkpoint.AUTOCHECKPOINT_PAGES
