"""audit: an append-only log of imports, undos, logins and account changes (issue 15 item 6); triggers refuse
UPDATE and DELETE on it, on SQLite and PostgreSQL alike; akun counts failed logins and holds a lockout

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04 21:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

MESSAGE = "log audit hanya dapat ditambah, tidak diubah atau dihapus"


def upgrade() -> None:
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("waktu", sa.DateTime(), nullable=False),
        sa.Column("pengguna", sa.String(length=64), nullable=False),
        sa.Column("aksi", sa.String(length=30), nullable=False),
        sa.Column("rincian", sa.Text(), nullable=False),
        sa.Column("lingkup", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit")),
    )
    op.create_index(op.f("ix_audit_waktu"), "audit", ["waktu"])
    op.create_index(op.f("ix_audit_aksi"), "audit", ["aksi"])
    op.add_column("akun", sa.Column("gagal_berturut", sa.Integer(), nullable=False, server_default="0"))
    op.add_column("akun", sa.Column("terkunci_sampai", sa.DateTime(), nullable=True))
    if op.get_bind().dialect.name == "sqlite":
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_no_{event.lower()} BEFORE {event} ON audit "
                f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
            )
    else:
        op.execute(
            "CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN RAISE EXCEPTION '{MESSAGE}'; END $$"
        )
        op.execute(
            "CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit "
            "FOR EACH ROW EXECUTE FUNCTION audit_append_only()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_append_only ON audit")
        op.execute("DROP FUNCTION IF EXISTS audit_append_only()")
    with op.batch_alter_table("akun") as batch:
        batch.drop_column("terkunci_sampai")
        batch.drop_column("gagal_berturut")
    op.drop_index(op.f("ix_audit_aksi"), table_name="audit")
    op.drop_index(op.f("ix_audit_waktu"), table_name="audit")
    op.drop_table("audit")
