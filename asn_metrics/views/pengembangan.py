"""Pengembangan & Penghargaan: who to recognise, who improved, who needs a plan, who lacks training — with the
rule that put each person on the list (DOMAIN.md §8)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from asn_metrics import followup
from asn_metrics.filters import Filters
from asn_metrics.formatting import format_number
from asn_metrics.views.common import Kpi, Page, page_of, with_names
from asn_metrics.views.source import Source

LISTS = (
    (followup.DAFTAR_PENGHARGAAN, "penghargaan"),
    (followup.DAFTAR_MENINGKAT, "meningkat"),
    (followup.DAFTAR_PEMBINAAN, "pembinaan"),
    (followup.DAFTAR_PELATIHAN, "pelatihan"),
)
#: The list columns as shown, with Indonesian headers (``aturan`` goes into the downloads only).
COLUMNS = {"nip": "NIP", "nama_pegawai": "Nama", "nama": "Instansi", "predikat": "Predikat", "keterangan": "Keterangan"}


@dataclass(frozen=True)
class FollowupList:
    title: str
    slug: str
    rule: str  # the rule that put everyone here ("" when the list is empty)
    rows: pd.DataFrame  # COLUMNS plus aturan, in list order

    def page(self, number: int, text: str = "") -> Page:
        """Page ``number`` of the people whose NIP or name contains ``text``."""
        return page_of(self.rows[list(COLUMNS)], number, text, ("nip", "nama_pegawai"))


@dataclass(frozen=True)
class PengembanganView:
    tahun: int
    kpis: list[Kpi]
    lists: list[FollowupList]


def build(source: Source, filters: Filters) -> PengembanganView | None:
    """The four lists of ``filters.tahun`` (compared with the year before); None without SKP ratings that year."""
    if filters.tahun is None:
        return None
    years = (filters.tahun - 1, filters.tahun)
    evaluations = source.last_evaluations(filters, years)
    standing = evaluations[evaluations["berlaku"]]
    annual = standing[["nip", "tahun", "predikat", "periode", "instansi_kode"]].rename(
        columns={"periode": "sumber_periode"}
    )
    if annual.empty or filters.tahun not in set(annual["tahun"]):
        return None
    lists = followup.followup_lists(evaluations, source.jp_per_pegawai(filters), tahun=filters.tahun, annual=annual)
    lists = lists.merge(source.names(filters), on="nip", how="left")  # retired employees keep their names
    lists = with_names(lists.rename(columns={"nama": "nama_pegawai"}), source.instansi())
    sizes = lists["daftar"].value_counts()
    parts = []
    for title, slug in LISTS:
        part = lists[lists["daftar"] == title]
        rule = str(part["aturan"].iloc[0]) if len(part) else ""
        parts.append(FollowupList(title, slug, rule, part[[*COLUMNS, "aturan"]].reset_index(drop=True)))
    return PengembanganView(
        tahun=filters.tahun,
        kpis=[Kpi(title.split(" (")[0], format_number(int(sizes.get(title, 0)))) for title, _ in LISTS],
        lists=parts,
    )
