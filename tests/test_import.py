"""Imports into a real database: all or nothing, upsert, identical files, exact undo (DATA_FORMATS.md)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable

import pytest
from sqlalchemy import Engine, func, select

from asn_metrics import importer, ingest
from asn_metrics.db import schema
from asn_metrics.ingest.issues import problems_from
from asn_metrics.nip import make_nip
from asn_metrics.store.upsert import UndoRefused, undo_batch
from tests import nasty_files as nf

NOW = dt.datetime(2026, 11, 27, 10, 0)

AGENCIES = nf.delimited(
    [
        ["kode", "nama", "wilayah_kode", "jenis", "induk_kode"],
        ["17.DUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil Provinsi Bengkulu", "17", "dinas", ""],
        ["17.DUKCAPIL.PIAK", "Bidang Pelayanan Pendaftaran Penduduk", "17", "lainnya", "17.DUKCAPIL"],
        ["17.04.DUKCAPIL", "Disdukcapil Kabupaten Kaur", "17.04", "dinas", ""],
    ],
    ";",
)
PEOPLE = nf.delimited(
    [
        ["nip", "nama", "instansi_kode", "status", "jenis_jabatan"],
        [nf.NIP_L, "Budi Santoso", "17.DUKCAPIL", "PNS", "pelaksana"],
        [nf.NIP_P, "Sari Dewi", "17.DUKCAPIL", "PNS", "fungsional"],
        [nf.NIP_L2, "Ahmad", "17.04.DUKCAPIL", "PNS", "pengawas"],
        [nf.NIP_PPPK, "Rina", "17.04.DUKCAPIL", "PPPK", "fungsional"],
    ],
    ";",
)


# The validity log (DOMAIN.md §9): a refused upload is counted there on purpose; every other table is data.
VALIDITY_LOG = "unggah_mutu"
#: The audit log records every import and undo by design (append-only): not data either.
AUDIT_LOG = "audit"
DATA_TABLES = [
    t for t in schema.metadata.sorted_tables if t.name not in ("import_batch", "batch_change", VALIDITY_LOG, AUDIT_LOG)
]


def snapshot(engine: Engine) -> str:
    """Every row of every table but the validity log, as one digest: equal snapshots mean no data changed."""
    digest = hashlib.sha256()
    with engine.connect() as conn:
        for table in schema.metadata.sorted_tables:
            if table.name in (VALIDITY_LOG, AUDIT_LOG):
                continue
            for row in conn.execute(select(table).order_by(*table.primary_key.columns)):
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def load(engine: Engine, content: bytes, name: str, kind: str | None = None) -> importer.Outcome:
    """The dry run of a file: what it would do, nothing written."""
    return importer.run(engine, content, kind, filename=name, dry_run=True, pengguna="uji", sumber="cli", now=NOW)


def write(engine: Engine, content: bytes, name: str, kind: str | None = None) -> importer.Outcome:
    done = importer.run(engine, content, kind, filename=name, pengguna="uji", sumber="cli", now=NOW)
    assert done.status == "diimpor", done.messages()
    return done


def stream(engine: Engine, path, kind: str, **options) -> importer.Outcome:
    """A file on disk, as the CLI imports it."""
    return importer.run(engine, path, kind, pengguna="uji", sumber="cli", now=NOW, **options)


@pytest.fixture
def staffed(any_engine: Engine) -> Engine:
    write(any_engine, AGENCIES, "instansi.csv")
    write(any_engine, PEOPLE, "pegawai.csv")
    return any_engine


def test_parents_and_children_in_one_file_and_ids_resolved(staffed: Engine) -> None:
    with staffed.connect() as conn:
        child = conn.execute(select(schema.instansi).where(schema.instansi.c.kode == "17.DUKCAPIL.PIAK")).one()
        assert child.induk_kode == "17.DUKCAPIL"
        people = conn.execute(select(schema.pegawai.c.nip, schema.pegawai.c.jenis_kelamin)).all()
    # DATA_FORMATS.md pegawai: jenis_kelamin derived from the NIP when blank.
    assert dict(people) == {nf.NIP_L: "L", nf.NIP_P: "P", nf.NIP_L2: "L", nf.NIP_PPPK: "L"}


REFUSED: list[tuple[str, Callable[[], bytes], str, str, list[str]]] = [
    ("mangled-nips", nf.mangled_nips_csv, "skp.csv", "skp", ["Baris 3, kolom nip", "Baris 4, kolom nip"]),
    ("xlsx-title-rows", nf.xlsx_titles_blank_row, "skm.xlsx", "skm", ["Baris 7, kolom u5"]),
    ("out-of-range", nf.out_of_range_skm, "skm.csv", "skm", ["Baris 3, kolom u5", "Baris 3, kolom u9"]),
    ("end-before-start", nf.end_before_start_layanan, "layanan.csv", "layanan", ["Baris 3"]),
    ("unknown-agency", nf.unknown_codes_pegawai, "pegawai.csv", "pegawai", ["Baris 3, kolom instansi_kode"]),
    ("duplicate-key", nf.duplicates_skp, "skp.csv", "skp", ["Baris 4"]),
]


@pytest.mark.parametrize(("case", "make", "name", "kind", "fragments"), REFUSED, ids=[r[0] for r in REFUSED])
def test_a_refused_file_changes_nothing(
    staffed: Engine, case: str, make: Callable[[], bytes], name: str, kind: str, fragments: list[str]
) -> None:
    before = snapshot(staffed)
    refused = importer.run(staffed, make(), kind, filename=name, pengguna="uji", sumber="cli", now=NOW)
    assert refused.status == "ditolak" and not refused.ok
    messages = " | ".join(refused.messages())
    for fragment in fragments:
        assert fragment in messages
    assert snapshot(staffed) == before
    report = importer.error_report(make(), kind, refused.errors, name).decode("utf-8-sig")
    assert report.splitlines()[0].endswith("kesalahan")


def test_unknown_agencies_are_named_for_the_page_to_offer(staffed: Engine) -> None:
    prepared = load(staffed, nf.unknown_codes_pegawai(), "pegawai.csv")
    assert prepared.instansi_tidak_dikenal == ("17.TIDAKADA",)


@pytest.mark.parametrize("make", [nf.binary_garbage, nf.empty_file, nf.header_only, nf.broken_xlsx, nf.pdf])
def test_unreadable_files_raise_a_clear_message(staffed: Engine, make: Callable[[], bytes]) -> None:
    name = "berkas.xlsx" if make in (nf.broken_xlsx,) else "berkas.pdf" if make is nf.pdf else "berkas.csv"
    with pytest.raises(ingest.UnreadableFile) as caught:
        load(staffed, make(), name, "skp")
    assert len(str(caught.value)) > 20
    assert "Traceback" not in str(caught.value)


SKP_2025 = nf.delimited(
    [
        nf.SKP_HEADER,
        [nf.NIP_L, "2025", "tahunan", "di atas ekspektasi", "DIATAS EKSPEKTASI"],
        [nf.NIP_P, "2025", "TW I", "sesuai", "bawah"],
        [nf.NIP_L2, "2025", "Desember", "bawah", "bawah"],
    ]
)
SKP_2025_REVISED = nf.delimited(
    [
        nf.SKP_HEADER,
        [nf.NIP_L, "2025", "tahunan", "sesuai", "atas"],  # changed: Sangat Baik → Baik
        [nf.NIP_P, "2025", "tw1", "sesuai", "bawah"],  # unchanged (same period, other spelling)
        [nf.NIP_PPPK, "2025", "tahunan", "atas", "sesuai"],  # new
    ],
    ";",
)


def _predikat(engine: Engine) -> dict[tuple[str, str], str]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(schema.pegawai.c.nip, schema.skp.c.periode, schema.skp.c.predikat).join(
                schema.pegawai, schema.pegawai.c.id == schema.skp.c.pegawai_id
            )
        ).all()
    return {(r.nip, r.periode): r.predikat for r in rows}


def test_upsert_counts_and_predikat_from_the_matrix(staffed: Engine) -> None:
    first = write(staffed, SKP_2025, "skp.csv")
    assert (first.baru, first.diubah, first.tetap) == (3, 0, 0)
    # DOMAIN.md §1 matrix: (atas, atas) Sangat Baik; (sesuai, bawah) Kurang/Misconduct; (bawah, bawah) Sangat Kurang.
    assert _predikat(staffed) == {
        (nf.NIP_L, "tahunan"): "Sangat Baik",
        (nf.NIP_P, "tw1"): "Kurang/Misconduct",
        (nf.NIP_L2, "b12"): "Sangat Kurang",
    }
    second = write(staffed, SKP_2025_REVISED, "skp-revisi.csv")
    assert (second.baru, second.diubah, second.tetap) == (1, 1, 1)
    assert _predikat(staffed)[(nf.NIP_L, "tahunan")] == "Baik"
    assert _predikat(staffed)[(nf.NIP_PPPK, "tahunan")] == "Baik"


def test_identical_file_is_recognised_and_changes_nothing(staffed: Engine) -> None:
    first = write(staffed, SKP_2025, "skp.csv")
    before = snapshot(staffed)
    again = load(staffed, SKP_2025, "skp-lagi.csv")
    assert again.sebelumnya is not None and again.sebelumnya["id"] == first.batch_id
    message = again.already_imported_message() or ""
    assert f"#{first.batch_id}" in message and "27-11-2026 10:00" in message
    assert snapshot(staffed) == before


def test_undo_restores_the_data_exactly(staffed: Engine) -> None:
    write(staffed, SKP_2025, "skp.csv")
    before = snapshot(staffed)
    predikat_before = _predikat(staffed)
    revised = write(staffed, SKP_2025_REVISED, "skp-revisi.csv")
    assert _predikat(staffed) != predikat_before
    result = undo_batch(staffed, revised.batch_id, now=NOW)
    assert result == {"dihapus": 1, "dipulihkan": 1}
    assert _predikat(staffed) == predikat_before
    with staffed.connect() as conn:
        undone = conn.execute(select(schema.import_batch).where(schema.import_batch.c.id == revised.batch_id)).one()
    assert undone.dibatalkan_pada == NOW
    assert snapshot(staffed) != before  # the history records the undo ...


def _tables(engine: Engine, tables: list) -> dict[str, list[tuple]]:
    with engine.connect() as conn:
        return {t.name: [tuple(r) for r in conn.execute(select(t).order_by(*t.primary_key.columns))] for t in tables}


def test_undo_round_trip_compares_rows_exactly(staffed: Engine) -> None:
    # ... while every data table returns to exactly its rows before the batch.
    data_tables = DATA_TABLES
    write(staffed, SKP_2025, "skp.csv")
    before = _tables(staffed, data_tables)
    revised = write(staffed, SKP_2025_REVISED, "skp-revisi.csv")
    assert _tables(staffed, data_tables) != before
    undo_batch(staffed, revised.batch_id, now=NOW)
    assert _tables(staffed, data_tables) == before


def test_only_the_latest_batch_of_a_kind_can_be_undone(staffed: Engine) -> None:
    first = write(staffed, SKP_2025, "skp.csv")
    write(staffed, SKP_2025_REVISED, "skp-revisi.csv")
    with pytest.raises(UndoRefused, match="terakhir"):
        undo_batch(staffed, first.batch_id, now=NOW)


def test_undo_refuses_when_other_data_depends_on_it(staffed: Engine) -> None:
    write(staffed, SKP_2025, "skp.csv")
    with staffed.connect() as conn:
        people_batch = conn.scalar(select(schema.import_batch.c.id).where(schema.import_batch.c.jenis == "pegawai"))
    before = snapshot(staffed)
    with pytest.raises(UndoRefused, match="merujuk"):
        undo_batch(staffed, people_batch, now=NOW)
    assert snapshot(staffed) == before


def test_survey_rows_without_respondent_id_are_keyed_by_file_and_row(staffed: Engine) -> None:
    survey = nf.delimited(
        [
            ["instansi_kode", "tanggal", *(f"u{i}" for i in range(1, 10))],
            ["17.DUKCAPIL", "27 Agustus 2025", *["3"] * 9],
            ["17.DUKCAPIL", "28 Agu 2025", *["4"] * 9],
        ],
        ";",
    )
    assert write(staffed, survey, "skm-agustus.csv").baru == 2
    changed = survey.replace(b"28 Agu", b"29 Agu")
    assert write(staffed, changed, "skm-agustus-2.csv").baru == 2  # another file: other responses
    with staffed.connect() as conn:
        assert len(conn.execute(select(schema.skm.c.sumber_baris)).all()) == 4


def test_history_json_lists_batches(staffed: Engine) -> None:
    from asn_metrics.store import load_batches

    batches = load_batches(staffed)
    assert list(batches["jenis"]) == ["pegawai", "instansi"]
    assert json.loads(batches.to_json(orient="records", date_format="iso"))[0]["baris_baru"] == 4


def _many_skp(count: int, *, bad_line: int | None = None) -> bytes:
    """``count`` annual and quarterly ratings of the four test employees over the years."""
    people = [nf.NIP_L, nf.NIP_P, nf.NIP_L2, nf.NIP_PPPK]
    periods = ["tahunan", "tw1", "tw2", "tw3", "tw4"]
    rows: list[list[object]] = [nf.SKP_HEADER]
    for i in range(count):
        year = 2022 + (i // (len(people) * len(periods))) % 4
        row = [people[i % 4], str(year), periods[(i // 4) % 5], "sesuai", "atas"]
        rows.append(row)
    if bad_line is not None:
        rows[bad_line - 1][4] = "luar biasa"
    return nf.delimited(rows, ";")


def test_chunked_import_is_all_or_nothing_across_chunks(staffed: Engine, tmp_path) -> None:
    path = tmp_path / "skp-besar.csv"
    path.write_bytes(_many_skp(80, bad_line=75))  # the error sits in the last of several chunks
    before = snapshot(staffed)
    outcome = stream(staffed, path, "skp", chunk_rows=10)
    assert outcome.status == "ditolak"
    assert list(outcome.errors["baris"]) == [75]
    assert snapshot(staffed) == before
    path.write_bytes(_many_skp(80))
    outcome = stream(staffed, path, "skp", chunk_rows=10)
    assert outcome.status == "diimpor"
    assert (outcome.baru, outcome.rows) == (80, 80)
    assert outcome.batch_id > 0
    again = stream(staffed, path, "skp", chunk_rows=10)
    assert again.status == "sudah_diimpor"


def test_chunked_import_finds_duplicates_in_different_chunks(staffed: Engine, tmp_path) -> None:
    content = _many_skp(20) + f"{nf.NIP_L};2022;tahunan;atas;atas\n".encode()
    path = tmp_path / "skp-ganda.csv"
    path.write_bytes(content)
    outcome = stream(staffed, path, "skp", chunk_rows=5)
    assert outcome.status == "ditolak"
    assert list(outcome.errors["baris"]) == [22]
    assert "baris 2" in outcome.errors["pesan"].iloc[0]


def test_an_existing_agency_can_move_under_a_parent_added_by_the_same_file(staffed: Engine) -> None:
    # DATA_FORMATS.md instansi: induk_kode may name an agency in the same file.
    moved = nf.delimited(
        [
            ["kode", "nama", "wilayah_kode", "induk_kode"],
            ["17.04.DUKCAPIL", "Disdukcapil Kabupaten Kaur", "17.04", "17.04.SETDA"],
            ["17.04.SETDA", "Sekretariat Daerah Kabupaten Kaur", "17.04", ""],
        ],
        ";",
    )
    result = write(staffed, moved, "instansi-2.csv")
    assert (result.baru, result.diubah) == (1, 1)
    with staffed.connect() as conn:
        parent = conn.scalar(select(schema.instansi.c.induk_kode).where(schema.instansi.c.kode == "17.04.DUKCAPIL"))
    assert parent == "17.04.SETDA"


def test_header_and_total_row_only_is_unreadable_in_chunks_too(staffed: Engine, tmp_path) -> None:
    path = tmp_path / "kosong.csv"
    path.write_bytes(nf.delimited([nf.SKP_HEADER, ["Jumlah", "", "", "", ""]], ";"))
    before = snapshot(staffed)
    with pytest.raises(ingest.UnreadableFile):
        stream(staffed, path, "skp")
    assert snapshot(staffed) == before
    # The same with blank lines enough for several chunks: read in the child process, raised here.
    path.write_bytes(nf.delimited([nf.SKP_HEADER, *[[""] * 5] * 30, ["Jumlah", "", "", "", ""]], ";"))
    with pytest.raises(ingest.UnreadableFile, match="hanya berisi judul kolom"):
        stream(staffed, path, "skp", chunk_rows=5)
    assert snapshot(staffed) == before


def test_mac_csv_with_carriage_returns_only(staffed: Engine) -> None:
    content = SKP_2025.replace(b"\n", b"\r")
    checked = load(staffed, content, "skp-mac.csv")
    assert checked.ok, checked.messages()
    assert checked.rows == 3 and (checked.baru, checked.diubah, checked.tetap) == (3, 0, 0)


def test_a_file_of_several_chunks_meeting_existing_keys_is_merged_and_undone(staffed: Engine, tmp_path) -> None:
    # DATA_FORMATS.md "Idempotent": upsert on the natural key. Rows 61-80 (2025) already exist with other
    # ratings: the first chunks are new, the last ones update, and undo still restores the earlier values exactly.
    data_tables = DATA_TABLES
    lines = _many_skp(80).decode().splitlines()
    old = [lines[0], *(line.replace(";sesuai;atas", ";atas;atas") for line in lines[61:])]
    write(staffed, ("\n".join(old) + "\n").encode(), "skp-2025.csv", "skp")
    before = _tables(staffed, data_tables)
    path = tmp_path / "skp-semua.csv"
    path.write_bytes(_many_skp(80))
    outcome = stream(staffed, path, "skp", chunk_rows=10)
    assert (outcome.baru, outcome.diubah, outcome.tetap) == (60, 20, 0)
    with staffed.connect() as conn:
        ratings = conn.execute(select(schema.skp.c.rating_hasil_kerja).distinct()).scalars().all()
    assert ratings == ["Sesuai Ekspektasi"]
    undo_batch(staffed, outcome.batch_id, now=NOW)
    assert _tables(staffed, data_tables) == before


def test_a_value_shared_by_every_row_is_stored_exactly(staffed: Engine) -> None:
    # On SQLite a column with one value throughout is written as an SQL literal: quotes must survive,
    # and the value must compare equal to a bound one, so a re-import with other rows is "unchanged".
    jabatan = "Analis SDM Aparatur 'Ahli' Muda (O'Brien)"
    nips = [make_nip(dt.date(1990, 1, day), 2015, 3, "L", day) for day in (1, 2, 3)]
    rows = [["nip", "nama", "instansi_kode", "status", "jabatan"]]
    rows += [[nip, f"Pegawai {i}", "17.DUKCAPIL", "PNS", jabatan] for i, nip in enumerate(nips)]
    first = write(staffed, nf.delimited(rows, ";"), "pegawai-jabatan.csv")
    assert (first.baru, first.diubah) == (3, 0)
    with staffed.connect() as conn:
        stored = conn.execute(select(schema.pegawai.c.jabatan).where(schema.pegawai.c.nip.in_(nips))).scalars().all()
    assert stored == [jabatan] * 3
    rows[1][1] = "Nama Baru"
    again = write(staffed, nf.delimited(rows, ";"), "pegawai-jabatan-2.csv")
    assert (again.baru, again.diubah, again.tetap) == (0, 1, 2)


def test_a_column_the_file_lacks_keeps_its_stored_value(staffed: Engine, tmp_path) -> None:
    # DATA_FORMATS.md "Idempotent": a row whose key exists is updated with what the file says; a column the
    # file does not have says nothing, so it must not reset the stored value (aktif would default to "ya"
    # and reactivate a retired employee, jabatan would be emptied). New rows get the default.
    detail = [["nip", "nama", "instansi_kode", "aktif", "jabatan"]]
    detail += [[nf.NIP_P, "Sari Dewi", "17.DUKCAPIL", "tidak", "Analis Kependudukan"]]
    write(staffed, nf.delimited(detail, ";"), "pegawai-detail.csv")
    newcomer = make_nip(dt.date(1995, 5, 5), 2020, 1, "P", 7)
    short = [["nip", "nama", "instansi_kode"], [nf.NIP_P, "Sari Dewi Lestari", "17.DUKCAPIL"]]
    short += [[newcomer, "Pegawai Baru", "17.DUKCAPIL"]]
    for how in ("page", "cli"):
        if how == "page":
            result = write(staffed, nf.delimited(short, ";"), "pegawai-singkat.csv")
        else:
            path = tmp_path / "pegawai-singkat.csv"
            path.write_bytes(nf.delimited([*short, [nf.NIP_L, "Budi Santoso", "17.DUKCAPIL"]], ";"))
            result = stream(staffed, path, "pegawai", chunk_rows=1)
        people = schema.pegawai.c
        with staffed.connect() as conn:
            rows = {r.nip: r for r in conn.execute(select(people.nip, people.nama, people.aktif, people.jabatan))}
        assert (rows[nf.NIP_P].nama, rows[nf.NIP_P].aktif, rows[nf.NIP_P].jabatan) == (
            "Sari Dewi Lestari",
            False,
            "Analis Kependudukan",
        )
        assert (rows[newcomer].aktif, rows[newcomer].jabatan) == (True, None)
        if how == "page":
            assert (result.baru, result.diubah) == (1, 1)
            undo_batch(staffed, result.batch_id, now=NOW)
        else:
            assert (result.baru, result.diubah, result.tetap) == (1, 1, 1)


def test_a_big_agency_file_may_name_a_parent_further_down(any_engine: Engine, tmp_path) -> None:
    # DATA_FORMATS.md "Kinds": induk_kode names an agency in the database or in the same file, wherever
    # in the file it is, so the streaming import reads agency files whole (chunk_rows is ignored for them).
    rows = [["kode", "nama", "wilayah_kode", "induk_kode"]]
    rows += [[f"17.DUKCAPIL.U{i}", f"Unit {i}", "17", "17.DUKCAPIL"] for i in range(30)]
    rows += [["17.DUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil Provinsi Bengkulu", "17", ""]]
    path = tmp_path / "instansi.csv"
    path.write_bytes(nf.delimited(rows, ";"))
    outcome = stream(any_engine, path, "instansi", chunk_rows=5)
    assert outcome.status == "diimpor", outcome.errors.to_dict("records")
    assert outcome.baru == 31
    with any_engine.connect() as conn:
        parents = set(conn.execute(select(schema.instansi.c.induk_kode).distinct()).scalars())
    assert parents == {None, "17.DUKCAPIL"}


def test_a_float_shared_by_every_row_compares_equal_on_re_import(staffed: Engine) -> None:
    # SQLite reads some float literals one bit off the bound double; such a column must stay bound, or the
    # second file (the same targets plus one row) would count A and B as changed.
    header = ["instansi_kode", "tahun", "indikator", "target"]
    value = "4781088229.261271"
    first = [header, ["17.DUKCAPIL", "2025", "A", value], ["17.DUKCAPIL", "2025", "B", value]]
    write(staffed, nf.delimited(first, ";"), "indikator-a.csv", "indikator")
    second = write(staffed, nf.delimited([*first, ["17.DUKCAPIL", "2025", "C", "1"]], ";"), "b.csv", "indikator")
    assert (second.baru, second.diubah, second.tetap) == (1, 0, 2)


def test_the_same_anonymous_survey_written_twice_is_stored_once(
    staffed: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    # DATA_FORMATS.md "Idempotent": survey rows without responden_id are keyed by file and row, a key no
    # unique constraint enforces. The same bytes again are recognised; and two sessions that both looked for
    # an earlier import of the file before either wrote it (two tabs, the page and the CLI) still store it once.
    rows = [["instansi_kode", "tanggal", *[f"u{i}" for i in range(1, 10)]]]
    rows += [["17.DUKCAPIL", "03/11/2026", *["3"] * 9] for _ in range(3)]
    content = nf.delimited(rows, ";")
    assert (write(staffed, content, "skm.csv", "skm").baru, load(staffed, content, "skm.csv", "skm").status) == (
        3,
        "sudah_diimpor",
    )
    monkeypatch.setattr(importer, "previous_import", lambda *_: None)
    again = write(staffed, content, "skm.csv", "skm")
    assert (again.baru, again.diubah, again.tetap) == (0, 0, 3)
    with staffed.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(schema.skm)) == 3


def _service(engine: Engine, nomor: str) -> tuple:
    t = schema.layanan.c
    with engine.connect() as conn:
        return tuple(conn.execute(select(t.tanggal_selesai, t.durasi_jam, t.status).where(t.nomor == nomor)).one())


def test_computed_columns_follow_their_inputs_on_update(staffed: Engine) -> None:
    # DATA_FORMATS.md layanan: status from tanggal_selesai when not given; durasi from the two times.
    header = ["instansi_kode", "nomor", "jenis_layanan", "tanggal_masuk", "tanggal_selesai"]
    write(staffed, nf.delimited([header, ["17.DUKCAPIL", "R-1", "ktp_el", "27/11/2025 08:30", ""]], ";"), "a.csv")
    assert _service(staffed, "R-1") == (None, None, "proses")
    # Re-exported when finished, still without a status column: the status follows the new end time.
    done = [header, ["17.DUKCAPIL", "R-1", "ktp_el", "27/11/2025 08:30", "27/11/2025 10:30"]]
    write(staffed, nf.delimited(done, ";"), "b.csv")
    assert _service(staffed, "R-1") == (dt.datetime(2025, 11, 27, 10, 30), 2.0, "selesai")
    # A file without the end time says nothing about it: end, duration and status stay as stored.
    short = [header[:4], ["17.DUKCAPIL", "R-1", "akta_kelahiran", "27/11/2025 08:30"]]
    write(staffed, nf.delimited(short, ";"), "c.csv", "layanan")
    assert _service(staffed, "R-1") == (dt.datetime(2025, 11, 27, 10, 30), 2.0, "selesai")


def test_a_table_column_no_upload_fills_is_never_reset(staffed: Engine) -> None:
    header = ["instansi_kode", "tahun", "indikator", "target", "arah"]
    write(staffed, nf.delimited([header, ["17.DUKCAPIL", "2025", "Antrean", "30", "turun"]], ";"), "a.csv")
    t = schema.indikator.c
    with staffed.begin() as conn:  # set by an administrator, not by uploads
        conn.execute(schema.indikator.update().values(metode_turun="rasio"))
    write(staffed, nf.delimited([header, ["17.DUKCAPIL", "2025", "Antrean", "25", "turun"]], ";"), "b.csv")
    with staffed.connect() as conn:
        assert conn.execute(select(t.target, t.metode_turun)).one() == (25.0, "rasio")


def test_a_database_error_while_writing_is_a_clear_message_and_writes_nothing(staffed: Engine, tmp_path) -> None:
    with staffed.begin() as conn:  # any non-integrity failure of the database while rows are written
        if staffed.dialect.name == "sqlite":
            conn.exec_driver_sql("CREATE TRIGGER rusak BEFORE INSERT ON skp BEGIN SELECT fungsi_tidak_ada(); END")
        else:
            conn.exec_driver_sql(
                "CREATE FUNCTION rusak() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN RAISE EXCEPTION 'fungsi_tidak_ada'; END $$"
            )
            conn.exec_driver_sql("CREATE TRIGGER rusak BEFORE INSERT ON skp FOR EACH ROW EXECUTE FUNCTION rusak()")
    before = snapshot(staffed)
    path = tmp_path / "skp.csv"
    path.write_bytes(_many_skp(40))
    with pytest.raises(importer.ImportFailed, match=r"basis data menolak penyimpanan .*fungsi_tidak_ada"):
        stream(staffed, path, "skp", chunk_rows=10)
    assert snapshot(staffed) == before
    # The upload page's bytes say the same; their dry run writes nothing, so it passes.
    assert load(staffed, _many_skp(40), "skp.csv", "skp").status == "valid"
    with pytest.raises(importer.ImportFailed, match=r"basis data menolak penyimpanan .*fungsi_tidak_ada"):
        importer.run(staffed, _many_skp(40), "skp", filename="skp.csv", pengguna="uji", sumber="unggah", now=NOW)
    assert snapshot(staffed) == before


@pytest.mark.parametrize("existing", [False, True], ids=["fresh", "merged"])
def test_an_employee_deleted_after_the_file_was_checked_refuses_the_import(
    staffed: Engine, tmp_path, monkeypatch: pytest.MonkeyPatch, existing: bool
) -> None:
    # The file is checked against the references read when the import starts; an employee removed (an undone
    # batch, say) between that read and the merge is caught by the database's own foreign keys, and the whole
    # import is refused, for a fresh load and for a file that meets existing keys alike.
    if existing:
        write(staffed, _many_skp(4), "skp-awal.csv", "skp")
    real = importer.references.load_references

    def stale(engine: Engine) -> tuple[object, object]:
        loaded = real(engine)  # the references still name Sari Dewi ...
        with engine.begin() as conn:  # ... who is removed before the rows are written
            conn.execute(schema.skp.delete().where(schema.skp.c.pegawai_id == _employee_id(conn, nf.NIP_P)))
            conn.execute(schema.pegawai.delete().where(schema.pegawai.c.nip == nf.NIP_P))
        return loaded

    monkeypatch.setattr(importer.references, "load_references", stale)
    path = tmp_path / "skp.csv"
    path.write_bytes(_many_skp(40))
    with pytest.raises(importer.ImportFailed, match="dibatalkan seluruhnya karena data di basis data berubah"):
        stream(staffed, path, "skp", chunk_rows=10)
    with staffed.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(schema.skp)) == (3 if existing else 0)
        assert conn.scalar(select(func.count()).select_from(schema.import_batch)) == (3 if existing else 2)


def _employee_id(conn, nip: str) -> int | None:
    return conn.scalar(select(schema.pegawai.c.id).where(schema.pegawai.c.nip == nip))


def test_errors_in_the_first_and_later_chunks_are_all_reported(staffed: Engine, tmp_path) -> None:
    # Errors in the first chunk, in a later one, and a key of the first chunk repeated later are all reported
    # with their lines; nothing is written.
    rows = _many_skp(40).decode().splitlines()
    rows[2] = rows[2].replace(";atas", ";luar biasa")  # line 3, first chunk
    rows[30] = rows[30].replace(";atas", ";luar biasa")  # line 31, a later chunk
    rows.append(rows[1])  # line 42 repeats line 2's key
    path = tmp_path / "skp.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    before = snapshot(staffed)
    outcome = stream(staffed, path, "skp", chunk_rows=10)
    assert outcome.status == "ditolak" and outcome.rows == 41
    found = sorted(zip(outcome.errors["baris"], outcome.errors["pesan"], strict=True))
    assert [b for b, _ in found] == [3, 31, 42]
    assert "sama kuncinya dengan baris 2" in found[2][1]
    assert snapshot(staffed) == before


def _rows(header: str, *rows: str) -> bytes:
    return "\n".join([header, *rows, ""]).encode("utf-8")


_U = ";".join(["3"] * 9)
#: kind, the table's column that the revision changes, first file, revised file (first row changed, second row
#: the same, third row new), the changed value as stored.
UPSERTS = [
    (
        "pengaduan",
        "kategori",
        _rows(
            "instansi_kode;nomor;tanggal_masuk;kategori",
            "17.DUKCAPIL;LAPOR-1;01/11/2025 10:00;Pelayanan",
            "17.DUKCAPIL;LAPOR-2;02/11/2025 10:00;Pelayanan",
        ),
        _rows(
            "instansi_kode;nomor;tanggal_masuk;kategori",
            "17.DUKCAPIL;LAPOR-1;01/11/2025 10:00;Infrastruktur",
            "17.DUKCAPIL;LAPOR-2;02/11/2025 10:00;Pelayanan",
            "17.DUKCAPIL;LAPOR-3;03/11/2025 10:00;Pelayanan",
        ),
        "Infrastruktur",
    ),
    (
        "pelatihan",
        "jp",
        _rows(
            "nip;nama_pelatihan;tanggal_mulai;tanggal_selesai;jp",
            f"{nf.NIP_L};Pelayanan Prima;03/11/2025;05/11/2025;24",
            f"{nf.NIP_P};Pelayanan Prima;03/11/2025;05/11/2025;24",
        ),
        _rows(
            "nip;nama_pelatihan;tanggal_mulai;tanggal_selesai;jp",
            f"{nf.NIP_L};Pelayanan Prima;03/11/2025;05/11/2025;32",
            f"{nf.NIP_P};Pelayanan Prima;03/11/2025;05/11/2025;24",
            f"{nf.NIP_L2};Pelayanan Prima;03/11/2025;05/11/2025;24",
        ),
        32.0,
    ),
    (
        "disiplin",
        "tingkat",
        _rows("nip;tanggal;tingkat", f"{nf.NIP_L};14/08/2025;ringan", f"{nf.NIP_P};15/08/2025;ringan"),
        _rows(
            "nip;tanggal;tingkat",
            f"{nf.NIP_L};14/08/2025;sedang",
            f"{nf.NIP_P};15/08/2025;ringan",
            f"{nf.NIP_L2};16/08/2025;ringan",
        ),
        "sedang",
    ),
    (
        "skm",
        "u1",
        _rows(
            f"instansi_kode;tanggal;{';'.join(f'u{i}' for i in range(1, 10))};responden_id",
            f"17.DUKCAPIL;27/11/2025;{_U};R-1",
            f"17.DUKCAPIL;27/11/2025;{_U};R-2",
        ),
        _rows(
            f"instansi_kode;tanggal;{';'.join(f'u{i}' for i in range(1, 10))};responden_id",
            f"17.DUKCAPIL;27/11/2025;4;{_U[2:]};R-1",
            f"17.DUKCAPIL;27/11/2025;{_U};R-2",
            f"17.DUKCAPIL;27/11/2025;{_U};R-3",
        ),
        4,
    ),
]


@pytest.mark.parametrize(("kind", "column", "first", "revised", "changed"), UPSERTS, ids=[u[0] for u in UPSERTS])
def test_a_revised_file_updates_by_its_natural_key_and_undo_restores(
    staffed: Engine, kind: str, column: str, first: bytes, revised: bytes, changed: object
) -> None:
    # DATA_FORMATS.md "Idempotent": a row whose key exists is updated, not duplicated; undo restores exactly.
    done = write(staffed, first, f"{kind}.csv", kind)
    assert (done.baru, done.diubah, done.tetap) == (2, 0, 0)
    data_tables = DATA_TABLES
    before = _tables(staffed, data_tables)
    again = write(staffed, revised, f"{kind}-revisi.csv", kind)
    assert (again.baru, again.diubah, again.tetap) == (1, 1, 1)
    table = schema.KIND_TABLES[kind]
    with staffed.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(table)) == 3
        first_row = conn.execute(select(table.c[column]).order_by(table.c.id).limit(1)).scalar_one()
    assert first_row == changed
    undo_batch(staffed, again.batch_id, now=NOW)
    assert _tables(staffed, data_tables) == before


def test_progress_follows_the_file_to_done(staffed: Engine, tmp_path) -> None:
    # A text file's progress follows its bytes, a workbook's its rows (not the newline bytes of its zip, which
    # once made a 30,000-row workbook jump to 90 % at its first chunk).
    steps: list[tuple[float, str]] = []
    path = tmp_path / "skp.csv"
    path.write_bytes(_many_skp(80))
    stream(staffed, path, "skp", chunk_rows=10, progress=lambda fraction, step: steps.append((fraction, step)))
    fractions = [f for f, _ in steps]
    assert fractions == sorted(fractions) and steps[-1] == (1.0, "Selesai")
    assert len([f for f in fractions if f < 0.9]) >= 7  # one step per chunk while reading
    steps.clear()
    workbook = importer.run(
        staffed,
        nf.xlsx_titles_blank_row(),
        "skm",
        filename="skm.xlsx",
        dry_run=True,
        pengguna="uji",
        sumber="cli",
        chunk_rows=1,
        progress=lambda fraction, step: steps.append((fraction, step)),
    )
    assert workbook.status == "ditolak"  # its row 7 is out of range: progress all the same
    assert [round(f, 2) for f, _ in steps] == [0.45, 0.9, 1.0]


def test_agency_codes_that_only_look_like_stored_ones_are_refused(staffed: Engine) -> None:
    # Issue 17 item 3: "17.dukcapil" or "17.DUKCAPIL" + a zero-width space beside "17.DUKCAPIL" would be a second
    # agency nobody can tell apart. A new code may not hold invisible characters; a lookalike names the code
    # meant; a reference to a lookalike is never offered for import as a new agency.
    before = snapshot(staffed)
    header = ["kode", "nama", "wilayah_kode", "jenis", "induk_kode"]

    def agency(code: str, name: str) -> importer.Outcome:
        content = nf.delimited([header, [code, name, "17", "dinas", ""]], ";")
        return importer.run(staffed, content, None, filename="i.csv", pengguna="uji", sumber="cli", now=NOW)

    case = agency("17.dukcapil", "Disdukcapil")
    assert case.status == "ditolak"
    assert any("hanya mirip kode yang sudah ada 17.DUKCAPIL" in m for m in case.messages())
    hidden = agency("17.BARU\u200b", "Baru")
    assert hidden.status == "ditolak" and any("karakter tak terlihat atau kontrol" in m for m in hidden.messages())
    people = nf.delimited(
        [
            ["nip", "nama", "instansi_kode", "status", "jenis_jabatan"],
            [nf.NIP_L, "Budi", "17.DUKCAPIL\u200b", "PNS", "pelaksana"],
        ],
        ";",
    )
    moved = importer.run(staffed, people, "pegawai", filename="c.csv", pengguna="uji", sumber="cli", now=NOW)
    assert moved.status == "ditolak" and moved.instansi_tidak_dikenal == ()
    assert any("hanya mirip kode terdaftar 17.DUKCAPIL" in m for m in moved.messages())
    assert snapshot(staffed) == before


def test_a_locked_database_is_its_own_status_not_an_unreadable_file(tmp_path, monkeypatch) -> None:
    # Issue 17 item 3: another process holding the SQLite lock past the wait made the import say the file was
    # unreadable ("tidak_terbaca"); it says the database is busy (status "terkunci"), and nothing is written.
    import sqlite3

    from asn_metrics.db import engine as engine_module
    from asn_metrics.db.migrate import upgrade

    monkeypatch.setattr(engine_module, "SQLITE_BUSY_TIMEOUT_MS", 300)
    path = tmp_path / "terkunci.db"
    db = engine_module.make_engine(f"sqlite:///{path}")
    upgrade(db)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(importer.ImportFailed) as failed:
            importer.run(db, AGENCIES, "instansi", filename="instansi.csv", pengguna="uji", sumber="cli", now=NOW)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert (
        failed.value.status == "terkunci"
        and "terkunci" in str(failed.value)
        and "Tidak ada yang ditulis" in str(failed.value)
    )
    with db.connect() as conn:
        assert conn.execute(select(func.count()).select_from(schema.instansi)).scalar() == 0
    db.dispose()


def test_refusing_lists_the_first_errors_and_counts_the_rest(staffed: Engine, monkeypatch) -> None:
    # Issue 17 item 2: every error up to a cap, the rest counted per column and rule, so 100,000 junk rows cost
    # no more memory or JSON than a thousand. With a cap of 10: 40 junk rows of 2 errors each.
    monkeypatch.setattr(importer, "PROBLEM_CAP", 10)
    junk = nf.delimited([nf.SKP_HEADER, *([nf.NIP_L, "abc", "zz", "atas", "atas"] for _ in range(40))])
    refused = load(staffed, junk, "sampah.csv")
    assert refused.status == "ditolak"
    assert len(refused.errors) == 10 and refused.error_count == 80
    beyond = refused.errors_beyond
    assert beyond is not None and sorted(beyond["kolom"]) == ["periode", "tahun"] and beyond["jumlah"].sum() == 70
    assert refused.errors["baris"].tolist() == sorted(refused.errors["baris"].tolist())  # the first, in file order


def test_thousands_of_stray_cells_in_a_row_are_one_error(staffed: Engine) -> None:
    # Issue 17 item 2: 3 rows with 10,000 cells past the header took 13-43 s of CPU and gave 30,000 errors; the
    # stray cells of a row are folded into one, reported once with how many there are.
    wide = nf.delimited(
        [nf.SKP_HEADER, *([nf.NIP_L, "2025", p, "atas", "atas", *(["x"] * 10_000)] for p in ("tw1", "tw2", "tw3"))]
    )
    refused = load(staffed, wide, "lebar.csv")
    assert refused.status == "ditolak" and refused.error_count == 3
    assert refused.errors["kolom"].tolist() == ["tanpa judul (kolom ke-6)"] * 3
    assert refused.errors["nilai"].tolist() == ["x (dan 9.999 sel lain)"] * 3


def test_anonymous_survey_responses_repeated_from_another_file_are_warned_about(staffed: Engine) -> None:
    # Issue 17 item 3: the same anonymous responses re-saved (other bytes, so not "sudah diimpor") would count
    # twice; the check before confirming says how many repeat stored ones exactly.
    header = ["instansi_kode", "tanggal", *(f"u{i}" for i in range(1, 10))]
    rows = [["17.DUKCAPIL", "27 Agustus 2025", *["3"] * 9], ["17.DUKCAPIL", "28 Agu 2025", *["4"] * 9]]
    assert write(staffed, nf.delimited([header, *rows], ";"), "skm-agustus.csv").baru == 2
    resaved = nf.delimited([header, *rows, ["17.DUKCAPIL", "29 Agu 2025", *["2"] * 9]], ",")  # re-saved, one more
    checked = load(staffed, resaved, "skm-agustus-salinan.csv")
    assert checked.status == "valid" and checked.baru == 3
    [warning] = [w for w in problems_from(checked.warnings) if "sama persis" in w.pesan]
    assert warning.pesan.startswith("2 jawaban survei tanpa responden_id sama persis") and "dua kali" in warning.saran
    other = nf.delimited([header, ["17.DUKCAPIL", "27 Agustus 2025", *["1"] * 9]], ";")
    assert not any("sama persis" in w.pesan for w in problems_from(load(staffed, other, "lain.csv").warnings))
    # The CLI asks rather than assumes: without --tambah-ulang-survei the import is refused, nothing written.
    before = snapshot(staffed)
    asked = importer.run(
        staffed, resaved, None, filename="salinan.csv", pengguna="uji", sumber="cli", now=NOW, repeated_survey=False
    )
    assert asked.status == "ditolak" and "--tambah-ulang-survei" in problems_from(asked.errors)[0].saran
    assert snapshot(staffed) == before
    told = importer.run(
        staffed, resaved, None, filename="salinan.csv", pengguna="uji", sumber="cli", now=NOW, repeated_survey=True
    )
    assert told.status == "diimpor" and told.baru == 3


def test_an_evaluators_scope_covers_every_kind_and_the_agency_an_employee_leaves(staffed: Engine) -> None:
    # Issue 15 item 2, in the pipeline: rows are judged by their own agency (instansi_kode), their employee's
    # (nip) or, for an agency file, their kode; moving an employee out of another agency touches that agency.
    before = snapshot(staffed)
    scope = ["17.DUKCAPIL"]
    moved = nf.delimited(
        [
            ["nip", "nama", "instansi_kode", "status", "jenis_jabatan"],
            [nf.NIP_L2, "Ahmad", "17.DUKCAPIL", "PNS", "pengawas"],
        ],
        ";",
    )
    done = importer.run(staffed, moved, "pegawai", filename="p.csv", pengguna="eva", sumber="cli", now=NOW, scope=scope)
    assert done.status == "ditolak" and [e.nilai for e in problems_from(done.errors)] == ["17.04.DUKCAPIL"]
    header = ["kode", "nama", "wilayah_kode", "jenis", "induk_kode"]
    agency = nf.delimited([header, ["17.04.DUKCAPIL", "Disdukcapil Kaur", "17.04", "dinas", ""]], ";")
    done = importer.run(
        staffed, agency, "instansi", filename="i.csv", pengguna="eva", sumber="cli", now=NOW, scope=scope
    )
    assert done.status == "ditolak" and done.errors["kolom"].tolist() == ["kode"]
    assert snapshot(staffed) == before
    own = nf.delimited([nf.SKP_HEADER, [nf.NIP_L, "2025", "tahunan", "atas", "atas"]])
    done = importer.run(staffed, own, "skp", filename="s.csv", pengguna="eva", sumber="cli", now=NOW, scope=scope)
    assert done.status == "diimpor"
