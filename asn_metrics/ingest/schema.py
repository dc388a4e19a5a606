"""Pandera schemas generated from the kind declarations, and their failures in Indonesian."""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd
import pandera.pandas as pa

from asn_metrics.ingest.columns import Column, Kind
from asn_metrics.ingest.issues import Issues
from asn_metrics.ingest.kinds import get_kind

#: The dtype ``validate`` gives each column type (text-like columns hold Python strings, dtype object).
DTYPES: dict[str, str | None] = {
    "integer": "Int64",
    "number": "float64",
    "date": "datetime64[us]",
    "datetime": "datetime64[us]",
}


def _checks(col: Column) -> list[pa.Check]:
    checks: list[pa.Check] = []
    lo, hi = col.minimum, col.maximum
    if lo is not None and hi is not None:
        checks.append(pa.Check.in_range(lo, hi, include_min=not col.exclusive_minimum))
    elif lo is not None:
        checks.append(pa.Check.gt(lo) if col.exclusive_minimum else pa.Check.ge(lo))
    elif hi is not None:
        checks.append(pa.Check.le(hi))
    if col.values:
        checks.append(pa.Check.isin(list(col.values)))
    if col.max_length:
        checks.append(pa.Check.str_length(max_value=col.max_length))
    return checks


@cache
def dataframe_schema(kind_name: str) -> pa.DataFrameSchema:
    """The pandera schema of a kind's canonical, converted columns (types, required values, ranges, choices)."""
    kind = get_kind(kind_name)
    return pa.DataFrameSchema(
        {
            c.name: pa.Column(DTYPES.get(c.type), _checks(c), nullable=not c.required, coerce=False)
            for c in kind.columns
        },
        name=kind.name,
        strict=False,
    )


def run_schema(kind: Kind, frame: pd.DataFrame, raw_text: dict[str, pd.Series], issues: Issues) -> None:
    """Validate converted columns lazily and add every failure as an Indonesian problem.

    Cells that already failed conversion (``issues.bad``) are skipped, so a wrong date is one error,
    not also "required value missing". ``raw_text`` gives the value as the evaluator typed it.
    """
    try:
        dataframe_schema(kind.name).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        failures = exc.failure_cases
    else:
        return
    failures = failures[failures["index"].notna()]
    for (column, check), group in failures.groupby(["column", "check"], sort=False):
        col = kind.by_name[str(column)]
        rows = group["index"].to_numpy(dtype=np.int64)
        rows = rows[~issues.is_bad(col.name)[rows]]
        if len(rows) == 0:
            continue
        shown = raw_text[col.name].iloc[rows].to_numpy(dtype=object).astype(str) if col.name in raw_text else ""
        pesan, saran = _words(col, str(check), shown)
        issues.add(rows, col.name, shown, pesan, saran)


def _words(col: Column, check: str, shown: np.ndarray | str) -> tuple[np.ndarray | str, str]:
    """(pesan per row, saran) for a failed pandera check of a column."""
    value = np.char.add("nilai ", np.asarray(shown, dtype=str)) if not isinstance(shown, str) else "nilai"
    if check == "not_nullable":
        return "kolom wajib ini kosong", f"Isi {col.description}."
    if check.startswith(("in_range", "greater_than", "less_than")):
        rule = f"harus {col.range_text()}" if col.exclusive_minimum else f"di luar rentang {col.range_text()}"
        return np.char.add(value, f" {rule}"), col.range_advice()
    if check.startswith("isin"):
        return np.char.add(value, " tidak berlaku untuk kolom ini"), f"Pilih salah satu: {col.choices_text()}."
    if check.startswith("str_length"):
        return (
            f"teks terlalu panjang (lebih dari {col.max_length} karakter)",
            f"Singkat isinya menjadi paling banyak {col.max_length} karakter.",
        )
    return np.char.add(value, f" tidak memenuhi aturan {check}"), "Periksa isinya sesuai templat."
