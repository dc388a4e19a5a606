"""Schema and migrations on fresh databases (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, func, insert, inspect, select
from sqlalchemy.exc import IntegrityError

from asn_metrics import reference
from asn_metrics.db import schema
from asn_metrics.db.engine import make_engine
from asn_metrics.db.migrate import alembic_config, current_revision, head_revision, seed_reference, upgrade


def test_upgrade_creates_every_table_and_matches_the_schema(any_engine: Engine) -> None:
    tables = set(inspect(any_engine).get_table_names())
    assert {t.name for t in schema.metadata.sorted_tables} <= tables
    assert current_revision(any_engine) == head_revision()
    with any_engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), schema.metadata)
    assert diff == [], f"migrations and schema.py disagree: {diff}"


def test_reference_rows_are_seeded_once(any_engine: Engine) -> None:
    seed_reference(any_engine)  # a second time: nothing duplicated
    with any_engine.connect() as conn:
        regions = dict(conn.execute(select(schema.wilayah.c.kode, schema.wilayah.c.nama)).all())
        services = dict(conn.execute(select(schema.jenis_layanan.c.kode, schema.jenis_layanan.c.standar_jam)).all())
    # DOMAIN.md §10: the province and its ten kabupaten/kota
    assert len(regions) == 11
    assert regions["17.71"] == "Kota Bengkulu"
    assert regions["17.07"] == "Lebong"
    # DOMAIN.md §3: 1 hour for Disdukcapil documents; 'lainnya' is set by the agency
    assert services["ktp_el"] == 1.0
    assert services["akta_kelahiran"] == 1.0
    assert services["lainnya"] is None


def test_downgrade_then_upgrade_round_trip(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    upgrade(engine)
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "base")
    assert "pegawai" not in inspect(engine).get_table_names()
    upgrade(engine)
    assert "pegawai" in inspect(engine).get_table_names()


def test_sqlite_runs_in_wal_with_foreign_keys_and_busy_timeout(empty_engine: Engine) -> None:
    with empty_engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30_000


def _agency(conn: object, kode: str = "17.DUKCAPIL") -> None:
    conn.execute(insert(schema.instansi).values(id=1, kode=kode, nama="Disdukcapil", wilayah_kode="17"))  # type: ignore[attr-defined]


def test_foreign_keys_are_enforced(any_engine: Engine) -> None:
    with pytest.raises(IntegrityError), any_engine.begin() as conn:
        conn.execute(
            insert(schema.pegawai).values(
                nip="198609262015051001",
                nama="X",
                instansi_id=999,
                jenis_kelamin="L",
                tanggal_lahir=dt.date(1986, 9, 26),
            )
        )
    with pytest.raises(IntegrityError), any_engine.begin() as conn:
        conn.execute(insert(schema.instansi).values(kode="17.X", nama="X", wilayah_kode="99.99"))


def test_check_constraints_refuse_impossible_values(any_engine: Engine) -> None:
    with any_engine.begin() as conn:
        _agency(conn)
    answers = {f"u{i}": 3 for i in range(1, 10)}
    with pytest.raises(IntegrityError), any_engine.begin() as conn:
        conn.execute(insert(schema.skm).values(instansi_id=1, tanggal=dt.date(2025, 1, 2), **{**answers, "u5": 5}))
    start = dt.datetime(2025, 1, 2, 10)
    with pytest.raises(IntegrityError), any_engine.begin() as conn:
        conn.execute(
            insert(schema.layanan).values(
                instansi_id=1,
                nomor="A1",
                jenis_layanan="ktp_el",
                tanggal_masuk=start,
                tanggal_selesai=start - dt.timedelta(hours=1),
                status="selesai",
            )
        )
    with any_engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(schema.layanan)) == 0


def test_natural_keys_are_unique(any_engine: Engine) -> None:
    with any_engine.begin() as conn:
        _agency(conn)
    row = {"instansi_id": 1, "tanggal": dt.date(2025, 1, 2), "responden_id": "R1", **{f"u{i}": 3 for i in range(1, 10)}}
    with any_engine.begin() as conn:
        conn.execute(insert(schema.skm).values(**{**row, "responden_id": None}))
        conn.execute(insert(schema.skm).values(**{**row, "responden_id": None}))  # anonymous: allowed twice
        conn.execute(insert(schema.skm).values(**row))
    with pytest.raises(IntegrityError), any_engine.begin() as conn:
        conn.execute(insert(schema.skm).values(**row))


def test_every_upload_kind_has_a_table() -> None:
    assert set(schema.KIND_TABLES) == set(reference.KINDS)


def test_migrating_a_database_with_data_keeps_it(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
    with engine.begin() as conn:
        conn.execute(insert(schema.wilayah).values(kode="17", nama="Provinsi Bengkulu", tingkat="provinsi"))
        conn.execute(insert(schema.instansi).values(kode="17.BKD", nama="BKD", wilayah_kode="17"))
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    with engine.connect() as conn:
        assert conn.scalar(select(schema.instansi.c.nama).where(schema.instansi.c.kode == "17.BKD")) == "BKD"
        assert conn.scalar(select(func.count()).select_from(schema.batch_change)) == 0


def test_head_revision_from_the_file_names_is_alembic_head_and_a_new_database_has_none(sqlite_url: str) -> None:
    # The CLI and the app read the head from the migration files' names (without importing Alembic); that must be
    # the head Alembic itself computes from the revision chain.
    from alembic.script import ScriptDirectory

    from asn_metrics.db.engine import make_engine

    assert head_revision() == ScriptDirectory.from_config(alembic_config()).get_current_head() is not None
    engine = make_engine(sqlite_url)
    try:
        assert current_revision(engine) is None
    finally:
        engine.dispose()
