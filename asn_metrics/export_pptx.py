"""The meeting's deck as PowerPoint (issue 16 item 4): 16:9, one slide per story slide, native charts (python-pptx
chart objects a presenter can restyle and whose data PowerPoint shows), the map as a picture (Plotly through
Chromium), the narrative on the slide and in the speaker notes, and a footer with the data's date and source."""

from __future__ import annotations

import io
import logging
from typing import Any

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
from pptx.presentation import Presentation as PresentationFile
from pptx.slide import Slide as PptxSlide
from pptx.util import Emu, Inches, Pt

from asn_metrics.views.presentasi import Deck, Slide, SlideChart

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
INK = RGBColor(0x2B, 0x2B, 0x2B)
MUTED = RGBColor(0x5F, 0x5F, 0x5F)
BLUE = RGBColor(0x1F, 0x5F, 0xA8)
DEMO = "Data demo — bukan data resmi"
MARGIN = Inches(0.6)


def _text(
    slide: PptxSlide, text: str, left: int, top: int, width: int, height: int, size: int, **style: object
) -> None:
    frame = slide.shapes.add_textbox(Emu(left), Emu(top), Emu(width), Emu(height)).text_frame
    frame.word_wrap = True
    for i, line in enumerate(text.split("\n")):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.text = line
        paragraph.font.size = Pt(size)
        paragraph.font.bold = bool(style.get("bold"))
        paragraph.font.color.rgb = style.get("color", INK)
        paragraph.space_after = Pt(size * 0.5)


def _footer(slide: PptxSlide, deck: Deck, number: int) -> None:
    line = deck.footer + (f" · {DEMO}" if deck.demo else "")
    _text(slide, line, MARGIN, HEIGHT - Inches(0.55), WIDTH - 2 * MARGIN - Inches(0.8), Inches(0.4), 11, color=MUTED)
    _text(
        slide,
        str(number),
        WIDTH - MARGIN - Inches(0.6),
        HEIGHT - Inches(0.55),
        Inches(0.6),
        Inches(0.4),
        11,
        color=MUTED,
    )


def _native_bar(slide: PptxSlide, chart: SlideChart, left: int, top: int, width: int, height: int) -> None:
    data = CategoryChartData(number_format="0" if chart.decimals == 0 else "0." + "0" * chart.decimals)
    data.categories = chart.categories
    data.add_series(chart.axis_title, chart.values)
    shape: Any = slide.shapes.add_chart(  # a GraphicFrame holding the chart (the stubs say Chart)
        XL_CHART_TYPE.BAR_CLUSTERED,
        Emu(left),
        Emu(top),
        Emu(width),
        Emu(height),
        data,  # type: ignore[arg-type]
    )
    native = shape.chart
    native.has_legend = False
    native.category_axis.reverse_order = True  # the slide's order top to bottom, as on the page
    native.category_axis.tick_labels.font.size = Pt(14)
    native.value_axis.tick_labels.font.size = Pt(12)
    native.value_axis.has_major_gridlines = False
    native.value_axis.minimum_scale = 0  # a bar's length is its value: the axis starts at zero
    plot = native.plots[0]
    plot.gap_width = 60
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.font.size = Pt(14)
    labels.number_format = data.number_format + (f'"{chart.suffix}"' if chart.suffix else "")
    labels.number_format_is_linked = False
    labels.position = XL_LABEL_POSITION.OUTSIDE_END
    plot.series[0].format.fill.solid()
    plot.series[0].format.fill.fore_color.rgb = BLUE


def _map_picture(slide: PptxSlide, chart: SlideChart, left: int, top: int, width: int, height: int) -> bool:
    """The map as a PNG through Plotly's image export (Chromium); False when no browser can draw it."""
    from asn_metrics.charts_slides import slide_figure

    try:
        image = slide_figure(chart, height=700).to_image(format="png", width=1000, height=700, scale=2)
    except Exception:  # no Chromium here: the map falls back to a native bar chart of the same values
        logging.getLogger("asn_metrics").warning("peta tidak dapat digambar sebagai gambar; diganti grafik batang")
        return False
    slide.shapes.add_picture(io.BytesIO(image), Emu(left), Emu(top), width=Emu(width), height=Emu(height))
    return True


def _slide(prs: PresentationFile, deck: Deck, story: Slide, number: int) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])  # blank
    _text(slide, story.title, MARGIN, Inches(0.4), WIDTH - 2 * MARGIN, Inches(1.2), 28, bold=True)
    body_top = Inches(1.7)
    if story.chart is None:
        if story.big:
            _text(slide, story.big, MARGIN, body_top, WIDTH - 2 * MARGIN, Inches(1.6), 72, bold=True, color=BLUE)
            body_top = Inches(3.4)
        _text(slide, "\n".join(story.sentences), MARGIN, body_top, WIDTH - 2 * MARGIN, Inches(3.2), 22)
    else:
        text_width = Inches(4.4)
        _text(slide, "\n".join(story.sentences), MARGIN, body_top, text_width, Inches(5.0), 18)
        left, width, height = (
            MARGIN + text_width + Inches(0.3),
            WIDTH - 2 * MARGIN - text_width - Inches(0.3),
            Inches(5.1),
        )
        drawn = story.chart.kind == "map" and _map_picture(slide, story.chart, left, body_top, width, height)
        if not drawn:
            _native_bar(slide, story.chart, left, body_top, width, height)
    slide.notes_slide.notes_text_frame.text = " ".join(story.sentences)
    _footer(slide, deck, number)


def pptx_bytes(deck: Deck) -> bytes:
    """The deck as a .pptx file."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    cover = prs.slides.add_slide(prs.slide_layouts[6])
    _text(cover, deck.title, MARGIN, Inches(2.3), WIDTH - 2 * MARGIN, Inches(1.4), 44, bold=True)
    lines = [deck.subtitle, deck.footer] + ([DEMO + ": semua nama dan angka dibangkitkan acak."] if deck.demo else [])
    _text(cover, "\n".join(lines), MARGIN, Inches(3.8), WIDTH - 2 * MARGIN, Inches(2.0), 20, color=MUTED)
    cover.notes_slide.notes_text_frame.text = f"{deck.title}. {deck.subtitle}."
    for number, story in enumerate(deck.slides, start=2):
        _slide(prs, deck, story, number)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
