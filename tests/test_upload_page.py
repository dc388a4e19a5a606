"""AppTest of the Unggah Data page: upload, verdict, confirm, history and undo, against a real database."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from asn_metrics import importer, ingest
from asn_metrics.db import schema
from asn_metrics.db.engine import make_engine
from asn_metrics.db.migrate import upgrade
from tests import nasty_files as nf
from tests.signin import sign_in
from tests.test_import import AGENCIES, PEOPLE, SKP_2025

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def db_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'unggah.db'}"
    engine = make_engine(url)
    upgrade(engine)
    for content, name in ((AGENCIES, "instansi.csv"), (PEOPLE, "pegawai.csv")):
        assert importer.run(engine, content, filename=name, pengguna="uji", sumber="cli").status == "diimpor"
    engine.dispose()
    monkeypatch.setenv("ASN_DB_URL", url)
    monkeypatch.chdir(ROOT)
    return url


def _skp_rows(url: str) -> int:
    with make_engine(url).connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(schema.skp)) or 0)


def _page(role: str = "admin") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app_pages" / "unggah.py"), default_timeout=60)
    return sign_in(at, os.environ["ASN_DB_URL"], role)


def test_valid_file_is_previewed_confirmed_and_written(db_url: str) -> None:
    at = _page().run()
    assert not at.exception
    at.file_uploader(key="berkas_unggah").upload("skp.csv", SKP_2025, "text/csv")
    at.run()
    assert not at.exception
    # DATA_FORMATS.md "Idempotent": the check says what the import would do before it is confirmed.
    assert any("Berkas valid: 3 baris siap diimpor (3 baru, 0 diubah, 0 tetap)" in s.value for s in at.success)
    # The kind was recognised from the headers (DATA_FORMATS.md: detected when not chosen).
    assert any("dibaca sebagai **Penilaian kinerja individu (SKP) (skp)**" in m.value for m in at.markdown)
    assert _skp_rows(db_url) == 0  # nothing written before the confirmation
    [confirm] = [b for b in at.button if b.label.startswith("Impor 3 baris")]
    confirm.click()
    at.run()
    assert not at.exception
    assert any("3 baris baru" in s.value for s in at.success)
    assert _skp_rows(db_url) == 3
    # Right after the import the page says what was written, not also that the file is "persis sama" (issue 19
    # item 13), and offers nothing more to import ...
    assert not [i for i in at.info if "persis sama" in i.value]
    assert not [b for b in at.button if b.label.startswith("Impor")]
    # ... while the same file brought again later is recognised (DATA_FORMATS.md "Idempotent").
    later = _page().run()
    later.file_uploader(key="berkas_unggah").upload("skp-lagi.csv", SKP_2025, "text/csv")
    later.run()
    assert any("persis sama" in i.value for i in later.info)


def test_refused_file_lists_every_error_and_writes_nothing(db_url: str) -> None:
    at = _page().run()
    at.file_uploader(key="berkas_unggah").upload("skp.csv", nf.mangled_nips_csv(), "text/csv")
    at.selectbox(key="jenis_unggah").set_value("skp")
    at.run()
    assert not at.exception
    assert any("Berkas ditolak: 2 kesalahan" in e.value for e in at.error)
    errors = at.dataframe[0].value
    assert list(errors["Baris"]) == ["3", "4"]
    assert not [b for b in at.button if b.label.startswith("Impor")]
    assert _skp_rows(db_url) == 0
    # DATA_FORMATS.md "All or nothing": the report to download is the original rows plus `kesalahan`.
    [report] = [b for b in at.get("download_button") if "laporan kesalahan" in b.proto.label]
    assert report.proto.label.startswith("Unduh laporan kesalahan")


def test_unknown_agencies_are_offered_for_import(db_url: str) -> None:
    at = _page().run()
    at.file_uploader(key="berkas_unggah").upload("pegawai.csv", nf.unknown_codes_pegawai(), "text/csv")
    at.run()
    assert not at.exception
    assert any("17.TIDAKADA" in w.value.replace("\\", "") for w in at.warning)  # shown escaped (issue 17 item 4)
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


def test_history_lists_imports_and_undoes_the_latest_after_a_confirmation(db_url: str) -> None:
    done = importer.run(make_engine(db_url), SKP_2025, filename="skp.csv", pengguna="uji", sumber="cli")
    at = _page().run()
    history = at.dataframe[-1].value
    kinds = [ingest.get_kind(k).title for k in ("skp", "pegawai", "instansi")]
    assert list(history["Jenis"])[:3] == kinds
    assert list(history["Status"])[:3] == ["aktif"] * 3
    at.selectbox(key="batal_pilihan").set_value(done.batch_id)
    at.run()
    [ask] = [b for b in at.button if b.label == "Batalkan impor ini…"]
    ask.click()
    at.run()
    # Issue 19 item 13: the undo asks first, saying what it will do; nothing is undone before "Ya, batalkan".
    assert any("Yakin membatalkan impor #" in w.value and "3 baris barunya dihapus" in w.value for w in at.warning)
    assert _skp_rows(db_url) == 3
    [yes] = [b for b in at.button if b.label == "Ya, batalkan"]
    yes.click()
    at.run()
    assert not at.exception
    assert any(f"Impor #{done.batch_id} dibatalkan: 3 baris dihapus" in s.value for s in at.success)
    assert _skp_rows(db_url) == 0
    # The history records who undid it, and when.
    status = at.dataframe[-1].value["Status"].iloc[0]
    assert status.startswith("dibatalkan ") and status.endswith(" oleh uji.admin")
    with make_engine(db_url).connect() as conn:
        who = conn.scalar(
            select(schema.import_batch.c.dibatalkan_oleh).where(schema.import_batch.c.id == done.batch_id)
        )
    assert who == "uji.admin"


def test_templates_for_every_kind(db_url: str) -> None:
    at = _page().run()
    labels = [b.label for b in at.get("download_button")] if at.get("download_button") else []
    assert labels.count("CSV") == 9 and labels.count("XLSX") == 9


def test_a_file_of_several_chunks_is_checked_and_written_like_a_small_one(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One pipeline for every size: with chunks of 10 rows, a 40-row file goes through the page as a
    # 1,000,000-row one does (several chunks, one transaction).
    from tests.test_import import _many_skp

    monkeypatch.setattr(importer, "CHUNK_ROWS", 10)
    at = _page().run()
    at.file_uploader(key="berkas_unggah").upload("skp-besar.csv", _many_skp(40), "text/csv")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Berkas valid: 40 baris siap diimpor (40 baru" in s.value for s in at.success)
    preview = at.dataframe[0].value
    assert len(preview) == 20 and list(preview["NIP"][:4]) == [nf.NIP_L, nf.NIP_P, nf.NIP_L2, nf.NIP_PPPK]
    # Read by a person: Indonesian headers, years as written, '–' where the file says nothing (issue 19 item 13).
    assert "Rating hasil kerja" in preview.columns and not [c for c in preview.columns if "_" in c]
    assert set(preview["Tahun"]) <= {"2022", "2023", "2024", "2025"} and set(preview["Penilai NIP"]) == {"–"}
    assert not preview.isin(["None", "nan", "NaT", "<NA>"]).any(axis=None)
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


def test_a_refused_file_of_several_chunks_lists_its_errors_and_writes_nothing(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.test_import import _many_skp

    monkeypatch.setattr(importer, "CHUNK_ROWS", 10)
    at = _page().run()
    at.file_uploader(key="berkas_unggah").upload("skp-besar.csv", _many_skp(40, bad_line=33), "text/csv")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Berkas ditolak: 1 kesalahan" in e.value for e in at.error)
    assert list(at.dataframe[0].value["Baris"]) == ["33"]
    assert not [b for b in at.button if b.label.startswith("Impor")]
    assert _skp_rows(db_url) == 0


def test_the_error_report_is_the_original_rows_plus_kesalahan_for_every_chunk(monkeypatch: pytest.MonkeyPatch) -> None:
    # DATA_FORMATS.md "All or nothing": the report is the original rows plus `kesalahan`, read again chunk by
    # chunk, byte for byte the report of the file read whole.
    from asn_metrics import ingest
    from tests.test_import import _many_skp

    monkeypatch.setattr(importer, "CHUNK_ROWS", 10)
    content = _many_skp(40, bad_line=33)
    raw = ingest.read_table(content, "skp-besar.csv", "skp")
    result = ingest.validate(raw, "skp")
    whole = ingest.error_report(raw, result)
    chunked = importer.error_report(content, "skp", result.error_frame, "skp-besar.csv")
    assert chunked == whole
    assert "luar biasa" in whole.decode("utf-8-sig").splitlines()[32]
    assert whole.decode("utf-8-sig").splitlines()[32].split(";")[-1].startswith("kolom rating_perilaku_kerja")


def test_an_evaluators_upload_of_another_agency_is_refused_naming_it(db_url: str) -> None:
    # Issue 15 item 2: the evaluator of Disdukcapil Kaur uploads SKP rows of the province's Disdukcapil too.
    at = _page("evaluator").run()
    assert any("hanya dapat mengubah data instansi 17.04.DUKCAPIL" in c.value for c in at.caption)
    at.file_uploader(key="berkas_unggah").upload("skp.csv", SKP_2025, "text/csv")
    at.run()
    assert not at.exception
    errors = at.dataframe[0].value
    assert errors["Pesan"].str.contains("17.DUKCAPIL").any()
    assert not [b for b in at.button if b.label.startswith("Impor ")]
    assert _skp_rows(db_url) == 0
    # The evaluator's history holds only their own imports, and so does what they may undo.
    importer.run(make_engine(db_url), SKP_2025, filename="skp.csv", pengguna="admin", sumber="cli")
    at.run()
    assert not [s for s in at.selectbox if s.key == "batal_pilihan"]
    assert any(i.value == "Belum ada impor." for i in at.info)
