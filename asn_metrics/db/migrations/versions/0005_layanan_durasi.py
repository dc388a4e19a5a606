"""layanan_durasi: finished applications per agency, service, year and processing time (exact percentiles)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 12:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from asn_metrics.store import layanan_summary

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "layanan_durasi",
        sa.Column("tahun", sa.SmallInteger(), nullable=False),
        sa.Column("instansi_id", sa.Integer(), nullable=False),
        sa.Column("jenis_layanan", sa.String(length=40), nullable=False),
        sa.Column("durasi_jam", sa.Float(), nullable=False),
        sa.Column("jumlah", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("tahun", "instansi_id", "jenis_layanan", "durasi_jam", name=op.f("pk_layanan_durasi")),
    )
    layanan_summary.refresh_durations(op.get_bind())


def downgrade() -> None:
    op.drop_table("layanan_durasi")
