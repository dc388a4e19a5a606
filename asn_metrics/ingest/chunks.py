"""Validating a big file chunk by chunk, with duplicate keys found across chunks too."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np
import pandas as pd

from asn_metrics.ingest.issues import COLUMNS
from asn_metrics.ingest.kinds import get_kind
from asn_metrics.ingest.known import KnownReferences
from asn_metrics.ingest.table import RawTable
from asn_metrics.ingest.validate import ValidationResult, validate


def validate_chunks(
    chunks: Iterable[RawTable], kind: str | None = None, known: KnownReferences | None = None
) -> Iterator[ValidationResult]:
    """``validate`` each chunk of ``read.iter_chunks``; a key already seen in an earlier chunk is an error too."""
    keys = KeysAcrossChunks()
    for raw in chunks:
        yield keys.check(validate(raw, kind, known))


class KeysAcrossChunks:
    """Finds the rows whose natural key an earlier chunk of the same file already had: ``check`` each chunk's
    result in file order (``validate`` finds a chunk's own duplicates).

    Keys are remembered as 64-bit hashes (sorted) with their first line, 16 bytes a row, so memory stays
    bounded by the number of rows, not by their text. Each key column has the same dtype in every chunk of a
    kind (``validate``), so equal keys hash alike.
    """

    def __init__(self) -> None:
        self.seen_hash = np.zeros(0, dtype=np.uint64)
        self.seen_line = np.zeros(0, dtype=np.int64)

    def check(self, result: ValidationResult) -> ValidationResult:
        """``result`` with an error for each row whose key an earlier chunk had; its keys are remembered."""
        spec = get_kind(result.kind)
        keys = result.rows[list(spec.key)]
        usable = keys.notna().all(axis=1).to_numpy()
        hashes = pd.util.hash_pandas_object(keys, index=False).to_numpy()
        lines = result.rows["_baris"].to_numpy()
        pos = np.searchsorted(self.seen_hash, hashes)
        found = usable & (pos < len(self.seen_hash))
        found[found] = self.seen_hash[pos[found]] == hashes[found]
        if found.any():
            extra = pd.DataFrame(
                {
                    "baris": lines[found],
                    "kolom": "+".join(spec.key),
                    "nilai": keys[found].astype(str).agg(" / ".join, axis=1).to_numpy(),
                    "pesan": [f"baris ini sama kuncinya dengan baris {f}" for f in self.seen_line[pos[found]]],
                    "saran": "Hapus salah satu baris atau gabungkan isinya.",
                }
            )[list(COLUMNS)]
            result = result.with_errors(extra)
        new = usable & ~found
        fresh, first = np.unique(hashes[new], return_index=True)  # a key repeated in the chunk: its first line
        at = np.searchsorted(self.seen_hash, fresh)
        self.seen_hash = np.insert(self.seen_hash, at, fresh)
        self.seen_line = np.insert(self.seen_line, at, lines[new][first])
        return result
