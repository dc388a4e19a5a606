"""Readers across years: predikat counts per year and monthly service counts, aggregated in SQL."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from sqlalchemy import Engine, case, func, select

from asn_metrics.db.schema import instansi, pegawai, skp
from asn_metrics.filters import Filters
from asn_metrics.reference import PERIODE_TAHUNAN
from asn_metrics.store.base import frame, scope_agency
from asn_metrics.store.people import PEOPLE_GROUPS, _scope_people
from asn_metrics.store.services import timeliness_statement


def load_predikat_trend(
    engine: Engine, filters: Filters, *, years: Sequence[int], by: Sequence[str] = ()
) -> pd.DataFrame:
    """Employees per predikat for each of ``years``: tahun, the group columns of ``by``, predikat, jumlah.

    Per employee and year the annual rating counts, else the last period of the year (DOMAIN.md §1), as in
    ``load_predikat_counts``; ``filters.tahun`` is ignored (the years are given).
    """
    groups = [PEOPLE_GROUPS[name].label(name) for name in by]
    base = (
        select(skp.c.pegawai_id, skp.c.tahun, skp.c.predikat, *groups)
        .select_from(
            skp.join(pegawai, pegawai.c.id == skp.c.pegawai_id).join(instansi, instansi.c.id == pegawai.c.instansi_id)
        )
        .where(skp.c.tahun.in_([int(y) for y in years]), skp.c.predikat.is_not(None))
    )
    rank = func.row_number().over(
        partition_by=(skp.c.pegawai_id, skp.c.tahun),
        order_by=(case((skp.c.periode == PERIODE_TAHUNAN, 0), else_=1), skp.c.bulan_akhir.desc()),
    )
    ranked = _scope_people(base, filters).add_columns(rank.label("urutan")).subquery()
    keys = [ranked.c.tahun, *(ranked.c[name] for name in by)]
    stmt = (
        select(*keys, ranked.c.predikat, func.count().label("jumlah"))
        .where(ranked.c.urutan == 1)
        .group_by(*keys, ranked.c.predikat)
        .order_by(*keys, ranked.c.predikat)
    )
    result = frame(engine, stmt)
    result["tahun"] = result["tahun"].astype("int64")
    return result


def load_service_monthly(engine: Engine, filters: Filters) -> pd.DataFrame:
    """Services per calendar month of every year in the filters' region and agency: tahun, bulan_ke, jumlah,
    selesai, dengan_standar, tepat_waktu (DOMAIN.md §3); months without applications are absent."""
    stmt = timeliness_statement(("tahun", "bulan_ke"))
    result = frame(engine, scope_agency(stmt, filters))
    for name in ("tahun", "bulan_ke"):
        result[name] = result[name].astype("int64")
    return result
