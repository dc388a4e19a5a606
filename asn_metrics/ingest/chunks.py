"""Validating a big file chunk by chunk, with duplicate keys found across chunks too."""

from __future__ import annotations

import dataclasses
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
    """``validate`` each chunk of ``read.iter_chunks``; a key already seen in an earlier chunk is an error too.

    Keys are remembered as 64-bit hashes with their first line (16 bytes a row), so memory stays
    bounded by the number of rows, not by their text.
    """
    seen_hash = np.zeros(0, dtype=np.uint64)
    seen_line = np.zeros(0, dtype=np.int64)
    for raw in chunks:
        result = validate(raw, kind, known)
        spec = get_kind(result.kind)
        keys = result.rows[list(spec.key)]
        usable = keys.notna().all(axis=1).to_numpy()
        hashes = pd.util.hash_pandas_object(keys.astype(str), index=False).to_numpy()
        lines = result.rows["_baris"].to_numpy()
        pos = np.searchsorted(seen_hash, hashes)
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
        new = usable & ~found
        order = np.argsort(np.concatenate([seen_hash, hashes[new]]), kind="stable")
        seen_hash = np.concatenate([seen_hash, hashes[new]])[order]
        seen_line = np.concatenate([seen_line, lines[new]])[order]
        yield result
