"""Tests for asn_metrics.service (DOMAIN.md §3: standards, processing time, timeliness, backlog)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asn_metrics.service import (
    SPEED_COLUMNS,
    backlog,
    monthly_counts,
    officer_speed,
    resolve_standards,
    seasonal_profile,
    service_speed,
    weighted_quantile,
)

T = pd.Timestamp


def _layanan() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "instansi_kode": ["dukcapil", "dukcapil", "dukcapil", "dukcapil", "kec"],
            "wilayah_kode": ["17.71", "17.71", "17.02", "17.71", "17.71"],
            "nomor": ["1", "2", "3", "4", "5"],
            "jenis_layanan": ["ktp_el", "ktp_el", "ktp_el", "lainnya", "kk"],
            "tanggal_masuk": [
                T("2025-01-02 08:00"),
                T("2025-01-03 08:00"),
                T("2025-03-01 08:00"),
                T("2025-02-01 08:00"),
                T("2025-01-05 08:00"),
            ],
            "tanggal_selesai": [T("2025-01-02 08:30"), T("2025-01-03 10:00"), pd.NaT, T("2025-02-02 08:00"), pd.NaT],
            "durasi_jam": [0.5, np.nan, np.nan, 24.0, np.nan],
            "status": ["selesai", "selesai", "proses", "selesai", "proses"],
            "kanal": "loket",
            "petugas_nip": ["198609262015051001", "199001012015052002", "198609262015051001", None, "x"],
        }
    )


STANDAR = pd.DataFrame(
    {
        "jenis_layanan": ["ktp_el", "ktp_el", "kk"],
        "wilayah_kode": [None, "17.71", "17.71"],
        "standar_jam": [3.0, 1.0, np.nan],
    }
)


@pytest.mark.parametrize(
    ("row", "standar_jam", "sumber"),
    [
        pytest.param(0, 1.0, "wilayah", id="per-region-standard"),
        pytest.param(2, 3.0, "default", id="default-row-for-other-region"),
        pytest.param(3, np.nan, None, id="lainnya-has-no-default"),
        pytest.param(4, 1.0, "katalog", id="nan-standard-falls-to-catalogue"),
    ],
)
def test_resolve_standards(row: int, standar_jam: float, sumber: str | None) -> None:
    out = resolve_standards(_layanan(), STANDAR)
    got = out["standar_jam"].iloc[row]
    assert (np.isnan(got) and np.isnan(standar_jam)) or got == standar_jam
    assert out["sumber_standar"].iloc[row] == sumber


def test_resolve_standards_without_table_uses_catalogue() -> None:
    out = resolve_standards(_layanan())
    assert out["standar_jam"].iloc[0] == 1.0 and out["sumber_standar"].iloc[0] == "katalog"
    none = resolve_standards(_layanan(), catalogue_defaults=False)
    assert none["standar_jam"].isna().all()


def test_service_speed_worked_example() -> None:
    # ktp_el at dukcapil: 3 applications, 2 finished in 0.5 h and 2.0 h (from the dates), standard 1 h
    # (17.71) → 1 of 2 on time = 50%; median (0.5+2)/2 = 1.25 h; p90 = 0.5 + 0.9·1.5 = 1.85 h.
    frame = _layanan()
    out = service_speed(frame, STANDAR).set_index(["instansi_kode", "jenis_layanan"])
    row = out.loc[("dukcapil", "ktp_el")]
    assert (row["jumlah"], row["selesai"], row["dengan_standar"], row["tepat_waktu"]) == (3, 2, 2, 1)
    assert row["median_jam"] == 1.25 and row["p90_jam"] == pytest.approx(1.85)
    assert row["persen_tepat_waktu"] == 50.0
    assert row["persen_tepat_waktu_bawah"] == pytest.approx(9.45, abs=0.01)
    assert row["persen_tepat_waktu_atas"] == pytest.approx(90.55, abs=0.01)
    assert np.isnan(out.loc[("dukcapil", "lainnya"), "persen_tepat_waktu"])  # no standard: NaN
    assert "standar_jam" not in frame.columns  # input not modified


def test_service_speed_by_quarter_and_empty() -> None:
    out = service_speed(_layanan(), STANDAR, by="instansi_kode", freq="Q")
    assert out["periode"].tolist() == [T("2025-01-01"), T("2025-01-01")]
    empty = service_speed(_layanan().iloc[0:0], STANDAR, freq="M")
    assert empty.empty and list(empty.columns) == ["instansi_kode", "jenis_layanan", "periode", *SPEED_COLUMNS]


def test_service_speed_single_row_on_standard_boundary() -> None:
    one = _layanan().iloc[[0]].assign(durasi_jam=1.0)  # exactly the standard counts as on time
    out = service_speed(one, STANDAR)
    assert out["persen_tepat_waktu"].tolist() == [100.0]


def test_officer_speed() -> None:
    out = officer_speed(_layanan(), STANDAR)
    first = out[out["petugas_nip"] == "198609262015051001"].iloc[0]
    assert (first["jumlah"], first["selesai"], first["persen_tepat_waktu"]) == (2, 1, 100.0)
    assert out["petugas_nip"].isna().sum() == 1  # no officer: own group


def test_backlog_counts_open_and_ages() -> None:
    out = backlog(_layanan(), "2025-03-11 08:00").set_index(["instansi_kode", "jenis_layanan"])
    assert out.loc[("dukcapil", "ktp_el"), "terbuka"] == 1
    assert out.loc[("dukcapil", "ktp_el"), "umur_maks_hari"] == 10.0
    assert out.loc[("kec", "kk"), "umur_median_hari"] == 65.0
    assert out.loc[("dukcapil", "lainnya"), "terbuka"] == 0
    assert np.isnan(out.loc[("dukcapil", "lainnya"), "umur_median_hari"])


def test_backlog_ignores_applications_after_as_of_and_empty() -> None:
    out = backlog(_layanan(), "2025-01-10")
    assert out["terbuka"].sum() == 1  # only the kk application of 5 Jan
    assert backlog(_layanan().iloc[0:0], "2025-01-10").empty


def test_monthly_counts_fill_empty_months() -> None:
    frame = pd.DataFrame({"tanggal_masuk": [T("2025-01-05"), T("2025-01-20"), T("2025-03-02")]})
    out = monthly_counts(frame)
    assert out["jumlah"].tolist() == [2, 0, 1]
    assert out["bulan_ke"].tolist() == [1, 2, 3]


def test_seasonal_profile_reveals_peak() -> None:
    # Two years; January busy (4 each year), every other month 1: overall mean = (8 + 22)/24 = 1.25,
    # January index = 4 / 1.25 = 3.2, other months 1 / 1.25 = 0.8.
    dates = []
    for year in (2024, 2025):
        dates += [T(f"{year}-01-{d:02d}") for d in (2, 3, 4, 5)]
        dates += [T(f"{year}-{m:02d}-10") for m in range(2, 13)]
    out = seasonal_profile(pd.DataFrame({"tanggal_masuk": dates}))
    assert len(out) == 12
    assert out.loc[0, "indeks_musiman"] == pytest.approx(3.2)
    assert out.loc[1, "indeks_musiman"] == pytest.approx(0.8)
    assert out.loc[0, "bulan_diamati"] == 2


def test_seasonal_profile_by_group_and_empty() -> None:
    out = seasonal_profile(_layanan(), by="instansi_kode")
    assert set(out["instansi_kode"]) == {"dukcapil", "kec"}
    assert seasonal_profile(_layanan().iloc[0:0]).empty


@given(
    hours=st.lists(st.floats(0, 100, allow_nan=False), min_size=1, max_size=30),
    standard=st.floats(0.1, 50),
)
@settings(max_examples=100, deadline=None)
def test_property_persen_tepat_waktu_within_0_100(hours: list[float], standard: float) -> None:
    n = len(hours)
    frame = pd.DataFrame(
        {
            "instansi_kode": "a",
            "wilayah_kode": "17.71",
            "jenis_layanan": "lainnya",
            "tanggal_masuk": T("2025-01-01"),
            "tanggal_selesai": T("2025-01-02"),
            "durasi_jam": hours,
            "status": ["selesai"] * n,
        }
    )
    standar = pd.DataFrame({"jenis_layanan": ["lainnya"], "wilayah_kode": [None], "standar_jam": [standard]})
    row = service_speed(frame, standar).iloc[0]
    assert 0.0 <= row["persen_tepat_waktu_bawah"] <= row["persen_tepat_waktu"] <= row["persen_tepat_waktu_atas"]
    assert row["persen_tepat_waktu_atas"] <= 100.0


def test_weighted_quantile_worked_example() -> None:
    # DOMAIN.md §3 median and 90th percentile, linear interpolation: the sample 1, 1, 1, 2, 5 given as
    # (1 ×3, 5 ×1, 2 ×1): median 1; p90 at position 3.6 → 2 + 0.6 × (5 − 2) = 3.8; p0 1, p100 5.
    values, counts = np.array([1.0, 5.0, 2.0]), np.array([3, 1, 1])
    assert weighted_quantile(values, counts, 0.5) == 1.0
    assert weighted_quantile(values, counts, 0.9) == pytest.approx(3.8)
    assert weighted_quantile(values, counts, 0.0) == 1.0 and weighted_quantile(values, counts, 1.0) == 5.0
    assert np.isnan(weighted_quantile(np.array([]), np.array([], dtype=int), 0.5))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 2000), st.integers(1, 6)), min_size=1, max_size=40),
    st.sampled_from([0.1, 0.5, 0.9, 0.99]),
)
def test_property_weighted_quantile_equals_the_expanded_sample(pairs: list[tuple[int, int]], q: float) -> None:
    # Distinct minutes with their counts give exactly the quantile pandas takes over the whole sample.
    merged: dict[int, int] = {}
    for minutes, count in pairs:
        merged[minutes] = merged.get(minutes, 0) + count
    values = np.array([m / 60.0 for m in merged])
    counts = np.array(list(merged.values()))
    expected = pd.Series(np.repeat(values, counts)).quantile(q)
    assert weighted_quantile(values, counts, q) == pytest.approx(expected, abs=1e-12)
