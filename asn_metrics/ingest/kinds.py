"""The nine upload kinds of DATA_FORMATS.md (declared in ``kinds_*.py``); schemas, templates, docs derive from them."""

from __future__ import annotations

import dataclasses
from typing import Final

from sqlalchemy import String

from asn_metrics import reference as ref
from asn_metrics.db.schema import KIND_TABLES
from asn_metrics.ingest.columns import Kind
from asn_metrics.ingest.kinds_people import (
    DISIPLIN,
    INSTANSI,
    INSTANSI_CONTOH,
    NIP_CONTOH,
    PEGAWAI,
    PELATIHAN,
    SKP,
    TAHUN_AKHIR,
    TAHUN_AWAL,
    TANGGAL_AKHIR,
    TANGGAL_AWAL,
)
from asn_metrics.ingest.kinds_services import INDIKATOR, LAYANAN, PENGADUAN, SKM

__all__ = [
    "INSTANSI_CONTOH",
    "KIND_SPECS",
    "NIP_CONTOH",
    "TAHUN_AKHIR",
    "TAHUN_AWAL",
    "TANGGAL_AKHIR",
    "TANGGAL_AWAL",
    "get_kind",
]


def _with_db_lengths(kind: Kind) -> Kind:
    """Copy the length of each text column from the database table, so a value too long is an error here."""
    table = KIND_TABLES[kind.name]
    other = {"instansi_kode": ("instansi", "kode")}
    columns = []
    for col in kind.columns:
        db_col = table.c.get(col.name)
        if db_col is None and col.name in other:
            db_col = KIND_TABLES[other[col.name][0]].c.get(other[col.name][1])
        length = (
            getattr(db_col.type, "length", None) if db_col is not None and isinstance(db_col.type, String) else None
        )
        columns.append(dataclasses.replace(col, max_length=length) if col.type == "text" and length else col)
    return dataclasses.replace(kind, columns=tuple(columns))


#: Every upload kind by name, in the order they depend on each other (``reference.KINDS``).
KIND_SPECS: Final[dict[str, Kind]] = {
    k.name: _with_db_lengths(k)
    for k in (INSTANSI, PEGAWAI, SKP, LAYANAN, SKM, PENGADUAN, INDIKATOR, PELATIHAN, DISIPLIN)
}
assert tuple(KIND_SPECS) == ref.KINDS


def get_kind(name: str) -> Kind:
    """The declaration of a kind; ValueError (Indonesian) listing the kinds when the name is unknown."""
    try:
        return KIND_SPECS[name.strip().lower()]
    except KeyError:
        raise ValueError(f"Jenis unggahan {name!r} tidak dikenal. Pilih salah satu: {', '.join(KIND_SPECS)}.") from None
