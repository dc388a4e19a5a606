"""The deck's three files, in one place for the page's buttons and the ``export`` command: what each format is
called, its MIME type, how it is made from the deck, and the audit row every export leaves (issue 16 item 6)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import Engine

from asn_metrics import export_pptx, export_report
from asn_metrics.filters import Filters
from asn_metrics.store import audit
from asn_metrics.views.presentasi import Deck


@dataclass(frozen=True)
class Format:
    label: str  # the page's button
    mime: str
    make: Callable[[Deck], bytes]


FORMATS: dict[str, Format] = {
    "pptx": Format(
        "Unduh dek (PPTX)",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        export_pptx.pptx_bytes,
    ),
    "html": Format("Unduh laporan (HTML)", "text/html", lambda deck: export_report.html_text(deck).encode("utf-8")),
    "xlsx": Format(
        "Unduh tabel (XLSX)",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        export_report.xlsx_bytes,
    ),
}


def record(
    engine: Engine, kind: str, *, pengguna: str, filename: str, filters: Filters, lingkup: Sequence[str] | None
) -> None:
    """The audit row of one export: who, which format and file, for which filters and scope."""
    audit.record_now(
        engine,
        "ekspor",
        pengguna=pengguna,
        rincian={"format": kind, "berkas": filename, **filters.as_dict()},
        lingkup=audit.scope_text(lingkup),
    )
