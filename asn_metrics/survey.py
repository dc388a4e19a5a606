"""Community satisfaction survey (SKM): NRR per element, IKM with its mutu, priorities, sample adequacy."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from typing import Any, Final, Literal, overload

import numpy as np
import pandas as pd

from asn_metrics.reference import UNSUR_KOLOM, UNSUR_SKM
from asn_metrics.uncertainty import ikm_interval, t_interval_from_moments

NRR_KOLOM: Final = tuple(f"nrr_{u}" for u in UNSUR_KOLOM)
METODE_EXACT: Final = "bobot 1/9"
METODE_011: Final = "bobot 0,11 (kompatibilitas)"

#: DOMAIN.md §2 table, in hundredths of the rounded IKM: (lowest, highest, mutu, kinerja unit).
IKM_BANDS: Final = (
    (2500, 6499, "D", "Tidak Baik"),
    (6500, 7660, "C", "Kurang Baik"),
    (7661, 8830, "B", "Baik"),
    (8831, 10000, "A", "Sangat Baik"),
)
KINERJA_BY_MUTU: Final = {mutu: kinerja for _, _, mutu, kinerja in IKM_BANDS}

# DATA_FORMATS.md aliases and the full element names; keys are normalised (lower case, letters+digits).
_ALIASES: Final[dict[str, tuple[str, ...]]] = {
    "u1": ("persyaratan",),
    "u2": ("prosedur", "sistemmekanismeprosedur", "sistemmekanismedanprosedur"),
    "u3": ("waktupelayanan", "waktupenyelesaian"),
    "u4": ("biaya", "tarif", "biayatarif"),
    "u5": ("produklayanan", "produkspesifikasijenispelayanan", "produk"),
    "u6": ("kompetensipelaksana", "kompetensi"),
    "u7": ("perilakupelaksana", "perilaku"),
    "u8": ("penangananpengaduan", "penangananpengaduansarandanmasukan"),
    "u9": ("saranaprasarana", "saranadanprasarana", "sarana"),
}


def _norm(name: object) -> str:
    return re.sub(r"[^a-z0-9]", "", str(name).lower())


_BY_NAME: Final = {_norm(n): u for u, n in UNSUR_SKM.items()} | {a: u for u, al in _ALIASES.items() for a in al}


def _keys(by: str | Sequence[str] | None) -> list[str]:
    return [by] if isinstance(by, str) else list(by or [])


def round_half_up(values: Any, decimals: int = 2) -> Any:
    """Round half away from zero (as printed reports and spreadsheets do), vectorised; NaN stays NaN."""
    factor = 10.0**decimals
    arr = np.asarray(values, dtype=float)
    return np.sign(arr) * np.floor(np.abs(arr) * factor + 0.5 + 1e-9) / factor


def match_element_columns(columns: Iterable[object]) -> dict[str, str]:
    """Map header names to the element columns u1..u9 (DOMAIN.md §2, DATA_FORMATS.md ``skm``).

    Matching ignores case, spaces and punctuation. Element names (``persyaratan``, ``prosedur``,
    ``waktu_pelayanan``, ``biaya``, ``produk_layanan``, ``kompetensi_pelaksana``,
    ``perilaku_pelaksana``, ``penanganan_pengaduan``, ``sarana_prasarana`` and the full names of
    ``UNSUR_SKM``) win over codes, so a questionnaire that swaps U8 and U9 is matched by name; a
    code prefix followed by a name ("U8 Sarana dan Prasarana") is matched by the name. Plain codes
    (``u1``, ``U1``, ``unsur1``) fill the elements no name claimed. Returns {header: 'uN'} for the
    matched headers only; two headers naming the same element raise ValueError.
    """
    by_name: dict[str, str] = {}
    by_code: dict[str, str] = {}
    for col in columns:
        key = _norm(col)
        if key in _BY_NAME:
            by_name[str(col)] = _BY_NAME[key]
            continue
        m = re.fullmatch(r"(?:unsur)?u?([1-9])(.*)", key)
        if m and m.group(2) in _BY_NAME:
            by_name[str(col)] = _BY_NAME[m.group(2)]
        elif m and not m.group(2) and key != m.group(1):
            by_code[str(col)] = f"u{m.group(1)}"
    taken: dict[str, str] = {}
    for col, code in by_name.items():
        if code in taken:
            raise ValueError(f"Kolom {taken[code]!r} dan {col!r} sama-sama berisi unsur {UNSUR_SKM[code]}.")
        taken[code] = col
    mapping = dict(by_name)
    for col, code in by_code.items():
        if code not in taken:
            taken[code] = col
            mapping[col] = code
    return mapping


def _answers(skm: pd.DataFrame) -> pd.DataFrame:
    """u1..u9 as floats, values outside 1-4 set to NaN; headers matched by name when needed."""
    frame = skm if set(UNSUR_KOLOM) <= set(skm.columns) else skm.rename(columns=match_element_columns(skm.columns))
    missing = [u for u in UNSUR_KOLOM if u not in frame.columns]
    if missing:
        raise ValueError(f"Kolom unsur tidak ditemukan: {', '.join(missing)}.")
    answers = frame[list(UNSUR_KOLOM)].apply(pd.to_numeric, errors="coerce")
    return answers.where((answers >= 1) & (answers <= 4))


def nrr(skm: pd.DataFrame, by: str | Sequence[str] | None = None) -> pd.DataFrame:
    """NRR (nilai rata-rata, 1-4) of each of the nine elements per group (DOMAIN.md §2: NRR = mean answer).

    Required columns: u1..u9 (or headers ``match_element_columns`` recognises) and ``by``.
    Answers outside 1-4 or missing are ignored. Output: ``by`` + ``responden`` (rows with at least one
    valid answer) + ``nrr_u1``..``nrr_u9`` (unrounded; NaN when an element has no answer in the group).
    Empty input gives an empty frame with these columns.
    """
    keys = _keys(by)
    columns = [*keys, "responden", *NRR_KOLOM]
    if skm.empty:
        return pd.DataFrame(columns=columns)
    answers = _answers(skm).set_axis(list(NRR_KOLOM), axis=1)
    answers["responden"] = answers.notna().any(axis=1).astype(int)
    if keys:
        answers[keys] = skm[keys]
        out = answers.groupby(keys, dropna=False, sort=True).agg(
            {"responden": "sum", **dict.fromkeys(NRR_KOLOM, "mean")}
        )
        return out.reset_index()[columns]
    summary = {"responden": int(answers["responden"].sum()), **answers[list(NRR_KOLOM)].mean().to_dict()}
    return pd.DataFrame([summary])[columns]


@overload
def classify_ikm(value: float | None) -> str | None: ...
@overload
def classify_ikm(value: pd.Series | np.ndarray | list[float]) -> pd.Series: ...
def classify_ikm(value: Any) -> Any:
    """Mutu (A-D) of an IKM value by the table of DOMAIN.md §2, after rounding to 2 decimals.

    25.00-64.99 D, 65.00-76.60 C, 76.61-88.30 B, 88.31-100.00 A (``KINERJA_BY_MUTU`` gives the
    kinerja unit). A scalar gives a letter or None; an array or Series gives a Series (index kept
    for a Series). NaN and values outside 25-100 give None.
    """
    scalar = np.ndim(value) == 0
    arr = np.atleast_1d(np.asarray(value, dtype=float))
    hundredths = round_half_up(arr, 2) * 100.0
    labels = np.full(arr.shape, None, dtype=object)
    for low, high, mutu, _ in IKM_BANDS:
        labels[(hundredths >= low - 0.5) & (hundredths <= high + 0.5)] = mutu
    if scalar:
        return labels[0]
    return pd.Series(labels, index=value.index if isinstance(value, pd.Series) else None, dtype=object)


def ikm(
    skm: pd.DataFrame,
    by: str | Sequence[str] | None = None,
    weights: Literal["exact", "0.11"] = "exact",
    confidence: float = 0.95,
) -> pd.DataFrame:
    """IKM per group: (mean of the nine NRR) × 25, rounded to 2 decimals, with mutu and kinerja.

    DOMAIN.md §2: IKM = Σ NRRᵢ × 1/9 × 25 from unrounded NRR, then rounded (half up) and classified
    with ``classify_ikm``. ``weights='0.11'`` is the labelled compatibility option of printed reports
    (Σ NRRᵢ × 0.11 × 25 = 0.99 × the exact IKM, slightly lower); never the default.
    The interval (``ikm_bawah``, ``ikm_atas``, 2 decimals) is the t-interval of the respondent scores
    (``uncertainty.ikm_interval``), scaled by 0.99 for the 0.11 option.

    Required columns: u1..u9 (or recognised element names) and ``by``. Output: ``by``, ``responden``,
    ``nrr_u1``..``nrr_u9``, ``ikm`` (25-100), ``ikm_bawah``, ``ikm_atas``, ``mutu``, ``kinerja``,
    ``metode``. A group with an element never answered gets NaN IKM and no mutu; empty input gives an
    empty frame with these columns.
    """
    if weights not in ("exact", "0.11"):
        raise ValueError(f"weights tidak dikenal: {weights!r}; gunakan 'exact' atau '0.11'")
    keys = _keys(by)
    columns = [*keys, "responden", *NRR_KOLOM, "ikm", "ikm_bawah", "ikm_atas", "mutu", "kinerja", "metode"]
    if skm.empty:
        return pd.DataFrame(columns=columns)
    table = nrr(skm, keys)
    factor = 1.0 if weights == "exact" else 0.99
    raw = table[list(NRR_KOLOM)].mean(axis=1, skipna=False) * 25.0 * factor
    table["ikm"] = round_half_up(raw, 2)
    answers = _answers(skm)
    interval = ikm_interval(pd.concat([skm[keys], answers], axis=1), keys, confidence=confidence)
    if keys:
        table = table.merge(interval.drop(columns="responden"), on=keys, how="left")
    else:
        table[["ikm_bawah", "ikm_atas"]] = interval[["ikm_bawah", "ikm_atas"]].to_numpy()
    for col in ("ikm_bawah", "ikm_atas"):
        table[col] = round_half_up(table[col].astype(float) * factor, 2)
    table["mutu"] = classify_ikm(table["ikm"])
    table["kinerja"] = table["mutu"].map(KINERJA_BY_MUTU)
    table["metode"] = METODE_EXACT if weights == "exact" else METODE_011
    return table[columns]


def priorities(nrr_frame: pd.DataFrame, n: int = 3, by: Sequence[str] | None = None) -> pd.DataFrame:
    """The ``n`` weakest elements per group: the unit's improvement priorities (DOMAIN.md §2).

    Input: the output of ``nrr`` (or ``ikm``). Groups are ``by``, by default every column that is not
    an NRR or result column. Output, one row per (group, element): ``by``, ``prioritas`` (1 = lowest
    NRR), ``unsur`` (u1..u9), ``nama_unsur`` (reference.UNSUR_SKM), ``nrr`` and ``ikm_unsur``
    (NRR × 25). Ties keep the element order; elements without NRR are skipped; empty input gives an
    empty frame.
    """
    result_cols = {"responden", "ikm", "ikm_bawah", "ikm_atas", "mutu", "kinerja", "metode"}
    keys = list(by) if by is not None else [c for c in nrr_frame.columns if c not in (*NRR_KOLOM, *result_cols)]
    columns = [*keys, "prioritas", "unsur", "nama_unsur", "nrr", "ikm_unsur"]
    if nrr_frame.empty:
        return pd.DataFrame(columns=columns)
    long = nrr_frame[[*keys, *NRR_KOLOM]].melt(id_vars=keys, var_name="unsur", value_name="nrr")
    long["unsur"] = long["unsur"].str.removeprefix("nrr_")
    long = long[long["nrr"].notna()].copy()
    long["_urut"] = long["unsur"].map({u: i for i, u in enumerate(UNSUR_KOLOM)})
    long = long.sort_values([*keys, "nrr", "_urut"], kind="stable")
    long["prioritas"] = long.groupby(keys, dropna=False).cumcount() + 1 if keys else range(1, len(long) + 1)
    long = long[long["prioritas"] <= n]
    long["nama_unsur"] = long["unsur"].map(UNSUR_SKM)
    long["ikm_unsur"] = long["nrr"].astype(float) * 25.0
    return long[columns].reset_index(drop=True)


@overload
def krejcie_morgan(population: float) -> int: ...
@overload
def krejcie_morgan(population: pd.Series) -> pd.Series: ...
def krejcie_morgan(population: Any) -> Any:
    """Minimum sample for a population N by Krejcie & Morgan (DOMAIN.md §2).

    s = 3.841·N·0.25 / (0.0025·(N−1) + 3.841·0.25), rounded half up to an integer, and 384 for
    N ≥ 100,000 (the published table's value there, the formula's limit 384.16; the formula itself
    gives 382.6 at 100,000). Rounding up instead would give 218 for N = 500 where the table says 217;
    this rule reproduces all six points of DOMAIN.md (100→80, 500→217, 1,000→278, 5,000→357,
    10,000→370, 100,000→384). N ≤ 0 gives 0; a scalar gives int, a Series gives a float Series
    (NaN for NaN). Used by ``sample_adequacy``.
    """
    if isinstance(population, pd.Series):
        n = pd.to_numeric(population, errors="coerce").astype(float)
        s = 3.841 * n * 0.25 / (0.0025 * (n - 1) + 3.841 * 0.25)
        out = pd.Series(round_half_up(s.to_numpy(), 0), index=population.index)
        out = out.where(n < 100_000, 384.0).where(n > 0, 0.0)
        return out.where(n.notna())
    n_scalar = float(population)
    if math.isnan(n_scalar):
        raise ValueError("populasi kosong (NaN)")
    return int(krejcie_morgan(pd.Series([n_scalar])).iloc[0])


def sample_adequacy(responses_per_unit: pd.Series, volume_per_unit: pd.Series) -> pd.DataFrame:
    """Flag units whose survey responses are below the Krejcie-Morgan minimum (DOMAIN.md §2).

    Inputs: two Series indexed by unit (e.g. ``instansi_kode``): respondents, and the unit's yearly
    service volume (the population N). Output, one row per unit in either index: the unit column
    (the index name, default ``unit``), ``responden`` (0 when absent), ``populasi``, ``sampel_minimum``,
    ``kekurangan`` (missing responses, ≥ 0) and ``kurang_sampel`` (bool). A unit with unknown volume
    has NaN minimum and is not flagged. Empty inputs give an empty frame with these columns.
    """
    name = responses_per_unit.index.name or volume_per_unit.index.name or "unit"
    columns = [name, "responden", "populasi", "sampel_minimum", "kekurangan", "kurang_sampel"]
    index = responses_per_unit.index.union(volume_per_unit.index)
    if len(index) == 0:
        return pd.DataFrame(columns=columns)
    out = pd.DataFrame(index=index)
    out["responden"] = pd.to_numeric(responses_per_unit, errors="coerce").reindex(index).fillna(0).astype(int)
    out["populasi"] = pd.to_numeric(volume_per_unit, errors="coerce").reindex(index).astype(float)
    out["sampel_minimum"] = krejcie_morgan(out["populasi"])
    out["kekurangan"] = (out["sampel_minimum"] - out["responden"]).clip(lower=0)
    out["kurang_sampel"] = (out["responden"] < out["sampel_minimum"]).fillna(False).astype(bool)
    out.index.name = name
    return out.reset_index()[columns]


#: The columns of the store's survey sums (``skm_ringkas``): count, the nine sums of answers, Σ S and Σ S² of
#: each response's total S of its nine answers, and the responses with one answer throughout.
SUM_COLUMNS: Final = ("responden", *(f"s_{u}" for u in UNSUR_KOLOM), "s_skor", "ss_skor", "identik")


def _nrr_table(sums: pd.DataFrame, keys: list[str]) -> pd.DataFrame | None:
    """The sums per group of ``keys`` with ``nrr_u1``..``nrr_u9`` added; None when no response is counted."""
    if sums.empty or int(sums["responden"].sum()) == 0:
        return None
    if keys:
        table = sums.groupby(keys, sort=True, dropna=False)[list(SUM_COLUMNS)].sum().reset_index()
    else:
        table = pd.DataFrame([sums[list(SUM_COLUMNS)].sum()])
    n = table["responden"].astype("float64")
    for u, name in zip(UNSUR_KOLOM, NRR_KOLOM, strict=True):
        table[name] = table[f"s_{u}"].astype("float64") / n
    table["responden"] = table["responden"].astype("int64")
    return table


def nrr_from_sums(sums: pd.DataFrame, by: str | Sequence[str] | None = None) -> pd.DataFrame:
    """``nrr`` from the store's survey sums instead of raw responses (DOMAIN.md §2): NRR = sum of answers /
    responses, the same figures, as every stored response answers all nine elements."""
    keys = _keys(by)
    table = _nrr_table(sums, keys)
    columns = [*keys, "responden", *NRR_KOLOM]
    return pd.DataFrame(columns=columns) if table is None else table[columns]


def ikm_from_sums(sums: pd.DataFrame, by: str | Sequence[str] | None = None, confidence: float = 0.95) -> pd.DataFrame:
    """``ikm`` (exact 1/9 weights) from the store's survey sums (DOMAIN.md §2): the IKM from the NRR, and the
    t-interval of the respondent scores 25/9 × S from n, Σ S and Σ S² (mean 25/9 · ΣS/n, variance
    (25/9)² · (ΣS² − (ΣS)²/n)/(n − 1)), computed from integers; the same figures ``ikm`` gives over the rows."""
    keys = _keys(by)
    columns = [*keys, "responden", *NRR_KOLOM, "ikm", "ikm_bawah", "ikm_atas", "mutu", "kinerja", "metode"]
    table = _nrr_table(sums, keys)
    if table is None:
        return pd.DataFrame(columns=columns)
    table["ikm"] = round_half_up(table[list(NRR_KOLOM)].mean(axis=1, skipna=False) * 25.0, 2)
    n = table["responden"].to_numpy(dtype=float)
    s = table["s_skor"].to_numpy(dtype=float)
    ss = table["ss_skor"].to_numpy(dtype=float)
    scale = 25.0 / 9.0
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = scale * s / n
        sd = scale * np.sqrt(np.maximum(ss - s * s / n, 0.0) / (n - 1))
    lower, upper = t_interval_from_moments(n, mean, sd, confidence)
    table["ikm_bawah"] = round_half_up(pd.Series(lower).clip(lower=25.0, upper=100.0).to_numpy(), 2)
    table["ikm_atas"] = round_half_up(pd.Series(upper).clip(lower=25.0, upper=100.0).to_numpy(), 2)
    table["mutu"] = classify_ikm(table["ikm"])
    table["kinerja"] = table["mutu"].map(KINERJA_BY_MUTU)
    table["metode"] = METODE_EXACT
    return table[columns]


def ikm_values_from_sums(sums: pd.DataFrame, by: str) -> pd.DataFrame:
    """``ikm_values`` from the store's survey sums: the IKM table plus nilai (= ikm) and jumlah (= responden)."""
    table = ikm_from_sums(sums, by=by)
    return table.assign(nilai=table["ikm"].astype("float64"), jumlah=table["responden"])
