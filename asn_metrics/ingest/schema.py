"""Pandera schemas generated from the kind declarations, text lengths and date bounds, failures in Indonesian."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

import numpy as np
import pandas as pd
import pandera.pandas as pa

from asn_metrics.formatting import format_date
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
    return checks


@cache
def dataframe_schema(kind_name: str) -> pa.DataFrameSchema:
    """The pandera schema of a kind's canonical, converted columns (types, required values, ranges, choices).

    Text lengths and date bounds are not in it: ``check_limits`` checks them (see there why).
    """
    kind = get_kind(kind_name)
    return pa.DataFrameSchema(
        {
            c.name: pa.Column(DTYPES.get(c.type), _checks(c), nullable=not c.required, coerce=False)
            for c in kind.columns
        },
        name=kind.name,
        strict=False,
    )


def run_schema(kind: Kind, frame: pd.DataFrame, raw_text: Mapping[str, pd.Series], issues: Issues) -> None:
    """Validate converted columns lazily and add every failure as an Indonesian problem.

    Cells that already failed conversion (``issues.bad``) are skipped, so a wrong date is one error,
    not also "required value missing". ``raw_text`` gives the value as the evaluator typed it.
    Text lengths and date bounds are checked here directly (``check_limits``), not by pandera.
    """
    if _may_fail(kind, frame):  # the usual chunk of a big import has nothing for pandera to report
        try:
            dataframe_schema(kind.name).validate(frame, lazy=True)
        except pa.errors.SchemaErrors as exc:
            _add_failures(kind, exc.failure_cases, raw_text, issues)
    check_limits(kind, frame, raw_text, issues)


def _may_fail(kind: Kind, frame: pd.DataFrame) -> bool:
    """True when a value breaks a rule of ``dataframe_schema``: a required value missing, a number out of range,
    a choice not allowed (the schema's types are those ``convert`` gives). A vectorised look, far cheaper than
    pandera on a clean chunk."""
    for col in kind.columns:
        values = frame[col.name]
        if col.required and values.isna().any():
            return True
        if col.minimum is not None:
            below = values <= col.minimum if col.exclusive_minimum else values < col.minimum
            if below.fillna(False).any():
                return True
        if col.maximum is not None and (values > col.maximum).fillna(False).any():
            return True
        if col.values and (values.notna() & ~values.isin(list(col.values))).any():
            return True
    return False


def _add_failures(kind: Kind, failures: pd.DataFrame, raw_text: Mapping[str, pd.Series], issues: Issues) -> None:
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


def check_limits(kind: Kind, frame: pd.DataFrame, raw_text: Mapping[str, pd.Series], issues: Issues) -> None:
    """Texts longer than their database column and dates outside ``earliest``/``latest``, vectorised.

    Pandera would do the comparisons as fast, but formats each failing value in Python, which on a
    million-row file whose every date is wrong (an export writing 1900-01-01 for "no date") costs
    seconds per column; here a failure costs only the message. Cells with an error already are skipped.
    """
    for col in kind.columns:
        values = frame[col.name]
        if col.max_length:
            lengths = values.str.len()
            rows = (lengths > col.max_length).fillna(False).to_numpy(dtype=bool) & ~issues.is_bad(col.name)
            if rows.any():
                _too_long(col, lengths[rows], raw_text[col.name][rows], rows, issues)
        if col.type in ("date", "datetime"):
            if col.earliest is not None:
                early = (values < pd.Timestamp(col.earliest)).to_numpy(dtype=bool) & ~issues.is_bad(col.name)
                _out_of_bounds(col, early, raw_text, f"terlalu awal (paling awal {format_date(col.earliest)})", issues)
            if col.latest is not None:  # the whole last day, whatever the time of a date-time
                end = pd.Timestamp(col.latest) + pd.Timedelta(days=1)
                late = (values >= end).to_numpy(dtype=bool) & ~issues.is_bad(col.name)
                words = f"terlalu jauh ke depan (paling lambat {format_date(col.latest)})"
                _out_of_bounds(col, late, raw_text, words, issues)


def _out_of_bounds(
    col: Column, rows: np.ndarray, raw_text: Mapping[str, pd.Series], words: str, issues: Issues
) -> None:
    if not rows.any():
        return
    shown = raw_text[col.name][rows].to_numpy(dtype=object).astype(str)
    pesan = np.char.add(np.char.add("tanggal ", shown), f" {words}")
    issues.add(rows, col.name, shown, pesan, col.date_advice())


#: How much of a too-long text the problem list shows as ``nilai`` (the whole value is in the file).
SHOWN_CHARACTERS = 40


def _too_long(col: Column, lengths: pd.Series, typed: pd.Series, rows: np.ndarray, issues: Issues) -> None:
    """Texts longer than the database column holds: the length found, the maximum, and to shorten them.

    Lengths are characters as PostgreSQL's ``varchar(n)`` counts them (``é`` is one), of the value as
    stored (spaces around it removed). Only the start of each value is shown, so that a column of long
    texts does not become a huge fixed-width array.
    """
    start = typed.str.slice(0, SHOWN_CHARACTERS)
    shown = start.where(typed.str.len() <= SHOWN_CHARACTERS, start + "…").to_numpy(dtype=object)
    found = lengths.to_numpy(dtype=np.int64).astype(str)
    pesan = np.char.add(np.char.add("teks terlalu panjang: ", found), f" karakter, paling banyak {col.max_length}")
    saran = f"Singkat isi kolom {col.name} menjadi paling banyak {col.max_length} karakter."
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
    return np.char.add(value, f" tidak memenuhi aturan {check}"), "Periksa isinya sesuai templat."
