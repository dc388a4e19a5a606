"""Reading uploads: encodings, delimiters, XLSX, header search, blank and summary rows, unreadable files."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from asn_metrics.ingest import UnknownKind, UnreadableFile, detect_kind, iter_chunks, read, read_table, template_csv
from asn_metrics.ingest.delimited import sniff_delimiter
from asn_metrics.ingest.xlsx import cell_text
from tests import nasty_files as nf


def cells(raw_frame: pd.DataFrame) -> list[list[str]]:
    return [list(map(str, row)) for row in raw_frame.itertuples(index=False, name=None)]


@pytest.mark.parametrize(
    ("make", "name", "kind", "headers", "header_line", "lines", "first_row"),
    [
        pytest.param(
            nf.utf8_bom_pegawai,
            "a.csv",
            "pegawai",
            ("NIP", "Nama Lengkap", "Kode Instansi"),
            1,
            [2],
            [nf.NIP_L, "Budi Santoso", "17.DUKCAPIL"],
            id="utf8-bom-semicolon",
        ),
        pytest.param(
            nf.cp1252_pegawai,
            "a.csv",
            "pegawai",
            ("nip", "nama", "instansi_kode"),
            1,
            [2],
            [nf.NIP_P, "Renée Café", "17.DUKCAPIL"],
            id="cp1252-accents",
        ),
        pytest.param(
            nf.semicolon_decimal_indikator,
            "a.csv",
            "indikator",
            None,
            1,
            [2, 3],
            ["17.DUKCAPIL", "2025", "Persentase KTP-el", "95", "92,5", "%"],
            id="semicolon-decimal-comma",
        ),
        pytest.param(
            nf.tab_skp_txt,
            "a.txt",
            "skp",
            tuple(nf.SKP_HEADER),
            1,
            [2, 3],
            [nf.NIP_L, "2025", "TW I", "DIATAS EKSPEKTASI", "Sesuai"],
            id="tab-txt-crlf",
        ),
        pytest.param(
            nf.trailing_jumlah,
            "a.csv",
            "indikator",
            None,
            1,
            [2, 3],
            ["17.DUKCAPIL", "2025", "A", "10"],
            id="trailing-jumlah-dropped",
        ),
        pytest.param(
            nf.blank_rows_middle,
            "a.csv",
            "disiplin",
            None,
            1,
            [2, 5],
            [nf.NIP_L, "14/08/2025", "ringan"],
            id="blank-rows-middle",
        ),
        pytest.param(
            nf.xlsx_titles_blank_row,
            "a.xlsx",
            "skm",
            None,
            4,
            [5, 7],
            ["17.DUKCAPIL", "2025-08-27", *["3"] * 9],
            id="xlsx-titles-blank-row",
        ),
    ],
)
def test_read_table_cases(
    make: Callable[[], bytes],
    name: str,
    kind: str,
    headers: tuple[str, ...] | None,
    header_line: int,
    lines: list[int],
    first_row: list[str],
) -> None:
    for given in (kind, None):  # with the kind, and detected from the header
        raw = read_table(make(), name, given)
        assert raw.kind == kind
        if headers is not None:
            assert raw.headers == headers
        assert raw.header_line == header_line
        assert raw.lines.tolist() == lines
        assert cells(raw.frame)[0] == first_row


@pytest.mark.parametrize(
    ("content", "name", "fragment"),
    [
        pytest.param(nf.binary_garbage(), "a.csv", "bukan teks CSV", id="binary-garbage"),
        pytest.param(nf.empty_file(), "a.csv", "kosong", id="empty"),
        pytest.param(b"\xef\xbb\xbf\r\n  \n", "a.csv", "kosong", id="bom-and-blank-lines"),
        pytest.param(nf.header_only(), "a.csv", "hanya berisi judul kolom", id="header-only"),
        pytest.param(nf.broken_xlsx(), "a.xlsx", "rusak", id="truncated-xlsx"),
        pytest.param(b"not a zip at all", "a.xlsx", "rusak", id="xlsx-that-is-not-zip"),
        pytest.param(nf.old_xls(), "a.xls", ".xls (Excel 97-2003)", id="xls"),
        pytest.param(nf.old_xls(), "a.csv", ".xls (Excel 97-2003)", id="xls-named-csv"),
        pytest.param(nf.pdf(), "a.pdf", "PDF", id="pdf"),
        pytest.param(b"a,b\n1,2\n", "a.docx", "tidak didukung", id="other-extension"),
    ],
)
def test_unreadable_files_say_what_to_do(content: bytes, name: str, fragment: str) -> None:
    with pytest.raises(UnreadableFile) as info:
        read_table(content, name, "skp")
    assert fragment in str(info.value)
    assert name in str(info.value)


def test_header_only_xlsx_is_unreadable() -> None:
    with pytest.raises(UnreadableFile, match="hanya berisi judul kolom"):
        read_table(nf.workbook([["Judul"], nf.SKP_HEADER]), "a.xlsx", "skp")


def test_xlsx_numbers_keep_the_trace_of_a_mangled_nip() -> None:
    raw = read_table(nf.xlsx_numeric_nip(), "a.xlsx")
    assert raw.kind == "skp" and raw.sheet == "skp"
    assert raw.frame.iloc[0, 0] == "1.98609262015051e+17"
    assert raw.frame.iloc[0, 1] == "2025"  # integral floats lose the spurious .0
    assert raw.frame.iloc[1, 0] == nf.NIP_P


def test_xlsx_sheet_named_like_the_kind_wins() -> None:
    book = nf.workbook([["x", "y"], ["1", "2"]], sheet="Catatan", extra_sheets=())
    with pytest.raises(UnknownKind):
        read_table(book, "a.xlsx")
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(book))
    ws = wb.create_sheet("SKP")
    for row in ([*nf.SKP_HEADER], [nf.NIP_L, "2025", "tahunan", "atas", "atas"]):
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    raw = read_table(out.getvalue(), "a.xlsx", "skp")
    assert raw.sheet == "SKP" and raw.lines.tolist() == [2]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(None, "", id="none"),
        pytest.param(3.0, "3", id="integral-float"),
        pytest.param(3.5, "3.5", id="decimal"),
        pytest.param(1.98609262015051e17, "1.98609262015051e+17", id="nip-float"),
        pytest.param(198609262015051001, "198609262015051001", id="int-kept"),
        pytest.param(pd.Timestamp("2026-11-27").to_pydatetime(), "2026-11-27", id="date-cell"),
        pytest.param(pd.Timestamp("2026-11-27 08:30").to_pydatetime(), "2026-11-27 08:30:00", id="datetime-cell"),
        pytest.param(True, "TRUE", id="bool"),
    ],
)
def test_cell_text(value: object, expected: str) -> None:
    assert cell_text(value) == expected


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        pytest.param("a;b;c\n1,5;2;3\n", ";", id="semicolon-with-decimal-commas"),
        pytest.param("a,b,c\n1,2,3\n", ",", id="comma"),
        pytest.param("a\tb\tc\n1\t2\t3\n", "\t", id="tab"),
        pytest.param('Judul laporan\na,b\n"x;y",2\n', ",", id="title-and-quoted-semicolon"),
        pytest.param("sep=;\na,b;c\n", ";", id="excel-sep-hint"),
        pytest.param("satu kolom\nx\n", ",", id="single-column"),
    ],
)
def test_sniff_delimiter(sample: str, expected: str) -> None:
    assert sniff_delimiter(sample) == expected


def test_csv_title_rows_and_sep_hint_line_numbers() -> None:
    content = b"sep=;\nLaporan SKP 2025\n\nnip;tahun;periode\n198609262015051001;2025;tahunan\n"
    raw = read_table(content, "a.csv", "skp")
    assert raw.header_line == 4 and raw.lines.tolist() == [5]


def test_quoted_line_breaks_fall_back_and_keep_line_numbers() -> None:
    content = b'nip,nama,instansi_kode\n198609262015051001,"Budi\nSantoso",17.A\n199001012019032002,Sari,17.A\n'
    raw = read_table(content, "a.csv", "pegawai")
    assert raw.lines.tolist() == [2, 4]
    assert raw.frame.iloc[0, 1] == "Budi\nSantoso"


def test_unnamed_extra_cells_become_unnamed_columns() -> None:
    content = b"nip,tahun,periode,nilai\n198609262015051001,2019,tahunan,87,5\n"
    raw = read_table(content, "a.csv", "skp")
    assert raw.headers == ("nip", "tahun", "periode", "nilai", "")
    assert cells(raw.frame)[0][-2:] == ["87", "5"]


def test_kesalahan_column_of_an_error_report_is_ignored() -> None:
    content = b"nip;tahun;periode;kesalahan\n;;;kolom nip hilang\n198609262015051001;2025;tahunan;\n"
    raw = read_table(content, "a.csv", "skp")
    assert raw.headers == ("nip", "tahun", "periode")
    assert raw.lines.tolist() == [3]


@pytest.mark.parametrize(
    ("headers", "kind"),
    [
        pytest.param(["nip", "nama", "instansi_kode"], "pegawai", id="pegawai"),
        pytest.param(["NIP Baru", "Nama Pegawai", "Kode Instansi", "Golongan"], "pegawai", id="pegawai-aliases"),
        pytest.param(["kode", "nama", "wilayah_kode"], "instansi", id="instansi"),
        pytest.param(["instansi_kode", "nomor", "jenis_layanan", "tanggal_masuk", "status"], "layanan", id="layanan"),
        pytest.param(["instansi_kode", "no_tiket", "tanggal_masuk", "kanal"], "pengaduan", id="pengaduan"),
        pytest.param(
            [
                "kode_instansi",
                "tanggal",
                "Persyaratan",
                "Prosedur",
                "Waktu Pelayanan",
                "Biaya",
                "Produk Layanan",
                "Kompetensi Pelaksana",
                "Perilaku Pelaksana",
                "Penanganan Pengaduan",
                "Sarana Prasarana",
            ],
            "skm",
            id="skm-element-names",
        ),
        pytest.param(["nip", "nama_pelatihan", "tanggal_mulai", "jp"], "pelatihan", id="pelatihan"),
    ],
)
def test_detect_kind(headers: list[str], kind: str) -> None:
    guess = detect_kind(headers)
    assert guess.kind == kind
    assert 0 < guess.confidence <= 1


def test_detect_kind_ambiguous_lists_candidates() -> None:
    with pytest.raises(UnknownKind) as info:
        detect_kind(["nip", "tanggal", "tingkat", "tahun", "periode"])
    assert info.value.ambiguous
    assert set(info.value.candidates) == {"disiplin", "skp"}
    assert "disiplin" in str(info.value) and "skp" in str(info.value)


def test_detect_kind_unknown() -> None:
    with pytest.raises(UnknownKind, match="tidak dapat dikenali"):
        detect_kind(["foo", "bar"])


def test_iter_chunks_matches_read_table(tmp_path: Path) -> None:
    rows = [["Judul"], [], nf.SKP_HEADER]
    for i in range(1, 251):
        rows.append([nf.NIP_L, str(2015 + i % 10), str(i % 12 + 1), "atas", "atas"])
        if i % 40 == 0:
            rows.append([])
    rows.append(["Jumlah", "", "", "", ""])
    content = nf.delimited(rows, ";")
    whole = read_table(content, "a.csv", "skp")
    path = tmp_path / "big.csv"
    path.write_bytes(content)
    for source in (content, path):
        chunks = list(iter_chunks(source, chunk_rows=70, kind="skp"))
        assert len(chunks) >= 4
        assert all(len(c) <= 70 for c in chunks)
        lines = np.concatenate([c.lines for c in chunks])
        assert lines.tolist() == whole.lines.tolist()
        frame = pd.concat([c.frame for c in chunks], ignore_index=True)
        assert cells(frame) == cells(whole.frame)
        assert {c.header_line for c in chunks} == {3}


def test_chunks_lose_nothing_and_say_how_much_of_the_file_is_read(tmp_path: Path) -> None:
    rows = [["Judul"], [], nf.SKP_HEADER]
    rows += [[nf.NIP_L, str(2015 + i % 10), str(i % 12 + 1), "atas", "atas"] for i in range(1, 1001)]
    content = nf.delimited(rows, ";")
    whole = read_table(content, "a.csv", "skp")
    chunks = list(iter_chunks(content, chunk_rows=300, kind="skp"))
    assert sum(len(c) for c in chunks) == 1000 and max(len(c) for c in chunks) <= 300
    assert np.concatenate([c.lines for c in chunks]).tolist() == whole.lines.tolist()
    fractions = [c.read_fraction for c in chunks]
    assert fractions == sorted(fractions) and 0 < fractions[0] < 1 and fractions[-1] == 1.0
    # An XLSX workbook counts its rows, not the newline bytes of its zip (a 30,000-row workbook once "had"
    # 3,045 lines and its progress jumped to 90 %).
    xlsx = list(iter_chunks(nf.xlsx_titles_blank_row(), chunk_rows=1, filename="a.xlsx", kind="skm"))
    assert [c.read_fraction for c in xlsx] == [(i + 1) / len(xlsx) for i in range(len(xlsx))]
    with pytest.raises(ValueError):
        list(iter_chunks(content, chunk_rows=0, kind="skp"))


def _skp_rows(count: int) -> list[list[str]]:
    return [[nf.NIP_L, str(2015 + i % 10), str(i % 12 + 1), "atas", "atas"] for i in range(count)]


@pytest.mark.parametrize("blank_lines", [0, 10, 100])
@pytest.mark.parametrize("then_rows", [0, 5])
def test_a_summary_row_at_the_end_of_a_piece_is_dropped_only_when_nothing_follows(
    blank_lines: int, then_rows: int
) -> None:
    # The summary row ends the first piece; blank lines (fewer or more than the probe reads) and maybe rows
    # follow. Chunks must read exactly as the whole file does.
    rows = [nf.SKP_HEADER, *_skp_rows(298), ["Jumlah", "", "", "", ""]]
    rows += [["", "", "", "", ""]] * blank_lines + _skp_rows(then_rows)
    content = nf.delimited(rows, ";")
    whole = read_table(content, "a.csv", "skp")
    chunks = list(iter_chunks(content, chunk_rows=300, kind="skp"))
    assert np.concatenate([c.lines for c in chunks]).tolist() == whole.lines.tolist()
    assert cells(pd.concat([c.frame for c in chunks], ignore_index=True)) == cells(whole.frame)
    assert (300 in whole.lines) == bool(then_rows)  # the Jumlah row is a row only when rows follow it


@pytest.mark.parametrize("quoted", [False, True])
def test_pieces_end_at_a_line_end_outside_quotes_and_lose_nothing(
    monkeypatch: pytest.MonkeyPatch, quoted: bool
) -> None:
    # Pieces of about read.PIECE_BYTES (1,000 here) end at a line end, never inside a quoted value that holds
    # line breaks, and together are the file.
    monkeypatch.setattr(read, "PIECE_BYTES", 1_000)
    cell = b'"satu\ndua\ntiga"' if quoted else b"x" * 12
    lines = [b"1;" + (cell if i % 7 == 0 else b"y") for i in range(2_000)]
    content = b"\n".join(lines) + b"\n"
    pieces = list(read._pieces(io.BytesIO(content), b""))
    assert b"".join(p for p, _, _ in pieces) == content
    assert len(pieces) > 10 and all(p.endswith(b"\n") and p.count(b'"') % 2 == 0 for p, _, _ in pieces)
    starts = [1 + sum(p.count(b"\n") for p, _, _ in pieces[:i]) for i in range(len(pieces))]
    assert [line for _, line, _ in pieces] == starts
    assert pieces[-1][2] == len(content)


def test_iter_chunks_header_only_is_unreadable() -> None:
    with pytest.raises(UnreadableFile, match="hanya berisi judul kolom"):
        list(iter_chunks(nf.header_only(), kind="skp"))


def test_iter_chunks_reads_template_and_xlsx() -> None:
    assert [len(c) for c in iter_chunks(template_csv("skp"), chunk_rows=5)] == [1]
    chunks = list(iter_chunks(nf.xlsx_titles_blank_row(), chunk_rows=1, filename="a.xlsx"))
    assert [c.lines.tolist() for c in chunks] == [[5], [7]]


def test_one_windows_1252_row_does_not_turn_the_utf8_names_into_mojibake() -> None:
    # Issue 17 item 3: the whole file was decoded as Windows-1252 because of one row ("Muñoz" became "MuÃ±oz").
    from asn_metrics.ingest.delimited import to_utf8

    mixed = "nama;nilai\nMuñoz;1\n".encode() + "Peña;2\n".encode("cp1252") + "Ñandú;3\n".encode()
    assert to_utf8(mixed, "campur.csv").decode("utf-8") == "nama;nilai\nMuñoz;1\nPeña;2\nÑandú;3\n"
    # A file saved wholly as Windows-1252 still reads as such.
    assert to_utf8("nama\nPeña Núñez\n".encode("cp1252"), "lama.csv").decode("utf-8") == "nama\nPeña Núñez\n"
