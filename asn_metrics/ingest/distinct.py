"""Work done once per distinct value of a column and spread over its rows.

A million SKP rows hold about 50,000 distinct NIPs and a handful of years: looking a value up, or checking
it, once per distinct value instead of once per row is what keeps big imports fast.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

#: The dtypes ``spread`` and ``map_distinct`` give the rows.
RowType = Literal["Int64", "str"]


def distinct(values: pd.Series, codes: np.ndarray | None = None) -> tuple[np.ndarray, list[Any]]:
    """Per row the code of its value (-1 where missing), and the distinct values in code order.

    ``codes`` may be given when already known (``normalise.convert`` numbers each column's values 0, 1, …):
    then only the distinct values are picked, from the first row of each code.
    """
    if codes is None:
        codes, uniques = pd.factorize(values)
        return codes, uniques.tolist()
    return codes, values.iloc[first_of_codes(codes)].tolist()


def first_of_codes(codes: np.ndarray) -> np.ndarray:
    """The first row of each code of ``codes`` (0, 1, … each present; -1: no value)."""
    rows = np.flatnonzero(codes >= 0)
    first = np.empty(codes.max(initial=-1) + 1, dtype=np.int64)
    first[codes[rows][::-1]] = rows[::-1]  # written last to first, so the first row of each code stays
    return first


def first_rows(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Renumber ``codes`` (-1: no value) as 0, 1, … in order of appearance, with the first row of each number."""
    rows = np.flatnonzero(codes >= 0)
    numbers, _ = pd.factorize(codes[rows])
    compact = np.full(len(codes), -1, dtype=np.int64)
    compact[rows] = numbers
    return compact, first_of_codes(compact)


def spread(per_value: Sequence[Any], codes: np.ndarray, index: pd.Index, dtype: RowType) -> pd.Series:
    """One result per distinct value → one per row, as a Series of ``dtype`` (missing where the code is -1)."""
    results = pd.array([*per_value, None], dtype=dtype)
    return pd.Series(results.take(codes), index=index)  # code -1 takes the None appended last


def lookup(keys: list[Any], mapping: Mapping[Any, Any]) -> list[Any]:
    """``mapping``'s value of each key, None for keys it lacks (as ``Series.map`` with a mapping, NaN as None)."""
    if isinstance(mapping, dict) and hasattr(mapping, "__missing__"):
        return pd.Series(keys, dtype=object).map(mapping).tolist()  # a default value: pandas' own rule
    return list(map(mapping.get, keys))


def map_distinct(
    values: pd.Series, mapping: Mapping[Any, Any], dtype: RowType, codes: np.ndarray | None = None
) -> pd.Series:
    """``values.map(mapping).astype(dtype)``, looking each distinct value up once instead of once per row
    (``codes``: the values' codes when known, see ``distinct``)."""
    if isinstance(mapping, dict) and hasattr(mapping, "__missing__"):
        return values.map(mapping).astype(dtype)  # the default may stand for missing values too
    codes, keys = distinct(values, codes)
    return spread(lookup(keys, mapping), codes, values.index, dtype)


def member(values: pd.Series, allowed: frozenset[str], codes: np.ndarray | None = None) -> np.ndarray:
    """``values.isin(allowed)`` as a bool array (False where missing), testing each distinct value once.

    ``codes``: the values' codes when known (see ``distinct``)."""
    codes, keys = distinct(values, codes)
    found = np.fromiter(map(allowed.__contains__, keys), dtype=bool, count=len(keys))
    return np.append(found, False)[codes]
