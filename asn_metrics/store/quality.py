"""Readers for the data-quality page: upload freshness per agency and kind, completeness and consistency counts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pandas as pd
from sqlalchemy import (
    Column,
    Connection,
    DateTime,
    Engine,
    FromClause,
    Select,
    String,
    and_,
    case,
    cast,
    delete,
    false,
    func,
    insert,
    literal,
    null,
    or_,
    select,
    type_coerce,
    union_all,
)

from asn_metrics import adoption
from asn_metrics.db.schema import (
    disiplin,
    import_batch,
    indikator,
    instansi,
    layanan,
    layanan_bulanan,
    pegawai,
    pelatihan,
    pengaduan,
    skm,
    skp,
    skp_adopsi,
    skp_tahunan,
    unggah_mutu,
    upload_terakhir,
)
from asn_metrics.filters import Filters
from asn_metrics.reference import PERIODE_TAHUNAN
from asn_metrics.store.base import frame, scope_agency
from asn_metrics.store.services import summed_timeliness, year_bounds

_BY_PERSON = pegawai.join(instansi, instansi.c.id == pegawai.c.instansi_id)


def _sources() -> list[tuple[str, Any, FromClause, Column[Any] | None]]:
    """(upload kind, its table, the join that reaches instansi, its event column or None)."""

    def direct(table: Any) -> FromClause:
        return table.join(instansi, instansi.c.id == table.c.instansi_id)

    def via_person(table: Any) -> FromClause:
        return table.join(pegawai, pegawai.c.id == table.c.pegawai_id).join(
            instansi, instansi.c.id == pegawai.c.instansi_id
        )

    return [
        ("pegawai", pegawai, _BY_PERSON, None),
        ("skp", skp, via_person(skp), None),
        ("layanan", layanan, direct(layanan), layanan.c.tanggal_masuk),
        ("skm", skm, direct(skm), skm.c.tanggal),
        ("pengaduan", pengaduan, direct(pengaduan), pengaduan.c.tanggal_masuk),
        ("indikator", indikator, direct(indikator), None),
        ("pelatihan", pelatihan, via_person(pelatihan), pelatihan.c.tanggal_mulai),
        ("disiplin", disiplin, via_person(disiplin), disiplin.c.tanggal),
    ]


#: Upload kinds whose freshness counts rows reached through their employee (whose agency may change).
VIA_PERSON = ("pegawai", "skp", "pelatihan", "disiplin")
FRESHNESS_KINDS = tuple(jenis for jenis, *_ in _sources())


def freshness_statement(kinds: Sequence[str] = FRESHNESS_KINDS) -> Any:
    """Per agency id and upload kind of ``kinds`` that has rows: instansi_id, jenis, impor_terakhir (the newest
    upload batch, not undone, holding rows of the agency) and peristiwa_terakhir (newest event date in those
    rows; None for kinds without event dates), over the raw rows (DOMAIN.md §9 freshness)."""
    parts: list[Select[Any]] = []
    for jenis, table, source, event in _sources():
        if jenis not in kinds:
            continue
        parts.append(
            select(
                instansi.c.id.label("instansi_id"),
                literal(jenis).label("jenis"),
                func.max(import_batch.c.dibuat_pada).label("impor_terakhir"),
                (func.max(event) if event is not None else cast(null(), DateTime)).label("peristiwa_terakhir"),
            )
            .select_from(source.join(import_batch, import_batch.c.id == table.c.batch_id))
            .where(import_batch.c.dibatalkan_pada.is_(None))
            .group_by(instansi.c.id)
        )
    return union_all(*parts)


def refresh_freshness(conn: Connection, kinds: Sequence[str] | None = None) -> None:
    """Recompute the ``upload_terakhir`` summary of ``kinds`` (every kind when None) within ``conn``'s
    transaction; each write of a kind calls it, so the page reads ~1,000 rows instead of every table."""
    wanted = [k for k in (FRESHNESS_KINDS if kinds is None else kinds) if k in FRESHNESS_KINDS]
    if not wanted:
        return
    conn.execute(delete(upload_terakhir).where(upload_terakhir.c.jenis.in_(wanted)))
    columns = ["instansi_id", "jenis", "impor_terakhir", "peristiwa_terakhir"]
    conn.execute(insert(upload_terakhir).from_select(columns, freshness_statement(wanted)))


def load_upload_freshness(engine: Engine, filters: Filters) -> pd.DataFrame:
    """Per agency and upload kind that has rows: instansi_kode, jenis, impor_terakhir (the newest upload batch,
    not undone, that holds rows of the agency) and peristiwa_terakhir (newest event date in those rows; None
    for kinds without event dates), from the ``upload_terakhir`` summary. Input of ``quality.freshness``
    (DOMAIN.md §9 freshness)."""
    stmt = (
        select(
            instansi.c.kode.label("instansi_kode"),
            upload_terakhir.c.jenis,
            # Raw values: SQLite keeps a date event as the text 'YYYY-MM-DD', read as a date below.
            type_coerce(upload_terakhir.c.impor_terakhir, String).label("impor_terakhir"),
            type_coerce(upload_terakhir.c.peristiwa_terakhir, String).label("peristiwa_terakhir"),
        )
        .select_from(upload_terakhir.join(instansi, instansi.c.id == upload_terakhir.c.instansi_id))
        .order_by(instansi.c.kode, upload_terakhir.c.jenis)
    )
    result = frame(engine, scope_agency(stmt, filters))
    for name in ("impor_terakhir", "peristiwa_terakhir"):
        result[name] = pd.to_datetime(result[name], format="mixed")
    return result


def load_service_completeness(engine: Engine, filters: Filters, *, as_of: dt.datetime) -> pd.DataFrame:
    """Per agency in ``filters.tahun``: jumlah (services), selesai (with an end time) and terbuka_lebih_30_hari
    (no end time and received more than 30 days before ``as_of``); input of ``quality.service_completeness``.
    The totals come from ``layanan_bulanan``, the open applications through their own small index."""
    if filters.tahun is None:
        raise ValueError("filters.tahun is required")
    totals = frame(
        engine,
        scope_agency(summed_timeliness(("instansi_kode",)).where(layanan_bulanan.c.tahun == filters.tahun), filters),
    )
    start, end = year_bounds(filters.tahun)
    late = layanan.c.tanggal_masuk < as_of - dt.timedelta(days=30)
    opened = (
        select(
            instansi.c.kode.label("instansi_kode"),
            func.count().label("terbuka"),
            func.sum(case((late, 1), else_=0)).label("terbuka_lebih_30_hari"),
        )
        .select_from(layanan.join(instansi, instansi.c.id == layanan.c.instansi_id))
        .where(layanan.c.tanggal_selesai.is_(None), layanan.c.tanggal_masuk >= start, layanan.c.tanggal_masuk < end)
        .group_by(instansi.c.kode)
    )
    open_counts = frame(engine, scope_agency(opened, filters))
    columns = ["instansi_kode", "jumlah", "selesai", "terbuka_lebih_30_hari"]
    if totals.empty:
        return pd.DataFrame(columns=columns)
    out = totals[["instansi_kode", "jumlah"]].merge(open_counts, on="instansi_kode", how="left")
    out[["terbuka", "terbuka_lebih_30_hari"]] = out[["terbuka", "terbuka_lebih_30_hari"]].fillna(0).astype("int64")
    out["jumlah"] = out["jumlah"].astype("int64")
    out["selesai"] = out["jumlah"] - out["terbuka"]
    return out[columns]


def load_skp_consistency(engine: Engine, filters: Filters) -> pd.DataFrame:
    """Per agency in ``filters.tahun``: skp_total (SKP rows) and predikat_bertentangan (predikat contradicting
    the ratings' matrix), for ``quality.consistency``; the other checks are enforced by the schema (0)."""
    if filters.tahun is None:
        raise ValueError("filters.tahun is required")
    stmt = (
        select(
            instansi.c.kode.label("instansi_kode"),
            func.sum(skp_tahunan.c.baris).label("skp_total"),
            func.sum(skp_tahunan.c.bertentangan).label("predikat_bertentangan"),
            func.sum(case((false(), 1), else_=0)).label("waktu_mundur"),
            func.sum(case((false(), 1), else_=0)).label("pegawai_ganda"),
        )
        .select_from(skp_tahunan.join(_BY_PERSON, pegawai.c.id == skp_tahunan.c.pegawai_id))
        .where(skp_tahunan.c.tahun == filters.tahun)
        .group_by(instansi.c.kode)
        .order_by(instansi.c.kode)
    )
    result = frame(engine, scope_agency(stmt, filters))
    for name in ("skp_total", "predikat_bertentangan"):
        result[name] = result[name].astype("int64")
    return result


def load_upload_validity(engine: Engine, filters: Filters) -> pd.DataFrame:
    """Per agency: the rows of every upload not undone (refused uploads included) from ``unggah_mutu``:
    baris_diterima (rows without an error), baris_ditolak and nip_salah; input of ``quality.validity``
    (DOMAIN.md §9 validity). The year filter does not apply: validity is about what an agency sends."""
    live = or_(unggah_mutu.c.batch_id.is_(None), import_batch.c.dibatalkan_pada.is_(None))
    stmt = (
        select(
            instansi.c.kode.label("instansi_kode"),
            (func.sum(unggah_mutu.c.baris) - func.sum(unggah_mutu.c.baris_ditolak)).label("baris_diterima"),
            func.sum(unggah_mutu.c.baris_ditolak).label("baris_ditolak"),
            func.sum(unggah_mutu.c.nip_salah).label("nip_salah"),
        )
        .select_from(
            unggah_mutu.join(instansi, instansi.c.kode == unggah_mutu.c.instansi_kode).outerjoin(
                import_batch, import_batch.c.id == unggah_mutu.c.batch_id
            )
        )
        .where(live)
        .group_by(instansi.c.kode)
        .order_by(instansi.c.kode)
    )
    result = frame(engine, scope_agency(stmt, filters))
    return result.astype({c: "int64" for c in ("baris_diterima", "baris_ditolak", "nip_salah")})


ADOPTION_COLUMNS = ("tahun", "instansi_id", "periode", "bulan_akhir", "baris", "tepat_waktu")


def adoption_select(year: int, agencies: Sequence[int] | None = None) -> Select[Any]:
    """The ``skp_adopsi`` rows of ``year`` (of ``agencies`` only, when given): its periodic ratings per current
    agency and period, and those first stored before the period's deadline (``adoption.deadline``, DOMAIN.md
    §9)."""
    # A simple CASE on the month (one lookup a row), not twelve conditions: 2.2 times faster on SQLite.
    late_after = case({m: literal(adoption.deadline(year, m), DateTime) for m in range(1, 13)}, value=skp.c.bulan_akhir)
    on_time = case((and_(skp.c.dicatat_pada.is_not(None), skp.c.dicatat_pada < late_after), 1), else_=0)
    stmt = (
        select(
            skp.c.tahun,
            pegawai.c.instansi_id,
            skp.c.periode,
            func.min(skp.c.bulan_akhir).label("bulan_akhir"),
            func.count().label("baris"),
            func.sum(on_time).label("tepat_waktu"),
        )
        .select_from(skp.join(pegawai, pegawai.c.id == skp.c.pegawai_id))
        .where(skp.c.tahun == year, skp.c.periode != PERIODE_TAHUNAN)
        .group_by(skp.c.tahun, pegawai.c.instansi_id, skp.c.periode)
    )
    return stmt if agencies is None else stmt.where(pegawai.c.instansi_id.in_(agencies))


def refresh_adoption(conn: Connection, years: Sequence[int] | None = None, people: Sequence[int] | None = None) -> None:
    """Recompute ``skp_adopsi`` for ``years`` (every year when None) inside ``conn``'s transaction: after SKP
    rows of those years changed (with ``people``, the employees whose rows changed: only their agencies), or
    (every year) after employees changed agency."""
    if years is None:
        conn.execute(delete(skp_adopsi))
        wanted = [int(y) for y in conn.scalars(select(skp.c.tahun).distinct())]
    else:
        wanted = sorted({int(y) for y in years})
        if not wanted:
            return
    agencies = None
    if people is not None and years is not None:
        who = sorted({int(p) for p in people})
        agencies = sorted(
            {int(a) for a in conn.scalars(select(pegawai.c.instansi_id).where(pegawai.c.id.in_(who)).distinct())}
        )
        if not agencies:
            return
    if years is not None:
        clear = delete(skp_adopsi).where(skp_adopsi.c.tahun.in_(wanted))
        conn.execute(clear if agencies is None else clear.where(skp_adopsi.c.instansi_id.in_(agencies)))
    for year in wanted:
        conn.execute(insert(skp_adopsi).from_select(list(ADOPTION_COLUMNS), adoption_select(year, agencies)))


def load_skp_adoption(engine: Engine, filters: Filters, *, as_of: dt.datetime) -> pd.DataFrame:
    """Per agency in ``filters.tahun``: the input of ``quality.adoption`` (``adoption.expected_and_on_time``):
    the periodic ratings per cadence and end month, those stored by their deadline (from ``skp_adopsi``), and
    the employees rated."""
    if filters.tahun is None:
        raise ValueError("filters.tahun is required")
    year = filters.tahun
    recorded = (
        select(
            instansi.c.kode.label("instansi_kode"),
            skp_adopsi.c.periode,
            func.min(skp_adopsi.c.bulan_akhir).label("bulan_akhir"),
            func.sum(skp_adopsi.c.baris).label("baris"),
            func.sum(skp_adopsi.c.tepat_waktu).label("tepat_waktu"),
        )
        .select_from(skp_adopsi.join(instansi, instansi.c.id == skp_adopsi.c.instansi_id))
        .where(skp_adopsi.c.tahun == year)
        .group_by(instansi.c.kode, skp_adopsi.c.periode)
    )
    people = (
        select(instansi.c.kode.label("instansi_kode"), func.count().label("pegawai"))
        .select_from(skp_tahunan.join(_BY_PERSON, pegawai.c.id == skp_tahunan.c.pegawai_id))
        .where(skp_tahunan.c.tahun == year)
        .group_by(instansi.c.kode)
        .order_by(instansi.c.kode)
    )
    periods = frame(engine, scope_agency(recorded, filters))
    periods["per_tahun"] = periods["periode"].str.startswith("b").map({True: 12, False: 4}).astype("int64")
    return adoption.expected_and_on_time(periods, frame(engine, scope_agency(people, filters)), year, as_of)
