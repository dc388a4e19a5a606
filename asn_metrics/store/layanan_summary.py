"""The service summaries: ``layanan_bulanan`` (counts and timeliness per agency, service type and month) and
``layanan_durasi`` (finished applications per agency, service type, year and processing time).

DOMAIN.md §3: an application is on time when it finished within the regional standard of its service, else
the default one. The counts are those ``services.timeliness_statement`` computes over the raw rows (a test
holds the two equal on a generated database); every transaction that writes services, or agencies (whose
region picks the standard), refreshes the years it touched, so readers sum a few thousand rows instead of
scanning every application of the year. ``layanan_durasi`` counts each distinct ``durasi_jam`` of the
finished applications (status 'selesai', a time ≥ 0, as ``service.service_speed``), from which
``service.weighted_quantile`` gives exactly the median and 90th percentile the raw rows give.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, and_, delete, func, insert, literal, select

from asn_metrics.db.schema import layanan, layanan_bulanan, layanan_durasi
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
    """Recompute both summaries of ``years`` (every year when None) inside ``conn``'s transaction."""
    refresh_monthly(conn, years)
    refresh_durations(conn, years)


def _wanted(years: Iterable[int] | None) -> list[int] | None:
    return None if years is None else sorted({int(y) for y in years})


def refresh_monthly(conn: Connection, years: Iterable[int] | None = None) -> None:
    """Recompute ``layanan_bulanan`` of ``years`` (every year when None)."""
    wanted = _wanted(years)
    if wanted == []:
        return
    clear = delete(layanan_bulanan)
    rows = timeliness_statement(("instansi_id", "jenis_layanan", "tahun", "bulan_ke")).order_by(None)
    if wanted is not None:
        clear = clear.where(layanan_bulanan.c.tahun.in_(wanted))
        rows = rows.where(func.extract("year", layanan.c.tanggal_masuk).in_(wanted))
    conn.execute(clear)
    conn.execute(insert(layanan_bulanan).from_select(list(SUMMARY_COLUMNS), rows))


def refresh_durations(conn: Connection, years: Iterable[int] | None = None) -> None:
    """Recompute ``layanan_durasi`` of ``years`` (every year when None)."""
    wanted = _wanted(years)
    if wanted == []:
        return
    year = func.extract("year", layanan.c.tanggal_masuk)
    finished = and_(layanan.c.status == "selesai", layanan.c.durasi_jam.is_not(None), layanan.c.durasi_jam >= 0)
    keys = (year.label("tahun"), layanan.c.instansi_id, layanan.c.jenis_layanan, layanan.c.durasi_jam)
    rows = select(*keys, func.count().label("jumlah")).where(finished).group_by(*keys)
    clear = delete(layanan_durasi)
    if wanted is not None:
        clear = clear.where(layanan_durasi.c.tahun.in_(wanted))
        rows = rows.where(year.in_(wanted))
    conn.execute(clear)
    columns = ["tahun", "instansi_id", "jenis_layanan", "durasi_jam", "jumlah"]
    conn.execute(insert(layanan_durasi).from_select(columns, rows))


def years_of_batch(conn: Connection, batch_id: int) -> list[int]:
    """The years of the applications that ``batch_id`` wrote (read before an undo deletes them)."""
    year = func.extract("year", layanan.c.tanggal_masuk)
    stmt = select(year).where(layanan.c.batch_id == literal(batch_id)).distinct()
    return [int(y) for y in conn.scalars(stmt)]
