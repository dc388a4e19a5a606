"""The engine and cached loaders, keyed by the filters and the database's data version."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from asn_metrics import compose, development, store
from asn_metrics.db.engine import make_engine
from asn_metrics.filters import Filters
from asn_metrics.settings import load_settings


@st.cache_resource(show_spinner=False)
def _engine_for(url: str) -> Engine:
    return make_engine(url)


def engine() -> Engine:
    return _engine_for(load_settings().db_url)


def version() -> str:
    """The current data version; every cached loader takes it so an import shows at once."""
    return store.data_version(engine())


@st.cache_data(show_spinner=False, max_entries=64)
def wilayah(data_version: str) -> pd.DataFrame:
    return store.load_wilayah(engine())


@st.cache_data(show_spinner=False, max_entries=64)
def instansi(data_version: str) -> pd.DataFrame:
    return store.load_instansi(engine())


@st.cache_data(show_spinner=False, max_entries=64)
def years(data_version: str) -> list[int]:
    return store.load_data_years(engine())


@st.cache_data(show_spinner=False, max_entries=64)
def skp_years(data_version: str) -> list[int]:
    return store.load_skp_years(engine())


@st.cache_data(show_spinner=False, max_entries=64)
def demo_info(data_version: str) -> dict[str, Any] | None:
    return store.load_demo_info(engine())


@st.cache_data(show_spinner=False, max_entries=64)
def data_as_of(data_version: str) -> dict[str, Any]:
    return store.load_data_as_of(engine())


@st.cache_data(show_spinner=False, max_entries=256)
def pegawai_count(data_version: str, filters: Filters) -> int:
    return store.load_pegawai_count(engine(), filters)


@st.cache_data(show_spinner=False, max_entries=256)
def predikat_counts(data_version: str, filters: Filters, by: tuple[str, ...] = ()) -> pd.DataFrame:
    return store.load_predikat_counts(engine(), filters, by=by)


@st.cache_data(show_spinner=False, max_entries=256)
def service_timeliness_counts(data_version: str, filters: Filters, by: tuple[str, ...] = ()) -> pd.DataFrame:
    return store.load_service_timeliness_counts(engine(), filters, by=by)


@st.cache_data(show_spinner=False, max_entries=128)
def predikat_trend(
    data_version: str, filters: Filters, years: tuple[int, ...], by: tuple[str, ...] = ()
) -> pd.DataFrame:
    return store.load_predikat_trend(engine(), filters, years=years, by=by)


@st.cache_data(show_spinner=False, max_entries=64)
def service_monthly(data_version: str, filters: Filters) -> pd.DataFrame:
    return store.load_service_monthly(engine(), filters)


@st.cache_data(show_spinner=False, max_entries=32)
def layanan(data_version: str, filters: Filters) -> pd.DataFrame:
    return store.load_layanan(engine(), filters)


@st.cache_data(show_spinner=False, max_entries=8)
def standar_layanan(data_version: str) -> pd.DataFrame:
    return store.load_standar_layanan(engine())


@st.cache_data(show_spinner=False, max_entries=32)
def skm(data_version: str, filters: Filters) -> pd.DataFrame:
    return store.load_skm(engine(), filters)


@st.cache_data(show_spinner=False, max_entries=32)
def pengaduan(data_version: str, filters: Filters) -> pd.DataFrame:
    return store.load_pengaduan(engine(), filters)


@st.cache_data(show_spinner=False, max_entries=32)
def indikator(data_version: str, filters: Filters) -> pd.DataFrame:
    return store.load_indikator(engine(), filters)


@st.cache_data(show_spinner=False, max_entries=32)
def pegawai(data_version: str, filters: Filters) -> pd.DataFrame:
    return store.load_pegawai(engine(), filters, active_only=True)


@st.cache_data(show_spinner=False, max_entries=32)
def skp_rows(data_version: str, filters: Filters, years: tuple[int, ...]) -> pd.DataFrame:
    return store.load_skp(engine(), filters, years=years)


@st.cache_data(show_spinner=False, max_entries=32)
def pelatihan(data_version: str, filters: Filters) -> pd.DataFrame:
    return store.load_pelatihan(engine(), filters)


@st.cache_data(show_spinner=False, max_entries=32)
def skp_coverage(data_version: str, filters: Filters) -> pd.DataFrame:
    return store.load_skp_coverage(engine(), filters)


@st.cache_data(show_spinner=False, max_entries=32)
def upload_freshness(data_version: str, filters: Filters) -> pd.DataFrame:
    return store.load_upload_freshness(engine(), filters)


@st.cache_data(show_spinner=False, max_entries=32)
def service_completeness(data_version: str, filters: Filters, as_of: dt.datetime) -> pd.DataFrame:
    return store.load_service_completeness(engine(), filters, as_of=as_of)


@st.cache_data(show_spinner=False, max_entries=32)
def skp_consistency(data_version: str, filters: Filters) -> pd.DataFrame:
    return store.load_skp_consistency(engine(), filters)


@st.cache_data(show_spinner=False, max_entries=64)
def search_pegawai(data_version: str, text: str, filters: Filters) -> pd.DataFrame:
    return store.search_pegawai(engine(), text, filters)


@st.cache_data(show_spinner=False, max_entries=64)
def person(data_version: str, nip: str) -> dict[str, pd.DataFrame]:
    """One employee's record and history: pegawai, skp, pelatihan, disiplin."""
    eng = engine()
    return {
        "pegawai": store.load_person(eng, nip),
        "skp": store.load_person_skp(eng, nip),
        "pelatihan": store.load_person_pelatihan(eng, nip),
        "disiplin": store.load_person_disiplin(eng, nip),
    }


@st.cache_data(show_spinner=False, max_entries=64)
def officer_layanan(data_version: str, nip: str, tahun: int) -> pd.DataFrame:
    return store.load_officer_layanan(engine(), nip, tahun)


@st.cache_data(show_spinner=False, max_entries=32)
def quality_table(data_version: str, filters: Filters) -> pd.DataFrame:
    """The data-quality score per agency of the year (compose.quality_table from the store's aggregates)."""
    as_of = data_as_of(data_version).get("impor_terakhir") or dt.datetime.now()
    return compose.quality_table(
        coverage=skp_coverage(data_version, filters),
        completeness=service_completeness(data_version, filters, as_of),
        latest=upload_freshness(data_version, filters),
        consistency=skp_consistency(data_version, filters),
        skm_rows=skm(data_version, filters),
        predikat_counts=predikat_counts(data_version, filters, ("instansi_kode",)),
    )


@st.cache_data(show_spinner=False, max_entries=32)
def agency_scorecard(data_version: str, filters: Filters) -> pd.DataFrame:
    """The agency scorecard of the year (compose.scorecard_for over every part's aggregate)."""
    assert filters.tahun is not None
    staff = pegawai(data_version, filters)
    jp = development.jp_per_pegawai(pelatihan(data_version, filters), staff, filters.tahun)
    return compose.scorecard_for(
        predikat_counts=predikat_counts(data_version, filters, ("instansi_kode",)),
        skm_rows=skm(data_version, filters),
        timeliness_counts=service_timeliness_counts(data_version, filters, ("instansi_kode",)),
        pengaduan_rows=pengaduan(data_version, filters),
        indikator_rows=indikator(data_version, filters),
        jp=jp,
        kualitas=quality_table(data_version, filters),
    )
