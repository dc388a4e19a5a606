"""Tests for asn_metrics.complaints (DOMAIN.md §4: working days, response, resolution, funnel)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asn_metrics.complaints import complaint_funnel, complaint_metrics, holiday_dates, working_days_between

T = pd.Timestamp


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        pytest.param("2025-06-10", "2025-06-10", 0, id="same-day"),
        pytest.param("2025-06-10 16:00", "2025-06-10 08:00", 0, id="same-day-times-ignored"),
        pytest.param("2025-06-13", "2025-06-16", 1, id="friday-to-monday-across-weekend"),
        pytest.param("2025-06-14", "2025-06-15", 0, id="weekend-only"),
        pytest.param("2023-08-16", "2023-08-18", 1, id="across-17-august-2023-thursday"),
        pytest.param("2023-08-14", "2023-08-21", 4, id="week-with-17-august"),
        pytest.param("2024-01-01 10:00", "2024-01-08", 5, id="new-year-as-day-0"),
        pytest.param("2024-04-05", "2024-04-16", 1, id="idul-fitri-2024-with-cuti-bersama"),
        pytest.param("2024-12-31", "2025-01-02", 1, id="across-year-end-new-year"),
    ],
)
def test_working_days_between(start: str, end: str, days: int) -> None:
    assert working_days_between(start, end)[0] == days


def test_cuti_bersama_is_optional() -> None:
    # 8, 9, 12 and 15 April 2024 are cuti bersama (Keppres 7/2024); 10-11 April are Idul Fitri.
    assert working_days_between("2024-04-05", "2024-04-16", cuti_bersama=False)[0] == 5
    dates = holiday_dates([2024])
    assert np.datetime64("2024-08-17") in dates and np.datetime64("2024-04-08") in dates
    assert np.datetime64("2024-04-08") not in holiday_dates([2024], cuti_bersama=False)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        pytest.param(None, "2025-01-02", id="no-start"),
        pytest.param("2025-01-02", None, id="no-end"),
        pytest.param("2025-01-06", "2025-01-02", id="end-before-start"),
    ],
)
def test_working_days_between_invalid_gives_nan(start: str | None, end: str | None) -> None:
    assert np.isnan(working_days_between(start, end)[0])


def test_working_days_between_vectorised_series() -> None:
    start = pd.Series([T("2025-06-13"), pd.NaT, T("2023-08-16")])
    end = pd.Series([T("2025-06-16"), T("2025-06-16"), T("2023-08-18")])
    out = working_days_between(start, end)
    assert out[0] == 1 and np.isnan(out[1]) and out[2] == 1
    assert working_days_between(pd.Series([], dtype="datetime64[ns]"), pd.Series([], dtype="datetime64[ns]")).size == 0


def _pengaduan() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "instansi_kode": ["a", "a", "a", "a", "b"],
            "nomor": ["1", "2", "3", "4", "5"],
            "tanggal_masuk": [T("2025-01-02"), T("2025-01-02"), T("2025-01-27"), T("2025-01-30"), T("2025-01-03")],
            "tanggal_tanggapan": [T("2025-01-03"), T("2025-01-15"), pd.NaT, pd.NaT, pd.NaT],
            "tanggal_selesai": [T("2025-01-12"), pd.NaT, pd.NaT, pd.NaT, pd.NaT],
            "kanal": ["lapor", "lapor", "whatsapp", "lapor", "lapor"],
            "kategori": ["x", "y", "x", "x", "x"],
            "status": ["selesai", "diproses", "baru", "baru", "baru"],
        }
    )


def test_complaint_metrics_worked_example() -> None:
    # as of Mon 3 Feb 2025. Agency a:
    #   #1 answered after 1 working day (on time), resolved after 10 calendar days;
    #   #2 answered 15 Jan: 3, 6-10, 13-15 Jan = 9 working days (late);
    #   #3 received Mon 27 Jan, unanswered: 28 Jan, 29 Jan (Isra Mikraj holiday), 30, 31 Jan, 3 Feb
    #      = 4 working days → still within the deadline, not judged;
    #   #4 received 30 Jan, unanswered, 2 working days → not judged.
    # judged 2, on time 1 → 50%; resolved 1 of 4 → 25%; median response (1 + 9)/2 = 5 working days.
    out = complaint_metrics(_pengaduan(), as_of="2025-02-03").set_index("instansi_kode")
    a = out.loc["a"]
    assert (a["jumlah"], a["ditanggapi"], a["dinilai_tanggapan"], a["ditanggapi_tepat_waktu"]) == (4, 2, 2, 1)
    assert a["persen_ditanggapi_5_hari"] == 50.0
    assert a["persen_selesai"] == 25.0
    assert a["median_hari_tanggapan"] == 5.0
    assert a["median_hari_selesai"] == 10.0
    assert a["persen_ditanggapi_5_hari_bawah"] < 50.0 < a["persen_ditanggapi_5_hari_atas"]
    # b: received 3 Jan, never answered, far past 5 working days → counts as late.
    assert out.loc["b", "persen_ditanggapi_5_hari"] == 0.0
    assert np.isnan(out.loc["b", "median_hari_tanggapan"])


def test_complaint_metrics_unanswered_become_late_later() -> None:
    later = complaint_metrics(_pengaduan(), as_of="2025-02-28").set_index("instansi_kode")
    assert later.loc["a", "dinilai_tanggapan"] == 4
    assert later.loc["a", "persen_ditanggapi_5_hari"] == 25.0


def test_complaint_metrics_default_as_of_is_latest_date() -> None:
    # latest date in the data is 30 Jan 2025: #3 (27 Jan) has waited 2 working days, not judged.
    out = complaint_metrics(_pengaduan()).set_index("instansi_kode")
    assert out.loc["a", "dinilai_tanggapan"] == 2


def test_complaint_metrics_by_kanal_and_kategori() -> None:
    out = complaint_metrics(_pengaduan(), by=["kanal", "kategori"], as_of="2025-02-03")
    assert out[["kanal", "kategori", "jumlah"]].values.tolist() == [
        ["lapor", "x", 3],
        ["lapor", "y", 1],
        ["whatsapp", "x", 1],
    ]


def test_complaint_metrics_empty_and_single_row() -> None:
    empty = complaint_metrics(_pengaduan().iloc[0:0])
    assert empty.empty and "persen_ditanggapi_5_hari" in empty.columns
    one = complaint_metrics(_pengaduan().iloc[[0]])
    assert one["persen_ditanggapi_5_hari"].tolist() == [100.0]
    assert one["persen_selesai"].tolist() == [100.0]


def test_complaint_funnel() -> None:
    out = complaint_funnel(_pengaduan())
    assert out["tahap"].tolist() == ["masuk", "ditanggapi", "selesai"]
    assert out["jumlah"].tolist() == [5, 2, 1]
    assert out["persen_dari_masuk"].tolist() == [100.0, 40.0, 20.0]
    by = complaint_funnel(_pengaduan(), by="instansi_kode")
    assert by[by["instansi_kode"] == "b"]["jumlah"].tolist() == [1, 0, 0]
    assert complaint_funnel(_pengaduan().iloc[0:0]).empty


def test_complaint_funnel_resolved_without_response_counts_as_answered() -> None:
    frame = _pengaduan().iloc[[4]].assign(status="selesai")
    assert complaint_funnel(frame)["jumlah"].tolist() == [1, 1, 1]


@given(
    offsets=st.lists(
        st.tuples(st.integers(0, 120), st.one_of(st.none(), st.integers(0, 30)), st.booleans()),
        min_size=1,
        max_size=20,
    )
)
@settings(max_examples=60, deadline=None)
def test_property_percentages_within_0_100(offsets: list[tuple[int, int | None, bool]]) -> None:
    base = T("2024-01-01")
    masuk = [base + pd.Timedelta(days=d) for d, _, _ in offsets]
    tanggapan = [
        m + pd.Timedelta(days=r) if r is not None else pd.NaT for m, (_, r, _) in zip(masuk, offsets, strict=True)
    ]
    frame = pd.DataFrame(
        {
            "instansi_kode": "a",
            "tanggal_masuk": masuk,
            "tanggal_tanggapan": pd.to_datetime(pd.Series(tanggapan)),
            "tanggal_selesai": [t if done else pd.NaT for t, (_, _, done) in zip(tanggapan, offsets, strict=True)],
            "status": "baru",
        }
    )
    frame["tanggal_selesai"] = pd.to_datetime(frame["tanggal_selesai"])
    row = complaint_metrics(frame, as_of="2024-07-01").iloc[0]
    for name in ("persen_ditanggapi_5_hari", "persen_selesai"):
        if not np.isnan(row[name]):
            assert 0.0 <= row[f"{name}_bawah"] <= row[name] <= row[f"{name}_atas"] <= 100.0
