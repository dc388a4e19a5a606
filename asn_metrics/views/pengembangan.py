"""Pengembangan & Penghargaan: who to recognise, who improved, who needs a plan, who lacks training — with the
rule that put each person on the list (DOMAIN.md §8). The lists are counted and paged in SQL
(``store.lists``): the page shows 100 people of each, never the tens of thousands behind them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from asn_metrics import followup
from asn_metrics.filters import Filters
from asn_metrics.formatting import format_number
from asn_metrics.views.common import Kpi, Page, with_names
from asn_metrics.views.source import Source

LISTS = (
    (followup.DAFTAR_PENGHARGAAN, "penghargaan"),
    (followup.DAFTAR_MENINGKAT, "meningkat"),
    (followup.DAFTAR_PEMBINAAN, "pembinaan"),
    (followup.DAFTAR_PELATIHAN, "pelatihan"),
)
RULES = {
    "penghargaan": followup.ATURAN_PENGHARGAAN,
    "meningkat": followup.ATURAN_MENINGKAT,
    "pembinaan": followup.ATURAN_PEMBINAAN,
    "pelatihan": followup.ATURAN_PELATIHAN.format(jp="20"),
}
#: The list columns as shown, with Indonesian headers (``aturan`` goes into the downloads only).
COLUMNS = {"nip": "NIP", "nama_pegawai": "Nama", "nama": "Instansi", "predikat": "Predikat", "keterangan": "Keterangan"}
_NOTES: dict[str, Callable[[Any], str]] = {
    "penghargaan": lambda r: followup.recognition_note(int(r.tahun), r.predikat_sebelumnya),
    "meningkat": lambda r: followup.improver_note(r.predikat_sebelumnya, r.predikat, int(r.langkah)),
    "pembinaan": lambda r: followup.plan_note(
        r.tahun_sebelumnya, r.periode_sebelumnya, r.predikat_sebelumnya, r.tahun, r.periode, r.predikat
    ),
    "pelatihan": lambda r: followup.training_note(float(r.jp), int(r.tahun)),
}


@dataclass(frozen=True)
class FollowupList:
    title: str
    slug: str
    rule: str  # the rule that puts people here ("" when the list is empty)
    total: int


@dataclass(frozen=True)
class PengembanganView:
    tahun: int
    kpis: list[Kpi]
    lists: list[FollowupList]


def build(source: Source, filters: Filters) -> PengembanganView | None:
    """The sizes of the four lists of ``filters.tahun`` (compared with the year before); None without SKP
    ratings that year."""
    if filters.tahun is None:
        return None
    counts = source.followup_counts(filters)
    if not counts["dinilai"]:
        return None
    lists = [FollowupList(title, slug, RULES[slug] if counts[slug] else "", counts[slug]) for title, slug in LISTS]
    return PengembanganView(
        tahun=filters.tahun,
        kpis=[Kpi(found.title.split(" (")[0], format_number(found.total)) for found in lists],
        lists=lists,
    )


def _shown(rows: pd.DataFrame, slug: str, source: Source) -> pd.DataFrame:
    """The list rows with the agency's name and the reason in words."""
    note = _NOTES[slug]
    out = with_names(rows, source.instansi()).assign(keterangan=[note(r) for r in rows.itertuples(index=False)])
    return out.assign(aturan=RULES[slug])[[*COLUMNS, "aturan"]]


def list_page(source: Source, filters: Filters, slug: str, number: int, text: str = "") -> Page:
    """Page ``number`` of list ``slug`` (a LISTS slug), narrowed to the people whose NIP or name contains
    ``text``; COLUMNS only (the rule is above the table)."""
    total = source.followup_counts(filters).get(slug, 0)
    rows, number, matched = source.list_page(filters, slug, number, text, total)
    return Page.of(_shown(rows, slug, source)[list(COLUMNS)], number, matched)


def list_rows(source: Source, filters: Filters, slug: str) -> pd.DataFrame:
    """Every row of list ``slug`` with COLUMNS and ``aturan``, in the list's order (the download)."""
    return _shown(source.list_rows(filters, slug), slug, source).reset_index(drop=True)
