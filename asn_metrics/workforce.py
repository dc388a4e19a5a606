"""Workforce profile, retirement age (BUP) and dates, and succession risk (DOMAIN.md §12)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Final

import numpy as np
import pandas as pd

from asn_metrics import reference as ref
from asn_metrics.membership import isin

#: DOMAIN.md §12 [practice; a setting]: BUP (years) by jenis_jabatan. Functional posts: see ``bup_pegawai``.
BUP_DEFAULT: Final[dict[str, int]] = {
    "jpt": 60,
    "administrator": 58,
    "pengawas": 58,
    "pelaksana": 58,
    "fungsional": 58,
}
BUP_AHLI_MADYA: Final = 60
BUP_AHLI_UTAMA: Final = 65
#: Age bands (completed years): lower bounds and labels.
USIA_BATAS: Final = (0, 25, 35, 45, 55)
USIA_LABEL: Final = ("< 25", "25-34", "35-44", "45-54", "≥ 55")
PROFILE_DIMENSIONS: Final = ("status", "jenis_kelamin", "kelompok_usia", "pendidikan", "golongan", "jenis_jabatan")
TIDAK_DIKETAHUI: Final = "Tidak diketahui"

DateLike = dt.date | pd.Timestamp | str


def _active(pegawai: pd.DataFrame) -> pd.DataFrame:
    if "aktif" not in pegawai.columns:
        return pegawai
    return pegawai[pegawai["aktif"].astype("boolean").fillna(True).astype(bool)]


def usia(tanggal_lahir: pd.Series, ref_date: DateLike) -> pd.Series:
    """Age in completed years at ``ref_date`` (DOMAIN.md §12; birth date from ``tanggal_lahir``, which the
    importer takes from the NIP, §11). NaT gives NA (Int64)."""
    born = pd.to_datetime(tanggal_lahir)
    at = pd.Timestamp(ref_date)
    before_birthday = (born.dt.month > at.month) | ((born.dt.month == at.month) & (born.dt.day > at.day))
    years = at.year - born.dt.year - before_birthday.astype(int)
    return years.astype("Int64").rename("usia")


def bup_pegawai(
    pegawai: pd.DataFrame, bup_default: Mapping[str, int] = BUP_DEFAULT, bup_lainnya: int = 58
) -> pd.Series:
    """Retirement age (batas usia pensiun, years) per employee (DOMAIN.md §12 [practice; a setting]).

    58 for administrator, pengawas and pelaksana; 60 for jpt; functional posts 65 when ``jabatan`` contains
    'Ahli Utama', 60 when it contains 'Ahli Madya' (case-insensitive), otherwise ``bup_default['fungsional']``
    (58 [assumed]: "other functional posts by their own rules" are not in the data). Unknown or missing
    jenis_jabatan: ``bup_lainnya`` (58 [assumed]). A non-missing ``bup`` column value overrides all of this.
    Required columns: jenis_jabatan; optional jabatan, bup. Returns an Int64 Series named ``bup``.
    """
    jenis = pegawai["jenis_jabatan"]
    out = jenis.map(dict(bup_default)).astype("float64").fillna(float(bup_lainnya))
    if "jabatan" in pegawai.columns:
        jabatan = pegawai["jabatan"].astype("string").str.lower()
        functional = jenis == "fungsional"
        out = out.mask(functional & jabatan.str.contains("ahli madya", regex=False).fillna(False), BUP_AHLI_MADYA)
        out = out.mask(functional & jabatan.str.contains("ahli utama", regex=False).fillna(False), BUP_AHLI_UTAMA)
    if "bup" in pegawai.columns:
        own = pd.to_numeric(pegawai["bup"], errors="coerce").astype("float64")
        out = out.where(own.isna(), own)
    return out.astype("Int64").rename("bup")


def tanggal_pensiun(tanggal_lahir: pd.Series, bup: pd.Series) -> pd.Series:
    """Retirement date: the first day of the month after the employee reaches BUP (DOMAIN.md §12 [practice]:
    pension starts on the 1st of the month following the birthday at BUP; born 1966-05-15 with BUP 58 →
    2024-06-01; a 29 February birthday → 1 March). NaT or missing BUP gives NaT."""
    born = pd.to_datetime(tanggal_lahir)
    months = (born.dt.year + bup.astype("float64")) * 12 + born.dt.month  # month index of the month after
    ok = months.notna()
    m = months[ok].astype("int64")
    result = pd.Series(pd.NaT, index=tanggal_lahir.index, dtype="datetime64[ns]")
    if ok.any():
        result[ok] = pd.to_datetime(pd.DataFrame({"year": m // 12, "month": m % 12 + 1, "day": 1}))
    return result.rename("tanggal_pensiun")


def retirement_table(
    pegawai: pd.DataFrame, ref_date: DateLike, bup_default: Mapping[str, int] = BUP_DEFAULT
) -> pd.DataFrame:
    """Per active employee: nip, instansi_kode, usia (at ``ref_date``), bup, tanggal_pensiun (DOMAIN.md §12).
    Required columns: nip, instansi_kode, tanggal_lahir, jenis_jabatan; optional jabatan, bup, aktif.
    Empty input gives an empty frame."""
    staff = _active(pegawai)
    out = staff[["nip", "instansi_kode"]].copy()
    bup = bup_pegawai(staff, bup_default)
    out["usia"] = usia(staff["tanggal_lahir"], ref_date)
    out["bup"] = bup
    out["tanggal_pensiun"] = tanggal_pensiun(staff["tanggal_lahir"], bup)
    return out.reset_index(drop=True)


def retiring_within(
    pegawai: pd.DataFrame, years: int, ref_date: DateLike, bup_default: Mapping[str, int] = BUP_DEFAULT
) -> pd.DataFrame:
    """Active employees whose retirement date falls before ``ref_date`` + ``years`` years (DOMAIN.md §12).

    Includes those already past their retirement date but still active (``lewat_bup`` True: a data or
    administrative issue worth seeing). Output: ``retirement_table`` columns + lewat_bup, sorted by date.
    Empty input gives an empty frame.
    """
    table = retirement_table(pegawai, ref_date, bup_default)
    at = pd.Timestamp(ref_date)
    end = at + pd.DateOffset(years=years)
    out = table[table["tanggal_pensiun"] < end].copy()
    out["lewat_bup"] = out["tanggal_pensiun"] <= at
    return out.sort_values(["tanggal_pensiun", "nip"]).reset_index(drop=True)


def workforce_profile(
    pegawai: pd.DataFrame, by: str | Sequence[str] = ("instansi_kode",), ref_date: DateLike | None = None
) -> pd.DataFrame:
    """Make-up of the active workforce (DOMAIN.md §12): counts per group by status, jenis_kelamin, age band
    (USIA_LABEL, at ``ref_date``, default today), pendidikan, golongan and jenis_jabatan.

    Long format: the ``by`` columns, dimensi, kategori, jumlah, persen (percent of the group's employees).
    Missing values are counted as 'Tidak diketahui'; dimensions whose column is absent are skipped.
    ``by=()`` gives the whole workforce. Empty input gives an empty frame.
    """
    keys = [by] if isinstance(by, str) else list(by)
    columns = [*keys, "dimensi", "kategori", "jumlah", "persen"]
    staff = _active(pegawai)
    if staff.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    df = staff.assign(_all="")
    if "tanggal_lahir" in df.columns:
        age = usia(df["tanggal_lahir"], ref_date or dt.date.today()).astype("float64")
        band = pd.cut(age, bins=[*USIA_BATAS, np.inf], right=False, labels=list(USIA_LABEL))
        df["kelompok_usia"] = band.astype(object)
    group = keys or ["_all"]
    size = df.groupby(group, dropna=False).size().rename("_n").reset_index()
    parts: list[pd.DataFrame] = []
    for dim in PROFILE_DIMENSIONS:
        if dim not in df.columns:
            continue
        values = df[dim].astype(object).where(df[dim].notna(), TIDAK_DIKETAHUI).astype(str)
        counts = df.assign(kategori=values).groupby([*group, "kategori"], dropna=False).size()
        part = counts.rename("jumlah").reset_index().assign(dimensi=dim)
        parts.append(part)
    out = pd.concat(parts, ignore_index=True).merge(size, on=group, how="left")
    out["persen"] = out["jumlah"] / out["_n"] * 100.0
    return out[columns].reset_index(drop=True)


SUCCESSION_COLUMNS: Final = ("jumlah_sb_baik", "jumlah_pensiun", "persen_pensiun")


def succession_risk(
    pegawai: pd.DataFrame,
    annual_predikat: pd.DataFrame,
    tahun: int,
    years: int = 5,
    ref_date: DateLike | None = None,
    bup_default: Mapping[str, int] = BUP_DEFAULT,
) -> pd.DataFrame:
    """Succession risk per agency (DOMAIN.md §12): of the active staff rated Sangat Baik or Baik in ``tahun``
    (``annual_predikat``: nip, tahun, predikat), jumlah_sb_baik, how many retire within ``years`` years of
    ``ref_date`` (default 31 December of ``tahun``; ``retiring_within``, past-BUP included) as jumlah_pensiun,
    and persen_pensiun (percent; NaN when no such staff). Agency = ``pegawai.instansi_kode``. Agencies
    without Sangat Baik/Baik staff are not listed. Empty input gives an empty frame.
    """
    columns = ["instansi_kode", *SUCCESSION_COLUMNS]
    good = annual_predikat[(annual_predikat["tahun"] == tahun) & annual_predikat["predikat"].isin(ref.BAIK_KE_ATAS)]
    staff = _active(pegawai)
    staff = staff[isin(staff["nip"], good["nip"])]
    if staff.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    at = ref_date if ref_date is not None else dt.date(tahun, 12, 31)
    leaving = set(retiring_within(staff, years, at, bup_default)["nip"])
    df = staff.assign(_p=isin(staff["nip"], leaving).astype(int))
    g = df.groupby("instansi_kode", as_index=False).agg(jumlah_sb_baik=("nip", "size"), jumlah_pensiun=("_p", "sum"))
    g["persen_pensiun"] = g["jumlah_pensiun"] / g["jumlah_sb_baik"] * 100.0
    return g[columns]
