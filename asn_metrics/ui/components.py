"""Page furniture: the demo banner, the page header with the data's date, KPI cards and empty states."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from asn_metrics import charts, downloads, narrative
from asn_metrics.filters import Filters
from asn_metrics.findings import Finding
from asn_metrics.formatting import format_date, format_number, markdown_literal
from asn_metrics.store import audit
from asn_metrics.ui import auth, data, drill, plotly_locale, privacy
from asn_metrics.views.common import PAGE_SIZE, Kpi, Page

DEMO_BANNER = "Data demo — bukan data resmi"
PAGE_FAILED = (
    "Maaf, halaman ini gagal ditampilkan karena kesalahan di aplikasi. Rinciannya sudah dicatat di log server. "
    "Coba ubah filter atau muat ulang halaman; bila terulang, kirim tautan halaman ini kepada admin."
)


def demo_banner() -> None:
    """A visible marker while the data is synthetic (UX.md)."""
    info = data.demo_info(data.version())
    if info:
        st.warning(
            f"**{DEMO_BANNER}.** Semua nama, NIP dan angka dibangkitkan secara acak "
            f"(benih {info.get('seed')}, {info.get('pegawai')} pegawai) untuk peragaan.",
            icon=":material/warning:",
        )


def page_header(title: str, question: str) -> None:
    """Title, the question the page answers, and the data's date and source."""
    st.title(title)
    st.markdown(f"*{question}*")
    as_of = data.data_as_of(data.version())
    last_event, last_import = as_of.get("peristiwa_terakhir"), as_of.get("impor_terakhir")
    if last_event or last_import:
        st.caption(
            f"Data per {format_date(last_event.date() if last_event else None)} · "
            f"impor terakhir {format_date(last_import.date() if last_import else None)}"
        )


def kpi_row(kpis: list[Kpi]) -> None:
    for column, kpi in zip(st.columns(len(kpis)), kpis, strict=True):
        card = column.container(border=True)  # the metric and its note on one card
        card.metric(
            kpi.label,
            kpi.value,
            delta=kpi.delta,
            help=kpi.help,
            delta_color="off" if kpi.unchanged or kpi.within_noise else kpi.delta_color,  # type: ignore[arg-type]
            delta_arrow="off" if kpi.unchanged or kpi.within_noise else "auto",
            delta_description="tidak berubah"
            if kpi.unchanged
            else "dalam batas ketidakpastian"
            if kpi.within_noise
            else None,
        )
        if kpi.note:
            card.caption(kpi.note)


def empty_state(what: str, suggestion: str = "Ubah tahun, wilayah atau instansi di panel kiri.") -> None:
    st.info(f"Belum ada data {what} untuk pilihan ini. {suggestion}", icon=":material/info:")


def plot(
    fig: go.Figure,
    key: str,
    *,
    drill_to: drill.Level | None = None,
    pick: str | None = None,
    filename: str | None = None,
    half: bool = False,
) -> None:
    """Show a figure with a PNG download in the modebar; with ``drill_to`` a click on a point sets that filter,
    with ``pick`` it keeps the point's code in that session key (a page's own choice);
    ``half``: the figure sits in one of two columns, its title wrapped to fit."""
    if half:
        fig = charts.narrowed(fig)
    config = {
        **plotly_locale.config(),
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": filename or key, "scale": 2},
    }
    if drill_to is None and pick is None:
        st.plotly_chart(fig, key=key, config=config)
    else:
        st.plotly_chart(
            fig,
            key=key,
            config=config,
            on_select=drill.on_chart_pick(pick, key) if pick else drill.on_chart_select(drill_to or "wilayah", key),
            selection_mode="points",
        )


def list_downloads(
    rows: Callable[[], pd.DataFrame],
    label: str,
    stem: str,
    key: str,
    *,
    headers: Mapping[str, str],
    name_columns: Sequence[str] = ("nama",),
) -> None:
    """Two download buttons for the person list ``rows()``, "<label> (CSV)" and "(XLSX)", both as Excel in
    Indonesian reads them (``downloads``: ``;`` separated, UTF-8 with BOM, NIPs as text), with Indonesian
    ``headers`` and masked as the screen is. The list is read and written only when a button is clicked: a list
    of 47,000 people is not built on every rerun. ``rows`` must not use Streamlit (it runs outside the script)."""
    show = privacy.show_personal_data()
    login = auth.account()
    who = login.nama if login else "tanpa-akun"
    lingkup = auth.scope(login) if login else None

    def table() -> pd.DataFrame:
        frame = rows()
        frame = frame if show else privacy.mask_frame(frame, name_columns=name_columns)
        audit.record_now(  # who took which list, and whether it held names (issue 15 item 6)
            data.engine(),
            "unduh_daftar",
            pengguna=who,
            rincian={"daftar": stem, "baris": len(frame), "nama_nip": show},
            lingkup=audit.scope_text(lingkup),
        )
        return frame.rename(columns=dict(headers))

    row = st.container(horizontal=True)
    row.download_button(
        f"{label} (CSV)", lambda: downloads.csv_bytes(table()), file_name=f"{stem}.csv", mime="text/csv", key=key
    )
    row.download_button(
        f"{label} (XLSX)",
        lambda: downloads.xlsx_bytes(table()),
        file_name=f"{stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}_xlsx",
    )


def paged_people(
    fetch: Callable[[int, str], Page],
    key: str,
    *,
    noun: str,
    headers: Mapping[str, str],
    name_columns: Sequence[str] = ("nama",),
    note: str = "",
) -> None:
    """A person list shown one page at a time (``PAGE_SIZE`` rows), with a search by name or NIP while
    personal data may be shown; ``fetch(page, text)`` is the view's page of the list."""
    search_col, page_col = st.columns([3, 1])
    text = ""
    if privacy.show_personal_data():
        text = search_col.text_input("Cari nama atau NIP", key=f"cari_{key}", placeholder="mis. Siti atau 19860926")
    number_key = f"halaman_{key}"
    page = fetch(int(st.session_state.get(number_key, 1)), text)
    st.session_state[number_key] = page.number  # a narrower search has fewer pages
    page_col.number_input("Halaman", 1, page.pages, key=number_key, help=f"{PAGE_SIZE} {noun} per halaman")
    st.caption(
        f"{format_number(page.total)} {noun} · halaman {page.number} dari {format_number(page.pages)}"
        + (f" · {note}" if note else "")
    )
    shown = privacy.mask(page.rows, name_columns=name_columns).rename(columns=dict(headers))
    abbreviations = ""
    if "Instansi" in shown:  # the reason column beside it stays in view at 1600 px (downloads keep full names)
        shown["Instansi"], abbreviations = narrative.compact_agency_names(shown["Instansi"])
    st.dataframe(shown, hide_index=True)
    if abbreviations:
        st.caption(abbreviations)


def person_list(
    page: str,
    filters: Filters,
    *options: object,
    key: str,
    entries: tuple[str, str],
    noun: str,
    headers: Mapping[str, str],
    name_columns: Sequence[str] = ("nama",),
    download: tuple[str, str],
    note: str = "",
) -> None:
    """A person list of view ``page``: its pages (``entries[0]``, e.g. ``list_page``, called with ``options``,
    the page number and the search) with ``paged_people``, and the whole list (``entries[1]``) as CSV and XLSX
    downloads labelled ``download[0]`` into files named ``download[1]``."""
    fetch, whole = entries
    if not privacy.role_allows_personal_data():  # a guest: how many, never who (the store masks them as well)
        total = data.view(page, filters, *options, 1, "", entry=fetch).total
        st.info(
            f"{format_number(total)} {noun} memenuhi aturan ini. Daftar nama dan NIP hanya untuk peran pimpinan, "
            "evaluator dan admin.",
            icon=":material/lock:",
        )
        return
    paged_people(
        partial(data.view, page, filters, *options, entry=fetch),
        key,
        noun=noun,
        headers=headers,
        name_columns=name_columns,
        note=note,
    )
    label, stem = download
    list_downloads(
        data.later(page, filters, *options, entry=whole),
        label,
        stem,
        f"unduh_{key}",
        headers=headers,
        name_columns=name_columns,
    )


def findings(found: Sequence[Finding]) -> None:
    """Temuan utama: each finding's sentence with the rule that found it (issue 16 item 2)."""
    box = st.container(border=True)
    box.markdown("**Temuan utama**")
    if not found:
        box.caption("Tidak ada perubahan, selisih atau keterlambatan di luar batas aturan temuan untuk pilihan ini.")
    for number, one in enumerate(found, start=1):
        box.markdown(f"{number}. {markdown_literal(one.sentence)}")
        box.caption(f"Aturan: {one.rule}.")


def require_role(*roles: str) -> None:
    """Stop a page whose role is not among ``roles`` (the menu leaves it out too; this holds if it is reached)."""
    login = auth.account()
    if login is None or login.peran not in roles:
        st.error("Halaman ini tidak tersedia untuk peran Anda.", icon=":material/block:")
        st.stop()


def page_filters() -> Filters:
    """The global filters the entry script put in the session, for a page to read.

    Pages live in ``app_pages/``, not ``pages/``: with a ``pages/`` folder Streamlit 1.67 served the first
    request of a new server in its old folder mode, running a page opened by its URL without dashboard.py.
    Should a page still run on its own, it says so and stops instead of failing on missing filters.
    """
    filters = st.session_state.get("filters")
    if not isinstance(filters, Filters):
        st.warning("Halaman ini dibuka tanpa dasbor. Buka alamat utama aplikasi, lalu pilih halamannya di menu.")
        st.stop()
    return filters
