"""One data-quality score per agency from the parts of quality.py, with what to fix first (DOMAIN.md §9)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from asn_metrics.formatting import format_date, format_number, format_percent
from asn_metrics.quality import (
    CHECKS,
    DEFAULT_WEIGHTS,
    NAMA_JENIS,
    PARTS,
    PENALTI_POLA,
    PERLU_DIPERBARUI_HARI,
    PESAN_UMUM,
    SEGAR_HARI,
    adoption,
    checked_frame,
    consistency,
    numeric,
    service_completeness,
    skor_kesegaran,
    skp_completeness,
    validity,
)


def validate_weights(weights: Mapping[str, float], parts: Sequence[str]) -> dict[str, float]:
    """Checked copy of ``weights``: keys must be among ``parts``, values finite and ≥ 0, not all 0.

    Parts missing from ``weights`` get weight 0 (not used). Raises ValueError otherwise.
    """
    unknown = sorted(set(weights) - set(parts))
    if unknown:
        raise ValueError(
            f"Bobot untuk bagian yang tidak dikenal: {', '.join(unknown)}. Pilih dari: {', '.join(parts)}."
        )
    clean = {p: float(weights.get(p, 0.0)) for p in parts}
    if any(not np.isfinite(w) or w < 0 for w in clean.values()) or not any(w > 0 for w in clean.values()):
        raise ValueError("Bobot harus angka ≥ 0 dan paling sedikit satu bobot > 0.")
    return clean


def weighted_score(scores: pd.DataFrame, weights: Mapping[str, float]) -> tuple[pd.Series, pd.Series]:
    """Weighted mean of part scores per row, renormalised over the parts a row has.

    ``scores``: one column per part (0-100, NaN = part not available); ``weights``: part → weight (a part
    without a positive weight is ignored). skor = Σ wᵢ·sᵢ / Σ wᵢ over the available parts, clipped to
    0-100, NaN when a row has none — a missing part is not a zero. Returns (skor, bagian_tersedia).
    """
    cols = [c for c in scores.columns if weights.get(c, 0.0) > 0]
    w = np.array([weights[c] for c in cols], dtype="float64")
    values = (
        scores[cols].apply(pd.to_numeric, errors="coerce").to_numpy(dtype="float64").reshape(len(scores), len(cols))
    )
    have = ~np.isnan(values)
    wsum = have.astype("float64") @ w
    num = np.where(have, values, 0.0) @ w
    skor = np.where(wsum > 0, num / np.where(wsum > 0, wsum, 1.0), np.nan)
    return (
        pd.Series(skor, index=scores.index, dtype="float64").clip(0.0, 100.0),
        pd.Series(have.sum(axis=1), index=scores.index, dtype="int64"),
    )


def _sum_by_agency(frame: pd.DataFrame, cols: Sequence[str]) -> pd.DataFrame:
    num = frame[["instansi_kode"]].assign(**{c: numeric(frame, c) for c in cols})
    return num.groupby("instansi_kode", dropna=False, sort=True)[list(cols)].sum(min_count=1).reset_index()


def _candidate(kode: pd.Series, nilai: pd.Series, catatan: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {"instansi_kode": kode.to_numpy(), "nilai": nilai.to_numpy(dtype="float64"), "catatan": catatan}
    )


def _combine(candidates: list[pd.DataFrame], part: str, penalty: bool = False) -> pd.DataFrame:
    """Per agency: mean of candidate scores (or 100 − Σ penalties) and the note of the weakest candidate."""
    present = [c for c in candidates if not c.empty]
    rows = pd.concat(present, ignore_index=True) if present else pd.DataFrame()
    if rows.empty:
        return pd.DataFrame(columns=["instansi_kode", part, f"catatan_{part}"])
    rows = rows[rows["nilai"].notna()].sort_values("nilai", kind="stable")
    g = rows.groupby("instansi_kode", sort=True)
    # penalty parts: each candidate holds 100 − its penalty, so Σ penalties = 100·n − Σ nilai
    penalties = 100.0 * g["nilai"].size() - g["nilai"].sum()
    value = (100.0 - penalties).clip(lower=0.0) if penalty else g["nilai"].mean()
    note = g["catatan"].first()
    out = pd.DataFrame({part: value, f"catatan_{part}": note.where(value < 100.0, "")})
    return out.rename_axis("instansi_kode").reset_index()


def quality_parts(
    *,
    skp_lengkap: pd.DataFrame | None = None,
    layanan_lengkap: pd.DataFrame | None = None,
    kesegaran: pd.DataFrame | None = None,
    validitas: pd.DataFrame | None = None,
    konsistensi: pd.DataFrame | None = None,
    straight: pd.DataFrame | None = None,
    sangat_baik: pd.DataFrame | None = None,
    adopsi: pd.DataFrame | None = None,
    segar_hari: int = SEGAR_HARI,
    perlu_diperbarui_hari: int = PERLU_DIPERBARUI_HARI,
    penalti_pola: float = PENALTI_POLA,
) -> pd.DataFrame:
    """Part scores 0-100 per agency, each with its note in Indonesian, for ``quality_score`` (DOMAIN.md §9).

    Inputs are the outputs of this module's checks (each optional, any number of rows per agency; counts
    are summed per agency before the percentage is taken): kelengkapan = mean of ``persen_dinilai``
    (``skp_completeness``) and ``persen_lengkap`` (``service_completeness``); kesegaran = mean over upload
    kinds of ``skor_kesegaran(hari_sejak_impor)`` (``freshness``; a kind never uploaded scores 0);
    validitas = ``persen_valid``; konsistensi = ``persen_konsisten``; pola = 100 − ``penalti_pola`` (50
    [assumed]) for each flag of ``straight_lining`` and ``all_sangat_baik``, at least 0; adopsi =
    ``persen_adopsi``. A part is NaN for an agency absent from its inputs. Output: instansi_kode, the six
    parts and ``catatan_<part>`` (the weakest item of the part, e.g. "Data layanan belum diunggah sejak
    3 Mei 2025 (148 hari)"; '' when the part scores 100). No input gives an empty frame.
    """
    found: dict[str, list[pd.DataFrame]] = {p: [] for p in PARTS}
    if skp_lengkap is not None and not skp_lengkap.empty:
        a = skp_completeness(_sum_by_agency(skp_lengkap, ["pegawai", "dinilai"]))
        notes = [
            f"Baru {format_percent(p)} pegawai yang dinilai SKP-nya ({format_number(d)} dari {format_number(n)})"
            for p, d, n in zip(a["persen_dinilai"], a["dinilai"], a["pegawai"], strict=True)
        ]
        found["kelengkapan"].append(_candidate(a["instansi_kode"], a["persen_dinilai"], notes))
    if layanan_lengkap is not None and not layanan_lengkap.empty:
        a = service_completeness(_sum_by_agency(layanan_lengkap, ["jumlah", "selesai", "terbuka_lebih_30_hari"]))
        notes = [
            f"{format_number(n)} layanan terbuka lebih dari 30 hari tanpa waktu selesai"
            for n in a["terbuka_lebih_30_hari"]
        ]
        found["kelengkapan"].append(_candidate(a["instansi_kode"], a["persen_lengkap"], notes))
    if kesegaran is not None and not kesegaran.empty:
        a = kesegaran
        nama = [NAMA_JENIS.get(str(j), f"Data {j}") for j in a["jenis"]]
        dates = pd.to_datetime(a["impor_terakhir"], errors="coerce")
        notes = [
            f"{n} belum pernah diunggah"
            if pd.isna(d)
            else f"{n} belum diunggah sejak {format_date(d.date())} ({format_number(h)} hari)"
            for n, d, h in zip(nama, dates, a["hari_sejak_impor"], strict=True)
        ]
        score = skor_kesegaran(numeric(a, "hari_sejak_impor"), segar_hari, perlu_diperbarui_hari)
        found["kesegaran"].append(_candidate(a["instansi_kode"], score, notes))
    if validitas is not None and not validitas.empty:
        a = validity(_sum_by_agency(validitas, ["baris_diterima", "baris_ditolak", "nip_salah"]))
        notes = [
            f"{format_number(t)} baris ditolak dan {format_number(n)} NIP salah dari {format_number(s)} baris diunggah"
            for t, n, s in zip(a["baris_ditolak"], a["nip_salah"].fillna(0), a["baris_total"], strict=True)
        ]
        found["validitas"].append(_candidate(a["instansi_kode"], a["persen_valid"], notes))
    if konsistensi is not None and not konsistensi.empty:
        cols = [c for c in ("skp_total", "layanan_total", "pegawai_total") if c in konsistensi.columns]
        a = consistency(_sum_by_agency(konsistensi, [*cols, *(m for m, _, _ in CHECKS)]))
        template = {m: t for m, _, t in CHECKS}
        notes = [
            template[m].format(n=format_number(row[m])) if m else ""
            for m, (_, row) in zip(a["masalah_utama"], a.iterrows(), strict=True)
        ]
        found["konsistensi"].append(_candidate(a["instansi_kode"], a["persen_konsisten"], notes))
    if straight is not None and not straight.empty:
        a = straight.sort_values("persen_identik", ascending=False, kind="stable").drop_duplicates("instansi_kode")
        flag = a["instansi_kode"].map(straight.groupby("instansi_kode")["mencurigakan"].any())
        notes = [
            f"Jawaban survei seragam (straight-lining) pada {format_percent(p)} responden" for p in a["persen_identik"]
        ]
        found["pola"].append(_candidate(a["instansi_kode"], 100.0 - flag.astype(float) * penalti_pola, notes))
    if sangat_baik is not None and not sangat_baik.empty:
        a = sangat_baik.groupby("instansi_kode", sort=True).agg(
            mencurigakan=("mencurigakan", "any"), persen_sangat_baik=("persen_sangat_baik", "max")
        )
        a = a.reset_index()
        notes = [
            f"{format_percent(p)} pegawai berpredikat Sangat Baik: tanda inflasi penilaian"
            for p in a["persen_sangat_baik"]
        ]
        found["pola"].append(
            _candidate(a["instansi_kode"], 100.0 - a["mencurigakan"].astype(float) * penalti_pola, notes)
        )
    if adopsi is not None and not adopsi.empty:
        a = adoption(_sum_by_agency(adopsi, ["pegawai", "periode_diharapkan", "periode_tercatat_tepat_waktu"]))
        notes = [
            f"Baru {format_percent(p)} penilaian periodik tercatat tepat waktu "
            f"({format_number(t)} dari {format_number(d)} periode pegawai)"
            for p, t, d in zip(
                a["persen_adopsi"], a["periode_tercatat_tepat_waktu"], a["periode_diharapkan"], strict=True
            )
        ]
        found["adopsi"].append(_candidate(a["instansi_kode"], a["persen_adopsi"], notes))
    out = pd.DataFrame({"instansi_kode": pd.Series(dtype=object)})
    for part in PARTS:
        out = out.merge(_combine(found[part], part, penalty=part == "pola"), on="instansi_kode", how="outer")
    columns = ["instansi_kode", *PARTS, *(f"catatan_{p}" for p in PARTS)]
    for col in columns:
        if col not in out.columns:
            out[col] = np.nan
    return out[columns].sort_values("instansi_kode", kind="stable").reset_index(drop=True)


def quality_score(parts: pd.DataFrame, weights: Mapping[str, float] = DEFAULT_WEIGHTS) -> pd.DataFrame:
    """One data-quality score 0-100 per agency with the parts visible (DOMAIN.md §9: "one score per agency").

    Input: instansi_kode and any of the part columns ``PARTS`` (kelengkapan, kesegaran, validitas,
    konsistensi, pola, adopsi; 0-100, values outside are clipped, NaN or an absent column = part not
    available) and optional ``catatan_<part>`` notes (``quality_parts`` builds all of them). ``weights``
    (part → weight, default equal; ``validate_weights``) are renormalised over the parts an agency has,
    so a missing part does not count as zero (``weighted_score``). Adds ``skor_kualitas_data`` (NaN with
    no part), ``bagian_tersedia`` (parts used) and ``perbaiki_dulu``: the note of the weakest part (lowest
    score; ties go to the earlier part in ``PARTS``; ``PESAN_UMUM`` when it has no note), '' when every
    available part is 100. Empty input gives an empty frame with the columns.
    """
    w = validate_weights(weights, PARTS)
    out = checked_frame(parts, ("instansi_kode",))
    for part in PARTS:
        out[part] = numeric(out, part).clip(0.0, 100.0) if part in out.columns else np.nan
    out["skor_kualitas_data"], out["bagian_tersedia"] = weighted_score(out[list(PARTS)], w)
    values = out[list(PARTS)].to_numpy(dtype="float64").reshape(len(out), len(PARTS))
    usable = ~np.isnan(values) & (np.array([w[p] for p in PARTS]) > 0)
    masked = np.where(usable, values, np.inf)
    weakest = masked.argmin(axis=1) if len(out) else np.array([], dtype=int)
    lowest = masked.min(axis=1) if len(out) else np.array([])
    notes = {
        p: out[f"catatan_{p}"].where(
            out[f"catatan_{p}"].notna() & out[f"catatan_{p}"].astype(str).ne(""), PESAN_UMUM[p]
        )
        if f"catatan_{p}" in out.columns
        else pd.Series(PESAN_UMUM[p], index=out.index)
        for p in PARTS
    }
    chosen = [
        notes[PARTS[i]].iloc[row] if low < 100.0 else ""
        for row, (i, low) in enumerate(zip(weakest, lowest, strict=True))
    ]
    out["perbaiki_dulu"] = pd.Series(chosen, index=out.index, dtype=object)
    return out
