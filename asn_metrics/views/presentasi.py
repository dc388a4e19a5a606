"""The meeting's story (issue 16): one deck of slides built from the pages' own views for the current filters.
The Presentasi page shows it, and ``asn_metrics.export`` writes it as PPTX, HTML and XLSX, so the room and the
files tell the same story. A slide holds no name or NIP of a person: only agencies, services and counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from asn_metrics import narrative
from asn_metrics.filters import Filters
from asn_metrics.findings import KIND_TITLES, Finding
from asn_metrics.formatting import format_date, format_number
from asn_metrics.views import indikator, kepuasan, kinerja_instansi, pelayanan, pengembangan, ringkasan, temuan
from asn_metrics.views.common import describe_filters
from asn_metrics.views.source import Source

SOURCE_LINE = "Sumber: Dasbor Kinerja ASN Bengkulu (SKP, layanan, SKM, pengaduan, LKjIP)"
#: Bars per chart on a slide: readable from the back of a room.
BARS = 10


@dataclass(frozen=True)
class SlideChart:
    """The data of one slide's chart, drawn natively in PowerPoint and as Plotly on the page and in HTML."""

    kind: Literal["bar", "map"]
    categories: list[str]
    values: list[float]
    axis_title: str
    decimals: int = 1
    suffix: str = ""
    #: For a map: the regencies' codes, in the order of ``categories``.
    codes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Slide:
    key: str
    title: str
    sentences: list[str]  # one to three, read aloud and kept in the speaker notes
    chart: SlideChart | None = None
    table: pd.DataFrame | None = None  # the data behind the chart, for the XLSX
    big: str = ""  # one large figure (the findings)


@dataclass(frozen=True)
class Deck:
    title: str
    subtitle: str
    footer: str  # the data's date and source
    demo: bool
    slides: list[Slide]


#: The header of a bar chart's label column in the XLSX.
LABEL_HEADERS = {"nama": "Instansi", "layanan": "Layanan"}


def _bars(
    frame: pd.DataFrame, label: str, value: str, axis: str, *, decimals: int = 1, suffix: str = "", lowest: bool = False
) -> tuple[SlideChart, pd.DataFrame]:
    """The ``BARS`` highest (or ``lowest``) rows as a bar chart with abbreviated names, and as the table behind it
    with the names in full."""
    data = frame.dropna(subset=[value]).sort_values(value, ascending=lowest, kind="stable").head(BARS)
    names, _ = narrative.compact_agency_names(data[label].astype(str))
    chart = SlideChart("bar", list(names), [float(v) for v in data[value]], axis, decimals, suffix)
    return chart, pd.DataFrame({LABEL_HEADERS[label]: list(data[label]), axis: list(data[value])})


def _finding_slide(number: int, total: int, found: Finding) -> Slide:
    return Slide(
        f"temuan-{number}",
        f"Temuan {number} dari {total}: {KIND_TITLES[found.kind]}",
        [found.sentence, f"Aturan: {found.rule}."],
        big=found.number,
    )


def build(source: Source, filters: Filters) -> Deck | None:
    """The deck for ``filters``; None without a year (no data)."""
    if filters.tahun is None:
        return None
    scope = describe_filters(source, filters)
    as_of = source.data_as_of()
    last = as_of.get("peristiwa_terakhir") or as_of.get("impor_terakhir")
    footer = f"Data per {format_date(last.date()) if last else '–'} · {SOURCE_LINE}"
    demo = source.demo_info() is not None
    slides: list[Slide] = []
    summary = ringkasan.build(source, filters)
    found = temuan.build(source, filters)
    if summary is not None:
        sentences = [
            *temuan.headline_changes(source, filters),
            summary.map.title + ".",
        ]
        values = summary.map.values.sort_values("wilayah_kode")
        slides.append(
            Slide(
                "sekilas",
                "Provinsi sekilas",
                [s for s in sentences if s],
                SlideChart(
                    "map",
                    list(values["nama"]),
                    [float(v) for v in values["nilai"]],
                    summary.map.label,
                    summary.map.decimals,
                    summary.map.suffix,
                    codes=list(values["wilayah_kode"]),
                ),
                values[["nama", "nilai"]].rename(columns={"nama": "Kabupaten/kota", "nilai": summary.map.label}),
            )
        )
    slides.append(
        Slide(
            "temuan",
            "Temuan utama",
            [f.sentence for f in found[:3]]
            if found
            else ["Tidak ada perubahan atau selisih di luar batas ketidakpastian."],
            table=pd.DataFrame(
                {
                    "Temuan": [f.sentence for f in found],
                    "Angka": [f.number for f in found],
                    "Aturan": [f.rule for f in found],
                }
            ),
        )
    )
    slides += [_finding_slide(i, len(found), f) for i, f in enumerate(found, start=1)]
    card = kinerja_instansi.scorecard_with_names(source, filters)  # not the whole page: its trends are not shown
    scored = card[card["peringkat"].notna()]
    if not scored.empty:
        chart, table = _bars(scored, "nama", "skor", "Skor (0-100)")
        slides.append(
            Slide(
                "peringkat",
                "Peringkat instansi",
                [
                    narrative.scorecard_title(scored) + ".",
                    "Skor gabungan 0-100 dari predikat, IKM, layanan, pengaduan, capaian, pelatihan dan kualitas "
                    "data; selisih di dalam selang 95% tidak bermakna.",
                ],
                chart,
                table,
            )
        )
    services = pelayanan.build(source, filters)
    if services is not None:
        chart, table = _bars(
            services.by_service.frame, "layanan", "persen_tepat_waktu", "Tepat waktu (%)", suffix="%", lowest=True
        )
        service_kpis = {k.label: k.value for k in services.kpis}
        received, median, open_now = (service_kpis.get(k, "–") for k in ("Permohonan", "Median waktu", "Belum selesai"))
        slides.append(
            Slide(
                "layanan",
                "Pelayanan publik",
                [
                    services.by_service.title + ".",
                    f"{received} permohonan; median waktu {median}, {open_now} belum selesai.",
                ],
                chart,
                table,
            )
        )
    survey = kepuasan.build(source, filters)
    if survey is not None and not survey.units.empty:
        chart, table = _bars(survey.units, "nama", "ikm", "IKM (25-100)", decimals=2, lowest=True)
        sentences = [survey.units_title + "."]
        if survey.complaints is not None:
            sentences.append(survey.complaints.funnel_title + ".")
        slides.append(Slide("kepuasan", "Kepuasan masyarakat dan pengaduan", sentences, chart, table))
    targets = indikator.build(source, filters)
    if targets is not None and not targets.lowest.empty:
        chart, table = _bars(targets.lowest, "nama", "capaian_persen", "Capaian (%)", suffix="%", lowest=True)
        slides.append(Slide("indikator", "Indikator kinerja", [targets.lowest_title + "."], chart, table))
    followup = pengembangan.build(source, filters)
    if followup is not None:
        labels = [k.label for k in followup.kpis]
        counts = [float(found.total) for found in followup.lists]
        slides.append(
            Slide(
                "tindak-lanjut",
                "Tindak lanjut",
                [
                    ", ".join(f"{format_number(c)} {lab.lower()}" for lab, c in zip(labels, counts, strict=True)) + ".",
                    "Daftar namanya ada di halaman Pengembangan & Penghargaan, untuk peran yang boleh melihatnya.",
                ],
                SlideChart("bar", labels, counts, "Pegawai", 0),
                pd.DataFrame({"Daftar": labels, "Pegawai": counts}),
            )
        )
    title = f"Kinerja ASN {temuan.scope_name(source, filters)} {filters.tahun}"
    return Deck(title, scope, footer, demo, slides)
