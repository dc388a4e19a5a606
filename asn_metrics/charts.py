"""Plotly figures from metric results (no I/O), in one colour-blind-safe palette with Indonesian formats."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from asn_metrics.formatting import PLOTLY_SEPARATORS
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
#: Characters of a title line in a chart that takes half the page's width (two charts side by side).
HALF_WIDTH = 52


def narrowed(fig: go.Figure, width: int = HALF_WIDTH) -> go.Figure:
    """``fig`` with its title wrapped again for a narrower chart (``base_layout`` wraps for the full width), the
    top margin grown with the lines."""
    text = fig.layout.title.text or ""
    title, sep, subtitle = text.partition("<br><sup>")
    title = wrap_title(title.replace("<br>", " "), width)
    lines = title.count("<br>") + 1
    fig.update_layout(title_text=f"{title}{sep}{subtitle}", margin_t=60 + 20 * lines)
    return fig


def base_layout(fig: go.Figure, title: str, subtitle: str | None = None) -> go.Figure:
    """Title stating the finding, a subtitle with period and filters, Indonesian separators."""
    title = wrap_title(title)
    lines = title.count("<br>") + 1
    text = title if not subtitle else f"{title}<br><sup>{subtitle}</sup>"
    fig.update_layout(
        title={"text": text, "x": 0, "xanchor": "left"},
        separators=PLOTLY_SEPARATORS,
        font={"family": FONT, "size": 14},
        margin={"l": 10, "r": 10, "t": 60 + 20 * lines, "b": 40},
        legend={"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0, "title": None, "traceorder": "normal"},
        plot_bgcolor="white",
        hoverlabel={"font_family": FONT},
    )
    # Axis labels dark and large enough to read from the back of a room (issue 19 item 6).
    axis_text = {"tickfont": {"color": INK, "size": 13}, "title_font": {"color": INK, "size": 14}}
    fig.update_xaxes(**axis_text)
    fig.update_yaxes(**axis_text)
    return fig


def predikat_stacked_bar(
    distribution: pd.DataFrame, *, label: str, title: str, subtitle: str | None = None, code: str | None = None
) -> go.Figure:
    """A 100 % stacked horizontal bar per group, from ``skp.predikat_distribution`` output.

    ``distribution`` has the group name in ``label`` and ``jumlah_<slug>`` / ``persen_<slug>`` per predikat.
    Groups are sorted by their share of Baik or better, best on top; predikat are stacked best to worst.
    ``code``: the column of each group's code, carried with each bar for a click to drill down.
    """
    good = distribution[kolom_persen("Sangat Baik")] + distribution[kolom_persen("Baik")]
    distribution = distribution.assign(_good=good).sort_values("_good", ascending=False, kind="stable")
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
    fig.update_xaxes(range=[0, 100], ticksuffix="%", showgrid=True, gridcolor="#eeeeee")
    fig.update_yaxes(autorange="reversed")
    return base_layout(fig, title, subtitle)
