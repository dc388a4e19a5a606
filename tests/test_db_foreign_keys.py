"""A streamed SQLite import checks foreign keys once per distinct value instead of once per row
(db/foreign_keys.py, store/referenced.py), with the same outcome as SQLite's own check."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Connection, Engine, func, insert, select
from sqlalchemy.exc import IntegrityError

from asn_metrics.db import foreign_keys, schema
from asn_metrics.store import handoff
from asn_metrics.store.referenced import referenced_columns
from asn_metrics.store.upsert import NATURAL_KEYS, Staging

NOW = dt.datetime(2026, 11, 27, 10, 0)


@pytest.fixture
def engine(empty_engine: Engine) -> Engine:
    """Twenty employees (ids 1 to 20) of one agency."""
    with empty_engine.begin() as conn:
        conn.execute(insert(schema.instansi).values(id=1, kode="17.BKD", nama="BKD", wilayah_kode="17"))
        for pid in range(1, 21):
            conn.execute(
                insert(schema.pegawai).values(
                    id=pid,
                    nip=f"19860926201505{pid:04d}",
                    nama=f"P{pid}",
                    instansi_id=1,
                    jenis_kelamin="L",
                    tanggal_lahir=dt.date(1986, 9, 26),
                )
            )
    return empty_engine


def _skp(employees: list[int], periods: list[str]) -> pd.DataFrame:
    rows = [(e, 2025, p) for e in employees for p in periods]
    frame = pd.DataFrame(rows, columns=["pegawai_id", "tahun", "periode"])
    return frame.assign(
        bulan_akhir=12,
        rating_hasil_kerja="Sesuai Ekspektasi",
        rating_perilaku_kerja="Sesuai Ekspektasi",
        predikat="Baik",
        nilai=None,
        regime="PermenPANRB 6/2022",
        penilai_nip=None,
    )


def _write(
    engine: Engine, frames: list[pd.DataFrame], tmp_path: Path, sent: handoff.SentReferences | None = None
) -> tuple[int, int, int]:
    with engine.connect() as conn, foreign_keys.checked_per_value(conn), conn.begin():
        assert not foreign_keys.enforced(conn)
        batch = _new_batch(conn)
        staging = Staging(conn, "skp", batch)
        for frame in frames:
            chunk = handoff.write_chunk_file(frame, schema.skp, tmp_path, sent)
            assert chunk is not None
            staging.add(chunk)
        counts = staging.merge()
        temp = conn.exec_driver_sql("SELECT name FROM sqlite_temp_master WHERE type = 'table'").scalars().all()
        assert temp == []  # the values' tables are gone
        return counts


def _new_batch(conn: Connection) -> int:
    values = {"jenis": "skp", "nama_file": "f", "sha256": "x", "pengguna": "uji", "sumber": "cli", "dibuat_pada": NOW}
    key = conn.execute(insert(schema.import_batch).values(values)).inserted_primary_key
    assert key is not None
    return int(key[0])


def _count(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(schema.skp)) or 0)


# Each shape a chunk file gives a column (store/handoff.py): stored as it is (more than 16 distinct values),
# as codes (a few distinct values), as a literal (one value) and as a wide integer on top of the packed codes.
# ``e`` is the last row's employee.
SHAPES = {
    "stored": lambda e: _skp([*range(1, 20), e], ["tw1"]),
    "wide": lambda e: _skp([*range(1, 20), e], ["tw1", "tw2"]),
    "codes": lambda e: _skp([1, 2, e], ["tw1", "tw2"]),
    "literal": lambda e: _skp([e], ["tw1", "tw2"]),
}


@pytest.mark.parametrize("shape", SHAPES)
def test_a_row_naming_a_missing_employee_refuses_the_write_in_every_shape(
    engine: Engine, tmp_path: Path, shape: str
) -> None:
    bad, good = SHAPES[shape](99), SHAPES[shape](20)
    chunk = handoff.write_chunk_file(bad, schema.skp, tmp_path)
    assert chunk is not None
    expression = chunk.expressions.get("pegawai_id", "")
    assert {"stored": "", "codes": "CASE", "literal": "99", "wide": f"({handoff.PACKED}"[:4]}[shape] == expression[:4]
    chunk.path.unlink()
    with pytest.raises(IntegrityError, match="FOREIGN KEY constraint failed"):
        _write(engine, [bad], tmp_path)
    assert _count(engine) == 0
    assert _write(engine, [good], tmp_path) == (len(good), 0, 0)
    assert _count(engine) == len(good)


@pytest.mark.parametrize("sent", [False, True], ids=["every-value", "new-values-only"])
def test_the_missing_value_may_hide_in_a_later_or_merged_chunk(engine: Engine, tmp_path: Path, sent: bool) -> None:
    first, second = _skp([1], ["tw1"]), _skp([99, 1], ["tw2"])
    # As the reading child writes them: a chunk file holds only the ids no earlier chunk had.
    with pytest.raises(IntegrityError):
        _write(engine, [first, second], tmp_path, handoff.SentReferences() if sent else None)
    assert _count(engine) == 0
    # The second chunk meets an existing key (1, 2025, tw1) and is staged and merged: still refused.
    _write(engine, [first], tmp_path)
    with pytest.raises(IntegrityError):
        _write(engine, [_skp([2], ["tw3"]), pd.concat([first, second], ignore_index=True)], tmp_path)
    assert _count(engine) == 1


def test_each_referenced_value_goes_into_one_chunk_file_only(tmp_path: Path) -> None:
    sent = handoff.SentReferences()
    chunks = [
        handoff.write_chunk_file(_skp(e, ["tw1", "tw2"]), schema.skp, tmp_path, sent) for e in ([1, 2], [2], [2, 3])
    ]
    assert [c.referenced["pegawai_id"] if c else None for c in chunks] == [
        "_rujukan_pegawai_id",
        "",
        "_rujukan_pegawai_id",
    ]
    third = chunks[2]
    assert third is not None
    with sqlite3.connect(third.path) as con:
        assert con.execute("SELECT v FROM _rujukan_pegawai_id").fetchall() == [(3,)]


def test_rows_bound_one_by_one_are_checked_too(engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A frame whose values do not go into a chunk file is bound through executemany (store/upsert.py).
    monkeypatch.setattr(handoff, "write_chunk_file", lambda *_: None)
    with engine.connect() as conn, foreign_keys.checked_per_value(conn), conn.begin():
        batch = _new_batch(conn)
        staging = Staging(conn, "skp", batch)
        staging.add(_skp([1, 99], ["tw1"]))
        with pytest.raises(IntegrityError, match="pegawai_id = 99"):
            staging.merge()


def test_sqlites_own_check_is_back_on_afterwards_even_after_a_failure(engine: Engine) -> None:
    with engine.connect() as conn:
        with foreign_keys.checked_per_value(conn), conn.begin():
            assert not foreign_keys.enforced(conn)
        assert foreign_keys.enforced(conn)
        with pytest.raises(RuntimeError), foreign_keys.checked_per_value(conn), conn.begin():
            raise RuntimeError("boom")
        assert foreign_keys.enforced(conn)
        # Inside a transaction it cannot change: left alone, still checked row by row.
        with conn.begin(), foreign_keys.checked_per_value(conn):
            assert foreign_keys.enforced(conn)


def test_no_import_changes_a_column_another_table_refers_to() -> None:
    # Why checking the rows' own references is enough: an import inserts rows and updates their value
    # columns, never an id or a natural key, which are all that other tables refer to.
    for kind, table in schema.KIND_TABLES.items():
        assert referenced_columns(table) <= {"id", *NATURAL_KEYS[kind]}, kind
    assert referenced_columns(schema.instansi) == {"id", "kode"}
    assert referenced_columns(schema.pegawai) == {"id"}
