"""The filter is one value: what pages derive from it lives on it."""

from __future__ import annotations

import pytest

from asn_metrics.filters import Filters

F = Filters(tahun=2025, periode="tw2", wilayah="17.71", instansi="17.71.DUKCAPIL", jenis_jabatan="pelaksana")


def test_previous_year_keeps_everything_but_the_year() -> None:
    assert F.previous_year() == Filters(2024, "tw2", "17.71", "17.71.DUKCAPIL", "pelaksana")
    with pytest.raises(ValueError):
        Filters().previous_year()


def test_province_drops_only_region_and_agency() -> None:
    assert F.province() == Filters(tahun=2025, periode="tw2", jenis_jabatan="pelaksana")


def test_cache_keys_of_readers_that_ignore_the_year() -> None:
    assert F.across_years() == Filters(wilayah="17.71", instansi="17.71.DUKCAPIL", jenis_jabatan="pelaksana")
    assert F.agencies_only() == Filters(wilayah="17.71", instansi="17.71.DUKCAPIL")
    assert F.with_year(2023).agencies_only() == F.agencies_only()
