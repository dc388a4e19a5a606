"""AppTest of the Unggah Data page: upload, verdict, confirm, history and undo, against a real database."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from asn_metrics import importer
from asn_metrics.db import schema
from asn_metrics.db.engine import make_engine
from asn_metrics.db.migrate import upgrade
from tests import nasty_files as nf
from tests.test_import import AGENCIES, PEOPLE, SKP_2025

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def db_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'unggah.db'}"
    engine = make_engine(url)
    upgrade(engine)
    for content, name in ((AGENCIES, "instansi.csv"), (PEOPLE, "pegawai.csv")):
        importer.commit(engine, importer.prepare(engine, content, name), pengguna="uji", sumber="cli")
    engine.dispose()
    monkeypatch.setenv("ASN_DB_URL", url)
    monkeypatch.chdir(ROOT)
    return url


def _skp_rows(url: str) -> int:
    with make_engine(url).connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(schema.skp)) or 0)


def _page() -> AppTest:
    return AppTest.from_file(str(ROOT / "app_pages" / "unggah.py"), default_timeout=60)


def test_valid_file_is_previewed_confirmed_and_written(db_url: str) -> None:
    at = _page().run()
    assert not at.exception
    at.file_uploader(key="berkas_unggah").upload("skp.csv", SKP_2025, "text/csv")
    at.run()
    assert not at.exception
    assert any("Berkas valid: 3 baris" in s.value for s in at.success)
    # The kind was recognised from the headers (DATA_FORMATS.md: detected when not chosen).
    assert any("dibaca sebagai **Penilaian kinerja individu (SKP) (skp)**" in m.value for m in at.markdown)
    assert _skp_rows(db_url) == 0  # nothing written before the confirmation
    [confirm] = [b for b in at.button if b.label.startswith("Impor 3 baris")]
    confirm.click()
    at.run()
    assert not at.exception
    assert any("3 baris baru" in s.value for s in at.success)
    assert _skp_rows(db_url) == 3
    # The same file again is recognised and not offered for import.
    assert any("persis sama" in i.value for i in at.info)


def test_refused_file_lists_every_error_and_writes_nothing(db_url: str) -> None:
    at = _page().run()
    at.file_uploader(key="berkas_unggah").upload("skp.csv", nf.mangled_nips_csv(), "text/csv")
    at.selectbox(key="jenis_unggah").set_value("skp")
    at.run()
    assert not at.exception
    assert any("Berkas ditolak: 2 kesalahan" in e.value for e in at.error)
    errors = at.dataframe[0].value
    assert list(errors["Baris"]) == [3, 4]
    assert not [b for b in at.button if b.label.startswith("Impor")]
    assert _skp_rows(db_url) == 0
    # DATA_FORMATS.md "All or nothing": the report to download is the original rows plus `kesalahan`.
    [report] = [b for b in at.get("download_button") if "laporan kesalahan" in b.proto.label]
    expected = importer.prepare(make_engine(db_url), nf.mangled_nips_csv(), "skp.csv", "skp").error_report()
    assert "kesalahan" in expected.decode("utf-8-sig").splitlines()[0]
    assert report.proto.label.startswith("Unduh laporan kesalahan")


def test_unknown_agencies_are_offered_for_import(db_url: str) -> None:
    at = _page().run()
    at.file_uploader(key="berkas_unggah").upload("pegawai.csv", nf.unknown_codes_pegawai(), "text/csv")
    at.run()
    assert not at.exception
    assert any("17.TIDAKADA" in w.value for w in at.warning)
    assert any(b.label == "Impor instansi ini dulu" for b in at.button)


def test_importing_the_offered_agencies_unnamed_is_refused_by_name_and_writes_nothing(db_url: str) -> None:
    # The offered rows come with only their code: importing them before a name and a region are filled in is
    # refused with the instansi rules' own message, and the agency table stays as it was.
    def agencies() -> int:
        with make_engine(db_url).connect() as conn:
            return int(conn.scalar(select(func.count()).select_from(schema.instansi)) or 0)

    before = agencies()
    at = _page().run()
    at.file_uploader(key="berkas_unggah").upload("pegawai.csv", nf.unknown_codes_pegawai(), "text/csv")
    at.run()
    [offer] = [b for b in at.button if b.label == "Impor instansi ini dulu"]
    offer.click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    [refusal] = [e.value for e in at.error if e.value.startswith("Instansi belum dapat diimpor")]
    assert "kolom nama" in refusal and "wajib" in refusal
    assert agencies() == before


def test_unreadable_file_gets_a_message(db_url: str) -> None:
    at = _page().run()
    at.file_uploader(key="berkas_unggah").upload("rusak.xlsx", nf.broken_xlsx(), "application/octet-stream")
    at.run()
    assert not at.exception
    assert at.error and "XLSX" in at.error[0].value


def test_history_lists_imports_and_undoes_the_latest(db_url: str) -> None:
    engine = make_engine(db_url)
    done = importer.commit(engine, importer.prepare(engine, SKP_2025, "skp.csv"), pengguna="uji", sumber="cli")
    at = _page().run()
    history = at.dataframe[-1].value
    assert list(history["jenis"])[:3] == ["skp", "pegawai", "instansi"]
    at.selectbox[-1].set_value(done.batch_id)
    at.run()
    [undo] = [b for b in at.button if b.label == "Batalkan impor ini"]
    undo.click()
    at.run()
    assert not at.exception
    assert any(f"Impor #{done.batch_id} dibatalkan: 3 baris dihapus" in s.value for s in at.success)
    assert _skp_rows(db_url) == 0


def test_templates_for_every_kind(db_url: str) -> None:
    at = _page().run()
    labels = [b.label for b in at.get("download_button")] if at.get("download_button") else []
    assert labels.count("CSV") == 9 and labels.count("XLSX") == 9


@pytest.fixture
def small_big_files(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Make a 40-row file count as big, so the page streams it like a 1,000,000-row one; the spooled copies
    go to a folder of this test's own (returned)."""
    from asn_metrics.ui import upload_big

    monkeypatch.setattr(upload_big, "STREAM_LINES", 5)
    monkeypatch.setattr(upload_big, "_SPOOL", tmp_path / "spool")
    return tmp_path / "spool"


def test_a_big_file_is_checked_and_written_in_chunks(db_url: str, small_big_files: Path) -> None:
    from tests.test_import import _many_skp

    at = _page().run()
    at.file_uploader(key="berkas_unggah").upload("skp-besar.csv", _many_skp(40), "text/csv")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("berkas besar" in m.value for m in at.markdown)
    assert any("Berkas valid: 40 baris" in s.value for s in at.success)
    preview = at.dataframe[0].value
    assert list(preview["baris"][:3]) == [2, 3, 4] and len(preview) == 20
    assert _skp_rows(db_url) == 0
    [confirm] = [b for b in at.button if b.label.startswith("Impor 40 baris")]
    confirm.click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("40 baris baru" in s.value for s in at.success)
    assert _skp_rows(db_url) == 40
    with make_engine(db_url).connect() as conn:
        names = conn.execute(select(schema.import_batch.c.nama_file, schema.import_batch.c.sumber)).all()
    assert ("skp-besar.csv", "unggah") in [tuple(n) for n in names]
    assert not list(small_big_files.iterdir())  # the spooled copy is gone once imported


def test_a_big_refused_file_lists_its_errors_and_writes_nothing(db_url: str, small_big_files: Path) -> None:
    from tests.test_import import _many_skp

    at = _page().run()
    at.file_uploader(key="berkas_unggah").upload("skp-besar.csv", _many_skp(40, bad_line=33), "text/csv")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Berkas ditolak: 1 kesalahan" in e.value for e in at.error)
    assert list(at.dataframe[0].value["Baris"]) == [33]
    assert not [b for b in at.button if b.label.startswith("Impor")]
    assert _skp_rows(db_url) == 0


def test_spooled_uploads_left_for_a_day_are_removed_at_the_next_big_upload(db_url: str, small_big_files: Path) -> None:
    # A refused or never confirmed big upload leaves its copy (as big as the file); the next big upload sweeps
    # copies unused for SPOOL_KEPT_SECONDS, and only those.
    import os
    import time

    from asn_metrics.ui import upload_big
    from tests.test_import import _many_skp

    old, recent = small_big_files / "a", small_big_files / "b"
    for folder in (old, recent):
        folder.mkdir(parents=True)
        (folder / "skp.csv").write_bytes(b"x" * 100)
    long_ago = time.time() - upload_big.SPOOL_KEPT_SECONDS - 60
    os.utime(old, (long_ago, long_ago))
    at = _page().run()
    at.file_uploader(key="berkas_unggah").upload("skp-besar.csv", _many_skp(40, bad_line=33), "text/csv")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not old.exists()
    assert (recent / "skp.csv").exists()
    assert (small_big_files / hashlib.sha256(_many_skp(40, bad_line=33)).hexdigest() / "skp-besar.csv").exists()


def test_a_big_refused_file_offers_the_same_report_as_a_small_one(db_url: str, small_big_files: Path) -> None:
    # DATA_FORMATS.md "All or nothing": the report is the original rows plus `kesalahan`, for big files too
    # (written chunk by chunk), byte for byte what the in-memory path gives for the same file.
    from tests.test_import import _many_skp

    content = _many_skp(40, bad_line=33)
    at = _page().run()
    at.file_uploader(key="berkas_unggah").upload("skp-besar.csv", content, "text/csv")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    [button] = [b for b in at.get("download_button") if "laporan kesalahan" in b.proto.label]
    engine = make_engine(db_url)
    expected = importer.prepare(engine, content, "skp-besar.csv", "skp").error_report()
    [written] = list((small_big_files / hashlib.sha256(content).hexdigest()).glob(".*.kesalahan.csv"))
    assert written.read_bytes() == expected
    assert "luar biasa" in expected.decode("utf-8-sig").splitlines()[32]
    assert button.proto.label.startswith("Unduh laporan kesalahan")
