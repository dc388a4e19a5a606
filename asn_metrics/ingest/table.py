"""The raw table read from an upload: cells as text, with the line number of every row."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

#: First cells that mark a summary row at the end of a sheet (compared lower-case, without ':').
SUMMARY_WORDS = frozenset({"jumlah", "total", "rata-rata", "rata rata", "rata2", "grand total"})


@dataclass(frozen=True)
class RawTable:
    """Cells of one upload as text, before any interpretation.

    ``frame`` has one column per header position (integer labels 0..n-1, the header texts are in
    ``headers``); every cell is a ``str`` ('' for blank). ``lines`` holds, per row of ``frame``, the
    1-based line number as the evaluator sees it (Excel row, or line in a text editor); blank rows
    and a trailing summary row are already gone. XLSX numbers are kept as their Python ``repr``
    when not integral below 1e15, so an Excel-mangled NIP (``1.98609262015051e+17``) stays visible.
    """

    headers: tuple[str, ...]
    frame: pd.DataFrame
    lines: np.ndarray
    header_line: int
    filename: str
    sheet: str | None = None
    kind: str | None = None
    kind_confidence: float | None = None
    #: How much of the file has been read once this table (a chunk) was cut, from 0 to 1 (for progress bars).
    read_fraction: float = 1.0

    def __len__(self) -> int:
        return len(self.frame)

    def with_rows(self, frame: pd.DataFrame, lines: np.ndarray, read_fraction: float = 1.0) -> RawTable:
        """A table with the same header and other rows (used for chunks)."""
        return replace(self, frame=frame, lines=lines, read_fraction=read_fraction)


def blank_mask(frame: pd.DataFrame) -> np.ndarray:
    """True for rows whose cells are all empty or whitespace (vectorised, cheap when few are blank)."""
    if frame.shape[1] == 0:
        return np.ones(len(frame), dtype=bool)
    mask = _blank(frame.iloc[:, 0]).to_numpy(dtype=bool).copy()
    for col in frame.columns[1:]:
        idx = np.flatnonzero(mask)
        if len(idx) == 0:
            break
        mask[idx] = _blank(frame[col].iloc[idx]).to_numpy(dtype=bool)
    return mask


def _blank(values: pd.Series) -> pd.Series:
    return values.isna() | (values.astype(str).str.strip().str.len() == 0)


def is_summary_row(cells: list[str]) -> bool:
    """True when the first non-empty cell reads Jumlah, Total or Rata-rata (a summary row under the data)."""
    for cell in cells:
        text = str(cell).strip()
        if text:
            return text.lower().rstrip(":").strip() in SUMMARY_WORDS
    return False


def drop_blank(frame: pd.DataFrame, lines: np.ndarray) -> tuple[pd.DataFrame, np.ndarray]:
    """Drop blank rows anywhere."""
    keep = ~blank_mask(frame)
    if keep.all():
        return frame.reset_index(drop=True), lines
    return frame.loc[keep].reset_index(drop=True), lines[keep]


def drop_trailing_summary(frame: pd.DataFrame, lines: np.ndarray) -> tuple[pd.DataFrame, np.ndarray]:
    """Drop summary rows at the very end (after blank rows are gone)."""
    end = len(frame)
    while end > 0 and is_summary_row([str(c) for c in frame.iloc[end - 1].tolist()]):
        end -= 1
    return frame.iloc[:end].reset_index(drop=True), lines[:end]
