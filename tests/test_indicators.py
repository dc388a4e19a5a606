"""Tests for asn_metrics.indicators (DOMAIN.md §5: capaian, kategori, SAKIP grade)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asn_metrics.indicators import (
    CATATAN_ARAH,
    CATATAN_BELUM_LAPOR,
    CATATAN_REALISASI_0_RASIO,
    CATATAN_TARGET_0,
    CATATAN_TARGET_0_TERCAPAI,
    CATATAN_TARGET_KOSONG,
    agency_capaian,
    capaian,
    indicator_table,
    kategori_capaian,
    sakip_grade,
)


@pytest.mark.parametrize(
    ("target", "realisasi", "arah", "metode", "expected", "catatan"),
    [
        pytest.param(95, 92, "naik", None, 96.8421, "", id="naik-R/T"),
        pytest.param(100, 130, "naik", None, 130.0, "", id="naik-above-100-kept"),
        pytest.param(10, 8, "turun", None, 120.0, "", id="turun-default-(2T-R)/T"),
        pytest.param(10, 12, "turun", None, 80.0, "", id="turun-default-missed"),
        pytest.param(10, 25, "turun", None, -50.0, "", id="turun-default-below-zero-kept"),
        pytest.param(10, 8, "turun", "rasio", 125.0, "", id="turun-rasio-T/R"),
        pytest.param(10, 8, "Turun", " Rasio ", 125.0, "", id="case-and-space-insensitive"),
        pytest.param(0, 5, "naik", None, math.nan, CATATAN_TARGET_0, id="naik-target-0"),
        pytest.param(0, 0, "naik", None, math.nan, CATATAN_TARGET_0, id="naik-target-0-realisasi-0"),
        pytest.param(0, 0, "turun", None, 100.0, CATATAN_TARGET_0_TERCAPAI, id="turun-both-0"),
        pytest.param(0, 0, "turun", "rasio", 100.0, CATATAN_TARGET_0_TERCAPAI, id="turun-rasio-both-0"),
        pytest.param(0, 5, "turun", None, math.nan, CATATAN_TARGET_0, id="turun-target-0-realisasi-5"),
        pytest.param(0, 5, "turun", "rasio", 0.0, "", id="turun-rasio-target-0"),
        pytest.param(10, 0, "turun", "rasio", math.nan, CATATAN_REALISASI_0_RASIO, id="turun-rasio-realisasi-0"),
        pytest.param(10, 0, "turun", None, 200.0, "", id="turun-default-realisasi-0"),
        pytest.param(10, 0, "naik", None, 0.0, "", id="naik-realisasi-0"),
        pytest.param(10, np.nan, "naik", None, math.nan, CATATAN_BELUM_LAPOR, id="not-reported"),
        pytest.param(np.nan, 5, "naik", None, math.nan, CATATAN_TARGET_KOSONG, id="no-target"),
        pytest.param(10, 5, "datar", None, math.nan, CATATAN_ARAH, id="unknown-arah"),
        pytest.param(10, 5, None, None, math.nan, CATATAN_ARAH, id="missing-arah"),
    ],
)
def test_capaian_cases(
    target: float, realisasi: float, arah: str | None, metode: str | None, expected: float, catatan: str
) -> None:
    out = capaian(target, realisasi, arah, metode)
    value = out["capaian_persen"].iloc[0]
    assert (math.isnan(value) and math.isnan(expected)) or value == pytest.approx(expected, abs=1e-4)
    assert out["catatan"].iloc[0] == catatan


def test_capaian_vectorised_keeps_series_index_and_broadcasts() -> None:
    out = capaian(pd.Series([100.0, 50.0], index=[3, 4]), pd.Series([90.0, 50.0], index=[3, 4]), "naik")
    assert out.index.tolist() == [3, 4]
    assert out["capaian_persen"].tolist() == [90.0, 100.0]


def test_capaian_empty() -> None:
    out = capaian(pd.Series(dtype=float), pd.Series(dtype=float), pd.Series(dtype=object))
    assert out.empty and list(out.columns) == ["capaian_persen", "catatan"]


@pytest.mark.parametrize(
    ("value", "kategori"),
    [
        pytest.param(150.0, "Sangat Tinggi", id="over-100"),
        pytest.param(91.0, "Sangat Tinggi", id="91"),
        pytest.param(90.99, "Tinggi", id="90.99"),
        pytest.param(76.0, "Tinggi", id="76"),
        pytest.param(75.99, "Sedang", id="75.99"),
        pytest.param(66.0, "Sedang", id="66"),
        pytest.param(65.99, "Rendah", id="65.99"),
        pytest.param(51.0, "Rendah", id="51"),
        pytest.param(50.99, "Sangat Rendah", id="50.99"),
        pytest.param(-10.0, "Sangat Rendah", id="negative"),
        pytest.param(np.nan, None, id="nan"),
    ],
)
def test_kategori_capaian_boundaries(value: float, kategori: str | None) -> None:
    assert kategori_capaian(value).iloc[0] == kategori


def test_kategori_capaian_configurable_thresholds() -> None:
    assert kategori_capaian(85.0, thresholds=(85, 70, 55, 40)).iloc[0] == "Sangat Tinggi"
    with pytest.raises(ValueError):
        kategori_capaian(85.0, thresholds=(85, 70))


@pytest.mark.parametrize(
    ("score", "grade"),
    [
        pytest.param(100.0, "AA", id="100"),
        pytest.param(90.01, "AA", id="90.01-AA"),
        pytest.param(90.0, "A", id="90-A-not-AA"),
        pytest.param(80.01, "A", id="80.01-A"),
        pytest.param(80.0, "BB", id="80-BB"),
        pytest.param(70.01, "BB", id="70.01-BB"),
        pytest.param(70.0, "B", id="70-B"),
        pytest.param(60.01, "B", id="60.01-B"),
        pytest.param(60.0, "CC", id="60-CC"),
        pytest.param(50.01, "CC", id="50.01-CC"),
        pytest.param(50.0, "C", id="50-C"),
        pytest.param(30.01, "C", id="30.01-C"),
        pytest.param(30.0, "D", id="30-D"),
        pytest.param(0.0, "D", id="0-D"),
        pytest.param(np.nan, None, id="nan"),
    ],
)
def test_sakip_grade_strict_lower_bounds(score: float, grade: str | None) -> None:
    # DOMAIN.md §5 [src] PermenPANRB 88/2021.
    assert sakip_grade(score) == grade


def test_sakip_grade_vectorised() -> None:
    out = sakip_grade(pd.Series([90.0, 90.01], index=["x", "y"]))
    assert out.to_dict() == {"x": "A", "y": "AA"}


def _indikator() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "instansi_kode": ["a", "a", "a", "b"],
            "tahun": 2025,
            "periode": "tahunan",
            "indikator": ["IKM", "Angka kematian", "Dokumen", "Pelatihan"],
            "target": [95.0, 10.0, 10.0, 20.0],
            "realisasi": [92.0, 8.0, 50.0, np.nan],
            "satuan": ["%", "per 1.000", "dokumen", "JP"],
            "arah": ["naik", "turun", "naik", "naik"],
            "metode_turun": [np.nan, "rasio", np.nan, np.nan],
        }
    )


def test_indicator_table_rounds_and_classifies() -> None:
    frame = _indikator()
    out = indicator_table(frame)
    assert out["capaian_persen"].iloc[:3].tolist() == [96.84, 125.0, 500.0]  # DATA_FORMATS example 96.84
    assert out["kategori"].tolist() == ["Sangat Tinggi", "Sangat Tinggi", "Sangat Tinggi", None]
    assert out["catatan"].iloc[3] == CATATAN_BELUM_LAPOR
    assert "capaian_persen" not in frame.columns  # input not modified


def test_indicator_table_without_metode_column_and_empty() -> None:
    out = indicator_table(_indikator().drop(columns="metode_turun"))
    assert out["capaian_persen"].iloc[1] == 120.0  # default (2T-R)/T
    empty = indicator_table(_indikator().iloc[0:0])
    assert empty.empty and {"capaian_persen", "kategori", "catatan"} <= set(empty.columns)


def test_agency_capaian_caps_each_indicator() -> None:
    out = agency_capaian(_indikator()).set_index("instansi_kode")
    # a: 96.8421, 125 → 120, 500 → 120; mean = 336.8421/3 = 112.2807 → 112.28
    assert out.loc["a", "capaian_persen"] == 112.28
    assert out.loc["a", "jumlah_indikator"] == 3 and out.loc["a", "indikator_dihitung"] == 3
    assert np.isnan(out.loc["b", "capaian_persen"]) and out.loc["b", "kategori"] is None
    uncapped = agency_capaian(_indikator(), cap=None).set_index("instansi_kode")
    assert uncapped.loc["a", "capaian_persen"] == 240.61  # (96.8421 + 125 + 500)/3


def test_agency_capaian_empty() -> None:
    assert agency_capaian(_indikator().iloc[0:0]).empty


@given(target=st.floats(0.01, 1e6), share=st.floats(0, 1), more=st.floats(0, 1e6))
@settings(max_examples=150, deadline=None)
def test_property_capaian_naik_monotone_and_in_range(target: float, share: float, more: float) -> None:
    low = capaian(target, target * share, "naik")["capaian_persen"].iloc[0]
    high = capaian(target, target * share + more, "naik")["capaian_persen"].iloc[0]
    assert 0.0 <= low <= 100.0 + 1e-9
    assert high >= low - 1e-9


def test_sakip_grades_from_an_indicator_named_sakip() -> None:
    """PermenPANRB 88/2021 grades (DOMAIN.md §5): 81,5 is A, 69,9 is B; the last SAKIP row of an agency stands;
    an agency with no SAKIP indicator or no realisasi gets no grade."""
    from asn_metrics.indicators import sakip_grades

    table = pd.DataFrame(
        {
            "instansi_kode": ["x", "x", "y", "z", "w"],
            "indikator": ["Nilai SAKIP 2024", "Nilai evaluasi SAKIP", "nilai sakip", "Cakupan air", "SAKIP"],
            "realisasi": [60.0, 81.5, 69.9, 95.0, np.nan],
        }
    )
    out = sakip_grades(table).set_index("instansi_kode")
    assert set(out.index) == {"x", "y"}
    assert out.loc["x", "nilai_sakip"] == 81.5 and out.loc["x", "predikat_sakip"] == "A"
    assert out.loc["y", "predikat_sakip"] == "B"
