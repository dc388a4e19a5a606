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
    assert half.layout.margin.t == 50 + 22 * 2 + 18


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
