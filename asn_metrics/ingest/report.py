"""The downloadable error report: the original rows plus a ``kesalahan`` column, for Indonesian Excel."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import BinaryIO

import numpy as np
import pandas as pd

from asn_metrics.cell_safety import neutralise
from asn_metrics.ingest.table import RawTable
from asn_metrics.ingest.validate import ValidationResult

REPORT_COLUMN = "kesalahan"


def error_report(raw: RawTable, result: ValidationResult) -> bytes:
    """CSV (UTF-8 with BOM, ``;``-separated) of every original row, with a ``kesalahan`` column.

    ``kesalahan`` joins the messages of that row (``kolom u5: nilai 5 di luar rentang 1–4. Isi dengan
    ...``); problems of the whole file (e.g. a missing column) come first in a row of their own. The
    reader ignores ``kesalahan``, so the corrected report can be uploaded again as it is.
    """
    out = io.BytesIO()
    write_error_report([raw], result.error_frame, out)
    return out.getvalue()


def write_error_report(chunks: Iterable[RawTable], errors: pd.DataFrame, out: BinaryIO) -> None:
    """``error_report`` of a big file read in chunks (``read.iter_chunks``), written to ``out`` chunk by
    chunk: the same bytes as ``error_report`` of the whole file, in memory bounded by the chunk size."""
    per_line = (
        errors.assign(teks=_texts(errors)).groupby("baris", sort=False)["teks"].agg(" | ".join)
        if len(errors)
        else pd.Series(dtype=str)
    )
    out.write(b"\xef\xbb\xbf")
    for number, raw in enumerate(chunks):
        text = io.StringIO()
        writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
        if number == 0:
            writer.writerow([*(neutralise(h) for h in raw.headers), REPORT_COLUMN])
            first = int(raw.lines.min()) if len(raw.lines) else 0
            header_level = per_line[per_line.index.to_numpy(dtype=np.int64) < first].tolist()
            if header_level:
                writer.writerow([""] * len(raw.headers) + [" | ".join(header_level)])
        messages = per_line.reindex(raw.lines).fillna("").tolist()
        for cells, message in zip(raw.frame.itertuples(index=False, name=None), messages, strict=True):
            writer.writerow([*(neutralise(c) for c in cells), message])
        out.write(text.getvalue().encode("utf-8"))


def _texts(errors: pd.DataFrame) -> pd.Series:
    """``kolom X: pesan. saran.`` per problem."""
    where = ("kolom " + errors["kolom"] + ": ").where(errors["kolom"] != "", "")
    pesan = errors["pesan"].str.rstrip(".") + ". "
    return where + pesan + errors["saran"]
