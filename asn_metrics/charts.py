"""Plotly figures from metric results (no I/O), in one colour-blind-safe palette with Indonesian formats."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from asn_metrics import skp
from asn_metrics.formatting import PLOTLY_SEPARATORS, plotly_literal
from asn_metrics.reference import PREDIKAT_ORDER
from asn_metrics.skp import kolom_jumlah, kolom_persen

# A blue-to-orange diverging scale (after ColorBrewer PuOr/RdBu): best is dark blue, worst dark red-orange;
# distinguishable with deuteranopia and protanopia, never red against green.
PREDIKAT_COLOURS: dict[str, str] = {
    "Sangat Baik": "#1f4e89",
    "Baik": "#79aee0",
    "Butuh Perbaikan": "#f2b35c",
    "Kurang/Misconduct": "#e06a2c",
    "Sangat Kurang": "#9e2a16",
}
MUTU_COLOURS: dict[str, str] = {"A": "#1f4e89", "B": "#79aee0", "C": "#f2b35c", "D": "#9e2a16"}
CAPAIAN_COLOURS: dict[str, str] = {
    "Sangat Tinggi": "#1f4e89",
    "Tinggi": "#79aee0",
    "Sedang": "#bdbdbd",
    "Rendah": "#f2b35c",
    "Sangat Rendah": "#9e2a16",
}
#: Single-series colours: the palette's dark and light blue, an orange for what needs attention, a neutral grey.
BLUE, LIGHT, ORANGE, GREY = "#1f4e89", "#79aee0", "#e06a2c", "#9a9a9a"
FONT = "Source Sans Pro, Arial, sans-serif"


def score_range(values: pd.Series, ceiling: float = 100.0) -> list[float]:
    """An axis range for 0-100 scores drawn as dots: from a round 10 below the lowest value (0 at most) to just
    past ``ceiling`` (so its tick shows), so that scores between 90 and 100 are told apart."""
    low = float(values.min()) if len(values) and pd.notna(values.min()) else 0.0
    return [max(0.0, (low - 5) // 10 * 10), ceiling + 1]


def ink_on(colour: str) -> str:
    """Dark or white text, whichever reads on ``colour`` (an ``rgb(r, g, b)`` or ``#rrggbb``): by its relative
    luminance (WCAG), white only on dark fills."""
    if colour.startswith("#"):
        rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    else:
        rgb = [int(float(c)) for c in colour[colour.index("(") + 1 : colour.index(")")].split(",")[:3]]
    linear = [(c / 255) / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return "#ffffff" if luminance < 0.28 else INK


def add_cell_labels(
    fig: go.Figure, z: Any, x: list[str], y: list[str], text: list[list[str]], scale: list[list[Any]], zmax: float
) -> go.Figure:
    """Each heatmap cell's ``text`` in the ink that reads on its own fill (Plotly's heatmap text has one colour
    for every cell: white on a pale cell, or dark on a dark one): a text-only trace over the heatmap, the fill
    of each cell sampled from ``scale`` over 0-``zmax``. A missing value reads dark."""
    xs, ys, labels, inks = [], [], [], []
    for row, name in enumerate(y):
        for col, kind in enumerate(x):
            value = z[row][col]
            xs.append(kind)
            ys.append(name)
            labels.append(text[row][col])
            if pd.isna(value):
                inks.append(INK)
            else:
                fraction = min(max(float(value) / zmax, 0.0), 1.0)
                inks.append(ink_on(sample_colorscale(scale, [fraction])[0]))
    fig.add_scatter(
        x=xs, y=ys, mode="text", text=labels, textfont={"color": inks, "size": 13}, hoverinfo="skip", showlegend=False
    )
    return fig


def wrap_title(title: str, width: int = 95) -> str:
    """Break a long finding-title into lines of at most ``width`` characters (Plotly does not wrap titles)."""
    lines: list[str] = []
    for part in title.split("<br>"):
        line = ""
        for word in part.split(" "):
            if line and len(line) + 1 + len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
    return "<br>".join(lines)


#: The colour of axis labels and ticks (Plotly's default grey is too light for a projector).
INK = "#2b2b2b"
#: The colour of a chart's subtitle: lighter than the title, still dark enough for a projector.
SUBTITLE_INK = "#4a4a4a"
#: Characters of a title line in a chart that takes half the page's width (two charts side by side).
HALF_WIDTH = 52
#: Characters of a subtitle line (13 px, regular) across the page, and in half of it.
SUBTITLE_WIDTH, HALF_SUBTITLE_WIDTH = 140, 75


def _top_margin(title: str, subtitle: str) -> int:
    return 46 + 22 * (title.count("<br>") + 1) + (18 * (subtitle.count("<br>") + 1) if subtitle else 0)


def narrowed(fig: go.Figure, width: int = HALF_WIDTH) -> go.Figure:
    """``fig`` with its title and subtitle wrapped again for a narrower chart (``base_layout`` wraps for the
    full width), the top margin grown with the lines."""
    old_title, old_subtitle = fig.layout.title.text or "", fig.layout.title.subtitle.text or ""
    extra = (fig.layout.margin.t or 0) - _top_margin(old_title, old_subtitle)  # a legend's room above the plot
    title = wrap_title(old_title.replace("<br>", " "), width)
    subtitle = old_subtitle.replace("<br>", " ")
    subtitle = wrap_title(subtitle, HALF_SUBTITLE_WIDTH * width // HALF_WIDTH) if subtitle else ""
    fig.update_layout(
        title_text=title, title_subtitle_text=subtitle, margin_t=_top_margin(title, subtitle) + max(0, extra)
    )
    return fig


def _literal(text: str) -> str:
    """A title from data shown as text (``formatting.plotly_literal``), keeping the line breaks we put in."""
    return plotly_literal(text).replace("&lt;br&gt;", "<br>")


def _literal_trace(trace: Any) -> None:
    """Names, categories, labels and hover data of ``trace`` shown as text, not Plotly's pseudo-HTML (a name
    holding ``<a href=…>`` would otherwise be a link in a tick or a hover label; issue 17 item 4)."""
    for attribute in ("x", "y", "text", "hovertext", "customdata"):
        values = getattr(trace, attribute, None)
        if values is None or isinstance(values, str):
            continue
        array = np.asarray(values, dtype=object)
        if array.dtype == object and any(isinstance(v, str) and ("<" in v or ">" in v or "&" in v) for v in array.flat):
            cleaned = np.vectorize(lambda v: plotly_literal(v) if isinstance(v, str) else v, otypes=[object])(array)
            setattr(trace, attribute, cleaned)
    if isinstance(getattr(trace, "name", None), str):
        trace.name = plotly_literal(trace.name)


def _has_legend(fig: go.Figure) -> bool:
    """Whether Plotly draws a legend: more than one trace that goes into it (heatmaps and maps never do)."""
    listed = [t for t in fig.data if t.showlegend is not False and t.type not in ("heatmap", "choroplethmap")]
    return fig.layout.showlegend is not False and len(listed) > 1


def base_layout(fig: go.Figure, title: str, subtitle: str | None = None, *, legend: str = "top") -> go.Figure:
    """Title stating the finding, a subtitle with period and filters (its own line, regular and 13 px, wrapped
    to the chart's width), Indonesian separators. The legend sits between the subtitle and the plot, where it
    can never cover an axis; ``legend="bottom"`` puts it under the plot (the chart then places it below its
    tick labels)."""
    title = wrap_title(_literal(title))
    subtitle = wrap_title(_literal(subtitle), SUBTITLE_WIDTH) if subtitle else ""
    for trace in fig.data:
        _literal_trace(trace)
    top = _top_margin(title, subtitle)
    if legend == "top":
        place = {"yanchor": "bottom", "y": 1.0}
        top += 30 if _has_legend(fig) else 0
    else:
        place = {"yanchor": "top", "y": -0.12}
    fig.update_layout(
        title={
            "text": title,
            "x": 0,
            "xanchor": "left",
            # At the top of the figure, not in the middle of the top margin, so the room below it is the
            # legend's.
            "yref": "container",
            "y": 1,
            "yanchor": "top",
            "pad": {"t": 18},
            "font": {"size": 17, "color": "#1a1a1a"},
            "subtitle": {"text": subtitle, "font": {"size": 13, "color": SUBTITLE_INK}},
        },
        separators=PLOTLY_SEPARATORS,
        font={"family": FONT, "size": 14},
        margin={"l": 10, "r": 10, "t": top, "b": 40},
        legend={"orientation": "h", **place, "x": 0, "title": None, "traceorder": "normal"},
        plot_bgcolor="white",
        hoverlabel={"font_family": FONT},
    )
    # Axis labels dark and large enough to read from the back of a room (issue 19 item 6).
    axis_text = {"tickfont": {"color": INK, "size": 13}, "title_font": {"color": INK, "size": 14}}
    fig.update_xaxes(**axis_text)
    fig.update_yaxes(**axis_text)
    for trace in fig.data:  # colour bars (maps, heatmaps) as dark as the axes
        if "colorbar" in trace:
            trace.colorbar.tickfont = {"color": INK, "size": 13}
            trace.colorbar.title.font = {"color": INK, "size": 14}
    return fig


def predikat_stacked_bar(
    distribution: pd.DataFrame, *, label: str, title: str, subtitle: str | None = None, code: str | None = None
) -> go.Figure:
    """A 100 % stacked horizontal bar per group, from ``skp.predikat_distribution`` output.

    ``distribution`` has the group name in ``label`` and ``jumlah_<slug>`` / ``persen_<slug>`` per predikat.
    Groups are sorted by their share of Baik or better, best on top; predikat are stacked best to worst.
    ``code``: the column of each group's code, carried with each bar for a click to drill down.
    """
    distribution = skp.best_first(distribution)
    fig = go.Figure()
    for predikat in PREDIKAT_ORDER:
        fig.add_bar(
            name=predikat,
            y=distribution[label],
            x=distribution[kolom_persen(predikat)].fillna(0),
            orientation="h",
            marker_color=PREDIKAT_COLOURS[predikat],
            customdata=distribution[[kolom_jumlah(predikat), *([code] if code else [])]].to_numpy(dtype=object),
            hovertemplate="<b>%{y}</b><br>" + predikat + ": %{x:.1f}% (%{customdata[0]:,} pegawai)<extra></extra>",
        )
    fig.update_layout(barmode="stack", height=max(320, 34 * len(distribution) + 160))
    # Just past 100, or Plotly drops the 100% tick at the edge.
    fig.update_xaxes(range=[0, 100.5], ticksuffix="%", showgrid=True, gridcolor="#eeeeee")
    fig.update_yaxes(autorange="reversed")
    return base_layout(fig, title, subtitle)
