"""Kinerja Pegawai: the employee list (paged), the workforce profile and the retirement wave; one person's
history (``person``)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from asn_metrics import development, narrative, service, workforce
from asn_metrics.filters import Filters
from asn_metrics.formatting import format_frame, format_hours, format_number, format_percent
from asn_metrics.membership import isin
from asn_metrics.reference import BAIK_KE_ATAS, JENIS_JABATAN_LABEL
from asn_metrics.views.common import Kpi, Page, describe_filters, page_of, with_names
from asn_metrics.views.source import Source

DIMENSIONS = {
    "kelompok_usia": "Usia",
    "jenis_kelamin": "Jenis kelamin",
    "status": "Status",
    "pendidikan": "Pendidikan",
    "golongan": "Golongan",
    "jenis_jabatan": "Jenis jabatan",
}
_HISTORY_COLUMNS = {"tahun": "Tahun", "predikat": "Predikat", "jp": "JP", "ip_asn": "IP ASN"}
BEST_HEADERS = {
    "nip": "NIP",
    "nama_pegawai": "Nama",
    "nama": "Instansi",
    "jabatan": "Jabatan",
    "predikat": "Predikat",
    "tanggal_pensiun": "Tanggal pensiun",
}


@dataclass(frozen=True)
class KinerjaPegawaiView:
    tahun: int
    kpis: list[Kpi]
    subtitle: str
    people: pd.DataFrame  # every active employee in scope: nip, nama, instansi, jabatan, golongan, jenis, predikat
    people_headers: dict[str, str]
    make_up: pd.DataFrame  # the workforce profile of the chosen dimension
    make_up_title: str
    make_up_subtitle: str
    risk: pd.DataFrame  # succession risk per agency
    risk_title: str
    risk_subtitle: str
    best_retiring: pd.DataFrame  # Sangat Baik/Baik employees reaching BUP within 5 years (Indonesian headers)
    best_retiring_title: str

    def people_page(self, number: int, text: str = "") -> Page:
        """Page ``number`` (1-based) of the employees whose NIP or name contains ``text``."""
        return page_of(self.people, number, text, ("nip", "nama"))


@dataclass(frozen=True)
class PersonView:
    nip: str
    nama: str
    heading_rest: str  # agency and jabatan
    history: pd.DataFrame  # per year: predikat, JP, IP ASN (for the chart)
    history_table: pd.DataFrame  # the same, formatted, Indonesian headers
    as_officer: str | None  # the sentence about the services this person processed in the year


def build(source: Source, filters: Filters, dimension: str = "kelompok_usia") -> KinerjaPegawaiView | None:
    """The page for ``filters`` with the workforce profile by ``dimension`` (a key of DIMENSIONS); None when
    there is no year or no active employee in scope."""
    if filters.tahun is None:
        return None
    staff = source.pegawai(filters)
    if staff.empty:
        return None
    annual = source.standing(filters, (filters.tahun,))
    agencies = source.instansi()
    ref_date = pd.Timestamp(filters.tahun, 12, 31)
    retiring = workforce.retiring_within(staff, 5, ref_date)
    risk = with_names(workforce.succession_risk(staff, annual, filters.tahun), agencies)
    subtitle = describe_filters(source, filters)
    people = staff.merge(annual[["nip", "predikat"]], on="nip", how="left")
    people = with_names(people, agencies).rename(columns={"nama": "instansi"})
    people["nama"] = staff["nama"].to_numpy()
    people["jenis_jabatan"] = people["jenis_jabatan"].map(JENIS_JABATAN_LABEL)
    headers = {
        "nip": "NIP",
        "nama": "Nama",
        "instansi": "Instansi",
        "jabatan": "Jabatan",
        "golongan": "Golongan",
        "jenis_jabatan": "Jenis jabatan",
        "predikat": f"Predikat {filters.tahun}",
    }
    make_up = workforce.workforce_profile(staff, by=(), ref_date=ref_date)
    make_up = make_up[make_up["dimensi"] == dimension]
    good = annual.loc[annual["predikat"].isin(BAIK_KE_ATAS), "nip"]
    best = retiring[isin(retiring["nip"], good)]
    best = best.merge(staff[["nip", "nama", "jabatan"]], on="nip").merge(annual[["nip", "predikat"]], on="nip")
    best = with_names(best.rename(columns={"nama": "nama_pegawai"}), agencies)
    return KinerjaPegawaiView(
        tahun=filters.tahun,
        kpis=[
            Kpi("Pegawai aktif", format_number(len(staff))),
            Kpi(f"Dinilai {filters.tahun}", format_number(len(annual))),
            Kpi("Pensiun dalam 5 tahun", format_number(len(retiring)), help=f"Sampai {ref_date.year + 5}"),
            Kpi(
                "Pegawai terbaik yang pensiun",
                format_percent(risk["jumlah_pensiun"].sum() / max(risk["jumlah_sb_baik"].sum(), 1) * 100),
                help="Porsi pegawai Sangat Baik/Baik yang pensiun dalam 5 tahun",
            ),
        ],
        subtitle=subtitle,
        people=people[list(headers)].reset_index(drop=True),
        people_headers=headers,
        make_up=make_up,
        make_up_title=narrative.best_worst_title(
            make_up, value="persen", label="kategori", what=f"{DIMENSIONS[dimension]}: porsi"
        ),
        make_up_subtitle=f"Pegawai aktif per {ref_date.year} · {subtitle}",
        risk=risk,
        risk_title=narrative.succession_title(risk),
        risk_subtitle=f"Porsi pegawai Sangat Baik/Baik {filters.tahun} yang mencapai BUP dalam 5 tahun, 15 tertinggi",
        best_retiring=best[list(BEST_HEADERS)],
        best_retiring_title=f"**Pegawai terbaik yang pensiun sampai {ref_date.year + 5}** "
        f"({format_number(len(best))} orang)",
    )


def person(source: Source, filters: Filters, nip: str) -> PersonView | None:
    """One employee's history and, for service officers, their services of ``filters.tahun``."""
    record = source.person(nip)
    found = record["pegawai"]
    if found.empty:
        return None
    years = development.person_years(found, record["skp"], record["pelatihan"], record["disiplin"])
    sentence = None
    processed = source.officer_layanan(nip, filters.tahun) if filters.tahun else pd.DataFrame()
    if not processed.empty:
        standar = source.standar_layanan()
        mine = service.officer_speed(processed.assign(semua=""), standar, by="semua").iloc[0]
        counts = source.service_timeliness_counts(filters)
        unit = service.speed_from_summaries(counts, source.service_durations(filters)).iloc[0]
        sentence = (
            f"**Sebagai petugas layanan {filters.tahun}:** {format_number(mine['jumlah'])} permohonan, "
            f"median {format_hours(mine['median_jam'], 2)} (semua petugas: "
            f"{format_hours(unit['median_jam'], 2)}), tepat waktu "
            f"{format_percent(mine['persen_tepat_waktu'])} (semua: {format_percent(unit['persen_tepat_waktu'])})."
        )
    return PersonView(
        nip=nip,
        nama=str(found["nama"].iloc[0]),
        heading_rest=f"{found['instansi_nama'].iloc[0]} · {found['jabatan'].iloc[0] or '–'}",
        history=years,
        history_table=format_frame(years, numbers={"jp": 0, "ip_asn": 1}).rename(
            columns={**_HISTORY_COLUMNS, "kategori_ip_asn": "Kategori IP ASN"}
        ),
        as_officer=sentence,
    )
