"""SKP predikat kinerja: matrix, annual choice, distribution, credit points, legacy scores (DOMAIN.md §1)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final, overload

import numpy as np
import pandas as pd

from asn_metrics import reference as ref

#: Column-name slug of each predikat, used in the wide distribution table.
PREDIKAT_SLUG: Final[dict[str, str]] = {
    ref.SANGAT_BAIK: "sangat_baik",
    ref.BAIK: "baik",
    ref.BUTUH_PERBAIKAN: "butuh_perbaikan",
    ref.KURANG: "kurang",
    ref.SANGAT_KURANG: "sangat_kurang",
}
_RANK: Final = {p: i for i, p in enumerate(ref.PREDIKAT_ORDER)}
_RATING_CODE: Final = {r: i for i, r in enumerate(ref.RATINGS)}
_MATRIX_BY_CODE: Final = {_RATING_CODE[h] * 3 + _RATING_CODE[p]: pred for (h, p), pred in ref.PREDIKAT_MATRIX.items()}
_RATING_WORDS: Final = {
    "diatas": ref.RATING_ATAS,
    "atas": ref.RATING_ATAS,
    "sesuai": ref.RATING_SESUAI,
    "dibawah": ref.RATING_BAWAH,
    "bawah": ref.RATING_BAWAH,
}
_PERIOD_RANK: Final = {p: i for i, p in enumerate(ref.PERIODES)}


def kolom_jumlah(predikat: str) -> str:
    """Count column of a predikat in ``predikat_distribution``, e.g. ``jumlah_sangat_baik`` (DOMAIN.md §1)."""
    return f"jumlah_{PREDIKAT_SLUG[predikat]}"


def kolom_persen(predikat: str) -> str:
    """Percent column of a predikat in ``predikat_distribution``, e.g. ``persen_baik`` (DOMAIN.md §1)."""
    return f"persen_{PREDIKAT_SLUG[predikat]}"


def normalise_rating(text: object) -> str | None:
    """Canonical rating name (``reference.RATINGS``) from what evaluators type, or None.

    Case, spaces, dots and hyphens are free; ``ekspektasi`` may be left out: 'di atas ekspektasi',
    'DIATAS EKSPEKTASI', 'Atas', 'sesuai', 'di bawah', 'bawah' are all understood (DATA_FORMATS.md ``skp``,
    DOMAIN.md §1). None, NaN, blank or anything else gives None.
    """
    if not isinstance(text, str):
        return None
    word = re.sub(r"[^a-z]", "", text.lower())
    word = word.removesuffix("ekspektasi")
    return _RATING_WORDS.get(word)


def _canonical_codes(ratings: pd.Series) -> pd.Series:
    uniques = pd.unique(ratings.dropna())
    lookup = {u: _RATING_CODE.get(normalise_rating(u) or "", np.nan) for u in uniques}
    return ratings.map(lookup).astype("float64")


def predikat_series(hasil: pd.Series, perilaku: pd.Series) -> pd.Series:
    """Predikat kinerja per row from the two rating Series (DOMAIN.md §1, matrix of PermenPANRB 6/2022).

    Ratings may be canonical names or anything ``normalise_rating`` understands. The Series are
    aligned on their index; the result has ``hasil``'s index and is named ``predikat``. A missing or
    unrecognised rating on either side gives NaN. Empty input gives an empty Series.
    """
    h = _canonical_codes(hasil)
    p = _canonical_codes(perilaku).reindex(h.index)
    code = h * 3 + p
    out = code.map(_MATRIX_BY_CODE)
    return pd.Series(out.to_numpy(dtype=object), index=hasil.index, name="predikat", dtype=object)


_CARRY: Final = ("instansi_kode", "wilayah_kode", "jenis_jabatan", "golongan", "regime")
ANNUAL_COLUMNS: Final = ("nip", "tahun", "predikat", "sumber_periode")


def annual_predikat(skp: pd.DataFrame) -> pd.DataFrame:
    """One predikat per employee and year (DOMAIN.md §1: "the annual predikat is the one given for the year").

    Required columns: nip, tahun, periode, bulan_akhir, and predikat and/or the two rating columns
    (rating_hasil_kerja, rating_perilaku_kerja). A missing predikat is derived from the ratings with the
    matrix. Only rows with a predikat count. Per (nip, tahun): the ``tahunan`` row when it has a predikat,
    else the period with the largest ``bulan_akhir`` ("the last period stands for the year" [practice]);
    ties (e.g. tw4 and b12) go to the period listed first in ``reference.PERIODES`` (quarterly before
    monthly). Predikat are categories and are never averaged.

    Output: nip, tahun, predikat, sumber_periode (the periode that stood for the year), plus instansi_kode,
    wilayah_kode, jenis_jabatan, golongan, regime when present in the input. Empty input gives an empty frame.
    """
    carry = [c for c in _CARRY if c in skp.columns]
    columns = [*ANNUAL_COLUMNS, *carry]
    if skp.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    pred = skp["predikat"] if "predikat" in skp.columns else pd.Series(np.nan, index=skp.index, dtype=object)
    if {"rating_hasil_kerja", "rating_perilaku_kerja"} <= set(skp.columns):
        pred = pred.where(pred.notna(), predikat_series(skp["rating_hasil_kerja"], skp["rating_perilaku_kerja"]))
    df = pd.DataFrame(
        {
            "nip": skp["nip"],
            "tahun": skp["tahun"],
            "predikat": pred,
            "sumber_periode": skp["periode"],
            "_annual": (skp["periode"] == ref.PERIODE_TAHUNAN).astype(int),
            "_bulan": skp["bulan_akhir"],
            "_tie": -skp["periode"].map(_PERIOD_RANK).fillna(len(ref.PERIODES)),
            **{c: skp[c] for c in carry},
        }
    )
    df = df[df["predikat"].isin(ref.PREDIKAT_ORDER)]
    df = df.sort_values(["nip", "tahun", "_annual", "_bulan", "_tie"], kind="mergesort")
    df = df.drop_duplicates(["nip", "tahun"], keep="last")
    return df[columns].reset_index(drop=True)


def predikat_distribution(counts: pd.DataFrame, by: str | Sequence[str] = ("instansi_kode",)) -> pd.DataFrame:
    """Wide predikat distribution per group from aggregated counts (DOMAIN.md §1, distribution curve).

    Required columns: the ``by`` columns, predikat, jumlah (employees). Rows whose predikat is not one of
    ``reference.PREDIKAT_ORDER`` (NaN included) are left out. Output per group: ``jumlah`` (total rated),
    ``jumlah_<slug>`` and ``persen_<slug>`` (percent of ``jumlah``, unrounded, 0-100) for all five predikat
    in PREDIKAT_ORDER, missing ones as 0, then ``jumlah_baik_ke_atas`` and ``persen_baik_ke_atas`` ("Baik ke
    atas" = Sangat Baik + Baik: the one place this figure is defined). ``by=()`` gives one overall row. A
    group whose total is 0 has NaN percentages. Empty input gives an empty frame with these columns.
    """
    keys = [by] if isinstance(by, str) else list(by)
    count_cols = [kolom_jumlah(p) for p in ref.PREDIKAT_ORDER]
    pct_cols = [kolom_persen(p) for p in ref.PREDIKAT_ORDER]
    pct_cols_all = [*pct_cols, "jumlah_baik_ke_atas", "persen_baik_ke_atas"]
    df = counts[counts["predikat"].isin(ref.PREDIKAT_ORDER)]
    if df.empty:
        return pd.DataFrame(
            {
                c: pd.Series(dtype=object if c in keys else "float64")
                for c in [*keys, "jumlah", *count_cols, *pct_cols_all]
            }
        )
    df = df.assign(_kolom=df["predikat"].map(kolom_jumlah), _all="")
    wide = df.groupby([*(keys or ["_all"]), "_kolom"], sort=True)["jumlah"].sum().unstack("_kolom", fill_value=0)
    wide = wide.reindex(columns=count_cols, fill_value=0).astype("int64")
    wide.columns.name = None
    total = wide.sum(axis=1)
    wide.insert(0, "jumlah", total)
    denom = total.where(total > 0).astype("float64")
    for p in ref.PREDIKAT_ORDER:
        wide[kolom_persen(p)] = wide[kolom_jumlah(p)] / denom * 100.0
    wide["jumlah_baik_ke_atas"] = wide[[kolom_jumlah(p) for p in ref.BAIK_KE_ATAS]].sum(axis=1)
    wide["persen_baik_ke_atas"] = wide["jumlah_baik_ke_atas"] / denom * 100.0
    out = wide.reset_index()
    return out.drop(columns="_all") if not keys else out


# --- credit points ---------------------------------------------------------------------------------

#: DOMAIN.md §1 [src]: percent of the annual credit-point coefficient per predikat (functional positions).
ANGKA_KREDIT_PERSEN: Final[dict[str, float]] = {
    ref.SANGAT_BAIK: 150.0,
    ref.BAIK: 100.0,
    ref.BUTUH_PERBAIKAN: 75.0,
    ref.KURANG: 50.0,
    ref.SANGAT_KURANG: 25.0,
}


@overload
def angka_kredit_persen(predikat: str | None) -> float: ...
@overload
def angka_kredit_persen(predikat: pd.Series) -> pd.Series: ...
def angka_kredit_persen(predikat: str | pd.Series | None) -> float | pd.Series:
    """Credit points as a percent of the annual coefficient (DOMAIN.md §1: Sangat Baik 150%, Baik 100%,
    Butuh Perbaikan 75%, Kurang 50%, Sangat Kurang 25%).

    Accepts one canonical predikat or a Series of them; a missing or unknown predikat gives NaN.
    """
    if isinstance(predikat, pd.Series):
        return predikat.map(ANGKA_KREDIT_PERSEN).astype("float64")
    return ANGKA_KREDIT_PERSEN.get(predikat, np.nan) if isinstance(predikat, str) else np.nan


# --- legacy numeric regimes ------------------------------------------------------------------------

#: [assumed] mapping of legacy categories onto the 5-step predikat ladder, for comparing categories
#: across regimes (never numbers). Cukup ≈ Butuh Perbaikan as DOMAIN.md §1 notes for PP 30/2019.
LEGACY_KE_PREDIKAT: Final[dict[str, dict[str, str]]] = {
    ref.REGIME_PP46: {
        "Sangat Baik": ref.SANGAT_BAIK,
        "Baik": ref.BAIK,
        "Cukup": ref.BUTUH_PERBAIKAN,
        "Kurang": ref.KURANG,
        "Buruk": ref.SANGAT_KURANG,
    },
    ref.REGIME_PP30: {
        "Sangat Baik": ref.SANGAT_BAIK,
        "Baik": ref.BAIK,
        "Cukup": ref.BUTUH_PERBAIKAN,
        "Kurang": ref.KURANG,
        "Sangat Kurang": ref.SANGAT_KURANG,
    },
}


def _as_series(x: float | pd.Series) -> tuple[pd.Series, bool]:
    if isinstance(x, pd.Series):
        return pd.to_numeric(x, errors="coerce").astype("float64"), False
    return pd.Series([x], dtype="float64"), True


def _select(nilai: pd.Series, conditions: list[pd.Series], labels: list[str]) -> pd.Series:
    values = np.select([c.to_numpy(dtype=bool) for c in conditions], labels, default="")
    out = pd.Series(values, index=nilai.index, dtype=object)
    return out.where(nilai.notna() & (out != ""), np.nan).rename("kategori")


@overload
def kategori_pp46(nilai: float) -> str | float: ...
@overload
def kategori_pp46(nilai: pd.Series) -> pd.Series: ...
def kategori_pp46(nilai: float | pd.Series) -> str | float | pd.Series:
    """Category of a PP 46/2011 score (DOMAIN.md §1): ≥ 91 Sangat Baik, ≥ 76 Baik, ≥ 61 Cukup, ≥ 51 Kurang,
    else Buruk. Scalar or Series; NaN gives NaN. No range check (the importer does that)."""
    s, scalar = _as_series(nilai)
    out = _select(
        s, [s >= 91, s >= 76, s >= 61, s >= 51, s.notna()], ["Sangat Baik", "Baik", "Cukup", "Kurang", "Buruk"]
    )
    return out.iloc[0] if scalar else out


@overload
def kategori_pp30(nilai: float, inovasi: bool = False) -> str | float: ...
@overload
def kategori_pp30(nilai: pd.Series, inovasi: bool | pd.Series = False) -> pd.Series: ...
def kategori_pp30(nilai: float | pd.Series, inovasi: bool | pd.Series = False) -> str | float | pd.Series:
    """Category of a PP 30/2019 score (0-120; DOMAIN.md §1): 110-120 with a recorded innovation Sangat Baik,
    90-120 Baik, 70-<90 Cukup, 50-<70 Kurang, < 50 Sangat Kurang. ``inovasi`` is a bool or a boolean Series
    aligned with ``nilai`` (NaN = no innovation). Scalar or Series; NaN score gives NaN."""
    s, scalar = _as_series(nilai)
    inov = (
        inovasi.reindex(s.index).fillna(False).astype(bool)
        if isinstance(inovasi, pd.Series)
        else pd.Series(bool(inovasi), index=s.index)
    )
    out = _select(
        s,
        [(s >= 110) & inov, s >= 90, s >= 70, s >= 50, s.notna()],
        ["Sangat Baik", "Baik", "Cukup", "Kurang", "Sangat Kurang"],
    )
    return out.iloc[0] if scalar else out


def legacy_category(skp: pd.DataFrame) -> pd.DataFrame:
    """Legacy category of each row's numeric score by its regime (DOMAIN.md §1, older scores).

    Required columns: nilai, regime; optional ``inovasi`` (bool, PP 30/2019 only). PP 46/2011 rows use
    ``kategori_pp46``, PP 30/2019 rows ``kategori_pp30``; other regimes and NaN scores give NaN.
    Returns a copy of ``skp`` with ``kategori_legacy`` and ``predikat_setara``: the legacy category placed on
    the 5-step predikat ladder by ``LEGACY_KE_PREDIKAT`` [assumed] (Sangat Baik→Sangat Baik, Baik→Baik,
    Cukup→Butuh Perbaikan, Kurang→Kurang/Misconduct, Buruk/Sangat Kurang→Sangat Kurang), so that categories,
    never numbers, are compared across regimes. Empty input gives an empty frame with these columns.
    """
    out = skp.copy()
    nilai = (
        pd.to_numeric(skp["nilai"], errors="coerce").astype("float64") if not skp.empty else pd.Series(dtype="float64")
    )
    inov = skp["inovasi"] if "inovasi" in skp.columns else pd.Series(False, index=skp.index)
    pp46 = kategori_pp46(nilai)
    pp30 = kategori_pp30(nilai, inov.astype("boolean").fillna(False).astype(bool))
    regime = skp["regime"]
    kategori = pd.Series(np.nan, index=skp.index, dtype=object)
    kategori = kategori.mask(regime == ref.REGIME_PP46, pp46).mask(regime == ref.REGIME_PP30, pp30)
    setara = pd.Series(np.nan, index=skp.index, dtype=object)
    for reg, mapping in LEGACY_KE_PREDIKAT.items():
        setara = setara.mask(regime == reg, kategori.map(mapping))
    out["kategori_legacy"] = kategori
    out["predikat_setara"] = setara
    return out


# --- year-on-year movement -------------------------------------------------------------------------

MOVEMENT_COLUMNS: Final = (
    "nip",
    "tahun",
    "tahun_sebelumnya",
    "predikat_sebelumnya",
    "predikat",
    "langkah",
    "pergerakan",
)


def predikat_rank(predikat: pd.Series) -> pd.Series:
    """Step of each predikat on the ladder: 0 Sangat Baik … 4 Sangat Kurang (``reference.PREDIKAT_ORDER``
    index); NaN for missing or unknown. DOMAIN.md §1 order."""
    return predikat.map(_RANK).astype("float64")


def predikat_movement(annual: pd.DataFrame, consecutive_only: bool = True) -> pd.DataFrame:
    """Year-on-year movement of each employee's annual predikat (DOMAIN.md §1 order, §8 improvers).

    Required columns: nip, tahun, predikat (the output of ``annual_predikat``). One row per (nip, tahun)
    that has a comparable earlier year: with ``consecutive_only`` (default) only tahun − 1, else the
    latest earlier year with a predikat. ``langkah`` = steps improved (+1 = one step better, e.g. Baik →
    Sangat Baik; negative = worse); ``pergerakan`` 'naik' / 'tetap' / 'turun'. Columns instansi_kode and
    wilayah_kode of the current year are kept when present. Rows with a missing or unknown predikat are
    ignored. Empty input gives an empty frame.
    """
    carry = [c for c in ("instansi_kode", "wilayah_kode") if c in annual.columns]
    columns = [*MOVEMENT_COLUMNS, *carry]
    df = annual[annual["predikat"].isin(ref.PREDIKAT_ORDER)] if not annual.empty else annual
    if df.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    df = df.sort_values(["nip", "tahun"], kind="mergesort")[["nip", "tahun", "predikat", *carry]]
    g = df.groupby("nip", sort=False)
    df = df.assign(tahun_sebelumnya=g["tahun"].shift(1), predikat_sebelumnya=g["predikat"].shift(1))
    df = df[df["predikat_sebelumnya"].notna()]
    if consecutive_only:
        df = df[df["tahun_sebelumnya"] == df["tahun"] - 1]
    langkah = predikat_rank(df["predikat_sebelumnya"]) - predikat_rank(df["predikat"])
    df = df.assign(
        tahun_sebelumnya=df["tahun_sebelumnya"].astype("int64"),
        langkah=langkah.astype("int64"),
        pergerakan=np.select([langkah > 0, langkah < 0], ["naik", "turun"], default="tetap"),
    )
    return df[columns].reset_index(drop=True)


def share_good(counts: pd.DataFrame, by: str) -> pd.DataFrame:
    """Per group: nilai = share (%) Sangat Baik + Baik (DOMAIN.md §1) and jumlah rated, from predikat counts."""
    dist = predikat_distribution(counts, by=by)
    return pd.DataFrame({by: dist[by], "nilai": dist["persen_baik_ke_atas"], "jumlah": dist["jumlah"]})


def trend_share(trend: pd.DataFrame, focus: str | None = None, n: int = 3) -> pd.DataFrame:
    """Share Baik ke atas per agency and year from ``load_predikat_trend`` (tahun, instansi_kode, predikat,
    jumlah): the ``focus`` agency, else the ``n`` that rose and the ``n`` that fell most from the first to the
    last year (agencies with at least 10 rated employees every year)."""
    dist = predikat_distribution(trend, by=["tahun", "instansi_kode"])
    if focus:
        return dist[dist["instansi_kode"] == focus][["tahun", "instansi_kode", "persen_baik_ke_atas"]]
    steady = dist.groupby("instansi_kode")["jumlah"].min()
    dist = dist[dist["instansi_kode"].isin(steady[steady >= 10].index)].sort_values("tahun")
    ends = dist.groupby("instansi_kode")["persen_baik_ke_atas"].agg(["first", "last"])
    change = (ends["last"] - ends["first"]).sort_values()
    chosen = [*change.tail(n).index[::-1], *change.head(n).index]
    out = dist[dist["instansi_kode"].isin(chosen)][["tahun", "instansi_kode", "persen_baik_ke_atas"]]
    order = {k: i for i, k in enumerate(chosen)}
    return out.sort_values(["instansi_kode", "tahun"], key=lambda s: s.map(order) if s.name == "instansi_kode" else s)


def best_first(distribution: pd.DataFrame) -> pd.DataFrame:
    """``skp.predikat_distribution`` rows by their share of Baik or better, best first (the stacked bar's order,
    and its table's)."""
    good = distribution[kolom_persen("Sangat Baik")] + distribution[kolom_persen("Baik")]
    return distribution.assign(_good=good).sort_values("_good", ascending=False, kind="stable").drop(columns="_good")
