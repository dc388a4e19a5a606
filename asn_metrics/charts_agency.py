"""Figures of agencies: the scorecard with its noise, the movers, trends across years and the inflation check."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from asn_metrics import charts
from asn_metrics.charts import PREDIKAT_COLOURS, base_layout

BEST, WORST, NEUTRAL, FADED = "#1f4e89", "#e06a2c", "#bdbdbd", "#a9c4e4"
TREND_COLOURS = ("#1f4e89", "#e06a2c", "#79aee0", "#9e2a16", "#6b6b6b", "#f2b35c", "#3c8dbc", "#b3531f")


PART_SCALE = [[0, "#9e2a16"], [0.5, "#f2b35c"], [0.7, "#f2e6c9"], [0.85, "#79aee0"], [1, "#1f4e89"]]


def _height(rows: int) -> int:
    return max(320, 30 * rows + 170)


def scorecard_dots(card: pd.DataFrame, *, title: str, subtitle: str) -> go.Figure:
    """A ranked dot plot of ``skor`` (0-100) per agency (column ``nama``, code in ``instansi_kode``) with the
    score's interval as a line; dots whose gap to the one above is within the noise are drawn faded. Dots, not
    bars: the axis starts near the lowest interval, so scores between 85 and 100 are told apart."""
    df = card[card["skor"].notna()]
    faded = df["dalam_batas_ketidakpastian"].astype(bool)
    fig = go.Figure(
        go.Scatter(
            y=df["nama"],
            x=df["skor"],
            mode="markers",
            marker={"size": 13, "color": [FADED if f else BEST for f in faded], "line": {"color": BEST, "width": 1.5}},
            error_x={
                "type": "data",
                "symmetric": False,
                "array": (df["skor_atas"] - df["skor"]).clip(lower=0),
                "arrayminus": (df["skor"] - df["skor_bawah"]).clip(lower=0),
                "color": "#555555",
                "thickness": 1.5,
                "width": 4,
            },
            customdata=pd.DataFrame(
                {"k": df["instansi_kode"], "p": df["peringkat"].astype("float"), "b": df["bagian_tersedia"]}
            ).to_numpy(),
            hovertemplate="<b>%{y}</b><br>Skor %{x:.1f} (peringkat %{customdata[1]:.0f}, "
            "%{customdata[2]} bagian)<extra></extra>",
            name="Skor",
        )
    )
    fig.update_layout(height=_height(len(df)), showlegend=False)
    lows = pd.concat([df["skor"], df["skor_bawah"]])
    fig.update_xaxes(range=charts.score_range(lows), showgrid=True, gridcolor="#e6e6e6", title="Skor (0-100)")
    fig.update_yaxes(autorange="reversed", showgrid=True, gridcolor="#f2f2f2")
    return base_layout(fig, title, subtitle)


def movers_bar(movers: pd.DataFrame, *, title: str, subtitle: str) -> go.Figure:
    """Diverging bars of ``perubahan`` (percentage points) per agency ``nama``: up in blue, down in orange."""
    df = movers.sort_values("perubahan", ascending=True)
    fig = go.Figure(
        go.Bar(
            y=df["nama"],
            x=df["perubahan"],
            orientation="h",
            marker_color=[BEST if v > 0 else WORST for v in df["perubahan"]],
            customdata=df[["instansi_kode", "persen_sebelumnya", "persen"]].to_numpy(),
            hovertemplate="<b>%{y}</b><br>%{customdata[1]:.1f}% → %{customdata[2]:.1f}% "
            "(%{x:+.1f} poin)<extra></extra>",
            name="Perubahan",
        )
    )
    fig.update_layout(height=_height(len(df)) + 20, showlegend=False)
    fig.update_xaxes(ticksuffix=" poin", zeroline=True, zerolinecolor="#888888", showgrid=True, gridcolor="#eeeeee")
    return base_layout(fig, title, subtitle)


def trend_lines(trend: pd.DataFrame, *, title: str, subtitle: str, value: str = "persen_baik_ke_atas") -> go.Figure:
    """One line per ``nama`` across ``tahun`` of ``value`` (percent)."""
    fig = go.Figure()
    for i, (name, part) in enumerate(trend.groupby("nama", sort=False)):
        fig.add_scatter(
            x=part["tahun"],
            y=part[value],
            mode="lines+markers",
            name=str(name),
            line={"color": TREND_COLOURS[i % len(TREND_COLOURS)], "width": 2.5},
            hovertemplate=f"<b>{name}</b><br>%{{x}}: %{{y:.1f}}%<extra></extra>",
        )
    fig.update_xaxes(dtick=1, tickformat="d", title=None)
    fig.update_yaxes(ticksuffix="%", showgrid=True, gridcolor="#eeeeee", title=None)
    fig.update_layout(height=460)
    base_layout(fig, title, subtitle, legend="bottom")  # long agency names: rows of legend under the lines
    fig.update_layout(legend={"y": -0.15})
    return fig


def inflation_bar(flags: pd.DataFrame, *, threshold: float, title: str, subtitle: str) -> go.Figure:
    """Share Sangat Baik per agency (``nama``, ``persen_sangat_baik``, ``inflasi``) against the curve's bound."""
    df = flags.sort_values("persen_sangat_baik", ascending=False)
    fig = go.Figure(
        go.Bar(
            y=df["nama"],
            x=df["persen_sangat_baik"],
            orientation="h",
            marker_color=[
                PREDIKAT_COLOURS["Kurang/Misconduct"] if f else PREDIKAT_COLOURS["Baik"] for f in df["inflasi"]
            ],
            customdata=df[["instansi_kode", "jumlah"]].to_numpy(),
            hovertemplate="<b>%{y}</b><br>Sangat Baik %{x:.1f}% dari %{customdata[1]} pegawai<extra></extra>",
            name="Sangat Baik",
        )
    )
    fig.add_vline(x=threshold, line_dash="dash", line_color="#333333")
    # The line's name above the plot, in ink, where no bar can cover it.
    fig.add_annotation(
        x=threshold,
        y=1,
        yref="paper",
        yanchor="bottom",
        text=f"batas kurva {threshold:.0f}%",
        showarrow=False,
        font={"color": charts.INK, "size": 13},
    )
    fig.update_xaxes(range=[0, 100.5], ticksuffix="%", showgrid=True, gridcolor="#eeeeee")
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(height=_height(len(df)), showlegend=False)
    return base_layout(fig, title, subtitle)


def parts_heatmap(card: pd.DataFrame, parts: dict[str, str], *, title: str, subtitle: str) -> go.Figure:
    """Agency × part scores (0-100) as a heatmap; ``parts`` maps score columns to their labels."""
    z = card[list(parts)].to_numpy(dtype=float)
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=list(parts.values()),
            y=card["nama"],
            zmin=0,
            zmax=100,
            # Distinct hues all the way (a blend of cream and dark blue is a grey on which no text reads):
            # orange below 50, cream near 70, light then dark blue towards 100.
            colorscale=PART_SCALE,
            hovertemplate="<b>%{y}</b><br>%{x}: %{z:.1f}<extra></extra>",
            colorbar={"title": {"text": "Skor"}, "thickness": 12},
        )
    )
    text = [[("–" if pd.isna(v) else f"{v:.0f}") for v in row] for row in z]
    charts.add_cell_labels(fig, z, list(parts.values()), list(card["nama"]), text, PART_SCALE, 100.0)
    fig.update_yaxes(autorange="reversed")
    fig = base_layout(fig, title, subtitle)
    # The part names above the columns, where a long list is read from (not 25 rows below); the title's margin
    # grows by the labels' height so they do not sit on the subtitle.
    fig.update_xaxes(side="top")
    fig.update_layout(height=_height(len(card)) + 30, margin={"t": fig.layout.margin.t + 30})
    return fig
