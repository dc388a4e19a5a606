"""Kepuasan Masyarakat & Pengaduan: IKM per unit with its noise, the weakest elements, sample adequacy,
complaints."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from asn_metrics import complaints, narrative, survey
from asn_metrics.filters import Filters
from asn_metrics.formatting import format_frame, format_number, format_percent
from asn_metrics.views.common import Kpi, describe_filters, with_names
from asn_metrics.views.source import Source

CHANNELS = {
    "lapor": "SP4N-LAPOR!",
    "langsung": "Datang langsung",
    "telepon": "Telepon",
    "whatsapp": "WhatsApp",
    "email": "Surel",
    "media_sosial": "Media sosial",
}
_TABLE_COLUMNS = {
    "nama": "Unit",
    "ikm": "IKM",
    "mutu": "Mutu",
    "responden": "Responden",
    "sampel_minimum": "Sampel minimum",
    "kurang_sampel": "Kurang sampel",
}


@dataclass(frozen=True)
class Complaints:
    funnel: pd.DataFrame
    funnel_title: str
    funnel_subtitle: str
    by_channel: pd.DataFrame
    channel_title: str
    channel_subtitle: str


@dataclass(frozen=True)
class KepuasanView:
    kpis: list[Kpi]
    units: pd.DataFrame  # IKM per unit with its interval, names and sample adequacy
    units_title: str
    units_subtitle: str
    profile: pd.DataFrame  # NRR per element of the unit in focus (or all), weakest marked
    profile_title: str
    profile_subtitle: str
    complaints: Complaints | None
    table: pd.DataFrame  # formatted, Indonesian headers, lowest IKM first
    table_codes: list[str]


def _complaints(rows: pd.DataFrame, subtitle: str) -> Complaints | None:
    if rows.empty:
        return None
    stages = complaints.complaint_funnel(rows)
    by_channel = complaints.complaint_metrics(rows, by="kanal")
    by_channel["kanal_label"] = by_channel["kanal"].map(CHANNELS).fillna(by_channel["kanal"])
    return Complaints(
        funnel=stages,
        funnel_title=narrative.funnel_title(stages, complaints.complaint_metrics(rows.assign(semua=""), by="semua")),
        funnel_subtitle=f"Pengaduan masuk → ditanggapi → selesai · {subtitle}",
        by_channel=by_channel,
        channel_title=narrative.best_worst_title(
            by_channel, value="persen_ditanggapi_5_hari", label="kanal_label", what="Ditanggapi ≤ 5 hari kerja"
        ),
        channel_subtitle=f"Per kanal, selang 95% (Wilson); hari kerja tanpa libur nasional dan cuti bersama · "
        f"{subtitle}",
    )


def build(source: Source, filters: Filters) -> KepuasanView | None:
    """The page for ``filters``; None when the year has no survey responses."""
    sums = source.skm_sums(filters, ("instansi_kode",)) if filters.tahun else pd.DataFrame()
    if sums.empty:
        return None
    overall = survey.ikm_from_sums(sums).iloc[0]
    units = survey.ikm_values_from_sums(sums, "instansi_kode")
    volume = source.service_timeliness_counts(filters, ("instansi_kode",)).set_index("instansi_kode")["jumlah"]
    adequacy = survey.sample_adequacy(
        units.set_index("instansi_kode")["responden"].rename_axis("instansi_kode"), volume
    )
    units = with_names(
        units.merge(adequacy[["instansi_kode", "sampel_minimum", "kurang_sampel"]], how="left"), source.instansi()
    )
    units["kurang_sampel"] = units["kurang_sampel"].fillna(False).astype(bool)
    complaint_rows = source.pengaduan(filters)
    all_complaints = (
        complaints.complaint_metrics(complaint_rows.assign(semua=""), by="semua")
        if not complaint_rows.empty
        else pd.DataFrame()
    )
    subtitle = describe_filters(source, filters)
    focus = units[units["instansi_kode"] == filters.instansi] if filters.instansi else pd.DataFrame()
    scope = sums if focus.empty else sums[sums["instansi_kode"] == filters.instansi]
    unit_name = "semua unit" if focus.empty else str(focus["nama"].iloc[0])
    profile = survey.priorities(survey.nrr_from_sums(scope), n=9)
    # What the table's title asks first: the units short of respondents, then the lowest IKM.
    ordered = units.sort_values(["kurang_sampel", "ikm"], ascending=[False, True], kind="stable")
    ordered = ordered.assign(kurang_sampel=ordered["kurang_sampel"].map({True: "ya", False: "tidak"}))
    return KepuasanView(
        kpis=[
            Kpi("IKM", format_number(overall["ikm"], 2), help="Rata-rata NRR sembilan unsur × 25"),
            Kpi("Mutu", str(overall["mutu"] or "–"), help=str(overall["kinerja"] or "")),
            Kpi("Responden", format_number(overall["responden"])),
            Kpi(
                "Unit kurang sampel",
                format_number(int(units["kurang_sampel"].sum())),
                help="Responden di bawah sampel minimum Krejcie & Morgan untuk volume layanan setahun",
            ),
            Kpi(
                "Ditanggapi ≤ 5 hari",
                format_percent(all_complaints["persen_ditanggapi_5_hari"].iloc[0]) if len(all_complaints) else "–",
                note="pengaduan yang ditanggapi dalam 5 hari kerja",
                help="Corong di bawah menghitung semua tanggapan, kapan pun diberikan; kartu ini hanya yang "
                "diberikan paling lambat 5 hari kerja setelah pengaduan masuk.",
            ),
        ],
        units=units,
        units_title=narrative.best_worst_title(units, value="ikm", label="nama", what="IKM", decimals=2, suffix=""),
        units_subtitle=f"IKM per unit dengan selang 95%; pucat: sampel kurang · {subtitle}",
        profile=profile,
        profile_title=narrative.element_title(profile, unit_name),
        profile_subtitle=f"NRR per unsur; oranye: tiga prioritas perbaikan · {subtitle}",
        complaints=_complaints(complaint_rows, subtitle),
        table=format_frame(
            ordered[list(_TABLE_COLUMNS)], numbers={"ikm": 2, "responden": 0, "sampel_minimum": 0}
        ).rename(columns=_TABLE_COLUMNS),
        table_codes=list(ordered["instansi_kode"]),
    )
