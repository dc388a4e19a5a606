"""The map of Bengkulu's ten kabupaten/kota, coloured by one indicator (tile-free, works offline)."""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from asn_metrics.charts import base_layout

GEOJSON_PATH = Path(__file__).resolve().parent.parent / "data" / "bengkulu_kabkota.geojson"
#: The ordered palette of charts.py as a continuous scale: worst (orange-red) → neutral → best (dark blue).
SCALE_GOOD_HIGH: list[list[Any]] = [
    [0.0, "#9e2a16"],
    [0.25, "#f2b35c"],
    [0.5, "#e6e6e6"],
    [0.75, "#79aee0"],
    [1.0, "#1f4e89"],
]
MAP_HEIGHT = 560


@lru_cache(maxsize=2)
def load_geojson(path: str = str(GEOJSON_PATH)) -> dict[str, Any]:
    """The kabupaten/kota boundaries (features with properties kode, nama)."""
    with Path(path).open(encoding="utf-8") as handle:
        result: dict[str, Any] = json.load(handle)
    return result


def _points(geometry: dict[str, Any]) -> list[tuple[float, float]]:
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    rings = [ring for polygon in polygons for ring in polygon]
    return [(float(x), float(y)) for ring in rings for x, y in ring]


def view_of(geojson: dict[str, Any], height: int = MAP_HEIGHT, width: int = 720) -> tuple[dict[str, float], float]:
    """Centre and zoom that fit every feature of ``geojson`` into a ``width`` × ``height`` map (Web Mercator)."""
    points = [p for feature in geojson["features"] for p in _points(feature["geometry"])]
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    lon_span, lat_span = max(lons) - min(lons), max(lats) - min(lats)
    fit = min(360 * width / (512 * lon_span * 1.1), 360 * height / (512 * lat_span * 1.1))
    centre = {"lon": (max(lons) + min(lons)) / 2, "lat": (max(lats) + min(lats)) / 2}
    return centre, math.log2(fit)


def region_map(
    values: pd.DataFrame,
    *,
    title: str,
    subtitle: str,
    label: str,
    suffix: str = "",
    decimals: int = 1,
    value_range: tuple[float, float] | None = None,
) -> go.Figure:
    """A choropleth of ``values`` (columns wilayah_kode, nama, nilai, optional jumlah) on the kabupaten/kota
    boundaries; regions without a value stay grey. The region code is each point's customdata (drill-down)."""
    geojson = load_geojson()
    names = {f["properties"]["kode"]: f["properties"]["nama"] for f in geojson["features"]}
    frame = pd.DataFrame({"wilayah_kode": list(names), "nama": list(names.values())})
    frame = frame.merge(values[["wilayah_kode", "nilai", *(["jumlah"] if "jumlah" in values else [])]], how="left")
    known = frame[frame["nilai"].notna()]
    missing = frame[frame["nilai"].isna()]
    fig = go.Figure()
    if not missing.empty:
        fig.add_trace(
            go.Choroplethmap(
                geojson=geojson,
                featureidkey="properties.kode",
                locations=missing["wilayah_kode"],
                z=[0] * len(missing),
                colorscale=[[0, "#f4f4f4"], [1, "#f4f4f4"]],
                showscale=False,
                customdata=missing[["wilayah_kode", "nama"]],
                hovertemplate="<b>%{customdata[1]}</b><br>Belum ada data<extra></extra>",
                marker_line_color="#ffffff",
                marker_line_width=1,
                name="Belum ada data",
            )
        )
    counts = known["jumlah"] if "jumlah" in known else pd.Series([None] * len(known), index=known.index)
    fmt = f"%{{z:,.{decimals}f}}{suffix}"
    fig.add_trace(
        go.Choroplethmap(
            geojson=geojson,
            featureidkey="properties.kode",
            locations=known["wilayah_kode"],
            z=known["nilai"],
            zmin=value_range[0] if value_range else None,
            zmax=value_range[1] if value_range else None,
            colorscale=SCALE_GOOD_HIGH,
            customdata=pd.DataFrame({"k": known["wilayah_kode"], "n": known["nama"], "j": counts}).to_numpy(),
            hovertemplate=f"<b>%{{customdata[1]}}</b><br>{label}: {fmt}<br>dasar: %{{customdata[2]:,}}<extra></extra>",
            marker_line_color="#ffffff",
            marker_line_width=1.5,
            # The title above the bar: at its side a long label ran past the chart's right edge ("Predik…").
            colorbar={"title": {"text": label, "side": "top"}, "ticksuffix": suffix, "thickness": 14},
            name=label,
        )
    )
    centre, zoom = view_of(geojson)
    fig.update_layout(
        map={"style": "white-bg", "center": centre, "zoom": zoom},
        height=MAP_HEIGHT,
        showlegend=False,
    )
    base_layout(fig, title, subtitle)
    fig.update_layout(margin={"l": 0, "r": 0, "b": 0})
    return fig
