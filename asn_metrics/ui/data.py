"""The engine and cached loaders, keyed by the filters and the database's data version."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from asn_metrics import store
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
