"""Collecting problems while validating: vectorised additions, turned into ``Problem`` lists at the end."""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
import pandas as pd

from asn_metrics.ingest.errors import Problem

COLUMNS = ("baris", "kolom", "nilai", "pesan", "saran")
#: Per check (one ``add``), the problems kept as rows; the rest are only counted per column and advice. Since
#: one check adds each row at most once, in line order, the first ``CAP`` problems of a chunk by line are always
#: among the kept ones: the importer's first 1,000 of a file stay exact while a chunk of junk costs a fixed
#: amount of memory whatever it holds (issue 17 item 2).
CAP = 1_000
#: A warning on a column of this name is a NIP warning (Validitas counts those rows, DOMAIN.md §9).
_NIP_COLUMN = re.compile(r"(.+_)?nip")
#: The longest value and message a problem keeps: whatever a cell holds, what the user reads stays short.
VALUE_LIMIT, MESSAGE_LIMIT = 100, 400


def _bounded(values: object, limit: int) -> object:
    """``values`` (a scalar or an array of texts) with every text longer than ``limit`` cut, marked with …"""
    if isinstance(values, str):
        return values if len(values) <= limit else values[:limit] + "…"
    series = pd.Series(values, dtype=object)
    texts = series.map(lambda v: isinstance(v, str) and len(v) > limit)
    if not texts.any():
        return values
    return series.where(~texts, series[texts].map(lambda v: v[:limit] + "…")).to_numpy(dtype=object)


class Issues:
    """Errors and warnings of one validation, added column by column (row positions → line numbers)."""

    def __init__(self, lines: np.ndarray, column_order: tuple[str, ...] = (), cap: int | None = CAP) -> None:
        self.lines = lines
        self.order = {name: i for i, name in enumerate(column_order)}
        self.cap = cap
        self._errors: list[pd.DataFrame] = []
        self._warnings: list[pd.DataFrame] = []
        #: Per column, rows that already have an error there (later checks skip them).
        self.bad: dict[str, np.ndarray] = {}
        #: Rows with any error, rows with a NIP warning, and whether an error names no row (a missing column).
        self.refused = np.zeros(len(lines), dtype=bool)
        self.nip_warned = np.zeros(len(lines), dtype=bool)
        self.file_error = False
        #: Problems past each check's ``cap``, counted per (kolom, saran).
        self.errors_beyond: Counter[tuple[str, str]] = Counter()
        self.warnings_beyond: Counter[tuple[str, str]] = Counter()

    def add(
        self,
        rows: np.ndarray | pd.Series,
        kolom: str,
        nilai: pd.Series | np.ndarray | str,
        pesan: pd.Series | np.ndarray | str,
        saran: pd.Series | np.ndarray | str,
        *,
        warning: bool = False,
    ) -> None:
        """Add one problem per selected row; ``rows`` is a boolean mask or row positions; texts may be per row."""
        positions = np.flatnonzero(np.asarray(rows, dtype=bool)) if _is_mask(rows, self.lines) else np.asarray(rows)
        if len(positions) == 0:
            return
        if warning:
            if _NIP_COLUMN.fullmatch(kolom):
                self.nip_warned[positions] = True
        else:
            self.refused[positions] = True
            mask = self.bad.setdefault(kolom, np.zeros(len(self.lines), dtype=bool))
            mask[positions] = True
        keep = len(positions) if self.cap is None else min(self.cap, len(positions))
        advice = _pick(saran, positions)
        if keep < len(positions):
            rest = [advice] * (len(positions) - keep) if isinstance(advice, str) else advice[keep:]
            beyond = self.warnings_beyond if warning else self.errors_beyond
            for text, n in pd.Series(rest, dtype=object).value_counts(sort=False).items():
                beyond[(kolom, str(text))] += int(n)
        kept = positions[:keep]

        def first(value: pd.Series | np.ndarray | str) -> np.ndarray | str:
            picked = _pick(value, positions)
            return picked if isinstance(picked, str) else picked[:keep]

        frame = pd.DataFrame(
            {
                "baris": self.lines[kept],
                "kolom": kolom,
                "nilai": _bounded(first(nilai), VALUE_LIMIT),
                "pesan": _bounded(first(pesan), MESSAGE_LIMIT),
                "saran": first(saran),
                "_pos": kept,
            }
        )
        (self._warnings if warning else self._errors).append(frame)

    def add_frame(self, problems: pd.DataFrame, kolom: str, *, warning: bool = False) -> None:
        """Add problems indexed by row position with columns nilai, pesan, saran (as ``normalise`` returns them)."""
        if len(problems):
            rows = problems.index.to_numpy()
            self.add(
                rows,
                kolom,
                problems["nilai"].to_numpy(),
                problems["pesan"].to_numpy(),
                problems["saran"].to_numpy(),
                warning=warning,
            )

    def add_file(
        self, baris: int, kolom: str, pesan: str, saran: str, *, nilai: str = "", warning: bool = False
    ) -> None:
        """A problem of the file rather than of a data row (e.g. a missing column, on the header line)."""
        if not warning:
            self.file_error = True
        frame = pd.DataFrame(
            [{"baris": baris, "kolom": kolom, "nilai": nilai, "pesan": pesan, "saran": saran, "_pos": -1}]
        )
        (self._warnings if warning else self._errors).append(frame)

    def is_bad(self, kolom: str) -> np.ndarray:
        return self.bad.get(kolom, np.zeros(len(self.lines), dtype=bool))

    def frame(self, *, warning: bool = False) -> pd.DataFrame:
        """All problems sorted by line, in the order they were found within a line."""
        parts = self._warnings if warning else self._errors
        if not parts:
            return pd.DataFrame({c: pd.Series(dtype="int64" if c == "baris" else object) for c in COLUMNS})
        out = pd.concat(parts, ignore_index=True)
        # Column order through a dict of the few distinct kolom values: a lambda per row is seconds at 1M problems.
        kolom = out["kolom"].unique()
        out["_order"] = out["kolom"].map({k: self.order.get(str(k).split("+")[0], len(self.order)) for k in kolom})
        out = (
            out.sort_values(["baris", "_order"], kind="stable").drop(columns=["_pos", "_order"]).reset_index(drop=True)
        )
        out["baris"] = out["baris"].astype("int64")
        for col in ("kolom", "nilai", "pesan", "saran"):
            out[col] = out[col].astype(object).where(out[col].notna(), "").astype(str)
        return out


def _is_mask(rows: np.ndarray | pd.Series, lines: np.ndarray) -> bool:
    arr = np.asarray(rows)
    return arr.dtype == bool and len(arr) == len(lines)


def _pick(value: pd.Series | np.ndarray | str, positions: np.ndarray) -> np.ndarray | str:
    if isinstance(value, str):
        return value
    arr = value.to_numpy() if isinstance(value, pd.Series) else np.asarray(value)
    # Either one text per selected row, or one per row of the table (then select).
    return arr if len(arr) == len(positions) else arr[positions]


def problems_from(frame: pd.DataFrame) -> list[Problem]:
    """``Problem`` objects from a problem frame (columns baris, kolom, nilai, pesan, saran)."""
    return [Problem(int(b), k, n, p, s) for b, k, n, p, s in frame[list(COLUMNS)].itertuples(index=False, name=None)]
