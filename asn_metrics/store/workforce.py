"""The workforce in SQL: the profile of one dimension, and retirement and succession per agency (DOMAIN.md §12),
counted over the active employees in scope without loading them.

The age band, the retirement age (BUP) and the retirement date repeat the rules of ``workforce`` (``usia``,
``bup_pegawai``, ``tanggal_pensiun``); a test holds them equal to that module on a generated database.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

import pandas as pd
from sqlalchemy import Engine, Integer, and_, case, cast, extract, func, select

from asn_metrics import reference as ref
from asn_metrics.db.schema import instansi, pegawai, skp_tahunan
from asn_metrics.filters import Filters
from asn_metrics.store.base import frame, scope_people
from asn_metrics.workforce import (
    BUP_AHLI_MADYA,
    BUP_AHLI_UTAMA,
    BUP_DEFAULT,
    PROFILE_DIMENSIONS,
    TIDAK_DIKETAHUI,
    USIA_BATAS,
    USIA_LABEL,
)

_BUP_OTHERS: Final = 58


def _birth(part: str) -> Any:
    return cast(extract(part, pegawai.c.tanggal_lahir), Integer)


def age_at_year_end(tahun: int) -> Any:
    """Age in completed years on 31 December of ``tahun``: no birthday falls after that day."""
    return tahun - _birth("year")


def bup(bup_default: Mapping[str, int] = BUP_DEFAULT) -> Any:
    """The retirement age of each employee (``workforce.bup_pegawai``): their own ``bup`` when recorded, else
    65 for functional 'Ahli Utama' posts, 60 for 'Ahli Madya', else by jenis_jabatan, else 58."""
    jabatan = func.lower(func.coalesce(pegawai.c.jabatan, ""))
    functional = pegawai.c.jenis_jabatan == "fungsional"
    return case(
        (pegawai.c.bup.is_not(None), pegawai.c.bup),
        (and_(functional, jabatan.like("%ahli utama%")), BUP_AHLI_UTAMA),
        (and_(functional, jabatan.like("%ahli madya%")), BUP_AHLI_MADYA),
        *((pegawai.c.jenis_jabatan == jenis, years) for jenis, years in bup_default.items()),
        else_=_BUP_OTHERS,
    )


def retirement_month() -> Any:
    """The retirement date as a month number, year × 12 + (month − 1): the first day of the month after the
    employee reaches BUP (``workforce.tanggal_pensiun``)."""
    return (_birth("year") + bup()) * 12 + _birth("month")


def retires_by_year_end(tahun: int) -> Any:
    """True when the retirement date falls before 31 December of ``tahun`` (on the 1st of December at the latest)."""
    return retirement_month() <= tahun * 12 + 11


def _active(*columns: Any) -> Any:
    return (
        select(*columns)
        .select_from(pegawai.join(instansi, instansi.c.id == pegawai.c.instansi_id))
        .where(pegawai.c.aktif.is_(True))
    )


def load_profile(engine: Engine, filters: Filters, *, dimension: str, tahun: int) -> pd.DataFrame:
    """The active workforce in scope by ``dimension`` (a ``workforce.PROFILE_DIMENSIONS`` entry; the age band
    on 31 December of ``tahun``), as ``workforce.workforce_profile(by=())`` gives it: dimensi, kategori, jumlah,
    persen; missing values counted as 'Tidak diketahui'."""
    if dimension not in PROFILE_DIMENSIONS:
        raise ValueError(f"unknown workforce dimension {dimension!r}")
    if dimension == "kelompok_usia":
        age = age_at_year_end(tahun)
        bands = [(age < upper, label) for upper, label in zip(USIA_BATAS[1:], USIA_LABEL, strict=False)]
        category: Any = case(*bands, else_=USIA_LABEL[-1])
    else:
        category = func.coalesce(pegawai.c[dimension], TIDAK_DIKETAHUI)
    stmt = scope_people(_active(category.label("kategori"), func.count().label("jumlah")), filters).group_by(category)
    out = frame(engine, stmt)
    out["jumlah"] = out["jumlah"].astype("int64")
    out = out.sort_values("kategori", kind="stable").reset_index(drop=True)
    out.insert(0, "dimensi", dimension)
    out["persen"] = out["jumlah"] / out["jumlah"].sum() * 100.0 if len(out) else pd.Series(dtype="float64")
    return out


def _good(tahun: int) -> tuple[Any, Any]:
    """The employees joined to the rating that stands for their ``tahun`` (DOMAIN.md §1), and that row."""
    year = skp_tahunan.alias("t")
    joined = pegawai.join(instansi, instansi.c.id == pegawai.c.instansi_id).outerjoin(
        year, and_(year.c.pegawai_id == pegawai.c.id, year.c.tahun == tahun)
    )
    return joined, year


def load_retirement(engine: Engine, filters: Filters, *, tahun: int, years: int = 5) -> pd.DataFrame:
    """Per agency in scope, of its active employees: ``aktif``; ``pensiun``, those whose retirement date falls
    before 31 December of ``tahun`` + ``years`` (``workforce.retiring_within`` from 31 December of ``tahun``,
    past-BUP included); ``jumlah_sb_baik``, those rated Sangat Baik or Baik in ``tahun``; and
    ``jumlah_pensiun``, those of them who retire in that time (``workforce.succession_risk``)."""
    joined, year = _good(tahun)
    good = year.c.predikat.in_(ref.BAIK_KE_ATAS)
    leaving = retires_by_year_end(tahun + years)
    stmt = (
        select(
            instansi.c.kode.label("instansi_kode"),
            func.count().label("aktif"),
            func.sum(case((leaving, 1), else_=0)).label("pensiun"),
            func.sum(case((good, 1), else_=0)).label("jumlah_sb_baik"),
            func.sum(case((and_(good, leaving), 1), else_=0)).label("jumlah_pensiun"),
        )
        .select_from(joined)
        .where(pegawai.c.aktif.is_(True))
        .group_by(instansi.c.kode)
        .order_by(instansi.c.kode)
    )
    out = frame(engine, scope_people(stmt, filters))
    for column in ("aktif", "pensiun", "jumlah_sb_baik", "jumlah_pensiun"):
        out[column] = out[column].astype("int64")
    return out


def best_retiring_list(filters: Filters, tahun: int, years: int = 5) -> tuple[Any, tuple[Any, ...]]:
    """The active employees rated Sangat Baik or Baik in ``tahun`` who retire before 31 December of
    ``tahun`` + ``years`` (their number is ``load_retirement``'s jumlah_pensiun): nip, nama_pegawai,
    instansi_kode, jabatan, predikat, bulan_pensiun (``retirement_month``); with its order, by date and NIP."""
    joined, year = _good(tahun)
    month = retirement_month()
    stmt = (
        select(
            pegawai.c.nip,
            pegawai.c.nama.label("nama_pegawai"),
            instansi.c.kode.label("instansi_kode"),
            pegawai.c.jabatan,
            year.c.predikat,
            month.label("bulan_pensiun"),
        )
        .select_from(joined)
        .where(pegawai.c.aktif.is_(True), year.c.predikat.in_(ref.BAIK_KE_ATAS), retires_by_year_end(tahun + years))
    )
    return scope_people(stmt, filters), (month, pegawai.c.nip)


def with_retirement_date(rows: pd.DataFrame) -> pd.DataFrame:
    """``rows`` with ``bulan_pensiun`` turned into the date ``tanggal_pensiun``."""
    out = rows.copy()
    months = out.pop("bulan_pensiun").astype("int64")
    dates = pd.DataFrame({"year": months // 12, "month": months % 12 + 1, "day": 1})
    out["tanggal_pensiun"] = pd.to_datetime(dates) if len(out) else pd.Series(dtype="datetime64[ns]")
    return out
