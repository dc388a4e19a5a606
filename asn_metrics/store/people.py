"""Readers for agencies, employees and SKP ratings, aggregated in SQL."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
from sqlalchemy import Engine, Select, and_, func, literal, select

from asn_metrics.db.schema import instansi, pegawai, skp, skp_instansi, skp_tahunan, wilayah
from asn_metrics.filters import Filters
from asn_metrics.reference import PERIODE_TAHUNAN
from asn_metrics.store.base import frame, scope_agency, scope_people

#: Group columns a caller may ask for, with the SQL expression behind each.
PEOPLE_GROUPS: dict[str, Any] = {
    "wilayah_kode": instansi.c.wilayah_kode,
    "instansi_kode": instansi.c.kode,
    "jenis_jabatan": pegawai.c.jenis_jabatan,
    "golongan": pegawai.c.golongan,
    "status": pegawai.c.status,
}


def load_wilayah(engine: Engine) -> pd.DataFrame:
    """Regions: kode, nama, ibu_kota, tingkat (provinsi | kabupaten | kota), ordered by code."""
    stmt = select(wilayah.c.kode, wilayah.c.nama, wilayah.c.ibu_kota, wilayah.c.tingkat).order_by(wilayah.c.kode)
    return frame(engine, stmt)


def load_instansi(engine: Engine, *, wilayah_kode: str | None = None) -> pd.DataFrame:
    """Agencies: kode, nama, wilayah_kode, jenis, induk_kode, pegawai (active employees), ordered by region and name."""
    staff = (
        select(pegawai.c.instansi_id, func.count().label("pegawai"))
        .where(pegawai.c.aktif.is_(True))
        .group_by(pegawai.c.instansi_id)
        .subquery()
    )
    stmt = (
        select(
            instansi.c.kode,
            instansi.c.nama,
            instansi.c.wilayah_kode,
            instansi.c.jenis,
            instansi.c.induk_kode,
            func.coalesce(staff.c.pegawai, 0).label("pegawai"),
        )
        .outerjoin(staff, staff.c.instansi_id == instansi.c.id)
        .order_by(instansi.c.wilayah_kode, instansi.c.nama)
    )
    if wilayah_kode:
        stmt = stmt.where(instansi.c.wilayah_kode == wilayah_kode)
    return frame(engine, stmt)


def load_pegawai_count(engine: Engine, filters: Filters) -> int:
    """Number of active employees within the filters' region, agency and position type."""
    stmt = (
        select(func.count())
        .select_from(pegawai.join(instansi, instansi.c.id == pegawai.c.instansi_id))
        .where(pegawai.c.aktif.is_(True))
    )
    with engine.connect() as conn:
        return int(conn.scalar(scope_people(stmt, filters)) or 0)


def load_skp_years(engine: Engine, *, annual_only: bool = True) -> list[int]:
    """Years with SKP predikat (PermenPANRB 6/2022 ratings), newest first; with ``annual_only``, years with an
    annual (``tahunan``) rating."""
    stmt = (
        select(skp_tahunan.c.tahun)
        .where(skp_tahunan.c.predikat.is_not(None))
        .distinct()
        .order_by(skp_tahunan.c.tahun.desc())
    )
    if annual_only:
        stmt = stmt.where(skp_tahunan.c.periode == PERIODE_TAHUNAN)
    with engine.connect() as conn:
        return [int(y) for y in conn.scalars(stmt)]


#: The groups ``skp_instansi`` holds: counts by these read a few thousand summary rows.
_AGENCY_GROUPS: dict[str, Any] = {
    "wilayah_kode": instansi.c.wilayah_kode,
    "instansi_kode": instansi.c.kode,
    "jenis_jabatan": func.nullif(skp_instansi.c.jenis_jabatan, ""),
}


def standing_counts(
    filters: Filters, years: Sequence[int], by: Sequence[str] = (), *, annual_only: bool = False
) -> Select[Any]:
    """Employees per predikat and year, each counted with the rating that stands for their year (DOMAIN.md §1,
    ``skp_tahunan``): tahun, the group columns of ``by``, predikat, jumlah; scoped by the filters' region, agency
    and position type. ``annual_only`` counts only employees whose year has an annual rating. By region, agency
    or position type the counts come summed from ``skp_instansi``; by golongan or status from ``skp_tahunan``."""
    wanted = [int(y) for y in years]
    if set(by) <= set(_AGENCY_GROUPS):
        groups = [_AGENCY_GROUPS[name].label(name) for name in by]
        stmt = (
            select(
                skp_instansi.c.tahun, *groups, skp_instansi.c.predikat, func.sum(skp_instansi.c.jumlah).label("jumlah")
            )
            .select_from(skp_instansi.join(instansi, instansi.c.id == skp_instansi.c.instansi_id))
            .where(skp_instansi.c.tahun.in_(wanted))
            .group_by(skp_instansi.c.tahun, *groups, skp_instansi.c.predikat)
            .order_by(skp_instansi.c.tahun, *groups, skp_instansi.c.predikat)
        )
        if annual_only:
            stmt = stmt.where(skp_instansi.c.tahunan.is_(True))
        if filters.jenis_jabatan:
            stmt = stmt.where(skp_instansi.c.jenis_jabatan == filters.jenis_jabatan)
        return scope_agency(stmt, filters)
    people = [PEOPLE_GROUPS[name].label(name) for name in by]
    stmt = (
        select(skp_tahunan.c.tahun, *people, skp_tahunan.c.predikat, func.count().label("jumlah"))
        .select_from(
            skp_tahunan.join(pegawai, pegawai.c.id == skp_tahunan.c.pegawai_id).join(
                instansi, instansi.c.id == pegawai.c.instansi_id
            )
        )
        .where(skp_tahunan.c.tahun.in_(wanted), skp_tahunan.c.predikat.is_not(None))
        .group_by(skp_tahunan.c.tahun, *people, skp_tahunan.c.predikat)
        .order_by(skp_tahunan.c.tahun, *people, skp_tahunan.c.predikat)
    )
    if annual_only:
        stmt = stmt.where(skp_tahunan.c.periode == PERIODE_TAHUNAN)
    return scope_people(stmt, filters)


def load_predikat_counts(
    engine: Engine,
    filters: Filters,
    *,
    by: Sequence[str] = (),
    last_period_stands_for_year: bool = True,
) -> pd.DataFrame:
    """Employees per predikat in ``filters.tahun``: the group columns of ``by``, then predikat, jumlah.

    With ``filters.periode`` set to a period, counts that period's ratings. Otherwise counts each
    employee's rating for the year: the annual (``tahunan``) one, and where an agency records only
    periods and ``last_period_stands_for_year`` is true, the last period of the year (DOMAIN.md §1).
    Legacy numeric scores (no predikat) are not counted.
    """
    if filters.tahun is None:
        raise ValueError("filters.tahun is required")
    columns = [*by, "predikat", "jumlah"]
    if filters.periode and filters.periode != PERIODE_TAHUNAN:
        groups = [PEOPLE_GROUPS[name].label(name) for name in by]
        stmt: Select[Any] = (
            select(*groups, skp.c.predikat, func.count().label("jumlah"))
            .select_from(
                skp.join(pegawai, pegawai.c.id == skp.c.pegawai_id).join(
                    instansi, instansi.c.id == pegawai.c.instansi_id
                )
            )
            .where(skp.c.tahun == filters.tahun, skp.c.periode == filters.periode, skp.c.predikat.is_not(None))
            .group_by(*groups, skp.c.predikat)
            .order_by(*groups, skp.c.predikat)
        )
        return frame(engine, scope_people(stmt, filters))[columns]
    standing = standing_counts(filters, [filters.tahun], by, annual_only=not last_period_stands_for_year)
    return frame(engine, standing)[columns]


def load_skp_coverage(engine: Engine, filters: Filters) -> pd.DataFrame:
    """Per agency in ``filters.tahun``: active employees and how many have a rating for the year (any period)."""
    if filters.tahun is None:
        raise ValueError("filters.tahun is required")
    active = select(pegawai.c.instansi_id, func.count().label("pegawai")).where(pegawai.c.aktif.is_(True))
    rated = select(skp_instansi.c.instansi_id, func.sum(skp_instansi.c.jumlah).label("dinilai")).where(
        skp_instansi.c.tahun == filters.tahun, skp_instansi.c.aktif.is_(True)
    )
    if filters.jenis_jabatan:
        active = active.where(pegawai.c.jenis_jabatan == filters.jenis_jabatan)
        rated = rated.where(skp_instansi.c.jenis_jabatan == filters.jenis_jabatan)
    staff = active.group_by(pegawai.c.instansi_id).subquery()
    counted = rated.group_by(skp_instansi.c.instansi_id).subquery()
    stmt = (
        select(
            instansi.c.kode.label("instansi_kode"),
            staff.c.pegawai,
            func.coalesce(counted.c.dinilai, 0).label("dinilai"),
        )
        .select_from(
            staff.join(instansi, instansi.c.id == staff.c.instansi_id).outerjoin(
                counted, counted.c.instansi_id == staff.c.instansi_id
            )
        )
        .order_by(instansi.c.kode)
    )
    result = frame(engine, scope_agency(stmt, filters))
    return result.astype({"pegawai": "int64", "dinilai": "int64"})


def has_legacy_scores(engine: Engine, tahun: int) -> bool:
    """True when ``tahun`` has numeric SKP scores of an older regime."""
    stmt = select(literal(1)).where(and_(skp.c.tahun == tahun, skp.c.nilai.is_not(None))).limit(1)
    with engine.connect() as conn:
        return conn.scalar(stmt) is not None
