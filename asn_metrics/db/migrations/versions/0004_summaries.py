"""skp_tahunan and layanan_bulanan: the summaries pages read (SKP per employee-year, services per month)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 07:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from asn_metrics.store import layanan_summary, quality, skp_summary

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "skp_tahunan",
        sa.Column("pegawai_id", sa.Integer(), nullable=False),
        sa.Column("tahun", sa.SmallInteger(), nullable=False),
        sa.Column("periode", sa.String(length=8), nullable=True),
        sa.Column("predikat", sa.String(length=20), nullable=True),
        sa.Column("sebelumnya_periode", sa.String(length=8), nullable=True),
        sa.Column("sebelumnya_predikat", sa.String(length=20), nullable=True),
        sa.Column("baris", sa.Integer(), nullable=False),
        sa.Column("bertentangan", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("pegawai_id", "tahun", name=op.f("pk_skp_tahunan")),
    )
    op.create_index(
        op.f("ix_skp_tahunan_tahun"), "skp_tahunan", ["tahun", "pegawai_id", "predikat", "periode"], unique=False
    )
    op.create_table(
        "layanan_bulanan",
        sa.Column("instansi_id", sa.Integer(), nullable=False),
        sa.Column("jenis_layanan", sa.String(length=40), nullable=False),
        sa.Column("tahun", sa.SmallInteger(), nullable=False),
        sa.Column("bulan_ke", sa.SmallInteger(), nullable=False),
        sa.Column("jumlah", sa.Integer(), nullable=False),
        sa.Column("selesai", sa.Integer(), nullable=False),
        sa.Column("dengan_standar", sa.Integer(), nullable=False),
        sa.Column("tepat_waktu", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("tahun", "instansi_id", "jenis_layanan", "bulan_ke", name=op.f("pk_layanan_bulanan")),
    )
    op.create_table(
        "upload_terakhir",
        sa.Column("instansi_id", sa.Integer(), nullable=False),
        sa.Column("jenis", sa.String(length=20), nullable=False),
        sa.Column("impor_terakhir", sa.DateTime(), nullable=False),
        sa.Column("peristiwa_terakhir", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("instansi_id", "jenis", name=op.f("pk_upload_terakhir")),
    )
    conn = op.get_bind()
    skp_summary.refresh(conn)
    layanan_summary.refresh_monthly(conn)
    quality.refresh_freshness(conn)


def downgrade() -> None:
    op.drop_table("upload_terakhir")
    op.drop_table("layanan_bulanan")
    op.drop_index(op.f("ix_skp_tahunan_tahun"), table_name="skp_tahunan")
    op.drop_table("skp_tahunan")
