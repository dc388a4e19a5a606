"""Temuan utama (issue 16 item 2): the findings of ``asn_metrics.findings`` over the filters' data, ranked.
Shown on Ringkasan, as slides on Presentasi, and in every export."""

from __future__ import annotations

import pandas as pd

from asn_metrics import findings, quality, service, skp, skp_kurva
from asn_metrics.filters import Filters
from asn_metrics.findings import Finding
from asn_metrics.reference import BAIK, SANGAT_BAIK
from asn_metrics.views import kinerja_instansi
from asn_metrics.views.common import with_names
from asn_metrics.views.pelayanan import SERVICE_NAMES
from asn_metrics.views.source import Source


def _good(counts: pd.DataFrame, key: str | None) -> pd.DataFrame:
    """Per ``key`` (None: the whole scope as one row), x = rated Sangat Baik or Baik and n = rated."""
    frame = counts.assign(
        x=counts["predikat"].isin([SANGAT_BAIK, BAIK]) * counts["jumlah"], n=counts["jumlah"], _semua="semua"
    )
    return frame.groupby(key or "_semua")[["x", "n"]].sum()


def _shares(now: pd.DataFrame, before: pd.DataFrame, key: str | None) -> pd.DataFrame:
    """x/n of Baik ke atas this year and last (``x_sebelumnya``, ``n_sebelumnya``), per ``key`` in both years."""
    both = _good(now, key).join(_good(before, key).add_suffix("_sebelumnya"), how="inner")
    return both.reset_index() if key else both.reset_index(drop=True)


def build(source: Source, filters: Filters) -> list[Finding]:
    """The strongest findings for ``filters`` (at most ``findings.LIMIT``); empty without a year."""
    if filters.tahun is None:
        return []
    previous = filters.previous_year()
    scope = scope_name(source, filters)
    found: list[Finding] = []
    # Changes since last year, of the scope and of each agency with enough rated staff.
    now = source.predikat_counts(filters, ("instansi_kode",))
    before = source.predikat_counts(previous, ("instansi_kode",))
    if not now.empty and not before.empty:
        whole = _shares(now, before, None).assign(nama=scope)
        found += findings.changes(whole, what="porsi predikat Baik ke atas", year=filters.tahun)
        agencies = with_names(_shares(now, before, "instansi_kode"), source.instansi())
        agencies = agencies[(agencies["n"] >= 30) & (agencies["n_sebelumnya"] >= 30)]
        found += findings.changes(agencies, what="porsi predikat Baik ke atas", year=filters.tahun)
        flags = skp_kurva.inflation_flags(skp.predikat_distribution(now, by="instansi_kode"), min_jumlah=10)
        found += findings.inflation(with_names(flags, source.instansi()))
    on_time = source.service_timeliness_counts(filters)
    on_time_before = source.service_timeliness_counts(previous)
    if not on_time.empty and not on_time_before.empty:
        served = pd.DataFrame(
            {
                "nama": [scope],
                "x": on_time["tepat_waktu"].to_numpy()[:1],
                "n": on_time["dengan_standar"].to_numpy()[:1],
                "x_sebelumnya": on_time_before["tepat_waktu"].to_numpy()[:1],
                "n_sebelumnya": on_time_before["dengan_standar"].to_numpy()[:1],
            }
        )
        found += findings.changes(served, what="porsi layanan tepat waktu", year=filters.tahun)
    # Agencies far from the others.
    card = kinerja_instansi.scorecard_with_names(source, filters)  # the same scorecard as the page ranks
    if not card.empty:
        found += findings.outliers(card[card["peringkat"].notna()], what="skor kinerja")  # ranked ones only
    # Services far over their standard.
    counts = source.service_timeliness_counts(filters, ("jenis_layanan",))
    if not counts.empty:
        speed = service.speed_from_summaries(
            counts, source.service_durations(filters, ("jenis_layanan",)), "jenis_layanan"
        )
        standards = source.standar_layanan()
        default = standards[standards["wilayah_kode"].isna()].set_index("jenis_layanan")["standar_jam"]
        speed = speed.assign(
            nama=speed["jenis_layanan"].map(SERVICE_NAMES), standar_jam=speed["jenis_layanan"].map(default)
        )
        found += findings.slow_services(speed)
    # Stale data.
    latest = source.upload_freshness(filters)
    if not latest.empty:
        as_of = pd.Timestamp(source.data_as_of().get("impor_terakhir") or pd.Timestamp.now())
        fresh = with_names(quality.freshness(latest, as_of), source.instansi())
        found += findings.stale(fresh, dict(quality.NAMA_JENIS))
    return findings.ranked(found)


def headline_changes(source: Source, filters: Filters) -> list[str]:
    """The scope's share of Baik ke atas and of services on time against last year, in words that respect the
    noise (``findings.share_sentence``)."""
    assert filters.tahun is not None
    previous = filters.previous_year()
    out = []
    now, before = (
        source.predikat_counts(filters, ("instansi_kode",)),
        source.predikat_counts(previous, ("instansi_kode",)),
    )
    if not now.empty and not before.empty:
        row = _shares(now, before, None).iloc[0]
        out.append(
            findings.share_sentence(
                "Porsi predikat Baik ke atas", row["x"], row["n"], row["x_sebelumnya"], row["n_sebelumnya"]
            )
        )
    served, served_before = source.service_timeliness_counts(filters), source.service_timeliness_counts(previous)
    if not served.empty and not served_before.empty:
        a, b = served.iloc[0], served_before.iloc[0]
        out.append(
            findings.share_sentence(
                "Porsi layanan tepat waktu",
                a["tepat_waktu"],
                a["dengan_standar"],
                b["tepat_waktu"],
                b["dengan_standar"],
            )
        )
    return out


def scope_name(source: Source, filters: Filters) -> str:
    if filters.instansi:
        return str(source.instansi().set_index("kode")["nama"].get(filters.instansi, filters.instansi))
    if filters.wilayah:
        return str(source.wilayah().set_index("kode")["nama"].get(filters.wilayah, filters.wilayah))
    return "Provinsi Bengkulu"
