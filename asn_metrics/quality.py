"""Data quality per agency and upload kind: completeness, freshness, validity, consistency, patterns (DOMAIN.md §9)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final, Literal

import numpy as np
import pandas as pd

from asn_metrics.reference import UNSUR_KOLOM

#: Freshness bands in days since the latest upload [assumed]: ≤ 45 segar, ≤ 90 perlu diperbarui, else basi.
SEGAR_HARI: Final = 45
PERLU_DIPERBARUI_HARI: Final = 90
STATUS_SEGAR: Final = "segar"
STATUS_PERLU: Final = "perlu diperbarui"
STATUS_BASI: Final = "basi"
STATUS_BELUM: Final = "belum diunggah"
#: Suspicious patterns [assumed]: share of identical answer rows, minimum respondents, Sangat Baik share.
STRAIGHT_LINING_PERSEN: Final = 30.0
STRAIGHT_LINING_MIN_RESPONDEN: Final = 30
SANGAT_BAIK_PERSEN: Final = 95.0
SANGAT_BAIK_MIN_PEGAWAI: Final = 10
PENALTI_POLA: Final = 50.0

PARTS: Final = ("kelengkapan", "kesegaran", "validitas", "konsistensi", "pola", "adopsi")
DEFAULT_WEIGHTS: Final[Mapping[str, float]] = dict.fromkeys(PARTS, 1.0)
#: Generic "what to fix first" text when a part comes without its own ``catatan_<part>``.
PESAN_UMUM: Final[Mapping[str, str]] = {
    "kelengkapan": "Data belum lengkap: lengkapi penilaian SKP dan waktu selesai layanan",
    "kesegaran": "Data belum diperbarui: unggah data terbaru",
    "validitas": "Banyak baris ditolak atau NIP salah saat unggah",
    "konsistensi": "Data saling bertentangan (predikat, waktu, pegawai ganda)",
    "pola": "Pola data mencurigakan (jawaban survei seragam atau predikat seragam)",
    "adopsi": "Penilaian periodik belum tercatat tepat waktu",
}
NAMA_JENIS: Final[Mapping[str, str]] = {
    "instansi": "Data instansi",
    "pegawai": "Data pegawai",
    "skp": "Data SKP",
    "layanan": "Data layanan",
    "skm": "Data survei kepuasan (SKM)",
    "pengaduan": "Data pengaduan",
    "indikator": "Data indikator kinerja",
    "pelatihan": "Data pelatihan",
    "disiplin": "Data disiplin",
}
_KEY_COLS: Final = ("instansi_kode", "jenis")
CHECKS: Final = (
    ("predikat_bertentangan", "skp_total", "Predikat bertentangan dengan rating pada {n} penilaian SKP"),
    ("waktu_mundur", "layanan_total", "Waktu selesai mendahului waktu masuk pada {n} baris"),
    ("pegawai_ganda", "pegawai_total", "{n} pegawai tercatat di dua instansi"),
)


def checked_frame(frame: pd.DataFrame, required: Sequence[str]) -> pd.DataFrame:
    """Copy of ``frame``; an empty frame gets the missing required columns, a non-empty one raises."""
    missing = [c for c in required if c not in frame.columns]
    if missing and not frame.empty:
        raise ValueError(f"Kolom wajib tidak ada: {', '.join(missing)}.")
    out = frame.copy()
    for col in missing:
        out[col] = pd.Series(dtype=object if col in _KEY_COLS else "float64", index=out.index)
    return out


def numeric(frame: pd.DataFrame, col: str) -> pd.Series:
    """Column ``col`` as float64; anything not a number becomes NaN."""
    return pd.to_numeric(frame[col], errors="coerce").astype("float64")


def _ratio(part: pd.Series, total: pd.Series) -> pd.Series:
    """part / total × 100 with part clipped to 0..total; total ≤ 0 or NaN gives NaN."""
    whole = total.where(total > 0)
    return part.clip(lower=0).clip(upper=whole) / whole * 100.0


def skp_completeness(coverage: pd.DataFrame) -> pd.DataFrame:
    """Share of employees with an SKP rating for the period (DOMAIN.md §9 completeness).

    Input (one row per agency, or agency and period): instansi_kode, pegawai (active employees),
    dinilai (employees with a predikat for the period). Adds ``persen_dinilai`` = dinilai / pegawai × 100
    (0-100; dinilai is clipped to pegawai). pegawai 0 or NaN, or dinilai NaN, gives NaN. Empty input gives
    an empty frame with the columns.
    """
    out = checked_frame(coverage, ("instansi_kode", "pegawai", "dinilai"))
    out["persen_dinilai"] = _ratio(numeric(out, "dinilai"), numeric(out, "pegawai"))
    return out


def service_completeness(counts: pd.DataFrame) -> pd.DataFrame:
    """Share of service records that are complete (DOMAIN.md §9 completeness: services with an end time).

    Input: instansi_kode, jumlah (records), selesai (records with an end time), terbuka_lebih_30_hari
    (records without an end time received more than 30 days before the data date — most likely finished
    but never closed, so suspect incomplete [assumed]). Adds ``persen_dengan_waktu_selesai`` = selesai /
    jumlah × 100 and ``persen_lengkap`` = (jumlah − terbuka_lebih_30_hari) / jumlah × 100: records with an
    end time plus those still legitimately open (≤ 30 days). terbuka_lebih_30_hari NaN counts as 0;
    jumlah 0/NaN gives NaN. Empty input gives an empty frame with the columns.
    """
    out = checked_frame(counts, ("instansi_kode", "jumlah", "selesai", "terbuka_lebih_30_hari"))
    jumlah, selesai = numeric(out, "jumlah"), numeric(out, "selesai")
    suspect = (
        numeric(out, "terbuka_lebih_30_hari").fillna(0.0).clip(lower=0).clip(upper=(jumlah - selesai).clip(lower=0))
    )
    out["persen_dengan_waktu_selesai"] = _ratio(selesai, jumlah)
    out["persen_lengkap"] = _ratio(jumlah - suspect, jumlah)
    return out


def _days_since(values: pd.Series, as_of: pd.Timestamp) -> pd.Series:
    dates = pd.to_datetime(values, errors="coerce")
    if isinstance(dates.dtype, pd.DatetimeTZDtype):
        dates = dates.dt.tz_localize(None)
    return ((as_of - dates.dt.normalize()) / pd.Timedelta(days=1)).astype("float64")


def freshness(
    latest: pd.DataFrame,
    as_of: pd.Timestamp | str,
    segar_hari: int = SEGAR_HARI,
    perlu_diperbarui_hari: int = PERLU_DIPERBARUI_HARI,
    dasar: Literal["impor", "peristiwa", "terlama"] = "impor",
) -> pd.DataFrame:
    """Days since the latest upload and the latest event, with a status (DOMAIN.md §9 freshness).

    Input (one row per agency and upload kind): instansi_kode, jenis (upload kind, e.g. 'layanan'),
    impor_terakhir (time of the latest upload batch), peristiwa_terakhir (latest event date in the data,
    e.g. the newest tanggal_masuk). Adds ``hari_sejak_impor`` and ``hari_sejak_peristiwa`` (whole calendar
    days from the date to ``as_of``, times of day ignored; NaN when never uploaded / no event; negative
    for a future date) and ``status``: 'segar' ≤ ``segar_hari`` (45), 'perlu diperbarui' ≤
    ``perlu_diperbarui_hari`` (90), 'basi' above, 'belum diunggah' when the day count is NaN [assumed
    bands]. ``dasar`` chooses the count the status uses: upload (default, an annual survey is not stale
    just because its events are old), event, or the larger of the two. Empty input gives an empty frame.
    """
    if segar_hari >= perlu_diperbarui_hari:
        raise ValueError("segar_hari harus lebih kecil dari perlu_diperbarui_hari.")
    out = checked_frame(latest, ("instansi_kode", "jenis", "impor_terakhir", "peristiwa_terakhir"))
    day = pd.Timestamp(as_of)
    day = (day.tz_localize(None) if day.tzinfo is not None else day).normalize()
    out["hari_sejak_impor"] = _days_since(out["impor_terakhir"], day)
    out["hari_sejak_peristiwa"] = _days_since(out["peristiwa_terakhir"], day)
    if dasar == "impor":
        hari = out["hari_sejak_impor"]
    elif dasar == "peristiwa":
        hari = out["hari_sejak_peristiwa"]
    else:
        hari = out[["hari_sejak_impor", "hari_sejak_peristiwa"]].max(axis=1, skipna=False)
    status = np.select(
        [hari.isna().to_numpy(), (hari <= segar_hari).to_numpy(), (hari <= perlu_diperbarui_hari).to_numpy()],
        [STATUS_BELUM, STATUS_SEGAR, STATUS_PERLU],
        default=STATUS_BASI,
    )
    out["status"] = pd.Series(status, index=out.index, dtype=object)
    return out


def freshness_matrix(
    fresh: pd.DataFrame, nilai: str = "hari_sejak_impor", jenis: Sequence[str] | None = None
) -> pd.DataFrame:
    """Heatmap table agency × upload kind of ``nilai`` (default days since the latest upload; DOMAIN.md §9).

    Input: output of ``freshness``. Index instansi_kode, one column per kind (in the order of ``jenis``
    when given — kinds without rows become NaN columns — else sorted); a duplicated pair keeps the
    smallest value (the freshest). NaN = never uploaded. Empty input gives an empty frame.
    """
    df = checked_frame(fresh, ("instansi_kode", "jenis", nilai))
    if df.empty:
        return pd.DataFrame(columns=list(jenis or []), index=pd.Index([], name="instansi_kode"), dtype="float64")
    table = df.assign(_v=numeric(df, nilai)).pivot_table(
        index="instansi_kode", columns="jenis", values="_v", aggfunc="min", dropna=False
    )
    table.columns.name = None
    return table.reindex(columns=list(jenis)) if jenis is not None else table


def skor_kesegaran(
    hari: pd.Series, segar_hari: int = SEGAR_HARI, perlu_diperbarui_hari: int = PERLU_DIPERBARUI_HARI
) -> pd.Series:
    """Freshness score 0-100 from days since the latest upload (DOMAIN.md §9; used by ``quality_parts``).

    100 up to ``segar_hari`` (45), then falling linearly to 0 at twice the 'basi' threshold
    (2 × ``perlu_diperbarui_hari`` = 180 days) [assumed]: 90 days → 66.67, 135 days → 33.33. NaN
    (never uploaded) gives 0; negative days give 100.
    """
    nol = 2.0 * perlu_diperbarui_hari
    score = (nol - hari.astype("float64")) / (nol - segar_hari) * 100.0
    return score.clip(lower=0.0, upper=100.0).fillna(0.0)


def validity(stats: pd.DataFrame) -> pd.DataFrame:
    """Share of uploaded rows that are valid (DOMAIN.md §9 validity: rows refused, NIP errors).

    Input (per agency, or agency and kind): instansi_kode, baris_diterima, baris_ditolak, nip_salah
    (accepted rows whose NIP failed a check, e.g. not in pegawai; not also counted in baris_ditolak).
    Adds ``baris_total`` = diterima + ditolak and ``persen_valid`` = (diterima − nip_salah) / total × 100.
    nip_salah NaN counts as 0 (the check does not apply to the kind); NaN diterima or ditolak, or a
    total of 0, gives NaN. Empty input gives an empty frame with the columns.
    """
    out = checked_frame(stats, ("instansi_kode", "baris_diterima", "baris_ditolak", "nip_salah"))
    diterima = numeric(out, "baris_diterima")
    nip = numeric(out, "nip_salah").fillna(0.0).clip(lower=0).clip(upper=diterima)
    out["baris_total"] = diterima + numeric(out, "baris_ditolak")
    out["persen_valid"] = _ratio(diterima - nip, out["baris_total"])
    return out


def consistency(stats: pd.DataFrame) -> pd.DataFrame:
    """Share of checked records without a contradiction (DOMAIN.md §9 consistency).

    Input: instansi_kode, skp_total (SKP rows checked), predikat_bertentangan (predikat contradicting the
    ratings' matrix), waktu_mundur (end time before start), pegawai_ganda (an employee in two agencies);
    optional layanan_total and pegawai_total, the bases of waktu_mundur and pegawai_ganda. Without its
    base a count is set against skp_total [assumed]. ``persen_konsisten`` = (1 − Σ problems / Σ bases)
    × 100, each count clipped to its base; NaN counts are 0 (check not run); bases all 0/NaN give NaN.
    Adds ``jumlah_masalah`` and ``masalah_utama`` (the column name of the check with the highest rate,
    '' when none). Empty input gives an empty frame with the columns.
    """
    out = checked_frame(stats, ("instansi_kode", "skp_total", "predikat_bertentangan", "waktu_mundur", "pegawai_ganda"))
    skp_total = numeric(out, "skp_total").fillna(0.0)
    bases, problems, rates = skp_total.copy(), pd.Series(0.0, index=out.index), {}
    for masalah, basis, _ in CHECKS:
        base = numeric(out, basis).fillna(0.0) if basis in out.columns else skp_total
        if basis in out.columns and basis != "skp_total":
            bases = bases + base
        count = numeric(out, masalah).fillna(0.0).clip(lower=0).clip(upper=base)
        problems = problems + count
        rates[masalah] = (count / base.where(base > 0)).fillna(0.0)
    problems = problems.clip(upper=bases)
    out["jumlah_masalah"] = problems
    out["persen_konsisten"] = 100.0 - _ratio(problems, bases)
    rate_frame = pd.DataFrame(rates, index=out.index)
    worst = rate_frame.idxmax(axis=1) if not out.empty else pd.Series(dtype=object)
    out["masalah_utama"] = worst.where(rate_frame.max(axis=1) > 0, "").astype(object)
    return out


def straight_lining(
    skm: pd.DataFrame,
    min_responden: int = STRAIGHT_LINING_MIN_RESPONDEN,
    ambang_persen: float = STRAIGHT_LINING_PERSEN,
    by: str | Sequence[str] = ("instansi_kode",),
) -> pd.DataFrame:
    """Share of survey respondents who gave the same answer to all nine elements (DOMAIN.md §9 patterns).

    Input: raw survey rows with u1..u9 (1-4) and the ``by`` columns. Only respondents with all nine valid
    answers count (``responden``); ``identik`` of them answered one value throughout; ``persen_identik``
    = identik / responden × 100. ``mencurigakan`` when responden ≥ ``min_responden`` (30) and
    persen_identik > ``ambang_persen`` (30 %) [assumed]; fewer respondents are never flagged. Empty
    input gives an empty frame with the columns.
    """
    keys = [by] if isinstance(by, str) else list(by)
    columns = [*keys, "responden", "identik", "persen_identik", "mencurigakan"]
    df = checked_frame(skm, [*keys, *UNSUR_KOLOM])
    if df.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    answers = df[list(UNSUR_KOLOM)].apply(pd.to_numeric, errors="coerce")
    answers = answers.where((answers >= 1) & (answers <= 4))
    complete = answers.notna().all(axis=1)
    frame = df[keys].assign(_n=complete, _same=complete & answers.max(axis=1).eq(answers.min(axis=1)))
    out = frame.groupby(keys, dropna=False, sort=True).agg(responden=("_n", "sum"), identik=("_same", "sum"))
    return straight_lining_counts(out.reset_index(), min_responden, ambang_persen, by)


def straight_lining_counts(
    counts: pd.DataFrame,
    min_responden: int = STRAIGHT_LINING_MIN_RESPONDEN,
    ambang_persen: float = STRAIGHT_LINING_PERSEN,
    by: str | Sequence[str] = ("instansi_kode",),
) -> pd.DataFrame:
    """``straight_lining`` from counts per group (``by``, responden with all nine answers, identik of them),
    such as the store's survey sums; the same rule and columns."""
    keys = [by] if isinstance(by, str) else list(by)
    columns = [*keys, "responden", "identik", "persen_identik", "mencurigakan"]
    if counts.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    out = counts.groupby(keys, dropna=False, sort=True)[["responden", "identik"]].sum().reset_index()
    out["persen_identik"] = _ratio(out["identik"].astype("float64"), out["responden"].astype("float64"))
    out["mencurigakan"] = (out["responden"] >= min_responden) & (out["persen_identik"] > ambang_persen)
    return out[columns]


def all_sangat_baik(
    distribution: pd.DataFrame,
    ambang_persen: float = SANGAT_BAIK_PERSEN,
    min_pegawai: int = SANGAT_BAIK_MIN_PEGAWAI,
) -> pd.DataFrame:
    """Flag agencies where almost everyone is Sangat Baik (DOMAIN.md §9 patterns; §1: a sign of inflation).

    Input: output of ``skp.predikat_distribution`` (instansi_kode, jumlah, persen_sangat_baik). Adds
    ``mencurigakan``: persen_sangat_baik ≥ ``ambang_persen`` (95) with at least ``min_pegawai`` (10)
    rated employees [assumed]; NaN shares are not flagged. Empty input gives an empty frame.
    """
    out = checked_frame(distribution, ("instansi_kode", "jumlah", "persen_sangat_baik"))
    out["mencurigakan"] = (numeric(out, "persen_sangat_baik") >= ambang_persen) & (
        numeric(out, "jumlah") >= min_pegawai
    )
    return out


def adoption(expected: pd.DataFrame) -> pd.DataFrame:
    """Share of expected periodic SKP evaluations recorded on time (DOMAIN.md §9, §1 periodic evaluations).

    Input: instansi_kode, pegawai, periode_diharapkan (employee-periods due so far), periode_tercatat_tepat_waktu
    (those recorded by their deadline). Adds ``persen_adopsi`` = tercatat / diharapkan × 100 (clipped to
    0-100). diharapkan 0/NaN or tercatat NaN gives NaN. Empty input gives an empty frame with the columns.
    """
    out = checked_frame(expected, ("instansi_kode", "pegawai", "periode_diharapkan", "periode_tercatat_tepat_waktu"))
    out["persen_adopsi"] = _ratio(numeric(out, "periode_tercatat_tepat_waktu"), numeric(out, "periode_diharapkan"))
    return out


#: Upload kinds whose events are rare (a sanction is news, its absence is not stale data) [assumed].
SPARSE_KINDS: Final = ("disiplin",)


def freshness_lag(latest: pd.DataFrame) -> pd.DataFrame:
    """Freshness judged against peers [assumed]: for each upload kind, days behind the newest upload of that kind
    anywhere (``quality.freshness`` with as_of = that newest upload), so an annual upload (SKP, indicators) made
    by everyone in January is not stale, while a region whose service uploads stopped is. ``SPARSE_KINDS``
    are left out."""
    parts = []
    for _, part in latest[~latest["jenis"].isin(SPARSE_KINDS)].groupby("jenis", sort=True):
        parts.append(freshness(part, part["impor_terakhir"].max()))
    return pd.concat(parts, ignore_index=True) if parts else freshness(latest, pd.Timestamp.now())
