"""Ringkasan: the province at a glance — workforce, predikat and service timeliness, the map, the movers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

import pandas as pd

from asn_metrics import findings, headline, narrative, service, skp, survey
from asn_metrics.filters import Filters
from asn_metrics.formatting import format_delta, format_frame, format_number, format_percent
from asn_metrics.reference import PREDIKAT_ORDER
from asn_metrics.views.common import Kpi, describe_filters, with_names
from asn_metrics.views.source import Source

MAP_INDICATORS: Final[dict[str, str]] = {
    "baik": "Predikat Baik ke atas",
    "tepat": "Layanan tepat waktu",
    "ikm": "Indeks Kepuasan Masyarakat (IKM)",
}


@dataclass(frozen=True)
class MapPart:
    values: pd.DataFrame  # wilayah_kode, nama, nilai, jumlah (regencies only)
    title: str
    subtitle: str
    label: str
    suffix: str
    decimals: int


@dataclass(frozen=True)
class RingkasanView:
    kpis: list[Kpi]
    map: MapPart
    distribution: pd.DataFrame  # per region or agency: kode, nama, jumlah, persen_* (empty: no predikat)
    distribution_level: Literal["wilayah", "instansi"]  # what a click on a bar filters to
    distribution_title: str
    distribution_subtitle: str
    movers: pd.DataFrame  # instansi_kode, nama, change in Baik ke atas (empty: none)
    movers_title: str
    movers_subtitle: str
    table: pd.DataFrame  # the distribution, formatted, Indonesian headers


def _real(share: float | None, n: float, share_before: float | None, n_before: float) -> bool:
    """A share's change since last year lies outside the noise (``findings.real_change``)."""
    if share is None or share_before is None:
        return True
    return findings.real_change(share * n / 100, n, share_before * n_before / 100, n_before)


def _kpis(source: Source, filters: Filters) -> list[Kpi]:
    previous = filters.previous_year()
    now = headline.predikat_headline(source.predikat_counts(filters))
    before = headline.predikat_headline(source.predikat_counts(previous))
    served, served_before = source.service_timeliness_counts(filters), source.service_timeliness_counts(previous)
    tepat = headline.percent_within_standard(served)
    tepat_before = headline.percent_within_standard(served_before)
    served_n = float(served["dengan_standar"].sum()) if len(served) else 0.0
    served_before_n = float(served_before["dengan_standar"].sum()) if len(served_before) else 0.0
    delta_good = headline.change(now.persen_baik_ke_atas, before.persen_baik_ke_atas)
    delta_tepat = headline.change(tepat, tepat_before)
    return [
        Kpi("Pegawai aktif", format_number(source.pegawai_count(filters)), note="saat ini"),
        Kpi(
            f"Pegawai dinilai {filters.tahun}",
            format_number(now.dinilai),
            help="Pegawai dengan predikat kinerja tahunan (atau periode terakhir) pada tahun itu",
            note="termasuk yang kini sudah pensiun",
        ),
        Kpi(
            "Predikat Baik ke atas",
            format_percent(now.persen_baik_ke_atas),
            delta=None if delta_good is None else format_delta(delta_good, 1, " poin"),
            help=f"Dibanding {previous.tahun}",
            within_noise=not _real(now.persen_baik_ke_atas, now.dinilai, before.persen_baik_ke_atas, before.dinilai),
        ),
        Kpi("Predikat Sangat Baik", format_percent(now.persen_sangat_baik)),
        Kpi(
            "Layanan tepat waktu",
            format_percent(tepat),
            delta=None if delta_tepat is None else format_delta(delta_tepat, 1, " poin"),
            help="Layanan selesai dalam standar waktunya (Permendagri 19/2018: 1 jam untuk dokumen kependudukan)",
            within_noise=not _real(tepat, served_n, tepat_before, served_before_n),
        ),
    ]


def _map(source: Source, filters: Filters, choice: str) -> MapPart:
    province = filters.province()
    if choice == "baik":
        values = skp.share_good(source.predikat_counts(province, ("wilayah_kode",)), "wilayah_kode")
    elif choice == "tepat":
        values = service.timeliness(source.service_timeliness_counts(province, ("wilayah_kode",)), "wilayah_kode")
    else:
        values = survey.ikm_values_from_sums(source.skm_sums(province, ("wilayah_kode",)), "wilayah_kode")
    values = with_names(values[values["wilayah_kode"] != "17"], source.wilayah(), key="wilayah_kode")
    label = MAP_INDICATORS[choice]
    is_ikm = choice == "ikm"
    decimals, suffix = (2, "") if is_ikm else (1, "%")
    return MapPart(
        values=values,
        title=narrative.best_worst_title(
            values, value="nilai", label="nama", what=label, decimals=decimals, suffix=suffix
        ),
        subtitle=f"Per kabupaten/kota (instansi kabupaten/kota) · {describe_filters(source, province)} · "
        "klik wilayah untuk menyaring",
        label="IKM" if is_ikm else label,
        suffix=suffix,
        decimals=decimals,
    )


def build(source: Source, filters: Filters, map_choice: str = "baik") -> RingkasanView | None:
    """The Ringkasan page for ``filters`` with the map coloured by ``map_choice`` (a key of MAP_INDICATORS);
    None when no year is chosen (no data)."""
    if filters.tahun is None:
        return None
    subtitle = describe_filters(source, filters)
    by = "instansi_kode" if filters.wilayah else "wilayah_kode"
    counts = source.predikat_counts(filters, (by,))
    names = source.instansi() if filters.wilayah else source.wilayah()
    distribution = skp.predikat_distribution(counts, by=by)
    distribution["kode"] = distribution[by]
    distribution["nama"] = distribution[by].map(dict(zip(names["kode"], names["nama"], strict=True)))
    if filters.wilayah:
        region = source.wilayah().set_index("kode")["nama"].get(filters.wilayah)
        distribution["nama"] = [narrative.short_agency_name(n, region) for n in distribution["nama"]]
    label = "instansi" if filters.wilayah else "kabupaten/kota"
    previous = filters.previous_year()
    movers = with_names(
        headline.movers(
            skp.predikat_distribution(source.predikat_counts(filters, ("instansi_kode",)), by="instansi_kode"),
            skp.predikat_distribution(source.predikat_counts(previous, ("instansi_kode",)), by="instansi_kode"),
        ),
        source.instansi(),
    )
    percent_columns = {skp.kolom_persen(p): p for p in PREDIKAT_ORDER}
    table = format_frame(
        skp.best_first(distribution)[["nama", "jumlah", *percent_columns]],  # in the stacked bar's order
        numbers={"jumlah": 0},
        percents=dict.fromkeys(percent_columns, 1),
    ).rename(columns={"nama": label.capitalize(), "jumlah": "Dinilai", **percent_columns})
    return RingkasanView(
        kpis=_kpis(source, filters),
        map=_map(source, filters, map_choice),
        distribution=distribution,
        distribution_level="instansi" if filters.wilayah else "wilayah",
        # Not the map's headline again (issue 19 item 2): what the bar's other segments show.
        distribution_title=narrative.predikat_spread_title(distribution, label="nama")
        if not distribution.empty
        else "",
        distribution_subtitle=f"Sebaran predikat kinerja per {label} · {subtitle}",
        movers=movers,
        movers_title=narrative.movers_title(movers) if not movers.empty else "",
        movers_subtitle=f"Instansi dengan perubahan terbesar porsi Baik ke atas, {previous.tahun}→{filters.tahun} "
        f"(minimal 10 pegawai dinilai) · {subtitle}",
        table=table,
    )
