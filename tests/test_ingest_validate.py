"""Normalising and validating uploads: every problem, with the line number the evaluator sees, in Indonesian."""

from __future__ import annotations

import datetime as dt
import io

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asn_metrics import reference as ref
from asn_metrics.ingest import (
    KIND_SPECS,
    KnownReferences,
    error_report,
    iter_chunks,
    read_table,
    validate,
    validate_chunks,
    write_error_report,
)
from asn_metrics.ingest.nips import check_nips
from asn_metrics.ingest.normalise import convert
from asn_metrics.nip import check_nip
from tests import nasty_files as nf

KNOWN = KnownReferences.of(instansi={"17.DUKCAPIL"}, nip={nf.NIP_L, nf.NIP_P, nf.NIP_L2})


def run(content: bytes, kind: str | None = None, name: str = "a.csv", known: KnownReferences | None = None):  # type: ignore[no-untyped-def]
    raw = read_table(content, name, kind)
    return raw, validate(raw, kind, known)


def col(kind: str, name: str):  # type: ignore[no-untyped-def]
    return KIND_SPECS[kind].by_name[name]


# --- normalise: one column at a time --------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "column", "text", "expected"),
    [
        pytest.param("skp", "tahun", "2025", 2025, id="int-plain"),
        pytest.param("skp", "tahun", " 2025.0 ", 2025, id="int-zero-fraction"),
        pytest.param("pegawai", "bup", "58", 58, id="int-bup"),
        pytest.param("indikator", "tahun", "2.025", 2025, id="int-single-dot-is-thousands"),
        pytest.param("indikator", "target", "3,5", 3.5, id="decimal-comma"),
        pytest.param("indikator", "target", "3.5", 3.5, id="decimal-dot"),
        pytest.param("indikator", "target", "1.234.567", 1234567.0, id="dot-thousands"),
        pytest.param("indikator", "target", "1,234,567", 1234567.0, id="comma-thousands"),
        pytest.param("indikator", "target", "1.234,5", 1234.5, id="dot-thousands-comma-decimal"),
        pytest.param("indikator", "target", "1,234.5", 1234.5, id="comma-thousands-dot-decimal"),
        pytest.param("indikator", "target", "1.234", 1.234, id="ambiguous-number-is-decimal"),
        pytest.param("indikator", "target", "95%", 95.0, id="percent-sign"),
        pytest.param("skp", "periode", "tahunan", "tahunan", id="periode-tahunan"),
        pytest.param("skp", "periode", "TW I", "tw1", id="periode-tw-roman"),
        pytest.param("skp", "periode", "triwulan 3", "tw3", id="periode-triwulan"),
        pytest.param("skp", "periode", "TW IV", "tw4", id="periode-tw-iv"),
        pytest.param("skp", "periode", "7", "b07", id="periode-month-number"),
        pytest.param("skp", "periode", "Agustus", "b08", id="periode-month-name"),
        pytest.param("skp", "periode", "Des", "b12", id="periode-month-abbrev"),
        pytest.param("skp", "rating_hasil_kerja", "DIATAS EKSPEKTASI", ref.RATING_ATAS, id="rating-upper"),
        pytest.param("skp", "rating_hasil_kerja", "bawah", ref.RATING_BAWAH, id="rating-short"),
        pytest.param("pegawai", "pendidikan", "SLTA", "SMA", id="slta-is-sma"),
        pytest.param("pegawai", "pendidikan", "smk", "SMA", id="smk-is-sma"),
        pytest.param("pegawai", "pendidikan", "S-1", "S1", id="s-1"),
        pytest.param("pegawai", "status", "pppk", "PPPK", id="enum-case"),
        pytest.param("layanan", "jenis_layanan", "Kartu Keluarga", "kk", id="service-display-name"),
        pytest.param("layanan", "jenis_layanan", "KTP-el (cetak)", "ktp_el", id="service-display-name-punct"),
        pytest.param("layanan", "jenis_layanan", "AKTA_KELAHIRAN", "akta_kelahiran", id="service-code-case"),
        pytest.param("pengaduan", "kanal", "Media Sosial", "media_sosial", id="kanal-spaces"),
        pytest.param("skp", "nip", "19860926 201505 1 001", nf.NIP_L, id="nip-spaces"),
        pytest.param("skp", "nip", "'198609262015051001", nf.NIP_L, id="nip-apostrophe"),
        pytest.param("skp", "nip", '="198609262015051001"', nf.NIP_L, id="nip-excel-formula"),
    ],
)
def test_convert_values(kind: str, column: str, text: str, expected: object) -> None:
    converted = convert(col(kind, column), pd.Series([text]))
    assert converted.problems.empty
    value = converted.values.iloc[0]
    assert value == pytest.approx(expected) if isinstance(expected, float) else value == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("2026-11-27", dt.datetime(2026, 11, 27), id="iso"),
        pytest.param("27/11/2026", dt.datetime(2026, 11, 27), id="slash"),
        pytest.param("27-11-2026", dt.datetime(2026, 11, 27), id="dash"),
        pytest.param("27 November 2026", dt.datetime(2026, 11, 27), id="month-name"),
        pytest.param("27 Nov 2026", dt.datetime(2026, 11, 27), id="month-abbrev"),
        pytest.param("3 Agt 2026", dt.datetime(2026, 8, 3), id="agt"),
        pytest.param("3 Agu 2026", dt.datetime(2026, 8, 3), id="agu"),
        pytest.param("1 Mei 2026", dt.datetime(2026, 5, 1), id="mei"),
        pytest.param("1 Okt 2026", dt.datetime(2026, 10, 1), id="okt"),
        pytest.param("5 Des 2026", dt.datetime(2026, 12, 5), id="des"),
        pytest.param("5 December 2026", dt.datetime(2026, 12, 5), id="english"),
        pytest.param("04/05/2026", dt.datetime(2026, 5, 4), id="day-before-month"),
        pytest.param("27/11/2026 08:30", dt.datetime(2026, 11, 27, 8, 30), id="hh-mm"),
        pytest.param("27/11/2026 08:30:15", dt.datetime(2026, 11, 27, 8, 30, 15), id="hh-mm-ss"),
        pytest.param("27 Nov 2026 08.30", dt.datetime(2026, 11, 27, 8, 30), id="dot-time"),
        pytest.param("2026-11-27 13:05:00", dt.datetime(2026, 11, 27, 13, 5), id="iso-from-xlsx"),
        pytest.param("46000", dt.datetime(2025, 12, 9), id="excel-serial"),
        pytest.param("46000.5", dt.datetime(2025, 12, 9, 12), id="excel-serial-time"),
    ],
)
def test_convert_datetimes(text: str, expected: dt.datetime) -> None:
    converted = convert(col("layanan", "tanggal_masuk"), pd.Series([text]))
    assert converted.problems.empty
    assert converted.values.iloc[0] == pd.Timestamp(expected)


def test_date_columns_drop_the_time() -> None:
    converted = convert(col("skm", "tanggal"), pd.Series(["27/11/2026 08:30"]))
    assert converted.values.iloc[0] == pd.Timestamp(2026, 11, 27)


@pytest.mark.parametrize(
    ("kind", "column", "text", "pesan", "saran_fragment"),
    [
        pytest.param("skp", "tahun", "3.5", "nilai 3.5 bukan bilangan bulat", "bilangan bulat", id="int-decimal"),
        pytest.param("indikator", "target", "sembilan", "nilai sembilan bukan angka", "3,5", id="not-number"),
        pytest.param(
            "layanan",
            "tanggal_masuk",
            "11/27/2026",
            "tanggal 11/27/2026 tidak ada di kalender (hari ditulis sebelum bulan)",
            "hari sebelum bulan",
            id="month-first",
        ),
        pytest.param(
            "layanan",
            "tanggal_masuk",
            "31/02/2026",
            "tanggal 31/02/2026 tidak ada di kalender (hari ditulis sebelum bulan)",
            "27/11/2026 08:30",
            id="31-february",
        ),
        pytest.param(
            "skm", "tanggal", "kemarin", "nilai kemarin bukan tanggal yang dikenali", "27 November 2026", id="not-date"
        ),
        # Issue 17 item 3: impossible clock times were rolled over into the next hour or day.
        *(
            pytest.param(
                "layanan",
                "tanggal_masuk",
                f"27/11/2026 {clock}",
                f"jam pada 27/11/2026 {clock} tidak ada (jam 00-23, menit dan detik 00-59)",
                "27/11/2026 08:30",
                id=f"clock-{clock}",
            )
            for clock in ("24:00", "08:61", "99:99", "08:30:75")
        ),
        pytest.param(
            "skp",
            "nip",
            "1,98609E+17",
            "nilai 1,98609E+17 telah diubah Excel menjadi angka",
            "Format kolom NIP sebagai Teks",
            id="nip-scientific",
        ),
        pytest.param(
            "skp",
            "nip",
            "1.98609E+17",
            "nilai 1.98609E+17 telah diubah Excel menjadi angka",
            "Format kolom NIP sebagai Teks",
            id="nip-scientific-dot",
        ),
        pytest.param(
            "skp",
            "nip",
            "198609262015051000",
            "nilai 198609262015051000 telah diubah Excel menjadi angka",
            "Format kolom NIP sebagai Teks",
            id="nip-000-trace",
        ),
        pytest.param(
            "skp",
            "nip",
            "1986092620150510",
            "NIP 1986092620150510 harus 18 angka, terisi 16 karakter",
            "18 angka",
            id="nip-short",
        ),
        pytest.param("skp", "periode", "semester 1", "periode semester 1 tidak dikenal", "tw1–tw4", id="periode"),
        pytest.param(
            "skp",
            "rating_hasil_kerja",
            "luar biasa",
            "nilai luar biasa bukan rating yang dikenal",
            "Sesuai Ekspektasi",
            id="rating",
        ),
        pytest.param(
            "disiplin",
            "tingkat",
            "berat sekali",
            "nilai berat sekali tidak termasuk pilihan",
            "ringan, sedang atau berat",
            id="enum",
        ),
    ],
)
def test_convert_problems(kind: str, column: str, text: str, pesan: str, saran_fragment: str) -> None:
    converted = convert(col(kind, column), pd.Series(["", text]))
    assert converted.problems.index.tolist() == [1]
    row = converted.problems.iloc[0]
    assert row["pesan"] == pesan
    assert saran_fragment in row["saran"]
    assert row["nilai"] == text
    assert pd.isna(converted.values.iloc[1])


def test_ambiguous_number_warns() -> None:
    converted = convert(col("indikator", "target"), pd.Series(["1.234", "1.234.567"]))
    assert converted.warnings.index.tolist() == [0]
    assert "dibaca sebagai bilangan desimal 1,234" in converted.warnings.iloc[0]["pesan"]


nip_parts = st.builds(
    lambda born, year, month, sex, seq: f"{born:%Y%m%d}{year:04d}{month:02d}{sex}{seq:03d}",
    st.dates(dt.date(1950, 1, 1), dt.date(2000, 12, 31)),
    st.integers(2001, 2024),
    st.integers(1, 12),
    st.sampled_from("12"),
    st.integers(1, 999),
)


@given(nip=nip_parts, cuts=st.lists(st.integers(0, 18), max_size=5), apostrophe=st.booleans())
@settings(max_examples=200, deadline=None)
def test_nip_with_spaces_or_apostrophe_normalises_to_itself(nip: str, cuts: list[int], apostrophe: bool) -> None:
    assert check_nip(nip).ok
    text = nip
    for cut in sorted(set(cuts), reverse=True):
        text = text[:cut] + " " + text[cut:]
    text = ("'" if apostrophe else "") + text
    converted = convert(col("skp", "nip"), pd.Series([text]))
    assert converted.problems.empty
    assert converted.values.iloc[0] == nip


@given(
    nips=st.lists(st.text("0123456789", min_size=18, max_size=18), min_size=1, max_size=30),
    status=st.sampled_from(["PNS", "PPPK"]),
)
@settings(max_examples=100, deadline=None)
def test_vectorised_nip_check_agrees_with_check_nip(nips: list[str], status: str) -> None:
    errors, warnings = check_nips(pd.Series(nips, dtype=object), pd.Series([status] * len(nips)))
    for i, nip in enumerate(nips):
        result = check_nip(nip, status)
        assert errors.get(i) == result.error
        assert warnings.get(i) == result.warning


# --- validate: whole files -----------------------------------------------------------------------


def texts(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.teks for p in result.errors]


def test_xlsx_error_reported_on_the_excel_row() -> None:
    _raw, result = run(nf.xlsx_titles_blank_row(), "skm", "a.xlsx")
    assert texts(result) == ["Baris 7, kolom u5: nilai 5 di luar rentang 1–4. Isi dengan 1, 2, 3 atau 4."]
    assert result.rows["_baris"].tolist() == [5, 7]
    assert result.rows.loc[0, "tanggal"] == pd.Timestamp(2025, 8, 27)
    assert result.rows.loc[0, "u1"] == 3


def test_mangled_nips_are_refused_with_the_ux_message() -> None:
    _raw, result = run(nf.mangled_nips_csv(), "skp")
    assert texts(result) == [
        "Baris 3, kolom nip: nilai 1,98609E+17 telah diubah Excel menjadi angka. "
        "Format kolom NIP sebagai Teks lalu salin ulang NIP-nya.",
        "Baris 4, kolom nip: nilai 198609262015051000 telah diubah Excel menjadi angka. "
        "Format kolom NIP sebagai Teks lalu salin ulang NIP-nya.",
    ]
    assert result.rows.loc[0, "nip"] == nf.NIP_L


def test_xlsx_numeric_nip_is_refused() -> None:
    _raw, result = run(nf.xlsx_numeric_nip(), None, "a.xlsx")
    assert [(p.baris, p.kolom) for p in result.errors] == [(2, "nip")]
    assert "telah diubah Excel menjadi angka" in result.errors[0].pesan


def test_out_of_range_values_every_problem() -> None:
    _raw, result = run(nf.out_of_range_skm(), "skm")
    assert [(p.baris, p.kolom, p.nilai) for p in result.errors] == [(3, "u5", "5"), (3, "u9", "0"), (3, "umur", "200")]
    assert result.errors[2].teks == "Baris 3, kolom umur: nilai 200 di luar rentang 10–100. Isi angka 10–100."


def test_end_before_start() -> None:
    _raw, result = run(nf.end_before_start_layanan(), "layanan")
    assert texts(result) == [
        "Baris 3, kolom tanggal_selesai: tanggal selesai 26/11/2025 10:00 lebih awal dari tanggal masuk "
        "27/11/2025 10:00. Periksa kedua tanggal: tanggal selesai tidak boleh sebelum tanggal masuk."
    ]
    rows = result.rows
    assert rows["jenis_layanan"].tolist() == ["ktp_el", "kk", "akta_kelahiran"]
    assert rows.loc[0, "durasi_jam"] == pytest.approx(0.75)
    assert rows["status"].tolist() == ["selesai", "selesai", "proses"]


def test_unknown_codes_named_with_a_hint() -> None:
    _raw, result = run(nf.unknown_codes_pegawai(), "pegawai", known=KNOWN)
    assert texts(result) == [
        "Baris 3, kolom instansi_kode: kode instansi 17.TIDAKADA belum terdaftar. Impor data instansi lebih dulu "
        "(jenis unggahan instansi), atau periksa penulisan kodenya."
    ]
    _raw, unchecked = run(nf.unknown_codes_pegawai(), "pegawai")
    assert unchecked.ok


def test_unknown_nip_in_other_kinds() -> None:
    content = nf.delimited(
        [["nip", "tanggal", "tingkat"], [nf.NIP_L, "1/2/2025", "ringan"], ["199912312024121001", "1/2/2025", "berat"]]
    )
    _raw, result = run(content, "disiplin", known=KNOWN)
    assert [(p.baris, p.kolom) for p in result.errors] == [(3, "nip")]
    assert "belum terdaftar sebagai pegawai" in result.errors[0].pesan
    assert "Impor data pegawai" in result.errors[0].saran


def test_duplicates_report_both_lines() -> None:
    _raw, result = run(nf.duplicates_skp(), "skp")
    assert texts(result) == [
        f"Baris 4, kolom nip+tahun+periode: baris ini sama kuncinya dengan baris 2 (nip, tahun, periode: "
        f"{nf.NIP_L} / 2025 / Tahunan). Hapus salah satu baris atau gabungkan isinya."
    ]


def test_missing_required_column_is_one_error_naming_aliases() -> None:
    content = nf.delimited([["NIP Baru", "nama"], [nf.NIP_L, "Budi"], [nf.NIP_P, "Sari"]])
    _raw, result = run(content, "pegawai")
    assert texts(result) == [
        "Baris 1, kolom instansi_kode: kolom wajib instansi_kode tidak ada. Tambahkan kolom instansi_kode "
        "(nama lain yang diterima: kode_instansi) — kode instansi (perangkat daerah) yang sudah terdaftar."
    ]


def test_required_value_missing() -> None:
    content = nf.delimited([["nip", "tanggal", "tingkat"], [nf.NIP_L, "", "ringan"]])
    _raw, result = run(content, "disiplin")
    assert texts(result) == ["Baris 2, kolom tanggal: kolom wajib ini kosong. Isi tanggal keputusan."]


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        pytest.param([nf.NIP_L, "2025", "tahunan", "atas", "sesuai", "", ""], [], id="modern-ok"),
        pytest.param(
            [nf.NIP_L, "2025", "tahunan", "atas", "", "", ""],
            [("rating_perilaku_kerja", "rating wajib diisi untuk penilaian tahun 2022 dan sesudahnya")],
            id="modern-one-rating",
        ),
        pytest.param([nf.NIP_L, "2021", "tahunan", "", "", "", "87,5"], [], id="legacy-nilai"),
        pytest.param(
            [nf.NIP_L, "2021", "tahunan", "atas", "", "", ""],
            [("rating_perilaku_kerja", "kedua rating harus diisi bersama")],
            id="legacy-one-rating",
        ),
        pytest.param(
            [nf.NIP_L, "2019", "tahunan", "", "", "", ""],
            [("nilai", "sebelum 2022 harus ada kedua rating atau nilai SKP")],
            id="legacy-nothing",
        ),
        pytest.param(
            [nf.NIP_L, "2025", "tahunan", "bawah", "bawah", "Baik", ""],
            [
                (
                    "predikat",
                    "predikat Baik tidak sesuai matriks: "
                    "Di Bawah Ekspektasi + Di Bawah Ekspektasi memberi Sangat Kurang",
                )
            ],
            id="predikat-contradicts-matrix",
        ),
        pytest.param([nf.NIP_L, "2025", "tahunan", "atas", "atas", "sangat baik", ""], [], id="predikat-agrees"),
        pytest.param(
            [nf.NIP_L, "2014", "tahunan", "", "", "", "80"],
            [("tahun", "nilai 2014 di luar rentang 2015–" + str(dt.date.today().year + 1))],
            id="tahun-too-early",
        ),
        pytest.param(
            [nf.NIP_L, "2021", "tahunan", "", "", "", "121"],
            [("nilai", "nilai 121 di luar rentang 0–120")],
            id="nilai-too-high",
        ),
    ],
)
def test_skp_rules(row: list[str], expected: list[tuple[str, str]]) -> None:
    header = [*nf.SKP_HEADER, "predikat", "nilai"]
    _raw, result = run(nf.delimited([header, row], ";"), "skp")
    assert [(p.kolom, p.pesan) for p in result.errors] == expected


def test_skp_derived_columns() -> None:
    header = [*nf.SKP_HEADER, "nilai"]
    rows = [[nf.NIP_L, "2025", "TW II", "bawah", "atas", ""], [nf.NIP_L, "2020", "tahunan", "", "", "95"]]
    _raw, result = run(nf.delimited([header, *rows], ";"), "skp")
    assert result.ok
    out = result.rows
    assert out["periode"].tolist() == ["tw2", "tahunan"]
    assert out["predikat"].tolist()[0] == ref.BUTUH_PERBAIKAN
    assert pd.isna(out["predikat"].tolist()[1])
    assert out["bulan_akhir"].tolist() == [6, 12]
    assert out["regime"].tolist() == [ref.REGIME_2022, ref.REGIME_PP30]
    assert out["nilai"].tolist()[1] == 95.0
    assert str(out["tahun"].dtype) == "Int64"


def test_pegawai_derived_and_contradictions() -> None:
    rows = [
        ["nip", "nama", "instansi_kode", "status", "jenis_kelamin", "aktif"],
        [nf.NIP_L, "Budi", "17.DUKCAPIL", "", "", ""],
        [nf.NIP_P, "Sari", "17.DUKCAPIL", "PNS", "L", "tidak"],
        [nf.NIP_PPPK, "Dewi", "17.DUKCAPIL", "PPPK", "", "ya"],
        [nf.NIP_PPPK.replace("1004", "2004"), "Rina", "17.DUKCAPIL", "PNS", "", ""],
        ["200001012015011005", "Muda", "17.DUKCAPIL", "PNS", "", ""],
    ]
    _raw, result = run(nf.delimited(rows, ";"), "pegawai")
    assert [(p.baris, p.kolom, p.pesan) for p in result.errors] == [
        (3, "jenis_kelamin", "jenis kelamin L bertentangan dengan NIP (angka ke-15 menunjukkan P)"),
        (5, "nip", "NIP 199203152022002004 tidak sah: bulan TMT CPNS 00 (angka ke-13 dan 14) harus 01-12"),
    ]
    assert [(p.baris, p.kolom) for p in result.warnings] == [(6, "nip")]
    out = result.rows
    assert out["status"].tolist()[:3] == ["PNS", "PNS", "PPPK"]
    assert out["jenis_kelamin"].tolist()[0] == "L" and out["jenis_kelamin"].tolist()[2] == "L"
    assert out["tanggal_lahir"].tolist()[0] == pd.Timestamp(1986, 9, 26)
    assert out["aktif"].tolist()[:3] == [True, False, True]


def test_golongan_is_written_as_data_formats_has_it_and_fits_the_status() -> None:
    # DATA_FORMATS.md, pegawai: "golongan | text | PNS `I/a`…`IV/e`; PPPK `I`…`XVII`".
    pppk = nf.NIP_PPPK
    rows = [
        ["nip", "nama", "instansi_kode", "status", "golongan"],
        [nf.NIP_L, "Budi", "17.DUKCAPIL", "PNS", "iii - b"],
        [nf.NIP_P, "Sari", "17.DUKCAPIL", "", "4e"],
        [pppk, "Dewi", "17.DUKCAPIL", "PPPK", "ix"],
        [pppk[:-3] + "005", "Rina", "17.DUKCAPIL", "PPPK", "17"],
        [nf.NIP_L2, "Adi", "17.DUKCAPIL", "PNS", ""],
        [nf.NIP_L[:-3] + "009", "Eko", "17.DUKCAPIL", "PNS", "ZZ/q"],
        [nf.NIP_L[:-3] + "008", "Tono", "17.DUKCAPIL", "PNS", "IX"],
        [pppk[:-3] + "006", "Wati", "17.DUKCAPIL", "PPPK", "III/b"],
        [pppk[:-3] + "007", "Yuni", "17.DUKCAPIL", "PPPK", "XVIII"],
        [nf.NIP_L[:-3] + "007", "Joko", "17.DUKCAPIL", "PNS", "I/e"],
    ]
    _raw, result = run(nf.delimited(rows, ";"), "pegawai")
    assert [(p.baris, p.kolom, p.nilai, p.pesan) for p in result.errors] == [
        (7, "golongan", "ZZ/q", "golongan ZZ/q tidak dikenal"),
        (8, "golongan", "IX", "golongan IX adalah golongan PPPK, padahal status pegawai ini PNS"),
        (9, "golongan", "III/b", "golongan III/b adalah golongan PNS, padahal status pegawai ini PPPK"),
        (10, "golongan", "XVIII", "golongan XVIII tidak dikenal"),
        (11, "golongan", "I/e", "golongan I/e tidak dikenal"),
    ]
    assert {p.saran for p in result.errors} == {
        "Isi golongan PNS I/a–IV/e (mis. III/b) atau golongan PPPK I–XVII (mis. IX), sesuai statusnya."
    }
    golongan = result.rows["golongan"]
    assert golongan.tolist()[:4] == ["III/b", "IV/e", "IX", "XVII"] and pd.isna(golongan.iloc[4])


def test_instansi_may_reference_parent_in_same_file() -> None:
    rows = [
        ["kode", "nama", "wilayah_kode", "jenis", "induk_kode"],
        ["17.DUKCAPIL", "Dinas Dukcapil", "17", "dinas", ""],
        ["17.DUKCAPIL.BID1", "Bidang Pendaftaran", "17", "lainnya", "17.DUKCAPIL"],
        ["17.X", "Unit X", "17.99", "dinas", "17.TIDAKADA"],
    ]
    _raw, result = run(nf.delimited(rows, ";"), "instansi", known=KnownReferences.of(instansi=set()))
    assert [(p.baris, p.kolom) for p in result.errors] == [(4, "wilayah_kode"), (4, "induk_kode")]


def test_indikator_defaults_and_restricted_periode() -> None:
    rows = [
        ["instansi_kode", "tahun", "indikator", "target", "periode"],
        ["17.A", "2025", "X", "1,5", ""],
        ["17.A", "2025", "Y", "2", "3"],
    ]
    _raw, result = run(nf.delimited(rows, ";"), "indikator")
    assert [(p.baris, p.kolom, p.pesan) for p in result.errors] == [
        (3, "periode", "nilai 3 tidak berlaku untuk kolom ini")
    ]
    assert result.rows["periode"].tolist()[0] == "tahunan"
    assert result.rows["arah"].tolist() == ["naik", "naik"]
    assert result.rows["target"].tolist() == [1.5, 2.0]


def test_valid_rows_of_the_nasty_corpus_parse_to_the_right_values() -> None:
    _raw, result = run(nf.semicolon_decimal_indikator(), "indikator")
    assert result.ok
    assert result.rows["realisasi"].tolist() == [92.5, 1234.5]
    assert result.rows["target"].tolist() == [95.0, 1234567.0]
    _raw, result = run(nf.skm_indonesian_months(), "skm")
    assert result.ok
    assert [d.date() for d in result.rows["tanggal"]] == [
        dt.date(2025, 8, 27),
        dt.date(2025, 8, 3),
        dt.date(2025, 5, 1),
        dt.date(2025, 12, 5),
        dt.date(2025, 10, 10),
        dt.date(2025, 11, 27),
    ]
    _raw, result = run(nf.tab_skp_txt(), "skp", "a.txt")
    assert result.ok
    assert result.rows["rating_hasil_kerja"].tolist() == [ref.RATING_ATAS, ref.RATING_BAWAH]
    _raw, result = run(nf.cp1252_pegawai(), "pegawai")
    assert result.ok and result.rows["nama"].tolist() == ["Renée Café"]
    _raw, result = run(nf.blank_rows_middle(), "disiplin")
    assert result.ok and result.rows["_baris"].tolist() == [2, 5]


def test_unnamed_column_with_values_is_an_error() -> None:
    content = b"nip,tahun,periode,nilai\n198609262015051001,2019,tahunan,87,5\n"
    _raw, result = run(content, "skp")
    assert [(p.baris, p.kolom) for p in result.errors] == [(2, "tanpa judul (kolom ke-5)")]


def test_unknown_header_is_a_warning() -> None:
    content = nf.delimited([["nip", "tanggal", "tingkat", "catatan lain"], [nf.NIP_L, "1/2/2025", "ringan", "x"]])
    _raw, result = run(content, "disiplin")
    assert result.ok
    assert [(p.baris, p.kolom) for p in result.warnings] == [(1, "catatan lain")]


def test_error_report_roundtrip() -> None:
    raw, result = run(nf.out_of_range_skm(), "skm")
    report = error_report(raw, result)
    assert report.startswith(b"\xef\xbb\xbf")
    table = pd.read_csv(io.BytesIO(report), sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert list(table.columns) == [*raw.headers, "kesalahan"]
    assert table["kesalahan"].tolist()[0] == ""
    assert (
        table["kesalahan"].tolist()[1].startswith("kolom u5: nilai 5 di luar rentang 1–4. Isi dengan 1, 2, 3 atau 4.")
    )
    again = read_table(report, "laporan.csv", "skm")
    assert again.headers == raw.headers and len(again) == 2
    assert not validate(again, "skm").ok


def test_error_report_puts_file_problems_first() -> None:
    raw, result = run(nf.delimited([["nip", "nama"], [nf.NIP_L, "Budi"]]), "pegawai")
    lines = error_report(raw, result).decode("utf-8-sig").splitlines()
    assert lines[0] == "nip;nama;kesalahan"
    assert lines[1].startswith(";;kolom instansi_kode: kolom wajib instansi_kode tidak ada.")
    assert lines[2] == f"{nf.NIP_L};Budi;"


def test_empty_optional_columns_have_declared_dtypes() -> None:
    _raw, result = run(nf.delimited([["nip", "tanggal", "tingkat"], [nf.NIP_L, "1/2/2025", "ringan"]]), "disiplin")
    rows = result.rows
    assert list(rows.columns) == ["nip", "tanggal", "tingkat", "keterangan", "_baris"]
    assert str(rows["tanggal"].dtype) == "datetime64[us]"
    assert rows["keterangan"].isna().all()
    assert np.issubdtype(rows["_baris"].dtype, np.integer)


def test_validate_chunks_finds_duplicates_across_chunks() -> None:
    rows = [nf.SKP_HEADER] + [[nf.NIP_L, str(2015 + i // 12), str(i % 12 + 1), "atas", "atas"] for i in range(100)]
    rows.append([nf.NIP_L, "2015", "1", "sesuai", "sesuai"])  # same key as line 2 (i = 0)
    results = list(validate_chunks(iter_chunks(nf.delimited(rows), chunk_rows=30, kind="skp"), "skp"))
    assert len(results) >= 3
    problems = [p for r in results for p in r.errors]
    assert [(p.baris, p.kolom, p.pesan) for p in problems] == [
        (102, "nip+tahun+periode", "baris ini sama kuncinya dengan baris 2")
    ]
    assert sum(len(r.rows) for r in results) == 101


def test_an_overflowing_number_is_refused() -> None:
    # 1e400 would be stored as infinity and break the JSON summary (float("inf") is not JSON).
    from asn_metrics.ingest import read_table, validate

    content = b"instansi_kode;tahun;indikator;target\n17.DUKCAPIL;2025;A;1e400\n17.DUKCAPIL;2025;B;1e3\n"
    result = validate(read_table(content, "indikator.csv", "indikator"), "indikator")
    assert [p.baris for p in result.errors] == [2]
    assert result.errors[0].kolom == "target"


@pytest.mark.parametrize("chunk_rows", [1, 2, 100])
def test_error_report_of_a_file_read_in_chunks_is_the_same_report(chunk_rows: int) -> None:
    # A big file's report is written chunk by chunk (the page's streaming path): same bytes, file problems
    # (here a missing required column) first.
    content = nf.delimited([["nip", "nama"], [nf.NIP_L, "Budi"], [nf.NIP_P, "Sari"], [nf.NIP_L2, "Ahmad"]])
    raw, result = run(content, "pegawai")
    out = io.BytesIO()
    write_error_report(iter_chunks(content, chunk_rows, "pegawai"), result.error_frame, out)
    assert out.getvalue() == error_report(raw, result)
    assert out.getvalue().decode("utf-8-sig").splitlines()[1].startswith(";;kolom instansi_kode:")


KEY_CASES = {
    "skp, NIPs as offices type them": (
        "skp",
        [
            nf.SKP_HEADER,
            ["1986 0926 2015 05 1 001", "2025", "TW 1", "atas", "atas"],
            ["'198609262015051001", "2.025", "tahunan", "atas", "atas"],
            ["1.98609E+17", "2025", "tw2", "atas", "atas"],
            [nf.NIP_P, "", "Triwulan III", "atas", "atas"],
            [nf.NIP_P, "2025", "", "atas", "atas"],
            ["", "2025", "tw4", "atas", "atas"],
        ],
    ),
    "skm without respondent ids": (
        "skm",
        [["instansi_kode", "tanggal", "u1"], ["17.DUKCAPIL", "01/02/2025", "4"], ["17.dukcapil", "2025-02-02", "3"]],
    ),
    "indikator with a missing period": (
        "indikator",
        [
            ["instansi_kode", "tahun", "indikator", "target"],
            ["17.DUKCAPIL", "2025", "Antrean", "30"],
            ["17.DUKCAPIL", "2025", " Antrean ", "31"],
            ["", "tahun lalu", "", "1"],
        ],
    ),
}


@pytest.mark.parametrize("case", KEY_CASES)
def test_codes_number_the_values_of_the_rows(case: str) -> None:
    # Writing a big file looks NIPs and codes up, and hashes keys, by validation's codes instead of factorizing
    # the values again (importer.table_rows, chunks._key_hashes): equal codes must mean equal values.
    kind, rows = KEY_CASES[case]
    raw = read_table(nf.delimited(rows), "a.csv", kind)
    for result in (validate(raw, kind, KNOWN),):
        assert set(KIND_SPECS[kind].key) & set(result.codes)  # keys have codes: the cases test something
        for name, codes in result.codes.items():
            values = result.rows[name]
            assert ((codes == -1) == values.isna().to_numpy()).all(), name
            numbered = pd.Series(codes).where(codes >= 0)  # -1: missing
            assert pd.factorize(numbered)[0].tolist() == pd.factorize(values)[0].tolist(), name


def test_control_characters_in_a_text_are_replaced_with_a_warning() -> None:
    # Issue 17 item 3: a vertical tab or a bell inside a name was stored where no one sees it.
    converted = convert(col("pegawai", "nama"), pd.Series(["Budi\x0bSantoso", "Siti", "A\x07 b"]))
    assert converted.values.tolist() == ["Budi Santoso", "Siti", "A b"]
    assert converted.problems.empty
    assert converted.warnings["pesan"].tolist() == [
        "karakter kontrol tak terlihat diganti spasi: disimpan sebagai Budi Santoso; periksa nilainya",
        "karakter kontrol tak terlihat diganti spasi: disimpan sebagai A b; periksa nilainya",
    ]
