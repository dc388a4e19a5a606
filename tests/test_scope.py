"""An account's scope is enforced where data is read (issue 15 item 2): every loader behind the pages, given the
filters of an evaluator limited to one agency (``Filters.lingkup``), returns exactly what it returns for that
agency chosen in the filter, so a page cannot show another agency's data even by mistake."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from sqlalchemy import Engine

from asn_metrics import store
from asn_metrics.filters import Filters
from asn_metrics.views import pengembangan
from asn_metrics.views.source import StoreSource

AS_OF = dt.datetime(2026, 11, 27, 10, 0)


def _calls(source: StoreSource, filters: Filters, years: tuple[int, ...]) -> dict[str, object]:
    slugs = [slug for _, slug in pengembangan.LISTS]
    return {
        "pegawai_count": source.pegawai_count(filters),
        "predikat_counts": source.predikat_counts(filters, ("instansi_kode",)),
        "predikat_counts_total": source.predikat_counts(filters),
        "service_timeliness_counts": source.service_timeliness_counts(filters, ("instansi_kode",)),
        "skm_sums": source.skm_sums(filters, ("instansi_kode",)),
        "standing": source.standing(filters, years),
        "followup_counts": source.followup_counts(filters),
        **{f"list_rows_{s}": source.list_rows(filters, s) for s in slugs},
        "jp_summary": source.jp_summary(filters),
        "workforce_profile": source.workforce_profile(filters, "kelompok_usia"),
        "retirement": source.retirement(filters),
        "search_pegawai": source.search_pegawai("a", filters),
        "service_durations": source.service_durations(filters, ("instansi_kode",)),
        "open_services": source.open_services(filters),
        "last_received": source.last_received(filters),
        "service_monthly": source.service_monthly(filters),
        "predikat_trend": source.predikat_trend(filters, years, ("instansi_kode",)),
        "pengaduan": source.pengaduan(filters),
        "indikator": source.indikator(filters),
        "skp_coverage": source.skp_coverage(filters),
        "service_completeness": source.service_completeness(filters, AS_OF),
        "upload_freshness": source.upload_freshness(filters),
        "skp_consistency": source.skp_consistency(filters),
        "upload_validity": source.upload_validity(filters),
        "skp_adoption": source.skp_adoption(filters, AS_OF),
    }


def _same(a: object, b: object) -> bool:
    if isinstance(a, pd.DataFrame) and isinstance(b, pd.DataFrame):
        return a.reset_index(drop=True).equals(b.reset_index(drop=True))
    return a == b


@pytest.mark.parametrize("code", ["17.71.DUKCAPIL", "17.DISHUB"])
def test_every_loader_returns_only_the_accounts_agencies(demo_engine: Engine, code: str) -> None:
    source = StoreSource(demo_engine)
    tahun = store.load_skp_years(demo_engine)[0]
    years = (tahun - 1, tahun)
    scoped = _calls(source, Filters(tahun=tahun, lingkup=(code,)), years)
    chosen = _calls(source, Filters(tahun=tahun, instansi=code), years)
    everything = _calls(source, Filters(tahun=tahun), years)
    differs = [name for name in scoped if not _same(scoped[name], chosen[name])]
    assert differs == [], f"loaders that ignore the account's scope: {differs}"
    # The check has teeth: the agency's own figures are not the province's.
    assert scoped["pegawai_count"] < everything["pegawai_count"]  # type: ignore[operator]
    assert len(scoped["predikat_counts"]) < len(everything["predikat_counts"])  # type: ignore[arg-type]


def test_the_scope_never_travels_in_a_url() -> None:
    scoped = Filters(tahun=2025, lingkup=("17.DUKCAPIL",))
    assert "lingkup" not in scoped.as_dict()
    assert scoped.agencies_only().lingkup == ("17.DUKCAPIL",) and scoped.province().lingkup == ("17.DUKCAPIL",)
