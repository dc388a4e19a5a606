"""The one way to run a read: a SQLAlchemy statement in, a DataFrame out; plus the shared filter clauses."""

from __future__ import annotations

from typing import Any

import pandas as pd
from sqlalchemy import Engine, Select

from asn_metrics.db.schema import instansi, pegawai
from asn_metrics.filters import Filters


def frame(engine: Engine, stmt: Select[Any]) -> pd.DataFrame:
    """Run ``stmt`` and return its rows as a DataFrame with the statement's column names."""
    with engine.connect() as conn:
        result = conn.execute(stmt)
        columns = list(result.keys())
        # Plain tuples: pandas builds a frame from SQLAlchemy Row objects several times slower.
        rows = [tuple(row) for row in result.fetchall()]
    return pd.DataFrame(rows, columns=columns)


def scope_agency(stmt: Select[Any], filters: Filters) -> Select[Any]:
    """Restrict a statement that joins ``instansi`` to the filters' region and agency, and always to the account's
    agencies (``filters.lingkup``)."""
    if filters.lingkup is not None:
        stmt = stmt.where(instansi.c.kode.in_(filters.lingkup))
    if filters.wilayah:
        stmt = stmt.where(instansi.c.wilayah_kode == filters.wilayah)
    if filters.instansi:
        stmt = stmt.where(instansi.c.kode == filters.instansi)
    return stmt


def scope_people(stmt: Select[Any], filters: Filters) -> Select[Any]:
    """Restrict a statement that joins ``pegawai`` and ``instansi`` to the filters' region, agency and position
    type."""
    stmt = scope_agency(stmt, filters)
    if filters.jenis_jabatan:
        stmt = stmt.where(pegawai.c.jenis_jabatan == filters.jenis_jabatan)
    return stmt
