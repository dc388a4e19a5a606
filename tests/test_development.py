"""Tests of asn_metrics.development (DOMAIN.md §6 competence development, §7 IP ASN)."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asn_metrics import development as dev
from asn_metrics import reference as ref

SB, B, BP, K, SK = ref.PREDIKAT_ORDER


def _pegawai(rows: list[tuple[str, str, str | None]], aktif: list[bool] | None = None) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=["nip", "instansi_kode", "pendidikan"])
    return df.assign(aktif=aktif if aktif is not None else True)


def _pelatihan(rows: list[tuple[str, str, float, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "nip": [r[0] for r in rows],
            "tanggal_mulai": pd.to_datetime([r[1] for r in rows]),
            "jp": [r[2] for r in rows],
            "jenis": [r[3] for r in rows],
        }
    )


def _disiplin(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "nip": [r[0] for r in rows],
            "tanggal": pd.to_datetime([r[1] for r in rows]),
            "tingkat": [r[2] for r in rows],
        }
    )


def _annual(rows: list[tuple[str, int, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["nip", "tahun", "predikat"])


# --- JP per employee (DOMAIN.md §6: at least 20 JP a year) ----------------------------------------


def test_jp_per_pegawai_sums_year_and_zero_for_untrained() -> None:
    peg = _pegawai([("1", "A", "S1"), ("2", "A", "S1"), ("3", "B", "S1"), ("4", "B", "S1")],
                   aktif=[True, True, True, False])  # fmt: skip
    pel = _pelatihan(
        [
            ("1", "2024-01-10", 12.0, "teknis"),
            ("1", "2024-12-31", 8.0, "seminar"),  # 12 + 8 = 20: meets the rule exactly
            ("2", "2024-03-01", 19.0, "teknis"),
            ("2", "2023-12-31", 40.0, "teknis"),  # other year
            ("9", "2024-03-01", 40.0, "teknis"),  # not an employee
            ("4", "2024-03-01", 40.0, "teknis"),  # inactive
        ]
    )
    out = dev.jp_per_pegawai(pel, peg, 2024).set_index("nip")
    assert list(out.index) == ["1", "2", "3"]
    assert out["jp"].to_dict() == {"1": 20.0, "2": 19.0, "3": 0.0}
    assert out["memenuhi_20_jp"].to_dict() == {"1": True, "2": False, "3": False}
    assert (out["tahun"] == 2024).all()


def test_jp_per_pegawai_empty_inputs() -> None:
    peg = _pegawai([("1", "A", "S1")])
    out = dev.jp_per_pegawai(_pelatihan([]), peg, 2024)
    assert out.loc[0, "jp"] == 0.0
    assert not out.loc[0, "memenuhi_20_jp"]
    empty = dev.jp_per_pegawai(_pelatihan([]), _pegawai([]), 2024)
    assert empty.empty
    assert list(empty.columns) == list(dev.JP_COLUMNS)


def test_jp_summary_by_agency_and_overall() -> None:
    jp = pd.DataFrame(
        {
            "nip": ["1", "2", "3", "4"],
            "instansi_kode": ["A", "A", "A", "B"],
            "jp": [30.0, 10.0, 20.0, 0.0],
            "memenuhi_20_jp": [True, False, True, False],
        }
    )
    out = dev.jp_summary(jp).set_index("instansi_kode")
    assert out.loc["A", "jumlah_pegawai"] == 3
    assert out.loc["A", "rerata_jp"] == pytest.approx(20.0)
    assert out.loc["A", "persen_memenuhi_20_jp"] == pytest.approx(200 / 3)
    assert out.loc["B", "persen_memenuhi_20_jp"] == 0.0
    overall = dev.jp_summary(jp, by=())
    assert overall.loc[0, "persen_memenuhi_20_jp"] == pytest.approx(50.0)
    assert overall.loc[0, "jumlah_memenuhi_20_jp"] == 2
    assert dev.jp_summary(jp.iloc[:0]).empty


# --- IP ASN (DOMAIN.md §7) --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pendidikan", "expected"),
    [("S3", 25), ("S2", 20), ("S1", 15), ("D4", 15), ("D3", 10), ("D2", 5), ("D1", 5), ("SMA", 5), ("SMP", 1),
     ("SD", 1), (None, 0)],
    ids=["S3", "S2", "S1", "D4", "D3", "D2", "D1", "SMA", "SMP", "SD", "missing"],
)  # fmt: skip
def test_ip_asn_kualifikasi(pendidikan: str | None, expected: float) -> None:
    out = dev.ip_asn(_pegawai([("1", "A", pendidikan)]), _pelatihan([]), _annual([]), _disiplin([]), 2024)
    assert out.loc[0, "kualifikasi"] == expected


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        pytest.param([], 0, id="none"),
        pytest.param([("2019-05-01", 100.0, "kepemimpinan")], 15, id="leadership-earlier-year-counts"),
        pytest.param([("2025-05-01", 100.0, "kepemimpinan")], 0, id="leadership-after-year-not"),
        pytest.param([("2024-05-01", 30.0, "fungsional")], 15, id="functional"),
        pytest.param([("2024-01-01", 12.0, "teknis"), ("2024-06-01", 8.0, "teknis")], 15, id="technical-20jp"),
        pytest.param([("2024-01-01", 19.0, "teknis")], 0, id="technical-19jp"),
        pytest.param([("2023-01-01", 40.0, "teknis")], 0, id="technical-other-year"),
        pytest.param([("2024-02-01", 4.0, "seminar")], 5, id="seminar"),
        pytest.param([("2024-02-01", 4.0, "lainnya")], 0, id="other-kind"),
        pytest.param(
            [
                ("2020-01-01", 90.0, "kepemimpinan"),
                ("2021-01-01", 60.0, "fungsional"),
                ("2024-01-01", 20.0, "teknis"),
                ("2024-02-01", 4.0, "seminar"),
            ],
            40,
            id="all-capped-at-40",
        ),
    ],
)
def test_ip_asn_kompetensi(rows: list[tuple[str, float, str]], expected: float) -> None:
    pel = _pelatihan([("1", *r) for r in rows])
    out = dev.ip_asn(_pegawai([("1", "A", "S1")]), pel, _annual([]), _disiplin([]), 2024)
    assert out.loc[0, "kompetensi"] == expected


@pytest.mark.parametrize(
    ("predikat", "expected"),
    [(SB, 30), (B, 25), (BP, 15), (K, 10), (SK, 5), (None, 0)],
    ids=["SB-30", "B-25", "BP-15", "K-10", "SK-5", "unrated-0"],
)
def test_ip_asn_kinerja(predikat: str | None, expected: float) -> None:
    annual = _annual([("1", 2024, predikat)] if predikat else [("1", 2023, SB)])
    out = dev.ip_asn(_pegawai([("1", "A", "S1")]), _pelatihan([]), annual, _disiplin([]), 2024)
    assert out.loc[0, "kinerja"] == expected


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        pytest.param([], 5, id="none-5"),
        pytest.param([("2024-03-01", "ringan")], 3, id="ringan-3"),
        pytest.param([("2024-03-01", "sedang")], 2, id="sedang-2"),
        pytest.param([("2024-03-01", "berat")], 1, id="berat-1"),
        pytest.param(
            [("2024-03-01", "ringan"), ("2024-09-01", "berat"), ("2024-10-01", "sedang")], 1, id="heaviest-counts"
        ),
        pytest.param([("2023-03-01", "berat")], 5, id="other-year"),
    ],
)
def test_ip_asn_disiplin(rows: list[tuple[str, str]], expected: float) -> None:
    dis = _disiplin([("1", *r) for r in rows])
    out = dev.ip_asn(_pegawai([("1", "A", "S1")]), _pelatihan([]), _annual([]), dis, 2024)
    assert out.loc[0, "disiplin"] == expected


def test_ip_asn_worked_example_total_and_category() -> None:
    # §7: S2 (20) + leadership and technical ≥ 20 JP (30) + Sangat Baik (30) + no sanction (5) = 85 → Tinggi
    pel = _pelatihan([("1", "2022-01-01", 90.0, "kepemimpinan"), ("1", "2024-04-01", 24.0, "teknis")])
    out = dev.ip_asn(_pegawai([("1", "A", "S2")]), pel, _annual([("1", 2024, SB)]), _disiplin([]), 2024)
    row = out.iloc[0]
    assert (row["kualifikasi"], row["kompetensi"], row["kinerja"], row["disiplin"]) == (20, 30, 30, 5)
    assert row["total"] == 85
    assert row["kategori"] == "Tinggi"


@pytest.mark.parametrize(
    ("total", "expected"),
    [(100, "Sangat Tinggi"), (91, "Sangat Tinggi"), (90, "Tinggi"), (81, "Tinggi"), (80, "Sedang"),
     (71, "Sedang"), (70, "Rendah"), (61, "Rendah"), (60, "Sangat Rendah"), (0, "Sangat Rendah")],
    ids=["100", "91", "90", "81", "80", "71", "70", "61", "60", "0"],
)  # fmt: skip
def test_kategori_ip_asn_boundaries(total: float, expected: str) -> None:
    assert dev.kategori_ip_asn(pd.Series([float(total)])).iloc[0] == expected


def test_kategori_ip_asn_nan() -> None:
    assert pd.isna(dev.kategori_ip_asn(pd.Series([float("nan")])).iloc[0])


def test_ip_asn_inactive_empty_and_per_instansi() -> None:
    peg = _pegawai([("1", "A", "S3"), ("2", "A", "SMA"), ("3", "B", "S1")], aktif=[True, True, False])
    out = dev.ip_asn(peg, _pelatihan([]), _annual([("1", 2024, SB), ("2", 2024, B)]), _disiplin([]), 2024)
    assert list(out["nip"]) == ["1", "2"]
    agg = dev.ip_asn_per_instansi(out)
    assert agg.loc[0, "jumlah_pegawai"] == 2
    assert agg.loc[0, "kualifikasi"] == pytest.approx(15.0)  # (25 + 5) / 2
    assert agg.loc[0, "total"] == pytest.approx(((25 + 30 + 5) + (5 + 25 + 5)) / 2)
    assert agg.loc[0, "kategori"] == "Sangat Rendah"
    empty = dev.ip_asn(_pegawai([]), _pelatihan([]), _annual([]), _disiplin([]), 2024)
    assert empty.empty
    assert list(empty.columns) == list(dev.IP_ASN_COLUMNS)
    assert dev.ip_asn_per_instansi(empty).empty


def test_ip_asn_custom_kompetensi_split() -> None:
    pel = _pelatihan([("1", "2024-02-01", 4.0, "seminar")])
    out = dev.ip_asn(_pegawai([("1", "A", "S1")]), pel, _annual([]), _disiplin([]), 2024,
                     kompetensi_poin={**dev.KOMPETENSI_POIN, "seminar": 10.0})  # fmt: skip
    assert out.loc[0, "kompetensi"] == 10


@settings(max_examples=50, deadline=None)
@given(
    pendidikan=st.sampled_from([*ref.PENDIDIKAN, None]),
    trainings=st.lists(
        st.tuples(st.integers(2015, 2026), st.floats(0.5, 200), st.sampled_from(ref.JENIS_PELATIHAN)), max_size=8
    ),
    predikat=st.sampled_from([*ref.PREDIKAT_ORDER, None]),
    sanctions=st.lists(st.tuples(st.integers(2022, 2026), st.sampled_from(ref.TINGKAT_DISIPLIN)), max_size=4),
)
def test_ip_asn_total_within_0_100(
    pendidikan: str | None,
    trainings: list[tuple[int, float, str]],
    predikat: str | None,
    sanctions: list[tuple[int, str]],
) -> None:
    pel = _pelatihan([("1", f"{y}-06-01", jp, j) for y, jp, j in trainings])
    dis = _disiplin([("1", f"{y}-06-01", t) for y, t in sanctions])
    annual = _annual([("1", 2024, predikat)] if predikat else [])
    out = dev.ip_asn(_pegawai([("1", "A", pendidikan)]), pel, annual, dis, 2024)
    row = out.iloc[0]
    assert 0 <= row["total"] <= 100
    assert 0 <= row["kualifikasi"] <= 25
    assert 0 <= row["kompetensi"] <= 40
    assert 0 <= row["kinerja"] <= 30
    assert 1 <= row["disiplin"] <= 5
    assert row["total"] == pytest.approx(row[list(dev.IP_ASN_PARTS)].sum())
