"""A consistent copy of a SQLite database while the app and imports use it (SQLite's online backup API).

The copy is taken page by page from one read transaction: an import running meanwhile is either wholly in it
or not at all (WAL readers see the last commit). PostgreSQL is backed up with its own tools (``pg_dump``),
which the README describes; this module refuses it with that advice.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine


class BackupError(Exception):
    """The copy cannot be made; the message is Indonesian."""


def backup_sqlite(engine: Engine, target: Path, progress: Callable[[int, int], None] | None = None) -> int:
    """Copy the database of ``engine`` into ``target`` (a new file); return its size in bytes."""
    if engine.dialect.name != "sqlite":
        raise BackupError(
            "Cadangan dengan perintah ini hanya untuk SQLite. Untuk PostgreSQL gunakan pg_dump, misalnya "
            "pg_dump --format=custom --file=cadangan.dump NAMA_BASIS_DATA (lihat README, bagian Backup)."
        )
    source = engine.url.database
    if not source or source == ":memory:":
        raise BackupError("Basis data ini tidak berupa berkas; tidak ada yang dapat dicadangkan.")
    if target.exists():
        raise BackupError(f"Berkas {target} sudah ada. Sebutkan nama berkas baru agar tidak ada yang tertimpa.")
    if not target.parent.is_dir():
        raise BackupError(f"Folder {target.parent} tidak ada.")
    partial = target.with_name(target.name + ".sebagian")
    partial.unlink(missing_ok=True)  # the scratch of a copy killed before it finished

    def report(_status: int, remaining: int, total: int) -> None:
        if progress:
            progress(total - remaining, total)

    try:
        reader = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        copy = sqlite3.connect(partial)
        try:
            reader.backup(copy, pages=1024, progress=report)
        finally:
            copy.close()
            reader.close()
        partial.replace(target)  # the target appears only whole
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(f"Cadangan gagal ({exc}). Tidak ada berkas yang ditulis.") from None
    return target.stat().st_size
