"""The same demo on SQLite and PostgreSQL gives the same summary: the store is portable (DESIGN.md "Real parts")."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from asn_metrics.demo import generate_demo
from asn_metrics.filters import Filters
from asn_metrics.summary import build_summary
from tests.conftest import DEMO_PEGAWAI, DEMO_SEED


@pytest.mark.postgres
@pytest.mark.parametrize("any_engine", ["postgresql"], indirect=True)
def test_postgres_demo_summary_equals_sqlite(any_engine: Engine, demo_engine: Engine) -> None:
    generate_demo(any_engine, pegawai=DEMO_PEGAWAI, seed=DEMO_SEED)
    for filters in (Filters(tahun=2025), Filters(tahun=2024, wilayah="17.71")):
        assert build_summary(any_engine, filters) == build_summary(demo_engine, filters)
