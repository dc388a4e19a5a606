"""sesi: server-side login sessions (issue 15 item 3); the browser keeps only a random token in a cookie, the
database its SHA-256, the account and when it was last used (inactivity expiry)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06 22:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sesi",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("akun_id", sa.Integer(), nullable=False),
        sa.Column("dibuat_pada", sa.DateTime(), nullable=False),
        sa.Column("terakhir_aktif", sa.DateTime(), nullable=False),
        sa.Column("berakhir_pada", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["akun_id"], ["akun.id"], name=op.f("fk_sesi_akun_id_akun")),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_sesi")),
    )


def downgrade() -> None:
    op.drop_table("sesi")
