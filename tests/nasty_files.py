"""The nasty-file corpus for the ingest tests, generated in code (no binary fixtures in the repository)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

import openpyxl
from openpyxl.styles import Font

NIP_L = "198609262015051001"  # born 1986-09-26, TMT 2015-05, male, PNS (DOMAIN.md §11 example)
NIP_P = "199001012019032002"  # born 1990-01-01, TMT 2019-03, female
NIP_L2 = "198001012005011003"
NIP_PPPK = "199203152022001004"  # PPPK: digits 13-14 are a contract field, not a month

Cell = object


def delimited(
    rows: Sequence[Sequence[Cell]],
    delimiter: str = ",",
    *,
    encoding: str = "utf-8",
    bom: bool = False,
    newline: str = "\n",
) -> bytes:
    """Rows joined by ``delimiter`` (cells are written as given; quote them yourself where needed)."""
    text = newline.join(delimiter.join(str(c) for c in row) for row in rows) + newline
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding)


def workbook(
    rows: Sequence[Sequence[Cell]],
    *,
    sheet: str = "Sheet1",
    bold_row: int | None = None,
    extra_sheets: Sequence[str] = (),
) -> bytes:
    """An XLSX with ``rows`` from A1 (None = empty cell, numbers and datetimes as real Excel values)."""
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet
    for name in extra_sheets:
        book.create_sheet(name).append(["tidak", "dipakai"])
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None:
                ws.cell(row=r, column=c, value=value)  # type: ignore[arg-type]
                if bold_row == r:
                    ws.cell(row=r, column=c).font = Font(bold=True)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


SKP_HEADER = ["nip", "tahun", "periode", "rating_hasil_kerja", "rating_perilaku_kerja"]


def utf8_bom_pegawai() -> bytes:
    return delimited([["NIP", "Nama Lengkap", "Kode Instansi"], [NIP_L, "Budi Santoso", "17.DUKCAPIL"]], ";", bom=True)


def cp1252_pegawai() -> bytes:
    return delimited([["nip", "nama", "instansi_kode"], [NIP_P, "Renée Café", "17.DUKCAPIL"]], ",", encoding="cp1252")


def semicolon_decimal_indikator() -> bytes:
    return delimited(
        [
            ["instansi_kode", "tahun", "indikator", "target", "realisasi", "satuan"],
            ["17.DUKCAPIL", "2025", "Persentase KTP-el", "95", "92,5", "%"],
            ["17.DUKCAPIL", "2025", "Jumlah dokumen", "1.234.567", "1.234,5", "dokumen"],
        ],
        ";",
    )


def tab_skp_txt() -> bytes:
    return delimited(
        [
            SKP_HEADER,
            [NIP_L, "2025", "TW I", "DIATAS EKSPEKTASI", "Sesuai"],
            [NIP_P, "2025", "tahunan", "bawah", "atas"],
        ],
        "\t",
        newline="\r\n",
    )


def skm_indonesian_months() -> bytes:
    header = ["instansi_kode", "tanggal", *(f"u{i}" for i in range(1, 10))]
    dates = ["27 Agustus 2025", "3 Agt 2025", "1 Mei 2025", "5 Des 2025", "10 Okt 2025", "27 Nov 2025"]
    return delimited([header, *(["17.DUKCAPIL", d, *["3"] * 9] for d in dates)], ";")


def mangled_nips_csv() -> bytes:
    """Excel saved the NIP column as numbers: scientific notation and the 000 trace of a float."""
    return delimited(
        [
            SKP_HEADER,
            [NIP_L, "2025", "tahunan", "atas", "atas"],
            ["1,98609E+17", "2025", "tahunan", "atas", "atas"],
            ["198609262015051000", "2025", "tw1", "atas", "atas"],
        ],
        ";",
    )


def xlsx_titles_blank_row() -> bytes:
    """Two title rows and a blank row above the header (row 4); an out-of-range u5 on Excel row 7."""
    header = ["Kode Instansi", "Tanggal", *(f"U{i}" for i in range(1, 10))]
    ok = ["17.DUKCAPIL", dt.datetime(2025, 8, 27), *[3] * 9]
    bad = ["17.DUKCAPIL", dt.datetime(2025, 8, 28), 4, 4, 4, 4, 5, 4, 4, 4, 4]
    rows: list[list[Cell]] = [["Survei Kepuasan Masyarakat"], ["Disdukcapil Provinsi Bengkulu, 2025"], [], header]
    rows += [ok, [], bad]
    return workbook(rows, sheet="Data", bold_row=4)


def xlsx_numeric_nip() -> bytes:
    """A NIP typed into a General cell: Excel keeps it as the float 1.98609262015051E+17."""
    return workbook(
        [
            SKP_HEADER,
            [1.98609262015051e17, 2025, "tahunan", "atas", "atas"],
            [NIP_P, 2025, "tahunan", "atas", "sesuai"],
        ],
        sheet="skp",
    )


def trailing_jumlah() -> bytes:
    return delimited(
        [
            ["instansi_kode", "tahun", "indikator", "target"],
            ["17.DUKCAPIL", "2025", "A", "10"],
            ["17.DUKCAPIL", "2025", "B", "20"],
            [],
            ["Jumlah", "", "", "30"],
        ],
        ";",
    )


def blank_rows_middle() -> bytes:
    return delimited(
        [
            ["nip", "tanggal", "tingkat"],
            [NIP_L, "14/08/2025", "ringan"],
            [],
            ["", "", ""],
            [NIP_P, "15/08/2025", "sedang"],
        ],
        ",",
    )


def out_of_range_skm() -> bytes:
    header = ["instansi_kode", "tanggal", *(f"u{i}" for i in range(1, 10)), "umur"]
    return delimited(
        [
            header,
            ["17.DUKCAPIL", "27/08/2025", *["3"] * 9, "35"],
            ["17.DUKCAPIL", "27/08/2025", "4", "4", "4", "4", "5", "4", "4", "4", "0", "200"],
        ],
        ";",
    )


def end_before_start_layanan() -> bytes:
    return delimited(
        [
            ["instansi_kode", "nomor", "jenis_layanan", "tanggal_masuk", "tanggal_selesai"],
            ["17.DUKCAPIL", "R-1", "ktp_el", "27/11/2025 08:30", "27/11/2025 09:15"],
            ["17.DUKCAPIL", "R-2", "Kartu Keluarga", "27/11/2025 10:00", "26/11/2025 10:00"],
            ["17.DUKCAPIL", "R-3", "akta_kelahiran", "27/11/2025 11:00", ""],
        ],
        ";",
    )


def unknown_codes_pegawai() -> bytes:
    return delimited(
        [["nip", "nama", "instansi_kode"], [NIP_L, "Budi", "17.DUKCAPIL"], [NIP_P, "Sari", "17.TIDAKADA"]], ";"
    )


def duplicates_skp() -> bytes:
    return delimited(
        [
            SKP_HEADER,
            [NIP_L, "2025", "tahunan", "atas", "atas"],
            [NIP_P, "2025", "tahunan", "atas", "atas"],
            [NIP_L, "2025", "Tahunan", "sesuai", "sesuai"],
        ],
        ",",
    )


def binary_garbage() -> bytes:
    return bytes(range(256)) * 40


def empty_file() -> bytes:
    return b""


def header_only() -> bytes:
    return delimited([SKP_HEADER], ",")


def broken_xlsx() -> bytes:
    whole = workbook([SKP_HEADER, [NIP_L, 2025, "tahunan", "atas", "atas"]])
    return whole[: len(whole) // 2]


def old_xls() -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512


def pdf() -> bytes:
    return b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"


def implausible_dates_pelatihan() -> bytes:
    """Dates that exist in the calendar but not in any record (DATA_FORMATS.md "Every upload", dates):
    1890 (line 2), a finish date typed 2199 for 2019 (line 3), an Excel serial from 1927 (line 5).
    Line 4 sits on the lower bound, 1 January 1950, and is fine."""
    return delimited(
        [
            ["nip", "nama_pelatihan", "tanggal_mulai", "tanggal_selesai", "jp"],
            [NIP_L, "Diklat Kepemimpinan", "01-01-1890", "", "24"],
            [NIP_L, "Pelatihan Pelayanan Prima", "03/11/2019", "05/11/2199", "24"],
            [NIP_P, "Seminar Arsip", "1 Januari 1950", "2 Januari 1950", "8"],
            [NIP_P, "Pelatihan Teknis", "10000", "", "8"],
        ],
        ";",
    )


def xlsx_implausible_dates_disiplin() -> bytes:
    """Real Excel date cells in the wrong century: 1 January 1900 (line 2) and 2199 (line 4)."""
    return workbook(
        [
            ["nip", "tanggal", "tingkat"],
            [NIP_L, dt.datetime(1900, 1, 1), "ringan"],
            [NIP_P, dt.datetime(2025, 8, 14), "sedang"],
            [NIP_L2, dt.datetime(2199, 8, 14), "berat"],
        ],
        sheet="disiplin",
    )


def too_long_texts_instansi() -> bytes:
    """Texts longer than their database columns (instansi.kode varchar(40), instansi.nama varchar(200)).

    Line 2 is fine; line 3's nama has 201 characters (``é`` counts as one, as in PostgreSQL); line 4's
    kode has 41; line 5's nama has exactly 200 multi-byte characters and is fine."""
    return delimited(
        [
            ["kode", "nama", "wilayah_kode"],
            ["17.DUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", "17"],
            ["17.BAPPEDA", "Badan Perencanaan " + "é" * 183, "17"],
            ["17." + "X" * 38, "Badan Keuangan", "17"],
            ["17.BKD", "é" * 200, "17"],
        ],
        ";",
    )


def huge_cell(size: int = 200_000) -> bytes:
    """An SKP file with one cell longer than Python's csv field limit (131,072 characters)."""
    return delimited([SKP_HEADER, [NIP_L, "2025", "tahunan", "a" * size, "atas"]])


def utf16_cut() -> bytes:
    """A UTF-16 file (with BOM) whose last character is cut in half."""
    return "\n".join(";".join(r) for r in [SKP_HEADER, [NIP_L, "2025", "tahunan", "atas", "atas"]]).encode("utf-16")[
        :-1
    ]


def utf16_lone_surrogate() -> bytes:
    """A UTF-16 file holding a high surrogate with no low one after it."""
    body = "\n".join(";".join(r) for r in [SKP_HEADER, [NIP_L, "2025", "tahunan", "atas", "atas"]]).encode("utf-16")
    return body + b"\x00\xd8" + "\n".encode("utf-16-le")


def xlsx_damaged_inside() -> bytes:
    """A workbook whose zip directory is whole but whose sheet's compressed data is damaged (zlib fails)."""
    import zipfile

    rows = [SKP_HEADER, *([NIP_L, "2025", "tahunan", "atas", "atas"] for _ in range(300))]
    data = bytearray(workbook(rows))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for k in range(start + 50, start + 90):
        data[k] ^= 0x5A
    return bytes(data)


def nul_after_the_sample() -> bytes:
    """A valid SKP file with a NUL byte in a value past the first 8 KB (the binary check reads only those)."""
    rows = [SKP_HEADER, *([NIP_L, "2025", "tahunan", "atas", "atas"] for _ in range(400))]
    rows.append([NIP_L, "2025", "tahunan", "at\x00as", "atas"])
    return delimited(rows)
