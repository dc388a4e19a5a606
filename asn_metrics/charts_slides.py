"""A slide's chart as a Plotly figure (the Presentasi page, the HTML report, the map image of the PPTX): large
type, readable from the back of a room. The PPTX draws the same ``SlideChart`` as a native PowerPoint chart."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from asn_metrics.charts import INK, base_layout
from asn_metrics.charts_map import region_map
from asn_metrics.formatting import format_number
from asn_metrics.views.presentasi import SlideChart

BAR_COLOUR = "#1f5fa8"
SLIDE_FONT = 20


def slide_figure(chart: SlideChart, *, title: str = "", height: int = 560) -> go.Figure:
    """The chart of one slide; a map for ``kind == "map"``, else horizontal bars in the slide's order."""
    if chart.kind == "map":
        values = pd.DataFrame({"wilayah_kode": chart.codes, "nama": chart.categories, "nilai": chart.values})
        fig = region_map(
            values, title=title, subtitle="", label=chart.axis_title, suffix=chart.suffix, decimals=chart.decimals
        )
    else:
        labels = [f"{format_number(v, chart.decimals)}{chart.suffix}" for v in chart.values]
        fig = go.Figure(
            go.Bar(
                x=chart.values,
                y=chart.categories,
                orientation="h",
                marker_color=BAR_COLOUR,
                text=labels,
                textposition="outside",
                cliponaxis=False,
                hovertemplate="%{y}: %{text}<extra></extra>",
            )
        )
        base_layout(fig, title)
        fig.update_yaxes(autorange="reversed", tickfont={"size": SLIDE_FONT, "color": INK})
        fig.update_xaxes(title={"text": chart.axis_title, "font": {"size": SLIDE_FONT - 2}}, tickfont={"size": 16})
        fig.update_traces(textfont={"size": SLIDE_FONT, "color": INK})
    fig.update_layout(height=height, font={"size": SLIDE_FONT}, margin={"r": 80})
    return fig
