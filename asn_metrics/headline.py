"""Headline figures of the Ringkasan page from aggregated counts (pure functions)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from asn_metrics.service import persen_tepat_waktu
from asn_metrics.skp import predikat_distribution


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
    dist = predikat_distribution(counts, by=())
    total = int(dist["jumlah"].iloc[0]) if len(dist) else 0
    if total == 0:
        return PredikatHeadline(0, None, None)
    first = dist.iloc[0]
    return PredikatHeadline(total, float(first["persen_sangat_baik"]), float(first["persen_baik_ke_atas"]))


def percent_within_standard(counts: pd.DataFrame) -> float | None:
    """Share (0-100) of finished services within their standard (DOMAIN.md §3 ``persen_tepat_waktu``).

    Columns tepat_waktu and dengan_standar (finished services that have a standard); None when there are none.
    """
    if counts.empty:
        return None
    share = float(persen_tepat_waktu(counts["tepat_waktu"].sum(), counts["dengan_standar"].sum()))
    return None if math.isnan(share) else share


def change(current: float | None, previous: float | None) -> float | None:
    """Difference current − previous (percentage points for shares); None when either is missing."""
    return None if current is None or previous is None else current - previous


MOVER_COLUMNS = ("instansi_kode", "jumlah", "persen_sebelumnya", "persen", "perubahan", "arah")


def movers(now: pd.DataFrame, before: pd.DataFrame, n: int = 5, min_jumlah: int = 10) -> pd.DataFrame:
    """The agencies whose share of Baik or better (DOMAIN.md §1) changed most since the previous year.

    Inputs: ``skp.predikat_distribution`` by instansi_kode of the two years. Agencies with fewer than
    ``min_jumlah`` rated employees in either year are left out (their shares swing by chance [assumed]).
    Output: up to ``n`` largest rises (arah 'naik') then up to ``n`` largest falls ('turun'), with the two
    shares and ``perubahan`` in percentage points. Empty input gives an empty frame.
    """
    if now.empty or before.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in MOVER_COLUMNS})

    def share(dist: pd.DataFrame) -> pd.DataFrame:
        return pd.DataFrame(
            {"instansi_kode": dist["instansi_kode"], "jumlah": dist["jumlah"], "persen": dist["persen_baik_ke_atas"]}
        )

    both = share(now).merge(share(before), on="instansi_kode", suffixes=("", "_sebelumnya"))
    both = both[(both["jumlah"] >= min_jumlah) & (both["jumlah_sebelumnya"] >= min_jumlah)]
    both = both.assign(perubahan=both["persen"] - both["persen_sebelumnya"])
    up = both[both["perubahan"] > 0].nlargest(n, "perubahan").assign(arah="naik")
    down = both[both["perubahan"] < 0].nsmallest(n, "perubahan").assign(arah="turun")
    return pd.concat([up, down], ignore_index=True)[list(MOVER_COLUMNS)]
