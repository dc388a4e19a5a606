"""Temuan utama (issue 16 item 2): the few things a leader should hear, chosen and ranked from the metrics.

Each rule turns frames into findings; each finding is one Indonesian sentence with its number and the rule that
found it, and a ``strength``: how many times the finding clears its rule's bar (a change with |z| = 3.92 clears
the 1.96 bar twice). Findings of every kind are ranked by that one measure, so "the order follows the size of
the effect" across kinds too. A change inside the noise is never a finding, and never called a rise or a fall.

The rules and their bars:

- **Change since last year** (a share: Baik ke atas, DOMAIN.md §1; on time, §3): two-proportion z-test
  (``uncertainty.two_proportion_z_test``); a finding when |z| ≥ 1.96 (95%).
- **An agency far from the others** (the scorecard's score): robust z = 0.6745·(x − median)/MAD
  (Iglewicz & Hoaglin); a finding when |robust z| ≥ 3.5, among at least 5 agencies.
- **Rating inflation** (DOMAIN.md §1, §9): agencies with ≥ 70% Sangat Baik (``skp_kurva.inflation_flags``),
  at least 10 rated; strength = the largest share / 70.
- **A service far over its standard** (DOMAIN.md §3): median processing time ≥ 2× the standard;
  strength = ratio / 2.
- **Stale data** (DOMAIN.md §9): an agency's kind not uploaded for more than 90 days ('basi');
  strength = the longest wait / 90.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from asn_metrics.formatting import format_delta, format_number
from asn_metrics.narrative import change_sentence
from asn_metrics.uncertainty import two_proportion_z_test

Z_BAR: Final = 1.96
ROBUST_Z_BAR: Final = 3.5
MIN_AGENCIES: Final = 5
INFLATION_BAR: Final = 70.0
SERVICE_RATIO_BAR: Final = 2.0
STALE_DAYS: Final = 90
#: At most this many findings are told (a meeting hears a few, not fifty).
LIMIT: Final = 5


@dataclass(frozen=True)
class Finding:
    kind: str  # perubahan, pencilan, inflasi, layanan, basi
    sentence: str
    number: str  # the figure that carries the finding, formatted
    rule: str  # the rule that found it, in words
    strength: float  # times over the rule's bar (≥ 1 for a finding)


#: What each kind of finding is called on its slide.
KIND_TITLES: Final = {
    "perubahan": "Perubahan sejak tahun lalu",
    "pencilan": "Instansi jauh dari yang lain",
    "inflasi": "Inflasi penilaian",
    "layanan": "Layanan jauh di atas standar",
    "basi": "Data yang basi",
}


def changes(shares: pd.DataFrame, *, what: str, year: int) -> list[Finding]:
    """Changes of a share since last year that lie outside the noise.

    ``shares``: one row per subject (the province, an agency): ``nama``, ``x``, ``n`` (this year's successes and
    count) and ``x_sebelumnya``, ``n_sebelumnya``. ``what`` names the share ("porsi predikat Baik ke atas")."""
    if shares.empty:
        return []
    valid = shares[(shares["n"] > 0) & (shares["n_sebelumnya"] > 0)]
    z, _ = two_proportion_z_test(valid["x"], valid["n"], valid["x_sebelumnya"], valid["n_sebelumnya"])
    found = []
    for (_, row), zi in zip(valid.iterrows(), z, strict=True):
        if not np.isfinite(zi) or abs(zi) < Z_BAR:
            continue
        now, before = 100 * row["x"] / row["n"], 100 * row["x_sebelumnya"] / row["n_sebelumnya"]
        found.append(
            Finding(
                "perubahan",
                change_sentence(f"{what[:1].upper()}{what[1:]} {row['nama']}", before, now, real=True, unit="%"),
                format_delta(now - before, 1, " poin"),
                f"perubahan sejak {year - 1} di luar batas ketidakpastian 95% (uji dua proporsi, |z| = "
                f"{format_number(abs(float(zi)), 1)} ≥ 1,96)",
                abs(float(zi)) / Z_BAR,
            )
        )
    return found


def real_change(x: float, n: float, x_before: float, n_before: float) -> bool:
    """Whether a share moved outside the noise since last year (two-proportion z-test, |z| ≥ 1.96)."""
    if not n or not n_before:
        return False
    z = float(np.asarray(two_proportion_z_test(x, n, x_before, n_before)[0]).ravel()[0])
    return bool(np.isfinite(z) and abs(z) >= Z_BAR)


def share_sentence(subject: str, x: float, n: float, x_before: float, n_before: float) -> str:
    """The change of one share since last year in words, "naik"/"turun" only outside the noise."""
    if not n or not n_before:
        return f"{subject} {format_number(100 * x / n, 1) if n else '–'}%."
    real = real_change(x, n, x_before, n_before)
    return change_sentence(subject, 100 * x_before / n_before, 100 * x / n, real=real, unit="%")


def outliers(scores: pd.DataFrame, *, what: str = "skor kinerja") -> list[Finding]:
    """Agencies whose score lies far from the others': ``scores`` has ``nama`` and ``skor``."""
    values = scores.dropna(subset=["skor"])
    if len(values) < MIN_AGENCIES:
        return []
    median = float(values["skor"].median())
    mad = float((values["skor"] - median).abs().median())
    if mad == 0:
        return []
    found = []
    for _, row in values.iterrows():
        robust = 0.6745 * (float(row["skor"]) - median) / mad
        if abs(robust) < ROBUST_Z_BAR:
            continue
        side = "jauh di atas" if robust > 0 else "jauh di bawah"
        found.append(
            Finding(
                "pencilan",
                f"{what[:1].upper()}{what[1:]} {row['nama']} {format_number(row['skor'], 1)}, {side} median "
                f"{format_number(median, 1)} instansi lain.",
                format_number(row["skor"], 1),
                f"pencilan: z robust {format_number(robust, 1)} (|z| ≥ 3,5 terhadap median dan MAD)",
                abs(robust) / ROBUST_Z_BAR,
            )
        )
    return found


def inflation(flags: pd.DataFrame) -> list[Finding]:
    """One finding for the agencies with ≥ 70% Sangat Baik: ``flags`` (``skp_kurva.inflation_flags`` with
    ``nama``) keeps its ``inflasi`` rows."""
    hit = flags[flags["inflasi"]].sort_values("persen_sangat_baik", ascending=False) if len(flags) else flags
    if hit.empty:
        return []
    top = hit.iloc[0]
    named = ", ".join(
        f"{n} ({format_number(p, 1)}%)" for n, p in zip(hit["nama"][:3], hit["persen_sangat_baik"][:3], strict=True)
    )
    count = len(hit)
    return [
        Finding(
            "inflasi",
            f"{count} instansi memberi predikat Sangat Baik kepada 70% pegawainya atau lebih: {named}"
            + (f", dan {count - 3} lainnya." if count > 3 else ".")
            + " Ini tanda inflasi penilaian, bukan keunggulan.",
            f"{format_number(top['persen_sangat_baik'], 1)}%",
            "inflasi penilaian: ≥ 70% Sangat Baik dengan paling sedikit 10 pegawai dinilai (kurva distribusi)",
            float(top["persen_sangat_baik"]) / INFLATION_BAR,
        )
    ]


def slow_services(speed: pd.DataFrame) -> list[Finding]:
    """Services whose median time is at least twice their standard: ``speed`` has ``nama``, ``median_jam``,
    ``standar_jam``."""
    found = []
    for _, row in speed.dropna(subset=["median_jam", "standar_jam"]).iterrows():
        if row["standar_jam"] <= 0:
            continue
        ratio = float(row["median_jam"]) / float(row["standar_jam"])
        if ratio < SERVICE_RATIO_BAR:
            continue
        found.append(
            Finding(
                "layanan",
                f"{row['nama']} selesai dalam median {format_number(row['median_jam'], 1)} jam, "
                f"{format_number(ratio, 1)} kali standarnya ({format_number(row['standar_jam'], 1)} jam).",
                f"{format_number(ratio, 1)}×",
                "layanan jauh di atas standar: median waktu proses ≥ 2× standar",
                ratio / SERVICE_RATIO_BAR,
            )
        )
    return found


def stale(freshness: pd.DataFrame, kind_names: dict[str, str]) -> list[Finding]:
    """One finding for data not uploaded for more than 90 days: ``freshness`` (``quality.freshness`` with
    ``nama``) keeps its rows with ``hari_sejak_impor`` > 90."""
    late = freshness[freshness["hari_sejak_impor"] > STALE_DAYS] if len(freshness) else freshness
    if late.empty:
        return []
    worst = late.sort_values("hari_sejak_impor", ascending=False).iloc[0]
    agencies = late["instansi_kode"].nunique()
    days = int(worst["hari_sejak_impor"])
    return [
        Finding(
            "basi",
            f"{format_number(agencies)} instansi belum memperbarui datanya lebih dari {STALE_DAYS} hari; paling lama: "
            f"{kind_names.get(worst['jenis'], worst['jenis'])} {worst['nama']}, {format_number(days)} hari.",
            f"{format_number(days)} hari",
            f"data basi: unggahan terakhir lebih dari {STALE_DAYS} hari lalu",
            days / STALE_DAYS,
        )
    ]


def ranked(findings: list[Finding], limit: int = LIMIT) -> list[Finding]:
    """The strongest ``limit`` findings, strongest first (ties keep their order)."""
    return sorted(findings, key=lambda f: -f.strength)[:limit]
