"""Kinerja Pegawai: the employee list (paged), the workforce profile and the retirement wave; one person's
history (``person``)."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from asn_metrics import development, narrative, service
from asn_metrics.filters import Filters
from asn_metrics.formatting import format_date, format_frame, format_hours, format_number, format_percent
from asn_metrics.reference import JENIS_JABATAN_LABEL
from asn_metrics.views.common import Kpi, Page, describe_filters, with_names
from asn_metrics.views.source import Source
from asn_metrics.workforce import TIDAK_DIKETAHUI, USIA_LABEL

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


#: The columns of a search by name or NIP (``store.search_pegawai``) as a person reads them.
SEARCH_HEADERS = {"nip": "NIP", "nama": "Nama", "instansi_nama": "Instansi", "jabatan": "Jabatan"}
PEOPLE_HEADERS = {
    "nip": "NIP",
    "nama": "Nama",
    "instansi": "Instansi",
    "jabatan": "Jabatan",
    "golongan": "Golongan",
    "jenis_jabatan": "Jenis jabatan",
    "predikat": "Predikat",
}
_AGE_ORDER = {label: i for i, label in enumerate((*USIA_LABEL, TIDAK_DIKETAHUI))}
#: Retirement within this many years of 31 December of the year (DOMAIN.md §12).
RETIREMENT_YEARS = 5


@dataclass(frozen=True)
class KinerjaPegawaiView:
    tahun: int
    kpis: list[Kpi]
    subtitle: str
    people_total: int  # active employees in scope: the list is read a page at a time (``people_page``)
    people_headers: dict[str, str]
    make_up: pd.DataFrame  # the workforce profile of the chosen dimension
    make_up_title: str
    make_up_subtitle: str
    risk: pd.DataFrame  # succession risk per agency
    risk_title: str
    risk_subtitle: str
    best_retiring_total: int  # Sangat Baik/Baik employees reaching BUP within 5 years (``best_page``)
    best_retiring_title: str


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
    there is no year or no active employee in scope. Everything is counted in SQL (``store.workforce``)."""
    if filters.tahun is None:
        return None
    tahun = filters.tahun
    per_agency = source.retirement(filters)
    if per_agency.empty:
        return None
    agencies = source.instansi()
    rated = int(source.predikat_counts(replace(filters, periode=None))["jumlah"].sum())  # the year, any period
    risk = per_agency[per_agency["jumlah_sb_baik"] > 0][["instansi_kode", "jumlah_sb_baik", "jumlah_pensiun"]]
    risk = with_names(risk.assign(persen_pensiun=risk["jumlah_pensiun"] / risk["jumlah_sb_baik"] * 100.0), agencies)
    end = tahun + RETIREMENT_YEARS
    subtitle = describe_filters(source, filters)
    make_up = source.workforce_profile(filters, dimension)
    if dimension == "kelompok_usia":  # age bands in age order, not in the order of their labels
        make_up = make_up.sort_values("kategori", key=lambda k: k.map(_AGE_ORDER), kind="stable").reset_index(drop=True)
    return KinerjaPegawaiView(
        tahun=tahun,
        kpis=[
            Kpi("Pegawai aktif", format_number(int(per_agency["aktif"].sum())), note="saat ini"),
            Kpi(f"Dinilai {tahun}", format_number(rated), note="termasuk yang kini sudah pensiun"),
            Kpi("Pensiun dalam 5 tahun", format_number(int(per_agency["pensiun"].sum())), help=f"Sampai {end}"),
            Kpi(
                "Pegawai terbaik yang pensiun",
                format_percent(risk["jumlah_pensiun"].sum() / max(risk["jumlah_sb_baik"].sum(), 1) * 100),
                help="Porsi pegawai Sangat Baik/Baik yang pensiun dalam 5 tahun",
            ),
        ],
        subtitle=subtitle,
        people_total=int(per_agency["aktif"].sum()),
        people_headers={**PEOPLE_HEADERS, "predikat": f"Predikat {tahun}"},
        make_up=make_up,
        make_up_title=narrative.best_worst_title(
            make_up, value="persen", label="kategori", what=f"{DIMENSIONS[dimension]}: porsi"
        ),
        make_up_subtitle=f"Pegawai aktif per {tahun} · {subtitle}",
        risk=risk,
        risk_title=narrative.succession_title(risk),
        risk_subtitle=f"Porsi pegawai Sangat Baik/Baik {tahun} yang mencapai BUP dalam 5 tahun, 15 tertinggi",
        best_retiring_total=int(risk["jumlah_pensiun"].sum()),
        best_retiring_title=f"**Pegawai terbaik yang pensiun sampai {end}** "
        f"({format_number(int(risk['jumlah_pensiun'].sum()))} orang)",
    )


def _people(rows: pd.DataFrame, source: Source) -> pd.DataFrame:
    """The list rows with the agency's name and the position type in words."""
    names = with_names(rows, source.instansi())["nama"]
    out = rows.assign(instansi=names.to_numpy(), jenis_jabatan=rows["jenis_jabatan"].map(JENIS_JABATAN_LABEL))
    return out[list(PEOPLE_HEADERS)]


def people_page(source: Source, filters: Filters, number: int, text: str = "") -> Page:
    """Page ``number`` (1-based) of the active employees whose NIP or name contains ``text``."""
    total = int(source.retirement(filters)["aktif"].sum())
    rows, number, matched = source.list_page(filters, "pegawai", number, text, total)
    return Page.of(_people(rows, source), number, matched)


def people_rows(source: Source, filters: Filters) -> pd.DataFrame:
    """Every active employee in scope with their predikat (the download)."""
    return _people(source.list_rows(filters, "pegawai"), source)


def best_page(source: Source, filters: Filters, number: int, text: str = "") -> Page:
    """Page ``number`` of the Sangat Baik/Baik employees who retire within five years, soonest first."""
    total = int(source.retirement(filters)["jumlah_pensiun"].sum())
    rows, number, matched = source.list_page(filters, "pensiun_terbaik", number, text, total)
    rows = rows.assign(tanggal_pensiun=[format_date(d.date()) for d in rows["tanggal_pensiun"]])
    return Page.of(with_names(rows, source.instansi())[list(BEST_HEADERS)], number, matched)


def best_rows(source: Source, filters: Filters) -> pd.DataFrame:
    """Every best employee who retires within five years (the download)."""
    rows = source.list_rows(filters, "pensiun_terbaik")
    rows = rows.assign(tanggal_pensiun=rows["tanggal_pensiun"].dt.date)
    return with_names(rows, source.instansi())[list(BEST_HEADERS)]


def person(source: Source, filters: Filters, nip: str) -> PersonView | None:
    """One employee's history and, for service officers, their services of ``filters.tahun``."""
    record = source.person(nip, filters)
    found = record["pegawai"]
    if found.empty:
        return None
    years = development.person_years(found, record["skp"], record["pelatihan"], record["disiplin"])
    sentence = None
    processed = source.officer_layanan(nip, filters.tahun, filters) if filters.tahun else pd.DataFrame()
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
        history_table=format_frame(
            years.assign(
                predikat=years["predikat"].astype(object).where(years["predikat"].notna(), "– (belum dinilai)")
            ),
            numbers={"jp": 0, "ip_asn": 1},
        ).rename(columns={**_HISTORY_COLUMNS, "kategori_ip_asn": "Kategori IP ASN"}),
        as_officer=sentence,
    )
