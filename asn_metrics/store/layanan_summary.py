"""The ``layanan_bulanan`` summary: service counts and timeliness per agency, service type and month.

DOMAIN.md §3: an application is on time when it finished within the regional standard of its service, else
the default one. The counts are those ``services.timeliness_statement`` computes over the raw rows (a test
holds the two equal on a generated database); every transaction that writes services, or agencies (whose
region picks the standard), refreshes the years it touched, so readers sum a few thousand rows instead of
scanning every application of the year.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, delete, func, insert, literal, select

from asn_metrics.db.schema import layanan, layanan_bulanan
from asn_metrics.store.services import timeliness_statement

SUMMARY_COLUMNS = (
    "instansi_id",
    "jenis_layanan",
    "tahun",
    "bulan_ke",
    "jumlah",
    "selesai",
    "dengan_standar",
    "tepat_waktu",
)


def refresh(conn: Connection, years: Iterable[int] | None = None) -> None:
    """Recompute the summary of ``years`` (every year when None) inside ``conn``'s transaction."""
    wanted = None if years is None else sorted({int(y) for y in years})
    if wanted == []:
        return
    clear = delete(layanan_bulanan)
    rows = timeliness_statement(("instansi_id", "jenis_layanan", "tahun", "bulan_ke")).order_by(None)
    if wanted is not None:
        clear = clear.where(layanan_bulanan.c.tahun.in_(wanted))
        rows = rows.where(func.extract("year", layanan.c.tanggal_masuk).in_(wanted))
    conn.execute(clear)
    conn.execute(insert(layanan_bulanan).from_select(list(SUMMARY_COLUMNS), rows))


def years_of_batch(conn: Connection, batch_id: int) -> list[int]:
    """The years of the applications that ``batch_id`` wrote (read before an undo deletes them)."""
    year = func.extract("year", layanan.c.tanggal_masuk)
    stmt = select(year).where(layanan.c.batch_id == literal(batch_id)).distinct()
    return [int(y) for y in conn.scalars(stmt)]
