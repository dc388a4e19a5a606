"""The same demo on SQLite and PostgreSQL gives the same summary: the store is portable (DESIGN.md "Real parts")."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import Engine

from asn_metrics.demo import generate_demo
from asn_metrics.filters import Filters
from asn_metrics.store.lists import LIST_NAMES
from asn_metrics.summary import build_summary
from asn_metrics.views.source import StoreSource
from asn_metrics.workforce import PROFILE_DIMENSIONS
from tests.conftest import DEMO_PEGAWAI, DEMO_SEED


@pytest.mark.postgres
@pytest.mark.parametrize("any_engine", ["postgresql"], indirect=True)
def test_postgres_demo_summary_equals_sqlite(any_engine: Engine, demo_engine: Engine) -> None:
    generate_demo(any_engine, pegawai=DEMO_PEGAWAI, seed=DEMO_SEED)
    for filters in (Filters(tahun=2025), Filters(tahun=2024, wilayah="17.71")):
        assert build_summary(any_engine, filters) == build_summary(demo_engine, filters)
    # The person lists, the follow-up rules (DOMAIN.md §8) and the workforce counts (§12) read in SQL give the
    # same people in the same order on both.
    postgres, sqlite = StoreSource(any_engine), StoreSource(demo_engine)
    for filters in (Filters(tahun=2025), Filters(tahun=2025, wilayah="17.71")):
        assert postgres.followup_counts(filters) == sqlite.followup_counts(filters)
        for name in LIST_NAMES:
            pd.testing.assert_frame_equal(
                postgres.list_rows(filters, name), sqlite.list_rows(filters, name), check_dtype=False, obj=name
            )
            assert (
                postgres.list_page(filters, name, 2, "a", None)[1:] == sqlite.list_page(filters, name, 2, "a", None)[1:]
            )
        pd.testing.assert_frame_equal(postgres.retirement(filters), sqlite.retirement(filters), check_dtype=False)
        for dimension in PROFILE_DIMENSIONS:
            pd.testing.assert_frame_equal(
                postgres.workforce_profile(filters, dimension), sqlite.workforce_profile(filters, dimension)
            )
