"""membership.isin gives what pandas' isin gives, over the str dtype NIP columns use."""

from __future__ import annotations

import numpy as np
import pandas as pd

from asn_metrics.membership import isin


def test_isin_equals_pandas_isin_with_missing_values_and_any_container() -> None:
    values = pd.Series(["198001012005011001", None, "197502022000032002", "x"], dtype="str")
    members = ["197502022000032002", "x", "tidak ada"]
    expected = values.isin(members)
    for container in (members, set(members), pd.Series(members, dtype="str"), pd.Index(members)):
        got = isin(values, container)
        assert got.tolist() == expected.tolist() == [False, False, True, True]
        assert got.index.equals(values.index)
    assert isin(values, [None]).tolist() == values.isin([None]).tolist()
    assert not isin(values, []).any()


def test_isin_keeps_the_index_for_boolean_selection() -> None:
    values = pd.Series(["a", "b", "c"], index=[10, 20, 30], dtype="str")
    assert values[isin(values, {"c", "a"})].tolist() == ["a", "c"]
    assert np.array_equal(isin(values, pd.Series(["b"])).to_numpy(), [False, True, False])
