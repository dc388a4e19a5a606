"""The meeting's story as an offline report and as spreadsheets (issue 16 item 5).

``html_text``: one self-contained file (plotly.js inlined once, no request to any server), printable on A4 with
one slide per page. ``xlsx_bytes``: the table behind each slide on its own sheet, every cell that would start a
formula neutralised (``cell_safety``, through ``downloads.xlsx_book``)."""

from __future__ import annotations

import html
import re

import pandas as pd

from asn_metrics.charts_slides import slide_figure
from asn_metrics.downloads import xlsx_book
from asn_metrics.views.presentasi import Deck

_STYLE = """
body { font-family: "Source Sans Pro", Arial, sans-serif; color: #2b2b2b; margin: 0 auto; max-width: 1100px; }
header, section { padding: 24px 32px; }
h1 { font-size: 34px; margin: 0 0 8px; } h2 { font-size: 26px; margin: 0 0 12px; }
p { font-size: 18px; line-height: 1.45; margin: 0 0 8px; } .muted { color: #5f5f5f; font-size: 14px; }
.big { font-size: 56px; font-weight: 700; color: #1f5fa8; margin: 8px 0 16px; }
.demo { background: #fff8e1; color: #7a5a00; padding: 8px 12px; border-radius: 6px; }
section { border-top: 1px solid #ddd; }
@page { size: A4 landscape; margin: 12mm; }
@media print { section { page-break-after: always; border: 0; } header { page-break-after: always; } }
"""
#: What the file may not hold: an address a browser would fetch (scripts, styles, images, frames).
FETCHED = re.compile(r"""<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=\s*["']?(https?:)?//""", re.IGNORECASE)


def html_text(deck: Deck) -> str:
    """The deck as one HTML page that needs no network."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="id"><head><meta charset="utf-8">',
        f"<title>{html.escape(deck.title)}</title><style>{_STYLE}</style></head><body>",
        f"<header><h1>{html.escape(deck.title)}</h1><p>{html.escape(deck.subtitle)}</p>",
        f'<p class="muted">{html.escape(deck.footer)}</p>',
    ]
    if deck.demo:
        parts.append('<p class="demo"><b>Data demo — bukan data resmi.</b> Semua nama dan angka dibangkitkan acak.</p>')
    parts.append("</header>")
    first_chart = True
    for slide in deck.slides:
        parts.append(f'<section id="{html.escape(slide.key)}"><h2>{html.escape(slide.title)}</h2>')
        if slide.big:
            parts.append(f'<div class="big">{html.escape(slide.big)}</div>')
        parts += [f"<p>{html.escape(s)}</p>" for s in slide.sentences]
        if slide.chart is not None:
            figure = slide_figure(slide.chart, height=520)
            parts.append(
                figure.to_html(
                    full_html=False,
                    include_plotlyjs=first_chart,  # inlined once: the file opens without internet
                    config={"displaylogo": False, "responsive": True},
                )
            )
            first_chart = False
        parts.append(f'<p class="muted">{html.escape(deck.footer)}</p></section>')
    parts.append("</body></html>")
    return "\n".join(parts)


def xlsx_bytes(deck: Deck) -> bytes:
    """The tables behind the slides, one sheet each (named after the slide), with a cover sheet."""
    cover = pd.DataFrame(
        {"Laporan": [deck.title, deck.subtitle, deck.footer, "Data demo — bukan data resmi" if deck.demo else ""]}
    )
    sheets = {"Ringkasan": cover}
    for slide in deck.slides:
        if slide.table is not None and not slide.table.empty:
            sheets[slide.title[:31]] = slide.table
    return xlsx_book(sheets)
