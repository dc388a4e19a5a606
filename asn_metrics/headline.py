"""Headline figures of the Ringkasan page from aggregated counts (pure functions)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from asn_metrics.reference import BAIK, SANGAT_BAIK


@dataclass(frozen=True)
class PredikatHeadline:
    """Annual predikat of a year: rated employees and the shares of Sangat Baik and of Baik or better (0-100)."""

    dinilai: int
    persen_sangat_baik: float | None
    persen_baik_ke_atas: float | None


def predikat_headline(counts: pd.DataFrame) -> PredikatHeadline:
    """From predikat counts (columns predikat, jumlah; DOMAIN.md §1): the shares of the best steps.

    Empty input gives zero rated employees and None shares.
    """
    total = int(counts["jumlah"].sum()) if not counts.empty else 0
    if total == 0:
        return PredikatHeadline(0, None, None)
    by_predikat = counts.groupby("predikat")["jumlah"].sum()
    sangat_baik = float(by_predikat.get(SANGAT_BAIK, 0))
    baik = float(by_predikat.get(BAIK, 0))
    return PredikatHeadline(total, sangat_baik / total * 100, (sangat_baik + baik) / total * 100)


def percent_within_standard(counts: pd.DataFrame) -> float | None:
    """Share (0-100) of finished services within their standard (DOMAIN.md §3 ``persen_tepat_waktu``).

    Columns tepat_waktu and dengan_standar (finished services that have a standard); None when there are none.
    """
    if counts.empty:
        return None
    n = float(counts["dengan_standar"].sum())
    return None if n == 0 else float(counts["tepat_waktu"].sum()) / n * 100


def change(current: float | None, previous: float | None) -> float | None:
    """Difference current − previous (percentage points for shares); None when either is missing."""
    return None if current is None or previous is None else current - previous
