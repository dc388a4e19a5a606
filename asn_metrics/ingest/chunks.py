"""Validating a big file chunk by chunk, with duplicate keys found across chunks too."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Mapping

import numpy as np
import pandas as pd

from asn_metrics.ingest.distinct import first_of_codes
from asn_metrics.ingest.issues import COLUMNS
from asn_metrics.ingest.kinds import get_kind
from asn_metrics.ingest.known import KnownReferences
from asn_metrics.ingest.table import RawTable
from asn_metrics.ingest.validate import ValidationResult, key_rows, validate


def validate_chunks(
    chunks: Iterable[RawTable],
    kind: str | None = None,
    known: KnownReferences | None = None,
    first_elsewhere: bool = False,
) -> Iterator[ValidationResult]:
    """``validate`` each chunk of ``read.iter_chunks``; a key already seen in an earlier chunk is an error too.

    ``first_elsewhere``: the first chunk is validated by someone else (the import's writer, while this runs in
    its reading child); only its keys are read here (``validate.key_rows``), for keys repeated later, and it is
    not yielded.
    """
    keys = KeysAcrossChunks()
    for index, raw in enumerate(chunks):
        if index == 0 and first_elsewhere:
            keys.check(key_rows(raw, kind or raw.kind or ""))
            continue
        yield keys.check(validate(raw, kind, known))


class KeysAcrossChunks:
    """Finds the rows whose natural key an earlier chunk of the same file already had: ``check`` each chunk's
    result in file order (``validate`` finds a chunk's own duplicates).

    Keys are remembered as 64-bit hashes with their first line (16 bytes a row), so memory stays
    bounded by the number of rows, not by their text.
    """

    def __init__(self) -> None:
        self.seen_hash = np.zeros(0, dtype=np.uint64)
        self.seen_line = np.zeros(0, dtype=np.int64)

    def check(self, result: ValidationResult) -> ValidationResult:
        """``result`` with an error for each row whose key an earlier chunk had; its keys are remembered."""
        spec = get_kind(result.kind)
        keys = result.rows[list(spec.key)]
        usable = keys.notna().all(axis=1).to_numpy()
        hashes = _key_hashes(keys, result.codes)
        lines = result.rows["_baris"].to_numpy()
        seen_hash, seen_line = self.seen_hash, self.seen_line
        order = _sorting(hashes)  # looking up and merging sorted hashes is cache-friendly
        pos = np.empty(len(hashes), dtype=np.intp)
        pos[order] = np.searchsorted(seen_hash, hashes[order])
        found = usable & (pos < len(seen_hash))
        found[found] = seen_hash[pos[found]] == hashes[found]
        if found.any():
            first = seen_line[pos[found]]
            extra = pd.DataFrame(
                {
                    "baris": lines[found],
                    "kolom": "+".join(spec.key),
                    "nilai": keys[found].astype(str).agg(" / ".join, axis=1).to_numpy(),
                    "pesan": [f"baris ini sama kuncinya dengan baris {f}" for f in first],
                    "saran": "Hapus salah satu baris atau gabungkan isinya.",
                }
            )[list(COLUMNS)]
            errors = pd.concat([result.error_frame, extra], ignore_index=True).sort_values("baris", kind="stable")
            result = dataclasses.replace(result, error_frame=errors.reset_index(drop=True))
        new = order[(usable & ~found)[order]]  # the new keys by hash, rows with equal hashes in file order
        # Inserted where the lookup found their place (no earlier key has their hash): a merge of two sorted
        # runs, linear in the keys seen so far, where sorting them all again grew with every chunk.
        self.seen_hash = np.insert(seen_hash, pos[new], hashes[new])
        self.seen_line = np.insert(seen_line, pos[new], lines[new])
        return result


def _sorting(hashes: np.ndarray) -> np.ndarray:
    """``np.argsort(hashes, kind="stable")``: rows with equal hashes stay in file order. Sorted by the faster,
    unstable sort first; only a chunk with a repeated hash (a key repeated in it) is sorted again, stably."""
    order = np.argsort(hashes)
    ordered = hashes[order]
    if len(ordered) > 1 and bool((ordered[1:] == ordered[:-1]).any()):
        return np.argsort(hashes, kind="stable")
    return order


def _key_hashes(keys: pd.DataFrame, known: Mapping[str, np.ndarray]) -> np.ndarray:
    """``hash_pandas_object(keys.astype(str), index=False)`` where no key is missing, each column's distinct values
    written as text and hashed once (rows with a missing key get some hash: they are never compared). ``known``:
    the codes of columns whose values validation already numbered (``distinct``), not factorized again."""
    columns = []
    for name in keys.columns:
        if name in known:  # the distinct values, as factorize gives them, from the first row of each code
            codes = known[name]
            uniques = keys[name].iloc[first_of_codes(codes)].array
        else:
            codes, uniques = pd.factorize(keys[name])
        if isinstance(uniques.dtype, pd.StringDtype):  # distinct texts already
            text_codes, texts = np.arange(len(uniques)), uniques
        else:  # values written alike hash alike
            text_codes, texts = pd.factorize(pd.Series(uniques).astype(str))
        hashed = pd.util.hash_array(texts.to_numpy(dtype=object), categorize=False)
        columns.append(np.append(hashed[text_codes], np.uint64(0))[codes])  # code -1 (missing) picks the 0
    return _combine_hashes(columns)


def _combine_hashes(columns: list[np.ndarray]) -> np.ndarray:
    """One hash per row from the hashes of its cells, as ``hash_pandas_object`` combines a DataFrame's columns
    (CPython's tuple hash)."""
    out = np.full(len(columns[0]), 0x345678, dtype=np.uint64)
    mult = np.uint64(1000003)
    for i, column in enumerate(columns):
        out ^= column
        out *= mult
        mult += np.uint64(82520 + 2 * (len(columns) - i))
    return out + np.uint64(97531)
