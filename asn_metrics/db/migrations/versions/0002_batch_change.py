"""batch_change: the rows an import updated, as they were before, so the batch can be undone

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 20:55:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "batch_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("tabel", sa.String(length=20), nullable=False),
        sa.Column("baris_id", sa.Integer(), nullable=False),
        sa.Column("data_lama", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["batch_id"], ["import_batch.id"], name=op.f("fk_batch_change_batch_id_import_batch")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_batch_change")),
    )
    with op.batch_alter_table("batch_change", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_batch_change_batch_id"), ["batch_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("batch_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_batch_change_batch_id"))
    op.drop_table("batch_change")
