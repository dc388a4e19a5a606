"""`summary --json` on the demo equals an independent computation from the raw tables (DATA_FORMATS.md)."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
import pytest
from sqlalchemy import Engine

from asn_metrics.filters import Filters
from asn_metrics.summary import build_summary

YEAR = 2025


def _raw(engine: Engine, sql: str) -> pd.DataFrame:
    with engine.connect() as conn:
        return pd.read_sql_query(sql, conn)


def _half_up(value: float, decimals: int = 2) -> float:
    return float(Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


@pytest.fixture(scope="module")
def summary(demo_engine: Engine) -> dict:
    return build_summary(demo_engine, Filters(tahun=YEAR))


def test_contract_keys_are_all_there(summary: dict) -> None:
    assert set(summary) >= {"filter", "pegawai", "predikat", "ikm", "layanan", "pengaduan", "indikator", "pelatihan"}
    assert summary["ikm"] and summary["layanan"] and summary["pengaduan"] and summary["indikator"]


def test_ikm_equals_mean_of_nrr_times_25(summary: dict, demo_engine: Engine) -> None:
    # DOMAIN.md §2: NRR = mean of an element's answers; IKM = mean of the nine NRR × 25, rounded to 2 decimals.
    rows = _raw(
        demo_engine,
        f"SELECT i.kode AS instansi_kode, s.* FROM skm s JOIN instansi i ON i.id = s.instansi_id "
        f"WHERE s.tanggal >= '{YEAR}-01-01' AND s.tanggal < '{YEAR + 1}-01-01'",
    )
    units = [f"u{i}" for i in range(1, 10)]
    expected = rows.groupby("instansi_kode")[units].mean()
    got = {e["instansi_kode"]: e for e in summary["ikm"]}
    assert set(got) == set(expected.index)
    for kode, nrr in expected.iterrows():
        entry = got[kode]
        assert entry["responden"] == int((rows["instansi_kode"] == kode).sum())
        assert entry["ikm"] == _half_up(float(nrr.mean()) * 25)
        assert entry["nrr"]["u1"] == pytest.approx(nrr["u1"], abs=0.0051)
        band = "D" if entry["ikm"] < 65 else "C" if entry["ikm"] <= 76.60 else "B" if entry["ikm"] <= 88.30 else "A"
        assert entry["mutu"] == band
        assert entry["ikm_bawah"] <= entry["ikm"] <= entry["ikm_atas"]


def test_service_figures_equal_a_direct_count(summary: dict, demo_engine: Engine) -> None:
    # DOMAIN.md §3: share of finished applications within the 1-hour default standard (no regional overrides).
    rows = _raw(
        demo_engine,
        f"SELECT i.kode AS instansi_kode, l.jenis_layanan, l.status, l.durasi_jam FROM layanan l "
        f"JOIN instansi i ON i.id = l.instansi_id "
        f"WHERE l.tanggal_masuk >= '{YEAR}-01-01' AND l.tanggal_masuk < '{YEAR + 1}-01-01'",
    )
    got = {(e["instansi_kode"], e["jenis_layanan"]): e for e in summary["layanan"]}
    assert len(got) == rows.groupby(["instansi_kode", "jenis_layanan"]).ngroups
    for (kode, jenis), group in rows.groupby(["instansi_kode", "jenis_layanan"]):
        entry = got[(kode, jenis)]
        assert entry["jumlah"] == len(group)
        done = group[(group["status"] == "selesai") & group["durasi_jam"].notna()]
        if jenis == "lainnya":
            assert entry["persen_tepat_waktu"] is None  # no standard set for 'lainnya'
        elif len(done):
            assert entry["persen_tepat_waktu"] == pytest.approx((done["durasi_jam"] <= 1.0).mean() * 100, abs=0.0051)
            assert entry["median_jam"] == pytest.approx(done["durasi_jam"].median(), abs=0.0051)


def test_complaint_resolution_share(summary: dict, demo_engine: Engine) -> None:
    rows = _raw(
        demo_engine,
        f"SELECT i.kode AS instansi_kode, p.status, p.tanggal_selesai FROM pengaduan p "
        f"JOIN instansi i ON i.id = p.instansi_id "
        f"WHERE p.tanggal_masuk >= '{YEAR}-01-01' AND p.tanggal_masuk < '{YEAR + 1}-01-01'",
    )
    got = {e["instansi_kode"]: e for e in summary["pengaduan"]}
    for kode, group in rows.groupby("instansi_kode"):
        resolved = (group["tanggal_selesai"].notna() | (group["status"] == "selesai")).mean() * 100
        assert got[kode]["jumlah"] == len(group)
        assert got[kode]["persen_selesai"] == pytest.approx(resolved, abs=0.0051)
        assert 0 <= got[kode]["persen_ditanggapi_5_hari"] <= 100


def test_indicator_capaian_by_direction(summary: dict, demo_engine: Engine) -> None:
    # DOMAIN.md §5: naik R/T×100; turun (2T−R)/T×100 by default.
    rows = _raw(
        demo_engine,
        f"SELECT i.kode AS instansi_kode, k.indikator, k.target, k.realisasi, k.arah FROM indikator k "
        f"JOIN instansi i ON i.id = k.instansi_id WHERE k.tahun = {YEAR} AND k.periode = 'tahunan'",
    )
    got = {(e["instansi_kode"], e["indikator"]): e for e in summary["indikator"]}
    assert len(got) == len(rows)
    for row in rows.itertuples():
        entry = got[(row.instansi_kode, row.indikator)]
        if row.realisasi is None or math.isnan(row.realisasi) or row.target == 0:
            assert entry["capaian_persen"] is None
            continue
        if row.arah == "naik":
            expected = row.realisasi / row.target * 100
        else:
            expected = (2 * row.target - row.realisasi) / row.target * 100
        assert entry["capaian_persen"] == pytest.approx(expected, abs=0.006)


def test_training_share_meeting_20_jp(summary: dict, demo_engine: Engine) -> None:
    # DOMAIN.md §6: at least 20 JP a year, counted over active employees.
    jp = _raw(
        demo_engine,
        f"SELECT p.nip, COALESCE(SUM(t.jp), 0) AS jp FROM pegawai p LEFT JOIN pelatihan t ON t.pegawai_id = p.id "
        f"AND t.tanggal_mulai >= '{YEAR}-01-01' AND t.tanggal_mulai < '{YEAR + 1}-01-01' "
        f"WHERE p.aktif GROUP BY p.nip",
    )
    assert summary["pelatihan"]["pegawai"] == len(jp)
    assert summary["pelatihan"]["persen_memenuhi_20_jp"] == pytest.approx((jp["jp"] >= 20).mean() * 100, abs=0.0051)


def test_filters_narrow_every_list(demo_engine: Engine) -> None:
    kaur = build_summary(demo_engine, Filters(tahun=YEAR, wilayah="17.04"))
    assert kaur["ikm"] and all(e["instansi_kode"].startswith("17.04.") for e in kaur["ikm"])
    assert all(e["instansi_kode"].startswith("17.04.") for e in kaur["layanan"])
    assert all(e["instansi_kode"].startswith("17.04.") for e in kaur["indikator"])
    one = build_summary(demo_engine, Filters(tahun=YEAR, instansi="17.04.DUKCAPIL"))
    assert {e["instansi_kode"] for e in one["layanan"]} == {"17.04.DUKCAPIL"}


def test_a_year_without_data_gives_empty_lists_not_errors(demo_engine: Engine) -> None:
    empty = build_summary(demo_engine, Filters(tahun=2010))
    assert empty["ikm"] == [] and empty["layanan"] == [] and empty["indikator"] == []
    assert sum(empty["predikat"].values()) == 0
    assert empty["pelatihan"]["persen_memenuhi_20_jp"] == 0.0  # nobody trained in 2010
