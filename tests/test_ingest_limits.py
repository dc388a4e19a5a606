"""Plausible dates and text lengths: refused with the line number, before anything reaches the database.

DATA_FORMATS.md "Every upload": a file with any invalid row writes nothing, and the report names the
row, the column, the value, what is wrong and how to fix it, in Indonesian (UX.md "Words": where, what,
how to fix). DATA_FORMATS.md "Kinds" gives ``tahun`` of ``skp`` as "2015 … next year"; the date
columns of every kind get the bounds of ``kinds_people.TANGGAL_AWAL`` … ``TANGGAL_AKHIR``, and text
columns the length of their database column (``asn_metrics/db/schema.py``), which PostgreSQL
enforces at write time (``varchar(n)``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, String, select
from sqlalchemy.exc import DBAPIError

from asn_metrics import importer
from asn_metrics import reference as ref
from asn_metrics.db import schema as db
from asn_metrics.ingest import KIND_SPECS, kinds_markdown, read_table, template_csv, validate
from asn_metrics.ingest.kinds import TAHUN_AKHIR, TAHUN_AWAL, TANGGAL_AKHIR, TANGGAL_AWAL
from asn_metrics.ingest.schema import SHOWN_CHARACTERS
from asn_metrics.ingest.templates import petunjuk_rows
from tests import nasty_files as nf
from tests.test_import import AGENCIES, NOW, PEOPLE, snapshot, write

DATE_TYPES = ("date", "datetime")
ADVICE = (
    f"Periksa tahunnya, mungkin salah ketik: tanggal harus antara 1 Januari 1950 dan 31 Desember {TAHUN_AKHIR} "
    "(hari sebelum bulan, misalnya {example})."
)
LATEST = f"31 Desember {TAHUN_AKHIR}"


def errors(content: bytes, kind: str, name: str = "a.csv") -> list[tuple[int, str, str, str]]:
    result = validate(read_table(content, name, kind), kind)
    return [(p.baris, p.kolom, p.nilai, p.teks) for p in result.errors]


def template_row(kind: str, **cells: str) -> bytes:
    """The template's header and its example row (a valid row), with some cells replaced."""
    header, example = template_csv(kind).decode("utf-8-sig").splitlines()
    names, values = header.split(";"), example.split(";")
    assert set(cells) <= set(names)
    return nf.delimited([names, [cells.get(n, v) for n, v in zip(names, values, strict=True)]], ";")


def date_columns() -> list[tuple[str, str]]:
    return [(k, c.name) for k, spec in KIND_SPECS.items() for c in spec.columns if c.type in DATE_TYPES]


#: Text columns with a closed set of values of their own (rules.py): any other text is refused for that.
CLOSED_TEXTS = {("pegawai", "golongan")}


def text_columns() -> list[tuple[str, str, int]]:
    return [
        (k, c.name, c.max_length)
        for k, spec in KIND_SPECS.items()
        for c in spec.columns
        if c.max_length and (k, c.name) not in CLOSED_TEXTS
    ]


# --- dates: the declarations --------------------------------------------------------------------


def test_every_date_column_is_bounded_from_1950_to_the_end_of_next_year() -> None:
    """The bounds are declared once (kinds_people.py) and reach every date and date-time column."""
    assert dt.date(1950, 1, 1) == TANGGAL_AWAL
    assert TANGGAL_AKHIR == dt.date(dt.date.today().year + 1, 12, 31) == dt.date(TAHUN_AKHIR, 12, 31)
    columns = date_columns()
    assert len(columns) == 9  # pelatihan 2, disiplin 1, layanan 2, skm 1, pengaduan 3
    for kind, name in columns:
        column = KIND_SPECS[kind].by_name[name]
        assert (column.earliest, column.latest) == (TANGGAL_AWAL, TANGGAL_AKHIR), (kind, name)


def test_tahun_is_bounded_2015_to_next_year() -> None:
    """DATA_FORMATS.md "Kinds", skp: tahun is 2015 … next year; indikator's tahun shares the range."""
    for kind in ("skp", "indikator"):
        column = KIND_SPECS[kind].by_name["tahun"]
        assert (column.minimum, column.maximum) == (TAHUN_AWAL, TAHUN_AKHIR) == (2015, dt.date.today().year + 1)


def test_templates_and_docs_state_the_bounds() -> None:
    """The "pilihan / rentang" column of the Petunjuk sheet and of kinds_markdown() names the limits."""
    text = kinds_markdown()
    assert f"1 Januari 1950 – {LATEST}" in text
    assert "paling banyak 200 karakter" in text
    rows = {r[0]: r for r in petunjuk_rows(KIND_SPECS["pelatihan"])}
    assert rows["tanggal_mulai"][5] == f"1 Januari 1950 – {LATEST}"
    assert rows["nama_pelatihan"][5] == "paling banyak 300 karakter"


# --- dates: validation ------------------------------------------------------------------------


def test_implausible_dates_are_refused_with_line_value_and_advice() -> None:
    advice = ADVICE.format(example="03/11/2026")
    assert errors(nf.implausible_dates_pelatihan(), "pelatihan") == [
        (
            2,
            "tanggal_mulai",
            "01-01-1890",
            "Baris 2, kolom tanggal_mulai: tanggal 01-01-1890 terlalu awal (paling awal 1 Januari 1950). " + advice,
        ),
        (
            3,
            "tanggal_selesai",
            "05/11/2199",
            f"Baris 3, kolom tanggal_selesai: tanggal 05/11/2199 terlalu jauh ke depan (paling lambat {LATEST}). "
            + ADVICE.format(example="05/11/2026"),
        ),
        (
            5,
            "tanggal_mulai",
            "10000",
            "Baris 5, kolom tanggal_mulai: tanggal 10000 terlalu awal (paling awal 1 Januari 1950). " + advice,
        ),
    ]


def test_xlsx_date_cells_in_the_wrong_century_are_refused() -> None:
    found = errors(nf.xlsx_implausible_dates_disiplin(), "disiplin", "a.xlsx")
    assert [(b, k, n) for b, k, n, _ in found] == [(2, "tanggal", "1900-01-01"), (4, "tanggal", "2199-08-14")]
    assert "terlalu awal" in found[0][3] and "terlalu jauh ke depan" in found[1][3]


@pytest.mark.parametrize("kind", sorted({k for k, _ in date_columns()}))
def test_dates_on_the_bounds_pass_and_just_outside_are_refused(kind: str) -> None:
    """Every date column of every kind: the first and last accepted day pass, the days around them do not.

    All date columns of the row get the same value, so rules between them (end not before start) hold.
    """
    names = [n for k, n in date_columns() if k == kind]
    types = {n: KIND_SPECS[kind].by_name[n].type for n in names}

    def row(day: str, time: str) -> bytes:
        return template_row(kind, **{n: f"{day} {time}" if types[n] == "datetime" else day for n in names})

    assert errors(row("01/01/1950", "00:00"), kind) == []
    assert errors(row(f"31/12/{TAHUN_AKHIR}", "23:59:59"), kind) == []
    for day, time, words in [
        ("31/12/1949", "23:59", "terlalu awal"),
        ("01-01-1890", "08:00", "terlalu awal"),
        (f"01/01/{TAHUN_AKHIR + 1}", "00:00", "terlalu jauh ke depan"),
        ("2199-01-01", "10:00", "terlalu jauh ke depan"),
    ]:
        found = errors(row(day, time), kind)
        assert [(b, k) for b, k, _n, _t in found] == [(2, n) for n in names], day
        assert all(words in t and "Periksa tahunnya" in t for *_, t in found), found


@given(st.lists(st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)), min_size=1, max_size=40, unique=True))
@settings(max_examples=60, deadline=None)
def test_exactly_the_dates_outside_the_bounds_are_refused(days: list[dt.date]) -> None:
    rows = [[nf.NIP_L, f"{d:%d/%m/%Y}", "ringan"] for d in days]
    found = errors(nf.delimited([["nip", "tanggal", "tingkat"], *rows], ";"), "disiplin")
    expected = [i + 2 for i, d in enumerate(days) if not TANGGAL_AWAL <= d <= TANGGAL_AKHIR]
    assert [b for b, *_ in found] == expected


@pytest.mark.parametrize("kind", ["skp", "indikator"])
def test_tahun_beyond_next_year_is_refused(kind: str) -> None:
    assert errors(template_row(kind, tahun=str(TAHUN_AKHIR)), kind) == []
    found = errors(template_row(kind, tahun="2199"), kind)
    assert [(b, k, n) for b, k, n, _ in found] == [(2, "tahun", "2199")]
    assert found[0][3] == (
        f"Baris 2, kolom tahun: nilai 2199 di luar rentang 2015–{TAHUN_AKHIR}. Isi angka 2015–{TAHUN_AKHIR}."
    )


# --- text lengths: the declarations -------------------------------------------------------------


def _db_column(kind: str, name: str):  # type: ignore[no-untyped-def]
    table = db.KIND_TABLES[kind]
    if name in table.c:
        return table.c[name]
    return db.instansi.c.kode if name == "instansi_kode" else None


@pytest.mark.parametrize("kind", ref.KINDS)
def test_text_lengths_are_the_database_lengths(kind: str) -> None:
    """One source of truth: a text column's max_length is its varchar length in db/schema.py; columns
    whose values come from a list (or NIPs) fit their database column by construction."""
    for column in KIND_SPECS[kind].columns:
        db_column = _db_column(kind, column.name)
        length = getattr(db_column.type, "length", None) if db_column is not None else None
        if column.type == "text":
            assert db_column is not None, column.name
            assert column.max_length == (length if isinstance(db_column.type, String) else None), column.name
        elif length is not None and column.values:
            assert max(len(v) for v in column.values) <= length, column.name
        elif length is not None and column.type == "nip":
            assert length >= 18
    assert [c.name for c in KIND_SPECS[kind].columns if c.type == "text" and not c.max_length] == {
        "skm": ["saran"],
        "disiplin": ["keterangan"],
    }.get(kind, [])


# --- text lengths: validation -------------------------------------------------------------------


def test_too_long_texts_are_refused_with_length_maximum_and_advice() -> None:
    found = errors(nf.too_long_texts_instansi(), "instansi")
    assert [(b, k) for b, k, _n, _t in found] == [(3, "nama"), (4, "kode")]
    assert [t for *_, t in found] == [
        "Baris 3, kolom nama: teks terlalu panjang: 201 karakter, paling banyak 200. "
        "Singkat isi kolom nama menjadi paling banyak 200 karakter.",
        "Baris 4, kolom kode: teks terlalu panjang: 41 karakter, paling banyak 40. "
        "Singkat isi kolom kode menjadi paling banyak 40 karakter.",
    ]
    # The value is shown by its start only: a column of long texts must not blow up the report.
    assert found[0][2] == ("Badan Perencanaan " + "é" * 183)[:SHOWN_CHARACTERS] + "…"


@pytest.mark.parametrize(("kind", "name", "length"), text_columns(), ids=[f"{k}.{n}" for k, n, _ in text_columns()])
def test_every_text_column_accepts_its_length_and_refuses_one_more(kind: str, name: str, length: int) -> None:
    """Characters are counted as PostgreSQL counts them (é is one), after the spaces around are removed."""
    assert errors(template_row(kind, **{name: "é" * length}), kind) == []
    assert errors(template_row(kind, **{name: f"  {'a' * length}  "}), kind) == []
    found = errors(template_row(kind, **{name: "é" * (length + 1)}), kind)
    assert [(b, k) for b, k, _n, _t in found] == [(2, name)]
    assert f"teks terlalu panjang: {length + 1} karakter, paling banyak {length}." in found[0][3]
    assert f"Singkat isi kolom {name} menjadi paling banyak {length} karakter." in found[0][3]


def test_length_errors_name_every_line() -> None:
    rows = [["kode", "nama", "wilayah_kode"]] + [[f"17.U{i}", "n" * (199 + i % 3), "17"] for i in range(3000)]
    found = errors(nf.delimited(rows, ";"), "instansi")
    assert [b for b, *_ in found] == [i + 2 for i in range(3000) if i % 3 == 2]


# --- the database: a refused file changes nothing; the limits are the database's --------------


REFUSED: list[tuple[Callable[[], bytes], str, str]] = [
    (nf.implausible_dates_pelatihan, "pelatihan.csv", "pelatihan"),
    (nf.xlsx_implausible_dates_disiplin, "disiplin.xlsx", "disiplin"),
    (nf.too_long_texts_instansi, "instansi.csv", "instansi"),
]


@pytest.fixture
def staffed(any_engine: Engine) -> Engine:
    write(any_engine, AGENCIES, "instansi.csv")
    write(any_engine, PEOPLE, "pegawai.csv")
    return any_engine


@pytest.mark.parametrize(("make", "name", "kind"), REFUSED, ids=[r[2] for r in REFUSED])
def test_a_refused_file_changes_nothing(staffed: Engine, make: Callable[[], bytes], name: str, kind: str) -> None:
    before = snapshot(staffed)
    refused = importer.run(staffed, make(), kind, filename=name, pengguna="uji", sumber="cli", now=NOW)
    assert refused.status == "ditolak" and len(refused.errors)
    assert snapshot(staffed) == before


def test_the_longest_texts_and_the_boundary_dates_are_written(staffed: Engine) -> None:
    """What validation lets through, the database takes: on PostgreSQL varchar(n) counts characters too."""
    kode, nama = "17." + "K" * 37, "é" * 200
    agencies = nf.delimited([["kode", "nama", "wilayah_kode"], [kode, nama, "17"]], ";")
    write(staffed, agencies, "instansi2.csv")
    training = nf.delimited(
        [
            ["nip", "nama_pelatihan", "tanggal_mulai", "tanggal_selesai", "jp"],
            [nf.NIP_L, "ü" * 300, "01/01/1950", f"31/12/{TAHUN_AKHIR}", "24"],
        ],
        ";",
    )
    write(staffed, training, "pelatihan.csv")
    with staffed.connect() as conn:
        assert conn.execute(select(db.instansi.c.nama).where(db.instansi.c.kode == kode)).scalar_one() == nama
        stored = conn.execute(select(db.pelatihan.c.nama_pelatihan, db.pelatihan.c.tanggal_mulai)).one()
    assert stored[0] == "ü" * 300
    assert pd.Timestamp(stored[1]).date() == TANGGAL_AWAL
    if staffed.dialect.name == "postgresql":  # the failure validation prevents: PostgreSQL refuses 201
        with pytest.raises(DBAPIError), staffed.begin() as conn:
            conn.execute(db.instansi.insert().values(kode="17.PANJANG", nama="é" * 201, wilayah_kode="17"))
