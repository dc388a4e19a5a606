"""Readers for public-service transactions, aggregated in SQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pandas as pd
from sqlalchemy import Engine, Select, and_, case, func, select

from asn_metrics.db.schema import (
    instansi,
    jenis_layanan,
    layanan,
    layanan_bulanan,
    layanan_durasi,
    standar_layanan_wilayah,
)
from asn_metrics.filters import Filters
from asn_metrics.store.base import frame, scope_agency
from asn_metrics.store.records import layanan_frame, layanan_select

SERVICE_GROUPS: dict[str, Any] = {
    "instansi_id": layanan.c.instansi_id,
    "wilayah_kode": instansi.c.wilayah_kode,
    "instansi_kode": instansi.c.kode,
    "jenis_layanan": layanan.c.jenis_layanan,
    "tahun": func.extract("year", layanan.c.tanggal_masuk),
    "bulan_ke": func.extract("month", layanan.c.tanggal_masuk),
}


def year_bounds(tahun: int) -> tuple[dt.datetime, dt.datetime]:
    return dt.datetime(tahun, 1, 1), dt.datetime(tahun + 1, 1, 1)


def load_standar_layanan(engine: Engine) -> pd.DataFrame:
    """Service standards: jenis_layanan, wilayah_kode (None = the default), standar_jam (DOMAIN.md §3)."""
    defaults = select(jenis_layanan.c.kode.label("jenis_layanan"), jenis_layanan.c.standar_jam)
    regional = select(standar_layanan_wilayah)
    base = frame(engine, defaults).assign(wilayah_kode=None)
    return pd.concat([base, frame(engine, regional)], ignore_index=True)[
        ["jenis_layanan", "wilayah_kode", "standar_jam"]
    ]


def timeliness_statement(by: Sequence[str] = ()) -> Select[Any]:
    """Per group of ``by`` (keys of ``SERVICE_GROUPS``): jumlah (received), selesai (finished: status 'selesai'
    with a processing time), dengan_standar
    (finished with a standard set) and tepat_waktu (finished within the regional, else default, standard of
    DOMAIN.md §3); no date or scope restriction yet."""
    standard = func.coalesce(standar_layanan_wilayah.c.standar_jam, jenis_layanan.c.standar_jam)
    # As service.service_speed: finished = status 'selesai' with a processing time (negative times ignored);
    # a rejected application (ditolak) has a time but issued nothing (DOMAIN.md §3).
    finished = and_(layanan.c.status == "selesai", layanan.c.durasi_jam.is_not(None), layanan.c.durasi_jam >= 0)
    keys = [SERVICE_GROUPS[name].label(name) for name in by]
    return (
        select(
            *keys,
            func.count().label("jumlah"),
            func.sum(case((finished, 1), else_=0)).label("selesai"),
            func.sum(case((and_(finished, standard.is_not(None)), 1), else_=0)).label("dengan_standar"),
            func.sum(case((and_(finished, layanan.c.durasi_jam <= standard), 1), else_=0)).label("tepat_waktu"),
        )
        .select_from(
            layanan.join(instansi, instansi.c.id == layanan.c.instansi_id)
            .join(jenis_layanan, jenis_layanan.c.kode == layanan.c.jenis_layanan)
            .outerjoin(
                standar_layanan_wilayah,
                and_(
                    standar_layanan_wilayah.c.jenis_layanan == layanan.c.jenis_layanan,
                    standar_layanan_wilayah.c.wilayah_kode == instansi.c.wilayah_kode,
                ),
            )
        )
        .group_by(*keys)
        .order_by(*keys)
    )


#: Group columns of the summary readers, over ``layanan_bulanan`` joined to ``instansi``.
SUMMARY_GROUPS: dict[str, Any] = {
    "wilayah_kode": instansi.c.wilayah_kode,
    "instansi_kode": instansi.c.kode,
    "jenis_layanan": layanan_bulanan.c.jenis_layanan,
    "tahun": layanan_bulanan.c.tahun,
    "bulan_ke": layanan_bulanan.c.bulan_ke,
}


def summed_timeliness(by: Sequence[str] = ()) -> Select[Any]:
    """``timeliness_statement``'s columns per group of ``by``, summed from ``layanan_bulanan``; no date or scope
    restriction yet."""
    keys = [SUMMARY_GROUPS[name].label(name) for name in by]
    names = ("jumlah", "selesai", "dengan_standar", "tepat_waktu")
    counts = [func.coalesce(func.sum(layanan_bulanan.c[name]), 0).label(name) for name in names]
    return (
        select(*keys, *counts)
        .select_from(layanan_bulanan.join(instansi, instansi.c.id == layanan_bulanan.c.instansi_id))
        .group_by(*keys)
        .order_by(*keys)
    )


def timeliness_frame(engine: Engine, stmt: Select[Any]) -> pd.DataFrame:
    result = frame(engine, stmt)
    for name in ("jumlah", "selesai", "dengan_standar", "tepat_waktu", "tahun", "bulan_ke"):
        if name in result.columns:
            result[name] = result[name].astype("int64")
    return result


def load_service_timeliness_counts(engine: Engine, filters: Filters, *, by: Sequence[str] = ()) -> pd.DataFrame:
    """Per group in ``filters.tahun``: jumlah (received), selesai (finished), dengan_standar (finished with a
    standard set) and tepat_waktu (finished within the regional, else default, standard of DOMAIN.md §3)."""
    if filters.tahun is None:
        raise ValueError("filters.tahun is required")
    stmt = summed_timeliness(by).where(layanan_bulanan.c.tahun == filters.tahun)
    return timeliness_frame(engine, scope_agency(stmt, filters))


#: Group columns of ``load_service_durations``, over ``layanan_durasi`` joined to ``instansi``.
DURATION_GROUPS: dict[str, Any] = {
    "wilayah_kode": instansi.c.wilayah_kode,
    "instansi_kode": instansi.c.kode,
    "jenis_layanan": layanan_durasi.c.jenis_layanan,
}


def load_service_durations(engine: Engine, filters: Filters, *, by: Sequence[str] = ()) -> pd.DataFrame:
    """Per group of ``by`` in ``filters.tahun``: each distinct processing time of the finished applications
    (durasi_jam) and how many had it (jumlah), from ``layanan_durasi``; for exact percentiles."""
    if filters.tahun is None:
        raise ValueError("filters.tahun is required")
    keys = [DURATION_GROUPS[name].label(name) for name in by]
    stmt = (
        select(*keys, layanan_durasi.c.durasi_jam, func.sum(layanan_durasi.c.jumlah).label("jumlah"))
        .select_from(layanan_durasi.join(instansi, instansi.c.id == layanan_durasi.c.instansi_id))
        .where(layanan_durasi.c.tahun == filters.tahun)
        .group_by(*keys, layanan_durasi.c.durasi_jam)
    )
    if {"instansi_kode", "jenis_layanan"} <= set(by):  # the summary's own key: each row is a group already
        stmt = stmt.with_only_columns(*keys, layanan_durasi.c.durasi_jam, layanan_durasi.c.jumlah).group_by(None)
    result = frame(engine, scope_agency(stmt, filters))
    if result.empty:
        return pd.DataFrame(columns=[*by, "durasi_jam", "jumlah"])
    return result.astype({"durasi_jam": "float64", "jumlah": "int64"})


def load_open_services(engine: Engine, filters: Filters) -> pd.DataFrame:
    """The applications received in ``filters.tahun`` that are still open (status 'proses', not finished), with
    ``load_layanan``'s columns; the backlog of DOMAIN.md §3."""
    if filters.tahun is None:
        raise ValueError("filters.tahun is required")
    start, end = year_bounds(filters.tahun)
    stmt = layanan_select().where(
        layanan.c.tanggal_masuk >= start,
        layanan.c.tanggal_masuk < end,
        layanan.c.status == "proses",
        layanan.c.tanggal_selesai.is_(None),
    )
    return layanan_frame(engine, scope_agency(stmt, filters))


def load_last_received(engine: Engine, filters: Filters) -> dt.datetime | None:
    """When the newest application of ``filters.tahun`` in scope was received (None: none)."""
    if filters.tahun is None:
        raise ValueError("filters.tahun is required")
    start, end = year_bounds(filters.tahun)
    stmt = (
        select(func.max(layanan.c.tanggal_masuk))
        .select_from(layanan.join(instansi, instansi.c.id == layanan.c.instansi_id))
        .where(layanan.c.tanggal_masuk >= start, layanan.c.tanggal_masuk < end)
    )
    with engine.connect() as conn:
        value = conn.scalar(scope_agency(stmt, filters))
    return None if value is None else pd.Timestamp(value).to_pydatetime()
