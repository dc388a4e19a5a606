"""Readers that return the rows of one year within the filters, in the column contracts the metrics expect.

Each projects only the columns a metric needs and pushes the year, region and agency filters into SQL, so
a page loads one year of one scope, never a whole table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pandas as pd
from sqlalchemy import Column, Engine, Select, case, func, select

from asn_metrics.db.schema import (
    disiplin,
    indikator,
    instansi,
    layanan,
    pegawai,
    pelatihan,
    pengaduan,
    skm,
    skm_ringkas,
    skp,
    skp_tahunan,
)
from asn_metrics.filters import Filters
from asn_metrics.reference import UNSUR_KOLOM
from asn_metrics.store.base import frame, scope_agency, scope_people

_AGENCY = (instansi.c.kode.label("instansi_kode"), instansi.c.wilayah_kode)


def _year(filters: Filters) -> int:
    if filters.tahun is None:
        raise ValueError("filters.tahun is required")
    return filters.tahun


def _in_year(column: Column[Any], tahun: int, *, dates: bool = False) -> Any:
    start: dt.date = dt.date(tahun, 1, 1) if dates else dt.datetime(tahun, 1, 1)
    end: dt.date = dt.date(tahun + 1, 1, 1) if dates else dt.datetime(tahun + 1, 1, 1)
    return (column >= start) & (column < end)


def _dates(result: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    for name in columns:
        result[name] = pd.to_datetime(result[name])
    return result


def pegawai_select(*extra: Any) -> Select[Any]:
    """The employee columns of the pegawai contract (plus ``extra``), joined to their agency."""
    return select(
        pegawai.c.nip,
        pegawai.c.nama,
        *_AGENCY,
        *extra,
        pegawai.c.status,
        pegawai.c.jenis_kelamin,
        pegawai.c.tanggal_lahir,
        pegawai.c.golongan,
        pegawai.c.jabatan,
        pegawai.c.jenis_jabatan,
        pegawai.c.pendidikan,
        pegawai.c.aktif,
        pegawai.c.bup,
    ).select_from(pegawai.join(instansi, instansi.c.id == pegawai.c.instansi_id))


def pegawai_frame(engine: Engine, stmt: Select[Any]) -> pd.DataFrame:
    """Run a ``pegawai_select`` statement with the contract's dtypes."""
    result = frame(engine, stmt)
    result["aktif"] = result["aktif"].astype(bool)
    result["bup"] = result["bup"].astype("Int64")
    return _dates(result, ["tanggal_lahir"])


def load_pegawai(engine: Engine, filters: Filters, *, active_only: bool = False) -> pd.DataFrame:
    """Employees in scope: nip, nama, instansi_kode, wilayah_kode, status, jenis_kelamin, tanggal_lahir,
    golongan, jabatan, jenis_jabatan, pendidikan, aktif, bup."""
    stmt = pegawai_select()
    if active_only:
        stmt = stmt.where(pegawai.c.aktif.is_(True))
    return pegawai_frame(engine, scope_people(stmt, filters).order_by(pegawai.c.nip))


def _skp_select() -> Select[Any]:
    return (
        select(
            pegawai.c.nip,
            *_AGENCY,
            pegawai.c.jenis_jabatan,
            pegawai.c.golongan,
            skp.c.tahun,
            skp.c.periode,
            skp.c.bulan_akhir,
            skp.c.rating_hasil_kerja,
            skp.c.rating_perilaku_kerja,
            skp.c.predikat,
            skp.c.nilai,
            skp.c.regime,
        )
        .select_from(
            skp.join(pegawai, pegawai.c.id == skp.c.pegawai_id).join(instansi, instansi.c.id == pegawai.c.instansi_id)
        )
        .order_by(pegawai.c.nip, skp.c.tahun, skp.c.bulan_akhir)
    )


def load_skp(engine: Engine, filters: Filters, *, years: Sequence[int]) -> pd.DataFrame:
    """SKP rows of ``years`` in scope: nip, instansi_kode, wilayah_kode, jenis_jabatan, golongan, tahun, periode,
    bulan_akhir, rating_hasil_kerja, rating_perilaku_kerja, predikat, nilai, regime."""
    return frame(engine, scope_people(_skp_select().where(skp.c.tahun.in_(list(years))), filters))


def layanan_select() -> Select[Any]:
    """The service columns of the layanan contract, joined to their agency."""
    return select(
        *_AGENCY,
        layanan.c.nomor,
        layanan.c.jenis_layanan,
        layanan.c.tanggal_masuk,
        layanan.c.tanggal_selesai,
        layanan.c.durasi_jam,
        layanan.c.status,
        layanan.c.kanal,
        layanan.c.petugas_nip,
    ).select_from(layanan.join(instansi, instansi.c.id == layanan.c.instansi_id))


def layanan_frame(engine: Engine, stmt: Select[Any]) -> pd.DataFrame:
    """Run a ``layanan_select`` statement with the contract's dtypes."""
    result = frame(engine, stmt)
    result["durasi_jam"] = result["durasi_jam"].astype("float64")
    return _dates(result, ["tanggal_masuk", "tanggal_selesai"])


def load_layanan(engine: Engine, filters: Filters) -> pd.DataFrame:
    """Service transactions received in ``filters.tahun``: instansi_kode, wilayah_kode, nomor, jenis_layanan,
    tanggal_masuk, tanggal_selesai, durasi_jam, status, kanal, petugas_nip."""
    stmt = layanan_select().where(_in_year(layanan.c.tanggal_masuk, _year(filters)))
    return layanan_frame(engine, scope_agency(stmt, filters))


def load_skm(engine: Engine, filters: Filters) -> pd.DataFrame:
    """Survey responses dated in ``filters.tahun``: instansi_kode, wilayah_kode, tanggal, jenis_layanan, u1..u9."""
    stmt = (
        select(*_AGENCY, skm.c.tanggal, skm.c.jenis_layanan, *(skm.c[u] for u in UNSUR_KOLOM))
        .select_from(skm.join(instansi, instansi.c.id == skm.c.instansi_id))
        .where(_in_year(skm.c.tanggal, _year(filters), dates=True))
    )
    return _dates(frame(engine, scope_agency(stmt, filters)), ["tanggal"])


#: Group columns of ``load_skm_sums``.
SKM_SUM_GROUPS: dict[str, Any] = {"wilayah_kode": instansi.c.wilayah_kode, "instansi_kode": instansi.c.kode}


def load_skm_sums(engine: Engine, filters: Filters, *, by: Sequence[str] = ()) -> pd.DataFrame:
    """Survey sums per group of ``by`` in ``filters.tahun`` from ``skm_ringkas``: responden, s_u1..s_u9, s_skor,
    ss_skor, identik (``survey.SUM_COLUMNS``); the input of ``survey.ikm_from_sums``. No response: no row."""
    keys = [SKM_SUM_GROUPS[name].label(name) for name in by]
    names = ("responden", *(f"s_{u}" for u in UNSUR_KOLOM), "s_skor", "ss_skor", "identik")
    stmt = (
        select(*keys, *(func.sum(skm_ringkas.c[name]).label(name) for name in names))
        .select_from(skm_ringkas.join(instansi, instansi.c.id == skm_ringkas.c.instansi_id))
        .where(skm_ringkas.c.tahun == _year(filters))
        .group_by(*keys)
        .having(func.count() > 0)
        .order_by(*keys)
    )
    result = frame(engine, scope_agency(stmt, filters))
    if result.empty:
        return pd.DataFrame(columns=[*by, *names])
    return result.astype(dict.fromkeys(names, "int64"))


def load_pengaduan(engine: Engine, filters: Filters) -> pd.DataFrame:
    """Complaints received in ``filters.tahun``: instansi_kode, wilayah_kode, nomor, tanggal_masuk,
    tanggal_tanggapan, tanggal_selesai, kanal, kategori, status."""
    stmt = (
        select(
            *_AGENCY,
            pengaduan.c.nomor,
            pengaduan.c.tanggal_masuk,
            pengaduan.c.tanggal_tanggapan,
            pengaduan.c.tanggal_selesai,
            pengaduan.c.kanal,
            pengaduan.c.kategori,
            pengaduan.c.status,
        )
        .select_from(pengaduan.join(instansi, instansi.c.id == pengaduan.c.instansi_id))
        .where(_in_year(pengaduan.c.tanggal_masuk, _year(filters)))
    )
    return _dates(frame(engine, scope_agency(stmt, filters)), ["tanggal_masuk", "tanggal_tanggapan", "tanggal_selesai"])


def load_indikator(engine: Engine, filters: Filters) -> pd.DataFrame:
    """LKjIP indicators of ``filters.tahun``: instansi_kode, wilayah_kode, tahun, periode, indikator, target,
    realisasi, satuan, arah, metode_turun, sasaran."""
    stmt = (
        select(
            *_AGENCY,
            indikator.c.tahun,
            indikator.c.periode,
            indikator.c.indikator,
            indikator.c.target,
            indikator.c.realisasi,
            indikator.c.satuan,
            indikator.c.arah,
            indikator.c.metode_turun,
            indikator.c.sasaran,
        )
        .select_from(indikator.join(instansi, instansi.c.id == indikator.c.instansi_id))
        .where(indikator.c.tahun == _year(filters))
        .order_by(instansi.c.kode, indikator.c.periode, indikator.c.indikator)
    )
    result = frame(engine, scope_agency(stmt, filters))
    for name in ("target", "realisasi"):
        result[name] = result[name].astype("float64")
    return result


def load_pelatihan(engine: Engine, filters: Filters) -> pd.DataFrame:
    """Training that started in ``filters.tahun``: nip, instansi_kode, nama_pelatihan, tanggal_mulai,
    tanggal_selesai, jp, jenis."""
    stmt = (
        select(
            pegawai.c.nip,
            instansi.c.kode.label("instansi_kode"),
            pelatihan.c.nama_pelatihan,
            pelatihan.c.tanggal_mulai,
            pelatihan.c.tanggal_selesai,
            pelatihan.c.jp,
            pelatihan.c.jenis,
        )
        .select_from(
            pelatihan.join(pegawai, pegawai.c.id == pelatihan.c.pegawai_id).join(
                instansi, instansi.c.id == pegawai.c.instansi_id
            )
        )
        .where(_in_year(pelatihan.c.tanggal_mulai, _year(filters), dates=True))
    )
    result = frame(engine, scope_people(stmt, filters))
    result["jp"] = result["jp"].astype("float64")
    return _dates(result, ["tanggal_mulai", "tanggal_selesai"])


def load_disiplin(engine: Engine, filters: Filters) -> pd.DataFrame:
    """Disciplinary sanctions decided in ``filters.tahun``: nip, instansi_kode, tanggal, tingkat."""
    stmt = (
        select(pegawai.c.nip, instansi.c.kode.label("instansi_kode"), disiplin.c.tanggal, disiplin.c.tingkat)
        .select_from(
            disiplin.join(pegawai, pegawai.c.id == disiplin.c.pegawai_id).join(
                instansi, instansi.c.id == pegawai.c.instansi_id
            )
        )
        .where(_in_year(disiplin.c.tanggal, _year(filters), dates=True))
    )
    return _dates(frame(engine, scope_people(stmt, filters)), ["tanggal"])


def load_standing(engine: Engine, filters: Filters, *, years: Sequence[int]) -> pd.DataFrame:
    """Each employee's rating that stands for each of ``years`` (DOMAIN.md §1, from ``skp_tahunan``), in the
    output contract of ``skp.annual_predikat``: nip, tahun, predikat, sumber_periode, instansi_kode,
    wilayah_kode, jenis_jabatan, golongan; ordered by nip and year."""
    stmt = (
        select(
            pegawai.c.nip,
            skp_tahunan.c.tahun,
            skp_tahunan.c.predikat,
            skp_tahunan.c.periode.label("sumber_periode"),
            *_AGENCY,
            pegawai.c.jenis_jabatan,
            pegawai.c.golongan,
        )
        .select_from(
            skp_tahunan.join(pegawai, pegawai.c.id == skp_tahunan.c.pegawai_id).join(
                instansi, instansi.c.id == pegawai.c.instansi_id
            )
        )
        .where(skp_tahunan.c.tahun.in_([int(y) for y in years]), skp_tahunan.c.predikat.is_not(None))
        .order_by(pegawai.c.nip, skp_tahunan.c.tahun)
    )
    result = frame(engine, scope_people(stmt, filters))
    result["tahun"] = result["tahun"].astype("int64")
    return result


def trained_in_year(tahun: int) -> Any:
    """Per employee with training started in ``tahun``: pegawai_id and the JP summed (DOMAIN.md §6), a subquery
    read from the ``(tanggal_mulai, pegawai_id, jp)`` index alone."""
    return (
        select(pelatihan.c.pegawai_id, func.sum(pelatihan.c.jp).label("jp"))
        .where(_in_year(pelatihan.c.tanggal_mulai, tahun, dates=True))
        .group_by(pelatihan.c.pegawai_id)
        .subquery()
    )


def _jp_statement(tahun: int) -> Select[Any]:
    """Per active employee: nip, instansi_kode and the JP of trainings started in ``tahun`` (0 when none)."""
    trained = trained_in_year(tahun)
    return (
        select(pegawai.c.nip, instansi.c.kode.label("instansi_kode"), func.coalesce(trained.c.jp, 0).label("jp"))
        .select_from(
            pegawai.join(instansi, instansi.c.id == pegawai.c.instansi_id).outerjoin(
                trained, trained.c.pegawai_id == pegawai.c.id
            )
        )
        .where(pegawai.c.aktif.is_(True))
    )


def load_jp_summary(
    engine: Engine, filters: Filters, *, by: Sequence[str] = ("instansi_kode",), minimum_jp: float = 20.0
) -> pd.DataFrame:
    """``development.jp_summary`` in SQL (DOMAIN.md §6), per agency (``by=("instansi_kode",)``) or overall
    (``by=()``): jumlah_pegawai (active), rerata_jp, jumlah_memenuhi_20_jp (at least ``minimum_jp`` JP in
    ``filters.tahun``), persen_memenuhi_20_jp."""
    per_person = scope_people(_jp_statement(_year(filters)), filters).subquery()
    keys = [per_person.c[name] for name in by]
    stmt = (
        select(
            *keys,
            func.count().label("jumlah_pegawai"),
            func.avg(per_person.c.jp).label("rerata_jp"),
            func.sum(case((per_person.c.jp >= minimum_jp, 1), else_=0)).label("jumlah_memenuhi_20_jp"),
        )
        .group_by(*keys)
        .having(func.count() > 0)
        .order_by(*keys)
    )
    result = frame(engine, stmt)
    columns = [*by, "jumlah_pegawai", "rerata_jp", "jumlah_memenuhi_20_jp", "persen_memenuhi_20_jp"]
    if result.empty:
        return pd.DataFrame(columns=columns)
    result = result.astype({"jumlah_pegawai": "int64", "rerata_jp": "float64", "jumlah_memenuhi_20_jp": "int64"})
    result["persen_memenuhi_20_jp"] = result["jumlah_memenuhi_20_jp"] / result["jumlah_pegawai"] * 100.0
    return result[columns]


def load_jp_per_pegawai(engine: Engine, filters: Filters, *, minimum_jp: float = 20.0) -> pd.DataFrame:
    """JP per active employee in ``filters.tahun``, summed in SQL, in the output contract of
    ``development.jp_per_pegawai`` (DOMAIN.md §6): nip, instansi_kode, tahun, jp, memenuhi_20_jp."""
    tahun = _year(filters)
    stmt = _jp_statement(tahun).order_by(pegawai.c.nip)
    result = frame(engine, scope_people(stmt, filters))
    result.insert(2, "tahun", tahun)
    result["jp"] = result["jp"].astype("float64")
    result["memenuhi_20_jp"] = result["jp"] >= minimum_jp
    return result
