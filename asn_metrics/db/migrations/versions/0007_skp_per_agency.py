"""skp_instansi: employees per year, agency, position type, status and standing predikat, for counts and trends

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 14:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from asn_metrics.store import skp_summary

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "skp_instansi",
        sa.Column("tahun", sa.SmallInteger(), nullable=False),
        sa.Column("instansi_id", sa.Integer(), nullable=False),
        sa.Column("jenis_jabatan", sa.String(length=20), nullable=False),
        sa.Column("aktif", sa.Boolean(), nullable=False),
        sa.Column("predikat", sa.String(length=20), nullable=False),
        sa.Column("tahunan", sa.Boolean(), nullable=False),
        sa.Column("jumlah", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "tahun", "instansi_id", "jenis_jabatan", "aktif", "predikat", "tahunan", name=op.f("pk_skp_instansi")
        ),
    )
    skp_summary.refresh_agencies(op.get_bind())


def downgrade() -> None:
    op.drop_table("skp_instansi")
