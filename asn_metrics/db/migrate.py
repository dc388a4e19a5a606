"""Create or migrate the schema to the newest Alembic revision, and seed the reference rows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, select

from asn_metrics import reference
from asn_metrics.db import schema

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Migrate to head, then make sure the reference rows (regions, service catalogue) exist."""
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
