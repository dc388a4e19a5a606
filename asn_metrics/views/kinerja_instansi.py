"""Kinerja Instansi: the agency scorecard with its noise, rating inflation against the curve, trends, one agency."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from asn_metrics import narrative, skp, skp_kurva
from asn_metrics.filters import Filters
from asn_metrics.formatting import format_frame, format_number
from asn_metrics.scorecard import BAGIAN_MINIMUM_PERINGKAT, NAMA_BAGIAN, PARTS
from asn_metrics.uncertainty import LABEL_DALAM_BATAS
from asn_metrics.views import parts
from asn_metrics.views.common import Kpi, describe_filters, with_names
from asn_metrics.views.source import Source

PART_LABELS = {
    "skor_predikat": "Predikat",
    "skor_ikm": "IKM",
    "skor_layanan": "Layanan",
    "skor_pengaduan": "Pengaduan",
    "skor_capaian": "Capaian",
    "skor_pelatihan": "Pelatihan",
    "skor_kualitas_data": "Kualitas data",
}
INFLATION_THRESHOLD = 70.0
ORGANISATION_CURVES = list(skp_kurva.KURVA_DISTRIBUSI)


@dataclass(frozen=True)
class OneAgency:
    """The drill-down to one agency: its predikat bar and the distribution-curve check."""

    name: str
    distribution: pd.DataFrame
    title: str
    curve_check: pd.DataFrame  # formatted, Indonesian headers


@dataclass(frozen=True)
class KinerjaInstansiView:
    kpis: list[Kpi]
    subtitle: str
    top: pd.DataFrame  # the 25 best-scored agencies (scorecard rows with nama)
    top_title: str
    top_subtitle: str
    inflation: pd.DataFrame  # the 20 agencies with the largest share of Sangat Baik
    inflation_title: str
    inflation_subtitle: str
    trend: pd.DataFrame  # Baik ke atas per year of the agencies that moved most
    trend_title: str
    one: OneAgency | None
    ranking: pd.DataFrame  # the ranked agencies, formatted, Indonesian headers
    ranking_codes: list[str]  # the agency code of each ranking row, for the row selection
    incomplete: pd.DataFrame  # the agencies with too few parts to rank ("data belum lengkap"), formatted
    incomplete_note: str
    parts_note: str


def interval_text(lower: pd.Series, upper: pd.Series) -> list[str]:
    """ "78,7–98,8" per row; "–" where a bound is missing."""
    return [
        "–" if pd.isna(lo) or pd.isna(hi) else f"{format_number(lo, 1)}–{format_number(hi, 1)}"
        for lo, hi in zip(lower, upper, strict=True)
    ]


def _one_agency(distribution: pd.DataFrame, code: str, curve: str) -> OneAgency:
    one = distribution[distribution["instansi_kode"] == code]
    check = skp_kurva.check_distribution_curve(one.drop(columns="nama"), curve)
    check = format_frame(check, percents={"persen_aktual": 1})
    return OneAgency(
        name=str(one["nama"].iloc[0]) if len(one) else code,
        distribution=one,
        title=narrative.predikat_by_region_title(one, label="nama") if len(one) else "",
        curve_check=check[["batas", "persen_aktual", "memenuhi", "alasan"]].rename(
            columns={"batas": "Batas", "persen_aktual": "Aktual", "memenuhi": "Memenuhi", "alasan": "Alasan"}
        ),
    )


def scorecard_with_names(source: Source, filters: Filters) -> pd.DataFrame:
    """The ranked scorecard (agencies with at least ``BAGIAN_MINIMUM_PERINGKAT`` parts get a rank) with names."""
    return with_names(parts.agency_scorecard(source, filters, min_parts=BAGIAN_MINIMUM_PERINGKAT), source.instansi())


def build(source: Source, filters: Filters, curve: str = ORGANISATION_CURVES[1]) -> KinerjaInstansiView | None:
    """The page for ``filters``; ``curve`` is the organisation's own predikat for the distribution curve of the
    one-agency drill-down. None when the year has no predikat."""
    if filters.tahun is None or source.predikat_counts(filters).empty:
        return None
    agencies = source.instansi()
    counts = source.predikat_counts(filters, ("instansi_kode",))
    card = scorecard_with_names(source, filters)
    distribution = with_names(skp.predikat_distribution(counts, by="instansi_kode"), agencies)
    flags = with_names(skp_kurva.inflation_flags(distribution.drop(columns="nama"), min_jumlah=5), agencies)
    scored = card[card["peringkat"].notna()]
    unranked = card[card["peringkat"].isna() & card["skor"].notna()]
    subtitle = describe_filters(source, filters)
    top = scored.head(25)
    years = tuple(sorted(source.skp_years()))
    trend = with_names(
        skp.trend_share(source.predikat_trend(filters, years, ("instansi_kode",)), focus=filters.instansi),
        agencies,
    )
    table = scored[["peringkat", "nama", "skor", *PART_LABELS]]
    ranking = format_frame(table, numbers=dict.fromkeys(["skor", *PART_LABELS], 1)).rename(
        columns={**PART_LABELS, "peringkat": "Peringkat", "nama": "Instansi", "skor": "Skor"}
    )
    # The interval in one narrow column and the names abbreviated, so every part fits beside the name at
    # 1600 px without scrolling sideways (issue 19 item 5).
    ranking.insert(3, "Selang 95%", interval_text(scored["skor_bawah"], scored["skor_atas"]))
    ranking["Instansi"], abbreviations = narrative.compact_agency_names(ranking["Instansi"])
    within = int(scored["dalam_batas_ketidakpastian"].astype(bool).sum())
    return KinerjaInstansiView(
        kpis=[
            Kpi(
                "Instansi diberi peringkat",
                format_number(len(scored)),
                help=f"Instansi dengan paling sedikit {BAGIAN_MINIMUM_PERINGKAT} dari {len(PARTS)} bagian skor; "
                f"{format_number(len(unranked))} instansi lain datanya belum lengkap",
            ),
            Kpi("Skor tertinggi", format_number(scored["skor"].max(), 1) if len(scored) else "–"),
            Kpi("Skor median", format_number(scored["skor"].median(), 1) if len(scored) else "–"),
            Kpi(
                "Tanda inflasi penilaian",
                format_number(int(flags["inflasi"].sum())),
                help="Instansi dengan ≥ 70% pegawai Sangat Baik (batas kurva distribusi untuk organisasi Istimewa)",
            ),
        ],
        subtitle=subtitle,
        top=top,
        top_title=narrative.scorecard_title(scored),
        top_subtitle=f"Skor gabungan 0-100 (bobot sama) dengan selang ketidakpastian 95%; titik pucat: "
        f"perbedaan tidak bermakna · {len(top)} teratas · {subtitle}",
        inflation=flags.sort_values("persen_sangat_baik", ascending=False).head(20),
        inflation_title=narrative.inflation_title(flags),
        inflation_subtitle=f"Porsi pegawai Sangat Baik, 20 tertinggi (minimal 5 pegawai dinilai) · {subtitle}",
        trend=trend,
        trend_title=narrative.trend_title(trend),
        one=_one_agency(distribution, filters.instansi, curve) if filters.instansi else None,
        ranking=ranking,
        ranking_codes=list(scored["instansi_kode"]),
        incomplete=format_frame(
            unranked[["nama", "skor", "bagian_tersedia", "bagian_kosong"]], numbers={"skor": 1}
        ).rename(
            columns={
                "nama": "Instansi",
                "skor": "Skor (tidak dibandingkan)",
                "bagian_tersedia": "Bagian ada",
                "bagian_kosong": "Bagian tanpa data",
            }
        ),
        incomplete_note=f"{format_number(len(unranked))} instansi memiliki kurang dari {BAGIAN_MINIMUM_PERINGKAT} dari "
        f"{len(PARTS)} bagian skor. Skor mereka hanya rata-rata bagian yang ada, jadi tidak dibandingkan dengan "
        "instansi yang dinilai pada semua bagian: data belum lengkap.",
        parts_note=f"Bagian skor: {', '.join(NAMA_BAGIAN.values())}. Bagian yang tidak ada datanya tidak dihitung "
        f"sebagai nol; instansi dengan kurang dari {BAGIAN_MINIMUM_PERINGKAT} bagian tidak diberi peringkat. "
        f"Selang 95%: batas bawah dan atas skor. Pada {format_number(within)} dari {format_number(len(scored))} "
        f"instansi, selisih dengan instansi di atasnya: {LABEL_DALAM_BATAS}. {abbreviations}".strip(),
    )
