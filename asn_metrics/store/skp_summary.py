"""The ``skp_tahunan`` summary: per employee and year, the rating that stands for the year, the evaluation
before it, and the row counts.

DOMAIN.md §1: an employee's predikat for a year is the annual (``tahunan``) one, else the last period of the
year; a tie between a quarter and a month ending together goes to the quarter (``reference.PERIODES`` order),
exactly as ``skp.annual_predikat`` decides in pandas (a test holds the two equal on a generated database).
Since the annual rating ends in December and ranks after the periods ending then, that rating is also the
year's last evaluation in the order of ``followup.improvement_plans`` (month < quarter < annual); the one
before it (``sebelumnya_*``) is what that rule compares it with (DOMAIN.md §8).
Every transaction that writes SKP rows calls ``refresh`` for the years it touched, so readers count one row
per person and year instead of ranking about ten raw rows each time a page opens.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, and_, case, delete, func, insert, literal, literal_column, null, select

from asn_metrics.db.schema import pegawai, skp, skp_instansi, skp_tahunan
from asn_metrics.reference import PERIODE_TAHUNAN, PREDIKAT_MATRIX

SUMMARY_COLUMNS = (
    "pegawai_id",
    "tahun",
    "periode",
    "predikat",
    "sebelumnya_periode",
    "sebelumnya_predikat",
    "baris",
    "bertentangan",
)


def contradiction() -> Any:
    """1 where a stored predikat differs from the one the two ratings give (DOMAIN.md §1 matrix), else 0. The
    matrix is a CASE on the work rating holding a CASE on the behaviour rating, evaluated once per row: a
    flat CASE over the nine pairs, twice, cost more than the rest of the refresh."""
    by_hasil: dict[str, dict[str, str]] = {}
    for (hasil, perilaku), predikat in PREDIKAT_MATRIX.items():
        by_hasil.setdefault(hasil, {})[perilaku] = predikat
    expected = case(
        {hasil: case(row, value=skp.c.rating_perilaku_kerja) for hasil, row in by_hasil.items()},
        value=skp.c.rating_hasil_kerja,
    )
    rated = and_(
        skp.c.rating_hasil_kerja.is_not(None), skp.c.rating_perilaku_kerja.is_not(None), skp.c.predikat.is_not(None)
    )
    return case((rated, case((expected == skp.c.predikat, 0), else_=1)), else_=0)


def _latest_first() -> tuple[Any, ...]:
    """Order of a year's rows, latest evaluation first: rated before unrated, then by the month the period
    ends, then annual before quarter before month. Constants are written into the SQL, not bound: SQLite
    shares one sort among the window functions only when their windows read the same, and two bound
    parameters never do (5.5 s instead of 3.1 s per year at 50,000 employees)."""

    def constant(value: int | str) -> Any:
        return literal_column(repr(value) if isinstance(value, str) else str(value))

    kind = case(
        (skp.c.periode == constant(PERIODE_TAHUNAN), constant(2)),
        (skp.c.periode.like(constant("tw%")), constant(1)),
        else_=constant(0),
    )
    unrated = case((skp.c.predikat.is_(None), constant(1)), else_=constant(0))
    return (unrated, skp.c.bulan_akhir.desc(), kind.desc())


#: Above this many employees a refresh recomputes whole years (one pass) instead of looking each one up.
MAX_PEOPLE = 5_000


def summary_select(years: Iterable[int] | None = None, people: Iterable[int] | None = None) -> Any:
    """The summary rows of ``years`` (all years when None), computed from ``skp`` in one window pass."""
    person_year = (skp.c.pegawai_id, skp.c.tahun)
    ranked = select(
        skp.c.pegawai_id,
        skp.c.tahun,
        skp.c.periode,
        skp.c.predikat,
        func.row_number().over(partition_by=person_year, order_by=_latest_first()).label("urutan"),
        func.lead(skp.c.periode).over(partition_by=person_year, order_by=_latest_first()).label("periode_2"),
        func.lead(skp.c.predikat).over(partition_by=person_year, order_by=_latest_first()).label("predikat_2"),
        # The same window (order and all) for the counts, over the whole partition: SQLite then sorts once.
        func.count().over(partition_by=person_year, order_by=_latest_first(), rows=(None, None)).label("baris"),
        func.sum(contradiction())
        .over(partition_by=person_year, order_by=_latest_first(), rows=(None, None))
        .label("bertentangan"),
    )
    if years is not None:
        ranked = ranked.where(skp.c.tahun.in_(sorted({int(y) for y in years})))
    if people is not None:
        ranked = ranked.where(skp.c.pegawai_id.in_(sorted({int(p) for p in people})))
    rows = ranked.subquery()
    return select(
        rows.c.pegawai_id,
        rows.c.tahun,
        case((rows.c.predikat.is_(None), null()), else_=rows.c.periode).label("periode"),
        rows.c.predikat,
        case((rows.c.predikat_2.is_(None), null()), else_=rows.c.periode_2).label("sebelumnya_periode"),
        rows.c.predikat_2.label("sebelumnya_predikat"),
        rows.c.baris,
        rows.c.bertentangan,
    ).where(rows.c.urutan == 1)


def refresh(conn: Connection, years: Iterable[int] | None = None, people: Iterable[int] | None = None) -> None:
    """Recompute the summary of ``years`` (every year when None) inside ``conn``'s transaction; with
    ``people`` (employee ids, at most MAX_PEOPLE), only their rows: what a small upload touched."""
    wanted = None if years is None else sorted({int(y) for y in years})
    if wanted == []:
        return
    who = None if people is None else sorted({int(p) for p in people})
    if who is not None and (not who or len(who) > MAX_PEOPLE):
        who = None if who else []
    if who == []:
        return
    clear = delete(skp_tahunan)
    if wanted is not None:
        clear = clear.where(skp_tahunan.c.tahun.in_(wanted))
    if who is not None:
        clear = clear.where(skp_tahunan.c.pegawai_id.in_(who))
    conn.execute(clear)
    conn.execute(insert(skp_tahunan).from_select(list(SUMMARY_COLUMNS), summary_select(wanted, who)))


AGENCY_COLUMNS = ("tahun", "instansi_id", "jenis_jabatan", "aktif", "predikat", "tahunan", "jumlah")


def agency_select(years: Iterable[int] | None = None) -> Any:
    """The ``skp_instansi`` rows of ``years`` (all when None): the rated rows of ``skp_tahunan`` counted per
    year and the employee's current agency, position type and active flag."""
    jenis = func.coalesce(pegawai.c.jenis_jabatan, "")
    tahunan = case((skp_tahunan.c.periode == PERIODE_TAHUNAN, True), else_=False)
    stmt = (
        select(
            skp_tahunan.c.tahun,
            pegawai.c.instansi_id,
            jenis.label("jenis_jabatan"),
            pegawai.c.aktif,
            skp_tahunan.c.predikat,
            tahunan.label("tahunan"),
            func.count().label("jumlah"),
        )
        .select_from(skp_tahunan.join(pegawai, pegawai.c.id == skp_tahunan.c.pegawai_id))
        .where(skp_tahunan.c.predikat.is_not(None))
        .group_by(skp_tahunan.c.tahun, pegawai.c.instansi_id, jenis, pegawai.c.aktif, skp_tahunan.c.predikat, tahunan)
    )
    if years is not None:
        stmt = stmt.where(skp_tahunan.c.tahun.in_(sorted({int(y) for y in years})))
    return stmt


def refresh_agencies(conn: Connection, years: Iterable[int] | None = None) -> None:
    """Recompute ``skp_instansi`` for ``years`` (every year when None) inside ``conn``'s transaction: after the
    SKP summary of those years changed, or (every year) after employees changed agency, position or status."""
    wanted = None if years is None else sorted({int(y) for y in years})
    if wanted == []:
        return
    clear = delete(skp_instansi)
    if wanted is not None:
        clear = clear.where(skp_instansi.c.tahun.in_(wanted))
    conn.execute(clear)
    conn.execute(insert(skp_instansi).from_select(list(AGENCY_COLUMNS), agency_select(wanted)))


def years_of_batch(conn: Connection, batch_id: int) -> list[int]:
    """The SKP years holding rows that ``batch_id`` wrote (read before an undo deletes them)."""
    stmt = select(skp.c.tahun).where(skp.c.batch_id == literal(batch_id)).distinct()
    return [int(y) for y in conn.scalars(stmt)]


def people_of_batch(conn: Connection, batch_id: int) -> list[int] | None:
    """The employees whose SKP rows ``batch_id`` wrote; None when more than ``MAX_PEOPLE`` (whole years then)."""
    stmt = select(skp.c.pegawai_id).where(skp.c.batch_id == literal(batch_id)).distinct().limit(MAX_PEOPLE + 1)
    people = [int(p) for p in conn.scalars(stmt)]
    return people if len(people) <= MAX_PEOPLE else None
