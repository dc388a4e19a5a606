"""Agency scorecard: one weighted score per agency from the other modules' figures, ranked with its noise."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import numpy as np
import pandas as pd

from asn_metrics.quality_score import validate_weights, weighted_score
from asn_metrics.uncertainty import KOLOM_DALAM_BATAS, KOLOM_KETERANGAN, mark_within_noise, wilson_interval

PARTS: Final = ("predikat", "ikm", "layanan", "pengaduan", "capaian", "pelatihan", "kualitas_data")
#: Input column of each part in ``parts`` (bounds: the same name + ``_bawah`` / ``_atas``).
KOLOM_BAGIAN: Final[Mapping[str, str]] = {
    "predikat": "persen_baik_ke_atas",
    "ikm": "ikm",
    "layanan": "persen_tepat_waktu",
    "pengaduan": "persen_ditanggapi_5_hari",
    "capaian": "capaian_persen",
    "pelatihan": "persen_memenuhi_20_jp",
    "kualitas_data": "skor_kualitas_data",
}
#: The fewest parts an agency needs to be ranked on the Kinerja Instansi page [assumed; a setting]. A score is
#: the mean of the parts an agency has, so an agency without IKM, services and complaints (4 of 7 parts) would
#: otherwise be compared on its strongest figures with agencies judged on all seven, and missing data would lift
#: it. Agencies with fewer parts keep their score but get no rank: "data belum lengkap".
BAGIAN_MINIMUM_PERINGKAT: Final = 5
#: Indonesian names of the parts, for "data belum lengkap: tanpa IKM, layanan, pengaduan".
NAMA_BAGIAN: Final[Mapping[str, str]] = {
    "predikat": "predikat",
    "ikm": "IKM",
    "layanan": "layanan",
    "pengaduan": "pengaduan",
    "capaian": "capaian indikator",
    "pelatihan": "pelatihan",
    "kualitas_data": "kualitas data",
}
#: Equal weights by default (a setting, not a rule of DOMAIN.md).
DEFAULT_WEIGHTS: Final[Mapping[str, float]] = dict.fromkeys(PARTS, 1.0)
IKM_MIN: Final = 25.0
SKOR_KOLOM: Final = tuple(f"skor_{p}" for p in PARTS)
OUTPUT_COLUMNS: Final = (
    "instansi_kode",
    *SKOR_KOLOM,
    "skor",
    "skor_bawah",
    "skor_atas",
    "bagian_tersedia",
    "bagian_kosong",
    "peringkat",
    "selisih",
    KOLOM_DALAM_BATAS,
    KOLOM_KETERANGAN,
)


def part_score(part: str, values: pd.Series) -> pd.Series:
    """A part's raw figure on the common 0-100 scale (higher is better).

    IKM (25-100, DOMAIN.md §2) is rescaled as (ikm − 25) / 75 × 100, so IKM 25 → 0 and 100 → 100;
    capaian (DOMAIN.md §5, shown above 100 as is) is capped at 100 for scoring; every part is then
    clipped to 0-100. NaN stays NaN.
    """
    v = pd.to_numeric(values, errors="coerce").astype("float64")
    if part == "ikm":
        v = (v - IKM_MIN) / (100.0 - IKM_MIN) * 100.0
    return v.clip(0.0, 100.0)


def agency_scorecard(
    parts: pd.DataFrame,
    weights: Mapping[str, float] = DEFAULT_WEIGHTS,
    intervals: pd.DataFrame | None = None,
    min_parts: int = 1,
) -> pd.DataFrame:
    """Weighted agency score 0-100 with a rank that says when a gap is within the noise.

    ``parts``: one row per agency, instansi_kode and any of the part columns ``KOLOM_BAGIAN``
    (persen_baik_ke_atas — Sangat Baik + Baik, §1; ikm, §2; persen_tepat_waktu, §3;
    persen_ditanggapi_5_hari, §4; capaian_persen, §5; persen_memenuhi_20_jp, §6; skor_kualitas_data,
    §9), each put on 0-100 by ``part_score`` as ``skor_<part>``. An absent column or NaN = part not
    available. ``skor`` = Σ wᵢ·skorᵢ / Σ wᵢ over the parts the agency has (``weights`` default equal,
    renormalised: a missing part is not a zero); ``bagian_tersedia`` = parts used; ``bagian_kosong`` = the
    missing parts in words ("IKM, layanan"; "" when none); ``peringkat`` = rank by skor among the agencies with
    at least ``min_parts`` parts (the page uses ``BAGIAN_MINIMUM_PERINGKAT``), 1 = best, ties share the lowest
    rank (min); fewer parts or NaN skor → <NA> (the score stays, it is not compared).

    Noise: per-part bounds ``<kolom>_bawah`` / ``<kolom>_atas`` (e.g. ikm_bawah) are read from
    ``intervals`` (keyed by instansi_kode) or, when it is None, from ``parts``; ``skor_bawah`` /
    ``skor_atas`` given directly there win. Otherwise they are the same weighted combination of the
    parts' bounds, a part without bounds counting as exact. Approximation: combining the bounds
    linearly assumes the parts' errors move together, so the interval is wider than that of
    independent errors (√Σ wᵢ²hᵢ²) — conservative: it marks more gaps as noise, never fewer. Without any
    bound the score bounds are NaN and nothing is marked. ``selisih`` (score minus the agency ranked
    just above), ``dalam_batas_ketidakpastian`` and its label come from ``uncertainty.mark_within_noise``.

    Output (ranked agencies best first, then the unranked by skor, NaN skor last): ``OUTPUT_COLUMNS``
    followed by the other input columns. Empty
    input gives an empty frame with these columns. The input is not modified.
    """
    w = validate_weights(weights, PARTS)
    base = parts.copy()
    if "instansi_kode" not in base.columns:
        if not base.empty:
            raise ValueError("Kolom wajib tidak ada: instansi_kode.")
        base["instansi_kode"] = pd.Series(dtype=object)
    if intervals is not None and intervals["instansi_kode"].duplicated().any():
        raise ValueError("intervals: harus satu baris per instansi_kode.")
    bounds_src = base if intervals is None else base[["instansi_kode"]].merge(intervals, on="instansi_kode", how="left")
    scores = pd.DataFrame(index=base.index)
    low = pd.DataFrame(index=base.index)
    high = pd.DataFrame(index=base.index)
    any_bound = False
    for part in PARTS:
        col = KOLOM_BAGIAN[part]
        s = part_score(part, base[col]) if col in base.columns else pd.Series(np.nan, index=base.index)
        scores[part] = s
        lo_col, hi_col = f"{col}_bawah", f"{col}_atas"
        if lo_col in bounds_src.columns and hi_col in bounds_src.columns:
            any_bound = True
            lo = part_score(part, pd.Series(bounds_src[lo_col].to_numpy(), index=base.index))
            hi = part_score(part, pd.Series(bounds_src[hi_col].to_numpy(), index=base.index))
            low[part], high[part] = np.fmin(lo.fillna(s), s), np.fmax(hi.fillna(s), s)
        else:
            low[part], high[part] = s, s
    skor, bagian = weighted_score(scores, w)
    out = base.copy()
    for part in PARTS:
        out[f"skor_{part}"] = scores[part]
    out["skor"], out["bagian_tersedia"] = skor, bagian
    if {"skor_bawah", "skor_atas"} <= set(bounds_src.columns):
        out["skor_bawah"] = pd.to_numeric(pd.Series(bounds_src["skor_bawah"].to_numpy(), index=base.index))
        out["skor_atas"] = pd.to_numeric(pd.Series(bounds_src["skor_atas"].to_numpy(), index=base.index))
    elif any_bound:
        out["skor_bawah"], out["skor_atas"] = weighted_score(low, w)[0], weighted_score(high, w)[0]
    else:
        out["skor_bawah"] = out["skor_atas"] = np.nan
    out["skor_bawah"] = out["skor_bawah"].astype("float64")
    out["skor_atas"] = out["skor_atas"].astype("float64")
    out["bagian_kosong"] = [
        ", ".join(NAMA_BAGIAN[p] for p in PARTS if w.get(p, 0) > 0 and np.isnan(row[p]))
        for row in scores.to_dict("records")
    ]
    ranked = out["skor"].notna() & (out["bagian_tersedia"] >= min_parts)
    out["peringkat"] = out["skor"].where(ranked).rank(ascending=False, method="min").astype("Int64")
    marked = mark_within_noise(out[ranked].drop(columns="peringkat"), "skor", "skor_bawah", "skor_atas")
    out["selisih"] = marked["selisih"].reindex(out.index)
    out[KOLOM_DALAM_BATAS] = marked[KOLOM_DALAM_BATAS].reindex(out.index, fill_value=False).astype(bool)
    out[KOLOM_KETERANGAN] = marked[KOLOM_KETERANGAN].reindex(out.index, fill_value="")
    rest = [c for c in base.columns if c not in OUTPUT_COLUMNS]
    out = out.assign(_ranked=ranked).sort_values(
        ["_ranked", "skor"], ascending=[False, False], kind="stable", na_position="last"
    )
    return out[[*OUTPUT_COLUMNS, *rest]].reset_index(drop=True)


def _unique(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    if frame["instansi_kode"].duplicated().any():
        raise ValueError(f"{name}: harus satu baris per instansi_kode (hitung dengan by='instansi_kode').")
    return frame


def _rate(frame: pd.DataFrame, num: str, den: str, col: str, confidence: float) -> pd.DataFrame:
    """Counts summed per agency, then col = num / den × 100 with its Wilson interval."""
    sums = (
        frame[["instansi_kode"]]
        .assign(_k=pd.to_numeric(frame[num], errors="coerce"), _n=pd.to_numeric(frame[den], errors="coerce"))
        .groupby("instansi_kode", sort=True)[["_k", "_n"]]
        .sum(min_count=1)
        .reset_index()
    )
    n = sums["_n"].astype("float64")
    sums[col] = sums["_k"].astype("float64") / n.where(n > 0) * 100.0
    sums[f"{col}_bawah"], sums[f"{col}_atas"] = wilson_interval(sums["_k"], n, confidence)
    return sums.drop(columns=["_k", "_n"])


def scorecard_parts(
    predikat: pd.DataFrame | None = None,
    ikm: pd.DataFrame | None = None,
    layanan: pd.DataFrame | None = None,
    pengaduan: pd.DataFrame | None = None,
    capaian: pd.DataFrame | None = None,
    pelatihan: pd.DataFrame | None = None,
    kualitas: pd.DataFrame | None = None,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Build ``agency_scorecard``'s ``parts`` (with bounds) from the other modules' outputs, joined on instansi_kode.

    - predikat: ``skp.predikat_distribution`` (jumlah, jumlah_sangat_baik, jumlah_baik) → persen_baik_ke_atas
      = (Sangat Baik + Baik) / jumlah × 100 (DOMAIN.md §1);
    - ikm: ``survey.ikm(by='instansi_kode')`` → ikm, ikm_bawah, ikm_atas (§2);
    - layanan: ``service.service_speed`` (tepat_waktu, dengan_standar; any ``by`` that includes instansi_kode)
      → persen_tepat_waktu (§3);
    - pengaduan: ``complaints.complaint_metrics`` (ditanggapi_tepat_waktu, dinilai_tanggapan) →
      persen_ditanggapi_5_hari (§4);
    - capaian: ``indicators.agency_capaian`` → capaian_persen (§5), no bounds (not a sample);
    - pelatihan: ``development.jp_summary`` (jumlah_memenuhi_20_jp, jumlah_pegawai) → persen_memenuhi_20_jp (§6);
    - kualitas: ``quality_score.quality_score`` → skor_kualitas_data (§9), no bounds.
    Count-based parts are summed over the rows of each agency and carry Wilson intervals at ``confidence``
    [assumed: a year's census is treated as one draw of the agency's process, so a small agency's
    percentage is uncertain]. ikm, capaian and kualitas need one row per agency (ValueError otherwise).
    Agencies missing from an input get NaN for that part. No input gives an empty frame with instansi_kode.
    """
    pieces: list[pd.DataFrame] = []
    if predikat is not None and not predikat.empty:
        pieces.append(_rate(predikat, "jumlah_baik_ke_atas", "jumlah", "persen_baik_ke_atas", confidence))
    if ikm is not None and not ikm.empty:
        pieces.append(_unique(ikm, "ikm")[["instansi_kode", "ikm", "ikm_bawah", "ikm_atas"]])
    if layanan is not None and not layanan.empty:
        pieces.append(_rate(layanan, "tepat_waktu", "dengan_standar", "persen_tepat_waktu", confidence))
    if pengaduan is not None and not pengaduan.empty:
        rate = _rate(pengaduan, "ditanggapi_tepat_waktu", "dinilai_tanggapan", "persen_ditanggapi_5_hari", confidence)
        pieces.append(rate)
    if capaian is not None and not capaian.empty:
        pieces.append(_unique(capaian, "capaian")[["instansi_kode", "capaian_persen"]])
    if pelatihan is not None and not pelatihan.empty:
        pieces.append(_rate(pelatihan, "jumlah_memenuhi_20_jp", "jumlah_pegawai", "persen_memenuhi_20_jp", confidence))
    if kualitas is not None and not kualitas.empty:
        pieces.append(_unique(kualitas, "kualitas")[["instansi_kode", "skor_kualitas_data"]])
    if not pieces:
        return pd.DataFrame({"instansi_kode": pd.Series(dtype=object)})
    out = pieces[0]
    for piece in pieces[1:]:
        out = out.merge(piece, on="instansi_kode", how="outer")
    return out.sort_values("instansi_kode", kind="stable").reset_index(drop=True)
