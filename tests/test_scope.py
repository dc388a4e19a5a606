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


def test_one_person_is_read_only_within_the_scope_and_never_by_a_guest(demo_engine: Engine) -> None:
    source = StoreSource(demo_engine)
    tahun = store.load_skp_years(demo_engine)[0]
    mine = "17.71.DUKCAPIL"
    inside = source.list_rows(Filters(tahun=tahun, instansi=mine), "penghargaan")
    outside = store.load_pegawai(demo_engine, Filters(instansi="17.DISHUB"), active_only=True)
    assert len(inside) and len(outside)
    own, other = str(inside["nip"].iloc[0]), str(outside["nip"].iloc[0])
    evaluator = Filters(tahun=tahun, lingkup=(mine,))
    record = source.person(own, evaluator)
    assert len(record["pegawai"]) == 1 and len(record["skp"]) >= 1
    # A NIP of another agency, asked for directly, gives nothing of that person: not the record, not the history.
    assert all(frame.empty for frame in source.person(other, evaluator).values())
    assert all(len(frame) for name, frame in source.person(other, Filters(tahun=tahun)).items() if name != "disiplin")
    # A guest reads no person at all, searches find nobody, and lists come masked.
    guest = Filters(tahun=tahun, pribadi=False)
    assert all(frame.empty for frame in source.person(own, guest).values())
    assert source.search_pegawai(str(inside["nama_pegawai"].iloc[0])[:5], guest).empty
    masked = source.list_rows(guest, "penghargaan")
    assert len(masked) == len(source.list_rows(Filters(tahun=tahun), "penghargaan"))
    assert (masked["nama_pegawai"] == "(disamarkan)").all()
    assert masked["nip"].str.fullmatch(r"\d{6}•{9}\d{3}").all()  # DOMAIN.md §11
    page, _, total = source.list_page(guest, "penghargaan", 1, "Siti", None)  # a search by name is ignored
    assert total == len(masked) and (page["nama_pegawai"] == "(disamarkan)").all()
