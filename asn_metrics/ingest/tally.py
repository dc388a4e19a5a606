"""Per agency, the rows an upload held, refused and accepted with a NIP warning (DOMAIN.md §9 validity)."""

from __future__ import annotations

from collections.abc import Collection, Mapping

import numpy as np
import pandas as pd

COLUMNS = ["instansi_kode", "baris", "baris_ditolak", "nip_salah"]


def empty() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="int64" if c != "instansi_kode" else object) for c in COLUMNS})


def row_agencies(rows: pd.DataFrame, agency_of_nip: Mapping[str, str]) -> pd.Series:
    """Each row's agency code: its own ``instansi_kode``, else its employee's (by ``nip``), else None."""
    if "instansi_kode" in rows:
        return rows["instansi_kode"].astype(object)
    if "nip" in rows:
        return rows["nip"].astype(object).map(agency_of_nip)
    return pd.Series(None, index=rows.index, dtype=object)


def tally(
    rows: pd.DataFrame,
    refused: np.ndarray,
    nip_warned: np.ndarray,
    agency_of_nip: Mapping[str, str],
    known: Collection[str],
) -> pd.DataFrame:
    """One chunk's counts per agency of ``known``: ``baris`` (rows), ``baris_ditolak`` (``refused``: rows with an
    error) and ``nip_salah`` (rows without an error whose NIP drew a warning). Rows of an agency the database does
    not know are left out: nobody to attribute them to."""
    if rows.empty:
        return empty()
    agency = row_agencies(rows, agency_of_nip)
    frame = pd.DataFrame(
        {
            "instansi_kode": agency,
            "baris": 1,
            "baris_ditolak": refused.astype(int),
            "nip_salah": (nip_warned & ~refused),
        }
    )
    frame = frame[frame["instansi_kode"].isin(set(known))]
    out = frame.groupby("instansi_kode", sort=True).sum().reset_index()
    return out.astype({"baris": "int64", "baris_ditolak": "int64", "nip_salah": "int64"})[COLUMNS]


def combined(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """The chunks' tallies summed per agency."""
    parts = [p for p in parts if len(p)]
    if not parts:
        return empty()
    return pd.concat(parts, ignore_index=True).groupby("instansi_kode", sort=True).sum().reset_index()[COLUMNS]
