"""Tests for asn_metrics.uncertainty (intervals and marks for differences within the noise; UX.md)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asn_metrics.uncertainty import (
    LABEL_DALAM_BATAS,
    ikm_interval,
    mark_within_noise,
    mean_t_interval,
    respondent_scores,
    significant_difference,
    two_proportion_z_test,
    wilson_interval,
)

U = [f"u{i}" for i in range(1, 10)]


@pytest.mark.parametrize(
    ("k", "n", "low", "high"),
    [
        pytest.param(8, 10, 49.0, 94.3, id="8-of-10-known-value"),
        pytest.param(0, 10, 0.0, 27.8, id="0-of-10-lower-bound-zero"),
        pytest.param(10, 10, 72.2, 100.0, id="10-of-10-upper-bound-100"),
        pytest.param(1, 1, 20.7, 100.0, id="single-row"),
    ],
)
def test_wilson_known_values(k: int, n: int, low: float, high: float) -> None:
    lower, upper = wilson_interval(k, n)
    assert round(float(lower[0]), 1) == low
    assert round(float(upper[0]), 1) == high


@pytest.mark.parametrize(
    ("k", "n"),
    [
        pytest.param(0, 0, id="n-zero"),
        pytest.param(np.nan, 10, id="nan-successes"),
        pytest.param(3, np.nan, id="nan-n"),
        pytest.param(11, 10, id="more-successes-than-n"),
        pytest.param(-1, 10, id="negative"),
    ],
)
def test_wilson_invalid_gives_nan(k: float, n: float) -> None:
    lower, upper = wilson_interval(k, n)
    assert np.isnan(lower[0]) and np.isnan(upper[0])


def test_wilson_vectorised_over_series_and_empty() -> None:
    lower, upper = wilson_interval(pd.Series([8, 0]), pd.Series([10, 0]))
    assert lower.shape == (2,) and round(lower[0], 1) == 49.0 and np.isnan(upper[1])
    low_e, high_e = wilson_interval([], [])
    assert low_e.size == 0 and high_e.size == 0


def test_wilson_wider_at_higher_confidence() -> None:
    l95, h95 = wilson_interval(8, 10, 0.95)
    l99, h99 = wilson_interval(8, 10, 0.99)
    assert l99[0] < l95[0] and h99[0] > h95[0]


@given(n=st.integers(1, 5000), frac=st.floats(0, 1), conf=st.sampled_from([0.8, 0.9, 0.95, 0.99]))
@settings(max_examples=200, deadline=None)
def test_wilson_bounds_contain_point_estimate(n: int, frac: float, conf: float) -> None:
    k = round(frac * n)
    lower, upper = wilson_interval(k, n, conf)
    p = k / n * 100
    assert 0.0 <= lower[0] <= p + 1e-9
    assert p - 1e-9 <= upper[0] <= 100.0


def test_mean_t_interval_hand_computed() -> None:
    # x = 1,2,3,4: mean 2.5, s = 1.2910, s/√4 = 0.6455, t(0.975; 3) = 3.1824 → 2.5 ± 2.0543
    low, high = mean_t_interval([1, 2, 3, 4, np.nan])
    assert low == pytest.approx(0.4457, abs=1e-4)
    assert high == pytest.approx(4.5543, abs=1e-4)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        pytest.param([], (math.nan, math.nan), id="empty"),
        pytest.param([3.0], (math.nan, math.nan), id="single-row"),
        pytest.param([np.nan, np.nan], (math.nan, math.nan), id="all-nan"),
        pytest.param([2.0, 2.0, 2.0], (2.0, 2.0), id="identical-zero-width"),
    ],
)
def test_mean_t_interval_edge_cases(values: list[float], expected: tuple[float, float]) -> None:
    low, high = mean_t_interval(values)
    for got, want in zip((low, high), expected, strict=True):
        assert (math.isnan(got) and math.isnan(want)) or got == pytest.approx(want)


def _skm(rows: list[list[int]], groups: list[str] | None = None) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=U)
    if groups is not None:
        frame.insert(0, "instansi_kode", groups)
    return frame


def test_respondent_scores_ignore_invalid_answers() -> None:
    scores = respondent_scores(_skm([[4] * 9, [1] * 8 + [5], [0] * 9]))
    assert scores.iloc[0] == 100.0
    assert scores.iloc[1] == 25.0  # the 5 is not a valid answer and is ignored
    assert np.isnan(scores.iloc[2])


def test_ikm_interval_t_hand_computed() -> None:
    # DOMAIN.md §2: respondent scores 100, 75, 50 (all-4, all-3, all-2): mean 75, s = 25,
    # s/√3 = 14.434, t(0.975; 2) = 4.3027 → 75 ± 62.10 → clipped to the scale 25-100.
    out = ikm_interval(_skm([[4] * 9, [3] * 9, [2] * 9]))
    assert list(out.columns) == ["responden", "ikm_bawah", "ikm_atas"]
    assert out.loc[0, "responden"] == 3
    assert out.loc[0, "ikm_bawah"] == 25.0
    assert out.loc[0, "ikm_atas"] == 100.0
    narrow = ikm_interval(_skm([[4] * 9, [3] * 9] * 20))  # 40 respondents, mean 87.5, s = 12.66
    assert narrow.loc[0, "ikm_bawah"] == pytest.approx(87.5 - 2.0227 * 12.6602 / math.sqrt(40), abs=1e-3)


def test_ikm_interval_by_group_single_row_and_empty() -> None:
    out = ikm_interval(_skm([[4] * 9, [3] * 9, [2] * 9], ["a", "a", "b"]), by="instansi_kode")
    assert out["instansi_kode"].tolist() == ["a", "b"]
    assert out["responden"].tolist() == [2, 1]
    assert np.isnan(out.loc[1, "ikm_bawah"])  # a single respondent has no interval
    empty = ikm_interval(_skm([], []), by="instansi_kode")
    assert empty.empty and list(empty.columns) == ["instansi_kode", "responden", "ikm_bawah", "ikm_atas"]


def test_ikm_interval_bootstrap_is_seeded_and_contains_mean() -> None:
    rows = [[4] * 9, [3] * 9, [3] * 9, [2] * 9, [4] * 9, [3] * 9]
    first = ikm_interval(_skm(rows, ["a"] * 6), by="instansi_kode", method="bootstrap", seed=7)
    again = ikm_interval(_skm(rows, ["a"] * 6), by="instansi_kode", method="bootstrap", seed=7)
    pd.testing.assert_frame_equal(first, again)
    mean = (100 + 75 + 75 + 50 + 100 + 75) / 6
    assert first.loc[0, "ikm_bawah"] < mean < first.loc[0, "ikm_atas"]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        pytest.param((70, 80), (81, 90), True, id="disjoint"),
        pytest.param((70, 80), (79, 90), False, id="overlap"),
        pytest.param((70, 80), (80, 90), False, id="touching-counts-as-overlap"),
        pytest.param((81, 90), (70, 80), True, id="disjoint-reversed"),
        pytest.param((np.nan, np.nan), (81, 90), False, id="missing-bounds-no-claim"),
    ],
)
def test_significant_difference(a: tuple[float, float], b: tuple[float, float], expected: bool) -> None:
    assert bool(significant_difference(a[0], a[1], b[0], b[1])[0]) is expected


def test_mark_within_noise_ranking() -> None:
    frame = pd.DataFrame(
        {
            "instansi_kode": ["c", "a", "b", "d"],
            "ikm": [60.0, 80.0, 79.0, np.nan],
            "ikm_bawah": [55.0, 75.0, 74.0, np.nan],
            "ikm_atas": [65.0, 85.0, 84.0, np.nan],
        }
    )
    out = mark_within_noise(frame, "ikm", "ikm_bawah", "ikm_atas")
    assert out.index.tolist() == frame.index.tolist()  # original order kept
    by_code = out.set_index("instansi_kode")
    assert by_code["peringkat"].to_dict() == {"a": 1, "b": 2, "c": 3, "d": 4}
    assert by_code.loc["b", "dalam_batas_ketidakpastian"]  # 79 vs 80: overlapping intervals
    assert by_code.loc["b", "keterangan_ketidakpastian"] == LABEL_DALAM_BATAS
    assert by_code.loc["b", "selisih"] == -1.0
    assert not by_code.loc["c", "dalam_batas_ketidakpastian"]  # 60 vs 79: a real gap
    assert not by_code.loc["a", "dalam_batas_ketidakpastian"]  # first: no neighbour above
    assert not by_code.loc["d", "dalam_batas_ketidakpastian"]  # no value
    assert "dalam_batas_ketidakpastian" not in frame.columns  # input not modified


def test_mark_within_noise_year_on_year() -> None:
    frame = pd.DataFrame(
        {
            "instansi_kode": ["a", "a", "a", "b"],
            "tahun": [2024, 2023, 2025, 2024],
            "persen": [70.0, 60.0, 72.0, 50.0],
            "bawah": [65.0, 55.0, 66.0, 40.0],
            "atas": [75.0, 64.0, 78.0, 60.0],
        }
    )
    out = mark_within_noise(frame, "persen", "bawah", "atas", by="instansi_kode", time_col="tahun")
    assert "peringkat" not in out.columns
    assert out["dalam_batas_ketidakpastian"].tolist() == [False, False, True, False]
    assert out["selisih"].iloc[0] == 10.0 and np.isnan(out["selisih"].iloc[1])


def test_mark_within_noise_empty() -> None:
    frame = pd.DataFrame(columns=["ikm", "lo", "hi"])
    out = mark_within_noise(frame, "ikm", "lo", "hi")
    assert out.empty and "dalam_batas_ketidakpastian" in out.columns


def test_two_proportion_z_test_hand_computed() -> None:
    # 8/10 vs 2/10: pooled 0.5, se = √(0.25·0.2) = 0.2236, z = 0.6/0.2236 = 2.683, p = 0.0073
    z, p = two_proportion_z_test(8, 10, 2, 10)
    assert z[0] == pytest.approx(2.6833, abs=1e-4)
    assert p[0] == pytest.approx(0.00729, abs=1e-4)


@pytest.mark.parametrize(
    ("args", "z_expected", "p_expected"),
    [
        pytest.param((0, 10, 0, 20), 0.0, 1.0, id="both-zero-percent"),
        pytest.param((5, 0, 1, 10), math.nan, math.nan, id="empty-group"),
        pytest.param((np.nan, 10, 1, 10), math.nan, math.nan, id="nan"),
    ],
)
def test_two_proportion_z_test_edges(args: tuple[float, ...], z_expected: float, p_expected: float) -> None:
    z, p = two_proportion_z_test(*args)
    for got, want in ((z[0], z_expected), (p[0], p_expected)):
        assert (math.isnan(got) and math.isnan(want)) or got == pytest.approx(want)
