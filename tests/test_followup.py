"""Tests of asn_metrics.followup (DOMAIN.md §8 follow-up lists, §6 training)."""

from __future__ import annotations

import pandas as pd
import pytest

from asn_metrics import followup as fu
from asn_metrics import reference as ref

SB, B, BP, K, SK = ref.PREDIKAT_ORDER


def _annual(rows: list[tuple[str, int, str | None]]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=["nip", "tahun", "predikat"])
    return df.assign(instansi_kode="A")


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


def _jp(rows: list[tuple[str, int, float]]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=["nip", "tahun", "jp"])
    return df.assign(instansi_kode="A", memenuhi_20_jp=df["jp"] >= 20)


# --- recognition candidates: Sangat Baik now, not below Baik the year before ----------------------


@pytest.mark.parametrize(
    ("before", "now", "listed"),
    [
        pytest.param(SB, SB, True, id="sb-sb"),
        pytest.param(B, SB, True, id="baik-then-sb"),
        pytest.param(BP, SB, False, id="bp-then-sb-below-baik"),
        pytest.param(SK, SB, False, id="sk-then-sb"),
        pytest.param(SB, B, False, id="not-sb-now"),
    ],
)
def test_recognition_candidates(before: str, now: str, listed: bool) -> None:
    out = fu.recognition_candidates(_annual([("1", 2023, before), ("1", 2024, now)]))
    assert (len(out) == 1) is listed
    if listed:
        assert out.loc[0, "daftar"] == fu.DAFTAR_PENGHARGAAN
        assert out.loc[0, "aturan"] == fu.ATURAN_PENGHARGAAN
        assert out.loc[0, "tahun"] == 2024
        assert out.loc[0, "predikat_sebelumnya"] == before


def test_recognition_requires_previous_year_by_default() -> None:
    annual = _annual([("1", 2024, SB), ("2", 2022, SB), ("2", 2024, SB)])
    assert fu.recognition_candidates(annual).empty
    loose = fu.recognition_candidates(annual, require_previous=False)
    assert sorted(loose["nip"]) == ["1", "2"]
    assert "belum dinilai" in loose.loc[0, "keterangan"]


def test_recognition_explicit_year_and_empty() -> None:
    annual = _annual([("1", 2022, B), ("1", 2023, SB), ("1", 2024, BP)])
    assert list(fu.recognition_candidates(annual, tahun=2023)["nip"]) == ["1"]
    assert fu.recognition_candidates(annual).empty
    empty = fu.recognition_candidates(_annual([]))
    assert empty.empty
    assert set(fu.FOLLOWUP_COLUMNS) <= set(empty.columns)


# --- improvers -------------------------------------------------------------------------------------


def test_improvers_one_step_or_more() -> None:
    annual = _annual(
        [
            ("1", 2023, B),
            ("1", 2024, SB),
            ("2", 2023, SK),
            ("2", 2024, BP),
            ("3", 2023, B),
            ("3", 2024, B),
            ("4", 2023, SB),
            ("4", 2024, B),
            ("5", 2022, K),
            ("5", 2024, SB),
        ]
    )
    out = fu.improvers(annual)
    assert sorted(out["nip"]) == ["1", "2"]
    assert out.set_index("nip").loc["2", "langkah"] == 2
    assert (out["aturan"] == fu.ATURAN_MENINGKAT).all()
    assert "→" in out.loc[0, "keterangan"]
    assert list(fu.improvers(annual, min_langkah=2)["nip"]) == ["2"]


def test_improvers_empty_and_single_row() -> None:
    assert fu.improvers(_annual([])).empty
    assert fu.improvers(_annual([("1", 2024, SB)])).empty


# --- improvement plans: BP or worse two evaluations in a row --------------------------------------


@pytest.mark.parametrize(
    ("rows", "listed"),
    [
        pytest.param([("1", 2024, "tw1", BP), ("1", 2024, "tw2", K)], True, id="two-quarters"),
        pytest.param([("1", 2024, "tw1", BP), ("1", 2024, "tw2", B), ("1", 2024, "tw3", BP)], False, id="interrupted"),
        pytest.param([("1", 2023, "tahunan", SK), ("1", 2024, "tw1", BP)], True, id="annual-then-quarter"),
        pytest.param([("1", 2024, "tw4", BP), ("1", 2024, "tahunan", BP)], True, id="tw4-then-annual"),
        pytest.param(
            [("1", 2024, "tw1", BP), ("1", 2024, "tw2", BP), ("1", 2024, "tw3", SB)], False, id="recovered-latest"
        ),
        pytest.param([("1", 2024, "b01", BP)], False, id="single-evaluation"),
        pytest.param(
            [("1", 2024, "b01", BP), ("1", 2024, "b02", None), ("1", 2024, "b03", BP)], True, id="unrated-skipped"
        ),
        pytest.param(
            [("1", 2024, "tw2", BP), ("1", 2024, "tw1", SB), ("1", 2024, "tw3", SK)],
            True,
            id="ordered-by-period-not-row",
        ),
    ],
)
def test_improvement_plans(rows: list[tuple[str, int, str, str | None]], listed: bool) -> None:
    out = fu.improvement_plans(_skp(rows))
    assert (len(out) == 1) is listed
    if listed:
        assert out.loc[0, "daftar"] == fu.DAFTAR_PEMBINAAN
        assert "pembinaan" in out.loc[0, "daftar"]
        assert out.loc[0, "aturan"] == fu.ATURAN_PEMBINAAN


def test_improvement_plans_latest_pair_and_year_cut() -> None:
    rows = [("1", 2023, "tw3", BP), ("1", 2023, "tw4", SK), ("1", 2024, "tw1", SB)]
    assert fu.improvement_plans(_skp(rows)).empty
    out = fu.improvement_plans(_skp(rows), tahun=2023)
    assert out.loc[0, "periode"] == "tw4"
    assert out.loc[0, "periode_sebelumnya"] == "tw3"
    assert out.loc[0, "keterangan"] == "Triwulan III 2023: Butuh Perbaikan; Triwulan IV 2023: Sangat Kurang"


def test_improvement_plans_from_ratings_and_empty() -> None:
    df = _skp([("1", 2024, "tw1", None), ("1", 2024, "tw2", None)]).assign(
        rating_hasil_kerja=["bawah", "bawah"], rating_perilaku_kerja=["sesuai", "bawah"]
    )
    assert list(fu.improvement_plans(df)["predikat"]) == [SK]
    assert fu.improvement_plans(_skp([])).empty


# --- training gaps --------------------------------------------------------------------------------


def test_training_gaps_below_20_and_priority() -> None:
    jp = _jp([("1", 2024, 0.0), ("2", 2024, 19.5), ("3", 2024, 20.0), ("4", 2024, 0.0), ("1", 2023, 40.0)])
    annual = _annual([("1", 2024, BP), ("4", 2024, B), ("2", 2024, SK)])
    out = fu.training_gaps(jp, annual=annual)
    assert sorted(out["nip"]) == ["1", "2", "4"]
    assert list(out["prioritas"]) == [True, False, False]  # 0 JP and Butuh Perbaikan first
    assert out.loc[0, "nip"] == "1"
    assert out["aturan"].iloc[0] == "Pengembangan kompetensi kurang dari 20 JP pada tahun ini"


def test_training_gaps_threshold_year_and_empty() -> None:
    jp = _jp([("1", 2023, 10.0), ("1", 2024, 25.0)])
    assert list(fu.training_gaps(jp, tahun=2023)["nip"]) == ["1"]
    assert fu.training_gaps(jp).empty
    assert len(fu.training_gaps(jp, minimum_jp=30)) == 1
    assert fu.training_gaps(_jp([])).empty


# --- all lists --------------------------------------------------------------------------------------


def test_followup_lists_concatenates_with_rules() -> None:
    skp = _skp(
        [
            ("1", 2023, "tahunan", B),
            ("1", 2024, "tahunan", SB),  # recognition + improver
            ("2", 2024, "tw3", BP),
            ("2", 2024, "tw4", K),  # improvement plan
        ]
    )
    jp = _jp([("1", 2024, 30.0), ("2", 2024, 4.0)])
    out = fu.followup_lists(skp, jp)
    assert list(out.columns) == list(fu.FOLLOWUP_COLUMNS)
    got = sorted(zip(out["daftar"], out["nip"], strict=True))
    assert got == sorted(
        [
            (fu.DAFTAR_PENGHARGAAN, "1"),
            (fu.DAFTAR_MENINGKAT, "1"),
            (fu.DAFTAR_PEMBINAAN, "2"),
            (fu.DAFTAR_PELATIHAN, "2"),
        ]
    )
    assert out["aturan"].notna().all()
    assert fu.followup_lists(skp).query("daftar == @fu.DAFTAR_PELATIHAN").empty


def test_followup_lists_empty() -> None:
    out = fu.followup_lists(_skp([]), _jp([]))
    assert out.empty
    assert list(out.columns) == list(fu.FOLLOWUP_COLUMNS)


# --- training effect --------------------------------------------------------------------------------


def _effect_data() -> tuple[pd.DataFrame, pd.DataFrame]:
    # Stratum Baik in 2023: trained 1, 2 (1 rises); untrained 3, 4, 5, 6 (only 3 rises; 3 had 5 JP).
    # Stratum Butuh Perbaikan in 2023: trained 7 (rises); untrained 8 (rises), 9 (stays).
    annual = _annual(
        [
            ("1", 2023, B), ("1", 2024, SB),
            ("2", 2023, B), ("2", 2024, B),
            ("3", 2023, B), ("3", 2024, SB),
            ("4", 2023, B), ("4", 2024, B),
            ("5", 2023, B), ("5", 2024, BP),
            ("6", 2023, B), ("6", 2024, B),
            ("7", 2023, BP), ("7", 2024, B),
            ("8", 2023, BP), ("8", 2024, B),
            ("9", 2023, BP), ("9", 2024, BP),
            ("10", 2024, B),  # no year-t predikat: not counted
        ]
    )  # fmt: skip
    jp = _jp([("1", 2023, 20.0), ("2", 2023, 30.0), ("3", 2023, 5.0), ("7", 2023, 24.0)])
    return annual, jp


def test_training_effect_stratified_by_predikat() -> None:
    annual, jp = _effect_data()
    out = fu.training_effect(annual, jp)
    baik = out[out["kelompok_pembanding"] == B].iloc[0]
    assert (baik["jumlah_dilatih"], baik["naik_dilatih"]) == (2, 1)
    assert (baik["jumlah_pembanding"], baik["naik_pembanding"]) == (4, 1)
    assert baik["persen_naik_dilatih"] == pytest.approx(50.0)
    assert baik["persen_naik_pembanding"] == pytest.approx(25.0)
    assert baik["selisih_persen_poin"] == pytest.approx(25.0)
    bp = out[out["kelompok_pembanding"] == BP].iloc[0]
    assert bp["selisih_persen_poin"] == pytest.approx(100.0 - 50.0)
    total = out[out["kelompok_pembanding"] == "Semua"].iloc[0]
    assert (total["jumlah_dilatih"], total["naik_dilatih"], total["jumlah_pembanding"]) == (3, 2, 6)
    # weighted by trained counts: (25·2 + 50·1) / 3
    assert total["selisih_persen_poin"] == pytest.approx(100.0 / 3)
    assert (out["tahun"] == 2023).all()
    assert list(out["kelompok_pembanding"])[-1] == "Semua"


def test_training_effect_any_training_definition() -> None:
    annual, jp = _effect_data()
    out = fu.training_effect(annual, jp, definisi="any")
    baik = out[out["kelompok_pembanding"] == B].iloc[0]
    assert (baik["jumlah_dilatih"], baik["naik_dilatih"]) == (3, 2)  # nip 3 had 5 JP
    assert (baik["jumlah_pembanding"], baik["naik_pembanding"]) == (3, 0)


def test_training_effect_without_strata_and_empty() -> None:
    annual, jp = _effect_data()
    out = fu.training_effect(annual, jp, strata=())
    assert len(out) == 1
    assert (out.loc[0, "jumlah_dilatih"], out.loc[0, "jumlah_pembanding"]) == (3, 6)
    assert fu.training_effect(_annual([]), _jp([])).empty
    assert fu.training_effect(_annual([("1", 2024, B)]), _jp([])).empty


def test_training_effect_group_without_comparison_has_nan_share() -> None:
    annual = _annual([("1", 2023, B), ("1", 2024, SB)])
    out = fu.training_effect(annual, _jp([("1", 2023, 25.0)]))
    row = out.iloc[0]
    assert row["jumlah_pembanding"] == 0
    assert pd.isna(row["persen_naik_pembanding"])
    assert pd.isna(out.iloc[-1]["selisih_persen_poin"])
