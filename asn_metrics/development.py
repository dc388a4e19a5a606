"""Competence development (JP per employee, the 20 JP rule) and the IP ASN professionalism index (DOMAIN.md §6-7)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

import numpy as np
import pandas as pd

from asn_metrics import reference as ref
from asn_metrics.membership import isin
from asn_metrics.skp import annual_predikat

JP_COLUMNS: Final = ("nip", "instansi_kode", "tahun", "jp", "memenuhi_20_jp")
JP_SUMMARY_COLUMNS: Final = ("jumlah_pegawai", "rerata_jp", "jumlah_memenuhi_20_jp", "persen_memenuhi_20_jp")


def _active(pegawai: pd.DataFrame) -> pd.DataFrame:
    if "aktif" not in pegawai.columns:
        return pegawai
    return pegawai[pegawai["aktif"].astype("boolean").fillna(True).astype(bool)]


def _keys(by: str | Sequence[str]) -> list[str]:
    return [by] if isinstance(by, str) else list(by)


def jp_per_pegawai(
    pelatihan: pd.DataFrame, pegawai: pd.DataFrame, tahun: int, minimum_jp: float = 20.0
) -> pd.DataFrame:
    """JP (jam pelajaran) of competence development per employee in ``tahun`` (DOMAIN.md §6: at least 20 JP a
    year, PP 11/2017 Pasal 203(4)).

    ``pelatihan``: nip, tanggal_mulai, jp. A training counts in the year of its ``tanggal_mulai``. ``pegawai``:
    nip, instansi_kode, optional aktif (inactive employees are left out; a missing value counts as active).
    Every employee gets a row; those without training get 0 JP; training of a nip not in ``pegawai`` is
    ignored; NaN JP counts as 0. Output: nip, instansi_kode, tahun, jp (JP), memenuhi_20_jp (jp ≥
    ``minimum_jp``). Empty ``pegawai`` gives an empty frame.
    """
    staff = _active(pegawai)
    if staff.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in JP_COLUMNS})
    in_year = pelatihan[pd.to_datetime(pelatihan["tanggal_mulai"]).dt.year == tahun]
    jp = in_year.groupby("nip")["jp"].sum(min_count=1) if not in_year.empty else pd.Series(dtype="float64")
    out = staff[["nip", "instansi_kode"]].copy()
    out["tahun"] = tahun
    out["jp"] = out["nip"].map(jp).astype("float64").fillna(0.0)
    out["memenuhi_20_jp"] = out["jp"] >= minimum_jp
    return out.reset_index(drop=True)


def jp_summary(jp_per_pegawai: pd.DataFrame, by: str | Sequence[str] = ("instansi_kode",)) -> pd.DataFrame:
    """Per group: jumlah_pegawai, rerata_jp (mean JP per employee), jumlah_memenuhi_20_jp and
    persen_memenuhi_20_jp (percent of employees meeting the 20 JP rule, DOMAIN.md §6).

    Input: output of ``jp_per_pegawai`` (the ``by`` columns, jp, memenuhi_20_jp). ``by=()`` gives one overall
    row. Empty input gives an empty frame with these columns.
    """
    keys = _keys(by)
    if jp_per_pegawai.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in [*keys, *JP_SUMMARY_COLUMNS]})
    df = jp_per_pegawai.assign(_all="", _ok=jp_per_pegawai["memenuhi_20_jp"].astype(bool).astype(int))
    g = df.groupby(keys or ["_all"], as_index=False, dropna=False).agg(
        jumlah_pegawai=("nip", "size"), rerata_jp=("jp", "mean"), jumlah_memenuhi_20_jp=("_ok", "sum")
    )
    g["persen_memenuhi_20_jp"] = g["jumlah_memenuhi_20_jp"] / g["jumlah_pegawai"] * 100.0
    return g[[*keys, *JP_SUMMARY_COLUMNS]]


# --- IP ASN ----------------------------------------------------------------------------------------

#: DOMAIN.md §7 [src]: kualifikasi points by highest education.
KUALIFIKASI_POIN: Final[dict[str, float]] = {
    "S3": 25.0,
    "S2": 20.0,
    "S1": 15.0,
    "D4": 15.0,
    "D3": 10.0,
    "D2": 5.0,
    "D1": 5.0,
    "SMA": 5.0,
    "SMP": 1.0,
    "SD": 1.0,
}
#: DOMAIN.md §7 [assumed split]: kompetensi points per kind of development; the sum is capped at 40.
#: kepemimpinan: any leadership training up to the end of the year (whether it matches the position is not
#: in the data); fungsional: any functional training up to the end of the year; teknis: ≥ 20 JP of technical
#: training in the year; seminar: any seminar/workshop in the year ("the rest": 15 + 15 + 15 + 5 = 50 → 40).
KOMPETENSI_POIN: Final[dict[str, float]] = {"kepemimpinan": 15.0, "fungsional": 15.0, "teknis": 15.0, "seminar": 5.0}
KOMPETENSI_MAKS: Final = 40.0
TEKNIS_MIN_JP: Final = 20.0
#: DOMAIN.md §7 [practice]: kinerja points by annual predikat.
KINERJA_POIN: Final[dict[str, float]] = {
    ref.SANGAT_BAIK: 30.0,
    ref.BAIK: 25.0,
    ref.BUTUH_PERBAIKAN: 15.0,
    ref.KURANG: 10.0,
    ref.SANGAT_KURANG: 5.0,
}
#: DOMAIN.md §7 [assumed]: disiplin points by the heaviest sanction of the year (none = 5).
DISIPLIN_POIN: Final[dict[str, float]] = {"ringan": 3.0, "sedang": 2.0, "berat": 1.0}
DISIPLIN_TANPA_HUKUMAN: Final = 5.0
IP_ASN_PARTS: Final = ("kualifikasi", "kompetensi", "kinerja", "disiplin")
IP_ASN_COLUMNS: Final = ("nip", "instansi_kode", "tahun", *IP_ASN_PARTS, "total", "kategori")


def kategori_ip_asn(total: pd.Series) -> pd.Series:
    """IP ASN category (DOMAIN.md §7 [src]): 91-100 Sangat Tinggi, 81-90 Tinggi, 71-80 Sedang, 61-70 Rendah,
    ≤ 60 Sangat Rendah. Non-integer totals fall in the band they exceed (90.5 is Sangat Tinggi). NaN gives NaN."""
    values = np.select(
        [total > 90, total > 80, total > 70, total > 60, total.notna()],
        ["Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah"],
        default="",
    )
    out = pd.Series(values, index=total.index, dtype=object)
    return out.where(out != "", np.nan).rename("kategori")


def _kompetensi(pelatihan: pd.DataFrame, nips: pd.Series, tahun: int, poin: Mapping[str, float]) -> pd.Series:
    start = pd.to_datetime(pelatihan["tanggal_mulai"]).dt.year
    upto = pelatihan[start <= tahun]
    this_year = pelatihan[start == tahun]
    score = pd.Series(0.0, index=nips.index)
    for jenis in ("kepemimpinan", "fungsional"):
        has = set(upto.loc[upto["jenis"] == jenis, "nip"])
        score += isin(nips, has) * poin.get(jenis, 0.0)
    teknis = this_year[this_year["jenis"] == "teknis"].groupby("nip")["jp"].sum()
    score += nips.map(teknis).fillna(0).ge(TEKNIS_MIN_JP) * poin.get("teknis", 0.0)
    score += isin(nips, this_year.loc[this_year["jenis"] == "seminar", "nip"]) * poin.get("seminar", 0.0)
    return score.clip(upper=KOMPETENSI_MAKS)


def ip_asn(
    pegawai: pd.DataFrame,
    pelatihan: pd.DataFrame,
    annual_predikat: pd.DataFrame,
    disiplin: pd.DataFrame,
    tahun: int,
    kompetensi_poin: Mapping[str, float] = KOMPETENSI_POIN,
) -> pd.DataFrame:
    """IP ASN per employee for ``tahun`` (DOMAIN.md §7, PermenPANRB 38/2018, Peraturan BKN 8/2019), points 0-100.

    - kualifikasi (max 25): ``pegawai.pendidikan`` by KUALIFIKASI_POIN; missing/unknown education 0 [assumed].
    - kompetensi (max 40): ``pelatihan`` (nip, tanggal_mulai, jp, jenis) by ``kompetensi_poin``
      (KOMPETENSI_POIN [assumed split]), summed and capped at 40.
    - kinerja (max 30): the employee's predikat in ``tahun`` from ``annual_predikat`` (skp.annual_predikat)
      by KINERJA_POIN; no predikat 0 [assumed].
    - disiplin (max 5): heaviest sanction (``disiplin``: nip, tanggal, tingkat) dated in ``tahun``; none 5.
    Employees: active rows of ``pegawai`` (nip, instansi_kode, pendidikan, optional aktif). Output: nip,
    instansi_kode, tahun, the four parts, total (sum) and kategori (``kategori_ip_asn``). Empty ``pegawai``
    gives an empty frame.
    """
    staff = _active(pegawai)
    if staff.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in IP_ASN_COLUMNS})
    out = staff[["nip", "instansi_kode"]].reset_index(drop=True)
    out["tahun"] = tahun
    out["kualifikasi"] = staff["pendidikan"].map(KUALIFIKASI_POIN).fillna(0.0).astype("float64").to_numpy()
    out["kompetensi"] = _kompetensi(pelatihan, out["nip"], tahun, kompetensi_poin)
    pred = annual_predikat.loc[annual_predikat["tahun"] == tahun].drop_duplicates("nip").set_index("nip")
    out["kinerja"] = out["nip"].map(pred["predikat"]).map(KINERJA_POIN).fillna(0.0).astype("float64")
    sanctions = disiplin[pd.to_datetime(disiplin["tanggal"]).dt.year == tahun]
    worst = sanctions.assign(_p=sanctions["tingkat"].map(DISIPLIN_POIN)).groupby("nip")["_p"].min()
    out["disiplin"] = out["nip"].map(worst).fillna(DISIPLIN_TANPA_HUKUMAN).astype("float64")
    out["total"] = out[list(IP_ASN_PARTS)].sum(axis=1)
    out["kategori"] = kategori_ip_asn(out["total"])
    return out[list(IP_ASN_COLUMNS)]


def ip_asn_per_instansi(ip: pd.DataFrame, by: str | Sequence[str] = ("instansi_kode",)) -> pd.DataFrame:
    """Mean IP ASN per group (DOMAIN.md §7): jumlah_pegawai, the mean of each part (kualifikasi, kompetensi,
    kinerja, disiplin; points), total (mean of totals) and kategori of that mean. Input: output of ``ip_asn``.
    ``by=()`` gives one overall row. Empty input gives an empty frame."""
    keys = _keys(by)
    columns = [*keys, "jumlah_pegawai", *IP_ASN_PARTS, "total", "kategori"]
    if ip.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    df = ip.assign(_all="")
    g = df.groupby(keys or ["_all"], as_index=False, dropna=False).agg(
        jumlah_pegawai=("nip", "size"), **{c: (c, "mean") for c in [*IP_ASN_PARTS, "total"]}
    )
    g["kategori"] = kategori_ip_asn(g["total"])
    return g[columns]


def person_years(
    person: pd.DataFrame, skp_rows: pd.DataFrame, pelatihan: pd.DataFrame, disiplin: pd.DataFrame
) -> pd.DataFrame:
    """One employee's history per year: tahun, predikat (``skp.annual_predikat``), jp (training started that
    year) and ip_asn with its kategori (``development.ip_asn``)."""
    annual = annual_predikat(skp_rows) if not skp_rows.empty else pd.DataFrame(columns=["nip", "tahun", "predikat"])
    years = sorted(set(annual["tahun"].astype(int)) | set(pelatihan["tanggal_mulai"].dt.year.astype(int)))
    rows = []
    staff = person.assign(aktif=True)
    for year in years:
        ip = ip_asn(staff, pelatihan, annual, disiplin, year)
        pred = annual.loc[annual["tahun"] == year, "predikat"]
        jp = pelatihan.loc[pelatihan["tanggal_mulai"].dt.year == year, "jp"].sum()
        rows.append(
            {
                "tahun": year,
                "predikat": pred.iloc[0] if not pred.empty else None,
                "jp": float(jp),
                "ip_asn": float(ip["total"].iloc[0]) if not ip.empty else np.nan,
                "kategori_ip_asn": ip["kategori"].iloc[0] if not ip.empty else None,
            }
        )
    return pd.DataFrame(rows, columns=["tahun", "predikat", "jp", "ip_asn", "kategori_ip_asn"])
