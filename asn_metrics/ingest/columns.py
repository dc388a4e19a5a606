"""The vocabulary in which upload kinds are declared: column types, columns, kinds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Final, Literal

from asn_metrics.formatting import format_date
from asn_metrics.ingest.names import GLOBAL_ALIASES, header_key, value_key

ColumnType = Literal["text", "integer", "number", "date", "datetime", "nip", "enum", "rating", "periode"]

#: How each type is named in templates and documentation (Indonesian).
TYPE_LABEL: Final[dict[str, str]] = {
    "text": "teks",
    "integer": "bilangan bulat",
    "number": "angka (desimal boleh, 3,5 atau 3.5)",
    "date": "tanggal (hari sebelum bulan: 27/11/2026, 27 November 2026, 2026-11-27)",
    "datetime": "tanggal dan jam (27/11/2026 08:30)",
    "nip": "NIP, 18 angka (format sel Teks)",
    "enum": "pilihan",
    "rating": "rating (Di Atas / Sesuai / Di Bawah Ekspektasi)",
    "periode": "periode (tahunan, tw1–tw4, 1–12 atau nama bulan)",
}


@dataclass(frozen=True)
class Column:
    """One column of an upload kind, as DATA_FORMATS.md declares it.

    ``values`` are the canonical allowed values (enum, rating, periode); ``synonyms`` maps other
    spellings to one of them (compared with ``value_key``: case, spaces and punctuation free).
    ``minimum``/``maximum`` bound integer and number columns (``exclusive_minimum`` for ``> 0``).
    ``earliest``/``latest`` bound date and date-time columns, both days included (a date-time on
    ``latest`` may have any time of day). ``default`` fills blank cells. ``max_length`` (characters)
    comes from the database column (``kinds.py``).
    """

    name: str
    type: ColumnType
    description: str
    example: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    values: tuple[str, ...] = ()
    synonyms: Mapping[str, str] = field(default_factory=dict)
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: bool = False
    default: str | None = None
    max_length: int | None = None
    earliest: dt.date | None = None
    latest: dt.date | None = None

    @property
    def type_label(self) -> str:
        return TYPE_LABEL[self.type]

    @cached_property
    def value_lookup(self) -> dict[str, str]:
        """``value_key`` of every accepted spelling → canonical value (enum columns)."""
        lookup = {value_key(v): v for v in self.values}
        lookup.update({value_key(k): v for k, v in self.synonyms.items()})
        return lookup

    def range_text(self) -> str:
        """The allowed range in words, e.g. ``1–4``, ``lebih dari 0``, ``0–120``; '' when unbounded.

        Dates: ``1 Januari 1950 – 31 Desember 2027``; text: ``paling banyak 200 karakter``.
        """
        if self.type in ("date", "datetime"):
            return self._date_range_text()
        if self.type == "text":
            return f"paling banyak {self.max_length} karakter" if self.max_length else ""
        lo, hi = self.minimum, self.maximum
        if lo is not None and hi is not None:
            return f"{_num(lo)}–{_num(hi)}"
        if lo is not None:
            return f"lebih dari {_num(lo)}" if self.exclusive_minimum else f"paling kecil {_num(lo)}"
        if hi is not None:
            return f"paling besar {_num(hi)}"
        return ""

    def range_advice(self) -> str:
        """How to fix an out-of-range value: ``Isi dengan 1, 2, 3 atau 4.``"""
        lo, hi = self.minimum, self.maximum
        if self.type == "integer" and lo is not None and hi is not None and hi - lo <= 5:
            choices = [_num(float(v)) for v in range(int(lo), int(hi) + 1)]
            return f"Isi dengan {', '.join(choices[:-1])} atau {choices[-1]}."
        return f"Isi angka {self.range_text()}." if self.range_text() else "Periksa angkanya."

    def _date_range_text(self) -> str:
        lo, hi = self.earliest, self.latest
        if lo is not None and hi is not None:
            return f"{format_date(lo)} – {format_date(hi)}"
        if lo is not None:
            return f"paling awal {format_date(lo)}"
        if hi is not None:
            return f"paling lambat {format_date(hi)}"
        return ""

    def date_advice(self) -> str:
        """How to fix a date outside ``earliest``/``latest``: check the year, with the bounds and an example."""
        lo, hi = self.earliest, self.latest
        if lo is not None and hi is not None:
            bounds = f"tanggal harus antara {format_date(lo)} dan {format_date(hi)}"
        else:
            bounds = f"tanggal harus {self._date_range_text()}"
        return f"Periksa tahunnya, mungkin salah ketik: {bounds} (hari sebelum bulan, misalnya {self.example})."

    def choices_text(self, limit: int = 12) -> str:
        """The allowed values in words, for advice: ``PNS atau PPPK``."""
        shown = list(self.values[:limit]) + (["…"] if len(self.values) > limit else [])
        return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} atau {shown[-1]}"


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x).replace(".", ",")


@dataclass(frozen=True)
class Kind:
    """One upload kind: its columns, natural key and the columns ``validate`` derives."""

    name: str
    title: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    derived: tuple[str, ...] = ()
    key_note: str = ""
    #: Columns the rules compute from other file columns (an optional column when the file lacks it, or a
    #: derived one), each with those inputs. On update they are rewritten, unless one of their inputs is
    #: missing from the file: that input keeps its stored value, and so does what is computed from it.
    #: Any other column a file lacks keeps its stored value on the rows the file updates.
    computed: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @cached_property
    def by_name(self) -> dict[str, Column]:
        return {c.name: c for c in self.columns}

    @property
    def required(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.required)

    @cached_property
    def header_lookup(self) -> dict[str, str]:
        """``header_key`` of every accepted header → canonical column name (own aliases beat global ones)."""
        lookup = {header_key(a): canonical for a, canonical in GLOBAL_ALIASES.items() if canonical in self.by_name}
        for col in self.columns:
            lookup[header_key(col.name)] = col.name
            for alias in col.aliases:
                lookup[header_key(alias)] = col.name
        return lookup

    def canonical(self, header: str) -> str | None:
        """Canonical column of a header text in this kind, or None when it is not one of its columns."""
        return self.header_lookup.get(header_key(header))

    def accepted_names(self, column: str) -> tuple[str, ...]:
        """Every header accepted for a column: its name, its aliases and the global aliases for it."""
        col = self.by_name[column]
        names: dict[str, str] = {}
        for name in (col.name, *col.aliases, *(a for a, c in GLOBAL_ALIASES.items() if c == column)):
            names.setdefault(header_key(name), name)
        return tuple(names.values())
