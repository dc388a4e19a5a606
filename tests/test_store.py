"""The store's readers on small hand-built databases, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine, insert

from asn_metrics import store
from asn_metrics.db import schema
from asn_metrics.filters import Filters
from asn_metrics.reference import periode_bulan_akhir, regime_for_year
from asn_metrics.store import summaries
from asn_metrics.store.write import new_batch

NOW = dt.datetime(2026, 11, 27, 9, 0)
ATAS, SESUAI, BAWAH = "Di Atas Ekspektasi", "Sesuai Ekspektasi", "Di Bawah Ekspektasi"


def _skp(pegawai_id: int, tahun: int, periode: str, predikat: str | None, nilai: float | None = None) -> dict:
    return {
        "pegawai_id": pegawai_id,
        "tahun": tahun,
        "periode": periode,
        "bulan_akhir": periode_bulan_akhir(periode),
        "predikat": predikat,
        "nilai": nilai,
        "regime": regime_for_year(tahun),
    }


@pytest.fixture
def small(any_engine: Engine) -> Engine:
    """Two regions, three agencies, five employees with a mix of annual and periodic ratings."""
    with any_engine.begin() as conn:
        conn.execute(
            insert(schema.instansi),
            [
                {"id": 1, "kode": "17.DUKCAPIL", "nama": "Disdukcapil Provinsi", "wilayah_kode": "17"},
                {"id": 2, "kode": "17.04.DUKCAPIL", "nama": "Disdukcapil Kaur", "wilayah_kode": "17.04"},
                {"id": 3, "kode": "17.04.DISHUB", "nama": "Dishub Kaur", "wilayah_kode": "17.04"},
            ],
        )
        people = [
            (1, "198001012005011001", 1, "pelaksana", True),
            (2, "198502022010012002", 1, "fungsional", True),
            (3, "199003032015031003", 2, "pelaksana", True),
            (4, "197504042000041004", 3, "pengawas", True),
            (5, "197001012000011005", 3, "pelaksana", False),  # retired: not counted as active
        ]
        conn.execute(
            insert(schema.pegawai),
            [
                {
                    "id": i,
                    "nip": nip,
                    "nama": f"Pegawai {i}",
                    "instansi_id": agency,
                    "jenis_kelamin": "L" if nip[14] == "1" else "P",
                    "tanggal_lahir": dt.date(int(nip[:4]), int(nip[4:6]), int(nip[6:8])),
                    "jenis_jabatan": jabatan,
                    "aktif": aktif,
                }
                for i, nip, agency, jabatan, aktif in people
            ],
        )
        conn.execute(
            insert(schema.skp),
            [
                # 1: annual Baik beats its later-ending period tw4 Sangat Baik (the annual stands for the year)
                _skp(1, 2025, "tw4", "Sangat Baik"),
                _skp(1, 2025, "tahunan", "Baik"),
                # 2: only quarters: the last one (tw3) stands for the year
                _skp(2, 2025, "tw1", "Baik"),
                _skp(2, 2025, "tw3", "Butuh Perbaikan"),
                # 3: monthly, b12 is the last period
                _skp(3, 2025, "b11", "Baik"),
                _skp(3, 2025, "b12", "Sangat Baik"),
                _skp(4, 2025, "tahunan", "Baik"),
                _skp(4, 2024, "tahunan", "Sangat Kurang"),
                _skp(1, 2021, "tahunan", None, nilai=101.0),  # legacy score, no predikat
            ],
        )
        summaries.refresh_all(conn)  # what every writer of SKP rows does in its transaction
    return any_engine


def _as_dict(frame, *keys: str) -> dict:
    return {tuple(r[k] for k in keys) if len(keys) > 1 else r[keys[0]]: int(r["jumlah"]) for _, r in frame.iterrows()}


def test_predikat_counts_use_the_annual_rating_else_the_last_period(small: Engine) -> None:
    # DOMAIN.md §1: the annual predikat stands for the year, else the last period; never averaged.
    counts = store.load_predikat_counts(small, Filters(tahun=2025))
    assert _as_dict(counts, "predikat") == {"Baik": 2, "Butuh Perbaikan": 1, "Sangat Baik": 1}


def test_predikat_counts_of_annual_ratings_only(small: Engine) -> None:
    counts = store.load_predikat_counts(small, Filters(tahun=2025), last_period_stands_for_year=False)
    assert _as_dict(counts, "predikat") == {"Baik": 2}


def test_predikat_counts_of_one_period(small: Engine) -> None:
    counts = store.load_predikat_counts(small, Filters(tahun=2025, periode="tw3"))
    assert _as_dict(counts, "predikat") == {"Butuh Perbaikan": 1}


def test_predikat_counts_grouped_and_filtered(small: Engine) -> None:
    by_region = store.load_predikat_counts(small, Filters(tahun=2025), by=("wilayah_kode",))
    assert _as_dict(by_region, "wilayah_kode", "predikat") == {
        ("17", "Baik"): 1,
        ("17", "Butuh Perbaikan"): 1,
        ("17.04", "Baik"): 1,
        ("17.04", "Sangat Baik"): 1,
    }
    kaur = store.load_predikat_counts(small, Filters(tahun=2025, wilayah="17.04"), by=("instansi_kode",))
    assert _as_dict(kaur, "instansi_kode", "predikat") == {
        ("17.04.DISHUB", "Baik"): 1,
        ("17.04.DUKCAPIL", "Sangat Baik"): 1,
    }
    pelaksana = store.load_predikat_counts(small, Filters(tahun=2025, jenis_jabatan="pelaksana"))
    assert _as_dict(pelaksana, "predikat") == {"Baik": 1, "Sangat Baik": 1}
    assert store.load_predikat_counts(small, Filters(tahun=2019)).empty


def test_pegawai_count_counts_active_staff_in_scope(small: Engine) -> None:
    assert store.load_pegawai_count(small, Filters()) == 4
    assert store.load_pegawai_count(small, Filters(wilayah="17.04")) == 2
    assert store.load_pegawai_count(small, Filters(instansi="17.04.DISHUB")) == 1
    assert store.load_pegawai_count(small, Filters(instansi="17.TIDAKADA")) == 0


def test_years_and_legacy_scores(small: Engine) -> None:
    assert store.load_skp_years(small) == [2025, 2024]
    assert store.load_data_years(small)[:2] == [2025, 2024]
    assert 2021 in store.load_data_years(small)
    assert store.has_legacy_scores(small, 2021)
    assert not store.has_legacy_scores(small, 2025)


def test_instansi_lists_active_staff(small: Engine) -> None:
    agencies = store.load_instansi(small).set_index("kode")
    assert agencies.loc["17.DUKCAPIL", "pegawai"] == 2
    assert agencies.loc["17.04.DISHUB", "pegawai"] == 1  # the inactive one is not counted
    assert list(store.load_instansi(small, wilayah_kode="17.04")["kode"]) == [
        "17.04.DUKCAPIL",
        "17.04.DISHUB",
    ]  # by name


def test_service_timeliness_uses_the_regional_standard_else_the_default(small: Engine) -> None:
    # DOMAIN.md §3: the standard per service and region is a setting; 1 hour by default.
    start = dt.datetime(2025, 3, 3, 8, 0)
    rows = [
        ("A1", 2, 0.5),  # Kaur, within 1 h
        ("A2", 2, 1.0),  # exactly the standard counts as within
        ("A3", 2, 1.5),
        ("A4", 2, None),  # still open
        ("B1", 1, 1.5),  # province: regional standard 2 h below makes this on time
        ("B2", 1, 2.5),
    ]
    with small.begin() as conn:
        conn.execute(
            insert(schema.standar_layanan_wilayah).values(jenis_layanan="ktp_el", wilayah_kode="17", standar_jam=2.0)
        )
        conn.execute(
            insert(schema.layanan),
            [
                {
                    "instansi_id": agency,
                    "nomor": nomor,
                    "jenis_layanan": "ktp_el",
                    "tanggal_masuk": start,
                    "tanggal_selesai": None if hours is None else start + dt.timedelta(hours=hours),
                    "durasi_jam": hours,
                    "status": "proses" if hours is None else "selesai",
                }
                for nomor, agency, hours in rows
            ],
        )
        summaries.refresh_all(conn)  # what every writer of services does in its transaction
    counts = store.load_service_timeliness_counts(small, Filters(tahun=2025), by=("wilayah_kode",)).set_index(
        "wilayah_kode"
    )
    assert counts.loc["17.04", ["jumlah", "selesai", "dengan_standar", "tepat_waktu"]].tolist() == [4, 3, 3, 2]
    assert counts.loc["17", ["jumlah", "selesai", "tepat_waktu"]].tolist() == [2, 2, 1]
    assert store.load_service_timeliness_counts(small, Filters(tahun=2024)).iloc[0]["jumlah"] == 0
    standards = store.load_standar_layanan(small)
    assert len(standards) == 9  # eight defaults + one regional override


def test_data_version_changes_with_each_batch(small: Engine) -> None:
    before = store.data_version(small)
    with small.begin() as conn:
        new_batch(conn, jenis="skp", nama_file="a.csv", sha256="0" * 64, pengguna="uji", sumber="cli", dibuat_pada=NOW)
    after = store.data_version(small)
    assert before != after
    assert store.data_version(small) == after
    batches = store.load_batches(small)
    assert batches.iloc[0]["nama_file"] == "a.csv"
    assert store.load_data_as_of(small)["impor_terakhir"] == NOW
