"""Uncertainty of the dashboard's figures: Wilson and t intervals, and marks for differences within the noise."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final, Literal

import numpy as np
import pandas as pd

# scipy.special, not scipy.stats: the same quantiles (stats.t.ppf is stdtrit, stats.norm.ppf ndtri) for a
# fifth of the import time (0.24 s instead of 1.2 s at every process start).
from scipy.special import ndtr, ndtri, stdtrit

from asn_metrics.reference import UNSUR_KOLOM

#: UX.md "within the noise".
LABEL_DALAM_BATAS: Final = "perbedaan tidak bermakna (dalam batas ketidakpastian)"
KOLOM_DALAM_BATAS: Final = "dalam_batas_ketidakpastian"
KOLOM_KETERANGAN: Final = "keterangan_ketidakpastian"

FloatArray = np.ndarray[Any, np.dtype[np.float64]]
BoolArray = np.ndarray[Any, np.dtype[np.bool_]]


def _z(confidence: float) -> float:
    return float(ndtri(1.0 - (1.0 - confidence) / 2.0))


def _as_float(values: Any) -> FloatArray:
    return np.atleast_1d(pd.to_numeric(np.asarray(values, dtype=object).ravel(), errors="coerce")).astype(np.float64)


def wilson_interval(successes: Any, n: Any, confidence: float = 0.95) -> tuple[FloatArray, FloatArray]:
    """Wilson score interval of a proportion, in percent (0-100), vectorised.

    Method: with p = k/n and z the normal quantile of the two-sided ``confidence``,
    centre = (p + z²/2n) / (1 + z²/n), half-width = z/(1 + z²/n) · √(p(1−p)/n + z²/4n²).
    Unlike the Wald interval it stays inside 0-100 and behaves at p = 0 or 1 and small n
    (8 of 10 at 95% → 49.0-94.3%). UX.md: intervals are drawn on every percentage.

    ``successes`` and ``n`` are scalars, arrays or Series of equal length; the result is two
    float arrays (lower, upper). n = 0, NaN, negative counts or k > n give NaN.
    """
    k = _as_float(successes)
    total = _as_float(n)
    k, total = np.broadcast_arrays(k, total)
    valid = (total > 0) & (k >= 0) & (k <= total)
    safe_n = np.where(valid, total, 1.0)
    p = np.where(valid, k, 0.0) / safe_n
    z = _z(confidence)
    denom = 1.0 + z * z / safe_n
    centre = (p + z * z / (2.0 * safe_n)) / denom
    half = z / denom * np.sqrt(p * (1.0 - p) / safe_n + z * z / (4.0 * safe_n * safe_n))
    # exact ends: at k = 0 the lower bound is 0 and at k = n the upper is 100 (no rounding residue)
    lower = np.where(valid, np.where(k == 0, 0.0, np.clip(centre - half, 0.0, 1.0) * 100.0), np.nan)
    upper = np.where(valid, np.where(k == total, 100.0, np.clip(centre + half, 0.0, 1.0) * 100.0), np.nan)
    return lower.astype(np.float64), upper.astype(np.float64)


def mean_t_interval(values: Any, confidence: float = 0.95) -> tuple[float, float]:
    """Student-t interval of a mean: x̄ ± t(n−1) · s/√n, in the unit of ``values``.

    NaN values are ignored. Fewer than two values give (NaN, NaN); identical values give a
    zero-width interval (x̄, x̄). Used for IKM (DOMAIN.md §2) through ``ikm_interval``.
    """
    x = _as_float(values)
    x = x[~np.isnan(x)]
    if x.size < 2:
        return float("nan"), float("nan")
    mean = float(x.mean())
    half = float(stdtrit(x.size - 1, 1.0 - (1.0 - confidence) / 2.0)) * float(x.std(ddof=1)) / np.sqrt(x.size)
    return mean - half, mean + half


def respondent_scores(skm: pd.DataFrame) -> pd.Series:
    """Per-respondent score on the IKM scale: mean of the answered u1..u9 (1-4) × 25 (25-100).

    With all nine answers and exact 1/9 weights the IKM (mean NRR × 25, DOMAIN.md §2) equals the
    mean of these scores. Answers outside 1-4 count as missing; a respondent with no valid answer
    gets NaN. Required columns: u1..u9.
    """
    answers = skm[list(UNSUR_KOLOM)].apply(pd.to_numeric, errors="coerce")
    answers = answers.where((answers >= 1) & (answers <= 4))
    return answers.mean(axis=1) * 25.0


def t_interval_from_moments(n: Any, mean: Any, sd: Any, confidence: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """The t-interval x̄ ± t(n−1)·s/√n of a mean, element-wise from the count, mean and sample standard
    deviation (DOMAIN.md §2 IKM interval); NaN bounds where n < 2."""
    n = np.asarray(n, dtype=float)
    tq = stdtrit(np.where(n >= 2, n - 1, 1), 1.0 - (1.0 - confidence) / 2.0)
    half = np.where(n >= 2, tq * np.asarray(sd, dtype=float) / np.sqrt(np.maximum(n, 1)), np.nan)
    centre = np.asarray(mean, dtype=float)
    return centre - half, centre + half


def ikm_interval(
    skm_rows: pd.DataFrame,
    by: str | Sequence[str] | None = None,
    confidence: float = 0.95,
    method: Literal["t", "bootstrap"] = "t",
    n_boot: int = 2000,
    seed: int = 0,
) -> pd.DataFrame:
    """Confidence interval of the IKM per group, from the per-respondent scores (DOMAIN.md §2).

    Method: each respondent's score is the mean of their nine answers × 25 (``respondent_scores``).
    With exact 1/9 weights the IKM is the mean of those scores, so the interval of a mean applies:
    ``method='t'`` gives x̄ ± t(n−1)·s/√n; ``method='bootstrap'`` resamples respondents with
    replacement ``n_boot`` times (numpy Generator seeded with ``seed``, reproducible) and takes the
    percentile interval. Bounds are clipped to the scale 25-100. Where answers are missing the
    respondent mean of the answered elements is used, an approximation of the NRR-based IKM.

    Required columns: u1..u9 and the ``by`` columns. Output: ``by`` + ``responden`` (respondents
    with at least one valid answer), ``ikm_bawah``, ``ikm_atas``. Fewer than two respondents give
    NaN bounds; empty input gives an empty frame with these columns.
    """
    keys = [by] if isinstance(by, str) else list(by or [])
    columns = [*keys, "responden", "ikm_bawah", "ikm_atas"]
    if skm_rows.empty:
        return pd.DataFrame(columns=columns)
    frame = skm_rows[keys].copy() if keys else pd.DataFrame(index=skm_rows.index)
    frame["_skor"] = respondent_scores(skm_rows)
    frame = frame[frame["_skor"].notna()]
    if not keys:
        keys_used = ["_semua"]
        frame = frame.assign(_semua=0)
    else:
        keys_used = keys
    grouped = frame.groupby(keys_used, dropna=False, sort=True)["_skor"]
    if method == "t":
        agg = grouped.agg(["mean", "std", "count"])
        n = agg["count"].to_numpy(dtype=float)
        mean, sd = agg["mean"].to_numpy(dtype=float), agg["std"].to_numpy(dtype=float)
        lower, upper = t_interval_from_moments(n, mean, sd, confidence)
        out = pd.DataFrame({"responden": n.astype(int), "ikm_bawah": lower, "ikm_atas": upper}, index=agg.index)
    elif method == "bootstrap":
        rng = np.random.default_rng(seed)
        rows: dict[Any, tuple[int, float, float]] = {}
        alpha = (1.0 - confidence) / 2.0
        for key, scores in grouped:
            x = scores.to_numpy(dtype=float)
            if x.size < 2:
                rows[key] = (x.size, np.nan, np.nan)
                continue
            means = x[rng.integers(0, x.size, size=(n_boot, x.size))].mean(axis=1)
            rows[key] = (x.size, float(np.quantile(means, alpha)), float(np.quantile(means, 1 - alpha)))
        out = pd.DataFrame.from_dict(rows, orient="index", columns=["responden", "ikm_bawah", "ikm_atas"])
        if out.empty:
            return pd.DataFrame(columns=columns)
        out.index = pd.MultiIndex.from_tuples([k if isinstance(k, tuple) else (k,) for k in out.index], names=keys_used)
    else:
        raise ValueError(f"method tidak dikenal: {method!r}; gunakan 't' atau 'bootstrap'")
    out[["ikm_bawah", "ikm_atas"]] = out[["ikm_bawah", "ikm_atas"]].clip(lower=25.0, upper=100.0)
    if not keys:
        return out.reset_index(drop=True)[columns]
    return out.reset_index()[columns]


def significant_difference(a_low: Any, a_high: Any, b_low: Any, b_high: Any) -> BoolArray:
    """True where two intervals do not overlap (the difference is larger than the noise), vectorised.

    Method: non-overlap of the two confidence intervals. This is a conservative test (two 95%
    intervals can overlap slightly while the difference is still significant at 5%), chosen because
    it is what a reader sees on the chart. Missing bounds give False: without an interval no
    difference is claimed. UX.md: "perbedaan tidak bermakna (dalam batas ketidakpastian)".
    """
    al, ah, bl, bh = (_as_float(v) for v in (a_low, a_high, b_low, b_high))
    with np.errstate(invalid="ignore"):
        return np.asarray((al > bh) | (bl > ah), dtype=np.bool_)


def mark_within_noise(
    frame: pd.DataFrame,
    value_col: str,
    low_col: str,
    high_col: str,
    *,
    by: str | Sequence[str] | None = None,
    time_col: str | None = None,
    ascending: bool = False,
) -> pd.DataFrame:
    """Mark differences to the neighbour that lie within the noise (overlapping intervals).

    Ranking mode (``time_col`` None): within each ``by`` group rows are ranked by ``value_col``
    (best first, descending unless ``ascending``) and each row is compared with the row ranked
    directly above it. Year-on-year mode (``time_col`` given, ``by`` = the entity, e.g.
    ``instansi_kode``): each row is compared with the same entity's previous period.

    Adds ``peringkat`` (ranking mode only, 1 = first), ``selisih`` (value minus the neighbour's, NaN
    for the first row), ``dalam_batas_ketidakpastian`` (bool: the intervals overlap; False for the
    first row and where bounds are missing) and ``keterangan_ketidakpastian`` (the UX.md label or
    ""). Rows keep their original order and index; the input is not modified; empty input gives an
    empty frame with the added columns. Method: see ``significant_difference``.
    """
    keys = [by] if isinstance(by, str) else list(by or [])
    out = frame.copy()
    added = ["selisih", KOLOM_DALAM_BATAS, KOLOM_KETERANGAN]
    if time_col is None:
        added = ["peringkat", *added]
    if out.empty:
        for col in added:
            out[col] = pd.Series(dtype=bool if col == KOLOM_DALAM_BATAS else object)
        return out
    sort_cols = [*keys, time_col] if time_col else [*keys, value_col]
    sort_asc = [True] * len(keys) + [True if time_col else ascending]
    ordered = out.sort_values(sort_cols, ascending=sort_asc, kind="stable", na_position="last")
    grouped = ordered.groupby(keys, dropna=False, sort=False) if keys else None

    def previous(col: str) -> pd.Series:
        return grouped[col].shift(1) if grouped is not None else ordered[col].shift(1)

    prev_value, prev_low, prev_high = previous(value_col), previous(low_col), previous(high_col)
    has_prev = prev_value.notna() & ordered[value_col].notna()
    bounds_known = ordered[low_col].notna() & ordered[high_col].notna() & prev_low.notna() & prev_high.notna()
    differs = significant_difference(ordered[low_col], ordered[high_col], prev_low, prev_high)
    within = has_prev.to_numpy() & bounds_known.to_numpy() & ~differs
    result = pd.DataFrame(index=ordered.index)
    if time_col is None:
        counter = grouped.cumcount() if grouped is not None else pd.Series(range(len(ordered)), ordered.index)
        result["peringkat"] = counter + 1
    result["selisih"] = (ordered[value_col] - prev_value).where(has_prev)
    result[KOLOM_DALAM_BATAS] = within
    result[KOLOM_KETERANGAN] = np.where(within, LABEL_DALAM_BATAS, "")
    for col in added:
        out[col] = result[col].reindex(out.index)
    return out


def two_proportion_z_test(x1: Any, n1: Any, x2: Any, n2: Any) -> tuple[FloatArray, FloatArray]:
    """Two-proportion z-test (pooled), vectorised: returns (z, two-sided p-value).

    Method: p̂ = (x1 + x2)/(n1 + n2), z = (x1/n1 − x2/n2) / √(p̂(1−p̂)(1/n1 + 1/n2)), p = 2·(1 − Φ(|z|)).
    For comparing two percentages (e.g. persen_tepat_waktu of two periods). A count of 0, NaN or
    x > n gives NaN; equal proportions at 0% or 100% (zero variance) give z = 0, p = 1.
    """
    a, na, b, nb = np.broadcast_arrays(*(_as_float(v) for v in (x1, n1, x2, n2)))
    valid = (na > 0) & (nb > 0) & (a >= 0) & (b >= 0) & (a <= na) & (b <= nb)
    sna, snb = np.where(valid, na, 1.0), np.where(valid, nb, 1.0)
    pa, pb = np.where(valid, a, 0.0) / sna, np.where(valid, b, 0.0) / snb
    pooled = (np.where(valid, a, 0.0) + np.where(valid, b, 0.0)) / (sna + snb)
    se = np.sqrt(pooled * (1.0 - pooled) * (1.0 / sna + 1.0 / snb))
    z = np.where(se > 0, (pa - pb) / np.where(se > 0, se, 1.0), 0.0)
    p = 2.0 * ndtr(-np.abs(z))
    return np.where(valid, z, np.nan).astype(np.float64), np.where(valid, p, np.nan).astype(np.float64)
