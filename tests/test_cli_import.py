"""`python -m asn_metrics import | history | undo` as a user runs them (DATA_FORMATS.md "Command line" exit codes)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest

from tests import nasty_files as nf
from tests.test_cli import run_cli
from tests.test_import import AGENCIES, PEOPLE, SKP_2025, SKP_2025_REVISED


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert run_cli("init-db", db_url=url).returncode == 0
    for kind, content in (("instansi", AGENCIES), ("pegawai", PEOPLE)):
        path = tmp_path / f"{kind}.csv"
        path.write_bytes(content)
        done = run_cli("import", kind, str(path), db_url=url)
        assert done.returncode == 0, done.stderr
    return url


def test_import_dry_run_then_import_then_identical_then_undo(db: str, tmp_path: Path) -> None:
    path = tmp_path / "skp.csv"
    path.write_bytes(SKP_2025)
    dry = run_cli("import", "skp", str(path), "--dry-run", "--json", db_url=db)
    assert dry.returncode == 0
    checked = json.loads(dry.stdout)
    # The dry run says what the import would do (DATA_FORMATS.md "Idempotent"), and writes nothing.
    assert (checked["status"], checked["baru"], checked["diubah"], checked["tetap"]) == ("valid", 3, 0, 0)
    # --as applies an account's scope (issue 15 item 2): evaluator1 manages both agencies of SKP_2025.
    added = run_cli_users(db, "add", "evaluator1", "--role", "evaluator", "--instansi", "17.DUKCAPIL", "17.04.DUKCAPIL")
    assert added.returncode == 0, added.stderr
    done = run_cli("import", "skp", str(path), "--json", "--as", "evaluator1", db_url=db)
    report = json.loads(done.stdout)
    assert (report["status"], report["baru"], report["diubah"], report["tetap"]) == ("diimpor", 3, 0, 0)
    again = run_cli("import", "skp", str(path), db_url=db)
    assert again.returncode == 0
    assert f"impor #{report['batch_id']}" in again.stdout
    # DATA_FORMATS.md "Idempotent": the same bytes change nothing and say when (and by whom) they came before.
    same = json.loads(run_cli("import", "skp", str(path), "--json", db_url=db).stdout)
    [batch] = [h for h in json.loads(run_cli("history", "--json", db_url=db).stdout) if h["id"] == report["batch_id"]]
    assert (same["status"], same["batch_id"], same["pengguna_sebelumnya"]) == (
        "sudah_diimpor",
        report["batch_id"],
        "evaluator1",
    )
    assert same["diimpor_pada"] == batch["dibuat_pada"]
    when = dt.datetime.fromisoformat(batch["dibuat_pada"])
    assert f"pada {when:%d-%m-%Y %H:%M} oleh evaluator1; tidak ada yang diubah" in again.stdout
    # The history records the file's SHA-256 (DATA_FORMATS.md "Every upload"), shown by `history` too.
    digest = hashlib.sha256(SKP_2025).hexdigest()
    assert (batch["sha256"], batch["nama_file"], batch["baris_baru"]) == (digest, "skp.csv", 3)
    listed = run_cli("history", db_url=db).stdout.splitlines()
    [line] = [x for x in listed if x.startswith(f"#{report['batch_id']} ")]
    assert f"sha256 {digest[:12]}" in line and "skp.csv" in line and "evaluator1" in line
    revised = tmp_path / "skp-revisi.csv"
    revised.write_bytes(SKP_2025_REVISED)
    second = json.loads(run_cli("import", "skp", str(revised), "--json", db_url=db).stdout)
    history = json.loads(run_cli("history", "--json", db_url=db).stdout)
    assert [h["jenis"] for h in history[:2]] == ["skp", "skp"]
    assert history[1]["pengguna"] == "evaluator1"
    undone = run_cli("undo", str(second["batch_id"]), db_url=db)
    assert undone.returncode == 0
    assert "1 baris dihapus, 1 baris dikembalikan" in undone.stdout
    refused = run_cli("undo", str(report["batch_id"] - 1), db_url=db)
    assert refused.returncode == 1
    assert "Traceback" not in refused.stderr


def test_refused_file_exits_1_with_every_error(db: str, tmp_path: Path) -> None:
    path = tmp_path / "skp-rusak.csv"
    path.write_bytes(nf.mangled_nips_csv())
    result = run_cli("import", "skp", str(path), db_url=db)
    assert result.returncode == 1
    assert "Baris 3, kolom nip" in result.stderr and "Baris 4, kolom nip" in result.stderr
    assert "tidak ada data yang ditulis" in result.stderr
    as_json = json.loads(run_cli("import", "skp", str(path), "--json", db_url=db).stdout)
    assert as_json["status"] == "ditolak"
    assert {e["baris"] for e in as_json["kesalahan"]} == {3, 4}


@pytest.mark.parametrize(
    ("content", "name", "says"),
    [
        (nf.binary_garbage(), "x.csv", "bukan teks CSV (isinya biner atau rusak)"),
        (nf.empty_file(), "kosong.csv", "kosong. Pilih berkas CSV atau XLSX yang berisi data"),
        (nf.header_only(), "judul.csv", "hanya berisi judul kolom, tanpa baris data"),
        (nf.broken_xlsx(), "rusak.xlsx", "rusak atau tidak lengkap, sehingga tidak dapat dibuka sebagai XLSX"),
        (nf.old_xls(), "lama.xls", "berformat .xls (Excel 97-2003) yang tidak didukung"),
        (nf.pdf(), "laporan.pdf", "adalah PDF; isinya tidak dapat dibaca sebagai tabel"),
        # Issue 17 item 1: what ended in a traceback under fuzzing.
        (nf.huge_cell(), "panjang.csv", "baris 2 berisi sel yang terlalu panjang (lebih dari 131.072 karakter)"),
        (nf.utf16_cut(), "terpotong.csv", "rusak: teks UTF-16-nya terpotong atau berisi karakter yang tidak sah"),
        (nf.utf16_lone_surrogate(), "surrogat.csv", "rusak: teks UTF-16-nya terpotong atau berisi karakter"),
        (nf.xlsx_damaged_inside(), "zlib.xlsx", "rusak"),
        (nf.nul_after_the_sample(), "nul.csv", "berisi karakter NUL (byte 0) pada baris 402"),
    ],
    ids=[
        "garbage",
        "empty",
        "header-only",
        "broken-xlsx",
        "xls",
        "pdf",
        "huge-cell",
        "utf16-cut",
        "utf16-surrogate",
        "zlib",
        "nul",
    ],
)
def test_unreadable_file_exits_2(db: str, tmp_path: Path, content: bytes, name: str, says: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = run_cli("import", "skp", str(path), db_url=db)
    assert result.returncode == 2
    assert result.stderr.startswith(f"Kesalahan: Berkas {name} ") and says in result.stderr
    assert "Traceback" not in result.stderr
    # DATA_FORMATS.md: "--json puts them in the JSON".
    as_json = run_cli("import", "skp", str(path), "--json", db_url=db)
    assert as_json.returncode == 2
    report = json.loads(as_json.stdout)
    assert report["status"] == "tidak_terbaca" and says in report["kesalahan"][0]["pesan"]


def test_unknown_kind_is_a_usage_error(db: str, tmp_path: Path) -> None:
    result = run_cli("import", "gaji", str(tmp_path / "x.csv"), db_url=db)
    assert result.returncode == 2
    assert "pilihan tidak dikenal" in result.stderr


def test_a_folder_or_an_unreadable_path_exits_2(db: str, tmp_path: Path) -> None:
    result = run_cli("import", "skp", str(tmp_path), db_url=db)
    assert result.returncode == 2
    assert "bukan berkas" in result.stderr
    missing = run_cli("import", "skp", str(tmp_path / "tidak-ada.csv"), db_url=db)
    assert missing.returncode == 2 and "tidak ditemukan" in missing.stderr


def test_an_integer_beyond_64_bits_is_refused_with_its_row(db: str, tmp_path: Path) -> None:
    # Issue 17 item 1: 99999999999999999999999 as a year ended in a traceback; it is a refused value now (exit 1),
    # echoed at most 60 characters long.
    path = tmp_path / "besar.csv"
    huge = "9" * 80
    path.write_bytes(nf.delimited([nf.SKP_HEADER, [nf.NIP_L, huge, "tahunan", "atas", "atas"]]))
    result = run_cli("import", "skp", str(path), db_url=db)
    assert result.returncode == 1 and "Traceback" not in result.stderr + result.stdout
    out = result.stdout + result.stderr
    assert f"kolom tahun: nilai {'9' * 60}… terlalu besar (lebih dari 15 angka)" in out and huge not in out


def run_cli_users(db: str, *args: str):  # type: ignore[no-untyped-def]
    import os
    import subprocess
    import sys

    from tests.test_cli import ROOT

    env = {**os.environ, "ASN_DB_URL": db}
    return subprocess.run(
        [sys.executable, "-m", "asn_metrics", "users", *args, "--password-stdin"]
        if args[0] == "add"
        else [sys.executable, "-m", "asn_metrics", "users", *args],
        cwd=ROOT,
        env=env,
        input="kata-sandi-rahasia\n",
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_import_as_an_evaluator_stays_within_their_agencies(db: str, tmp_path: Path) -> None:
    # Issue 15 item 2: an evaluator's upload that touches another agency is refused naming it, nothing written;
    # a guest may not upload; --as must name an active account.
    assert run_cli_users(db, "add", "eva.kota", "--role", "evaluator", "--instansi", "17.DUKCAPIL").returncode == 0
    assert run_cli_users(db, "add", "tamu.rapat", "--role", "tamu").returncode == 0
    path = tmp_path / "skp.csv"
    path.write_bytes(SKP_2025)  # two employees of 17.DUKCAPIL, one of 17.04.DUKCAPIL (Kaur)
    refused = run_cli("import", "skp", str(path), "--json", "--as", "eva.kota", db_url=db)
    report = json.loads(refused.stdout)
    assert refused.returncode == 1 and report["status"] == "ditolak"
    assert [(e["kolom"], e["nilai"], e["pesan"]) for e in report["kesalahan"]] == [
        ("nip", "17.04.DUKCAPIL", "instansi 17.04.DUKCAPIL di luar lingkup akun Anda")
    ]
    assert "hanya untuk 17.DUKCAPIL" in report["kesalahan"][0]["saran"]
    history = json.loads(run_cli("history", "--json", db_url=db).stdout)
    assert all(h["jenis"] != "skp" for h in history)
    guest = run_cli("import", "skp", str(path), "--as", "tamu.rapat", db_url=db)
    assert guest.returncode == 2 and "tamu tidak dapat mengunggah" in guest.stderr
    nobody = run_cli("import", "skp", str(path), "--as", "siapa", db_url=db)
    assert nobody.returncode == 2 and "tidak ada atau tidak aktif" in nobody.stderr
