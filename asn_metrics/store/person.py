"""Readers about one employee: search by name or NIP, their history, and the services they processed."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import ColumnElement, Engine, func, or_, select

from asn_metrics.db.schema import disiplin, instansi, layanan, pegawai, pelatihan, skp
from asn_metrics.filters import Filters
from asn_metrics.store.base import frame, scope_people
from asn_metrics.store.records import layanan_frame, layanan_select, pegawai_frame, pegawai_select
from asn_metrics.store.services import year_bounds


def search_pegawai(engine: Engine, text: str, filters: Filters, *, limit: int = 50) -> pd.DataFrame:
    """Employees whose name contains ``text`` (any case) or whose NIP starts with its digits, within the
    filters' region, agency and position type: nip, nama, instansi_kode, instansi_nama, jabatan, aktif."""
    text = text.strip()
    if not text:
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


def load_person(engine: Engine, nip: str) -> pd.DataFrame:
    """The employee with ``nip`` (0 or 1 row): the columns of ``load_pegawai`` plus instansi_nama."""
    stmt = pegawai_select(instansi.c.nama.label("instansi_nama"))
    return pegawai_frame(engine, stmt.where(pegawai.c.nip == nip))


def load_person_skp(engine: Engine, nip: str) -> pd.DataFrame:
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
    return frame(engine, stmt)


def load_person_pelatihan(engine: Engine, nip: str) -> pd.DataFrame:
    """All training of one employee: nip, nama_pelatihan, tanggal_mulai, jp, jenis."""
    stmt = (
        select(pegawai.c.nip, pelatihan.c.nama_pelatihan, pelatihan.c.tanggal_mulai, pelatihan.c.jp, pelatihan.c.jenis)
        .select_from(pelatihan.join(pegawai, pegawai.c.id == pelatihan.c.pegawai_id))
        .where(pegawai.c.nip == nip)
        .order_by(pelatihan.c.tanggal_mulai)
    )
    result = frame(engine, stmt)
    result["jp"] = result["jp"].astype("float64")
    result["tanggal_mulai"] = pd.to_datetime(result["tanggal_mulai"])
    return result


def load_person_disiplin(engine: Engine, nip: str) -> pd.DataFrame:
    """Disciplinary sanctions of one employee: nip, tanggal, tingkat."""
    stmt = (
        select(pegawai.c.nip, disiplin.c.tanggal, disiplin.c.tingkat)
        .select_from(disiplin.join(pegawai, pegawai.c.id == disiplin.c.pegawai_id))
        .where(pegawai.c.nip == nip)
        .order_by(disiplin.c.tanggal)
    )
    result = frame(engine, stmt)
    result["tanggal"] = pd.to_datetime(result["tanggal"])
    return result


def load_officer_layanan(engine: Engine, nip: str, tahun: int) -> pd.DataFrame:
    """Services processed by the officer ``nip`` (``layanan.petugas_nip``) and received in ``tahun``, in the
    column contract of ``load_layanan``."""
    start, end = year_bounds(tahun)
    stmt = layanan_select().where(
        layanan.c.petugas_nip == nip, layanan.c.tanggal_masuk >= start, layanan.c.tanggal_masuk < end
    )
    return layanan_frame(engine, stmt)
