"""The ``skm_ringkas`` summary: survey responses per agency and year as the sums the IKM needs (DOMAIN.md §2).

Every stored response answers all nine elements with 1-4 (the schema's checks), so per agency and year the
count, the nine sums of answers, Σ S and Σ S² of each response's total S, and the number of responses with one
answer throughout give exactly what ``survey.ikm`` and ``quality.straight_lining`` compute over the raw rows
(a test holds them equal on the demo). Every transaction that writes or undoes survey responses refreshes the
years it touched.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, case, delete, func, insert, literal, select

from asn_metrics.db.schema import skm, skm_ringkas
from asn_metrics.reference import UNSUR_KOLOM

COLUMNS = ("tahun", "instansi_id", "responden", *(f"s_{u}" for u in UNSUR_KOLOM), "s_skor", "ss_skor", "identik")


def refresh(conn: Connection, years: Iterable[int] | None = None) -> None:
    """Recompute the summary of ``years`` (every year when None) inside ``conn``'s transaction."""
    wanted = None if years is None else sorted({int(y) for y in years})
    if wanted == []:
        return
    answers = [skm.c[u] for u in UNSUR_KOLOM]
    total: ColumnElement[Any] = answers[0]
    for column in answers[1:]:
        total = total + column
    same = and_(*(column == answers[0] for column in answers[1:]))
    year = func.extract("year", skm.c.tanggal)
    rows = select(
        year.label("tahun"),
        skm.c.instansi_id,
        func.count().label("responden"),
        *(func.sum(column).label(f"s_{u}") for u, column in zip(UNSUR_KOLOM, answers, strict=True)),
        func.sum(total).label("s_skor"),
        func.sum(total * total).label("ss_skor"),
        func.sum(case((same, 1), else_=0)).label("identik"),
    ).group_by(year, skm.c.instansi_id)
    clear = delete(skm_ringkas)
    if wanted is not None:
        clear = clear.where(skm_ringkas.c.tahun.in_(wanted))
        rows = rows.where(year.in_(wanted))
    conn.execute(clear)
    conn.execute(insert(skm_ringkas).from_select(list(COLUMNS), rows))


def years_of_batch(conn: Connection, batch_id: int) -> list[int]:
    """The years of the responses that ``batch_id`` wrote (read before an undo deletes them)."""
    year = func.extract("year", skm.c.tanggal)
    return [int(y) for y in conn.scalars(select(year).where(skm.c.batch_id == literal(batch_id)).distinct())]
