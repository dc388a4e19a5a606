"""Figures of citizen satisfaction and complaints: IKM with mutu colours, element profile, funnel, channels."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from asn_metrics.charts import MUTU_COLOURS, base_layout, score_range

BLUE, ORANGE, GREY = "#1f4e89", "#e06a2c", "#bdbdbd"
#: IKM band bounds (DOMAIN.md §2), drawn as guides.
MUTU_BOUNDS = ((65.0, "C"), (76.61, "B"), (88.31, "A"))


def ikm_dots(table: pd.DataFrame, *, title: str, subtitle: str) -> go.Figure:
    """IKM per unit (``nama``, code in ``instansi_kode``) as a ranked dot plot coloured by mutu, with the
    interval as a line; the axis starts near the lowest interval (dots, so no bar is cut short). Units with too
    few respondents (``kurang_sampel``) are drawn faded."""
    df = table[table["ikm"].notna()].sort_values("ikm", ascending=True)
    small = df["kurang_sampel"].astype(bool) if "kurang_sampel" in df else pd.Series(False, index=df.index)
    fig = go.Figure()
    for mutu, colour in MUTU_COLOURS.items():
        part = df[df["mutu"] == mutu]
        if part.empty:
            continue
        faded = small[part.index]
        fig.add_scatter(
            y=part["nama"],
            x=part["ikm"],
            mode="markers",
            name=f"Mutu {mutu}",
            marker={"size": 13, "color": colour, "opacity": [0.45 if f else 1.0 for f in faded]},
            error_x={
                "type": "data",
                "symmetric": False,
                "array": (part["ikm_atas"] - part["ikm"]).clip(lower=0),
                "arrayminus": (part["ikm"] - part["ikm_bawah"]).clip(lower=0),
                "color": "#444444",
                "thickness": 1.5,
                "width": 4,
            },
            customdata=pd.DataFrame(
                {"k": part["instansi_kode"], "r": part["responden"], "lo": part["ikm_bawah"], "hi": part["ikm_atas"]}
            ).to_numpy(),
            hovertemplate="<b>%{y}</b><br>IKM %{x:.2f} (95%: %{customdata[2]:.2f}-%{customdata[3]:.2f})"
            "<br>%{customdata[1]:,} responden<extra></extra>",
        )
    lows = pd.concat([df["ikm"], df["ikm_bawah"]])
    fig.update_xaxes(range=score_range(lows), showgrid=True, gridcolor="#e6e6e6", title="IKM")
    fig.update_yaxes(categoryorder="array", categoryarray=list(df["nama"]), showgrid=True, gridcolor="#f2f2f2")
    fig.update_layout(height=max(340, 26 * len(df) + 170))
    return base_layout(fig, title, subtitle)


def element_profile(priorities: pd.DataFrame, *, title: str, subtitle: str, weakest: int = 3) -> go.Figure:
    """NRR per element (columns unsur, nama_unsur, nrr, prioritas), the ``weakest`` in orange."""
    df = priorities.sort_values("nrr")
    fig = go.Figure(
        go.Bar(
            y=[f"{u.upper()} {n}" for u, n in zip(df["unsur"], df["nama_unsur"], strict=True)],
            x=df["nrr"],
            orientation="h",
            marker_color=[ORANGE if p <= weakest else BLUE for p in df["prioritas"]],
            hovertemplate="<b>%{y}</b><br>NRR %{x:.2f}<extra></extra>",
        )
    )
    fig.update_xaxes(range=[1, 4], showgrid=True, gridcolor="#eeeeee", title="NRR (1-4)")
    fig.update_layout(height=420, showlegend=False)
    return base_layout(fig, title, subtitle)


def funnel(stages: pd.DataFrame, *, title: str, subtitle: str) -> go.Figure:
    """The complaint funnel masuk → ditanggapi → selesai (columns tahap, jumlah, persen_dari_masuk)."""
    labels = {"masuk": "Masuk", "ditanggapi": "Ditanggapi", "selesai": "Selesai"}
    fig = go.Figure(
        go.Funnel(
            y=[labels.get(t, t) for t in stages["tahap"]],
            x=stages["jumlah"],
            customdata=stages[["persen_dari_masuk"]].to_numpy(),
            texttemplate="%{x:,} (%{customdata[0]:.1f}%)",
            marker={"color": [BLUE, "#79aee0", "#a9c4e4"]},
            hovertemplate="%{y}: %{x:,} pengaduan (%{customdata[0]:.1f}% dari masuk)<extra></extra>",
        )
    )
    fig.update_layout(height=340, showlegend=False)
    return base_layout(fig, title, subtitle)


def channel_timeliness(metrics: pd.DataFrame, *, title: str, subtitle: str) -> go.Figure:
    """Share answered within 5 working days per channel (``kanal_label``) as dots with Wilson intervals, the
    axis from near the lowest interval to 100%."""
    df = metrics[metrics["persen_ditanggapi_5_hari"].notna()].sort_values("persen_ditanggapi_5_hari")
    fig = go.Figure(
        go.Scatter(
            y=df["kanal_label"],
            x=df["persen_ditanggapi_5_hari"],
            mode="markers",
            marker={"size": 13, "color": BLUE},
            error_x={
                "type": "data",
                "symmetric": False,
                "array": df["persen_ditanggapi_5_hari_atas"] - df["persen_ditanggapi_5_hari"],
                "arrayminus": df["persen_ditanggapi_5_hari"] - df["persen_ditanggapi_5_hari_bawah"],
                "color": "#444444",
                "thickness": 1.5,
                "width": 4,
            },
            customdata=df[["jumlah", "median_hari_tanggapan"]].to_numpy(),
            hovertemplate="<b>%{y}</b><br>%{x:.1f}% ditanggapi ≤ 5 hari kerja<br>%{customdata[0]:,} pengaduan, "
            "median %{customdata[1]:.0f} hari kerja<extra></extra>",
        )
    )
    lows = pd.concat([df["persen_ditanggapi_5_hari"], df["persen_ditanggapi_5_hari_bawah"]])
    fig.update_xaxes(range=score_range(lows), ticksuffix="%", showgrid=True, gridcolor="#e6e6e6")
    fig.update_yaxes(showgrid=True, gridcolor="#f2f2f2")
    fig.update_layout(height=340, showlegend=False)
    return base_layout(fig, title, subtitle)
