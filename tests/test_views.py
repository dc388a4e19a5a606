"""The page views, called directly on databases built by code (no Streamlit): figures, frames and titles."""

from __future__ import annotations

import itertools
import re

import pandas as pd
import pytest
from sqlalchemy import Engine

from asn_metrics import headline, store
from asn_metrics.filters import Filters
from asn_metrics.formatting import format_date, format_month, format_number, format_percent
from asn_metrics.views import ringkasan
from asn_metrics.views.common import PAGE_SIZE
from asn_metrics.views.source import StoreSource


@pytest.fixture
def latest(demo_engine: Engine) -> Filters:
    return Filters(tahun=store.load_skp_years(demo_engine)[0])


def _kpi(view: ringkasan.RingkasanView, label: str) -> str:
    return next(k.value for k in view.kpis if k.label.startswith(label))


def test_ringkasan_view_figures_equal_the_store(demo_engine: Engine, latest: Filters) -> None:
    view = ringkasan.build(StoreSource(demo_engine), latest)
    assert view is not None
    counts = store.load_predikat_counts(demo_engine, latest)
    # DOMAIN.md §1: Baik ke atas = Sangat Baik + Baik over everyone rated.
    good = counts[counts["predikat"].isin(["Sangat Baik", "Baik"])]["jumlah"].sum() / counts["jumlah"].sum() * 100
    assert _kpi(view, "Predikat Baik ke atas") == format_percent(good)
    assert _kpi(view, "Pegawai aktif") == format_number(store.load_pegawai_count(demo_engine, latest))
    assert _kpi(view, "Pegawai dinilai") == format_number(int(counts["jumlah"].sum()))
    # The stacked bar: one row per regency and province, its counts add up to everyone rated.
    assert int(view.distribution["jumlah"].sum()) == int(counts["jumlah"].sum())
    assert list(view.table.columns)[:2] == ["Kabupaten/kota", "Dinilai"]
    # Issue 19 item 2: the bar's title is not the map's again; it names the region with the most Sangat Baik and
    # the one with the most below Baik (DOMAIN.md §1), with the shares the bar shows.
    assert view.distribution_title != view.map.title
    shares = view.distribution.set_index("nama")
    most = shares["persen_sangat_baik"].idxmax()
    below = shares[["persen_butuh_perbaikan", "persen_kurang", "persen_sangat_kurang"]].sum(axis=1)
    assert f"Sangat Baik terbanyak di {most} ({format_percent(shares.loc[most, 'persen_sangat_baik'])})" in (
        view.distribution_title
    )
    assert f"di bawah Baik terbanyak di {below.idxmax()} ({format_percent(below.max())})" in view.distribution_title


@pytest.mark.parametrize("choice", list(ringkasan.MAP_INDICATORS))
def test_ringkasan_map_names_a_region_it_shows(demo_engine: Engine, latest: Filters, choice: str) -> None:
    view = ringkasan.build(StoreSource(demo_engine), latest, choice)
    assert view is not None
    assert len(view.map.values) == 10  # the ten regencies and cities, not the province's own agencies
    best = view.map.values.sort_values("nilai").iloc[-1]
    assert best["nama"] in view.map.title


def test_ringkasan_view_in_one_region_ranks_its_agencies(demo_engine: Engine, latest: Filters) -> None:
    region = Filters(tahun=latest.tahun, wilayah="17.71")
    view = ringkasan.build(StoreSource(demo_engine), region)
    assert view is not None
    assert set(view.distribution["instansi_kode"]) <= set(
        store.load_instansi(demo_engine, wilayah_kode="17.71")["kode"]
    )
    assert "Kota Bengkulu" in view.distribution_subtitle
    now = headline.predikat_headline(store.load_predikat_counts(demo_engine, region))
    assert int(view.distribution["jumlah"].sum()) == now.dinilai


def test_ringkasan_view_without_a_year_is_none(demo_engine: Engine) -> None:
    assert ringkasan.build(StoreSource(demo_engine), Filters()) is None


def test_kinerja_instansi_view_ranks_and_flags(demo_engine: Engine, latest: Filters) -> None:
    from asn_metrics.views import kinerja_instansi

    view = kinerja_instansi.build(StoreSource(demo_engine), latest)
    assert view is not None
    scores = view.top["skor"].tolist()
    assert scores == sorted(scores, reverse=True) and 0 < len(scores) <= 25
    assert next(k.value for k in view.kpis if k.label == "Skor tertinggi") == format_number(scores[0], 1)
    # Only agencies with at least 5 of the 7 parts are ranked; the rest are listed apart, unranked, with the
    # parts they lack: an agency without IKM, services and complaints never outranks one judged on all seven.
    from asn_metrics.scorecard import BAGIAN_MINIMUM_PERINGKAT

    assert (view.top["bagian_tersedia"] >= BAGIAN_MINIMUM_PERINGKAT).all()
    assert len(view.incomplete) > 0 and (view.incomplete["Bagian ada"].astype(int) < BAGIAN_MINIMUM_PERINGKAT).all()
    assert view.incomplete["Bagian tanpa data"].str.len().gt(0).all()
    assert view.ranking["Peringkat"].astype(int).is_monotonic_increasing
    # DOMAIN.md §1 distribution curve: an agency of at least 5 rated with ≥ 70% Sangat Baik is flagged; the
    # chart shows the highest shares.
    shares = view.inflation["persen_sangat_baik"].tolist()
    assert shares == sorted(shares, reverse=True)
    expected = (view.inflation["persen_sangat_baik"] >= kinerja_instansi.INFLATION_THRESHOLD) & (
        view.inflation["jumlah"] >= 5
    )
    assert view.inflation["inflasi"].tolist() == expected.tolist() and expected.any()
    assert len(view.ranking) == len(view.ranking_codes)
    assert view.one is None


def test_kinerja_instansi_view_drills_into_one_agency(demo_engine: Engine, latest: Filters) -> None:
    from dataclasses import replace

    from asn_metrics.views import kinerja_instansi

    code = store.load_instansi(demo_engine, wilayah_kode="17")["kode"].iloc[0]
    view = kinerja_instansi.build(StoreSource(demo_engine), replace(latest, instansi=code), "Baik")
    assert view is not None and view.one is not None
    assert view.one.name in view.one.title or view.one.title == ""
    assert list(view.one.curve_check.columns) == ["Batas", "Aktual", "Memenuhi", "Alasan"]
    assert list(view.one.distribution["instansi_kode"]) == [code]


def test_indikator_view_lowest_first_and_the_focus_agency(demo_engine: Engine, latest: Filters) -> None:
    from asn_metrics.views import indikator

    view = indikator.build(StoreSource(demo_engine), latest)
    assert view is not None
    lows = view.lowest["capaian_persen"].tolist()
    assert lows == sorted(lows) and len(lows) == 30
    # Without an agency filter, the indicators shown are those of the lowest agency.
    assert view.focus_name == view.lowest["nama"].iloc[0]
    assert set(view.focus["instansi_kode"]) == {view.lowest["instansi_kode"].iloc[0]}
    assert list(view.agencies.columns)[:3] == ["Instansi", "Indikator", "Capaian"]
    assert len(view.agency_codes) == len(view.agencies)
    # Issue 19 item 2: the chart's title names the highest and the lowest of the 30 bars it shows, with their
    # values, not an agency off the chart.
    top = view.lowest.loc[view.lowest["capaian_persen"].idxmax()]
    bottom = view.lowest.iloc[0]
    assert f"tertinggi di {top['nama']} ({format_percent(top['capaian_persen'])})" in view.lowest_title
    assert f"terendah di {bottom['nama']} ({format_percent(bottom['capaian_persen'])})" in view.lowest_title
    assert indikator.build(StoreSource(demo_engine), Filters(tahun=1999)) is None


def test_kepuasan_view_ikm_and_complaints(demo_engine: Engine, latest: Filters) -> None:
    from asn_metrics import survey
    from asn_metrics.views import kepuasan

    view = kepuasan.build(StoreSource(demo_engine), latest)
    assert view is not None
    # DOMAIN.md §2: IKM = mean of the nine NRR × 25 over every response of the year.
    overall = survey.ikm(store.load_skm(demo_engine, latest)).iloc[0]
    assert next(k.value for k in view.kpis if k.label == "IKM") == format_number(overall["ikm"], 2)
    # Issue 19 item 7: "Kecukupan sampel" lists the units short of respondents first, then the lowest IKM.
    short = view.units[view.units["kurang_sampel"]]
    assert len(short) >= 1
    assert view.table["Kurang sampel"].tolist() == ["ya"] * len(short) + ["tidak"] * (len(view.units) - len(short))
    assert view.table["IKM"].tolist()[0] == format_number(short["ikm"].min(), 2)
    rest = view.units[~view.units["kurang_sampel"]]
    assert view.table["IKM"].tolist()[len(short)] == format_number(rest["ikm"].min(), 2)
    assert view.complaints is not None and not view.complaints.by_channel.empty
    assert len(view.profile) == 9
    # Issue 19 item 2: the card counts answers within 5 working days, the funnel every answer; the funnel's
    # title gives both, so the two figures side by side are told apart (DOMAIN.md §4).
    card = next(k for k in view.kpis if k.label == "Ditanggapi ≤ 5 hari")
    assert card.note and "5 hari kerja" in card.note
    assert f"({card.value} dalam 5 hari kerja)" in view.complaints.funnel_title
    ever = view.complaints.funnel.set_index("tahap")["persen_dari_masuk"]["ditanggapi"]
    assert f"{format_percent(ever)} ditanggapi (" in view.complaints.funnel_title


def test_pengembangan_view_lists_with_their_rules(demo_engine: Engine, latest: Filters) -> None:
    from asn_metrics import followup
    from asn_metrics.views import pengembangan

    source = StoreSource(demo_engine)
    view = pengembangan.build(source, latest)
    assert view is not None
    assert [found.title for found in view.lists] == [title for title, _ in pengembangan.LISTS]
    recognised = view.lists[0]
    # DOMAIN.md §8: recognition = Sangat Baik this year and not below Baik the year before.
    assert recognised.rule == followup.ATURAN_PENGHARGAAN
    first = pengembangan.list_page(source, latest, "penghargaan", 1)
    assert set(first.rows["predikat"]) == {"Sangat Baik"} and first.rows["nama_pegawai"].notna().all()
    assert [k.value for k in view.kpis] == [format_number(found.total) for found in view.lists]
    gaps = view.lists[3]
    page = pengembangan.list_page(source, latest, gaps.slug, 1)
    # Shown 100 at a time, without the rule column (it is in the downloads); a search narrows by NIP or name.
    assert page.total == gaps.total > 100 and len(page.rows) == 100 and "aturan" not in page.rows.columns
    every = pengembangan.list_rows(source, latest, gaps.slug)
    assert len(every) == gaps.total and set(every["aturan"]) == {gaps.rule}
    assert every["nip"].head(100).tolist() == page.rows["nip"].tolist()
    nip = str(every["nip"].iloc[-1])
    found = pengembangan.list_page(source, latest, gaps.slug, 2, nip)
    assert (found.number, found.total, found.rows["nip"].tolist()) == (1, 1, [nip])
    last = pengembangan.list_page(source, latest, gaps.slug, 10_000)  # past the end: the last page
    assert last.number == page.pages == -(-gaps.total // PAGE_SIZE)
    assert last.rows["nip"].tolist() == every["nip"].iloc[(last.number - 1) * PAGE_SIZE :].tolist()
    assert pengembangan.build(source, Filters(tahun=1999)) is None


def test_kualitas_view_lowest_scores_and_freshness(demo_engine: Engine, latest: Filters) -> None:
    from asn_metrics.views import kualitas

    view = kualitas.build(StoreSource(demo_engine), latest)
    assert view is not None
    scores = view.worst["skor_kualitas_data"].tolist()
    assert scores == sorted(scores) and 0 < len(scores) <= 25 and max(scores) < 100
    assert set(view.freshness.columns) <= set(kualitas.KIND_LABELS)
    assert len(view.table_codes) == len(view.table) > 25
    # Issue 19 item 2: the title of the 25 lowest names the highest and lowest of those 25 ...
    top = view.worst.loc[view.worst["skor_kualitas_data"].idxmax()]
    assert f"tertinggi di {top['nama']} ({format_number(top['skor_kualitas_data'], 1)})" in view.worst_title
    # ... and the freshness title's days are the number its heatmap cell shows for that agency.
    match = re.search(r"terlama (.+): data (.+) terakhir diunggah ([\d.]+) hari lalu", view.freshness_title)
    assert match, view.freshness_title
    name, kind, days = match.groups()
    labels = {label.lower(): code for code, label in kualitas.KIND_LABELS.items()}
    assert format_number(view.freshness.loc[name, labels[kind]]) == days


def test_kualitas_validity_and_adoption_are_filled_on_the_demo(demo_engine: Engine, latest: Filters) -> None:
    # Issue 19 item 14: both parts were empty on every agency. The demo's uploads and record times spread them.
    from asn_metrics.views import parts

    scores = parts.quality_table(StoreSource(demo_engine), latest)
    for part in ("validitas", "adopsi"):
        assert scores[part].notna().mean() > 0.9, part
        assert scores[part].nunique() > 5 and scores[part].between(0, 100).all(), part
    assert (scores["adopsi"] < 50).any() and (scores["adopsi"] > 90).any()  # laggards and agencies on time
    assert scores.loc[scores["adopsi"] < 100, "catatan_adopsi"].str.contains("periode pegawai").all()


def test_pelayanan_view_timeliness_agrees_between_raw_rows_and_the_summary(
    demo_engine: Engine, latest: Filters
) -> None:
    from asn_metrics.views import pelayanan

    year = Filters(tahun=max(store.load_data_years(demo_engine)) - 1)
    view = pelayanan.build(StoreSource(demo_engine), year)
    assert view is not None
    # DOMAIN.md §3: on time = finished within the standard; the KPI comes from the raw rows (service_speed),
    # the charts from the monthly summary: both must say the same.
    summed = headline.percent_within_standard(store.load_service_timeliness_counts(demo_engine, year))
    assert next(k.value for k in view.kpis if k.label == "Tepat waktu") == format_percent(summed)
    assert len(view.regions.frame) == 10
    assert "KTP-el (cetak)" in set(view.speed.frame["layanan"])
    assert int(view.monthly.frame["jumlah"].sum()) >= int(view.by_service.frame["jumlah"].sum())
    assert len(view.agency_codes) == len(view.agencies)
    # Issue 19 item 2: the monthly trend holds every year, and its subtitle says so and nothing else; the months
    # its title names are in its frame.
    assert len(set(view.monthly.frame["tahun"])) > 1
    assert view.monthly.subtitle == "Semua tahun"
    months = {format_month(m.date()) for m in view.monthly.frame["bulan"]}
    named = re.findall(r"(?:Jan|Feb|Mar|Apr|Mei|Jun|Jul|Agu|Sep|Okt|Nov|Des)\w* \d{4}", view.monthly.title)
    assert named and set(named) <= months


def test_pelayanan_service_bars_carry_their_code_and_drill_into_one_service(
    demo_engine: Engine, latest: Filters
) -> None:
    # Issue 19 item 8: a click on a service bar shows that service per region, then per agency of a region.
    from asn_metrics import charts_service
    from asn_metrics.ui.drill import code_from_points
    from asn_metrics.views import pelayanan

    year = Filters(tahun=max(store.load_data_years(demo_engine)) - 1)
    source = StoreSource(demo_engine)
    view = pelayanan.build(source, year)
    assert view is not None and view.service_detail is None
    fig = charts_service.timeliness_bar(
        view.by_service.frame, label="layanan", title="", subtitle="", code="jenis_layanan"
    )
    codes = {code_from_points([{"customdata": list(c)}]) for c in fig.data[0].customdata}
    assert codes == set(view.by_service.frame.dropna(subset=["persen_tepat_waktu"])["jenis_layanan"])
    detail = pelayanan.build(source, year, "ktp_el")
    assert detail is not None and detail.service_detail is not None and detail.service_detail_level == "wilayah"
    frame = detail.service_detail.frame
    counts = store.load_service_timeliness_counts(demo_engine, year, by=("jenis_layanan", "wilayah_kode"))
    ktp = counts[counts["jenis_layanan"] == "ktp_el"].set_index("wilayah_kode")
    for row in frame.itertuples():
        assert row.persen_tepat_waktu == pytest.approx(
            100 * ktp.loc[row.kode, "tepat_waktu"] / ktp.loc[row.kode, "dengan_standar"]
        )
    best = frame.loc[frame["nilai"].idxmax()]
    assert "KTP-el" in detail.service_detail.title and best["nama"] in detail.service_detail.title
    region = Filters(tahun=year.tahun, wilayah=str(frame["kode"].iloc[0]))
    inner = pelayanan.build(source, region, "ktp_el")
    assert inner is not None and inner.service_detail is not None and inner.service_detail_level == "instansi"
    assert set(inner.service_detail.frame["kode"]) <= set(store.load_instansi(demo_engine)["kode"])
    assert pelayanan.build(source, year, "tidak_ada").service_detail is None


def test_ringkasan_stacked_bar_carries_each_regions_code(demo_engine: Engine, latest: Filters) -> None:
    # Issue 19 item 8: a click on a region's bar filters to that region; within a region, to the agency.
    from asn_metrics import charts
    from asn_metrics.ui.drill import code_from_points

    view = ringkasan.build(StoreSource(demo_engine), latest)
    assert view is not None and view.distribution_level == "wilayah"
    fig = charts.predikat_stacked_bar(view.distribution, label="nama", title="", code="kode")
    codes = {code_from_points([{"customdata": list(c)}]) for c in fig.data[0].customdata}
    assert codes == set(view.distribution["kode"]) and codes <= set(store.load_wilayah(demo_engine)["kode"])
    inner = ringkasan.build(StoreSource(demo_engine), Filters(tahun=latest.tahun, wilayah="17.04"))
    assert inner is not None and inner.distribution_level == "instansi"
    assert set(inner.distribution["kode"]) <= set(store.load_instansi(demo_engine)["kode"])


def test_kinerja_pegawai_view_pages_the_list_and_profiles(demo_engine: Engine, latest: Filters) -> None:
    from asn_metrics.views import kinerja_pegawai

    source = StoreSource(demo_engine)
    view = kinerja_pegawai.build(source, latest, "jenis_kelamin")
    assert view is not None
    active = store.load_pegawai_count(demo_engine, latest)
    first = kinerja_pegawai.people_page(source, latest, 1)
    assert view.people_total == active == first.total and first.pages == -(-active // PAGE_SIZE)
    assert len(first.rows) == PAGE_SIZE and list(first.rows.columns) == list(view.people_headers)
    last = kinerja_pegawai.people_page(source, latest, first.pages)
    assert len(last.rows) == active - (first.pages - 1) * PAGE_SIZE
    assert kinerja_pegawai.people_page(source, latest, first.pages + 5).rows.equals(last.rows)  # past the end
    every = kinerja_pegawai.people_rows(source, latest)
    assert len(every) == active and every["nip"].is_monotonic_increasing
    # Search by NIP or name (case-insensitive), then page within what matched.
    someone = every.iloc[7]
    by_nip = kinerja_pegawai.people_page(source, latest, 3, str(someone["nip"]))
    assert by_nip.number == 1 and by_nip.total == 1 and by_nip.rows["nama"].tolist() == [someone["nama"]]
    part = str(someone["nama"]).split()[0].upper()
    by_name = kinerja_pegawai.people_page(source, latest, 1, part)
    assert by_name.total >= 1 and by_name.rows["nama"].str.casefold().str.contains(part.casefold()).all()
    assert kinerja_pegawai.people_page(source, latest, 1, "tidak ada nama seperti ini").total == 0
    assert kinerja_pegawai.people_page(source, latest, 1, "100%").total == 0  # LIKE wildcards are plain text
    assert set(view.make_up["dimensi"]) == {"jenis_kelamin"} and len(view.make_up) == 2
    assert round(float(view.make_up["persen"].sum()), 6) == 100.0
    best = kinerja_pegawai.best_page(source, latest, 1)
    assert best.total == view.best_retiring_total > 0 and set(best.rows["predikat"]) <= {"Sangat Baik", "Baik"}
    every_best = kinerja_pegawai.best_rows(source, latest)
    assert len(every_best) == best.total and every_best["tanggal_pensiun"].is_monotonic_increasing
    assert best.rows["tanggal_pensiun"].iloc[0] == format_date(every_best["tanggal_pensiun"].iloc[0])


def test_kinerja_pegawai_person_view(demo_engine: Engine, latest: Filters) -> None:
    from asn_metrics.views import kinerja_pegawai

    nip = store.load_standing(demo_engine, latest, years=(latest.tahun or 0,))["nip"].iloc[0]
    one = kinerja_pegawai.person(StoreSource(demo_engine), latest, nip)
    assert one is not None and one.nip == nip
    assert latest.tahun in set(one.history["tahun"])
    assert kinerja_pegawai.person(StoreSource(demo_engine), latest, "000000000000000000") is None


def test_kpi_cards_say_what_they_count_and_an_unchanged_figure_says_so(demo_engine: Engine, latest: Filters) -> None:
    # Issue 19 item 3: "Pegawai aktif" beside "Pegawai dinilai" needs its explanation on the card; a change of ±0
    # is shown as "tidak berubah", not as a bare number without arrow or colour.
    from asn_metrics.views import ringkasan
    from asn_metrics.views.common import Kpi

    view = ringkasan.build(StoreSource(demo_engine), latest)
    assert view is not None
    notes = {k.label: k.note for k in view.kpis}
    assert notes["Pegawai aktif"] == "saat ini"
    assert notes[f"Pegawai dinilai {latest.tahun}"] == "termasuk yang kini sudah pensiun"
    assert Kpi("x", "1", delta="±0,0 poin").unchanged
    assert not Kpi("x", "1", delta="+0,1 poin").unchanged and not Kpi("x", "1").unchanged


def test_age_bands_are_shown_in_age_order(demo_engine: Engine, latest: Filters) -> None:
    # Issue 19 item 7: "< 25", "25-34", … "≥ 55", not the order of the labels' characters ("25-34" before "< 25").
    from asn_metrics.views import kinerja_pegawai
    from asn_metrics.workforce import USIA_LABEL

    view = kinerja_pegawai.build(StoreSource(demo_engine), latest, "kelompok_usia")
    assert view is not None
    shown = view.make_up["kategori"].tolist()
    assert len(shown) >= 4 and shown == [label for label in USIA_LABEL if label in shown]


def _number(text: str) -> float:
    return float(text.replace(".", "").replace(",", "."))


def test_tables_are_in_the_order_their_title_says(demo_engine: Engine, latest: Filters) -> None:
    # Issue 19 item 7. Ringkasan's table reads in its stacked bar's order (share Baik or better, best first).
    from asn_metrics import skp
    from asn_metrics.views import indikator, pelayanan

    view = ringkasan.build(StoreSource(demo_engine), latest)
    assert view is not None
    good = (
        view.table["Sangat Baik"].map(lambda t: _number(t.rstrip("%")))
        + view.table["Baik"].map(lambda t: _number(t.rstrip("%")))
    ).tolist()
    assert all(a >= b - 0.11 for a, b in itertools.pairwise(good)), good  # shares rounded to 0,1 in the table
    assert view.table.iloc[:, 0].tolist() == skp.best_first(view.distribution)["nama"].tolist()
    # Pelayanan's agencies: lowest share on time first, agencies without a standard (no share) last.
    service = pelayanan.build(StoreSource(demo_engine), latest)
    assert service is not None
    shares = service.agencies["Tepat waktu"].tolist()
    known = [_number(s.rstrip("%")) for s in shares if s != "–"]
    assert known == sorted(known) and shares[len(known) :] == ["–"] * (len(shares) - len(known))
    # Indikator's detail: each row names its period, an indicator's periods together in calendar order.
    detail = indikator.build(StoreSource(demo_engine), latest).detail  # type: ignore[union-attr]
    first = detail[detail["Indikator"] == detail["Indikator"].iloc[0]]["Periode"].tolist()
    assert first == ["Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV", "Tahunan"]


def test_the_full_ranking_keeps_every_part_beside_the_name(demo_engine: Engine, latest: Filters) -> None:
    # Issue 19 item 5: the interval in one column and the common abbreviations (spelled out below the table)
    # keep the parts in view at 1600 px: no name longer than 45 characters, no long free-text column.
    from asn_metrics.views import kinerja_instansi

    view = kinerja_instansi.build(StoreSource(demo_engine), latest)
    assert view is not None
    assert list(view.ranking.columns) == [
        "Peringkat",
        "Instansi",
        "Skor",
        "Selang 95%",
        *kinerja_instansi.PART_LABELS.values(),
    ]
    assert view.ranking["Instansi"].str.len().max() <= 45
    first = view.top.iloc[0]
    assert view.ranking["Selang 95%"].iloc[0] == (
        f"{format_number(first['skor_bawah'], 1)}–{format_number(first['skor_atas'], 1)}"
    )
    assert "Dinas PUPR = Dinas Pekerjaan Umum dan Penataan Ruang" in view.parts_note
    assert "perbedaan tidak bermakna (dalam batas ketidakpastian)" in view.parts_note


def test_agency_names_abbreviate_as_government_papers_do_and_say_so() -> None:
    from asn_metrics import narrative

    names = pd.Series(
        [
            "Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Bengkulu Selatan",
            "RSUD Lebong",
            "Inspektorat Provinsi Bengkulu",
        ]
    )
    short, note = narrative.compact_agency_names(names)
    assert short.tolist() == ["Dinas PUPR Kab. Bengkulu Selatan", "RSUD Lebong", "Inspektorat Prov. Bengkulu"]
    assert note == (
        "Nama instansi disingkat: Dinas PUPR = Dinas Pekerjaan Umum dan Penataan Ruang; Kab. = Kabupaten; "
        "Prov. = Provinsi."
    )
    untouched, none = narrative.compact_agency_names(pd.Series(["RSUD Lebong"]))
    assert untouched.tolist() == ["RSUD Lebong"] and none == ""
