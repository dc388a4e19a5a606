"""Figures of public services: timeliness with Wilson intervals, processing times, monthly trend, seasons, backlog."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from asn_metrics.charts import BLUE, LIGHT, ORANGE, base_layout
from asn_metrics.formatting import format_month, format_number

NAMA_BULAN = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")


def timeliness_bar(frame: pd.DataFrame, *, label: str, title: str, subtitle: str, code: str | None = None) -> go.Figure:
    """Bars of ``persen_tepat_waktu`` per ``label`` with the Wilson interval (``_bawah``/``_atas``) as error bars;
    ``code``: the column of each bar's code, carried for a click to drill down."""
    df = frame[frame["persen_tepat_waktu"].notna()].sort_values("persen_tepat_waktu", ascending=False)
    fig = go.Figure(
        go.Bar(
            x=df[label],
            y=df["persen_tepat_waktu"],
            marker_color=BLUE,
            error_y={
                "type": "data",
                "symmetric": False,
                "array": df["persen_tepat_waktu_atas"] - df["persen_tepat_waktu"],
                "arrayminus": df["persen_tepat_waktu"] - df["persen_tepat_waktu_bawah"],
                "color": "#444444",
                "thickness": 1.2,
            },
            customdata=df[
                ["persen_tepat_waktu_bawah", "persen_tepat_waktu_atas", "dengan_standar", *([code] if code else [])]
            ].to_numpy(dtype=object),
            hovertemplate="<b>%{x}</b><br>Tepat waktu %{y:.1f}% (95%: %{customdata[0]:.1f}-%{customdata[1]:.1f}%)"
            "<br>dari %{customdata[2]:,} layanan selesai<extra></extra>",
            name="Tepat waktu",
        )
    )
    fig.update_yaxes(range=[0, 100], ticksuffix="%", showgrid=True, gridcolor="#eeeeee")
    fig.update_layout(height=420, showlegend=False)
    return base_layout(fig, title, subtitle)


#: The ticks of the processing-time axis (hours, log scale).
LOG_TICKS = (0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000)


def speed_bars(
    speed: pd.DataFrame, *, label: str, title: str, subtitle: str, standard: float | None, code: str | None = None
) -> go.Figure:
    """Median and 90th percentile processing time (hours) per ``label``, with the standard as a line;
    ``code``: the column of each bar's code, carried for a click to drill down."""
    df = speed.sort_values("median_jam")
    codes = df[[code]].to_numpy(dtype=object) if code else None
    fig = go.Figure()
    fig.add_bar(
        x=df[label],
        y=df["median_jam"],
        name="Median",
        marker_color=BLUE,
        customdata=codes,
        hovertemplate="<b>%{x}</b><br>Median %{y:.2f} jam<extra></extra>",
    )
    fig.add_bar(
        x=df[label],
        y=df["p90_jam"],
        name="Persentil ke-90",
        marker_color=LIGHT,
        customdata=codes,
        hovertemplate="<b>%{x}</b><br>90% selesai dalam %{y:.2f} jam<extra></extra>",
    )
    if standard is not None:
        fig.add_hline(y=standard, line_dash="dash", line_color=ORANGE)
        # On a log axis an annotation's y is the logarithm of the value (a shape's is the value itself).
        fig.add_annotation(
            x=0,
            xref="paper",
            xanchor="left",
            y=math.log10(standard),
            yanchor="bottom",
            text=f"standar {format_number(standard, 0 if float(standard).is_integer() else 1)} jam",
            showarrow=False,
            font={"color": ORANGE},
            bgcolor="rgba(255, 255, 255, 0.85)",
        )
    values = pd.concat([df["median_jam"], df["p90_jam"]]).dropna()
    values = values[values > 0]
    ticks = [t for t in LOG_TICKS if values.empty or values.min() / 3 <= t <= values.max() * 3]
    if not values.empty:  # headroom above the longest bar and below the shortest (a log axis has no zero)
        low, high = min(values.min(), standard or values.min()), max(values.max(), standard or values.max())
        fig.update_yaxes(range=[math.log10(low / 1.6), math.log10(high * 1.6)])
    fig.update_yaxes(
        type="log",
        showgrid=True,
        gridcolor="#eeeeee",
        tickvals=ticks,  # every tick with its unit: 1 jam, 2 jam, 5 jam, 10 jam, …
        ticktext=[f"{format_number(t, 0 if float(t).is_integer() else 1)} jam" for t in ticks],
    )
    fig.update_xaxes(tickangle=-30)
    fig.update_layout(barmode="group", height=460)
    base_layout(fig, title, subtitle, legend="bottom")
    fig.update_layout(legend={"y": -0.35}, margin={"b": 60})  # under the slanted service names
    return fig


def monthly_trend(monthly: pd.DataFrame, *, title: str, subtitle: str) -> go.Figure:
    """Applications per month (bars) and the share within standard (line, right axis); Indonesian month labels."""
    df = monthly.sort_values("bulan")
    ticks = df["bulan"].iloc[:: max(1, len(df) // 12)]
    fig = go.Figure()
    fig.add_bar(
        x=df["bulan"],
        y=df["jumlah"],
        name="Permohonan",
        marker_color=LIGHT,
        customdata=[format_month(d.date()) for d in df["bulan"]],
        hovertemplate="%{customdata}: %{y:,} permohonan<extra></extra>",
    )
    fig.add_scatter(
        x=df["bulan"],
        y=df["persen_tepat_waktu"],
        name="Tepat waktu (%)",
        yaxis="y2",
        mode="lines+markers",
        line={"color": BLUE, "width": 2.5},
        customdata=[format_month(d.date()) for d in df["bulan"]],
        hovertemplate="%{customdata}: %{y:.1f}% tepat waktu<extra></extra>",
    )
    fig.update_xaxes(tickvals=list(ticks), ticktext=[format_month(d.date()) for d in ticks])
    fig.update_layout(
        height=440,
        yaxis={"title": "Permohonan", "showgrid": True, "gridcolor": "#eeeeee"},
        yaxis2={
            "title": "Tepat waktu",
            "overlaying": "y",
            "side": "right",
            "range": [0, 100],
            "tickvals": [0, 25, 50, 75, 100],
            "ticksuffix": "%",
            "showgrid": False,
        },
    )
    return base_layout(fig, title, subtitle)


def seasonal_bar(profile: pd.DataFrame, *, title: str, subtitle: str) -> go.Figure:
    """Seasonal index per calendar month (1 = an ordinary month); months above 1.1 stand out in orange."""
    df = profile.sort_values("bulan_ke")
    fig = go.Figure(
        go.Bar(
            x=[NAMA_BULAN[m - 1] for m in df["bulan_ke"]],
            y=df["indeks_musiman"],
            marker_color=[ORANGE if v >= 1.1 else BLUE for v in df["indeks_musiman"]],
            customdata=df[["rata_rata_jumlah"]].to_numpy(),
            hovertemplate="%{x}: indeks %{y:.2f}<br>rata-rata %{customdata[0]:,.0f} permohonan<extra></extra>",
        )
    )
    fig.add_hline(y=1, line_color="#555555", line_dash="dot")
    fig.update_yaxes(showgrid=True, gridcolor="#eeeeee", title="Indeks musiman")
    fig.update_layout(height=380, showlegend=False)
    return base_layout(fig, title, subtitle)


def backlog_bar(backlog: pd.DataFrame, *, label: str, title: str, subtitle: str) -> go.Figure:
    """Open applications per ``label`` with their median age in the hover."""
    df = backlog[backlog["terbuka"] > 0].sort_values("terbuka", ascending=False).head(15)
    fig = go.Figure(
        go.Bar(
            x=df[label],
            y=df["terbuka"],
            marker_color=ORANGE,
            customdata=df[["umur_median_hari", "umur_maks_hari"]].to_numpy(),
            hovertemplate="<b>%{x}</b><br>%{y:,} terbuka; umur median %{customdata[0]:.1f} hari, "
            "terlama %{customdata[1]:.0f} hari<extra></extra>",
        )
    )
    fig.update_yaxes(showgrid=True, gridcolor="#eeeeee", title="Permohonan terbuka")
    fig.update_xaxes(tickangle=-30)
    fig.update_layout(height=400, showlegend=False)
    return base_layout(fig, title, subtitle)
