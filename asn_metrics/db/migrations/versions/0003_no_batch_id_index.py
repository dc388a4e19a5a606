"""the tables of the upload kinds lose their index on batch_id: it cost every import and served only undo

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 08:10:00
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TABLES = ("instansi", "pegawai", "skp", "layanan", "skm", "pengaduan", "indikator", "pelatihan", "disiplin")


def upgrade() -> None:
    for table in TABLES:
        op.drop_index(op.f(f"ix_{table}_batch_id"), table_name=table)


def downgrade() -> None:
    for table in TABLES:
        op.create_index(op.f(f"ix_{table}_batch_id"), table, ["batch_id"], unique=False)
