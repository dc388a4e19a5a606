"""Upload pipeline, pure: read (CSV/XLSX → RawTable) → normalise → validate (→ ValidationResult); templates and docs.

Typical use (``importer.run`` builds on this, chunk by chunk)::

    for result in validate_chunks(iter_chunks(path_or_bytes, 200_000, kind), kind, known):
        result.ok, result.rows, result.error_frame     # canonical columns + derived + _baris; every problem
"""

from __future__ import annotations

from asn_metrics.ingest.chunks import KeysAcrossChunks, validate_chunks
from asn_metrics.ingest.columns import Column, Kind
from asn_metrics.ingest.detect import KindGuess, detect_kind
from asn_metrics.ingest.distinct import map_distinct
from asn_metrics.ingest.errors import Problem, UnknownKind, UnreadableFile
from asn_metrics.ingest.issues import CAP, problems_from
from asn_metrics.ingest.kinds import KIND_SPECS, get_kind
from asn_metrics.ingest.known import KnownReferences
from asn_metrics.ingest.read import iter_chunks, read_table
from asn_metrics.ingest.report import error_report, write_error_report
from asn_metrics.ingest.schema import dataframe_schema
from asn_metrics.ingest.table import RawTable
from asn_metrics.ingest.templates import kinds_markdown, template_csv, template_xlsx
from asn_metrics.ingest.validate import ValidationResult, validate

__all__ = [
    "CAP",
    "KIND_SPECS",
    "Column",
    "KeysAcrossChunks",
    "Kind",
    "KindGuess",
    "KnownReferences",
    "Problem",
    "RawTable",
    "UnknownKind",
    "UnreadableFile",
    "ValidationResult",
    "dataframe_schema",
    "detect_kind",
    "error_report",
    "get_kind",
    "iter_chunks",
    "kinds_markdown",
    "map_distinct",
    "problems_from",
    "read_table",
    "template_csv",
    "template_xlsx",
    "validate",
    "validate_chunks",
    "write_error_report",
]
