"""Alembic environment: the schema's metadata, batch mode on SQLite."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from asn_metrics.db.engine import make_engine
from asn_metrics.db.schema import metadata
from asn_metrics.settings import load_settings

config = context.config


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    url = config.get_main_option("sqlalchemy.url") or load_settings().db_url
    with make_engine(url).connect() as conn:
        _run(conn)
