"""Which summary tables a write of each upload kind must refresh, inside the writing transaction."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection

from asn_metrics.store import layanan_summary, skp_summary


@dataclass(frozen=True)
class Pending:
    """What an undo must refresh once its rows are gone: the summaries' years (None: every year)."""

    skp: tuple[int, ...] = ()
    layanan: tuple[int, ...] | None = ()


def touched(conn: Connection, kind: str, batch_id: int) -> Pending:
    """The summary years that the rows of ``batch_id`` (of upload kind ``kind``) count in."""
    if kind == "skp":
        return Pending(skp=tuple(skp_summary.years_of_batch(conn, batch_id)))
    if kind == "layanan":
        return Pending(layanan=tuple(layanan_summary.years_of_batch(conn, batch_id)))
    if kind == "instansi":  # an agency's region picks its services' standard
        return Pending(layanan=None)
    return Pending()


def refresh(conn: Connection, pending: Pending) -> None:
    skp_summary.refresh(conn, pending.skp)
    layanan_summary.refresh(conn, pending.layanan)


def refresh_all(conn: Connection) -> None:
    """Every summary from scratch (the demo, a migration)."""
    skp_summary.refresh(conn)
    layanan_summary.refresh(conn)
