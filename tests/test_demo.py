"""The synthetic demo: deterministic, valid by the project's own rules, and carrying its patterns."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Engine, select, text

from asn_metrics import reference
from asn_metrics.db import schema
from asn_metrics.db.engine import make_engine
from asn_metrics.db.migrate import upgrade
from asn_metrics.demo import DemoError, DemoResult, generate_demo
from asn_metrics.demo.agencies import DECLINING, IMPROVING, INFLATED, STRAIGHT_LINING
from asn_metrics.demo.common import STALE_WILAYAH
from asn_metrics.nip import check_nip

N = 400
GOOD = (reference.SANGAT_BAIK, reference.BAIK)


def _make(tmp: Path, name: str, seed: int) -> tuple[Engine, DemoResult]:
    engine = make_engine(f"sqlite:///{tmp / name}")
    upgrade(engine)
    return engine, generate_demo(engine, pegawai=N, seed=seed)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Engine, DemoResult]:
    return _make(tmp_path_factory.mktemp("demo"), "d.db", 7)


def _read(engine: Engine, sql: str) -> pd.DataFrame:
    with engine.connect() as conn:
        return pd.read_sql_query(text(sql), conn)


def _dump(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    out = {}
    with engine.connect() as conn:
        for table in schema.metadata.sorted_tables:
            rows = conn.execute(select(table).order_by(*table.primary_key.columns)).all()
            out[table.name] = [tuple(r) for r in rows]
    return out


def test_same_seed_same_contents_other_seed_differs(demo: tuple[Engine, DemoResult], tmp_path: Path) -> None:
    engine, _ = demo
    again, _ = _make(tmp_path, "again.db", 7)
    first, second = _dump(engine), _dump(again)
    assert first == second
    other, _ = _make(tmp_path, "other.db", 8)
    assert _dump(other)["pegawai"] != first["pegawai"]


def test_counts_and_demo_setting(demo: tuple[Engine, DemoResult]) -> None:
    engine, result = demo
    counts = result.counts()
    assert counts["pegawai"] == N
    assert all(v > 0 for v in counts.values())
    for kind in reference.KINDS:
        assert _read(engine, f"SELECT COUNT(*) AS n FROM {kind}")["n"][0] == counts[kind]
    setting = _read(engine, "SELECT nilai FROM pengaturan WHERE kunci = 'demo'")["nilai"][0]
    assert json.loads(setting) == {"seed": 7, "pegawai": N, "dibuat": "2026-11-27"}


def test_refuses_a_non_empty_database(demo: tuple[Engine, DemoResult]) -> None:
    with pytest.raises(DemoError, match="kosong"):
        generate_demo(demo[0], pegawai=N)


def test_nips_valid_and_consistent(demo: tuple[Engine, DemoResult]) -> None:
    people = _read(demo[0], "SELECT * FROM pegawai")
    assert people["nip"].is_unique
    for nip, status, sex, born in zip(
        people["nip"], people["status"], people["jenis_kelamin"], people["tanggal_lahir"], strict=True
    ):
        assert check_nip(nip, status).ok, nip
        assert sex == ("L" if nip[14] == "1" else "P")
        assert str(born)[:10].replace("-", "") == nip[:8]
    pns = people[people["status"] == "PNS"]
    assert pns["golongan"].str.match(r"^(II|III|IV)/[a-d]$").all()
    assert people.loc[people["status"] == "PPPK", "golongan"].isin(["V", "VII", "IX", "X", "XI"]).all()
    assert (pns["nip"].str[8:12].astype(int) <= 2024).all()


def test_foreign_keys_and_batches(demo: tuple[Engine, DemoResult]) -> None:
    engine = demo[0]
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
    for kind in reference.KINDS:
        assert _read(engine, f"SELECT COUNT(*) AS n FROM {kind} WHERE batch_id IS NULL")["n"][0] == 0
    batches = _read(engine, "SELECT * FROM import_batch")
    assert (batches["sumber"] == "demo").all()
    assert batches["dibuat_pada"].max() <= "2026-11-27"


def test_predikat_follows_the_matrix(demo: tuple[Engine, DemoResult]) -> None:
    skp = _read(demo[0], "SELECT * FROM skp")
    rated = skp[skp["tahun"] >= 2022]
    expected = [
        reference.predikat_from_ratings(h, p)
        for h, p in zip(rated["rating_hasil_kerja"], rated["rating_perilaku_kerja"], strict=True)
    ]
    assert rated["predikat"].tolist() == expected
    legacy = skp[skp["tahun"] < 2022]
    assert legacy["predikat"].isna().all() and legacy["nilai"].between(60, 120).all()
    assert (legacy["regime"] == reference.REGIME_PP30).all()
    assert not skp.duplicated(["pegawai_id", "tahun", "periode"]).any()


def test_natural_keys_unique(demo: tuple[Engine, DemoResult]) -> None:
    engine = demo[0]
    keys = {
        "layanan": "instansi_id, nomor",
        "pengaduan": "instansi_id, nomor",
        "skm": "instansi_id, responden_id",
        "indikator": "instansi_id, tahun, periode, indikator",
        "pelatihan": "pegawai_id, nama_pelatihan, tanggal_mulai",
        "disiplin": "pegawai_id, tanggal",
    }
    for table, key in keys.items():
        dup = _read(engine, f"SELECT COUNT(*) AS n FROM (SELECT {key} FROM {table} GROUP BY {key} HAVING COUNT(*) > 1)")
        assert dup["n"][0] == 0, table


def test_service_times_consistent(demo: tuple[Engine, DemoResult]) -> None:
    df = _read(demo[0], "SELECT * FROM layanan")
    masuk, selesai = pd.to_datetime(df["tanggal_masuk"]), pd.to_datetime(df["tanggal_selesai"])
    done = selesai.notna()
    assert (selesai[done] >= masuk[done]).all()
    hours = (selesai[done] - masuk[done]).dt.total_seconds() / 3600
    assert (hours - df.loc[done, "durasi_jam"]).abs().max() < 1e-6
    assert (df.loc[~done, "status"] == "proses").all()
    assert df["status"].isin(reference.STATUS_LAYANAN).all()
    training = _read(demo[0], "SELECT * FROM pelatihan")
    assert (training["tanggal_selesai"] >= training["tanggal_mulai"]).all()


def _annual_shares(engine: Engine, kode: str) -> pd.DataFrame:
    df = _read(
        engine,
        "SELECT s.tahun, s.predikat FROM skp s JOIN pegawai p ON p.id = s.pegawai_id "
        "JOIN instansi i ON i.id = p.instansi_id "
        f"WHERE i.kode = '{kode}' AND s.periode = 'tahunan' AND s.tahun >= 2022",
    )
    return (
        df.assign(good=df["predikat"].isin(GOOD), sb=df["predikat"] == reference.SANGAT_BAIK)
        .groupby("tahun")[["good", "sb"]]
        .mean()
    )


def test_rating_patterns(demo: tuple[Engine, DemoResult]) -> None:
    engine = demo[0]
    assert (_annual_shares(engine, INFLATED)["sb"] >= 0.9).all()
    for kode in IMPROVING:
        good = _annual_shares(engine, kode)["good"]
        assert good[2025] > good[2022], kode
    for kode in DECLINING:
        good = _annual_shares(engine, kode)["good"]
        assert good[2025] < good[2022], kode
    annual = _read(engine, "SELECT predikat FROM skp WHERE periode = 'tahunan' AND tahun >= 2022")["predikat"]
    assert 0.65 <= (annual == reference.BAIK).mean() <= 0.85


def test_stale_region_and_seasonal_peak(demo: tuple[Engine, DemoResult]) -> None:
    engine = demo[0]
    last = _read(
        engine,
        "SELECT i.wilayah_kode AS w, MAX(l.tanggal_masuk) AS last FROM layanan l "
        "JOIN instansi i ON i.id = l.instansi_id GROUP BY i.wilayah_kode",
    ).set_index("w")["last"]
    assert last[STALE_WILAYAH] <= "2026-04-30 23:59"
    assert (last.drop(STALE_WILAYAH) >= "2026-11-01").all()
    births = _read(engine, "SELECT tanggal_masuk FROM layanan WHERE jenis_layanan = 'akta_kelahiran'")
    months = pd.to_datetime(births["tanggal_masuk"])
    per_month = months[months.dt.year == 2025].dt.month.value_counts()
    assert per_month[7] > per_month.mean()


def test_straight_lining_unit(demo: tuple[Engine, DemoResult]) -> None:
    df = _read(demo[0], "SELECT i.kode, s.* FROM skm s JOIN instansi i ON i.id = s.instansi_id")
    cols = list(reference.UNSUR_KOLOM)
    flat = df[cols].eq(df["u1"], axis=0).all(axis=1).groupby(df["kode"]).mean()
    assert flat[STRAIGHT_LINING] > 0.3
    assert flat.drop(STRAIGHT_LINING).max() < 0.15
    assert df[cols].isin([1, 2, 3, 4]).all().all()
