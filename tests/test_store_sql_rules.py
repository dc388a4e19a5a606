"""Where the store repeats a metric's rule in SQL, SQL and pandas agree on the generated demo database."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import Engine, select

from asn_metrics import development, followup, quality, service, skp, store, survey
from asn_metrics.filters import Filters


def _latest(engine: Engine) -> int:
    return store.load_skp_years(engine)[0]


def test_standing_ratings_equal_annual_predikat(demo_engine: Engine) -> None:
    # DOMAIN.md §1: the annual rating stands for the year, else the last period.
    tahun = _latest(demo_engine)
    f = Filters(tahun=tahun)
    years = (tahun - 1, tahun)
    expected = skp.annual_predikat(store.load_skp(demo_engine, f, years=years))
    got = store.load_standing(demo_engine, f, years=years)
    columns = ["nip", "tahun", "predikat", "sumber_periode", "instansi_kode"]
    assert len(got) > 100
    pd.testing.assert_frame_equal(
        got[columns].sort_values(["nip", "tahun"]).reset_index(drop=True),
        expected[columns].astype({"tahun": "int64"}).sort_values(["nip", "tahun"]).reset_index(drop=True),
    )


def test_jp_per_pegawai_in_sql_equals_pandas(demo_engine: Engine) -> None:
    # DOMAIN.md §6: at least 20 JP a year; a training counts in the year it starts; inactive staff left out.
    f = Filters(tahun=_latest(demo_engine))
    expected = development.jp_per_pegawai(
        store.load_pelatihan(demo_engine, f), store.load_pegawai(demo_engine, f, active_only=True), f.tahun or 0
    )
    got = store.load_jp_per_pegawai(demo_engine, f)
    assert got["memenuhi_20_jp"].any() and not got["memenuhi_20_jp"].all()
    pd.testing.assert_frame_equal(
        got.sort_values("nip").reset_index(drop=True), expected.sort_values("nip").reset_index(drop=True)
    )


@pytest.mark.parametrize("scope", [{}, {"wilayah": "17.71"}, {"jenis_jabatan": "pelaksana"}])
def test_followup_lists_in_sql_equal_the_lists_from_all_rows(demo_engine: Engine, scope: dict[str, str]) -> None:
    # DOMAIN.md §8: the four lists, counted and paged in SQL over skp_tahunan (store.lists), hold the same
    # people in the same order, with the same reasons, as followup.followup_lists over every raw SKP row.
    from asn_metrics.views import pengembangan
    from asn_metrics.views.source import StoreSource

    tahun = _latest(demo_engine)
    f = Filters(tahun=tahun, **scope)
    jp = store.load_jp_per_pegawai(demo_engine, f)
    everything = followup.followup_lists(store.load_skp(demo_engine, f, years=(tahun - 1, tahun)), jp, tahun=tahun)
    counts = store.load_followup_counts(demo_engine, f, tahun=tahun)
    for title, slug in pengembangan.LISTS:
        expected = everything[everything["daftar"] == title].reset_index(drop=True)
        got = pengembangan.list_rows(StoreSource(demo_engine), f, slug)
        assert len(expected) > 0 and counts[slug] == len(got) == len(expected), slug
        assert got["nip"].tolist() == expected["nip"].tolist(), slug
        assert got["predikat"].fillna("–").tolist() == expected["predikat"].fillna("–").tolist(), slug
        assert got["keterangan"].tolist() == expected["keterangan"].tolist(), slug
        assert set(got["aturan"]) == set(expected["aturan"]), slug
    plans = store.load_list_rows(demo_engine, f, name="pembinaan", tahun=tahun)
    assert set(plans["tahun"]) <= {tahun - 1, tahun}


@pytest.mark.parametrize("scope", [{}, {"wilayah": "17.71"}])
def test_workforce_in_sql_equals_the_workforce_module(demo_engine: Engine, scope: dict[str, str]) -> None:
    # DOMAIN.md §12: the profile (age on 31 December), BUP, the retirement date (1st of the month after BUP),
    # retirement within five years and succession risk, counted in SQL (store.workforce), equal the pandas
    # rules of the workforce module over every active employee.
    from asn_metrics import workforce

    tahun = _latest(demo_engine)
    f = Filters(tahun=tahun, **scope)
    staff = store.load_pegawai(demo_engine, f, active_only=True)
    at = pd.Timestamp(tahun, 12, 31)
    profile = workforce.workforce_profile(staff, by=(), ref_date=at)
    for dimension in workforce.PROFILE_DIMENSIONS:
        got = store.load_profile(demo_engine, f, dimension=dimension, tahun=tahun)
        expected = profile[profile["dimensi"] == dimension].reset_index(drop=True)
        pd.testing.assert_frame_equal(got, expected, check_dtype=False)
    per_agency = store.load_retirement(demo_engine, f, tahun=tahun)
    leaving = workforce.retiring_within(staff, 5, at)
    assert per_agency["aktif"].sum() == len(staff) and per_agency["pensiun"].sum() == len(leaving) > 0
    annual = store.load_standing(demo_engine, f, years=(tahun,))
    risk = workforce.succession_risk(staff, annual, tahun)
    mine = per_agency[per_agency["jumlah_sb_baik"] > 0].reset_index(drop=True)
    columns = ["instansi_kode", "jumlah_sb_baik", "jumlah_pensiun"]
    pd.testing.assert_frame_equal(mine[columns], risk[columns].reset_index(drop=True), check_dtype=False)
    best = store.load_list_rows(demo_engine, f, name="pensiun_terbaik", tahun=tahun)
    good = annual.loc[annual["predikat"].isin(["Sangat Baik", "Baik"]), "nip"]
    expected_best = leaving[leaving["nip"].isin(good)]
    assert best["nip"].tolist() == expected_best["nip"].tolist()
    assert (best["tanggal_pensiun"].to_numpy() == expected_best["tanggal_pensiun"].to_numpy()).all()


def test_service_summary_equals_the_raw_timeliness_counts(demo_engine: Engine) -> None:
    # DOMAIN.md §3: on time = finished within the regional, else default, standard of the service.
    from sqlalchemy import func

    from asn_metrics.db import schema
    from asn_metrics.store.base import frame
    from asn_metrics.store.services import summed_timeliness, timeliness_statement

    for by in (("wilayah_kode",), ("instansi_kode", "jenis_layanan"), ("tahun", "bulan_ke")):
        raw = frame(
            demo_engine, timeliness_statement(by).where(func.extract("year", schema.layanan.c.tanggal_masuk) > 0)
        )
        summed = frame(demo_engine, summed_timeliness(by))
        assert int(raw["tepat_waktu"].sum()) > 0
        assert [tuple(map(str, r)) for r in raw.itertuples(index=False)] == [
            tuple(map(str, r)) for r in summed.itertuples(index=False)
        ], by


def test_freshness_summary_equals_the_raw_rows(demo_engine: Engine) -> None:
    # DOMAIN.md §9 freshness: per agency and kind, the newest active upload and the newest event in its rows.
    from asn_metrics.db import schema
    from asn_metrics.store.base import frame
    from asn_metrics.store.quality import freshness_statement

    raw = freshness_statement().subquery()
    expected = frame(
        demo_engine,
        select(
            schema.instansi.c.kode.label("instansi_kode"), raw.c.jenis, raw.c.impor_terakhir, raw.c.peristiwa_terakhir
        )
        .join(schema.instansi, schema.instansi.c.id == raw.c.instansi_id)
        .order_by(schema.instansi.c.kode, raw.c.jenis),
    )
    for name in ("impor_terakhir", "peristiwa_terakhir"):
        expected[name] = pd.to_datetime(expected[name], format="mixed")
    got = store.load_upload_freshness(demo_engine, Filters())
    assert len(got) > 100 and got["peristiwa_terakhir"].notna().any()
    pd.testing.assert_frame_equal(got, expected)


@pytest.mark.parametrize("by", [(), ("jenis_layanan",), ("instansi_kode",), ("instansi_kode", "jenis_layanan")])
def test_speed_from_the_summaries_equals_service_speed_over_raw_rows(demo_engine: Engine, by: tuple[str, ...]) -> None:
    # DOMAIN.md §3: exact median and 90th percentile of finished applications, timeliness against the
    # regional, else default, standard — from layanan_bulanan + layanan_durasi as from every application.
    for f in (Filters(tahun=2025), Filters(tahun=2026, wilayah="17.71")):
        raw = store.load_layanan(demo_engine, f)
        expected = service.service_speed(
            raw.assign(semua=""), store.load_standar_layanan(demo_engine), by=list(by) or "semua"
        )
        counts = store.load_service_timeliness_counts(demo_engine, f, by=by)
        got = service.speed_from_summaries(counts, store.load_service_durations(demo_engine, f, by=by), by)
        assert len(got) >= 1 and got["median_jam"].notna().all()
        pd.testing.assert_frame_equal(
            got, expected[got.columns].reset_index(drop=True), check_dtype=False, rtol=0, atol=1e-9
        )


@pytest.mark.parametrize("by", [(), ("instansi_kode",), ("wilayah_kode",)])
def test_ikm_from_the_survey_sums_equals_ikm_over_the_responses(demo_engine: Engine, by: tuple[str, ...]) -> None:
    # DOMAIN.md §2: NRR per element, IKM = mean NRR × 25 rounded half up, the t-interval of the respondent
    # scores and the mutu — from skm_ringkas as from every response, to the last digit.
    for f in (Filters(tahun=2025), Filters(tahun=2024, wilayah="17.71")):
        raw = store.load_skm(demo_engine, f)
        sums = store.load_skm_sums(demo_engine, f, by=by)
        expected = survey.ikm(raw, by=list(by) or None).reset_index(drop=True)
        assert len(raw) > 100
        pd.testing.assert_frame_equal(survey.ikm_from_sums(sums, by=list(by) or None), expected, check_dtype=False)
        pd.testing.assert_frame_equal(
            survey.nrr_from_sums(sums, by=list(by) or None), survey.nrr(raw, by=list(by) or None), check_dtype=False
        )


def test_straight_lining_from_the_survey_sums_equals_the_responses(demo_engine: Engine) -> None:
    # DOMAIN.md §9 patterns: the share of respondents with one answer throughout, per agency.
    f = Filters(tahun=2025)
    expected = quality.straight_lining(store.load_skm(demo_engine, f)).reset_index(drop=True)
    got = quality.straight_lining_counts(store.load_skm_sums(demo_engine, f, by=("instansi_kode",)))
    assert expected["identik"].sum() > 0
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)


def test_service_completeness_equals_the_raw_rows(demo_engine: Engine) -> None:
    # DOMAIN.md §9 completeness: services with an end time, and those open more than 30 days before the date.
    import datetime as dt

    f = Filters(tahun=2026)
    rows = store.load_layanan(demo_engine, f)
    for as_of in (dt.datetime(2026, 11, 23), dt.datetime(2027, 3, 1)):
        stale = rows["tanggal_selesai"].isna() & (rows["tanggal_masuk"] < as_of - dt.timedelta(days=30))
        expected = (
            rows.assign(_selesai=rows["tanggal_selesai"].notna(), _lama=stale)
            .groupby("instansi_kode")
            .agg(jumlah=("_selesai", "size"), selesai=("_selesai", "sum"), terbuka_lebih_30_hari=("_lama", "sum"))
            .reset_index()
        )
        got = store.load_service_completeness(demo_engine, f, as_of=as_of)
        pd.testing.assert_frame_equal(got, expected, check_dtype=False)
    assert got["terbuka_lebih_30_hari"].sum() > 0


def test_jp_summary_in_sql_equals_development_jp_summary(demo_engine: Engine) -> None:
    # DOMAIN.md §6: per agency, active employees, mean JP and those with at least 20 JP in the year.
    f = Filters(tahun=_latest(demo_engine))
    expected = development.jp_summary(store.load_jp_per_pegawai(demo_engine, f)).reset_index(drop=True)
    got = store.load_jp_summary(demo_engine, f)
    assert 0 < got["jumlah_memenuhi_20_jp"].sum() < got["jumlah_pegawai"].sum()
    pd.testing.assert_frame_equal(got, expected, check_dtype=False, rtol=1e-12)
    overall = store.load_jp_summary(demo_engine, f, by=())
    pd.testing.assert_frame_equal(
        overall, development.jp_summary(store.load_jp_per_pegawai(demo_engine, f), by=()), check_dtype=False
    )
