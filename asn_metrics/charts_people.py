"""Figures of people and the workforce: one employee's history, the workforce profile, succession risk."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from asn_metrics.charts import BLUE, ORANGE, PREDIKAT_COLOURS, base_layout
from asn_metrics.reference import PREDIKAT_ORDER


def person_history(history: pd.DataFrame, *, title: str, subtitle: str) -> go.Figure:
    """One employee over the years: predikat as coloured markers on the ladder (left axis), JP as bars (right
    axis). The ladder is the overlaying axis, so its markers are drawn over the bars, never behind them."""
    df = history.sort_values("tahun")
    rated = df[df["predikat"].isin(PREDIKAT_ORDER)]
    fig = go.Figure()
    fig.add_bar(
        x=df["tahun"],
        y=df["jp"],
        name="JP pelatihan",
        marker_color="#d5e3f3",
        hovertemplate="%{x}: %{y:.0f} JP<extra></extra>",
    )
    fig.add_scatter(
        x=rated["tahun"],
        y=rated["predikat"],
        mode="lines+markers",
        name="Predikat",
        yaxis="y2",
        line={"color": "#777777", "width": 1.5},
        marker={"size": 16, "color": [PREDIKAT_COLOURS[p] for p in rated["predikat"]]},
        hovertemplate="%{x}: %{y}<extra></extra>",
    )
    fig.update_layout(
        height=380,
        yaxis={"side": "right", "title": "JP", "showgrid": False, "rangemode": "tozero", "nticks": 6},
        yaxis2={
            "overlaying": "y",
            "side": "left",
            "categoryorder": "array",
            "categoryarray": list(reversed(PREDIKAT_ORDER)),
            "type": "category",
            "range": [-0.5, 4.5],
            "showgrid": True,
            "gridcolor": "#eeeeee",
        },
    )
    fig.update_xaxes(dtick=1, tickformat="d")
    return base_layout(fig, title, subtitle)


def profile_bars(profile: pd.DataFrame, *, title: str, subtitle: str) -> go.Figure:
    """Counts per category of one workforce dimension (columns kategori, jumlah, persen)."""
    fig = go.Figure(
        go.Bar(
            x=profile["kategori"],
            y=profile["jumlah"],
            marker_color=BLUE,
            customdata=profile[["persen"]].to_numpy(),
            hovertemplate="%{x}: %{y:,} pegawai (%{customdata[0]:.1f}%)<extra></extra>",
        )
    )
    fig.update_yaxes(showgrid=True, gridcolor="#eeeeee", title="Pegawai")
    fig.update_layout(height=340, showlegend=False)
    return base_layout(fig, title, subtitle)


def succession_bar(risk: pd.DataFrame, *, title: str, subtitle: str) -> go.Figure:
    """Share of each agency's Sangat Baik/Baik staff who retire within five years (``nama``, ``persen_pensiun``)."""
    df = risk.sort_values("persen_pensiun", ascending=False).head(15)
    fig = go.Figure(
        go.Bar(
            y=df["nama"],
            x=df["persen_pensiun"],
            orientation="h",
            marker_color=ORANGE,
            customdata=df[["instansi_kode", "jumlah_pensiun", "jumlah_sb_baik"]].to_numpy(),
            hovertemplate="<b>%{y}</b><br>%{customdata[1]} dari %{customdata[2]} pegawai terbaik pensiun "
            "(%{x:.1f}%)<extra></extra>",
        )
    )
    fig.update_xaxes(ticksuffix="%", showgrid=True, gridcolor="#eeeeee")
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(height=max(320, 26 * len(df) + 170), showlegend=False)
    return base_layout(fig, title, subtitle)
