"""layanan_durasi, skm_ringkas and the open-applications index: exact percentiles, survey sums, the backlog

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 12:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from asn_metrics.store import layanan_summary, skm_summary

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
    op.create_table(
        "skm_ringkas",
        sa.Column("tahun", sa.SmallInteger(), nullable=False),
        sa.Column("instansi_id", sa.Integer(), nullable=False),
        sa.Column("responden", sa.Integer(), nullable=False),
        *(sa.Column(f"s_u{i}", sa.Integer(), nullable=False) for i in range(1, 10)),
        sa.Column("s_skor", sa.Integer(), nullable=False),
        sa.Column("ss_skor", sa.Integer(), nullable=False),
        sa.Column("identik", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("tahun", "instansi_id", name=op.f("pk_skm_ringkas")),
    )
    op.create_index(
        "ix_layanan_terbuka",
        "layanan",
        ["tanggal_masuk", "instansi_id"],
        unique=False,
        sqlite_where=sa.text("tanggal_selesai IS NULL"),
        postgresql_where=sa.text("tanggal_selesai IS NULL"),
    )
    conn = op.get_bind()
    layanan_summary.refresh_durations(conn)
    skm_summary.refresh(conn)


def downgrade() -> None:
    op.drop_index("ix_layanan_terbuka", table_name="layanan")
    op.drop_table("skm_ringkas")
    op.drop_table("layanan_durasi")
