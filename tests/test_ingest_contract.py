"""Rows of DATA_FORMATS.md "Every upload" pinned one by one, through the reading and validation that the upload
page and the CLI share (``read_table`` / ``iter_chunks``, then ``validate``)."""

from __future__ import annotations

import pytest

from asn_metrics.ingest import iter_chunks, read_table, validate
from asn_metrics.ingest.known import KnownReferences
from tests import nasty_files as nf

KNOWN = KnownReferences.of(instansi={"17.DUKCAPIL"}, nip={nf.NIP_L, nf.NIP_P, nf.NIP_L2})


@pytest.mark.parametrize(
    ("kind", "header", "column", "value"),
    [
        # "case-insensitive; surrounding spaces ignored; spaces, dots and hyphens count as `_`"
        ("pegawai", [" NIP ", "Nama", "Instansi.Kode"], "instansi_kode", "17.DUKCAPIL"),
        ("pegawai", ["nip", "nama", "INSTANSI-KODE"], "instansi_kode", "17.DUKCAPIL"),
        ("pegawai", ["NIP Baru", "NAMA LENGKAP", "kode instansi"], "nama", "Budi"),
        # the aliases listed per kind
        ("pegawai", ["nomor induk pegawai", "nama_pegawai", "instansi_kode"], "nip", nf.NIP_L),
        ("instansi", ["id_instansi", "nama_instansi", "wilayah_kode"], "kode", "17.BARU"),
        ("instansi", ["kode", "instansi", "wilayah_kode"], "nama", "Dinas Baru"),
    ],
)
def test_header_spellings_and_aliases(kind: str, header: list[str], column: str, value: str) -> None:
    row = [nf.NIP_L, "Budi", "17.DUKCAPIL"] if kind == "pegawai" else ["17.BARU", "Dinas Baru", "17"]
    raw = read_table(nf.delimited([header, row], ";"), "a.csv", kind)
    result = validate(raw, kind, KNOWN)
    assert result.ok, [p.teks for p in result.errors]
    assert result.rows[column].tolist() == [value]


@pytest.mark.parametrize(
    ("header", "column", "value"),
    [
        (["no_registrasi", "instansi_kode", "jenis_layanan", "tanggal_masuk"], "nomor", "REG-1"),
        (["no permohonan", "instansi_kode", "jenis_layanan", "tanggal_masuk"], "nomor", "REG-1"),
    ],
)
def test_service_number_aliases(header: list[str], column: str, value: str) -> None:
    raw = read_table(nf.delimited([header, [value, "17.DUKCAPIL", "ktp_el", "27/11/2025 08:30"]], ";"), "a.csv")
    assert raw.kind == "layanan"
    result = validate(raw, "layanan", KNOWN)
    assert result.ok, [p.teks for p in result.errors]
    assert result.rows[column].tolist() == [value]


def test_complaint_ticket_alias() -> None:
    header = ["id_laporan", "instansi_kode", "tanggal_masuk", "kategori"]
    raw = read_table(nf.delimited([header, ["T-9", "17.DUKCAPIL", "01/11/2025 10:00", "lainnya"]], ";"), "a.csv")
    assert raw.kind == "pengaduan"
    result = validate(raw, "pengaduan", KNOWN)
    assert result.ok, [p.teks for p in result.errors]
    assert result.rows["nomor"].tolist() == ["T-9"]


def _skp_with_titles(titles: int) -> bytes:
    rows: list[list[str]] = [[f"Judul {i}"] for i in range(titles)]
    return nf.delimited([*rows, nf.SKP_HEADER, [nf.NIP_L, "2025", "tahunan", "atas", "atas"]], ";")


def test_the_header_row_may_be_the_tenth_not_the_eleventh() -> None:
    # "the first row that holds the required columns, within the first 10 rows"
    raw = read_table(_skp_with_titles(9), "a.csv", "skp")
    assert raw.header_line == 10
    assert raw.lines.tolist() == [11]
    assert validate(raw, "skp", KNOWN).ok
    late = validate(read_table(_skp_with_titles(10), "a.csv", "skp"), "skp", KNOWN)
    assert not late.ok
    assert any("kolom wajib nip tidak ada" in p.pesan for p in late.errors)


@pytest.mark.parametrize("label", ["Jumlah", "Total", "Rata-rata", "TOTAL", "rata-rata"])
def test_a_trailing_summary_row_is_ignored(label: str) -> None:
    # "a trailing summary row (its first non-empty cell is `Jumlah`, `Total` or `Rata-rata`) is ignored"
    rows = [
        ["nip", "nama_pelatihan", "tanggal_mulai", "tanggal_selesai", "jp"],
        [nf.NIP_L, "Teknis A", "01/03/2025", "03/03/2025", "24"],
        [nf.NIP_P, "Teknis B", "01/04/2025", "02/04/2025", "16"],
        ["", label, "", "", "40"],
    ]
    content = nf.delimited(rows, ";")
    raw = read_table(content, "a.csv", "pelatihan")
    assert raw.lines.tolist() == [2, 3]
    assert validate(raw, "pelatihan", KNOWN).ok
    assert [c.lines.tolist() for c in iter_chunks(content, chunk_rows=2, kind="pelatihan")] == [[2, 3]]


def test_a_summary_row_in_the_middle_is_a_row_like_any_other() -> None:
    rows = [
        ["nip", "nama_pelatihan", "tanggal_mulai", "tanggal_selesai", "jp"],
        ["", "Total", "", "", "40"],
        [nf.NIP_L, "Teknis A", "01/03/2025", "03/03/2025", "24"],
    ]
    result = validate(read_table(nf.delimited(rows, ";"), "a.csv", "pelatihan"), "pelatihan", KNOWN)
    assert [(p.baris, p.kolom) for p in result.errors][:1] == [(2, "nip")]


def test_latin1_bytes_that_windows_1252_lacks_fall_back_to_latin1() -> None:
    # "UTF-8 with or without BOM; Windows-1252 / Latin-1 as fallback": byte 0x81 is not Windows-1252.
    content = b"nip;nama;instansi_kode\n" + nf.NIP_L.encode() + b";Andr\xe9\x81;17.DUKCAPIL\n"
    result = validate(read_table(content, "a.csv", "pegawai"), "pegawai", KNOWN)
    assert result.ok
    # é decoded as Latin-1; the C1 control character U+0081 is not stored unseen (issue 17 item 3) but
    # removed with a warning.
    assert result.rows["nama"].tolist() == ["Andr\xe9"]
    assert result.warning_frame["pesan"].str.contains("karakter kontrol").any()


@pytest.mark.parametrize(
    ("jp", "problem"),
    [("24", None), ("2,5", None), ("0", "lebih dari 0"), ("-3", "lebih dari 0"), ("dua", "bukan angka")],
)
def test_training_hours_must_be_more_than_zero(jp: str, problem: str | None) -> None:
    # pelatihan: "jp* | number > 0"
    rows = [
        ["nip", "nama_pelatihan", "tanggal_mulai", "tanggal_selesai", "jp"],
        [nf.NIP_L, "Teknis A", "01/03/2025", "03/03/2025", jp],
    ]
    result = validate(read_table(nf.delimited(rows, ";"), "a.csv", "pelatihan"), "pelatihan", KNOWN)
    if problem is None:
        assert result.ok and result.rows["jp"].tolist() == [float(jp.replace(",", "."))]
    else:
        assert [(p.baris, p.kolom) for p in result.errors] == [(2, "jp")]
        assert problem in result.errors[0].pesan + " " + result.errors[0].saran
