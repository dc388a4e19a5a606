"""Tests of asn_metrics.workforce (DOMAIN.md §12 workforce profile and retirement)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asn_metrics import reference as ref
from asn_metrics import workforce as wf


def _pegawai(rows: list[tuple[str, str, str | None, str | None, str | None, int | None]]) -> pd.DataFrame:
    """rows: nip, instansi_kode, tanggal_lahir, jenis_jabatan, jabatan, bup."""
    return pd.DataFrame(
        {
            "nip": [r[0] for r in rows],
            "instansi_kode": [r[1] for r in rows],
            "tanggal_lahir": pd.to_datetime([r[2] for r in rows]),
            "jenis_jabatan": [r[3] for r in rows],
            "jabatan": [r[4] for r in rows],
            "bup": pd.array([r[5] for r in rows], dtype="Int64"),
            "aktif": True,
        }
    )


@pytest.mark.parametrize(
    ("born", "at", "expected"),
    [
        pytest.param("1986-09-26", "2026-09-25", 39, id="day-before-birthday"),
        pytest.param("1986-09-26", "2026-09-26", 40, id="on-birthday"),
        pytest.param("1986-09-26", "2026-12-31", 40, id="after-birthday"),
        pytest.param("2000-02-29", "2023-02-28", 22, id="leap-day-not-yet"),
        pytest.param("2000-02-29", "2023-03-01", 23, id="leap-day-passed"),
    ],
)
def test_usia(born: str, at: str, expected: int) -> None:
    assert wf.usia(pd.Series(pd.to_datetime([born])), at).iloc[0] == expected


def test_usia_nat() -> None:
    assert pd.isna(wf.usia(pd.Series(pd.to_datetime([None])), "2024-01-01").iloc[0])


@pytest.mark.parametrize(
    ("jenis", "jabatan", "bup", "expected"),
    [
        pytest.param("administrator", "Kepala Bagian Umum", None, 58, id="administrator-58"),
        pytest.param("pengawas", "Kepala Subbagian", None, 58, id="pengawas-58"),
        pytest.param("pelaksana", "Pengadministrasi Umum", None, 58, id="pelaksana-58"),
        pytest.param("jpt", "Kepala Dinas", None, 60, id="jpt-60"),
        pytest.param("fungsional", "Perencana Ahli Madya", None, 60, id="ahli-madya-60"),
        pytest.param("fungsional", "DOKTER AHLI UTAMA", None, 65, id="ahli-utama-65-case-free"),
        pytest.param("fungsional", "Guru Ahli Pertama", None, 58, id="other-functional-58-assumed"),
        pytest.param("pelaksana", "Analis Ahli Madya", None, 58, id="ahli-text-only-for-functional"),
        pytest.param("fungsional", "Guru Ahli Madya", 60, 60, id="bup-column"),
        pytest.param("pelaksana", "Guru", 60, 60, id="bup-column-overrides"),
        pytest.param(None, None, None, 58, id="unknown-58"),
    ],
)
def test_bup_pegawai(jenis: str | None, jabatan: str | None, bup: int | None, expected: int) -> None:
    peg = _pegawai([("1", "A", "1970-01-01", jenis, jabatan, bup)])
    assert wf.bup_pegawai(peg).iloc[0] == expected


def test_bup_setting_is_a_parameter() -> None:
    peg = _pegawai([("1", "A", "1970-01-01", "pelaksana", "x", None)])
    assert wf.bup_pegawai(peg, {**wf.BUP_DEFAULT, "pelaksana": 56}).iloc[0] == 56


@pytest.mark.parametrize(
    ("born", "bup", "expected"),
    [
        pytest.param("1966-05-15", 58, "2024-06-01", id="mid-month"),
        pytest.param("1966-05-01", 58, "2024-06-01", id="first-of-month"),
        pytest.param("1966-12-31", 58, "2025-01-01", id="december-wraps-year"),
        pytest.param("1964-02-29", 60, "2024-03-01", id="leap-day"),
        pytest.param("1960-07-20", 65, "2025-08-01", id="ahli-utama-65"),
    ],
)
def test_tanggal_pensiun_first_day_of_next_month(born: str, bup: int, expected: str) -> None:
    out = wf.tanggal_pensiun(pd.Series(pd.to_datetime([born])), pd.Series([bup], dtype="Int64"))
    assert out.iloc[0] == pd.Timestamp(expected)


def test_tanggal_pensiun_missing() -> None:
    out = wf.tanggal_pensiun(pd.Series(pd.to_datetime([None, "1970-01-01"])), pd.Series([58, None], dtype="Int64"))
    assert out.isna().all()


def test_retiring_within() -> None:
    peg = _pegawai(
        [
            ("1", "A", "1966-05-15", "pelaksana", "x", None),  # 2024-06-01
            ("2", "A", "1970-01-10", "pelaksana", "x", None),  # 2028-02-01
            ("3", "A", "1970-01-10", "jpt", "x", None),  # 2030-02-01
            ("4", "A", "1960-01-10", "pelaksana", "x", None),  # 2018-02-01, still active
            ("5", "A", None, "pelaksana", "x", None),  # unknown birth date
        ]
    )
    out = wf.retiring_within(peg, 5, "2024-01-01")
    assert list(out["nip"]) == ["4", "1", "2"]
    assert list(out["lewat_bup"]) == [True, False, False]
    # the window ends before ref_date + years: 2029-01-01 excludes 2030-02-01 but a 6-year window includes it
    assert "3" in set(wf.retiring_within(peg, 7, "2024-01-01")["nip"])
    assert wf.retiring_within(peg.iloc[:0], 5, "2024-01-01").empty


def test_retiring_within_ignores_inactive() -> None:
    peg = _pegawai([("1", "A", "1966-05-15", "pelaksana", "x", None)]).assign(aktif=False)
    assert wf.retiring_within(peg, 5, dt.date(2024, 1, 1)).empty


def _profile_pegawai() -> pd.DataFrame:
    return _pegawai(
        [
            ("1", "A", "2001-01-01", "pelaksana", "x", None),  # 23 at 2024-06-30
            ("2", "A", "1990-06-30", "fungsional", "x", None),  # 34
            ("3", "A", "1969-07-01", "jpt", "x", None),  # 54
            ("4", "B", "1969-06-30", "pelaksana", "x", None),  # 55
        ]
    ).assign(
        status=["PNS", "PPPK", "PNS", "PNS"],
        jenis_kelamin=["L", "P", None, "P"],
        pendidikan=["SMA", "S1", "S2", "D3"],
        golongan=["II/a", "IX", "IV/c", "III/a"],
    )


def test_workforce_profile_counts_and_age_bands() -> None:
    out = wf.workforce_profile(_profile_pegawai(), ref_date="2024-06-30")
    a = out[out["instansi_kode"] == "A"].set_index(["dimensi", "kategori"])
    assert a.loc[("status", "PNS"), "jumlah"] == 2
    assert a.loc[("status", "PPPK"), "persen"] == pytest.approx(100 / 3)
    assert a.loc[("jenis_kelamin", wf.TIDAK_DIKETAHUI), "jumlah"] == 1
    assert a.loc[("kelompok_usia", "< 25"), "jumlah"] == 1
    assert a.loc[("kelompok_usia", "25-34"), "jumlah"] == 1
    assert a.loc[("kelompok_usia", "45-54"), "jumlah"] == 1
    b = out[out["instansi_kode"] == "B"].set_index(["dimensi", "kategori"])
    assert b.loc[("kelompok_usia", "≥ 55"), "jumlah"] == 1
    assert set(out["dimensi"]) == set(wf.PROFILE_DIMENSIONS)
    sums = out.groupby(["instansi_kode", "dimensi"])["persen"].sum()
    assert np.allclose(sums, 100.0)


def test_workforce_profile_overall_and_empty() -> None:
    out = wf.workforce_profile(_profile_pegawai(), by=(), ref_date="2024-06-30")
    assert out.set_index(["dimensi", "kategori"]).loc[("status", "PNS"), "jumlah"] == 3
    empty = wf.workforce_profile(_profile_pegawai().iloc[:0])
    assert empty.empty
    assert list(empty.columns) == ["instansi_kode", "dimensi", "kategori", "jumlah", "persen"]


def test_succession_risk() -> None:
    SB, B, BP = ref.PREDIKAT_ORDER[:3]
    peg = _pegawai(
        [
            ("1", "A", "1968-03-01", "pelaksana", "x", None),  # pension 2026-04-01: within 5 years of 2024-12-31
            ("2", "A", "1985-03-01", "pelaksana", "x", None),
            ("3", "A", "1967-03-01", "pelaksana", "x", None),  # retiring but Butuh Perbaikan: not counted
            ("4", "B", "1980-03-01", "jpt", "x", None),
            ("5", "B", "1968-03-01", "jpt", "x", None),  # jpt 60: 2028-04-01, within
            ("6", "C", "1960-01-01", "pelaksana", "x", None),  # no 2024 predikat
        ]
    )
    annual = pd.DataFrame(
        {
            "nip": ["1", "2", "3", "4", "5", "6"],
            "tahun": [2024, 2024, 2024, 2024, 2024, 2023],
            "predikat": [SB, B, BP, B, SB, SB],
        }
    )
    out = wf.succession_risk(peg, annual, 2024).set_index("instansi_kode")
    assert list(out.index) == ["A", "B"]
    assert (out.loc["A", "jumlah_sb_baik"], out.loc["A", "jumlah_pensiun"]) == (2, 1)
    assert out.loc["A", "persen_pensiun"] == pytest.approx(50.0)
    assert (out.loc["B", "jumlah_sb_baik"], out.loc["B", "jumlah_pensiun"]) == (2, 1)
    assert wf.succession_risk(peg, annual, 2024, years=1).set_index("instansi_kode")["jumlah_pensiun"].sum() == 0
    assert wf.succession_risk(peg, annual.iloc[:0], 2024).empty


@settings(max_examples=50, deadline=None)
@given(
    born=st.dates(dt.date(1940, 1, 1), dt.date(2005, 12, 31)),
    bup=st.sampled_from([56, 58, 60, 65]),
)
def test_pension_date_property(born: dt.date, bup: int) -> None:
    out = wf.tanggal_pensiun(pd.Series(pd.to_datetime([born])), pd.Series([bup], dtype="Int64")).iloc[0]
    assert out.day == 1
    # BUP reached by the pension date, and not yet at the end of the month before the birthday month
    born_s = pd.Series(pd.to_datetime([born]))
    assert wf.usia(born_s, out).iloc[0] == bup
    assert wf.usia(born_s, out - pd.DateOffset(months=1) - pd.Timedelta(days=1)).iloc[0] == bup - 1
