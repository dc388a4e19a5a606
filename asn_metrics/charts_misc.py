"""Figures of indicators, data quality, people and the workforce."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from asn_metrics.charts import CAPAIAN_COLOURS, PREDIKAT_COLOURS, base_layout
from asn_metrics.indicators import KATEGORI_CAPAIAN
from asn_metrics.reference import PREDIKAT_ORDER

BLUE, LIGHT, ORANGE = "#1f4e89", "#79aee0", "#e06a2c"


def capaian_bar(agencies: pd.DataFrame, *, title: str, subtitle: str) -> go.Figure:
    """Mean capaian (%) per agency (``nama``), coloured by its category (CAPAIAN_COLOURS), with a 100% line."""
    df = agencies[agencies["capaian_persen"].notna()].sort_values("capaian_persen")
    fig = go.Figure()
    for kategori in KATEGORI_CAPAIAN:
        part = df[df["kategori"] == kategori]
        if part.empty:
            continue
        fig.add_bar(
            y=part["nama"],
            x=part["capaian_persen"],
            orientation="h",
            name=kategori,
            marker_color=CAPAIAN_COLOURS[kategori],
            customdata=part[["instansi_kode", "jumlah_indikator"]].to_numpy(),
            hovertemplate="<b>%{y}</b><br>Capaian %{x:.1f}% (%{customdata[1]} indikator)<extra></extra>",
        )
    fig.add_vline(x=100, line_dash="dash", line_color="#555555")
    fig.update_xaxes(ticksuffix="%", showgrid=True, gridcolor="#eeeeee")
    fig.update_yaxes(categoryorder="array", categoryarray=list(df["nama"]))
    fig.update_layout(height=max(340, 24 * len(df) + 170), barmode="overlay")
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


def person_history(history: pd.DataFrame, *, title: str, subtitle: str) -> go.Figure:
    """One employee over the years: predikat as coloured markers on the ladder, JP as bars (right axis)."""
    df = history.sort_values("tahun")
    rated = df[df["predikat"].isin(PREDIKAT_ORDER)]
    fig = go.Figure()
    fig.add_bar(
        x=df["tahun"],
        y=df["jp"],
        name="JP pelatihan",
        marker_color="#d5e3f3",
        yaxis="y2",
        hovertemplate="%{x}: %{y:.0f} JP<extra></extra>",
    )
    fig.add_scatter(
        x=rated["tahun"],
        y=rated["predikat"],
        mode="lines+markers",
        name="Predikat",
        line={"color": "#777777", "width": 1.5},
        marker={"size": 16, "color": [PREDIKAT_COLOURS[p] for p in rated["predikat"]]},
        hovertemplate="%{x}: %{y}<extra></extra>",
    )
    fig.update_layout(
        height=380,
        yaxis={
            "categoryorder": "array",
            "categoryarray": list(reversed(PREDIKAT_ORDER)),
            "type": "category",
            "range": [-0.5, 4.5],
        },
        yaxis2={"overlaying": "y", "side": "right", "title": "JP", "showgrid": False, "rangemode": "tozero"},
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
