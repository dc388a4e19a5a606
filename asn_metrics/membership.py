"""Membership of many strings in many strings, at hash-table speed.

pandas 3.1's ``Series.isin`` on its pyarrow-backed ``str`` dtype builds one pyarrow scalar per candidate value
in Python (about 8 µs each): testing 47,000 NIPs against 47,000 others takes 0.4 s. Over object arrays pandas
uses its hash table, 0.03 s for the same test, with the same answer.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd


def isin(values: pd.Series, members: Iterable[Any]) -> pd.Series:
    """``values.isin(members)`` (missing values are members only if ``members`` holds a missing value)."""
    pool = pd.Series(members if isinstance(members, pd.Series | pd.Index) else list(members), dtype=object)
    # one marker of missing on both sides (None, NaN and pd.NA alike), as pandas' own isin treats them
    return values.astype(object).isin(pool.where(pool.notna(), np.nan))
