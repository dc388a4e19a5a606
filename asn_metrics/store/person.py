"""Readers about one employee: search by name or NIP, their history, and the services they processed."""

from __future__ import annotations

from typing import Any

import pandas as pd
from sqlalchemy import ColumnElement, Engine, Select, false, func, or_, select

from asn_metrics.db.schema import disiplin, instansi, layanan, pegawai, pelatihan, skp
from asn_metrics.filters import Filters
from asn_metrics.store.base import frame, scope_people
from asn_metrics.store.records import layanan_frame, layanan_select, pegawai_frame, pegawai_select
from asn_metrics.store.services import year_bounds


def _readable(stmt: Select[Any], filters: Filters, agency_id: Any = pegawai.c.instansi_id) -> Select[Any]:
    """Only what the account may read of one person: nothing without personal data (a guest), and only people
    of the account's agencies (``filters.lingkup``), whatever NIP was asked for."""
    if not filters.pribadi:
        return stmt.where(false())
    if filters.lingkup is not None:
        stmt = stmt.where(agency_id.in_(select(instansi.c.id).where(instansi.c.kode.in_(filters.lingkup))))
    return stmt


def search_pegawai(engine: Engine, text: str, filters: Filters, *, limit: int = 50) -> pd.DataFrame:
    """Employees whose name contains ``text`` (any case) or whose NIP starts with its digits, within the
    filters' region, agency and position type: nip, nama, instansi_kode, instansi_nama, jabatan, aktif. Nothing
    for an account without personal data."""
    text = text.strip()
    if not text or not filters.pribadi:
        return pd.DataFrame(columns=["nip", "nama", "instansi_kode", "instansi_nama", "jabatan", "aktif"])
    digits = "".join(ch for ch in text if ch.isdigit())
    condition: ColumnElement[bool] = func.lower(pegawai.c.nama).like(f"%{text.lower()}%")
    if digits:
        condition = or_(condition, pegawai.c.nip.like(f"{digits}%"))
    stmt = (
        select(
            pegawai.c.nip,
            pegawai.c.nama,
            instansi.c.kode.label("instansi_kode"),
            instansi.c.nama.label("instansi_nama"),
            pegawai.c.jabatan,
            pegawai.c.aktif,
        )
        .select_from(pegawai.join(instansi, instansi.c.id == pegawai.c.instansi_id))
        .where(condition)
        .order_by(pegawai.c.nama, pegawai.c.nip)
        .limit(limit)
    )
    result = frame(engine, scope_people(stmt, filters))
    result["aktif"] = result["aktif"].astype(bool)
    return result


def load_person(engine: Engine, nip: str, filters: Filters) -> pd.DataFrame:
    """The employee with ``nip`` (0 or 1 row): the columns of ``load_pegawai`` plus instansi_nama."""
    stmt = pegawai_select(instansi.c.nama.label("instansi_nama"))
    return pegawai_frame(engine, _readable(stmt.where(pegawai.c.nip == nip), filters))


def load_person_skp(engine: Engine, nip: str, filters: Filters) -> pd.DataFrame:
    """All SKP rows of one employee: nip, instansi_kode, tahun, periode, bulan_akhir, the two ratings, predikat."""
    stmt = (
        select(
            pegawai.c.nip,
            instansi.c.kode.label("instansi_kode"),
            skp.c.tahun,
            skp.c.periode,
            skp.c.bulan_akhir,
            skp.c.rating_hasil_kerja,
            skp.c.rating_perilaku_kerja,
            skp.c.predikat,
        )
        .select_from(
            skp.join(pegawai, pegawai.c.id == skp.c.pegawai_id).join(instansi, instansi.c.id == pegawai.c.instansi_id)
        )
        .where(pegawai.c.nip == nip)
        .order_by(skp.c.tahun, skp.c.bulan_akhir)
    )
    return frame(engine, _readable(stmt, filters))


def load_person_pelatihan(engine: Engine, nip: str, filters: Filters) -> pd.DataFrame:
    """All training of one employee: nip, nama_pelatihan, tanggal_mulai, jp, jenis."""
    stmt = (
        select(pegawai.c.nip, pelatihan.c.nama_pelatihan, pelatihan.c.tanggal_mulai, pelatihan.c.jp, pelatihan.c.jenis)
        .select_from(pelatihan.join(pegawai, pegawai.c.id == pelatihan.c.pegawai_id))
        .where(pegawai.c.nip == nip)
        .order_by(pelatihan.c.tanggal_mulai)
    )
    result = frame(engine, _readable(stmt, filters))
    result["jp"] = result["jp"].astype("float64")
    result["tanggal_mulai"] = pd.to_datetime(result["tanggal_mulai"])
    return result


def load_person_disiplin(engine: Engine, nip: str, filters: Filters) -> pd.DataFrame:
    """Disciplinary sanctions of one employee: nip, tanggal, tingkat."""
    stmt = (
        select(pegawai.c.nip, disiplin.c.tanggal, disiplin.c.tingkat)
        .select_from(disiplin.join(pegawai, pegawai.c.id == disiplin.c.pegawai_id))
        .where(pegawai.c.nip == nip)
        .order_by(disiplin.c.tanggal)
    )
    result = frame(engine, _readable(stmt, filters))
    result["tanggal"] = pd.to_datetime(result["tanggal"])
    return result


def load_officer_layanan(engine: Engine, nip: str, tahun: int, filters: Filters) -> pd.DataFrame:
    """Services processed by the officer ``nip`` (``layanan.petugas_nip``) and received in ``tahun``, in the
    column contract of ``load_layanan``; only the account's agencies' services."""
    start, end = year_bounds(tahun)
    stmt = layanan_select().where(
        layanan.c.petugas_nip == nip, layanan.c.tanggal_masuk >= start, layanan.c.tanggal_masuk < end
    )
    return layanan_frame(engine, _readable(stmt, filters, layanan.c.instansi_id))
