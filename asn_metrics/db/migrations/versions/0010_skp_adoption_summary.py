"""skp_adopsi: periodic SKP ratings per year, agency and period and those stored by the deadline (adoption,
DOMAIN.md §9), filled from ``skp``; skp's year index also holds the employee, the end month and the record
time, so that refresh reads the index alone

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 20:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from asn_metrics.store import quality

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

COLUMNS = ["tahun", "periode", "pegawai_id", "bulan_akhir", "dicatat_pada"]


def upgrade() -> None:
    op.drop_index("ix_skp_tahun_periode", table_name="skp")
    op.create_index("ix_skp_tahun_periode", "skp", COLUMNS)
    op.create_table(
        "skp_adopsi",
        sa.Column("tahun", sa.SmallInteger(), nullable=False),
        sa.Column("instansi_id", sa.Integer(), nullable=False),
        sa.Column("periode", sa.String(length=8), nullable=False),
        sa.Column("bulan_akhir", sa.SmallInteger(), nullable=False),
        sa.Column("baris", sa.Integer(), nullable=False),
        sa.Column("tepat_waktu", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("tahun", "instansi_id", "periode", name=op.f("pk_skp_adopsi")),
    )
    quality.refresh_adoption(op.get_bind())


def downgrade() -> None:
    op.drop_table("skp_adopsi")
    op.drop_index("ix_skp_tahun_periode", table_name="skp")
    op.create_index("ix_skp_tahun_periode", "skp", ["tahun", "periode"])
