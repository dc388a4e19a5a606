"""Validity and adoption (DOMAIN.md §9): unggah_mutu (rows per upload and agency, refused, NIP warnings) and
skp.dicatat_pada (when a rating was first stored), filled from each row's batch for the rows already stored

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "unggah_mutu",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=True),
        sa.Column("jenis", sa.String(length=20), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("dibuat_pada", sa.DateTime(), nullable=False),
        sa.Column("instansi_kode", sa.String(length=40), nullable=False),
        sa.Column("baris", sa.Integer(), nullable=False),
        sa.Column("baris_ditolak", sa.Integer(), nullable=False),
        sa.Column("nip_salah", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["batch_id"], ["import_batch.id"], name=op.f("fk_unggah_mutu_batch_id_import_batch")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unggah_mutu")),
    )
    op.create_index(op.f("ix_unggah_mutu_batch_id"), "unggah_mutu", ["batch_id"])
    op.create_index(op.f("ix_unggah_mutu_instansi_kode"), "unggah_mutu", ["instansi_kode"])
    op.create_index("ix_unggah_mutu_sha256_jenis", "unggah_mutu", ["sha256", "jenis"])
    op.add_column("skp", sa.Column("dicatat_pada", sa.DateTime(), nullable=True))
    op.execute(
        "UPDATE skp SET dicatat_pada = (SELECT import_batch.dibuat_pada FROM import_batch "
        "WHERE import_batch.id = skp.batch_id)"
    )


def downgrade() -> None:
    with op.batch_alter_table("skp") as batch:
        batch.drop_column("dicatat_pada")
    op.drop_index("ix_unggah_mutu_sha256_jenis", table_name="unggah_mutu")
    op.drop_index(op.f("ix_unggah_mutu_instansi_kode"), table_name="unggah_mutu")
    op.drop_index(op.f("ix_unggah_mutu_batch_id"), table_name="unggah_mutu")
    op.drop_table("unggah_mutu")
