"""Pelayanan Publik: how fast services are, where and for which service they miss the standard, and peaks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd

from asn_metrics import narrative, service
from asn_metrics.charts_service import NAMA_BULAN
from asn_metrics.filters import Filters
from asn_metrics.formatting import format_date, format_frame, format_hours, format_number, format_percent
from asn_metrics.reference import LAYANAN
from asn_metrics.views.common import Kpi, describe_filters, with_names
from asn_metrics.views.source import Source

SERVICE_NAMES = {k: v[0] for k, v in LAYANAN.items()}
_AGENCY_COLUMNS = {
    "nama": "Instansi",
    "jumlah": "Permohonan",
    "median_jam": "Median (jam)",
    "p90_jam": "P90 (jam)",
    "persen_tepat_waktu": "Tepat waktu",
}


@dataclass(frozen=True)
class Chart:
    """The small frame behind one chart and its narrative title and subtitle."""

    frame: pd.DataFrame
    title: str
    subtitle: str


@dataclass(frozen=True)
class PelayananView:
    kpis: list[Kpi]
    regions: Chart  # timeliness per regency (map)
    by_service: Chart  # timeliness per service with its interval
    speed: Chart  # median and p90 hours per service
    monthly: Chart  # every month of every year in the scope
    seasonal: Chart  # seasonal index per calendar month
    backlog: Chart | None  # open applications per agency; None when nothing is open
    as_of: str  # the date the backlog is counted at, in words
    agencies: pd.DataFrame  # formatted, Indonesian headers
    agency_codes: list[str]
    #: The service clicked on a service bar, per region (per agency within a chosen region); None: none chosen.
    service_detail: Chart | None = None
    service_detail_level: Literal["wilayah", "instansi"] = "wilayah"


def build(source: Source, filters: Filters, layanan: str | None = None) -> PelayananView | None:
    """The page for ``filters``; None when the year has no applications. Every figure comes from the service
    summaries (counts, timeliness and exact percentiles), the backlog from the open applications alone.
    ``layanan``: a service code clicked on the page, shown per region (or per agency of the chosen region)."""
    last = source.last_received(filters) if filters.tahun else None
    if last is None:
        return None
    as_of = pd.Timestamp(last)

    def speed(by: tuple[str, ...], counts: pd.DataFrame | None = None) -> pd.DataFrame:
        counts = source.service_timeliness_counts(filters, by) if counts is None else counts
        return service.speed_from_summaries(counts, source.service_durations(filters, by), by)

    first = speed(()).iloc[0]
    backlog = with_names(service.backlog(source.open_services(filters), as_of, by="instansi_kode"), source.instansi())
    subtitle = describe_filters(source, filters)
    province = filters.province()
    regions = service.timeliness(source.service_timeliness_counts(province, ("wilayah_kode",)), "wilayah_kode")
    regions = with_names(regions[regions["wilayah_kode"] != "17"], source.wilayah(), key="wilayah_kode")
    service_counts = source.service_timeliness_counts(filters, ("jenis_layanan",))
    by_service = service.timeliness(service_counts, "jenis_layanan")
    by_service["layanan"] = by_service["jenis_layanan"].map(SERVICE_NAMES)
    per_service = speed(("jenis_layanan",), service_counts)
    per_service["layanan"] = per_service["jenis_layanan"].map(SERVICE_NAMES)
    monthly = service.timeliness(source.service_monthly(filters), "bulan_ke")
    monthly["bulan"] = pd.to_datetime(dict(year=monthly["tahun"], month=monthly["bulan_ke"], day=1))
    profile = service.seasonal_index(monthly[["bulan_ke", "jumlah"]])
    # Lowest share on time first (agencies with no service standard, hence no share, last).
    agency = with_names(speed(("instansi_kode",)), source.instansi()).sort_values(
        ["persen_tepat_waktu", "jumlah"], ascending=[True, False], na_position="last", kind="stable"
    )
    open_total = int(backlog["terbuka"].sum())
    when = format_date(as_of.date())
    return PelayananView(
        kpis=[
            Kpi("Permohonan", format_number(first["jumlah"])),
            Kpi("Tepat waktu", format_percent(first["persen_tepat_waktu"]), help="Selesai dalam standar"),
            Kpi("Median waktu", format_hours(first["median_jam"], 2)),
            Kpi("90% selesai dalam", format_hours(first["p90_jam"], 1)),
            Kpi("Belum selesai", format_number(open_total), help="Permohonan berstatus proses"),
        ],
        regions=Chart(
            regions,
            narrative.best_worst_title(regions, value="nilai", label="nama", what="Layanan tepat waktu"),
            f"Persen layanan selesai dalam standar per kabupaten/kota · {describe_filters(source, province)}",
        ),
        by_service=Chart(
            by_service,
            narrative.best_worst_title(by_service, value="nilai", label="layanan", what="Tepat waktu"),
            f"Dengan selang kepercayaan 95% (Wilson) · {subtitle}",
        ),
        speed=Chart(
            per_service,
            narrative.best_worst_title(
                per_service, value="median_jam", label="layanan", what="Median waktu layanan", decimals=2, suffix=" jam"
            ),
            f"Median dan persentil ke-90 waktu proses · {subtitle}",
        ),
        # Every year of the scope: the subtitle says so, never the filter's year (issue 19 item 2).
        monthly=Chart(monthly, narrative.monthly_title(monthly), describe_filters(source, filters.across_years())),
        seasonal=Chart(
            profile,
            narrative.seasonal_title(profile, NAMA_BULAN),
            "Indeks musiman: rata-rata permohonan bulan itu dibanding bulan biasa (1,0)",
        ),
        backlog=None
        if open_total == 0
        else Chart(
            backlog,
            f"{format_number(open_total)} permohonan belum selesai per {when}",
            f"Permohonan berstatus proses dan umurnya · {subtitle}",
        ),
        as_of=when,
        agencies=format_frame(
            agency[list(_AGENCY_COLUMNS)].reset_index(drop=True),
            numbers={"jumlah": 0, "median_jam": 2, "p90_jam": 2},
            percents={"persen_tepat_waktu": 1},
        ).rename(columns=_AGENCY_COLUMNS),
        agency_codes=list(agency["instansi_kode"]),
        service_detail=_service_detail(source, filters, layanan, subtitle) if layanan in SERVICE_NAMES else None,
        service_detail_level="instansi" if filters.wilayah else "wilayah",
    )


def _service_detail(source: Source, filters: Filters, layanan: str, subtitle: str) -> Chart | None:
    """One service's timeliness per region, or per agency when a region is chosen; None when it has none here."""
    by = "instansi_kode" if filters.wilayah else "wilayah_kode"
    counts = source.service_timeliness_counts(filters, ("jenis_layanan", by))
    counts = counts[counts["jenis_layanan"] == layanan].drop(columns="jenis_layanan")
    rows = service.timeliness(counts, by)
    rows = rows[rows["persen_tepat_waktu"].notna()]
    if rows.empty:
        return None
    if filters.wilayah:
        region = source.wilayah().set_index("kode")["nama"].get(filters.wilayah)
        rows = with_names(rows, source.instansi())
        rows["nama"] = [narrative.short_agency_name(n, region) for n in rows["nama"]]
    else:
        rows = with_names(rows, source.wilayah(), key="wilayah_kode")
    rows = rows.assign(kode=rows[by])
    name = SERVICE_NAMES[layanan]
    where = "instansi" if filters.wilayah else "kabupaten/kota"
    return Chart(
        rows,
        narrative.best_worst_title(rows, value="nilai", label="nama", what=f"{name} tepat waktu"),
        f"{name}: persen selesai dalam standar per {where}, selang kepercayaan 95% (Wilson) · {subtitle}",
    )
