"""AppTest of every analysis page with the demo: real figures, charts, tables, empty states and drill-down."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from asn_metrics import store, survey
from asn_metrics.filters import Filters
from asn_metrics.formatting import format_number
from asn_metrics.ui.drill import code_from_points, code_from_rows, filter_change
from asn_metrics.ui.privacy import mask_frame
from tests.signin import sign_in
from tests.test_app import ROOT, app, rerun  # noqa: F401  (the fixture)

PAGES = {
    "kinerja_instansi": "Instansi diberi peringkat",
    "kinerja_pegawai": "Pegawai aktif",
    "pelayanan": "Permohonan",
    "kepuasan": "IKM",
    "indikator": "Indikator",
    "pengembangan": "Kandidat penghargaan",
    "kualitas": "Skor kualitas rata-rata",
}


def _open(at: AppTest, page: str) -> AppTest:
    at.run()
    at.switch_page(f"app_pages/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def _metric(at: AppTest, label: str) -> str:
    values = [m.value for m in at.metric if m.label == label]
    assert values, f"no metric {label!r} in {[m.label for m in at.metric]}"
    return values[0]


def _traces(at: AppTest) -> list[str]:
    return [t.get("name", "") for el in at.get("plotly_chart") for t in json.loads(el.proto.spec)["data"]]


@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_shows_figures_and_charts(app: AppTest, page: str) -> None:  # noqa: F811
    if page == "kinerja_pegawai":  # lazy tabs: the profile tab holds the charts
        app.session_state["tab_pegawai"] = "Profil & pensiun"
    at = _open(app, page)
    assert _metric(at, PAGES[page]) not in ("", "–")
    if page != "pengembangan":
        assert at.get("plotly_chart"), f"{page}: no chart"
    assert at.dataframe, f"{page}: no table"
    # Issue 19 item 10: every chart carries the Indonesian toolbar (Plotly's own "id" locale is empty).
    for chart in at.get("plotly_chart"):
        config = json.loads(chart.proto.config)
        assert config["locale"] == "id", page
        assert config["locales"]["id"]["dictionary"]["Download plot as a png"] == "Unduh grafik sebagai PNG"
        assert config["locales"]["id"]["format"]["decimal"] == ","


def test_ringkasan_map_and_movers(app: AppTest) -> None:  # noqa: F811
    at = app.run()
    figures = [json.loads(el.proto.spec) for el in at.get("plotly_chart")]
    kinds = [t["type"] for f in figures for t in f["data"]]
    assert "choroplethmap" in kinds
    assert any(f["layout"].get("map", {}).get("style") == "white-bg" for f in figures)
    assert "Perubahan" in _traces(at)


def test_kepuasan_ikm_matches_the_metric(app: AppTest, demo_engine: Engine) -> None:  # noqa: F811
    at = _open(app, "kepuasan")
    year = int(at.query_params["tahun"])
    expected = survey.ikm(store.load_skm(demo_engine, Filters(tahun=year))).iloc[0]["ikm"]
    assert _metric(at, "IKM") == format_number(expected, 2)
    assert {"Mutu A", "Mutu B"} & set(_traces(at))


def test_pelayanan_counts_match_the_store(app: AppTest, demo_engine: Engine) -> None:  # noqa: F811
    at = _open(app, "pelayanan")
    year = int(at.query_params["tahun"])
    counts = store.load_service_timeliness_counts(demo_engine, Filters(tahun=year))
    assert _metric(at, "Permohonan") == format_number(int(counts["jumlah"].sum()))
    assert {"Median", "Persentil ke-90", "Tepat waktu (%)"} <= set(_traces(at))


def test_kinerja_instansi_flags_the_inflated_agency(app: AppTest) -> None:  # noqa: F811
    at = _open(app, "kinerja_instansi")
    assert int(_metric(at, "Tanda inflasi penilaian")) >= 1
    titles = [json.loads(el.proto.spec)["layout"]["title"]["text"] for el in at.get("plotly_chart")]
    assert any("Sekretariat Daerah" in t and "inflasi" in t for t in titles), titles


def test_kualitas_shows_the_stale_region_and_straight_lining(app: AppTest) -> None:  # noqa: F811
    at = _open(app, "kualitas")
    assert int(_metric(at, "Jawaban survei seragam")) >= 1
    table = at.dataframe[-1].value
    kaur = table[table["Instansi"] == "Disdukcapil Kab. Kaur"]  # names abbreviated in the table (item 5)
    assert kaur["Perbaiki dulu"].str.contains("seragam").any()
    assert table["Perbaiki dulu"].str.contains("sejak").any()  # an upload that stopped (Mukomuko)


@pytest.mark.parametrize(
    ("year", "page"),
    [
        ("2026", "kinerja_instansi"),
        ("2026", "pengembangan"),
        ("2021", "pelayanan"),
        ("2021", "kepuasan"),
        ("2021", "indikator"),
    ],
)
def test_a_year_without_data_shows_the_empty_state(app: AppTest, year: str, page: str) -> None:  # noqa: F811
    # 2026 has services but no SKP ratings yet; 2021 only legacy SKP scores.
    app.query_params["tahun"] = year
    at = _open(app, page)
    assert at.query_params["tahun"] == year
    assert any("Belum ada data" in i.value for i in at.info), page


def test_years_are_listed_newest_first_and_the_newest_rated_year_is_chosen(app: AppTest) -> None:  # noqa: F811
    # Issue 19 item 7: the demo's 2026 holds services but no SKP yet; it is listed first, 2025 is chosen.
    at = _open(app, "kinerja_instansi")
    years = at.selectbox(key="f_tahun")
    assert years.options == sorted(years.options, reverse=True) and years.options[0] == "2026"
    assert years.value == "2025"


def test_filters_round_trip_through_the_url(app: AppTest, demo_engine: Engine) -> None:  # noqa: F811
    app.query_params.update({"tahun": "2024", "wilayah": "17.04", "jenis_jabatan": "pelaksana", "periode": "tahunan"})
    at = _open(app, "kinerja_pegawai")
    assert at.selectbox(key="f_jabatan").value == "pelaksana"
    assert at.selectbox(key="f_periode").value == "tahunan"
    expected = store.load_pegawai_count(demo_engine, Filters(wilayah="17.04", jenis_jabatan="pelaksana"))
    assert _metric(at, "Pegawai aktif") == format_number(expected)
    at.selectbox(key="f_jabatan").set_value("fungsional")
    at = rerun(at)
    assert at.query_params["jenis_jabatan"] == "fungsional"
    assert at.query_params["wilayah"] == "17.04"


def test_presentation_mode_masks_names_and_nips(app: AppTest) -> None:  # noqa: F811
    app.session_state["mode_presentasi"] = True
    at = _open(app, "pengembangan")
    table = at.dataframe[0].value
    assert table["NIP"].str.contains("•").all()
    assert (table["Nama"] == "(disamarkan)").all()


def test_presentation_mode_survives_a_reload_through_the_url(app: AppTest, demo_db_url: str) -> None:  # noqa: F811
    # Turned on, it is written into the URL; a new session (F5, a copied link) opening that URL starts masked.
    app.session_state["mode_presentasi"] = True
    at = _open(app, "pengembangan")
    assert at.query_params["presentasi"] == "1"
    fresh = sign_in(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60), demo_db_url)
    for name, value in at.query_params.items():
        fresh.query_params[name] = value
    fresh = _open(fresh, "pengembangan")
    assert fresh.session_state["mode_presentasi"] is True
    assert (fresh.dataframe[0].value["Nama"] == "(disamarkan)").all()
    # Turned off, the parameter leaves the URL.
    fresh.toggle(key="mode_presentasi").set_value(False).run()
    assert "presentasi" not in fresh.query_params


def test_presentation_mode_offers_no_search_by_name(app: AppTest) -> None:  # noqa: F811
    app.session_state["mode_presentasi"] = True
    at = _open(app, "pengembangan")
    assert not [w for w in at.text_input if w.label == "Cari nama atau NIP"]


def test_kinerja_pegawai_reads_only_the_open_tab(app: AppTest) -> None:  # noqa: F811
    at = _open(app, "kinerja_pegawai")  # "Cari pegawai" first: no list, no chart
    assert not at.dataframe and not at.get("plotly_chart")
    at.session_state["tab_pegawai"] = "Daftar pegawai"
    at = rerun(at)
    assert len(at.dataframe) == 1 and len(at.dataframe[0].value) == 100
    assert any("pegawai aktif · halaman 1 dari" in c.value for c in at.caption)


def test_person_lists_are_paged_and_searched(app: AppTest) -> None:  # noqa: F811
    # The training-gap list (DOMAIN.md §8) shows 100 people a page; a NIP finds that one person.
    app.session_state["daftar_tindak_lanjut"] = "Kesenjangan pelatihan"  # the tabs are lazy: open this one
    at = _open(app, "pengembangan")
    key = "pelatihan"
    assert len(at.dataframe) == 1  # only the open tab's list is read and shown
    labels = [el.proto.label for el in at.get("download_button")]
    assert labels == ["Unduh kesenjangan pelatihan (CSV)", "Unduh kesenjangan pelatihan (XLSX)"]
    first = at.dataframe[0].value
    assert len(first) == 100
    assert any("halaman 1 dari" in c.value for c in at.caption)
    at.number_input(key=f"halaman_{key}").set_value(2).run()
    second = at.dataframe[0].value
    assert len(second) >= 1 and set(second["NIP"]).isdisjoint(first["NIP"])
    nip = str(second["NIP"].iloc[5])
    at.text_input(key=f"cari_{key}").input(nip).run()
    assert not at.exception
    assert at.dataframe[0].value["NIP"].tolist() == [nip]
    assert at.number_input(key=f"halaman_{key}").value == 1


def test_selection_becomes_a_filter_change() -> None:
    points = [{"curve_number": 0, "point_index": 3, "customdata": ["17.04.DUKCAPIL", 12]}]
    assert code_from_points(points) == "17.04.DUKCAPIL"
    assert code_from_points([{"location": "17.06", "z": 77.2}]) == "17.06"
    assert code_from_points([]) is None
    # A code after the hover's numbers (the service bars: interval, count, then the service code).
    assert code_from_points([{"customdata": [81.2, 84.0, 1520, "ktp_el"]}]) == "ktp_el"
    assert code_from_rows([1], ["17.01", "17.02"]) == "17.02"
    assert code_from_rows([5], ["17.01"]) is None
    assert filter_change("wilayah", "17.06", Filters(tahun=2025)) == {"f_wilayah": "17.06", "f_instansi": "__semua__"}
    assert filter_change("instansi", "17.DUKCAPIL", Filters()) == {"f_instansi": "17.DUKCAPIL"}
    assert filter_change("wilayah", "17.06", Filters(wilayah="17.06")) == {}
    assert filter_change("instansi", None, Filters()) == {}


def test_mask_frame_hides_personal_data() -> None:
    import pandas as pd

    frame = pd.DataFrame({"nip": ["198609262015051001"], "nama": ["Budi"], "instansi": ["BKD"]})
    masked = mask_frame(frame)
    assert masked.iloc[0].tolist() == ["198609•••••••••001", "(disamarkan)", "BKD"]
    assert frame.iloc[0]["nama"] == "Budi"
