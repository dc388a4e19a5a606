"""Tests for asn_metrics.survey (DOMAIN.md §2: SKM, NRR, IKM, mutu, Krejcie-Morgan)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asn_metrics.survey import (
    METODE_011,
    METODE_EXACT,
    classify_ikm,
    ikm,
    krejcie_morgan,
    match_element_columns,
    nrr,
    priorities,
    round_half_up,
    sample_adequacy,
)

U = [f"u{i}" for i in range(1, 10)]


def _skm(rows: list[list[int]], groups: list[str] | None = None) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=U, dtype=float)
    if groups is not None:
        frame.insert(0, "instansi_kode", groups)
    return frame


# DOMAIN.md §2 worked example, by hand:
#   respondent 1 answers 4 on u1..u8 and 2 on u9; respondent 2 answers 3 on u1..u8 and 3 on u9.
#   NRR u1..u8 = 3.5, NRR u9 = 2.5; mean NRR = (8 × 3.5 + 2.5)/9 = 30.5/9 = 3.38889
#   IKM = 3.38889 × 25 = 84.7222 → 84.72 → mutu B, kinerja "Baik".
#   Weight 0.11: Σ NRR × 0.11 × 25 = 30.5 × 0.11 × 25 = 83.875 → 83.88 (slightly lower).
WORKED = [[4] * 8 + [2], [3] * 9]


def test_worked_example_exact_weights() -> None:
    out = ikm(_skm(WORKED))
    row = out.iloc[0]
    assert row["nrr_u1"] == 3.5 and row["nrr_u9"] == 2.5
    assert row["ikm"] == 84.72
    assert (row["mutu"], row["kinerja"], row["metode"]) == ("B", "Baik", METODE_EXACT)
    assert row["responden"] == 2
    assert row["ikm_bawah"] <= row["ikm"] <= row["ikm_atas"]


def test_worked_example_011_option_is_slightly_lower() -> None:
    exact = ikm(_skm(WORKED)).iloc[0]
    compat = ikm(_skm(WORKED), weights="0.11").iloc[0]
    assert compat["ikm"] == 83.88
    assert compat["ikm"] < exact["ikm"]
    assert compat["metode"] == METODE_011


def test_ikm_from_unrounded_nrr() -> None:
    # NRR of 3 answers (4,4,3) = 3.6667 on every element: IKM = 91.6667 → 91.67 (rounding the NRR
    # to 3.67 first would give 91.75).
    out = ikm(_skm([[4] * 9, [4] * 9, [3] * 9]))
    assert out.loc[0, "ikm"] == 91.67
    assert out.loc[0, "mutu"] == "A"


@pytest.mark.parametrize(
    ("value", "mutu"),
    [
        pytest.param(25.00, "D", id="25.00-D-lowest"),
        pytest.param(64.99, "D", id="64.99-D"),
        pytest.param(65.00, "C", id="65.00-C"),
        pytest.param(76.60, "C", id="76.60-C"),
        pytest.param(76.61, "B", id="76.61-B"),
        pytest.param(88.30, "B", id="88.30-B"),
        pytest.param(88.31, "A", id="88.31-A"),
        pytest.param(100.00, "A", id="100-A"),
        pytest.param(64.994, "D", id="64.994-rounds-to-64.99-D"),
        pytest.param(64.995, "C", id="64.995-rounds-to-65.00-C"),
        pytest.param(76.6049, "C", id="76.6049-rounds-to-76.60-C"),
        pytest.param(88.305, "A", id="88.305-rounds-to-88.31-A"),
        pytest.param(24.99, None, id="below-scale"),
        pytest.param(100.01, None, id="above-scale"),
        pytest.param(np.nan, None, id="nan"),
    ],
)
def test_classify_ikm_band_boundaries(value: float, mutu: str | None) -> None:
    # DOMAIN.md §2 table (PermenPANRB 14/2017): 25.00-64.99 D, 65.00-76.60 C, 76.61-88.30 B, 88.31-100 A.
    assert classify_ikm(value) == mutu


def test_classify_ikm_vectorised_keeps_index() -> None:
    out = classify_ikm(pd.Series([64.99, 65.0, np.nan], index=[7, 8, 9]))
    assert out.index.tolist() == [7, 8, 9]
    assert out.tolist() == ["D", "C", None]


@pytest.mark.parametrize(
    ("answer", "ikm_value", "mutu"),
    [
        pytest.param(4, 100.0, "A", id="all-4-gives-100"),
        pytest.param(1, 25.0, "D", id="all-1-gives-25"),
    ],
)
def test_ikm_scale_ends(answer: int, ikm_value: float, mutu: str) -> None:
    out = ikm(_skm([[answer] * 9] * 3))
    assert out.loc[0, "ikm"] == ikm_value and out.loc[0, "mutu"] == mutu


def test_ikm_by_group_and_single_row() -> None:
    out = ikm(_skm([[4] * 9, [3] * 9, [2] * 9], ["a", "a", "b"]), by="instansi_kode")
    assert out["instansi_kode"].tolist() == ["a", "b"]
    assert out["ikm"].tolist() == [87.5, 50.0]
    assert out["mutu"].tolist() == ["B", "D"]
    assert out["kinerja"].tolist() == ["Baik", "Tidak Baik"]
    assert np.isnan(out.loc[1, "ikm_bawah"])  # single respondent: no interval


def test_ikm_empty_and_missing_element() -> None:
    empty = ikm(_skm([], []), by="instansi_kode")
    assert empty.empty and {"ikm", "mutu", "ikm_bawah", "ikm_atas", "metode"} <= set(empty.columns)
    frame = _skm([[4] * 9, [3] * 9])
    frame["u4"] = np.nan  # an element nobody answered
    out = ikm(frame)
    assert np.isnan(out.loc[0, "ikm"]) and out.loc[0, "mutu"] is None


def test_ikm_rejects_unknown_weights() -> None:
    with pytest.raises(ValueError, match="weights"):
        ikm(_skm(WORKED), weights="0.1")  # type: ignore[arg-type]


def test_nrr_ignores_out_of_range_answers() -> None:
    frame = _skm([[4] * 9, [2] * 9])
    frame.loc[1, "u1"] = 7
    out = nrr(frame)
    assert out.loc[0, "nrr_u1"] == 4.0 and out.loc[0, "nrr_u2"] == 3.0
    assert out.loc[0, "responden"] == 2


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        pytest.param(
            ["persyaratan", "prosedur", "waktu_pelayanan", "biaya", "produk_layanan"],
            {"persyaratan": "u1", "prosedur": "u2", "waktu_pelayanan": "u3", "biaya": "u4", "produk_layanan": "u5"},
            id="data-formats-aliases",
        ),
        pytest.param(
            ["Kompetensi Pelaksana", "PERILAKU PELAKSANA", "Sarana dan Prasarana"],
            {"Kompetensi Pelaksana": "u6", "PERILAKU PELAKSANA": "u7", "Sarana dan Prasarana": "u9"},
            id="full-names-case-and-space",
        ),
        pytest.param(
            ["U8", "u9", "sarana_prasarana", "penanganan_pengaduan"],
            {"sarana_prasarana": "u9", "penanganan_pengaduan": "u8"},
            id="names-win-over-codes",
        ),
        pytest.param(
            ["U8 Sarana dan Prasarana", "U9 Penanganan Pengaduan, Saran dan Masukan", "U1"],
            {"U8 Sarana dan Prasarana": "u9", "U9 Penanganan Pengaduan, Saran dan Masukan": "u8", "U1": "u1"},
            id="swapped-u8-u9-with-code-prefix",
        ),
        pytest.param(["tanggal", "instansi_kode", "1"], {}, id="other-columns-ignored"),
    ],
)
def test_match_element_columns(headers: list[str], expected: dict[str, str]) -> None:
    assert match_element_columns(headers) == expected


def test_match_element_columns_duplicate_raises() -> None:
    with pytest.raises(ValueError, match="Sarana"):
        match_element_columns(["sarana_prasarana", "Sarana dan Prasarana"])


def test_swapped_u8_u9_matched_by_name_in_ikm() -> None:
    # Local questionnaire with Sarana in column 8 and Pengaduan in column 9 (DOMAIN.md §2 note).
    names = [
        "persyaratan",
        "prosedur",
        "waktu_pelayanan",
        "biaya",
        "produk_layanan",
        "kompetensi_pelaksana",
        "perilaku_pelaksana",
        "sarana_prasarana",
        "penanganan_pengaduan",
    ]
    frame = pd.DataFrame([[4, 4, 4, 4, 4, 4, 4, 1, 3]], columns=names)
    out = nrr(frame)
    assert out.loc[0, "nrr_u8"] == 3.0  # penanganan pengaduan
    assert out.loc[0, "nrr_u9"] == 1.0  # sarana dan prasarana


def test_priorities_weakest_elements_named() -> None:
    frame = _skm([[4, 2, 4, 4, 3, 4, 4, 4, 1], [4, 2, 4, 4, 3, 4, 4, 4, 1]], ["a", "a"])
    out = priorities(nrr(frame, "instansi_kode"), n=3)
    assert out["unsur"].tolist() == ["u9", "u2", "u5"]
    assert out["prioritas"].tolist() == [1, 2, 3]
    assert out["nama_unsur"].iloc[0] == "Sarana dan Prasarana"
    assert out["ikm_unsur"].iloc[0] == 25.0


def test_priorities_ties_keep_element_order_and_empty() -> None:
    out = priorities(nrr(_skm([[3] * 9])), n=2)
    assert out["unsur"].tolist() == ["u1", "u2"]
    assert priorities(nrr(_skm([])), n=3).empty


@pytest.mark.parametrize(
    ("population", "sample"),
    [
        pytest.param(100, 80, id="100-80"),
        pytest.param(500, 217, id="500-217"),
        pytest.param(1_000, 278, id="1000-278"),
        pytest.param(5_000, 357, id="5000-357"),
        pytest.param(10_000, 370, id="10000-370"),
        pytest.param(100_000, 384, id="100000-384"),
        pytest.param(15, 14, id="table-15-14"),
        pytest.param(1, 1, id="single"),
        pytest.param(0, 0, id="zero"),
    ],
)
def test_krejcie_morgan_table(population: int, sample: int) -> None:
    # DOMAIN.md §2 [src] Krejcie & Morgan (1970).
    assert krejcie_morgan(population) == sample


def test_krejcie_morgan_series_monotone_and_nan() -> None:
    n = pd.Series([np.nan, *range(0, 200_000, 997)])
    s = krejcie_morgan(n)
    assert np.isnan(s.iloc[0])
    values = s.iloc[1:].to_numpy()
    assert (np.diff(values) >= 0).all() and values.max() == 384
    assert (values <= n.iloc[1:].to_numpy()).all()


def test_sample_adequacy_flags_units_below_minimum() -> None:
    responses = pd.Series({"a": 80, "b": 100}, name="responden").rename_axis("instansi_kode")
    volume = pd.Series({"a": 100, "b": 500, "c": 10})
    out = sample_adequacy(responses, volume).set_index("instansi_kode")
    assert not out.loc["a", "kurang_sampel"]
    assert out.loc["b", "kurang_sampel"] and out.loc["b", "kekurangan"] == 117
    assert out.loc["c", "responden"] == 0 and out.loc["c", "kurang_sampel"]


def test_sample_adequacy_unknown_volume_and_empty() -> None:
    out = sample_adequacy(pd.Series({"a": 5}), pd.Series(dtype=float))
    assert not out.loc[0, "kurang_sampel"] and np.isnan(out.loc[0, "sampel_minimum"])
    assert sample_adequacy(pd.Series(dtype=float), pd.Series(dtype=float)).empty


def test_round_half_up() -> None:
    assert round_half_up(np.array([83.875, 84.7222, 64.995]), 2).tolist() == [83.88, 84.72, 65.0]


answers = st.lists(st.lists(st.integers(1, 4), min_size=9, max_size=9), min_size=1, max_size=12)


@given(rows=answers, weights=st.sampled_from(["exact", "0.11"]))
@settings(max_examples=100, deadline=None)
def test_property_ikm_within_scale(rows: list[list[int]], weights: str) -> None:
    out = ikm(_skm(rows), weights=weights)  # type: ignore[arg-type]
    value = out.loc[0, "ikm"]
    assert 24.75 <= value <= 100.0  # 0.11 weights: 0.99 × 25 at the bottom
    if weights == "exact":
        assert 25.0 <= value <= 100.0
        assert out.loc[0, "mutu"] in {"A", "B", "C", "D"}


@given(rows=answers, data=st.data())
@settings(max_examples=100, deadline=None)
def test_property_raising_an_answer_never_lowers_ikm(rows: list[list[int]], data: st.DataObject) -> None:
    before = ikm(_skm(rows)).loc[0, "ikm"]
    i = data.draw(st.integers(0, len(rows) - 1))
    j = data.draw(st.integers(0, 8))
    raised = [list(r) for r in rows]
    raised[i][j] = data.draw(st.integers(raised[i][j], 4))
    after = ikm(_skm(raised)).loc[0, "ikm"]
    assert after >= before
