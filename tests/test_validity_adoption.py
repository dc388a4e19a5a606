"""Kualitas Data's validity and adoption parts (DOMAIN.md §9; §1 periodic evaluations): what each upload refused
or warned about, per agency, and whether periodic SKP ratings were recorded by their deadline."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from alembic import command
from sqlalchemy import Engine, func, select

from asn_metrics import adoption, importer
from asn_metrics.db import schema
from asn_metrics.db.engine import make_engine
from asn_metrics.db.migrate import alembic_config, upgrade
from asn_metrics.filters import Filters
from asn_metrics.nip import make_nip
from asn_metrics.quality_score import quality_parts
from asn_metrics.store import load_skp_adoption, load_upload_validity
from asn_metrics.store.upsert import undo_batch
from tests import nasty_files as nf
from tests.test_import import NOW, snapshot, write

# --- the deadline rule (adoption.py, [assumed]: the 15th of the month after the period ends) ---------------------


def test_a_period_is_late_from_the_day_after_the_15th_of_the_next_month() -> None:
    assert adoption.deadline(2025, 3) == dt.datetime(2025, 4, 16)  # TW I: stored on 15 April, any hour, on time
    assert adoption.deadline(2025, 12) == dt.datetime(2026, 1, 16)  # December: into the next year
    assert adoption.deadline(2024, 1) == dt.datetime(2024, 2, 16)


def test_only_periods_whose_deadline_has_passed_are_due() -> None:
    as_of = dt.datetime(2026, 11, 27, 10, 0)
    assert adoption.due_months(2026, 4, as_of) == (3, 6, 9)  # TW IV is due on 16 January 2027
    assert adoption.due_months(2026, 12, as_of) == tuple(range(1, 11))  # November is due on 16 December
    assert adoption.due_months(2025, 4, as_of) == (3, 6, 9, 12)
    assert adoption.due_months(2026, 4, dt.datetime(2026, 4, 15, 23, 59)) == ()
    assert adoption.due_months(2026, 4, dt.datetime(2026, 4, 16)) == (3,)


def test_expected_periods_follow_each_agencys_cadence() -> None:
    # Agency M rates monthly (one monthly row is enough), agency Q quarterly; as of 27 November 2026 M has
    # 10 months due and Q 3 quarters. M: 2 people × 10 = 20 expected; on time: Jan 2 + Feb 1 = 3; its quarterly
    # row (tw1) is not its cadence and counts for nothing. Q: 5 × 3 = 15; on time 4 + 5 + 1 = 10, TW IV not due.
    recorded = pd.DataFrame(
        [
            ("M", 12, 1, 2, 2),
            ("M", 12, 2, 2, 1),
            ("M", 4, 3, 2, 2),
            ("Q", 4, 3, 5, 4),
            ("Q", 4, 6, 5, 5),
            ("Q", 4, 9, 5, 1),
            ("Q", 4, 12, 5, 5),
        ],
        columns=["instansi_kode", "per_tahun", "bulan_akhir", "baris", "tepat_waktu"],
    )
    people = pd.DataFrame({"instansi_kode": ["M", "Q", "Z"], "pegawai": [2, 5, 3]})
    out = adoption.expected_and_on_time(recorded, people, 2026, NOW).set_index("instansi_kode")
    assert out.loc["M"].tolist() == [2, 20, 3]
    assert out.loc["Q"].tolist() == [5, 15, 10]
    assert out.loc["Z"].tolist() == [3, 9, 0]  # rated annually only: every quarter expected, none recorded
    parts = quality_parts(adopsi=out.reset_index()).set_index("instansi_kode")
    assert parts.loc["M", "adopsi"] == 15.0  # 3 / 20
    assert parts.loc["Q", "adopsi"] == pytest.approx(100 * 10 / 15)
    assert (
        parts.loc["Q", "catatan_adopsi"]
        == "Baru 66,7% penilaian periodik tercatat tepat waktu (10 dari 15 periode pegawai)"
    )


def test_no_adoption_is_expected_before_periodic_evaluation_began() -> None:
    people = pd.DataFrame({"instansi_kode": ["Q"], "pegawai": [5]})
    recorded = pd.DataFrame(columns=["instansi_kode", "per_tahun", "bulan_akhir", "baris", "tepat_waktu"])
    assert adoption.expected_and_on_time(recorded, people, 2021, NOW).empty
    assert list(adoption.expected_and_on_time(recorded, people, 2022, NOW)["periode_diharapkan"]) == [20]


# --- through the import pipeline and the store --------------------------------------------------------------------

AGENCIES = nf.delimited(
    [
        ["kode", "nama", "wilayah_kode", "jenis", "induk_kode"],
        ["17.DUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil Provinsi Bengkulu", "17", "dinas", ""],
        ["17.04.DUKCAPIL", "Disdukcapil Kabupaten Kaur", "17.04", "dinas", ""],
    ],
    ";",
)
#: PNS born May 2000 with TMT CPNS January 2016: accepted, with a NIP warning (DOMAIN.md §11).
YOUNG_NIP = make_nip(dt.date(2000, 5, 1), 2016, 1, "L", 1)
PEOPLE = nf.delimited(
    [
        ["nip", "nama", "instansi_kode", "status", "jenis_jabatan"],
        [nf.NIP_L, "Budi Santoso", "17.DUKCAPIL", "PNS", "pelaksana"],
        [nf.NIP_P, "Sari Dewi", "17.DUKCAPIL", "PNS", "fungsional"],
        [YOUNG_NIP, "Joko", "17.DUKCAPIL", "PNS", "pelaksana"],
        [nf.NIP_L2, "Ahmad", "17.04.DUKCAPIL", "PNS", "pengawas"],
    ],
    ";",
)


def _run(engine: Engine, content: bytes, kind: str, name: str, now: dt.datetime, **options) -> importer.Outcome:
    return importer.run(engine, content, kind, filename=name, pengguna="uji", sumber="cli", now=now, **options)


def _log(engine: Engine) -> list[tuple]:
    t = schema.unggah_mutu
    with engine.connect() as conn:
        rows = conn.execute(
            select(t.c.jenis, t.c.instansi_kode, t.c.baris, t.c.baris_ditolak, t.c.nip_salah, t.c.batch_id).order_by(
                t.c.id
            )
        )
        return [tuple(r) for r in rows]


@pytest.fixture
def province(any_engine: Engine) -> Engine:
    write(any_engine, AGENCIES, "instansi.csv")
    write(any_engine, PEOPLE, "pegawai.csv")
    return any_engine


def _validity(engine: Engine) -> dict[str, tuple[int, int, int]]:
    got = load_upload_validity(engine, Filters())
    return {
        k: (a, r, n) for k, a, r, n in got[["instansi_kode", "baris_diterima", "baris_ditolak", "nip_salah"]].values
    }


def test_an_accepted_upload_is_counted_per_agency_with_its_nip_warnings(province: Engine) -> None:
    log = _log(province)
    # The agency list is the province's own, not an agency's data: not counted. The employees: 3 rows of
    # DUKCAPIL (one NIP warned), 1 of Kaur, with the batch that wrote them.
    assert [r[:5] for r in log] == [("pegawai", "17.04.DUKCAPIL", 1, 0, 0), ("pegawai", "17.DUKCAPIL", 3, 0, 1)]
    assert all(r[5] is not None for r in log)
    assert _validity(province) == {"17.04.DUKCAPIL": (1, 0, 0), "17.DUKCAPIL": (3, 0, 1)}


def test_a_refused_upload_is_counted_once_and_changes_no_data(province: Engine) -> None:
    # An SKP file of 3 rows of DUKCAPIL and 1 of Kaur; row 3 names no real rating: the file is refused.
    refused_file = nf.delimited(
        [
            nf.SKP_HEADER,
            [nf.NIP_L, "2026", "tw1", "sesuai", "sesuai"],
            [nf.NIP_P, "2026", "tw1", "luar biasa", "sesuai"],
            [YOUNG_NIP, "2026", "tw1", "sesuai", "sesuai"],
            [nf.NIP_L2, "2026", "tw1", "sesuai", "sesuai"],
        ],
        ";",
    )
    before, logged = snapshot(province), len(_log(province))
    dry = _run(province, refused_file, "skp", "skp.csv", NOW, dry_run=True)
    assert dry.status == "ditolak" and len(_log(province)) == logged  # a check before import is no upload
    refused = _run(province, refused_file, "skp", "skp.csv", NOW)
    assert refused.status == "ditolak"
    assert snapshot(province) == before
    new = _log(province)[logged:]
    assert new == [("skp", "17.04.DUKCAPIL", 1, 0, 0, None), ("skp", "17.DUKCAPIL", 3, 1, 1, None)]
    _run(province, refused_file, "skp", "skp.csv", NOW)  # the same file sent again is the same upload
    assert len(_log(province)) == logged + 2
    # DUKCAPIL: 6 rows, 1 refused, 2 accepted with a warned NIP → (5 − 2) / 6 valid.
    assert _validity(province)["17.DUKCAPIL"] == (5, 1, 2)
    parts = quality_parts(validitas=load_upload_validity(province, Filters())).set_index("instansi_kode")
    assert parts.loc["17.DUKCAPIL", "validitas"] == pytest.approx(50.0)
    assert parts.loc["17.04.DUKCAPIL", "validitas"] == 100.0


def test_an_undone_upload_no_longer_counts(province: Engine) -> None:
    skp = nf.delimited([nf.SKP_HEADER, [YOUNG_NIP, "2026", "tw1", "sesuai", "sesuai"]], ";")
    done = write(province, skp, "skp.csv", "skp")
    assert _validity(province)["17.DUKCAPIL"] == (4, 0, 2)
    undo_batch(province, done.batch_id, now=NOW)
    assert _validity(province)["17.DUKCAPIL"] == (3, 0, 1)


def _skp(*rows: tuple[str, str]) -> bytes:
    return nf.delimited([nf.SKP_HEADER, *([nip, "2026", periode, "sesuai", "sesuai"] for nip, periode in rows)], ";")


def test_a_rating_counts_from_when_it_was_first_stored(province: Engine) -> None:
    # TW I of 2026 is due by 15 April. Budi's and Sari's stored on 10 April: on time; Joko's on 20 April: late.
    # Budi's is revised in November: still on time (first stored in April). TW II, due by 15 July: Budi's stored
    # on 1 August, late. As of 27 November, DUKCAPIL (3 people, quarterly) expects 3 × 3 = 9 periods: 2 on time.
    _run(province, _skp((nf.NIP_L, "tw1"), (nf.NIP_P, "tw1")), "skp", "a.csv", dt.datetime(2026, 4, 10, 9))
    _run(province, _skp((YOUNG_NIP, "tw1")), "skp", "b.csv", dt.datetime(2026, 4, 20, 9))
    _run(province, _skp((nf.NIP_L, "tw2")), "skp", "c.csv", dt.datetime(2026, 8, 1, 9))
    revised = nf.delimited([nf.SKP_HEADER, [nf.NIP_L, "2026", "tw1", "di atas", "sesuai"]], ";")
    assert _run(province, revised, "skp", "d.csv", NOW).diubah == 1
    with province.connect() as conn:
        stored = conn.execute(
            select(schema.skp.c.periode, schema.skp.c.dicatat_pada, schema.skp.c.rating_hasil_kerja)
            .join(schema.pegawai, schema.pegawai.c.id == schema.skp.c.pegawai_id)
            .where(schema.pegawai.c.nip == nf.NIP_L)
            .order_by(schema.skp.c.periode)
        ).all()
    assert [tuple(r) for r in stored] == [
        ("tw1", dt.datetime(2026, 4, 10, 9), "Di Atas Ekspektasi"),
        ("tw2", dt.datetime(2026, 8, 1, 9), "Sesuai Ekspektasi"),
    ]
    got = load_skp_adoption(province, Filters(tahun=2026), as_of=NOW).set_index("instansi_kode")
    assert got.loc["17.DUKCAPIL"].tolist() == [3, 9, 2]
    assert "17.04.DUKCAPIL" not in got.index  # nobody rated in 2026: nothing to expect of it
    kaur_only = load_skp_adoption(province, Filters(tahun=2026, wilayah="17.04"), as_of=NOW)
    assert kaur_only.empty


def test_migration_fills_when_each_stored_rating_was_recorded(sqlite_url: str) -> None:
    # A database at 0008 holds a rating imported on 3 April 2025; 0009 records it as stored then.
    engine = make_engine(sqlite_url)
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0008")
    with engine.begin() as conn:
        for sql in (
            "INSERT INTO wilayah (kode, nama, tingkat) VALUES ('17', 'Provinsi Bengkulu', 'provinsi')",
            "INSERT INTO instansi (id, kode, nama, wilayah_kode) VALUES (1, '17.BKD', 'BKD', '17')",
            "INSERT INTO pegawai (id, nip, nama, instansi_id, jenis_kelamin, tanggal_lahir) "
            f"VALUES (1, '{nf.NIP_L}', 'Budi', 1, 'L', '1986-09-26')",
            "INSERT INTO import_batch (id, jenis, nama_file, sha256, pengguna, dibuat_pada) "
            "VALUES (7, 'skp', 'skp.csv', 'aa', 'uji', '2025-04-03 08:30:00.000000')",
            "INSERT INTO skp (pegawai_id, tahun, periode, bulan_akhir, regime, batch_id) "
            "VALUES (1, 2025, 'tw1', 3, 'permenpanrb_6_2022', 7)",
        ):
            conn.exec_driver_sql(sql)
    upgrade(engine)
    with engine.connect() as conn:
        assert conn.scalar(select(schema.skp.c.dicatat_pada)) == dt.datetime(2025, 4, 3, 8, 30)
        assert conn.scalar(select(func.count()).select_from(schema.unggah_mutu)) == 0
    engine.dispose()
