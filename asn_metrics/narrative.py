"""Indonesian sentences that state a finding, from metric results (chart titles, slide headlines)."""

from __future__ import annotations

import pandas as pd

from asn_metrics.formatting import format_percent
from asn_metrics.skp import kolom_persen


def predikat_by_region_title(distribution: pd.DataFrame, *, label: str) -> str:
    """Which group has the highest and the lowest share of Baik or better (DOMAIN.md §1 predikat)."""
    if distribution.empty:
        return "Belum ada predikat kinerja untuk pilihan ini"
    good = (distribution[kolom_persen("Sangat Baik")] + distribution[kolom_persen("Baik")]).to_numpy()
    names = distribution[label].astype(str).to_numpy()
    best, worst = int(good.argmax()), int(good.argmin())
    if len(distribution) == 1 or good[best] == good[worst]:
        return f"{format_percent(float(good[best]))} pegawai {names[best]} berpredikat Baik ke atas"
    return (
        f"Predikat Baik ke atas tertinggi di {names[best]} ({format_percent(float(good[best]))}), "
        f"terendah di {names[worst]} ({format_percent(float(good[worst]))})"
    )


def short_agency_name(nama: str, wilayah_nama: str | None = None) -> str:
    """An agency name without its region ("Dinas Sosial Kabupaten Kaur" → "Dinas Sosial") for charts
    that already say the region; names that are only the region's office stay whole."""
    suffixes = [" Provinsi Bengkulu"]
    if wilayah_nama:
        suffixes += [f" Kabupaten {wilayah_nama}", f" {wilayah_nama}"]
    for suffix in suffixes:
        if nama.endswith(suffix) and len(nama) > len(suffix) + 3 and not nama.startswith("Kecamatan "):
            return nama[: -len(suffix)]
    return nama
