"""The distribution curve (kurva distribusi) of predikat against the organisation's rating (DOMAIN.md §1)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

import numpy as np
import pandas as pd

from asn_metrics import reference as ref
from asn_metrics.skp import kolom_jumlah, kolom_persen

ORG_ISTIMEWA: Final = "Istimewa"
ORG_BAIK: Final = "Baik"
ORG_BUTUH_PERBAIKAN: Final = "Butuh Perbaikan"
ORG_KURANG: Final = "Kurang"
ORG_SANGAT_KURANG: Final = "Sangat Kurang"


@dataclass(frozen=True)
class BatasKurva:
    """One bound of the distribution curve: the share of ``predikat`` (summed) is at most / at least
    ``persen``, or (``lebih_dari``) strictly more than ``persen``."""

    predikat: tuple[str, ...]
    jenis: Literal["maks", "min", "lebih_dari"]
    persen: float

    @property
    def label(self) -> str:
        names = " + ".join(self.predikat)
        if self.jenis == "lebih_dari" and self.persen == 0:
            return f"{names} harus ada (> 0%)"
        sign = {"maks": "≤", "min": "≥", "lebih_dari": ">"}[self.jenis]
        return f"{names} {sign} {_fmt(self.persen)}%"


#: DOMAIN.md §1 [practice]: bounds on employees' predikat by the organisation's own rating.
#: Reading of the text: "some Butuh Perbaikan or Kurang must exist" counts Butuh Perbaikan and
#: Kurang/Misconduct together (share > 0); "Kurang: at least 60% Kurang and 10% Butuh Perbaikan" is two
#: minimums; "no Sangat Baik" is Sangat Baik ≤ 0%.
KURVA_DISTRIBUSI: Final[dict[str, tuple[BatasKurva, ...]]] = {
    ORG_ISTIMEWA: (BatasKurva((ref.SANGAT_BAIK,), "maks", 70.0),),
    ORG_BAIK: (
        BatasKurva((ref.BAIK,), "maks", 70.0),
        BatasKurva((ref.BUTUH_PERBAIKAN, ref.KURANG), "lebih_dari", 0.0),
    ),
    ORG_BUTUH_PERBAIKAN: (
        BatasKurva((ref.BUTUH_PERBAIKAN,), "min", 60.0),
        BatasKurva((ref.SANGAT_BAIK,), "maks", 10.0),
    ),
    ORG_KURANG: (
        BatasKurva((ref.KURANG,), "min", 60.0),
        BatasKurva((ref.BUTUH_PERBAIKAN,), "min", 10.0),
        BatasKurva((ref.SANGAT_BAIK,), "maks", 10.0),
    ),
    ORG_SANGAT_KURANG: (
        BatasKurva((ref.SANGAT_KURANG,), "min", 60.0),
        BatasKurva((ref.SANGAT_BAIK,), "maks", 0.0),
    ),
}
CURVE_COLUMNS: Final = (
    "predikat_organisasi",
    "batas",
    "persen_batas",
    "persen_aktual",
    "memenuhi",
    "alasan",
)


def _fmt(x: float) -> str:
    return f"{x:.1f}".replace(".", ",").removesuffix(",0")


def _group_columns(distribution: pd.DataFrame) -> list[str]:
    metric = {"jumlah"} | {kolom_jumlah(p) for p in ref.PREDIKAT_ORDER} | {kolom_persen(p) for p in ref.PREDIKAT_ORDER}
    return [c for c in distribution.columns if c not in metric]


def _reason(b: BatasKurva, actual: float, ok: bool, org: str) -> str:
    names = " + ".join(b.predikat)
    where = f"organisasi berpredikat {org}"
    if np.isnan(actual):
        return f"Tidak ada pegawai yang dinilai, batas {b.label} tidak dapat diperiksa"
    got = f"{names} {_fmt(actual)}%"
    if ok:
        return f"Memenuhi: {got}, batas {b.label} untuk {where}"
    if b.jenis == "maks":
        return f"Tidak memenuhi: {got} melebihi batas maksimal {_fmt(b.persen)}% untuk {where}"
    if b.jenis == "min":
        return f"Tidak memenuhi: {got} di bawah batas minimal {_fmt(b.persen)}% untuk {where}"
    return f"Tidak memenuhi: tidak ada {names}, padahal harus ada untuk {where}"


def check_distribution_curve(distribution: pd.DataFrame, organisation_rating: str | pd.Series) -> pd.DataFrame:
    """Check each group's predikat distribution against the distribution curve (DOMAIN.md §1, kurva distribusi).

    ``distribution`` is the output of ``predikat_distribution``. ``organisation_rating`` is one of
    ``KURVA_DISTRIBUSI`` ('Istimewa', 'Baik', 'Butuh Perbaikan', 'Kurang', 'Sangat Kurang') for all groups,
    or a Series aligned on ``distribution``'s index (rows with NaN are skipped); an unknown rating raises
    ValueError. Output, one row per group and bound: the group columns, predikat_organisasi, batas (label),
    persen_batas, persen_aktual (percent, the summed share of the bound's predikat), memenuhi (boolean;
    NA when the group has no rated employee) and alasan (Indonesian reason). Empty input gives an empty frame.
    """
    keys = _group_columns(distribution)
    org = (
        pd.Series(organisation_rating, index=distribution.index, dtype=object)
        if isinstance(organisation_rating, str)
        else organisation_rating.reindex(distribution.index)
    )
    unknown = set(org.dropna()) - set(KURVA_DISTRIBUSI)
    if unknown:
        raise ValueError(
            f"predikat organisasi tidak dikenal: {sorted(map(str, unknown))}; pilih {list(KURVA_DISTRIBUSI)}"
        )
    parts: list[pd.DataFrame] = []
    for name, bounds in KURVA_DISTRIBUSI.items():
        mask = (org == name).to_numpy()
        rows = distribution[mask]
        if rows.empty:
            continue
        for b in bounds:
            actual = sum((rows[kolom_persen(p)] for p in b.predikat), start=pd.Series(0.0, index=rows.index))
            if b.jenis == "maks":
                ok = actual <= b.persen + 1e-9
            elif b.jenis == "min":
                ok = actual >= b.persen - 1e-9
            else:
                ok = actual > b.persen
            memenuhi = ok.astype("boolean").mask(actual.isna())
            part = rows[keys].copy()
            part["_pos"] = np.flatnonzero(mask)
            part["_bound"] = bounds.index(b)
            part["predikat_organisasi"] = name
            part["batas"] = b.label
            part["persen_batas"] = b.persen
            part["persen_aktual"] = actual
            part["memenuhi"] = memenuhi
            part["alasan"] = [_reason(b, a, bool(o), name) for a, o in zip(actual, ok.fillna(False), strict=True)]
            parts.append(part)
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in [*keys, *CURVE_COLUMNS]})
    out = pd.concat(parts, ignore_index=True).sort_values(["_pos", "_bound"], kind="mergesort")
    return out[[*keys, *CURVE_COLUMNS]].reset_index(drop=True)


def inflation_flags(distribution: pd.DataFrame, threshold: float = 70.0, min_jumlah: int = 1) -> pd.DataFrame:
    """Flag groups whose Sangat Baik share looks inflated (DOMAIN.md §1 and §9: "95% Sangat Baik is a sign of
    rating inflation, not of excellence").

    ``distribution`` is the output of ``predikat_distribution``. A group is flagged (``inflasi`` True) when
    ``persen_sangat_baik`` ≥ ``threshold`` (percent, default 70 [assumed], the Istimewa bound) and it has at
    least ``min_jumlah`` rated employees. Output: group columns, jumlah, persen_sangat_baik, inflasi, alasan
    (Indonesian reason; missing when not flagged). Groups with no rated employee are never flagged.
    Empty input gives an empty frame.
    """
    keys = _group_columns(distribution)
    pct_col = kolom_persen(ref.SANGAT_BAIK)
    out = distribution[[*keys, "jumlah", pct_col]].copy()
    flag = (out[pct_col] >= threshold) & (out["jumlah"] >= min_jumlah)
    out["inflasi"] = flag.fillna(False).astype(bool)
    out["alasan"] = [
        (
            f"{_fmt(p)}% pegawai berpredikat Sangat Baik (≥ {_fmt(threshold)}% dari {int(n)} pegawai): "
            "kemungkinan inflasi penilaian, bukan keunggulan"
        )
        if f
        else None
        for p, n, f in zip(out[pct_col], out["jumlah"], out["inflasi"], strict=True)
    ]
    return out.reset_index(drop=True)
