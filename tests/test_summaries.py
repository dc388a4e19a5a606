"""The skp_tahunan summary: the SQL rule equals the pandas rule, and every write keeps the summary exact."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from sqlalchemy import Engine, select

from asn_metrics import importer, skp
from asn_metrics.db import schema
from asn_metrics.store import quality, skp_summary
from asn_metrics.store.upsert import undo_batch
from tests import nasty_files as nf
from tests.test_import import NOW, SKP_2025, SKP_2025_REVISED, staffed, write  # noqa: F401

P, S = schema.pegawai, schema.skp_tahunan


def _stored(engine: Engine) -> list[tuple]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(S).order_by(S.c.pegawai_id, S.c.tahun))]


def _recomputed(engine: Engine) -> list[tuple]:
    rows = skp_summary.summary_select().subquery()
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(rows).order_by(rows.c.pegawai_id, rows.c.tahun))]


def test_sql_rule_equals_the_pandas_rule_on_the_demo(demo_engine: Engine) -> None:
    # DOMAIN.md §1: the annual predikat stands for the year, else the last period (a quarter before a month).
    raw_stmt = select(
        P.c.nip, schema.skp.c.tahun, schema.skp.c.periode, schema.skp.c.bulan_akhir, schema.skp.c.predikat
    ).join(P, P.c.id == schema.skp.c.pegawai_id)
    summary_stmt = (
        select(P.c.nip, S.c.tahun, S.c.predikat, S.c.periode)
        .join(P, P.c.id == S.c.pegawai_id)
        .where(S.c.predikat.is_not(None))
    )
    with demo_engine.connect() as conn:
        raw = pd.DataFrame([tuple(r) for r in conn.execute(raw_stmt)], columns=list(raw_stmt.selected_columns.keys()))
        stored = {(r.nip, int(r.tahun)): (r.predikat, r.periode) for r in conn.execute(summary_stmt)}
    expected = skp.annual_predikat(raw)
    assert len(expected) > 1000
    assert stored == {(r.nip, int(r.tahun)): (r.predikat, r.sumber_periode) for r in expected.itertuples(index=False)}


def test_a_quarter_and_a_month_ending_together_give_the_quarter(staffed: Engine) -> None:  # noqa: F811
    # DOMAIN.md §1 with reference.PERIODES order: tw4 and b12 both end in December; the quarter stands.
    rows = [
        nf.SKP_HEADER,
        [nf.NIP_L, "2024", "Desember", "bawah", "bawah"],
        [nf.NIP_L, "2024", "TW IV", "atas", "atas"],
    ]
    write(staffed, nf.delimited(rows), "skp-seri.csv")
    # The month is the evaluation before the quarter (month < quarter < annual, DOMAIN.md §8); two rows, no
    # contradiction with the matrix.
    assert [r[1:] for r in _stored(staffed)] == [(2024, "tw4", "Sangat Baik", "b12", "Sangat Kurang", 2, 0)]


# SKP_2025 by the DOMAIN.md §1 matrix: atas/atas Sangat Baik (annual), sesuai/bawah Kurang/Misconduct (TW I),
# bawah/bawah Sangat Kurang (December); one row each.
EXPECTED_2025 = [("b12", "Sangat Kurang", 1), ("tahunan", "Sangat Baik", 1), ("tw1", "Kurang/Misconduct", 1)]


def test_imports_and_undo_keep_the_summary_exact(staffed: Engine) -> None:  # noqa: F811
    assert _stored(staffed) == []
    write(staffed, SKP_2025, "skp.csv")
    first = _stored(staffed)
    assert first == _recomputed(staffed)
    assert sorted((r[2], r[3], r[6]) for r in first) == EXPECTED_2025
    revised = write(staffed, SKP_2025_REVISED, "skp-revisi.csv")
    assert _stored(staffed) == _recomputed(staffed) != first
    undo_batch(staffed, revised.batch_id, now=NOW)
    assert _stored(staffed) == first


def _agencies(engine: Engine) -> list[tuple]:
    A = schema.skp_instansi
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(A).order_by(*A.primary_key.columns))]


def _agencies_recomputed(engine: Engine) -> list[tuple]:
    rows = skp_summary.agency_select().subquery()
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(rows).order_by(*rows.c))]


def test_skp_per_agency_follows_ratings_and_employees_moving(staffed: Engine) -> None:  # noqa: F811
    # skp_instansi counts each employee's standing predikat (DOMAIN.md §1) under their current agency: an SKP
    # import adds to it, an employee moved to another agency moves their rating with them, an undo restores it.
    write(staffed, SKP_2025, "skp.csv")
    before = _agencies(staffed)
    assert before == _agencies_recomputed(staffed) and sum(r[-1] for r in before) == 3
    with staffed.connect() as conn:
        ids = dict(conn.execute(select(schema.instansi.c.kode, schema.instansi.c.id)).all())
    # (tahun, instansi, jenis_jabatan, aktif, predikat, annual?, jumlah): Budi's annual Sangat Baik at 17.DUKCAPIL.
    assert (2025, ids["17.DUKCAPIL"], "pelaksana", True, "Sangat Baik", True, 1) in before
    moved = nf.delimited(
        [
            ["nip", "nama", "instansi_kode", "status", "jenis_jabatan"],
            [nf.NIP_L, "Budi Santoso", "17.04.DUKCAPIL", "PNS", "pelaksana"],
        ],
        ";",
    )
    batch = write(staffed, moved, "pindah.csv", "pegawai")
    after = _agencies(staffed)
    assert after == _agencies_recomputed(staffed) != before
    assert (2025, ids["17.04.DUKCAPIL"], "pelaksana", True, "Sangat Baik", True, 1) in after
    undo_batch(staffed, batch.batch_id, now=NOW)
    assert _agencies(staffed) == before


def _adoption(engine: Engine) -> list[tuple]:
    A = schema.skp_adopsi
    with engine.connect() as conn:
        ids = {i: k for k, i in conn.execute(select(schema.instansi.c.kode, schema.instansi.c.id))}
        return sorted((r.tahun, ids[r.instansi_id], *r[2:]) for r in conn.execute(select(A)))


def _adoption_recomputed(engine: Engine) -> list[tuple]:
    with engine.connect() as conn:
        ids = {i: k for k, i in conn.execute(select(schema.instansi.c.kode, schema.instansi.c.id))}
        years = sorted(conn.scalars(select(schema.skp.c.tahun).distinct()))
        rows = [tuple(r) for y in years for r in conn.execute(quality.adoption_select(y))]
    return sorted((r[0], ids[r[1]], *r[2:]) for r in rows)


def test_skp_adoption_summary_follows_ratings_their_deadline_and_employees_moving(staffed: Engine) -> None:  # noqa: F811
    # skp_adopsi counts periodic ratings per year, current agency and period, and those first stored before the
    # deadline, the 15th of the month after the period (DOMAIN.md §9 adoption). SKP_2025 is stored on
    # 27 November 2026: TW I 2025 (due 15 April 2025) and December 2025 (due 15 January 2026) are both late;
    # the annual rating is not periodic.
    write(staffed, SKP_2025, "skp.csv")
    assert _adoption(staffed) == [(2025, "17.04.DUKCAPIL", "b12", 12, 1, 0), (2025, "17.DUKCAPIL", "tw1", 3, 1, 0)]
    # TW I 2026 stored on 10 April 2026 (before 15 April) is on time, and counts in its own year only.
    early = nf.delimited([nf.SKP_HEADER, [nf.NIP_P, "2026", "TW I", "sesuai", "sesuai"]])
    done = importer.run(
        staffed, early, None, filename="tw1.csv", pengguna="uji", sumber="cli", now=dt.datetime(2026, 4, 10)
    )
    assert done.status == "diimpor", done.messages()
    assert (2026, "17.DUKCAPIL", "tw1", 3, 1, 1) in _adoption(staffed)
    before = _adoption(staffed)
    assert before == _adoption_recomputed(staffed)
    # Sari moves to Kaur: her ratings count there in every year; undoing the move brings them back.
    moved = nf.delimited(
        [
            ["nip", "nama", "instansi_kode", "status", "jenis_jabatan"],
            [nf.NIP_P, "Sari Dewi", "17.04.DUKCAPIL", "PNS", "fungsional"],
        ],
        ";",
    )
    batch = write(staffed, moved, "pindah.csv", "pegawai")
    after = _adoption(staffed)
    assert after == _adoption_recomputed(staffed)
    assert {r[1] for r in after} == {"17.04.DUKCAPIL"}
    undo_batch(staffed, batch.batch_id, now=NOW)
    assert _adoption(staffed) == before
    undo_batch(staffed, done.batch_id, now=NOW)
    assert _adoption(staffed) == [(2025, "17.04.DUKCAPIL", "b12", 12, 1, 0), (2025, "17.DUKCAPIL", "tw1", 3, 1, 0)]


def test_predikat_counts_from_the_agency_summary_equal_the_per_person_counts(demo_engine: Engine) -> None:
    # The counts by region, agency or position type come from skp_instansi; the same counts over the employees'
    # standing ratings (skp_tahunan, one row each) must agree, also with a position-type filter and annual only.
    from asn_metrics import store
    from asn_metrics.filters import Filters

    tahun = store.load_skp_years(demo_engine)[0]
    for filters in (Filters(tahun=tahun), Filters(tahun=tahun, wilayah="17.71", jenis_jabatan="fungsional")):
        standing = store.load_standing(demo_engine, filters, years=(tahun,))
        for by in ((), ("instansi_kode",), ("wilayah_kode",)):
            got = store.load_predikat_counts(demo_engine, filters, by=by)
            expected = standing.groupby([*by, "predikat"]).size().rename("jumlah").reset_index()
            pd.testing.assert_frame_equal(got.reset_index(drop=True), expected, check_dtype=False)
        annual = store.load_predikat_counts(demo_engine, filters, last_period_stands_for_year=False)
        expected = standing[standing["sumber_periode"] == "tahunan"].groupby("predikat").size()
        assert annual.set_index("predikat")["jumlah"].to_dict() == expected.to_dict()
        coverage = store.load_skp_coverage(demo_engine, filters)
        staff = store.load_pegawai(demo_engine, filters, active_only=True)
        assert coverage["pegawai"].sum() == len(staff)
        assert coverage["dinilai"].sum() == staff["nip"].isin(standing["nip"]).sum()


def _services(engine: Engine) -> list[tuple]:
    L = schema.layanan_bulanan
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(L).order_by(*L.primary_key.columns))]


def _durations(engine: Engine) -> list[tuple]:
    D = schema.layanan_durasi
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(D).order_by(*D.primary_key.columns))]


def test_service_imports_and_undo_keep_the_monthly_summary_exact(staffed: Engine) -> None:  # noqa: F811
    # DOMAIN.md §3: 45 min and 3 h against the 1-hour KTP-el standard; an open application has no duration.
    header = ["instansi_kode", "nomor", "jenis_layanan", "tanggal_masuk", "tanggal_selesai"]
    first = [
        header,
        ["17.DUKCAPIL", "R-1", "ktp_el", "27/11/2025 08:30", "27/11/2025 09:15"],
        ["17.DUKCAPIL", "R-2", "ktp_el", "28/11/2025 08:00", "28/11/2025 11:00"],
        ["17.04.DUKCAPIL", "R-3", "ktp_el", "02/12/2025 11:00", ""],
    ]
    write(staffed, nf.delimited(first, ";"), "layanan.csv", "layanan")
    one = _services(staffed)
    # (tahun, jenis, bulan, received, finished, finished with a standard, on time): the province's November,
    # then Kaur's December with its open application.
    assert [(r[0], *r[2:]) for r in one] == [(2025, "ktp_el", 11, 2, 2, 2, 1), (2025, "ktp_el", 12, 1, 0, 0, 0)]
    # layanan_durasi (tahun, jenis, durasi_jam, jumlah): the two finished applications, 0,75 h and 3 h.
    durations = [(r[0], r[2], r[3], r[4]) for r in _durations(staffed)]
    assert durations == [(2025, "ktp_el", 0.75, 1), (2025, "ktp_el", 3.0, 1)]
    later = [header, ["17.DUKCAPIL", "R-4", "ktp_el", "05/01/2026 08:00", "05/01/2026 08:20"]]
    batch = write(staffed, nf.delimited(later, ";"), "layanan-2026.csv", "layanan")
    assert len(_services(staffed)) == 3
    assert len(_durations(staffed)) == 3
    undo_batch(staffed, batch.batch_id, now=NOW)
    assert _services(staffed) == one
    assert [(r[0], r[2], r[3], r[4]) for r in _durations(staffed)] == durations


def test_a_file_of_many_employees_refreshes_whole_years_alike(
    staffed: Engine,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Above MAX_PEOPLE employees the refresh recomputes whole years; the result is the same summary.
    monkeypatch.setattr(skp_summary, "MAX_PEOPLE", 1)
    write(staffed, SKP_2025, "skp.csv")
    assert _stored(staffed) == _recomputed(staffed)
    assert sorted((r[2], r[3], r[6]) for r in _stored(staffed)) == EXPECTED_2025


def _survey_sums(engine: Engine) -> list[tuple]:
    R = schema.skm_ringkas
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(R).order_by(*R.primary_key.columns))]


def test_survey_imports_and_undo_keep_the_survey_sums_exact(staffed: Engine) -> None:  # noqa: F811
    # DOMAIN.md §2: per agency and year, responses, the nine sums of answers, Σ S and Σ S² of each response's
    # total, and the responses with one answer throughout. 2025: all 3s (S = 27) and a mixed response (S = 30).
    header = ["instansi_kode", "tanggal", "responden_id", *(f"u{i}" for i in range(1, 10))]
    first = [
        header,
        ["17.DUKCAPIL", "27/08/2025", "A", *["3"] * 9],
        ["17.DUKCAPIL", "28/08/2025", "B", "4", "4", "4", "3", "3", "3", "3", "3", "3"],
    ]
    write(staffed, nf.delimited(first, ";"), "skm.csv", "skm")
    one = _survey_sums(staffed)
    assert [(r[0], r[2], r[3], r[6], r[12], r[13], r[14]) for r in one] == [(2025, 2, 7, 6, 57, 27 * 27 + 30 * 30, 1)]
    later = [header, ["17.DUKCAPIL", "05/01/2026", "C", *["2"] * 9]]
    batch = write(staffed, nf.delimited(later, ";"), "skm-2026.csv", "skm")
    assert [r[0] for r in _survey_sums(staffed)] == [2025, 2026]
    undo_batch(staffed, batch.batch_id, now=NOW)
    assert _survey_sums(staffed) == one
