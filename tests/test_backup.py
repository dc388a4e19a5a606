"""`python -m asn_metrics backup FILE` (issue 17 item 8): a consistent copy while an import runs, and a restore
that is the copy put in the database's place."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from asn_metrics import importer
from asn_metrics.db import schema
from asn_metrics.db.backup import BackupError, backup_sqlite
from asn_metrics.db.engine import make_engine
from asn_metrics.db.migrate import upgrade
from tests import nasty_files as nf
from tests.test_cli import run_cli
from tests.test_import import AGENCIES, NOW, PEOPLE, snapshot


def _staffed(path: Path):
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    for content, kind in ((AGENCIES, "instansi"), (PEOPLE, "pegawai")):
        done = importer.run(engine, content, kind, filename=f"{kind}.csv", pengguna="uji", sumber="cli", now=NOW)
        assert done.status == "diimpor"
    return engine


def test_a_backup_taken_during_an_import_holds_all_of_it_or_none(tmp_path: Path) -> None:
    engine = _staffed(tmp_path / "asli.db")
    before = snapshot(engine)
    rows = [nf.SKP_HEADER, *([nf.NIP_L, str(year), "tahunan", "atas", "atas"] for year in range(1990, 2027))]
    content = nf.delimited(rows)
    importing = threading.Thread(
        target=importer.run,
        args=(engine, content, "skp"),
        kwargs={"filename": "skp.csv", "pengguna": "uji", "sumber": "cli", "now": NOW},
    )
    importing.start()
    size = backup_sqlite(engine, tmp_path / "cadangan.db")
    importing.join()
    assert size > 0 and not (tmp_path / "cadangan.db.sebagian").exists()
    with sqlite3.connect(tmp_path / "cadangan.db") as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = copy.execute("SELECT count(*) FROM skp").fetchone()[0]
    assert stored in (0, len(rows) - 1)  # the import is wholly in the copy or not at all
    # Restoring is putting the copy in the database's place (the app stopped): it opens as the same data.
    restored = make_engine(f"sqlite:///{tmp_path / 'pulih.db'}")
    shutil.copy(tmp_path / "cadangan.db", tmp_path / "pulih.db")
    if stored == 0:
        assert snapshot(restored) == before
    else:
        assert snapshot(restored) == snapshot(engine)
    with restored.connect() as conn:
        assert conn.execute(select(func.count()).select_from(schema.pegawai)).scalar() == 4
    restored.dispose()
    engine.dispose()


def test_backup_never_overwrites_and_refuses_postgresql(tmp_path: Path) -> None:
    engine = _staffed(tmp_path / "asli.db")
    (tmp_path / "ada.db").write_bytes(b"lama")
    with pytest.raises(BackupError, match="sudah ada"):
        backup_sqlite(engine, tmp_path / "ada.db")
    assert (tmp_path / "ada.db").read_bytes() == b"lama"
    from sqlalchemy import create_engine

    with pytest.raises(BackupError, match="pg_dump"):
        backup_sqlite(create_engine("postgresql+psycopg://x@localhost/x"), tmp_path / "pg.db")
    engine.dispose()


def test_the_backup_command(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'asli.db'}"
    _staffed(tmp_path / "asli.db").dispose()
    done = run_cli("backup", str(tmp_path / "cadangan.db"), db_url=url)
    assert done.returncode == 0 and done.stdout.startswith(f"Cadangan ditulis: {tmp_path / 'cadangan.db'} (")
    again = run_cli("backup", str(tmp_path / "cadangan.db"), db_url=url)
    assert again.returncode == 2 and "sudah ada" in again.stderr and "Traceback" not in again.stderr
