"""import_batch records who undid a batch (dibatalkan_oleh), beside when

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 17:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("import_batch") as batch:
        batch.add_column(sa.Column("dibatalkan_oleh", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("import_batch") as batch:
        batch.drop_column("dibatalkan_oleh")
