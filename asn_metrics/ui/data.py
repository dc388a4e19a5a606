"""The engine and cached loaders, keyed by the filters and the database's data version."""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from asn_metrics import store
from asn_metrics.db.engine import make_engine
from asn_metrics.filters import Filters
from asn_metrics.settings import load_settings
from asn_metrics.views.source import StoreSource


@st.cache_resource(show_spinner=False)
def _engine_for(url: str) -> Engine:
    return make_engine(url)


def engine() -> Engine:
    return _engine_for(load_settings().db_url)


_VERSION_KEY = "_data_version_run"


def version() -> str:
    """The current data version; every cached loader takes it so an import shows at once.

    Read once per script run: the entry script calls ``forget_version`` first, and so does every write (import,
    undo), so a rerun sees an import made in the meantime while one run never mixes two versions.
    """
    known = st.session_state.get(_VERSION_KEY)
    if known is None:
        known = st.session_state[_VERSION_KEY] = store.data_version(engine())
    return str(known)


def forget_version() -> None:
    """Forget the data version read so far (see ``version``): at the start of a run and after a write."""
    st.session_state.pop(_VERSION_KEY, None)


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
def _predikat_trend(
    data_version: str, filters: Filters, years: tuple[int, ...], by: tuple[str, ...] = ()
) -> pd.DataFrame:
    return store.load_predikat_trend(engine(), filters, years=years, by=by)


def predikat_trend(
    data_version: str, filters: Filters, years: tuple[int, ...], by: tuple[str, ...] = ()
) -> pd.DataFrame:
    """Cached by scope and years only: a change of year or period reuses it."""
    return _predikat_trend(data_version, filters.across_years(), years, by)


@st.cache_data(show_spinner=False, max_entries=64)
def _service_monthly(data_version: str, filters: Filters) -> pd.DataFrame:
    return store.load_service_monthly(engine(), filters)


def service_monthly(data_version: str, filters: Filters) -> pd.DataFrame:
    """Every year of the filters' region and agency; cached by those two only."""
    return _service_monthly(data_version, filters.agencies_only())


@st.cache_data(show_spinner=False, max_entries=128)
def service_durations(data_version: str, filters: Filters, by: tuple[str, ...] = ()) -> pd.DataFrame:
    return store.load_service_durations(engine(), filters, by=by)


@st.cache_data(show_spinner=False, max_entries=32)
def open_services(data_version: str, filters: Filters) -> pd.DataFrame:
    return store.load_open_services(engine(), filters)


@st.cache_data(show_spinner=False, max_entries=64)
def last_received(data_version: str, filters: Filters) -> dt.datetime | None:
    return store.load_last_received(engine(), filters)


@st.cache_data(show_spinner=False, max_entries=8)
def standar_layanan(data_version: str) -> pd.DataFrame:
    return store.load_standar_layanan(engine())


@st.cache_data(show_spinner=False, max_entries=128)
def skm_sums(data_version: str, filters: Filters, by: tuple[str, ...] = ()) -> pd.DataFrame:
    return store.load_skm_sums(engine(), filters, by=by)


@st.cache_data(show_spinner=False, max_entries=32)
def pengaduan(data_version: str, filters: Filters) -> pd.DataFrame:
    return store.load_pengaduan(engine(), filters)


@st.cache_data(show_spinner=False, max_entries=32)
def indikator(data_version: str, filters: Filters) -> pd.DataFrame:
    return store.load_indikator(engine(), filters)


@st.cache_data(show_spinner=False, max_entries=64)
def workforce_profile(data_version: str, filters: Filters, dimension: str) -> pd.DataFrame:
    return StoreSource(engine()).workforce_profile(filters, dimension)


@st.cache_data(show_spinner=False, max_entries=64)
def retirement(data_version: str, filters: Filters) -> pd.DataFrame:
    return StoreSource(engine()).retirement(filters)


@st.cache_data(show_spinner=False, max_entries=32)
def standing(data_version: str, filters: Filters, years: tuple[int, ...]) -> pd.DataFrame:
    return store.load_standing(engine(), filters, years=years)


@st.cache_data(show_spinner=False, max_entries=64)
def followup_counts(data_version: str, filters: Filters) -> dict[str, int]:
    return StoreSource(engine()).followup_counts(filters)


@st.cache_data(show_spinner=False, max_entries=64)
def jp_summary(data_version: str, filters: Filters) -> pd.DataFrame:
    return store.load_jp_summary(engine(), filters)


@st.cache_data(show_spinner=False, max_entries=32)
def skp_coverage(data_version: str, filters: Filters) -> pd.DataFrame:
    return store.load_skp_coverage(engine(), filters)


@st.cache_data(show_spinner=False, max_entries=32)
def _upload_freshness(data_version: str, filters: Filters) -> pd.DataFrame:
    return store.load_upload_freshness(engine(), filters)


def upload_freshness(data_version: str, filters: Filters) -> pd.DataFrame:
    """Independent of year, period and position type; cached by region and agency only."""
    return _upload_freshness(data_version, filters.agencies_only())


@st.cache_data(show_spinner=False, max_entries=32)
def service_completeness(data_version: str, filters: Filters, as_of: dt.datetime) -> pd.DataFrame:
    return store.load_service_completeness(engine(), filters, as_of=as_of)


@st.cache_data(show_spinner=False, max_entries=32)
def skp_consistency(data_version: str, filters: Filters) -> pd.DataFrame:
    return store.load_skp_consistency(engine(), filters)


@st.cache_data(show_spinner=False, max_entries=32)
def _upload_validity(data_version: str, filters: Filters) -> pd.DataFrame:
    return store.load_upload_validity(engine(), filters)


def upload_validity(data_version: str, filters: Filters) -> pd.DataFrame:
    """Independent of year, period and position type; cached by region and agency only."""
    return _upload_validity(data_version, filters.agencies_only())


@st.cache_data(show_spinner=False, max_entries=32)
def skp_adoption(data_version: str, filters: Filters, as_of: dt.datetime) -> pd.DataFrame:
    return store.load_skp_adoption(engine(), filters, as_of=as_of)


@st.cache_data(show_spinner=False, max_entries=64)
def search_pegawai(data_version: str, text: str, filters: Filters) -> pd.DataFrame:
    return store.search_pegawai(engine(), text, filters)


@st.cache_data(show_spinner=False, max_entries=64)
def person(data_version: str, nip: str, filters: Filters) -> dict[str, pd.DataFrame]:
    """One employee's record and history: pegawai, skp, pelatihan, disiplin."""
    return StoreSource(engine()).person(nip, filters)


@st.cache_data(show_spinner=False, max_entries=64)
def officer_layanan(data_version: str, nip: str, tahun: int, filters: Filters) -> pd.DataFrame:
    return store.load_officer_layanan(engine(), nip, tahun, filters)


@st.cache_data(show_spinner=False, max_entries=8)
def scorecard_weights(data_version: str) -> dict[str, float]:
    return StoreSource(engine()).scorecard_weights()


class CachedSource:
    """The views' ``Source`` over the cached loaders above, at one data version."""

    def __init__(self, data_version: str) -> None:
        self.data_version = data_version

    def wilayah(self) -> pd.DataFrame:
        return wilayah(self.data_version)

    def instansi(self) -> pd.DataFrame:
        return instansi(self.data_version)

    def pegawai_count(self, filters: Filters) -> int:
        return pegawai_count(self.data_version, filters)

    def predikat_counts(self, filters: Filters, by: tuple[str, ...] = ()) -> pd.DataFrame:
        return predikat_counts(self.data_version, filters, by)

    def service_timeliness_counts(self, filters: Filters, by: tuple[str, ...] = ()) -> pd.DataFrame:
        return service_timeliness_counts(self.data_version, filters, by)

    def skm_sums(self, filters: Filters, by: tuple[str, ...] = ()) -> pd.DataFrame:
        return skm_sums(self.data_version, filters, by)

    def standing(self, filters: Filters, years: tuple[int, ...]) -> pd.DataFrame:
        return standing(self.data_version, filters, years)

    def followup_counts(self, filters: Filters) -> dict[str, int]:
        return followup_counts(self.data_version, filters)

    def list_page(
        self, filters: Filters, name: str, number: int, text: str, total: int | None
    ) -> tuple[pd.DataFrame, int, int]:
        """Uncached: each page is cached as a view entry (e.g. ``views.pengembangan.list_page``)."""
        return StoreSource(engine()).list_page(filters, name, number, text, total)

    def list_rows(self, filters: Filters, name: str) -> pd.DataFrame:
        return StoreSource(engine()).list_rows(filters, name)

    def jp_summary(self, filters: Filters) -> pd.DataFrame:
        return jp_summary(self.data_version, filters)

    def workforce_profile(self, filters: Filters, dimension: str) -> pd.DataFrame:
        return workforce_profile(self.data_version, filters, dimension)

    def retirement(self, filters: Filters) -> pd.DataFrame:
        return retirement(self.data_version, filters)

    def search_pegawai(self, text: str, filters: Filters) -> pd.DataFrame:
        return search_pegawai(self.data_version, text, filters)

    def person(self, nip: str, filters: Filters) -> dict[str, pd.DataFrame]:
        return person(self.data_version, nip, filters)

    def scorecard_weights(self) -> dict[str, float]:
        return scorecard_weights(self.data_version)

    def officer_layanan(self, nip: str, tahun: int, filters: Filters) -> pd.DataFrame:
        return officer_layanan(self.data_version, nip, tahun, filters)

    def service_durations(self, filters: Filters, by: tuple[str, ...] = ()) -> pd.DataFrame:
        return service_durations(self.data_version, filters, by)

    def open_services(self, filters: Filters) -> pd.DataFrame:
        return open_services(self.data_version, filters)

    def last_received(self, filters: Filters) -> dt.datetime | None:
        return last_received(self.data_version, filters)

    def standar_layanan(self) -> pd.DataFrame:
        return standar_layanan(self.data_version)

    def service_monthly(self, filters: Filters) -> pd.DataFrame:
        return service_monthly(self.data_version, filters)

    def skp_years(self) -> list[int]:
        return skp_years(self.data_version)

    def demo_info(self) -> dict[str, Any] | None:
        return demo_info(self.data_version)

    def data_as_of(self) -> dict[str, Any]:
        return data_as_of(self.data_version)

    def predikat_trend(self, filters: Filters, years: tuple[int, ...], by: tuple[str, ...] = ()) -> pd.DataFrame:
        return predikat_trend(self.data_version, filters, years, by)

    def pengaduan(self, filters: Filters) -> pd.DataFrame:
        return pengaduan(self.data_version, filters)

    def indikator(self, filters: Filters) -> pd.DataFrame:
        return indikator(self.data_version, filters)

    def skp_coverage(self, filters: Filters) -> pd.DataFrame:
        return skp_coverage(self.data_version, filters)

    def service_completeness(self, filters: Filters, as_of: dt.datetime) -> pd.DataFrame:
        return service_completeness(self.data_version, filters, as_of)

    def upload_freshness(self, filters: Filters) -> pd.DataFrame:
        return upload_freshness(self.data_version, filters)

    def skp_consistency(self, filters: Filters) -> pd.DataFrame:
        return skp_consistency(self.data_version, filters)

    def upload_validity(self, filters: Filters) -> pd.DataFrame:
        return upload_validity(self.data_version, filters)

    def skp_adoption(self, filters: Filters, as_of: dt.datetime) -> pd.DataFrame:
        return skp_adoption(self.data_version, filters, as_of)


@st.cache_data(show_spinner=False, max_entries=64)
def _view(page: str, entry: str, data_version: str, filters: Filters, options: tuple[Any, ...]) -> Any:
    module = importlib.import_module(f"asn_metrics.views.{page}")
    return getattr(module, entry)(CachedSource(data_version), filters, *options)


def view(page: str, filters: Filters, *options: Any, entry: str = "build") -> Any:
    """The page's view (``asn_metrics.views.<page>.<entry>``, by default ``build``) for the filters and widget
    options, cached by them and the data version: a rerun that changes nothing costs a lookup."""
    return _view(page, entry, version(), filters, options)


def later(page: str, filters: Filters, *options: Any, entry: str) -> Callable[[], Any]:
    """``asn_metrics.views.<page>.<entry>`` for the filters and options, read straight from the store when
    called, without Streamlit: what a download button runs when it is clicked, outside the script."""
    source = StoreSource(engine())
    function = getattr(importlib.import_module(f"asn_metrics.views.{page}"), entry)
    return lambda: function(source, filters, *options)
