"""Chart details a projector audience reads (issue 19 item 6): units on every tick, labels where their line is."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from asn_metrics import charts_service


def test_the_processing_time_axis_has_units_on_every_tick_and_the_standard_is_labelled_at_its_line() -> None:
    speed = pd.DataFrame({"layanan": ["KTP-el", "Akta Kelahiran"], "median_jam": [0.75, 3.0], "p90_jam": [4.0, 40.0]})
    fig = charts_service.speed_bars(speed, label="layanan", title="t", subtitle="s", standard=1.0)
    axis = fig.layout.yaxis
    assert axis.type == "log"
    assert list(axis.ticktext) == [f"{t} jam" for t in ("0,5", "1", "2", "5", "10", "20", "50", "100")]
    assert list(axis.tickvals) == [0.5, 1, 2, 5, 10, 20, 50, 100]
    [label] = [a for a in fig.layout.annotations if "standar" in (a.text or "")]
    # On a log axis an annotation sits at log10 of its value: 1 jam is at 0, not at 1 (which is 10 jam).
    assert label.text == "standar 1 jam" and label.y == math.log10(1.0) == 0
    [line] = [s for s in fig.layout.shapes if s.line.dash == "dash"]
    assert line.y0 == line.y1 == 1.0


def test_a_chart_in_half_the_page_wraps_its_title_to_fit() -> None:
    from asn_metrics import charts

    title = "Tepat waktu tertinggi di Akta Kelahiran (38,1%), terendah di Surat Keterangan Pindah (31,6%)"
    fig = charts.base_layout(go.Figure(), title, "Tahun 2025")
    assert "<br>" not in fig.layout.title.text  # one line across the whole page
    half = charts.narrowed(fig)
    lines = half.layout.title.text.split("<br>")
    assert len(lines) == 2 and all(len(line) <= charts.HALF_WIDTH for line in lines)
    assert " ".join(lines) == title and half.layout.title.subtitle.text == "Tahun 2025"
    assert half.layout.margin.t == 46 + 22 * 2 + 18


def test_a_long_subtitle_wraps_on_its_own_lines_in_regular_type() -> None:
    from asn_metrics import charts

    subtitle = " · ".join(["Skor gabungan 0-100 (bobot sama) dengan selang ketidakpastian 95%"] * 3)
    fig = charts.base_layout(go.Figure(), "Judul", subtitle)
    lines = fig.layout.title.subtitle.text.split("<br>")
    assert len(lines) == 2 and all(len(line) <= charts.SUBTITLE_WIDTH for line in lines)
    assert " ".join(lines) == subtitle and "<sup>" not in fig.layout.title.text
    assert fig.layout.title.subtitle.font.size >= 13 and fig.layout.title.subtitle.font.color == charts.SUBTITLE_INK


def test_axis_labels_are_dark_enough_for_a_projector() -> None:
    from asn_metrics import charts

    fig = charts.base_layout(go.Figure(go.Bar(x=["a"], y=[1])), "Judul")
    for axis in (fig.layout.xaxis, fig.layout.yaxis):
        assert axis.tickfont.color == charts.INK and axis.tickfont.size >= 13


def test_a_score_axis_starts_a_round_ten_below_the_lowest_value_and_shows_100() -> None:
    from asn_metrics import charts

    assert charts.score_range(pd.Series([91.0, 97.5])) == [80.0, 101.0]
    assert charts.score_range(pd.Series([74.7, 89.6])) == [60.0, 101.0]
    assert charts.score_range(pd.Series([3.0, 50.0])) == [0.0, 101.0]
    assert charts.score_range(pd.Series([], dtype=float)) == [0.0, 101.0]
    assert charts.score_range(pd.Series([95.0]), ceiling=118.0) == [90.0, 119.0]


def test_close_scores_are_dots_on_an_axis_that_tells_them_apart() -> None:
    # Issue 19 item 6: scores between 86 and 96 drawn as bars from 0 look alike; dots on an axis from 60 show the
    # differences, and every interval stays inside the axis.
    from asn_metrics import charts_agency, charts_quality

    card = pd.DataFrame(
        {
            "nama": ["A", "B", "C"],
            "instansi_kode": ["a", "b", "c"],
            "skor": [95.4, 93.3, 86.0],
            "skor_bawah": [78.7, 76.1, 66.3],
            "skor_atas": [98.8, 96.5, 96.3],
            "dalam_batas_ketidakpastian": [False, True, True],
            "peringkat": [1, 2, 3],
            "bagian_tersedia": [7, 7, 6],
        }
    )
    fig = charts_agency.scorecard_dots(card, title="t", subtitle="s")
    [trace] = fig.data
    assert trace.type == "scatter" and trace.mode == "markers"
    low, high = fig.layout.xaxis.range
    assert low == 60 and high > 100 and low <= card["skor_bawah"].min()
    assert list(trace.customdata[:, 0]) == ["a", "b", "c"]  # the drill-down's code
    scores = pd.DataFrame(
        {"nama": ["X", "Y"], "instansi_kode": ["x", "y"], "skor_kualitas_data": [89.6, 74.7], "perbaiki_dulu": ["", ""]}
    )
    fig = charts_quality.quality_dots(scores, title="t", subtitle="s")
    assert fig.data[0].type == "scatter" and fig.layout.xaxis.range[0] == 60
    assert list(fig.data[0].text) == ["74,7", "89,6"]  # worst first, each labelled


def test_a_legend_sits_above_the_plot_with_room_of_its_own() -> None:
    # Issue 19 item 6: legends never over an axis.
    from asn_metrics import charts

    one = charts.base_layout(go.Figure(go.Bar(x=["a"], y=[1])), "Judul", "Tahun 2025")
    two = charts.base_layout(
        go.Figure([go.Bar(x=["a"], y=[1], name="p"), go.Bar(x=["a"], y=[2], name="q")]), "Judul", "Tahun 2025"
    )
    assert two.layout.legend.yanchor == "bottom" and two.layout.legend.y >= 1
    assert two.layout.margin.t == one.layout.margin.t + 30
    assert two.layout.title.yref == "container" and two.layout.title.yanchor == "top"


def test_cell_labels_are_dark_on_pale_fills_and_white_on_dark_ones() -> None:
    # Issue 19 item 6: labels on coloured cells readable. Plotly's heatmap text takes one colour for every cell;
    # each label here takes the ink of its own cell (WCAG luminance).
    from asn_metrics import charts, charts_agency

    assert charts.ink_on("#1f4e89") == "#ffffff" and charts.ink_on("#9e2a16") == "#ffffff"
    assert charts.ink_on("#f2e6c9") == charts.INK and charts.ink_on("rgb(210, 215, 207)") == charts.INK
    card = pd.DataFrame({"nama": ["A", "B"], "skor_predikat": [100.0, 74.0], "skor_ikm": [float("nan"), 20.0]})
    fig = charts_agency.parts_heatmap(card, {"skor_predikat": "Predikat", "skor_ikm": "IKM"}, title="t", subtitle="s")
    [labels] = [t for t in fig.data if t.type == "scatter"]
    inks = dict(zip(zip(labels.x, labels.y, strict=True), labels.textfont.color, strict=True))
    assert inks[("Predikat", "A")] == "#ffffff"  # 100: dark blue
    assert inks[("Predikat", "B")] == charts.INK  # 74: between cream and light blue
    assert inks[("IKM", "A")] == charts.INK and list(labels.text)[1] == "–"  # no value
    assert fig.layout.margin.t == charts.base_layout(go.Figure(go.Heatmap(z=[[1]])), "t", "s").layout.margin.t + 30
