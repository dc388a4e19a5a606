"""The Presentasi page's parts (issue 16 item 1): one slide at a time in large type, the slide number in the URL,
previous and next by buttons and by the arrow keys, the sidebar hidden, and the deck's three downloads."""

from __future__ import annotations

from functools import partial
from html import escape

import streamlit as st

from asn_metrics import exports
from asn_metrics.charts_slides import slide_figure
from asn_metrics.filters import Filters
from asn_metrics.ui import auth, components, data
from asn_metrics.views.presentasi import Deck

SLIDE_PARAM = "slide"
_KEY = "slide_no"
#: Large type for a projector; the sidebar out of the way (the filters are set on the other pages).
_STYLE = """<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"] { display: none; }
.slide-title { font-size: 2.6rem !important; font-weight: 700; line-height: 1.2; margin: 0 0 1rem; }
.slide-big { font-size: 5rem; font-weight: 700; color: #1f5fa8; line-height: 1.1; margin: 0.5rem 0 1rem; }
.slide-text p { font-size: 1.6rem; line-height: 1.45; }
</style>"""
#: The arrow keys press the page's own buttons (registered once per browser tab).
_KEYS = """<script>
if (!window.__asnSlideKeys) {
  window.__asnSlideKeys = true;
  document.addEventListener("keydown", (event) => {
    if (event.target.closest("input, textarea, select")) return;
    const label = {ArrowRight: "Berikutnya", ArrowLeft: "Sebelumnya"}[event.key];
    if (!label) return;
    const button = [...document.querySelectorAll("button")].find((b) => b.innerText.includes(label));
    if (button && !button.disabled) button.click();
  });
}
</script>"""


def current(deck: Deck) -> int:
    """The slide to show (0 = the title slide), from the URL the first time, kept in range."""
    total = len(deck.slides) + 1
    if _KEY not in st.session_state:
        raw = st.query_params.get(SLIDE_PARAM, "1")
        st.session_state[_KEY] = int(raw) - 1 if str(raw).isdigit() and int(raw) >= 1 else 0
    st.session_state[_KEY] = min(max(int(st.session_state[_KEY]), 0), total - 1)
    return int(st.session_state[_KEY])


def _go(step: int) -> None:
    st.session_state[_KEY] = int(st.session_state.get(_KEY, 0)) + step


def show(deck: Deck) -> None:
    st.html(_STYLE)
    st.html(_KEYS, unsafe_allow_javascript=True)
    number = current(deck)
    total = len(deck.slides) + 1
    st.query_params[SLIDE_PARAM] = str(number + 1)  # a copied link opens this slide
    if number == 0:
        st.markdown(f'<h1 class="slide-title">{escape(deck.title)}</h1>', unsafe_allow_html=True)
        st.markdown(f'<div class="slide-text"><p>{escape(deck.subtitle)}</p></div>', unsafe_allow_html=True)
        st.caption(deck.footer)
    else:
        slide = deck.slides[number - 1]
        st.markdown(f'<h1 class="slide-title">{escape(slide.title)}</h1>', unsafe_allow_html=True)
        text, chart = st.columns([2, 3], gap="large") if slide.chart is not None else (st.container(), None)
        with text:
            if slide.big:
                st.markdown(f'<div class="slide-big">{escape(slide.big)}</div>', unsafe_allow_html=True)
            body = "".join(f"<p>{escape(s)}</p>" for s in slide.sentences)
            st.markdown(f'<div class="slide-text">{body}</div>', unsafe_allow_html=True)
        if chart is not None and slide.chart is not None:
            with chart:
                components.plot(slide_figure(slide.chart, height=620), f"slide_{slide.key}")
        st.caption(deck.footer + (" · Data demo — bukan data resmi" if deck.demo else ""))
    back, where, ahead = st.columns([1, 2, 1])
    back.button(
        "Sebelumnya", icon=":material/arrow_back:", on_click=_go, args=(-1,), disabled=number == 0, width="stretch"
    )
    where.markdown(
        f"<div style='text-align:center'>Slide {number + 1} dari {total} · tombol ← →</div>", unsafe_allow_html=True
    )
    ahead.button(
        "Berikutnya",
        icon=":material/arrow_forward:",
        on_click=_go,
        args=(1,),
        disabled=number == total - 1,
        width="stretch",
    )


def downloads(filters: Filters) -> None:
    """The deck as PPTX, HTML and XLSX, made from the same filters when clicked, each recorded in the audit log."""
    login = auth.account()
    who = login.nama if login else "tanpa-akun"
    lingkup = auth.scope(login) if login else None
    deck_of = data.later("presentasi", filters, entry="build")
    stem = f"rapat_{filters.tahun}"

    def made(kind: str) -> bytes:
        content = exports.FORMATS[kind].make(deck_of())
        exports.record(data.engine(), kind, pengguna=who, filename=f"{stem}.{kind}", filters=filters, lingkup=lingkup)
        return content

    row = st.container(horizontal=True)
    for kind, form in exports.FORMATS.items():
        row.download_button(
            form.label, partial(made, kind), file_name=f"{stem}.{kind}", mime=form.mime, key=f"ekspor_{kind}"
        )
