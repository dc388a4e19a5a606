"""Where views read from: the store's loaders behind one interface, direct (tests, CLI) or cached (the app)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol

import pandas as pd
from sqlalchemy import Engine

from asn_metrics import store
from asn_metrics.filters import Filters
from asn_metrics.store.configuration import load_scorecard_weights


class Source(Protocol):
    """The loaders a view may call; each returns the store's frame for the filters."""

    def wilayah(self) -> pd.DataFrame: ...
    def instansi(self) -> pd.DataFrame: ...
    def pegawai_count(self, filters: Filters) -> int: ...
    def predikat_counts(self, filters: Filters, by: tuple[str, ...] = ()) -> pd.DataFrame: ...
    def service_timeliness_counts(self, filters: Filters, by: tuple[str, ...] = ()) -> pd.DataFrame: ...
    def skm_sums(self, filters: Filters, by: tuple[str, ...] = ()) -> pd.DataFrame: ...
    def standing(self, filters: Filters, years: tuple[int, ...]) -> pd.DataFrame: ...
    def followup_counts(self, filters: Filters) -> dict[str, int]: ...
    def list_page(
        self, filters: Filters, name: str, number: int, text: str, total: int | None
    ) -> tuple[pd.DataFrame, int, int]: ...
    def list_rows(self, filters: Filters, name: str) -> pd.DataFrame: ...
    def jp_summary(self, filters: Filters) -> pd.DataFrame: ...
    def workforce_profile(self, filters: Filters, dimension: str) -> pd.DataFrame: ...
    def retirement(self, filters: Filters) -> pd.DataFrame: ...
    def search_pegawai(self, text: str, filters: Filters) -> pd.DataFrame: ...
    def person(self, nip: str, filters: Filters) -> dict[str, pd.DataFrame]: ...
    def scorecard_weights(self) -> dict[str, float]: ...
    def officer_layanan(self, nip: str, tahun: int, filters: Filters) -> pd.DataFrame: ...
    def service_durations(self, filters: Filters, by: tuple[str, ...] = ()) -> pd.DataFrame: ...
    def open_services(self, filters: Filters) -> pd.DataFrame: ...
    def last_received(self, filters: Filters) -> dt.datetime | None: ...
    def standar_layanan(self) -> pd.DataFrame: ...
    def service_monthly(self, filters: Filters) -> pd.DataFrame: ...
    def skp_years(self) -> list[int]: ...
    def data_as_of(self) -> dict[str, Any]: ...
    def demo_info(self) -> dict[str, Any] | None: ...
    def predikat_trend(self, filters: Filters, years: tuple[int, ...], by: tuple[str, ...] = ()) -> pd.DataFrame: ...
    def pengaduan(self, filters: Filters) -> pd.DataFrame: ...
    def indikator(self, filters: Filters) -> pd.DataFrame: ...
    def skp_coverage(self, filters: Filters) -> pd.DataFrame: ...
    def service_completeness(self, filters: Filters, as_of: dt.datetime) -> pd.DataFrame: ...
    def upload_freshness(self, filters: Filters) -> pd.DataFrame: ...
    def skp_consistency(self, filters: Filters) -> pd.DataFrame: ...
    def upload_validity(self, filters: Filters) -> pd.DataFrame: ...
    def skp_adoption(self, filters: Filters, as_of: dt.datetime) -> pd.DataFrame: ...


def _year(filters: Filters) -> int:
    if filters.tahun is None:
        raise ValueError("filters.tahun is required")
    return filters.tahun


class StoreSource:
    """Reads the store directly, uncached: what tests and the CLI use."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def wilayah(self) -> pd.DataFrame:
        return store.load_wilayah(self.engine)

    def instansi(self) -> pd.DataFrame:
        return store.load_instansi(self.engine)

    def pegawai_count(self, filters: Filters) -> int:
        return store.load_pegawai_count(self.engine, filters)

    def predikat_counts(self, filters: Filters, by: tuple[str, ...] = ()) -> pd.DataFrame:
        return store.load_predikat_counts(self.engine, filters, by=by)

    def service_timeliness_counts(self, filters: Filters, by: tuple[str, ...] = ()) -> pd.DataFrame:
        return store.load_service_timeliness_counts(self.engine, filters, by=by)

    def skm_sums(self, filters: Filters, by: tuple[str, ...] = ()) -> pd.DataFrame:
        return store.load_skm_sums(self.engine, filters, by=by)

    def standing(self, filters: Filters, years: tuple[int, ...]) -> pd.DataFrame:
        return store.load_standing(self.engine, filters, years=years)

    def followup_counts(self, filters: Filters) -> dict[str, int]:
        return store.load_followup_counts(self.engine, filters, tahun=_year(filters))

    def list_page(
        self, filters: Filters, name: str, number: int, text: str, total: int | None
    ) -> tuple[pd.DataFrame, int, int]:
        return store.load_list_page(
            self.engine, filters, name=name, tahun=_year(filters), number=number, text=text, total=total
        )

    def list_rows(self, filters: Filters, name: str) -> pd.DataFrame:
        return store.load_list_rows(self.engine, filters, name=name, tahun=_year(filters))

    def jp_summary(self, filters: Filters) -> pd.DataFrame:
        return store.load_jp_summary(self.engine, filters)

    def workforce_profile(self, filters: Filters, dimension: str) -> pd.DataFrame:
        return store.load_profile(self.engine, filters, dimension=dimension, tahun=_year(filters))

    def retirement(self, filters: Filters) -> pd.DataFrame:
        return store.load_retirement(self.engine, filters, tahun=_year(filters))

    def search_pegawai(self, text: str, filters: Filters) -> pd.DataFrame:
        return store.search_pegawai(self.engine, text, filters)

    def scorecard_weights(self) -> dict[str, float]:
        return load_scorecard_weights(self.engine)

    def person(self, nip: str, filters: Filters) -> dict[str, pd.DataFrame]:
        return {
            "pegawai": store.load_person(self.engine, nip, filters),
            "skp": store.load_person_skp(self.engine, nip, filters),
            "pelatihan": store.load_person_pelatihan(self.engine, nip, filters),
            "disiplin": store.load_person_disiplin(self.engine, nip, filters),
        }

    def officer_layanan(self, nip: str, tahun: int, filters: Filters) -> pd.DataFrame:
        return store.load_officer_layanan(self.engine, nip, tahun, filters)

    def service_durations(self, filters: Filters, by: tuple[str, ...] = ()) -> pd.DataFrame:
        return store.load_service_durations(self.engine, filters, by=by)

    def open_services(self, filters: Filters) -> pd.DataFrame:
        return store.load_open_services(self.engine, filters)

    def last_received(self, filters: Filters) -> dt.datetime | None:
        return store.load_last_received(self.engine, filters)

    def standar_layanan(self) -> pd.DataFrame:
        return store.load_standar_layanan(self.engine)

    def service_monthly(self, filters: Filters) -> pd.DataFrame:
        return store.load_service_monthly(self.engine, filters)

    def skp_years(self) -> list[int]:
        return store.load_skp_years(self.engine)

    def demo_info(self) -> dict[str, Any] | None:
        return store.load_demo_info(self.engine)

    def data_as_of(self) -> dict[str, Any]:
        return store.load_data_as_of(self.engine)

    def predikat_trend(self, filters: Filters, years: tuple[int, ...], by: tuple[str, ...] = ()) -> pd.DataFrame:
        return store.load_predikat_trend(self.engine, filters, years=years, by=by)

    def pengaduan(self, filters: Filters) -> pd.DataFrame:
        return store.load_pengaduan(self.engine, filters)

    def indikator(self, filters: Filters) -> pd.DataFrame:
        return store.load_indikator(self.engine, filters)

    def skp_coverage(self, filters: Filters) -> pd.DataFrame:
        return store.load_skp_coverage(self.engine, filters)

    def service_completeness(self, filters: Filters, as_of: dt.datetime) -> pd.DataFrame:
        return store.load_service_completeness(self.engine, filters, as_of=as_of)

    def upload_freshness(self, filters: Filters) -> pd.DataFrame:
        return store.load_upload_freshness(self.engine, filters)

    def skp_consistency(self, filters: Filters) -> pd.DataFrame:
        return store.load_skp_consistency(self.engine, filters)

    def upload_validity(self, filters: Filters) -> pd.DataFrame:
        return store.load_upload_validity(self.engine, filters)

    def skp_adoption(self, filters: Filters, as_of: dt.datetime) -> pd.DataFrame:
        return store.load_skp_adoption(self.engine, filters, as_of=as_of)
