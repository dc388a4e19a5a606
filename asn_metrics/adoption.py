"""Adoption of periodic SKP evaluation (DOMAIN.md §1 periodic evaluations, §9 data quality): per agency, how many
of the employee-periods due so far were recorded by their deadline.

The rule [assumed]: PermenPANRB 6/2022 makes evaluation periodic (monthly or quarterly, as the agency chooses)
from 2022; a period's rating is due by the ``TENGGANG_HARI``-th day of the month after the period ends, and it
counts as recorded when it was first stored (``skp.dicatat_pada``). An agency's cadence is monthly when any of
its ratings of the year is monthly, else quarterly. A period is due once its deadline has passed at ``as_of``.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

import numpy as np
import pandas as pd

#: A period's rating is due by this day of the month after the period ends [assumed].
TENGGANG_HARI: Final = 15
#: The first year of periodic evaluation (PermenPANRB 6/2022).
TAHUN_PERIODIK: Final = 2022
MONTHS: Final = {12: tuple(range(1, 13)), 4: (3, 6, 9, 12)}
COLUMNS: Final = ("instansi_kode", "pegawai", "periode_diharapkan", "periode_tercatat_tepat_waktu")


def deadline(tahun: int, bulan_akhir: int) -> dt.datetime:
    """The moment a period ending in ``bulan_akhir`` of ``tahun`` is late: the start of the day after the
    ``TENGGANG_HARI``-th of the next month (a rating stored on the 15th, at any hour, is on time)."""
    year, month = (tahun + 1, 1) if bulan_akhir == 12 else (tahun, bulan_akhir + 1)
    return dt.datetime(year, month, TENGGANG_HARI) + dt.timedelta(days=1)


def due_months(tahun: int, per_tahun: int, as_of: dt.datetime) -> tuple[int, ...]:
    """The end months of the periods of ``tahun`` (``per_tahun`` 12 or 4 a year) whose deadline has passed."""
    return tuple(m for m in MONTHS[per_tahun] if deadline(tahun, m) <= as_of)


def expected_and_on_time(recorded: pd.DataFrame, people: pd.DataFrame, tahun: int, as_of: dt.datetime) -> pd.DataFrame:
    """Input of ``quality.adoption`` per agency.

    ``recorded``: instansi_kode, per_tahun (12 monthly, 4 quarterly), bulan_akhir, baris (periodic ratings),
    tepat_waktu (of them, stored by the deadline). ``people``: instansi_kode, pegawai (employees with an SKP row
    in ``tahun``). Output: instansi_kode, pegawai, periode_diharapkan = pegawai × due periods of the agency's
    cadence, periode_tercatat_tepat_waktu = on-time ratings of due periods. Before ``TAHUN_PERIODIK`` nothing is
    expected (an empty frame): the year had no periodic evaluation to adopt.
    """
    if tahun < TAHUN_PERIODIK or people.empty:
        return pd.DataFrame({c: pd.Series(dtype=object if c == "instansi_kode" else "int64") for c in COLUMNS})
    monthly = set(recorded.loc[recorded["per_tahun"] == 12, "instansi_kode"])

    def cadence(codes: pd.Series) -> pd.Series:
        return pd.Series([12 if k in monthly else 4 for k in codes], index=codes.index, dtype="int64")

    due = {n: due_months(tahun, n, as_of) for n in MONTHS}
    out = pd.DataFrame({"instansi_kode": people["instansi_kode"].astype(object), "pegawai": people["pegawai"]})
    out["periode_diharapkan"] = out["pegawai"].astype("int64") * cadence(out["instansi_kode"]).map(
        {n: len(m) for n, m in due.items()}
    )
    # Of each agency's ratings, those of its own cadence for a due period, counted when on time.
    own = cadence(recorded["instansi_kode"])
    is_due = np.array([m in due[n] for m, n in zip(recorded["bulan_akhir"], own, strict=True)], dtype=bool)
    counted = recorded[(recorded["per_tahun"] == own).to_numpy() & is_due]
    on_time = counted.groupby("instansi_kode")["tepat_waktu"].sum()
    out["periode_tercatat_tepat_waktu"] = out["instansi_kode"].map(on_time).fillna(0)
    return out.astype({"pegawai": "int64", "periode_diharapkan": "int64", "periode_tercatat_tepat_waktu": "int64"})[
        list(COLUMNS)
    ].reset_index(drop=True)
