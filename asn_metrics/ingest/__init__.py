"""Upload pipeline, pure: read (CSV/XLSX → RawTable) → normalise → validate (→ ValidationResult); templates and docs.

Typical use (the writer, CLI and page build on this)::

    raw = read_table(content, filename, kind)          # or validate_chunks(iter_chunks(path), kind)
    result = validate(raw, kind, KnownReferences.of(instansi=codes, nip=nips))
    if not result.ok:
        show(result.messages()); offer(error_report(raw, result))
    else:
        write(result.rows)                             # canonical columns + derived + _baris
"""

from __future__ import annotations

from asn_metrics.ingest.chunks import validate_chunks
from asn_metrics.ingest.columns import Column, Kind
from asn_metrics.ingest.detect import KindGuess, detect_kind
from asn_metrics.ingest.distinct import map_distinct
from asn_metrics.ingest.errors import Problem, UnknownKind, UnreadableFile
from asn_metrics.ingest.kinds import KIND_SPECS, get_kind
from asn_metrics.ingest.known import KnownReferences
from asn_metrics.ingest.read import iter_chunks, read_table
from asn_metrics.ingest.report import error_report, write_error_report
from asn_metrics.ingest.schema import dataframe_schema
from asn_metrics.ingest.table import RawTable
from asn_metrics.ingest.templates import kinds_markdown, template_csv, template_xlsx
from asn_metrics.ingest.validate import ValidationResult, key_rows, validate

__all__ = [
    "KIND_SPECS",
    "Column",
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
    "key_rows",
    "kinds_markdown",
    "map_distinct",
    "read_table",
    "template_csv",
    "template_xlsx",
    "validate",
    "validate_chunks",
    "write_error_report",
]
