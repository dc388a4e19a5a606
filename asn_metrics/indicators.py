"""Agency performance indicators (LKjIP): capaian, its category, agency averages and the SAKIP grade."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final, overload

import numpy as np
import pandas as pd

from asn_metrics.survey import round_half_up

#: DOMAIN.md §5 [practice; configurable]: lower bounds (≥) of Sangat Tinggi, Tinggi, Sedang, Rendah.
KATEGORI_CAPAIAN: Final = ("Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah")
BATAS_CAPAIAN: Final = (91.0, 76.0, 66.0, 51.0)
#: DOMAIN.md §5 [src] PermenPANRB 88/2021: strict lower bounds (>) of each grade, best first.
SAKIP_GRADES: Final = (("AA", 90.0), ("A", 80.0), ("BB", 70.0), ("B", 60.0), ("CC", 50.0), ("C", 30.0))
#: [assumed] cap per indicator when averaging capaian of an agency.
CAP_RATA_RATA: Final = 120.0

CATATAN_BELUM_LAPOR: Final = "realisasi belum dilaporkan"
CATATAN_TARGET_KOSONG: Final = "target kosong"
CATATAN_TARGET_0: Final = "target 0: capaian tidak dapat dihitung"
CATATAN_TARGET_0_TERCAPAI: Final = "target 0 dan realisasi 0: dianggap tercapai 100%"
CATATAN_REALISASI_0_RASIO: Final = "realisasi 0: rasio target/realisasi tidak terdefinisi"
CATATAN_ARAH: Final = "arah tidak dikenal (harus 'naik' atau 'turun')"


def _series(values: Any, index: pd.Index | None) -> pd.Series:
    if isinstance(values, pd.Series):
        return values.set_axis(index) if index is not None else values
    arr = np.atleast_1d(np.asarray(values, dtype=object))
    return pd.Series(arr, index=index if index is not None and len(index) == len(arr) else None)


def _first_match(conditions: Sequence[np.ndarray], labels: Sequence[str]) -> np.ndarray:
    """The label of the first true condition per element, None where none holds."""
    out = np.full(len(conditions[0]), None, dtype=object)
    for condition, label in zip(reversed(conditions), reversed(labels), strict=True):
        out[condition] = label
    return out


def capaian(target: Any, realisasi: Any, arah: Any = "naik", metode_turun: Any = None) -> pd.DataFrame:
    """Capaian (%) of indicators, vectorised; returns a frame with ``capaian_persen`` and ``catatan``.

    DOMAIN.md §5: ``arah='naik'``: R/T × 100. ``arah='turun'``: (2T − R)/T × 100 by default, or
    T/R × 100 where ``metode_turun == 'rasio'`` (any other value, NaN included, means the default).
    Values above 100 are kept as they are; the default lower-is-better formula can go below 0 when
    R > 2T and is kept too. Unrounded. Explicit cases, each with a ``catatan``:
    realisasi NaN → NaN "realisasi belum dilaporkan"; target NaN → NaN "target kosong";
    T = 0 with naik, or turun default with R ≠ 0 → NaN "target 0"; T = 0 and R = 0 with turun
    (either method) → 100 (the zero target is met); turun rasio with R = 0 and T ≠ 0 → NaN
    (division by zero); turun rasio with T = 0 and R > 0 → 0 by the formula; unknown ``arah`` → NaN.
    Inputs are scalars, arrays or Series of one length (scalars broadcast); the result is indexed
    like the first Series given (else 0..n−1). ``catatan`` is "" when nothing needs saying.
    """
    index = next((v.index for v in (target, realisasi, arah, metode_turun) if isinstance(v, pd.Series)), None)
    t = pd.to_numeric(_series(target, index), errors="coerce").astype(float)
    index = t.index
    length = len(t)

    def broadcast(values: Any) -> pd.Series:
        s = _series(values, index)
        if len(s) == 1 and length != 1:
            s = pd.Series([s.iloc[0]] * length, index=index)
        return s.set_axis(index)

    r = pd.to_numeric(broadcast(realisasi), errors="coerce").astype(float)
    direction = broadcast(arah).astype(object).where(lambda s: s.notna(), "").astype(str).str.strip().str.lower()
    method = broadcast(metode_turun).astype(object).where(lambda s: s.notna(), "").astype(str).str.strip()
    rasio = method.str.lower().eq("rasio")
    naik, turun = direction.eq("naik"), direction.eq("turun")

    with np.errstate(divide="ignore", invalid="ignore"):
        t_safe = t.where(t != 0, np.nan)
        r_safe = r.where(r != 0, np.nan)
        value = pd.Series(np.nan, index=index, dtype=float)
        value = value.mask(naik, r / t_safe * 100.0)
        value = value.mask(turun & ~rasio, (2.0 * t - r) / t_safe * 100.0)
        value = value.mask(turun & rasio, t / r_safe * 100.0)
    both_zero = turun & t.eq(0) & r.eq(0)
    value = value.mask(both_zero, 100.0)

    catatan = pd.Series("", index=index, dtype=object)
    catatan = catatan.mask(turun & rasio & r.eq(0) & t.ne(0), CATATAN_REALISASI_0_RASIO)
    catatan = catatan.mask(t.eq(0) & (naik | (turun & ~rasio & r.ne(0))), CATATAN_TARGET_0)
    catatan = catatan.mask(both_zero, CATATAN_TARGET_0_TERCAPAI)
    catatan = catatan.mask(~(naik | turun), CATATAN_ARAH)
    catatan = catatan.mask(t.isna(), CATATAN_TARGET_KOSONG)
    catatan = catatan.mask(r.isna(), CATATAN_BELUM_LAPOR)
    value = value.mask(t.isna() | r.isna() | ~(naik | turun))
    return pd.DataFrame({"capaian_persen": value, "catatan": catatan}, index=index)


def kategori_capaian(values: Any, thresholds: Sequence[float] = BATAS_CAPAIAN) -> pd.Series:
    """Category of capaian (%): ≥ 91 Sangat Tinggi, ≥ 76 Tinggi, ≥ 66 Sedang, ≥ 51 Rendah, else Sangat Rendah.

    DOMAIN.md §5 [practice; configurable through ``thresholds``, four lower bounds, best first].
    Over 100 is Sangat Tinggi. Vectorised over a scalar, array or Series (index kept); NaN → None.
    """
    if len(thresholds) != 4:
        raise ValueError("thresholds harus empat batas bawah: Sangat Tinggi, Tinggi, Sedang, Rendah")
    s = pd.to_numeric(_series(values, None), errors="coerce").astype(float)
    labels = _first_match([s.ge(b).to_numpy() for b in thresholds] + [s.notna().to_numpy()], KATEGORI_CAPAIAN)
    return pd.Series(labels, index=s.index, dtype=object)


def indicator_table(indikator: pd.DataFrame, thresholds: Sequence[float] = BATAS_CAPAIAN) -> pd.DataFrame:
    """The indicator rows with ``capaian_persen`` (rounded half up to 2 decimals), ``kategori`` and ``catatan``.

    DOMAIN.md §5. Required columns: ``target``, ``realisasi``, ``arah``; ``metode_turun`` optional
    (absent = default formula). The category is taken from the rounded capaian shown. Rows without
    a capaian (see ``capaian``) have NaN and kategori None. The input is not modified; empty input
    gives an empty frame with the added columns.
    """
    out = indikator.copy()
    if out.empty:
        for col in ("capaian_persen", "kategori", "catatan"):
            out[col] = pd.Series(dtype=float if col == "capaian_persen" else object)
        return out
    metode = out["metode_turun"] if "metode_turun" in out.columns else None
    result = capaian(out["target"], out["realisasi"], out["arah"], metode)
    out["capaian_persen"] = round_half_up(result["capaian_persen"].to_numpy(), 2)
    out["kategori"] = kategori_capaian(out["capaian_persen"], thresholds)
    out["catatan"] = result["catatan"]
    return out


def agency_capaian(
    indikator: pd.DataFrame,
    by: str | Sequence[str] = ("instansi_kode",),
    cap: float | None = CAP_RATA_RATA,
    thresholds: Sequence[float] = BATAS_CAPAIAN,
) -> pd.DataFrame:
    """Mean capaian (%) of each agency's indicators, each capped at ``cap`` before averaging.

    DOMAIN.md §5; the cap (default 120, ``None`` for none) is [assumed]: it keeps one indicator at
    400% from hiding weak ones. Filter to one ``tahun``/``periode`` first or put them in ``by``.
    Required columns: those of ``indicator_table`` and ``by``. Output: ``by``, ``jumlah_indikator``,
    ``indikator_dihitung`` (with a capaian), ``capaian_persen`` (mean of the unrounded capped
    values, rounded to 2; NaN when none), ``kategori``. Empty input gives an empty frame.
    """
    keys = [by] if isinstance(by, str) else list(by)
    columns = [*keys, "jumlah_indikator", "indikator_dihitung", "capaian_persen", "kategori"]
    if indikator.empty:
        return pd.DataFrame(columns=columns)
    metode = indikator["metode_turun"] if "metode_turun" in indikator.columns else None
    values = capaian(indikator["target"], indikator["realisasi"], indikator["arah"], metode)["capaian_persen"]
    frame = indikator[keys].copy()
    frame["_nilai"] = values.clip(upper=cap) if cap is not None else values
    out = frame.groupby(keys, dropna=False, sort=True)["_nilai"].agg(["size", "count", "mean"]).reset_index()
    out = out.rename(columns={"size": "jumlah_indikator", "count": "indikator_dihitung"})
    out["capaian_persen"] = round_half_up(out["mean"].to_numpy(), 2)
    out["kategori"] = kategori_capaian(out["capaian_persen"], thresholds)
    return out[columns]


@overload
def sakip_grade(score: float | None) -> str | None: ...
@overload
def sakip_grade(score: pd.Series | np.ndarray | list[float]) -> pd.Series: ...
def sakip_grade(score: Any) -> Any:
    """SAKIP evaluation grade (PermenPANRB 88/2021, DOMAIN.md §5), strict lower bounds.

    > 90 AA, > 80 A, > 70 BB, > 60 B, > 50 CC, > 30 C, else D; so 90 is A and 90.01 is AA.
    A scalar gives a grade or None (NaN); an array or Series gives a Series (index kept).
    """
    scalar = np.ndim(score) == 0
    s = pd.to_numeric(_series(score, None), errors="coerce").astype(float)
    grades = _first_match(
        [s.gt(b).to_numpy() for _, b in SAKIP_GRADES] + [s.notna().to_numpy()],
        [g for g, _ in SAKIP_GRADES] + ["D"],
    )
    if scalar:
        return grades[0]
    return pd.Series(grades, index=s.index, dtype=object)


SAKIP_MARK: Final = "sakip"


def sakip_grades(table: pd.DataFrame) -> pd.DataFrame:
    """SAKIP grade where an agency reports its SAKIP evaluation score as an indicator (name containing 'SAKIP'):
    instansi_kode, nilai_sakip (the realisasi), predikat_sakip (``indicators.sakip_grade``, PermenPANRB 88/2021)."""
    rows = table[table["indikator"].str.lower().str.contains(SAKIP_MARK) & table["realisasi"].notna()]
    rows = rows.drop_duplicates("instansi_kode", keep="last")
    return pd.DataFrame(
        {
            "instansi_kode": rows["instansi_kode"],
            "nilai_sakip": rows["realisasi"],
            "predikat_sakip": sakip_grade(rows["realisasi"]).to_numpy(),
        }
    ).reset_index(drop=True)
