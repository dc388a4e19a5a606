"""Drill-down: a selected bar, map region or table row becomes the global wilayah or instansi filter."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal

import streamlit as st

from asn_metrics.filters import Filters
from asn_metrics.ui.sidebar import ALL

Level = Literal["wilayah", "instansi"]

_KEYS: dict[Level, str] = {"wilayah": "f_wilayah", "instansi": "f_instansi"}


def code_from_points(points: Sequence[Mapping[str, Any]]) -> str | None:
    """The code of the first selected Plotly point: the first text in its ``customdata`` (figure builders put
    the code there, beside the numbers of the hover), else its ``location`` (choropleth maps); None when
    nothing usable is selected."""
    for point in points:
        custom = point.get("customdata")
        items = custom if isinstance(custom, list | tuple) else [custom]
        for item in items:
            if isinstance(item, str) and item:
                return item
        location = point.get("location")
        if isinstance(location, str) and location:
            return location
    return None


def code_from_rows(rows: Sequence[int], codes: Sequence[str]) -> str | None:
    """The code of the first selected table row (positions index ``codes``); None when out of range or empty."""
    for row in rows:
        if 0 <= row < len(codes):
            return str(codes[row])
    return None


def filter_change(level: Level, code: str | None, current: Filters) -> dict[str, str]:
    """Session-state changes that move the global filters to ``code`` at ``level`` (empty: nothing to do).

    Choosing a region clears the agency (it may lie elsewhere); choosing the current value changes nothing.
    """
    if not code or getattr(current, level) == code:
        return {}
    change = {_KEYS[level]: code}
    if level == "wilayah":
        change[_KEYS["instansi"]] = ALL
    return change


def _apply(change: Mapping[str, str]) -> None:
    for key, value in change.items():
        st.session_state[key] = value


def on_chart_select(level: Level, chart_key: str) -> Callable[[], None]:
    """A callback for ``st.plotly_chart(on_select=…)``: runs before the rerun, so the sidebar widgets accept it."""

    def callback() -> None:
        event = st.session_state.get(chart_key)
        points = event["selection"]["points"] if event else []
        _apply(filter_change(level, code_from_points(points), st.session_state["filters"]))

    return callback


def on_chart_pick(state_key: str, chart_key: str) -> Callable[[], None]:
    """A callback for ``st.plotly_chart(on_select=…)`` that keeps the selected point's code in
    ``st.session_state[state_key]`` (a choice of the page itself, e.g. one service, not a global filter)."""

    def callback() -> None:
        event = st.session_state.get(chart_key)
        code = code_from_points(event["selection"]["points"] if event else [])
        if code:
            st.session_state[state_key] = code

    return callback


def on_row_select(level: Level, table_key: str, codes: Sequence[str]) -> Callable[[], None]:
    """A callback for ``st.dataframe(on_select=…)`` whose displayed rows correspond to ``codes``."""
    frozen = list(codes)

    def callback() -> None:
        event = st.session_state.get(table_key)
        rows = event["selection"]["rows"] if event else []
        _apply(filter_change(level, code_from_rows(rows, frozen), st.session_state["filters"]))

    return callback


def back_buttons(filters: Filters) -> None:
    """A visible way back up: "← Kembali ke semua instansi / wilayah" when a drill-down is active."""
    if filters.instansi:
        st.button(
            "← Kembali ke semua instansi", on_click=_apply, args=({_KEYS["instansi"]: ALL},), key="kembali_instansi"
        )
    elif filters.wilayah:
        st.button(
            "← Kembali ke semua wilayah",
            on_click=_apply,
            args=({_KEYS["wilayah"]: ALL, _KEYS["instansi"]: ALL},),
            key="kembali_wilayah",
        )
