"""Indonesian number and date formats (UX.md "Numbers and dates")."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asn_metrics.formatting import (
    format_date,
    format_delta,
    format_frame,
    format_hours,
    format_month,
    format_number,
    format_percent,
)
from asn_metrics.narrative import short_agency_name


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1234.5, 1, "1.234,5"),
        (5123, 0, "5.123"),
        (1234567, 0, "1.234.567"),
        (80.425, 2, "80,42"),  # Babel rounds half to even: 80,425 → 80,42
        (0, 1, "0,0"),
        (None, 1, "–"),
        (math.nan, 1, "–"),
    ],
)
def test_numbers(value: float | None, decimals: int, expected: str) -> None:
    assert format_number(value, decimals) == expected


def test_percent_hours_dates() -> None:
    assert format_percent(87.5) == "87,5%"
    assert format_hours(1.5) == "1,5 jam"
    assert format_date(dt.date(2026, 11, 27)) == "27 November 2026"
    assert format_date(dt.date(2025, 8, 17)) == "17 Agustus 2025"
    assert format_month(dt.date(2026, 11, 1)) == "Nov 2026"
    assert format_delta(2.46, 1, " poin") == "+2,5 poin"
    assert format_delta(-1.0, 1, "%") == "-1,0%"  # ASCII minus: st.metric reads the direction from it
    assert format_delta(None) == "–"


def test_format_frame_formats_only_the_named_columns() -> None:
    frame = pd.DataFrame({"nama": ["A"], "jumlah": [1544], "persen": [11.54]})
    shown = format_frame(frame, numbers={"jumlah": 0}, percents={"persen": 1})
    assert shown.iloc[0].tolist() == ["A", "1.544", "11,5%"]
    assert frame["jumlah"].iloc[0] == 1544  # the input is not changed


@pytest.mark.parametrize(
    ("nama", "wilayah", "expected"),
    [
        ("Dinas Sosial Kabupaten Kaur", "Kaur", "Dinas Sosial"),
        (
            "Dinas Kependudukan dan Pencatatan Sipil Kota Bengkulu",
            "Kota Bengkulu",
            "Dinas Kependudukan dan Pencatatan Sipil",
        ),
        ("RSUD Mukomuko", "Mukomuko", "RSUD"),
        ("Inspektorat Provinsi Bengkulu", "Provinsi Bengkulu", "Inspektorat"),
        ("Kecamatan Lubuk Pinang", "Mukomuko", "Kecamatan Lubuk Pinang"),
        ("Kecamatan Kota Mukomuko", "Mukomuko", "Kecamatan Kota Mukomuko"),
    ],
)
def test_short_agency_name(nama: str, wilayah: str, expected: str) -> None:
    assert short_agency_name(nama, wilayah) == expected


@settings(max_examples=400, deadline=None)
@given(
    value=st.one_of(
        st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12),
        st.integers(min_value=-(10**12), max_value=10**12),
        st.decimals(min_value=-1000, max_value=1000, places=3).map(float),
    ),
    decimals=st.integers(min_value=0, max_value=3),
)
def test_format_number_rounds_and_groups_as_babel_id_ID(value: float, decimals: int) -> None:
    # format_number writes 1.234,5 itself (a page formats thousands of cells); it must say exactly what Babel's
    # id_ID pattern says, ties rounded half to even on the float's shortest decimal form (0,125 → 0,12).
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    assert format_number(value, decimals) == format_decimal(value, format=pattern, locale="id_ID")


def test_dates_and_months_are_written_as_babel_id_ID_writes_them() -> None:
    # format_date / format_month / format_periode write Indonesian dates themselves; every day of a leap year
    # and its neighbours must read as Babel's id_ID "d MMMM y" and "MMM y".
    from babel.dates import format_date as babel_date

    from asn_metrics.formatting import format_month, format_periode

    day = dt.date(2023, 12, 25)
    while day < dt.date(2025, 1, 10):
        assert format_date(day) == babel_date(day, format="d MMMM y", locale="id_ID")
        assert format_month(day) == babel_date(day, format="MMM y", locale="id_ID")
        day += dt.timedelta(days=1)
    assert format_date(dt.datetime(2026, 11, 27, 14, 5)) == "27 November 2026"
    assert [format_periode(f"b{m:02d}") for m in (1, 8, 12)] == ["Januari", "Agustus", "Desember"]


def test_an_evaluation_reads_as_words_not_codes() -> None:
    # Issue 19 item 4: no period code ("tw3", "b12") where a person reads.
    from asn_metrics.formatting import format_evaluation

    assert format_evaluation(2023, "tw3") == "Triwulan III 2023"
    assert format_evaluation(2023, "b12") == "Desember 2023"
    assert format_evaluation(2025.0, "tahunan") == "Tahunan 2025"  # type: ignore[arg-type]


def test_readable_tables_have_headers_and_cells_a_person_reads() -> None:
    import numpy as np
    import pandas as pd

    from asn_metrics.formatting import format_cell, format_header, readable

    frame = pd.DataFrame(
        {
            "penilai_nip": ["199001012019032002", None],
            "tahun": pd.array([2025, None], dtype="Int64"),
            "nilai": [np.nan, 1234.5],
            "tanggal_masuk": pd.to_datetime(["2026-11-27 08:30", None]),
            "aktif": [True, False],
        }
    )
    shown = readable(frame)
    assert list(shown.columns) == ["Penilai NIP", "Tahun", "Nilai", "Tanggal masuk", "Aktif"]
    assert shown.iloc[0].tolist() == ["199001012019032002", "2025", "–", "27 November 2026 08.30", "ya"]
    assert shown.iloc[1].tolist() == ["–", "–", "1.234,5", "–", "tidak"]
    assert [format_header(n) for n in ("u5", "jp", "instansi_nama")] == ["U5", "JP", "Instansi nama"]
    assert format_cell(pd.Timestamp("2026-11-27")) == "27 November 2026" and format_cell(np.int64(12)) == "12"
