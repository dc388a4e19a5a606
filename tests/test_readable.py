"""Every page as a person reads it (issue 19 item 4): no None, nan, NaT, code or snake_case anywhere they read.

Each page of the demo is opened with every lazy tab in turn; the walk collects what the page shows (tables
with their headers and cells, text, metrics, the titles, axes, ticks and legends of its charts) and fails on a
placeholder, a raw column name or a period code, naming where it is.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from asn_metrics.reference import KINDS
from asn_metrics.views import pengembangan
from tests.test_app import ROOT, app  # noqa: F401  (the fixture)

#: Page → (session key of its lazy tabs, the tabs) (``st.tabs(..., key=..., on_change="rerun")``).
LAZY_TABS = {
    "kinerja_pegawai": ("tab_pegawai", ["Cari pegawai", "Daftar pegawai", "Profil & pensiun"]),
    "pengembangan": ("daftar_tindak_lanjut", [title for title, _ in pengembangan.LISTS]),
}
#: Widgets filled in before a (page, tab) is read, so that what they open is read too (a search's results and
#: the person it opens).
FILLED = {("kinerja_pegawai", "Cari pegawai"): {"cari_pegawai": "Siti"}}
#: Every page of the app (its file under app_pages/).
PAGES = sorted(path.stem for path in (ROOT / "app_pages").glob("*.py"))

PLACEHOLDERS = re.compile(r"(?<![\w-])(None|nan|NaN|NaT|<NA>|null|undefined)(?![\w-])")
SNAKE = re.compile(r"(?<![/\w`])[a-z][a-z0-9]*_[a-z0-9_]+\b(?!`)")
PERIOD_CODE = re.compile(r"\b(19|20)\d\d (b\d{1,2}|tw[1-4])\b")
INTERNAL = re.compile(r"DOMAIN\.md|DATA_FORMATS\.md|Traceback")
#: A header a person reads starts with a capital or a digit; all lower-case is a column name (``nip``).
RAW_HEADER = re.compile(r"^[a-z0-9_]+$")


def _texts(at: AppTest) -> Iterator[tuple[str, str]]:
    """(where, text) of everything the page shows."""
    for kind in ("markdown", "caption", "title", "header", "subheader", "info", "warning", "success", "error"):
        for element in at.get(kind):
            yield kind, str(element.value)
    for metric in at.metric:
        yield "metric", f"{metric.label} {metric.value} {metric.proto.delta or ''}"
    for frame in at.dataframe:
        value: pd.DataFrame = frame.value
        for column in value.columns:
            yield "table header", str(column)
        assert value.columns.is_unique, f"a table with doubled headers: {list(value.columns)}"
        for column in value.columns:
            for cell in value[column].head(200).tolist():
                yield f"table {column!r}", "None" if cell is None else str(cell)
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        layout = spec.get("layout", {})
        yield "chart title", _title(layout.get("title"))
        for key, axis in layout.items():
            if key.startswith(("xaxis", "yaxis")) and isinstance(axis, dict):
                yield f"chart {key}", _title(axis.get("title"))
                for tick in axis.get("ticktext", []) or []:
                    yield f"chart {key} tick", str(tick)
        for trace in spec.get("data", []):
            yield "chart legend", str(trace.get("name") or "")
            for axis in ("x", "y"):
                values = trace.get(axis)
                if isinstance(values, list) and values and all(isinstance(v, str) for v in values):
                    for value in values[:200]:
                        yield f"chart {axis} category", value


def _title(title: object) -> str:
    if isinstance(title, dict):
        subtitle = title.get("subtitle")
        below = str(subtitle.get("text") or "") if isinstance(subtitle, dict) else ""
        return f"{title.get('text') or ''} {below}".strip()
    return str(title or "")


def problems(at: AppTest) -> list[str]:
    found = []
    for where, text in _texts(at):
        plain = re.sub(r"<[^>]+>", " ", text)  # Plotly titles hold <br> and <span>
        if PLACEHOLDERS.search(plain):
            found.append(f"{where}: placeholder in {text[:120]!r}")
        if PERIOD_CODE.search(plain):
            found.append(f"{where}: period code in {text[:120]!r}")
        if INTERNAL.search(plain):
            found.append(f"{where}: internal reference in {text[:120]!r}")
        if where.startswith("chart") and text in KINDS:
            found.append(f"{where}: the upload kind's code {text!r} instead of its name")
        if where == "table header" and RAW_HEADER.match(text):
            found.append(f"table header {text!r} is a column name")
        elif where != "table header" and not where.startswith("table ") and SNAKE.search(plain):
            found.append(f"{where}: snake_case in {text[:120]!r}")
    return found


def _states(page: str) -> list[str | None]:
    return LAZY_TABS[page][1] if page in LAZY_TABS else [None]


@pytest.mark.parametrize(
    ("page", "tab"), [(p, t) for p in PAGES for t in _states(p)], ids=[f"{p}-{t}" for p in PAGES for t in _states(p)]
)
def test_a_page_shows_nothing_a_person_cannot_read(app: AppTest, page: str, tab: str | None) -> None:  # noqa: F811
    if tab is not None:
        app.session_state[LAZY_TABS[page][0]] = tab
    for key, value in FILLED.get((page, tab), {}).items():
        app.session_state[key] = value
    app.run()
    app.switch_page(f"app_pages/{page}.py")
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    found = problems(app)
    assert not found, "\n".join(dict.fromkeys(found))


def test_the_walk_finds_what_it_looks_for() -> None:
    # The checks themselves: each kind of unreadable text is caught, readable text is not.
    assert PLACEHOLDERS.search("Nilai: None") and PLACEHOLDERS.search("nan %") and not PLACEHOLDERS.search("Nanas")
    assert SNAKE.search("instansi_nama") and not SNAKE.search("Nama instansi")
    assert PERIOD_CODE.search("Desember (2025 b12)") and not PERIOD_CODE.search("Desember 2025")
    assert RAW_HEADER.match("nip") and RAW_HEADER.match("baris_tetap") and not RAW_HEADER.match("NIP")
