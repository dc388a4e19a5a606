"""Create or migrate the schema to the newest Alembic revision, and seed the reference rows."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, select, text

from asn_metrics import reference
from asn_metrics.db import schema

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_REVISION_FILE = re.compile(r"^(\d{4})_\w+\.py$")


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str | None:
    """The newest revision: the migrations are one line, ``NNNN_name.py`` with ``revision = "NNNN"`` (a test
    holds this equal to Alembic's own head), read without importing Alembic or the migrations (0.3 s a
    command)."""
    numbers = [m.group(1) for p in (MIGRATIONS_DIR / "versions").iterdir() if (m := _REVISION_FILE.match(p.name))]
    return max(numbers, default=None)


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (``alembic_version``), None for a database without the schema."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.scalar(text("SELECT version_num FROM alembic_version"))


def upgrade(engine: Engine) -> None:
    """Migrate to head, then make sure the reference rows (regions, service catalogue) exist."""
    from alembic import command

    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    seed_reference(engine)


def seed_reference(engine: Engine) -> None:
    """Insert the regions of DOMAIN.md §10 and the service standards of §3 where missing; edits are kept."""
    with engine.begin() as conn:
        have = set(conn.scalars(select(schema.wilayah.c.kode)))
        rows = [
            {
                "kode": kode,
                "nama": nama,
                "ibu_kota": seat,
                "tingkat": "provinsi"
                if kode == reference.PROVINSI_KODE
                else "kota"
                if kode == "17.71"
                else "kabupaten",
            }
            for kode, (nama, seat) in reference.WILAYAH.items()
            if kode not in have
        ]
        if rows:
            conn.execute(schema.wilayah.insert(), rows)
        have = set(conn.scalars(select(schema.jenis_layanan.c.kode)))
        services = [
            {"kode": kode, "nama": nama, "standar_jam": jam}
            for kode, (nama, jam) in reference.LAYANAN.items()
            if kode not in have
        ]
        if services:
            conn.execute(schema.jenis_layanan.insert(), services)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
