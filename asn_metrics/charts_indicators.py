"""Figures of agency indicators (LKjIP): capaian per agency, target against realisasi."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from asn_metrics.charts import CAPAIAN_COLOURS, INK, base_layout, score_range
from asn_metrics.indicators import KATEGORI_CAPAIAN


def capaian_dots(agencies: pd.DataFrame, *, title: str, subtitle: str) -> go.Figure:
    """Mean capaian (%) per agency (``nama``) as a ranked dot plot coloured by its category (CAPAIAN_COLOURS),
    with a 100% line; the axis starts near the lowest capaian, so values between 85% and 100% are told apart."""
    df = agencies[agencies["capaian_persen"].notna()].sort_values("capaian_persen")
    fig = go.Figure()
    for kategori in KATEGORI_CAPAIAN:
        part = df[df["kategori"] == kategori]
        if part.empty:
            continue
        fig.add_scatter(
            y=part["nama"],
            x=part["capaian_persen"],
            mode="markers",
            name=kategori,
            marker={"size": 13, "color": CAPAIAN_COLOURS[kategori]},
            customdata=part[["instansi_kode", "jumlah_indikator"]].to_numpy(),
            hovertemplate="<b>%{y}</b><br>Capaian %{x:.1f}% (%{customdata[1]} indikator)<extra></extra>",
        )
    fig.add_vline(x=100, line_dash="dash", line_color="#555555")
    fig.add_annotation(
        x=100, y=1, yref="paper", yanchor="bottom", text="target 100%", showarrow=False, font={"color": INK, "size": 13}
    )
    values = df["capaian_persen"]
    ceiling = max(100.0, float(values.max())) if len(values) else 100.0
    fig.update_xaxes(range=score_range(values, ceiling), ticksuffix="%", showgrid=True, gridcolor="#e6e6e6")
    fig.update_yaxes(categoryorder="array", categoryarray=list(df["nama"]), showgrid=True, gridcolor="#f2f2f2")
    fig.update_layout(height=max(340, 24 * len(df) + 170))
    return base_layout(fig, title, subtitle)


def target_vs_realisasi(rows: pd.DataFrame, *, title: str, subtitle: str) -> go.Figure:
    """Target and realisasi side by side per indicator (``label``), realisasi coloured by capaian category."""
    fig = go.Figure()
    fig.add_bar(
        y=rows["label"],
        x=rows["target"],
        name="Target",
        orientation="h",
        marker_color="#d0d0d0",
        hovertemplate="<b>%{y}</b><br>Target %{x:,.2f}<extra></extra>",
    )
    fig.add_bar(
        y=rows["label"],
        x=rows["realisasi"],
        name="Realisasi",
        orientation="h",
        marker_color=[CAPAIAN_COLOURS.get(k, "#999999") for k in rows["kategori"]],
        customdata=rows[["capaian_persen", "kategori"]].to_numpy(),
        hovertemplate="<b>%{y}</b><br>Realisasi %{x:,.2f}<br>Capaian %{customdata[0]:.1f}% "
        "(%{customdata[1]})<extra></extra>",
    )
    fig.update_layout(barmode="group", height=max(340, 48 * len(rows) + 170))
    fig.update_yaxes(autorange="reversed")
    return base_layout(fig, title, subtitle)
