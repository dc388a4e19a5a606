"""Figures of data quality: the score per agency and the freshness of each upload kind."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from asn_metrics.charts import BLUE, ORANGE, base_layout


def quality_bar(scores: pd.DataFrame, *, title: str, subtitle: str) -> go.Figure:
    """Data-quality score per agency (``nama``), worst first, orange below 70."""
    df = scores[scores["skor_kualitas_data"].notna()].sort_values("skor_kualitas_data").head(25)
    fig = go.Figure(
        go.Bar(
            y=df["nama"],
            x=df["skor_kualitas_data"],
            orientation="h",
            marker_color=[ORANGE if v < 70 else BLUE for v in df["skor_kualitas_data"]],
            customdata=df[["instansi_kode", "perbaiki_dulu"]].to_numpy(),
            hovertemplate="<b>%{y}</b><br>Skor %{x:.1f}<br>%{customdata[1]}<extra></extra>",
        )
    )
    fig.update_xaxes(range=[0, 100], showgrid=True, gridcolor="#eeeeee", title="Skor kualitas data (0-100)")
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(height=max(340, 26 * len(df) + 170), showlegend=False)
    return base_layout(fig, title, subtitle)


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
            colorscale=[[0, "#1f4e89"], [0.125, "#79aee0"], [0.25, "#f2e6c9"], [0.5, "#f2b35c"], [1, "#9e2a16"]],
            text=[["" if pd.isna(v) else f"{v:.0f}" for v in row] for row in z],
            texttemplate="%{text}",
            hovertemplate="<b>%{y}</b><br>%{x}: %{z:.0f} hari sejak unggahan terakhir<extra></extra>",
            colorbar={"title": {"text": "Hari"}, "thickness": 12},
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(height=max(360, 22 * len(matrix) + 170))
    return base_layout(fig, title, subtitle)
