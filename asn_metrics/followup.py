"""Follow-up lists from ratings over time: recognition, improvers, improvement plans, training (DOMAIN.md §8)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final, Literal

import numpy as np
import pandas as pd

from asn_metrics import reference as ref
from asn_metrics.formatting import format_evaluation
from asn_metrics.skp import annual_predikat, predikat_movement, predikat_rank, predikat_series

#: Columns every follow-up list has (``followup_lists`` returns exactly these).
FOLLOWUP_COLUMNS: Final = ("daftar", "aturan", "nip", "instansi_kode", "tahun", "predikat", "keterangan")

DAFTAR_PENGHARGAAN: Final = "Kandidat penghargaan"
DAFTAR_MENINGKAT: Final = "Pegawai yang meningkat"
DAFTAR_PEMBINAAN: Final = "Kandidat pembinaan (rencana perbaikan kinerja)"
DAFTAR_PELATIHAN: Final = "Kesenjangan pelatihan"

ATURAN_PENGHARGAAN: Final = "Predikat Sangat Baik pada tahun terakhir dan tidak di bawah Baik pada tahun sebelumnya"
ATURAN_MENINGKAT: Final = "Predikat naik minimal satu tingkat dibanding tahun sebelumnya"
ATURAN_PEMBINAAN: Final = "Predikat Butuh Perbaikan atau lebih rendah pada dua penilaian berturut-turut"
ATURAN_PELATIHAN: Final = "Pengembangan kompetensi kurang dari {jp} JP pada tahun ini"

_WEAK_RANK: Final = ref.PREDIKAT_ORDER.index(ref.BUTUH_PERBAIKAN)
_BAIK_RANK: Final = ref.PREDIKAT_ORDER.index(ref.BAIK)
_KIND_RANK: Final = {**dict.fromkeys(ref.PERIODE_BULANAN, 0), **dict.fromkeys(ref.PERIODE_TRIWULAN, 1), "tahunan": 2}


def recognition_note(tahun: int, before: object) -> str:
    """Why a recognition candidate is listed: "2025: Sangat Baik; 2024: Baik"."""
    return f"{tahun}: Sangat Baik; {tahun - 1}: {before if isinstance(before, str) else 'belum dinilai'}"


def improver_note(before: str, now: str, steps: int) -> str:
    """Why an improver is listed: "Baik → Sangat Baik (naik 1 tingkat)"."""
    return f"{before} → {now} (naik {steps} tingkat)"


def plan_note(tahun_before: int, periode_before: str, before: str, tahun: int, periode: str, now: str) -> str:
    """Why an improvement-plan candidate is listed: the two evaluations in a row, in words ("Triwulan III 2025:
    Kurang; Tahunan 2025: Butuh Perbaikan"), not as period codes."""
    return f"{format_evaluation(tahun_before, periode_before)}: {before}; {format_evaluation(tahun, periode)}: {now}"


def training_note(jp: float, tahun: int) -> str:
    """Why someone is on the training-gap list: "4 JP pada 2025"."""
    return f"{jp:g} JP pada {tahun}"


def _empty(extra: Sequence[str] = ()) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in [*FOLLOWUP_COLUMNS, *extra]})


def _latest_year(df: pd.DataFrame, tahun: int | None) -> int | None:
    if tahun is not None:
        return tahun
    return None if df.empty else int(df["tahun"].max())


def _finish(df: pd.DataFrame, daftar: str, aturan: str, extra: Sequence[str] = ()) -> pd.DataFrame:
    if df.empty:
        return _empty(extra)
    out = df.assign(daftar=daftar, aturan=aturan)
    if "instansi_kode" not in out.columns:
        out["instansi_kode"] = np.nan
    return out[[*FOLLOWUP_COLUMNS, *extra]].sort_values(["instansi_kode", "nip"]).reset_index(drop=True)


def recognition_candidates(
    annual: pd.DataFrame, tahun: int | None = None, require_previous: bool = True
) -> pd.DataFrame:
    """Recognition candidates (DOMAIN.md §8): Sangat Baik in year ``tahun`` (default the latest year in
    ``annual``) and not below Baik in the year before.

    ``annual``: output of ``skp.annual_predikat`` (nip, tahun, predikat; instansi_kode optional).
    ``require_previous`` [assumed] True: an employee without a predikat in tahun − 1 is not a candidate
    (the rule cannot be checked); False lets them in. Output: FOLLOWUP_COLUMNS + predikat_sebelumnya.
    Empty input gives an empty frame.
    """
    year = _latest_year(annual, tahun)
    if year is None:
        return _empty(["predikat_sebelumnya"])
    now = annual[(annual["tahun"] == year) & (annual["predikat"] == ref.SANGAT_BAIK)]
    before = annual.loc[annual["tahun"] == year - 1, ["nip", "predikat"]].rename(
        columns={"predikat": "predikat_sebelumnya"}
    )
    df = now.merge(before, on="nip", how="left")
    rank_before = predikat_rank(df["predikat_sebelumnya"])
    ok = rank_before <= _BAIK_RANK
    if not require_previous:
        ok |= rank_before.isna()
    df = df[ok.to_numpy()]
    df = df.assign(keterangan=[recognition_note(year, p) for p in df["predikat_sebelumnya"]])
    return _finish(df, DAFTAR_PENGHARGAAN, ATURAN_PENGHARGAAN, ["predikat_sebelumnya"])


def improvers(annual: pd.DataFrame, tahun: int | None = None, min_langkah: int = 1) -> pd.DataFrame:
    """Improvers (DOMAIN.md §8): predikat in ``tahun`` (default latest) at least ``min_langkah`` steps better
    than in tahun − 1 (``skp.predikat_movement``); offered training first.

    ``annual``: output of ``skp.annual_predikat``. Output: FOLLOWUP_COLUMNS + predikat_sebelumnya, langkah.
    Empty input gives an empty frame.
    """
    extra = ["predikat_sebelumnya", "langkah"]
    year = _latest_year(annual, tahun)
    if year is None:
        return _empty(extra)
    mv = predikat_movement(annual[annual["tahun"].isin([year - 1, year])])
    mv = mv[(mv["tahun"] == year) & (mv["langkah"] >= min_langkah)] if not mv.empty else mv
    mv = mv.assign(
        keterangan=[
            improver_note(a, b, n)
            for a, b, n in zip(mv["predikat_sebelumnya"], mv["predikat"], mv["langkah"], strict=True)
        ]
    )
    return _finish(mv, DAFTAR_MENINGKAT, ATURAN_MENINGKAT, extra)


def improvement_plans(skp: pd.DataFrame, tahun: int | None = None) -> pd.DataFrame:
    """Improvement-plan candidates (DOMAIN.md §8): Butuh Perbaikan or worse in two evaluations in a row.

    ``skp``: the skp rows (nip, tahun, periode, bulan_akhir, predikat and/or the two ratings; instansi_kode
    optional). All evaluations, periodic and annual, are ordered per employee by (tahun, bulan_akhir, kind:
    monthly < quarterly < annual); evaluations without a predikat are skipped. A person is listed when the
    latest two evaluations up to year ``tahun`` (default: all years) are both Butuh Perbaikan or worse, so
    someone who has since recovered is not listed. ``tahun`` and ``predikat`` in the output are those of the
    latest evaluation. Output: FOLLOWUP_COLUMNS + periode, predikat_sebelumnya, periode_sebelumnya.
    Empty input gives an empty frame.
    """
    extra = ["periode", "predikat_sebelumnya", "periode_sebelumnya"]
    if skp.empty:
        return _empty(extra)
    df = skp if tahun is None else skp[skp["tahun"] <= tahun]
    pred = df["predikat"] if "predikat" in df.columns else pd.Series(np.nan, index=df.index, dtype=object)
    if {"rating_hasil_kerja", "rating_perilaku_kerja"} <= set(df.columns):
        pred = pred.where(pred.notna(), predikat_series(df["rating_hasil_kerja"], df["rating_perilaku_kerja"]))
    cols = ["nip", "tahun", "periode", "bulan_akhir", *(["instansi_kode"] if "instansi_kode" in df else [])]
    ev = df[cols].assign(predikat=pred, _kind=df["periode"].map(_KIND_RANK).fillna(1))
    ev = ev[ev["predikat"].isin(ref.PREDIKAT_ORDER)]
    ev = ev.sort_values(["nip", "tahun", "bulan_akhir", "_kind"], kind="mergesort")
    g = ev.groupby("nip", sort=False)
    ev = ev.assign(
        predikat_sebelumnya=g["predikat"].shift(1),
        _tahun_sebelumnya=g["tahun"].shift(1),
        periode_sebelumnya=g["periode"].shift(1),
    )
    last = ev.drop_duplicates("nip", keep="last")
    weak = (predikat_rank(last["predikat"]) >= _WEAK_RANK) & (predikat_rank(last["predikat_sebelumnya"]) >= _WEAK_RANK)
    last = last[weak]
    last = last.assign(
        keterangan=[
            plan_note(ty, tp, p0, t, tn, p1)
            for ty, tp, p0, t, tn, p1 in zip(
                last["_tahun_sebelumnya"],
                last["periode_sebelumnya"],
                last["predikat_sebelumnya"],
                last["tahun"],
                last["periode"],
                last["predikat"],
                strict=True,
            )
        ]
    )
    return _finish(last, DAFTAR_PEMBINAAN, ATURAN_PEMBINAAN, extra)


def training_gaps(
    jp_per_pegawai: pd.DataFrame,
    tahun: int | None = None,
    minimum_jp: float = 20.0,
    annual: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Training gaps (DOMAIN.md §8 and §6): employees with fewer than ``minimum_jp`` JP (default 20) in ``tahun``.

    ``jp_per_pegawai``: output of ``development.jp_per_pegawai`` (nip, tahun, jp; instansi_kode), one or
    more years; ``tahun`` defaults to its latest year. With ``annual`` (``skp.annual_predikat``) the
    employee's predikat of that year is added and ``prioritas`` is True for 0 JP together with Butuh
    Perbaikan or worse ("the first training candidates", §6). Output: FOLLOWUP_COLUMNS + jp, prioritas,
    sorted with priorities first. Empty input gives an empty frame.
    """
    extra = ["jp", "prioritas"]
    year = _latest_year(jp_per_pegawai, tahun)
    if year is None:
        return _empty(extra)
    df = jp_per_pegawai[(jp_per_pegawai["tahun"] == year) & (jp_per_pegawai["jp"].fillna(0) < minimum_jp)]
    df = df.drop(columns=[c for c in ("predikat",) if c in df.columns])
    if annual is not None and not annual.empty:
        df = df.merge(annual.loc[annual["tahun"] == year, ["nip", "predikat"]], on="nip", how="left")
    else:
        df = df.assign(predikat=np.nan)
    jp = df["jp"].fillna(0)
    df = df.assign(
        jp=jp,
        prioritas=(jp == 0) & (predikat_rank(df["predikat"]) >= _WEAK_RANK),
        keterangan=[training_note(j, year) for j in jp],
    )
    aturan = ATURAN_PELATIHAN.format(jp=f"{minimum_jp:g}")
    out = _finish(df, DAFTAR_PELATIHAN, aturan, extra)
    return out.sort_values("prioritas", ascending=False, kind="mergesort").reset_index(drop=True)


def followup_lists(
    skp: pd.DataFrame,
    jp_per_pegawai: pd.DataFrame | None = None,
    tahun: int | None = None,
    minimum_jp: float = 20.0,
    annual: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """All follow-up lists of DOMAIN.md §8 in one frame (``FOLLOWUP_COLUMNS``), each row saying in ``daftar``
    and ``aturan`` which list and rule put the person there.

    ``skp``: the skp rows (the annual predikat are derived with ``skp.annual_predikat`` unless ``annual``, that
    function's output, is given; then ``skp`` need only hold the rows ``improvement_plans`` can list);
    ``jp_per_pegawai``: output of ``development.jp_per_pegawai`` (no training-gap list when None); ``tahun``
    defaults to the latest year. A person may appear on several lists. Empty input gives an empty frame.
    """
    annual = annual_predikat(skp) if annual is None else annual
    year = _latest_year(annual, tahun)
    parts = [
        recognition_candidates(annual, year),
        improvers(annual, year),
        improvement_plans(skp, year),
    ]
    if jp_per_pegawai is not None:
        parts.append(training_gaps(jp_per_pegawai, year, minimum_jp, annual))
    parts = [p[list(FOLLOWUP_COLUMNS)] for p in parts if not p.empty]
    if not parts:
        return _empty()
    return pd.concat(parts, ignore_index=True)


# --- training effect ---------------------------------------------------------------------------------

EFFECT_COLUMNS: Final = (
    "tahun",
    "kelompok_pembanding",
    "jumlah_dilatih",
    "naik_dilatih",
    "persen_naik_dilatih",
    "jumlah_pembanding",
    "naik_pembanding",
    "persen_naik_pembanding",
    "selisih_persen_poin",
)


def training_effect(
    annual: pd.DataFrame,
    jp_per_pegawai_by_year: pd.DataFrame,
    definisi: Literal["20jp", "any"] = "20jp",
    strata: Sequence[str] = ("predikat",),
    minimum_jp: float = 20.0,
) -> pd.DataFrame:
    """Predikat movement in the year after training, trained versus comparable untrained employees
    (DOMAIN.md §6 and §8; descriptive, not causal).

    Trained in year t: ≥ ``minimum_jp`` JP in t (``definisi='20jp'``, default) or any JP > 0 (``'any'``).
    Employees absent from ``jp_per_pegawai_by_year`` (nip, tahun, jp) count as 0 JP. For every employee with
    a predikat in both t and t + 1 (``annual``: nip, tahun, predikat), "naik" means a better predikat in
    t + 1. Comparable employees: same ``strata`` values in year t — by default the same predikat in year t,
    chosen because a Sangat Baik cannot rise and a weak predikat rises more easily, so groups must start
    from the same step; add e.g. 'instansi_kode' (or a merged agency-type column) to compare within agencies.

    Output, one row per (tahun = t, stratum) — with the strata columns and ``kelompok_pembanding`` naming the
    stratum — and then one row per t with ``kelompok_pembanding`` 'Semua' (strata columns NaN):
    counts jumlah_/naik_ dilatih and pembanding (so uncertainty can be computed elsewhere), the shares
    persen_naik_* (percent; NaN for an empty group) and selisih_persen_poin (trained − comparable). On the
    'Semua' row counts are pooled and selisih is the mean of stratum differences weighted by jumlah_dilatih
    over strata that have both groups. Empty input gives an empty frame.
    """
    keys = list(strata)
    empty = pd.DataFrame({c: pd.Series(dtype=object) for c in EFFECT_COLUMNS})
    a = annual[annual["predikat"].isin(ref.PREDIKAT_ORDER)] if not annual.empty else annual
    if a.empty:
        return empty
    nxt = a[["nip", "tahun", "predikat"]].assign(tahun=a["tahun"] - 1).rename(columns={"predikat": "_berikut"})
    df = a.merge(nxt, on=["nip", "tahun"], how="inner")
    if df.empty:
        return empty
    jp = jp_per_pegawai_by_year[["nip", "tahun", "jp"]].groupby(["nip", "tahun"], as_index=False)["jp"].sum()
    df = df.merge(jp, on=["nip", "tahun"], how="left")
    jp_t = df["jp"].fillna(0)
    trained = jp_t >= minimum_jp if definisi == "20jp" else jp_t > 0
    up = predikat_rank(df["_berikut"]) < predikat_rank(df["predikat"])
    df = df.assign(
        _d=trained.astype(int),
        _dn=(trained & up).astype(int),
        _p=(~trained).astype(int),
        _pn=(~trained & up).astype(int),
    )
    g = df.groupby(["tahun", *keys], as_index=False, dropna=False)[["_d", "_dn", "_p", "_pn"]].sum()
    g["kelompok_pembanding"] = g[keys].astype(str).agg(" / ".join, axis=1) if keys else "Semua"
    rows = _effect_shares(g)
    if not keys:
        return rows[list(EFFECT_COLUMNS)].reset_index(drop=True)
    columns = [EFFECT_COLUMNS[0], *keys, *EFFECT_COLUMNS[1:]]
    both = rows[(rows["jumlah_dilatih"] > 0) & (rows["jumlah_pembanding"] > 0)]
    wsum = (both["selisih_persen_poin"] * both["jumlah_dilatih"]).groupby(both["tahun"]).sum()
    wn = both["jumlah_dilatih"].groupby(both["tahun"]).sum()
    total = g.groupby("tahun", as_index=False)[["_d", "_dn", "_p", "_pn"]].sum()
    total["kelompok_pembanding"] = "Semua"
    total = _effect_shares(total)
    total["selisih_persen_poin"] = total["tahun"].map(wsum / wn.where(wn > 0)).astype("float64")
    out = pd.concat([rows, total], ignore_index=True)
    out["_semua"] = out["kelompok_pembanding"] == "Semua"
    out = out.sort_values(["tahun", "_semua"], kind="mergesort")
    return out[columns].reset_index(drop=True)


def _effect_shares(g: pd.DataFrame) -> pd.DataFrame:
    out = g.rename(
        columns={"_d": "jumlah_dilatih", "_dn": "naik_dilatih", "_p": "jumlah_pembanding", "_pn": "naik_pembanding"}
    )
    out["persen_naik_dilatih"] = out["naik_dilatih"] / out["jumlah_dilatih"].where(out["jumlah_dilatih"] > 0) * 100
    out["persen_naik_pembanding"] = (
        out["naik_pembanding"] / out["jumlah_pembanding"].where(out["jumlah_pembanding"] > 0) * 100
    )
    out["selisih_persen_poin"] = out["persen_naik_dilatih"] - out["persen_naik_pembanding"]
    return out
