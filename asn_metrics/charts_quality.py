"""Figures of data quality: the score per agency and the freshness of each upload kind."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from asn_metrics.charts import BLUE, INK, ORANGE, add_cell_labels, base_layout, score_range, wrap_title
from asn_metrics.formatting import format_number


def quality_dots(scores: pd.DataFrame, *, title: str, subtitle: str) -> go.Figure:
    """Data-quality score per agency (``nama``), worst first, as a ranked dot plot (orange below 70) whose axis
    starts near the lowest score, so that scores between 75 and 100 are told apart."""
    df = scores[scores["skor_kualitas_data"].notna()].sort_values("skor_kualitas_data").head(25)
    values = df["skor_kualitas_data"]
    fig = go.Figure(
        go.Scatter(
            y=df["nama"],
            x=values,
            mode="markers+text",
            marker={"size": 13, "color": [ORANGE if v < 70 else BLUE for v in values]},
            text=[format_number(v, 1) for v in values],
            textposition="middle right",
            textfont={"color": INK, "size": 13},
            cliponaxis=False,
            customdata=df[["instansi_kode", "perbaiki_dulu"]].to_numpy(),
            hovertemplate="<b>%{y}</b><br>Skor %{x:.1f}<br>%{customdata[1]}<extra></extra>",
        )
    )
    fig.update_xaxes(range=score_range(values), showgrid=True, gridcolor="#e6e6e6", title="Skor kualitas data (0-100)")
    fig.update_yaxes(autorange="reversed", showgrid=True, gridcolor="#f2f2f2")
    fig.update_layout(height=max(340, 26 * len(df) + 170), showlegend=False)
    return base_layout(fig, title, subtitle).update_layout(margin_r=50)  # room for the last label


#: Days since the last upload: blue while fresh, cream after a month, orange to dark red towards a year.
FRESHNESS_SCALE = [[0, "#1f4e89"], [0.125, "#79aee0"], [0.25, "#f2e6c9"], [0.5, "#f2b35c"], [1, "#9e2a16"]]


def freshness_heatmap(matrix: pd.DataFrame, labels: dict[str, str], *, title: str, subtitle: str) -> go.Figure:
    """Days since the latest upload, agency (index ``nama``) × upload kind; blank = no such data."""
    z = matrix.to_numpy(dtype=float)
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[labels.get(c, c) for c in matrix.columns],
            y=list(matrix.index),
            zmin=0,
            zmax=360,
            colorscale=FRESHNESS_SCALE,
            hovertemplate="<b>%{y}</b><br>%{x}: %{z:.0f} hari sejak unggahan terakhir<extra></extra>",
            colorbar={"title": {"text": "Hari"}, "thickness": 12},
        )
    )
    text = [["" if pd.isna(v) else f"{v:.0f}" for v in row] for row in z]
    add_cell_labels(fig, z, list(fig.data[0].x), list(matrix.index), text, FRESHNESS_SCALE, 360.0)
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(height=max(360, 26 * len(matrix) + 200))
    fig = base_layout(fig, title, subtitle)
    # The kinds named above their columns, where a list of 40 agencies is read from; room for them under the
    # subtitle.
    fig.update_xaxes(
        side="top", tickangle=0, ticktext=[wrap_title(t, 12) for t in fig.data[0].x], tickvals=fig.data[0].x
    )
    fig.update_layout(margin={"t": fig.layout.margin.t + 44})  # two lines of kind names
    return fig
