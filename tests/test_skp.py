"""Tests of asn_metrics.skp (DOMAIN.md §1)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asn_metrics import reference as ref
from asn_metrics import skp, skp_kurva

ATAS, SESUAI, BAWAH = ref.RATING_ATAS, ref.RATING_SESUAI, ref.RATING_BAWAH
SB, B, BP, K, SK = ref.PREDIKAT_ORDER

# DOMAIN.md §1 matrix: rows hasil kerja, columns perilaku kerja — all nine cells.
MATRIX_CASES = [
    pytest.param(ATAS, BAWAH, K, id="hasil_atas-perilaku_bawah-Kurang"),
    pytest.param(ATAS, SESUAI, B, id="hasil_atas-perilaku_sesuai-Baik"),
    pytest.param(ATAS, ATAS, SB, id="hasil_atas-perilaku_atas-SangatBaik"),
    pytest.param(SESUAI, BAWAH, K, id="hasil_sesuai-perilaku_bawah-Kurang"),
    pytest.param(SESUAI, SESUAI, B, id="hasil_sesuai-perilaku_sesuai-Baik"),
    pytest.param(SESUAI, ATAS, B, id="hasil_sesuai-perilaku_atas-Baik"),
    pytest.param(BAWAH, BAWAH, SK, id="hasil_bawah-perilaku_bawah-SangatKurang"),
    pytest.param(BAWAH, SESUAI, BP, id="hasil_bawah-perilaku_sesuai-ButuhPerbaikan"),
    pytest.param(BAWAH, ATAS, BP, id="hasil_bawah-perilaku_atas-ButuhPerbaikan"),
]


@pytest.mark.parametrize(("hasil", "perilaku", "expected"), MATRIX_CASES)
def test_predikat_matrix_cell(hasil: str, perilaku: str, expected: str) -> None:
    out = skp.predikat_series(pd.Series([hasil]), pd.Series([perilaku]))
    assert out.iloc[0] == expected


def test_predikat_series_vectorised_all_cells_at_once() -> None:
    hasil = pd.Series([c.values[0] for c in MATRIX_CASES], index=range(10, 19))
    perilaku = pd.Series([c.values[1] for c in MATRIX_CASES], index=range(10, 19))
    out = skp.predikat_series(hasil, perilaku)
    assert list(out) == [c.values[2] for c in MATRIX_CASES]
    assert list(out.index) == list(range(10, 19))
    assert out.name == "predikat"


def test_predikat_series_free_spelling_and_missing() -> None:
    hasil = pd.Series(["DIATAS EKSPEKTASI", "sesuai", "bawah", None, "atas", "ngawur"])
    perilaku = pd.Series(["di atas ekspektasi", "Di Bawah", "SESUAI EKSPEKTASI", "atas", np.nan, "atas"])
    out = skp.predikat_series(hasil, perilaku)
    assert list(out[:3]) == [SB, K, BP]
    assert out[3:].isna().all()


def test_predikat_series_empty() -> None:
    out = skp.predikat_series(pd.Series([], dtype=object), pd.Series([], dtype=object))
    assert out.empty


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("di atas ekspektasi", ATAS, id="lower"),
        pytest.param("DIATAS EKSPEKTASI", ATAS, id="upper-nospace"),
        pytest.param("  Di Atas  Ekspektasi ", ATAS, id="spaces"),
        pytest.param("atas", ATAS, id="short-atas"),
        pytest.param("Di-atas", ATAS, id="hyphen"),
        pytest.param("sesuai", SESUAI, id="short-sesuai"),
        pytest.param("Sesuai Ekspektasi", SESUAI, id="canonical-sesuai"),
        pytest.param("bawah", BAWAH, id="short-bawah"),
        pytest.param("DI BAWAH EKSPEKTASI", BAWAH, id="upper-bawah"),
        pytest.param("", None, id="blank"),
        pytest.param(None, None, id="none"),
        pytest.param(float("nan"), None, id="nan"),
        pytest.param("baik", None, id="a-predikat-not-a-rating"),
        pytest.param("ekspektasi", None, id="suffix-only"),
    ],
)
def test_normalise_rating(text: object, expected: str | None) -> None:
    assert skp.normalise_rating(text) == expected


# --- annual predikat (DOMAIN.md §1: tahunan, else the last period) ---------------------------------


def _skp(rows: list[tuple[str, int, str, str | None]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "nip": [r[0] for r in rows],
            "instansi_kode": "A",
            "tahun": [r[1] for r in rows],
            "periode": [r[2] for r in rows],
            "bulan_akhir": [ref.periode_bulan_akhir(r[2]) for r in rows],
            "predikat": [r[3] for r in rows],
        }
    )


@pytest.mark.parametrize(
    ("rows", "expected_predikat", "expected_sumber"),
    [
        pytest.param([("1", 2024, "tw4", B), ("1", 2024, "tahunan", SB)], SB, "tahunan", id="tahunan-wins"),
        pytest.param([("1", 2024, "tahunan", SB), ("1", 2024, "b12", BP)], SB, "tahunan", id="tahunan-wins-over-b12"),
        pytest.param(
            [("1", 2024, "tw1", SB), ("1", 2024, "tw3", BP), ("1", 2024, "tw2", B)], BP, "tw3", id="last-quarter"
        ),
        pytest.param([("1", 2024, "b03", K), ("1", 2024, "b11", B)], B, "b11", id="last-month"),
        pytest.param([("1", 2024, "tw4", SB), ("1", 2024, "b12", B)], SB, "tw4", id="tie-quarter-first"),
        pytest.param(
            [("1", 2024, "tahunan", None), ("1", 2024, "tw2", BP)], BP, "tw2", id="unrated-tahunan-falls-back"
        ),
        pytest.param([("1", 2024, "tw1", SB)], SB, "tw1", id="single-row"),
    ],
)
def test_annual_predikat_choice(
    rows: list[tuple[str, int, str, str | None]], expected_predikat: str, expected_sumber: str
) -> None:
    out = skp.annual_predikat(_skp(rows))
    assert len(out) == 1
    assert out.loc[0, "predikat"] == expected_predikat
    assert out.loc[0, "sumber_periode"] == expected_sumber
    assert out.loc[0, "instansi_kode"] == "A"


def test_annual_predikat_one_row_per_nip_year_never_averaged() -> None:
    df = _skp(
        [
            ("1", 2023, "tw1", SB),
            ("1", 2023, "tw2", SK),
            ("1", 2024, "tahunan", B),
            ("2", 2024, "tw1", SK),
            ("2", 2024, "tw2", SB),
        ]
    )
    out = skp.annual_predikat(df).set_index(["nip", "tahun"])
    assert out["predikat"].to_dict() == {("1", 2023): SK, ("1", 2024): B, ("2", 2024): SB}


def test_annual_predikat_derives_missing_predikat_from_ratings() -> None:
    df = _skp([("1", 2024, "tahunan", None), ("2", 2024, "tahunan", BP)]).assign(
        rating_hasil_kerja=["atas", None], rating_perilaku_kerja=["di atas ekspektasi", None]
    )
    out = skp.annual_predikat(df).set_index("nip")
    assert out.loc["1", "predikat"] == SB
    assert out.loc["2", "predikat"] == BP


def test_annual_predikat_empty_and_all_nan() -> None:
    empty = skp.annual_predikat(_skp([]))
    assert empty.empty
    assert {"nip", "tahun", "predikat", "sumber_periode"} <= set(empty.columns)
    assert skp.annual_predikat(_skp([("1", 2024, "tahunan", None)])).empty


# --- distribution --------------------------------------------------------------------------------


def _counts(rows: list[tuple[str, str | None, int]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["instansi_kode", "predikat", "jumlah"])


def test_predikat_distribution_wide_with_zeros() -> None:
    out = skp.predikat_distribution(_counts([("A", SB, 3), ("A", B, 1), ("B", K, 2), ("A", None, 5)]))
    a = out.set_index("instansi_kode").loc["A"]
    assert a["jumlah"] == 4
    assert a["jumlah_sangat_baik"] == 3
    assert a["jumlah_kurang"] == 0
    assert a["persen_sangat_baik"] == pytest.approx(75.0)
    assert a["persen_baik"] == pytest.approx(25.0)
    assert a["persen_sangat_kurang"] == 0.0
    b = out.set_index("instansi_kode").loc["B"]
    assert b["persen_kurang"] == pytest.approx(100.0)
    # DOMAIN.md §1 "Baik ke atas" = Sangat Baik + Baik, defined here once: 3 + 1 of 4 in A, none of 2 in B.
    assert (a["jumlah_baik_ke_atas"], a["persen_baik_ke_atas"]) == (4, pytest.approx(100.0))
    assert (b["jumlah_baik_ke_atas"], b["persen_baik_ke_atas"]) == (0, 0.0)
    cols = [skp.kolom_persen(p) for p in ref.PREDIKAT_ORDER]
    assert [*cols, "persen_baik_ke_atas"] == [c for c in out.columns if c.startswith("persen_")]


def test_predikat_distribution_sums_duplicates_and_overall() -> None:
    out = skp.predikat_distribution(_counts([("A", SB, 3), ("A", SB, 1), ("B", B, 4)]), by=())
    assert len(out) == 1
    assert out.loc[0, "jumlah"] == 8
    assert out.loc[0, "persen_sangat_baik"] == pytest.approx(50.0)
    assert "_all" not in out.columns


def test_predikat_distribution_empty() -> None:
    out = skp.predikat_distribution(_counts([]))
    assert out.empty
    assert "persen_sangat_baik" in out.columns
    assert "instansi_kode" in out.columns


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["A", "B", "C"]), st.sampled_from(ref.PREDIKAT_ORDER), st.integers(0, 500)),
        min_size=1,
        max_size=30,
    )
)
def test_distribution_percentages_property(rows: list[tuple[str, str, int]]) -> None:
    out = skp.predikat_distribution(_counts(list(rows)))
    pct = out[[skp.kolom_persen(p) for p in ref.PREDIKAT_ORDER]]
    rated = out["jumlah"] > 0
    assert ((pct[rated] >= 0) & (pct[rated] <= 100)).all().all()
    assert np.allclose(pct[rated].sum(axis=1), 100.0)
    assert pct[~rated].isna().all().all()
    assert (out[[skp.kolom_jumlah(p) for p in ref.PREDIKAT_ORDER]].sum(axis=1) == out["jumlah"]).all()


# --- distribution curve (DOMAIN.md §1 kurva distribusi) -------------------------------------------


def _dist(sb: int, b: int, bp: int, k: int, sk: int) -> pd.DataFrame:
    rows = [("X", p, n) for p, n in zip(ref.PREDIKAT_ORDER, (sb, b, bp, k, sk), strict=True)]
    return skp.predikat_distribution(_counts(rows))


CURVE_CASES = [
    # Istimewa: at most 70% Sangat Baik
    pytest.param("Istimewa", (70, 30, 0, 0, 0), "Sangat Baik ≤ 70%", True, id="istimewa-sb70-ok"),
    pytest.param("Istimewa", (71, 29, 0, 0, 0), "Sangat Baik ≤ 70%", False, id="istimewa-sb71-fail"),
    # Baik: at most 70% Baik, some Butuh Perbaikan or Kurang
    pytest.param("Baik", (20, 70, 10, 0, 0), "Baik ≤ 70%", True, id="baik-b70-ok"),
    pytest.param("Baik", (19, 71, 10, 0, 0), "Baik ≤ 70%", False, id="baik-b71-fail"),
    pytest.param(
        "Baik",
        (30, 69, 0, 1, 0),
        "Butuh Perbaikan + Kurang/Misconduct harus ada (> 0%)",
        True,
        id="baik-some-kurang-ok",
    ),
    pytest.param(
        "Baik",
        (30, 70, 0, 0, 0),
        "Butuh Perbaikan + Kurang/Misconduct harus ada (> 0%)",
        False,
        id="baik-none-weak-fail",
    ),
    # Butuh Perbaikan: at least 60% BP, at most 10% SB
    pytest.param("Butuh Perbaikan", (10, 30, 60, 0, 0), "Butuh Perbaikan ≥ 60%", True, id="bp-bp60-ok"),
    pytest.param("Butuh Perbaikan", (10, 31, 59, 0, 0), "Butuh Perbaikan ≥ 60%", False, id="bp-bp59-fail"),
    pytest.param("Butuh Perbaikan", (10, 30, 60, 0, 0), "Sangat Baik ≤ 10%", True, id="bp-sb10-ok"),
    pytest.param("Butuh Perbaikan", (11, 29, 60, 0, 0), "Sangat Baik ≤ 10%", False, id="bp-sb11-fail"),
    # Kurang: at least 60% Kurang and 10% BP, at most 10% SB
    pytest.param("Kurang", (10, 20, 10, 60, 0), "Kurang/Misconduct ≥ 60%", True, id="kurang-k60-ok"),
    pytest.param("Kurang", (10, 21, 10, 59, 0), "Kurang/Misconduct ≥ 60%", False, id="kurang-k59-fail"),
    pytest.param("Kurang", (10, 20, 10, 60, 0), "Butuh Perbaikan ≥ 10%", True, id="kurang-bp10-ok"),
    pytest.param("Kurang", (10, 21, 9, 60, 0), "Butuh Perbaikan ≥ 10%", False, id="kurang-bp9-fail"),
    pytest.param("Kurang", (11, 19, 10, 60, 0), "Sangat Baik ≤ 10%", False, id="kurang-sb11-fail"),
    # Sangat Kurang: at least 60% SK, no SB
    pytest.param("Sangat Kurang", (0, 40, 0, 0, 60), "Sangat Kurang ≥ 60%", True, id="sk-sk60-ok"),
    pytest.param("Sangat Kurang", (0, 41, 0, 0, 59), "Sangat Kurang ≥ 60%", False, id="sk-sk59-fail"),
    pytest.param("Sangat Kurang", (0, 40, 0, 0, 60), "Sangat Baik ≤ 0%", True, id="sk-no-sb-ok"),
    pytest.param("Sangat Kurang", (1, 39, 0, 0, 60), "Sangat Baik ≤ 0%", False, id="sk-one-sb-fail"),
]


@pytest.mark.parametrize(("org", "counts", "batas", "expected"), CURVE_CASES)
def test_distribution_curve_rule(org: str, counts: tuple[int, ...], batas: str, expected: bool) -> None:
    out = skp_kurva.check_distribution_curve(_dist(*counts), org)
    assert len(out) == len(skp_kurva.KURVA_DISTRIBUSI[org])
    row = out.set_index("batas").loc[batas]
    assert bool(row["memenuhi"]) is expected
    assert row["instansi_kode"] == "X"
    assert row["predikat_organisasi"] == org
    assert row["alasan"].startswith("Memenuhi" if expected else "Tidak memenuhi")
    assert f"organisasi berpredikat {org}" in row["alasan"]


def test_distribution_curve_reason_text_names_numbers() -> None:
    out = skp_kurva.check_distribution_curve(_dist(95, 5, 0, 0, 0), "Istimewa")
    assert out.loc[0, "persen_aktual"] == pytest.approx(95.0)
    assert out.loc[0, "persen_batas"] == 70.0
    assert "95%" in out.loc[0, "alasan"]
    assert "maksimal 70%" in out.loc[0, "alasan"]


def test_distribution_curve_per_group_series_and_order() -> None:
    dist = skp.predikat_distribution(_counts([("A", SB, 9), ("A", B, 1), ("B", B, 8), ("B", BP, 2)]))
    org = pd.Series(["Istimewa", "Baik"], index=dist.index)
    out = skp_kurva.check_distribution_curve(dist, org)
    assert list(out["instansi_kode"]) == ["A", "B", "B"]
    assert list(out["memenuhi"]) == [False, False, True]


def test_distribution_curve_unknown_rating_raises() -> None:
    with pytest.raises(ValueError, match="tidak dikenal"):
        skp_kurva.check_distribution_curve(_dist(1, 1, 1, 1, 1), "Luar Biasa")


def test_distribution_curve_empty_and_zero_total() -> None:
    out = skp_kurva.check_distribution_curve(skp.predikat_distribution(_counts([])), "Baik")
    assert out.empty
    assert "memenuhi" in out.columns
    zero = skp_kurva.check_distribution_curve(skp.predikat_distribution(_counts([("A", SB, 0)])), "Istimewa")
    assert pd.isna(zero.loc[0, "memenuhi"])
    assert "Tidak ada pegawai" in zero.loc[0, "alasan"]


@pytest.mark.parametrize(
    ("counts", "threshold", "min_jumlah", "expected"),
    [
        pytest.param((95, 5, 0, 0, 0), 70.0, 1, True, id="95pct-flagged"),
        pytest.param((70, 30, 0, 0, 0), 70.0, 1, True, id="exactly-threshold-flagged"),
        pytest.param((69, 31, 0, 0, 0), 70.0, 1, False, id="below-threshold"),
        pytest.param((85, 15, 0, 0, 0), 90.0, 1, False, id="custom-threshold"),
        pytest.param((3, 0, 0, 0, 0), 70.0, 10, False, id="too-small-group"),
        pytest.param((0, 0, 0, 0, 0), 70.0, 1, False, id="nobody-rated"),
    ],
)
def test_inflation_flags(counts: tuple[int, ...], threshold: float, min_jumlah: int, expected: bool) -> None:
    out = skp_kurva.inflation_flags(_dist(*counts), threshold=threshold, min_jumlah=min_jumlah)
    assert bool(out.loc[0, "inflasi"]) is expected
    if expected:
        assert "inflasi" in out.loc[0, "alasan"]
    else:
        assert pd.isna(out.loc[0, "alasan"])


def test_inflation_flags_empty() -> None:
    out = skp_kurva.inflation_flags(skp.predikat_distribution(_counts([])))
    assert out.empty
    assert "inflasi" in out.columns


# --- credit points -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("predikat", "expected"),
    [(SB, 150.0), (B, 100.0), (BP, 75.0), (K, 50.0), (SK, 25.0)],
    ids=["SB-150", "B-100", "BP-75", "K-50", "SK-25"],
)
def test_angka_kredit_persen(predikat: str, expected: float) -> None:
    assert skp.angka_kredit_persen(predikat) == expected
    assert skp.angka_kredit_persen(pd.Series([predikat])).iloc[0] == expected


def test_angka_kredit_persen_missing() -> None:
    assert math.isnan(skp.angka_kredit_persen(None))
    assert math.isnan(skp.angka_kredit_persen("Cukup"))
    assert skp.angka_kredit_persen(pd.Series([np.nan, "x"], dtype=object)).isna().all()


# --- legacy regimes ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nilai", "expected"),
    [
        pytest.param(100.0, "Sangat Baik", id="100"),
        pytest.param(91.0, "Sangat Baik", id="91"),
        pytest.param(90.99, "Baik", id="90.99"),
        pytest.param(76.0, "Baik", id="76"),
        pytest.param(75.99, "Cukup", id="75.99"),
        pytest.param(61.0, "Cukup", id="61"),
        pytest.param(60.99, "Kurang", id="60.99"),
        pytest.param(51.0, "Kurang", id="51"),
        pytest.param(50.99, "Buruk", id="50.99"),
        pytest.param(0.0, "Buruk", id="0"),
    ],
)
def test_kategori_pp46_boundaries(nilai: float, expected: str) -> None:
    assert skp.kategori_pp46(nilai) == expected
    assert skp.kategori_pp46(pd.Series([nilai])).iloc[0] == expected


@pytest.mark.parametrize(
    ("nilai", "inovasi", "expected"),
    [
        pytest.param(120.0, True, "Sangat Baik", id="120-innovation"),
        pytest.param(110.0, True, "Sangat Baik", id="110-innovation"),
        pytest.param(109.99, True, "Baik", id="109.99-innovation"),
        pytest.param(115.0, False, "Baik", id="115-no-innovation"),
        pytest.param(90.0, False, "Baik", id="90"),
        pytest.param(89.99, False, "Cukup", id="89.99"),
        pytest.param(70.0, False, "Cukup", id="70"),
        pytest.param(69.99, False, "Kurang", id="69.99"),
        pytest.param(50.0, False, "Kurang", id="50"),
        pytest.param(49.99, False, "Sangat Kurang", id="49.99"),
    ],
)
def test_kategori_pp30_boundaries(nilai: float, inovasi: bool, expected: str) -> None:
    assert skp.kategori_pp30(nilai, inovasi) == expected


def test_legacy_nan_scores() -> None:
    assert pd.isna(skp.kategori_pp46(float("nan")))
    assert pd.isna(skp.kategori_pp30(float("nan"), True))
    out = skp.kategori_pp30(pd.Series([112.0, 112.0, np.nan]), pd.Series([True, np.nan, True]))
    assert list(out[:2]) == ["Sangat Baik", "Baik"]
    assert pd.isna(out.iloc[2])


def test_legacy_category_by_regime_and_ladder_mapping() -> None:
    df = pd.DataFrame(
        {
            "nip": ["1", "2", "3", "4", "5"],
            "regime": [ref.REGIME_PP46, ref.REGIME_PP46, ref.REGIME_PP30, ref.REGIME_PP30, ref.REGIME_2022],
            "nilai": [80.0, 45.0, 80.0, 115.0, 95.0],
            "inovasi": [False, False, False, True, False],
        }
    )
    out = skp.legacy_category(df)
    # 80 is Baik under PP 46/2011 but Cukup under PP 30/2019: compare categories, never numbers.
    assert list(out["kategori_legacy"][:4]) == ["Baik", "Buruk", "Cukup", "Sangat Baik"]
    assert list(out["predikat_setara"][:4]) == [B, SK, BP, SB]
    assert pd.isna(out.loc[4, "kategori_legacy"])
    assert pd.isna(out.loc[4, "predikat_setara"])
    assert "kategori_legacy" not in df.columns  # input not mutated


def test_legacy_category_empty_and_without_inovasi() -> None:
    empty = skp.legacy_category(pd.DataFrame({"nilai": [], "regime": []}))
    assert empty.empty
    assert {"kategori_legacy", "predikat_setara"} <= set(empty.columns)
    out = skp.legacy_category(pd.DataFrame({"nilai": [115.0], "regime": [ref.REGIME_PP30]}))
    assert out.loc[0, "kategori_legacy"] == "Baik"


def test_legacy_mapping_covers_every_category_onto_the_ladder() -> None:
    for mapping in skp.LEGACY_KE_PREDIKAT.values():
        assert set(mapping.values()) == set(ref.PREDIKAT_ORDER)
    assert "[assumed]" in (skp.legacy_category.__doc__ or "")


# --- movement -----------------------------------------------------------------------------------


def _annual(rows: list[tuple[str, int, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["nip", "tahun", "predikat"])


@pytest.mark.parametrize(
    ("before", "after", "langkah", "label"),
    [
        pytest.param(B, SB, 1, "naik", id="baik-to-sangat-baik"),
        pytest.param(SK, B, 3, "naik", id="sangat-kurang-to-baik"),
        pytest.param(B, B, 0, "tetap", id="same"),
        pytest.param(SB, BP, -2, "turun", id="sangat-baik-to-butuh-perbaikan"),
        pytest.param(K, SK, -1, "turun", id="kurang-to-sangat-kurang"),
    ],
)
def test_predikat_movement(before: str, after: str, langkah: int, label: str) -> None:
    out = skp.predikat_movement(_annual([("1", 2024, after), ("1", 2023, before)]))
    assert len(out) == 1
    row = out.iloc[0]
    assert (row["tahun"], row["tahun_sebelumnya"]) == (2024, 2023)
    assert (row["predikat_sebelumnya"], row["predikat"]) == (before, after)
    assert row["langkah"] == langkah
    assert row["pergerakan"] == label


def test_predikat_movement_gaps_and_first_year() -> None:
    annual = _annual([("1", 2022, SB), ("1", 2024, BP), ("2", 2024, B), ("3", 2023, K), ("3", 2024, B)])
    out = skp.predikat_movement(annual)
    assert list(out["nip"]) == ["3"]
    loose = skp.predikat_movement(annual, consecutive_only=False)
    assert loose.set_index("nip").loc["1", "langkah"] == -2
    assert loose.set_index("nip").loc["1", "tahun_sebelumnya"] == 2022


def test_predikat_movement_empty_and_nan() -> None:
    assert skp.predikat_movement(_annual([])).empty
    out = skp.predikat_movement(
        pd.DataFrame({"nip": ["1", "1", "1"], "tahun": [2022, 2023, 2024], "predikat": [B, None, SB]})
    )
    assert out.empty  # 2023 unrated: no consecutive pair


def _trend(rows: list[tuple[int, str, str, int]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["tahun", "instansi_kode", "predikat", "jumlah"])


def test_trend_share_picks_the_agencies_that_rose_and_fell_most() -> None:
    """DOMAIN.md §1 Baik ke atas per agency and year: 'up' goes 50% → 90%, 'down' 80% → 40%, 'flat' stays at
    50%, 'small' moves most but has fewer than 10 rated employees one year, so it is left out."""
    rows = []
    for kode, first, last in (("up", 5, 9), ("down", 8, 4), ("flat", 5, 5)):
        for year, good in ((2023, first), (2024, last)):
            rows += [(year, kode, "Baik", good), (year, kode, "Butuh Perbaikan", 10 - good)]
    rows += [(2023, "small", "Sangat Kurang", 9), (2024, "small", "Sangat Baik", 9)]
    out = skp.trend_share(_trend(rows), n=1)
    assert list(dict.fromkeys(out["instansi_kode"])) == ["up", "down"]
    up = out[out["instansi_kode"] == "up"].set_index("tahun")["persen_baik_ke_atas"]
    assert up.loc[2023] == pytest.approx(50.0) and up.loc[2024] == pytest.approx(90.0)
    focus = skp.trend_share(_trend(rows), focus="small")
    assert list(focus["persen_baik_ke_atas"]) == pytest.approx([0.0, 100.0])
