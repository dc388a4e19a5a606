"""Which summary tables a write of each upload kind must refresh, inside the writing transaction.

The summaries (``skp_tahunan``, ``skp_instansi`` and ``skp_adopsi``, ``layanan_bulanan`` and ``layanan_durasi``,
``skm_ringkas``, ``upload_terakhir``)
hold what pages count, so a page's cost follows what it shows; imports and undos pay instead, inside their own
transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection

from asn_metrics.store import layanan_summary, quality, skm_summary, skp_summary


@dataclass(frozen=True)
class Pending:
    """What a write must refresh: the summaries' years (None: every year) and the kinds' freshness."""

    skp: tuple[int, ...] = ()
    #: The employees whose SKP rows changed (None: everyone in those years).
    skp_people: tuple[int, ...] | None = None
    layanan: tuple[int, ...] | None = ()
    skm: tuple[int, ...] = ()
    freshness: tuple[str, ...] = ()
    #: Employees changed agency, position type or status: the SKP counts per agency of every year.
    people_moved: bool = False


#: The column whose year places a row of a kind in its summary (``tahun``, or the year of a date).
YEAR_COLUMNS = {"skp": "tahun", "layanan": "tanggal_masuk", "skm": "tanggal"}


def written(kind: str, years: Iterable[int], people: Iterable[int] | None = None) -> Pending:
    """What a merge of rows of ``kind`` in ``years`` (and, for SKP, of the employees ``people``; None: too
    many to list), gathered from the rows as they were added, refreshes."""
    if kind == "skp":
        who = None if people is None else tuple(sorted(people))
        return Pending(skp=tuple(sorted(years)), skp_people=who, freshness=(kind,))
    if kind == "layanan":
        return Pending(layanan=tuple(sorted(years)), freshness=(kind,))
    if kind == "skm":
        return Pending(skm=tuple(sorted(years)), freshness=(kind,))
    return _other(kind)


def _other(kind: str) -> Pending:
    if kind == "instansi":  # an agency's region picks its services' standard
        return Pending(layanan=None)
    if kind == "pegawai":  # an employee's agency places their ratings, training and sanctions
        return Pending(freshness=quality.VIA_PERSON, people_moved=True)
    return Pending(freshness=(kind,))


#: The years of the rows a batch wrote, per kind placed by year (read before an undo deletes them).
_YEARS_OF_BATCH = {
    "skp": skp_summary.years_of_batch,
    "layanan": layanan_summary.years_of_batch,
    "skm": skm_summary.years_of_batch,
}


def touched(conn: Connection, kind: str, batch_id: int) -> Pending:
    """What the rows of ``batch_id`` (of upload kind ``kind``) count in; read before an undo deletes them."""
    if kind not in _YEARS_OF_BATCH:
        return _other(kind)
    return written(kind, _YEARS_OF_BATCH[kind](conn, batch_id))


def merged(conn: Connection, kind: str, batch_id: int, old_years: Iterable[int]) -> Pending:
    """What a merge that wrote batch ``batch_id`` refreshes: the years of the rows it inserted or updated and
    those the updated rows had before (``old_years``: a service moved to another year counts in both); for SKP
    only the employees it wrote, while few enough to list. Unchanged rows refresh nothing."""
    if kind not in _YEARS_OF_BATCH:
        return _other(kind)
    years = {*_YEARS_OF_BATCH[kind](conn, batch_id), *old_years}
    people = skp_summary.people_of_batch(conn, batch_id) if kind == "skp" else None
    return written(kind, years, people)


def refresh(conn: Connection, pending: Pending) -> None:
    skp_summary.refresh(conn, pending.skp, pending.skp_people)
    skp_summary.refresh_agencies(conn, None if pending.people_moved else pending.skp)
    if pending.people_moved:
        quality.refresh_adoption(conn)
    else:
        quality.refresh_adoption(conn, pending.skp, pending.skp_people)
    layanan_summary.refresh(conn, pending.layanan)
    skm_summary.refresh(conn, pending.skm)
    quality.refresh_freshness(conn, pending.freshness)


def refresh_all(conn: Connection) -> None:
    """Every summary from scratch (the demo, a migration)."""
    skp_summary.refresh(conn)
    skp_summary.refresh_agencies(conn)
    quality.refresh_adoption(conn)
    layanan_summary.refresh(conn)
    skm_summary.refresh(conn)
    quality.refresh_freshness(conn)
