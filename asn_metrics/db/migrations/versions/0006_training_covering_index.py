"""pelatihan's date index also holds pegawai_id and jp: a year's JP per employee is read from the index alone

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 14:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_pelatihan_tanggal_mulai", table_name="pelatihan")
    op.create_index("ix_pelatihan_tanggal_mulai_jp", "pelatihan", ["tanggal_mulai", "pegawai_id", "jp"])


def downgrade() -> None:
    op.drop_index("ix_pelatihan_tanggal_mulai_jp", table_name="pelatihan")
    op.create_index("ix_pelatihan_tanggal_mulai", "pelatihan", ["tanggal_mulai"])
