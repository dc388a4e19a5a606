"""Chunk files (store/handoff.py): rows handed to SQLite through ADBC must be stored exactly as the
``executemany`` path stores them, or a re-import would count unchanged rows as changed
(DATA_FORMATS.md "Idempotent")."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Column, Engine, MetaData, Table
from sqlalchemy.types import Boolean, Date, DateTime, Float, Integer

from asn_metrics import importer
from asn_metrics.db import schema
from asn_metrics.db.engine import make_engine
from asn_metrics.store import handoff
from asn_metrics.store.upsert import insert_frame
from tests import nasty_files as nf
from tests.test_import import AGENCIES, PEOPLE, write

SAMPLES = {
    "int": [1, None, 32767, -5],
    "float": [1.5, None, 4781088229.261271, 0.1 + 0.2],
    "datetime": [
        pd.Timestamp("2026-01-02 03:04:05.123456"),
        None,
        pd.Timestamp("2025-12-31 23:59"),
        dt.datetime(2024, 2, 29),
    ],
    "date": [dt.date(2026, 1, 2), None, dt.date(2025, 12, 31), dt.date(1950, 1, 1)],
    "bool": [True, False, None, True],
    "text": ['O\'Brien; "kutip"', None, "Ñandú ✓ 😀", ""],
}


def _sample(column: Column) -> list[object]:
    kind = column.type
    for name, sql_type in (
        ("bool", Boolean),
        ("datetime", DateTime),
        ("date", Date),
        ("float", Float),
        ("int", Integer),
    ):
        if isinstance(kind, sql_type):
            return SAMPLES[name]
    return SAMPLES["text"]


def _copy(table: Table, name: str, metadata: MetaData) -> Table:
    # Same column types, no constraints: the values are what is compared here, not the references.
    return Table(name, metadata, *(Column(c.name, c.type) for c in table.columns if c.name != "id"))


def _stored(engine: Engine, table: str, names: list[str]) -> list[tuple[object, ...]]:
    probes = ", ".join(f"typeof({n}), quote({n})" for n in names)
    with engine.connect() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(f"SELECT {probes} FROM {table} ORDER BY rowid")]


def _frame(table: Table, names: list[str], shape: str) -> pd.DataFrame:
    """Sample rows: ``few`` (four distinct values a column: text is stored as codes), ``constant`` (one value
    throughout: written as a literal) or ``many`` (40 rows, text with 40 distinct values: stored as text)."""
    if shape == "few":
        return pd.DataFrame({n: _sample(table.c[n]) for n in names})
    if shape == "constant":
        return pd.DataFrame({n: _sample(table.c[n])[:1] * 4 for n in names})
    columns = {}
    for n in names:
        cycled = (_sample(table.c[n]) * 10)[:40]
        text = isinstance(cycled[0], str)
        columns[n] = [f"{v}-{i}" if text and v is not None else v for i, v in enumerate(cycled)]
    return pd.DataFrame(columns)


@pytest.mark.parametrize("shape", ["few", "constant", "many"])
@pytest.mark.parametrize("kind", sorted(schema.KIND_TABLES))
def test_a_chunk_file_stores_every_value_as_executemany_does(kind: str, shape: str, tmp_path: Path) -> None:
    table = schema.KIND_TABLES[kind]
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    metadata = MetaData()
    by_executemany, by_file = _copy(table, "lewat_executemany", metadata), _copy(table, "lewat_berkas", metadata)
    metadata.create_all(engine)
    names = [c.name for c in by_file.columns]
    frame = _frame(table, names, shape)
    chunk = handoff.write_chunk_file(frame, table, tmp_path)
    assert chunk is not None and chunk.rows == len(frame)
    with engine.begin() as conn:
        insert_frame(conn, by_executemany.name, names, frame, table)
        with handoff.loaded(conn, chunk) as source:
            conn.exec_driver_sql(
                f"INSERT INTO {by_file.name} ({', '.join(names)}) "
                f"SELECT {handoff.select_list(chunk, names)} FROM {source}"
            )
    assert not chunk.path.exists()  # scratch, deleted once loaded
    stored = _stored(engine, by_file.name, names)
    assert stored == _stored(engine, by_executemany.name, names)
    # Not vacuous: the first sample row has a value in every column, of the column's storage type.
    assert "null" not in stored[0][::2]
    assert {"integer", "real", "text"} >= set(stored[0][::2])
    # ... and each shape took its own way into the file.
    texts = [n for n in names if isinstance(frame[n].dropna().iloc[0], str)]
    assert texts
    if shape == "few":  # packed codes, taken apart by CASE
        assert all(chunk.expressions[n].startswith("CASE ") for n in texts)
        assert not set(texts) & set(chunk.columns) and f"{handoff.PACKED}0" in chunk.columns
    elif shape == "constant":
        # Floats are never literals (SQLite may read one back differing in the last bit).
        floats = {n for n in names if isinstance(table.c[n].type, Float)}
        assert set(chunk.expressions) == set(names) - floats
        assert set(chunk.columns) == (floats or {handoff.FILLER})
    else:
        assert set(texts) <= set(chunk.columns) and not set(texts) & set(chunk.expressions)


def test_more_coded_columns_than_one_integer_holds_go_into_several(tmp_path: Path) -> None:
    metadata = MetaData()
    names = [f"k{i}" for i in range(22)]
    table = Table("lebar", metadata, *(Column(n, Integer) for n in names))
    # Column i holds i + 1 distinct values (16 at most) and a missing one; the last columns 40 distinct.
    frame = pd.DataFrame(
        {n: [None if r % 7 == 0 else 1000 * i + r % min(i + 1, 16) for r in range(40)] for i, n in enumerate(names)}
    )
    frame["k19"] = range(40)  # too many distinct values for codes, but small: on top of the second pack
    frame["k20"] = [2**62 + r for r in range(40)]  # too big to go on top of a pack: stored as it is
    frame["k21"] = [None, *range(39)]  # a missing value: stored as it is
    chunk = handoff.write_chunk_file(frame, table, tmp_path)
    assert chunk is not None
    assert set(chunk.columns) == {f"{handoff.PACKED}0", f"{handoff.PACKED}1", "k20", "k21"}
    assert chunk.expressions["k19"] == f"({handoff.PACKED}1 / {17**4})"
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    with engine.begin() as conn, handoff.loaded(conn, chunk) as source:
        rows = conn.exec_driver_sql(f"SELECT {handoff.select_list(chunk, names)} FROM {source}").all()
    expected = [tuple(None if pd.isna(v) else int(v) for v in row) for row in frame.itertuples(index=False)]
    assert [tuple(r) for r in rows] == expected


def test_chunk_files_of_different_layouts_loaded_one_after_another_are_each_read_right(tmp_path: Path) -> None:
    # Two chunk files made by the same steps share a schema cookie; SQLite must not read the second by the
    # first's schema (its tables start on other pages, and it may have other columns).
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    table = schema.KIND_TABLES["skp"]
    small = pd.DataFrame({"pegawai_id": [7, 8] * 5, "penilai_nip": [f"{i:018d}" for i in range(10)]})
    big = pd.DataFrame({"pegawai_id": list(range(1, 3001)), "penilai_nip": ["198609262015051001"] * 3000})
    frames = [small, big, small]
    chunks = [handoff.write_chunk_file(f, table, tmp_path, handoff.SentReferences()) for f in frames]
    with engine.begin() as conn:
        for frame, chunk in zip(frames, chunks, strict=True):
            assert chunk is not None
            with handoff.loaded(conn, chunk) as source:
                rows = conn.exec_driver_sql(f"SELECT {handoff.select_list(chunk, list(frame))} FROM {source}").all()
                assert [tuple(r) for r in rows] == list(frame.itertuples(index=False, name=None))
                ids = conn.exec_driver_sql(f"SELECT v FROM {handoff.SCHEMA}._rujukan_pegawai_id ORDER BY v")
                assert ids.scalars().all() == sorted(set(frame["pegawai_id"]))


@pytest.mark.parametrize("rows", [1, 7, 8, 9, 23, 64, 65])
def test_rows_folded_several_to_a_row_of_the_file_come_back_in_order(tmp_path: Path, rows: int) -> None:
    # handoff.PER_ROW rows of the chunk in each row of the file (ADBC pays per row it inserts), the last block
    # padded: read back, every row is there once, in the file's order, with its values and its NULLs.
    table = schema.KIND_TABLES["skp"]
    frame = pd.DataFrame(
        {
            "pegawai_id": [None if i % 5 == 4 else 1000 + i for i in range(rows)],
            "penilai_nip": [f"{i:018d}" if i % 3 else None for i in range(rows)],
            "nilai": [i + 0.25 for i in range(rows)],
        }
    ).astype({"pegawai_id": "Int64"})
    chunk = handoff.write_chunk_file(frame, table, tmp_path)
    assert chunk is not None and chunk.per_row == handoff.PER_ROW > 1
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    with engine.begin() as conn, handoff.loaded(conn, chunk) as source:
        stored = conn.exec_driver_sql(f"SELECT count(*) FROM {handoff.SCHEMA}.{handoff.ROWS}").scalar()
        back = conn.exec_driver_sql(f"SELECT {handoff.select_list(chunk, list(frame))} FROM {source}").all()
    assert stored == -(-rows // handoff.PER_ROW)
    expected = [tuple(None if pd.isna(v) else v for v in row) for row in frame.itertuples(index=False, name=None)]
    assert [tuple(r) for r in back] == expected


def test_an_empty_column_is_left_out_of_the_file_and_read_back_as_null(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    table = schema.KIND_TABLES["skp"]
    frame = pd.DataFrame({"tahun": [2025, 2026], "nilai": [None, None], "penilai_nip": [None, None]})
    chunk = handoff.write_chunk_file(frame, table, tmp_path)
    assert chunk is not None and chunk.columns == (f"{handoff.PACKED}0",)  # two years: codes
    assert (chunk.expressions["nilai"], chunk.expressions["penilai_nip"]) == ("NULL", "NULL")
    with engine.begin() as conn, handoff.loaded(conn, chunk) as source:
        rows = conn.exec_driver_sql(f"SELECT {handoff.select_list(chunk, list(frame))} FROM {source}").all()
    assert [tuple(r) for r in rows] == [(2025, None, None), (2026, None, None)]
    only_empty = handoff.write_chunk_file(frame[["nilai", "penilai_nip"]], table, tmp_path)
    assert only_empty is not None and only_empty.columns == (handoff.FILLER,)  # a table needs one column
    with engine.begin() as conn, handoff.loaded(conn, only_empty) as source:
        rows = conn.exec_driver_sql(f"SELECT {handoff.select_list(only_empty, ['nilai'])} FROM {source}").all()
    assert [tuple(r) for r in rows] == [(None,), (None,)]  # the rows are all there


def test_a_value_of_an_unexpected_type_falls_back_to_executemany(tmp_path: Path) -> None:
    table = schema.KIND_TABLES["pegawai"]
    frame = pd.DataFrame({"nip": ["199001012015031001", 199001012015031002], "nama": ["A", "B"]}, dtype=object)
    assert handoff.write_chunk_file(frame, table, tmp_path) is None
    assert list(tmp_path.iterdir()) == []  # no half-written chunk file left behind


def test_the_memory_of_a_loaded_chunk_is_given_back(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    table = schema.KIND_TABLES["skp"]
    frame = pd.DataFrame({"tahun": list(range(2000, 2000 + 5000)), "periode": ["tahunan"] * 5000})
    chunk = handoff.write_chunk_file(frame, table, tmp_path)
    assert chunk is not None
    with engine.begin() as conn:
        with handoff.loaded(conn, chunk) as source:
            assert conn.exec_driver_sql(f"SELECT count(*), sum(tahun) FROM {source}").one() == (
                5000,
                5000 * 2000 + 4999 * 5000 // 2,
            )
        pages = conn.exec_driver_sql(f"PRAGMA {handoff.SCHEMA}.page_count").scalar()
        tables = conn.exec_driver_sql(
            f"SELECT count(*) FROM {handoff.SCHEMA}.sqlite_master WHERE type = 'table'"
        ).scalar()
    assert (pages, tables) == (2, 0)  # an empty two-page database, however big the chunk was


@pytest.mark.parametrize("bad_line", [None, 75])
def test_a_streamed_import_leaves_no_chunk_file(
    empty_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bad_line: int | None
) -> None:
    write(empty_engine, AGENCIES, "instansi.csv")
    write(empty_engine, PEOPLE, "pegawai.csv")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    people = [nf.NIP_L, nf.NIP_P, nf.NIP_L2, nf.NIP_PPPK]
    periods = ["tahunan", "tw1", "tw2", "tw3", "tw4"]
    rows = [nf.SKP_HEADER]
    rows += [[people[i % 4], str(2022 + i // 20), periods[(i // 4) % 5], "sesuai", "atas"] for i in range(80)]
    if bad_line:
        rows[bad_line - 1][4] = "luar biasa"
    path = tmp_path / "skp.csv"
    path.write_bytes(nf.delimited(rows, ";"))
    outcome = importer.import_stream(empty_engine, path, "skp", pengguna="uji", sumber="cli", chunk_rows=10)
    assert outcome.status == ("ditolak" if bad_line else "diimpor")
    assert outcome.rows == 80
    assert list(scratch.iterdir()) == []  # neither the chunk files nor their folder


def test_no_room_for_chunk_files_is_an_indonesian_refusal_or_the_slow_path(
    empty_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(empty_engine, AGENCIES, "instansi.csv")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tidak-ada"))  # every scratch write fails
    # The one-step upload binds the values instead, and imports all the same.
    assert write(empty_engine, PEOPLE, "pegawai.csv").baru == 4
    path = tmp_path / "pegawai.csv"
    path.write_bytes(PEOPLE + b"\n")  # not byte-identical, so not "already imported"
    with pytest.raises(importer.ImportFailed, match=r"berkas sementara .* tidak dapat ditulis"):
        importer.import_stream(empty_engine, path, "pegawai", pengguna="uji", sumber="cli", chunk_rows=1)
