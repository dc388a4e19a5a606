"""The global filters in the sidebar, kept in the URL (st.query_params) so a copied link reopens the view."""

from __future__ import annotations

import streamlit as st

from asn_metrics.filters import Filters
from asn_metrics.formatting import format_periode
from asn_metrics.reference import JENIS_JABATAN, JENIS_JABATAN_LABEL, PERIODES
from asn_metrics.store.accounts import Login
from asn_metrics.ui import auth, data, privacy
from asn_metrics.ui.privacy import PRESENTATION_KEY

ALL = "__semua__"
#: The URL parameter that keeps presentation mode on through a reload (F5) and in a copied link.
PRESENTATION_PARAM = "presentasi"
#: URL parameters of a page that the filters' URL writing keeps.
KEPT_PARAMS = ("slide",)
_KEYS = {
    "tahun": "f_tahun",
    "periode": "f_periode",
    "wilayah": "f_wilayah",
    "instansi": "f_instansi",
    "jenis_jabatan": "f_jabatan",
}


def periode_label(periode: str) -> str:
    """'tahunan' → 'Tahunan saja', 'tw2' → 'Triwulan II', 'b03' → 'Maret'; ALL → the default rule."""
    if periode == ALL:
        return "Tahunan (atau periode terakhir)"
    return format_periode(periode)


def _seed_from_url(key: str, param: str, options: list[str], default: str | None = None) -> None:
    """Give a widget its value from the URL the first time the session sees it (else ``default``, else the
    first option)."""
    fallback = default if default in options else options[0]
    if key in st.session_state:
        if st.session_state[key] not in options:
            st.session_state[key] = fallback
        return
    value = st.query_params.get(param)
    st.session_state[key] = value if value in options else fallback


def global_filters(login: Login) -> Filters:
    """Render tahun, wilayah, instansi, periode and jenis jabatan in the sidebar and return the chosen filters,
    within the account's scope: an evaluator chooses among their own agencies and regions only, and the scope
    travels in the filters to every loader whatever is chosen."""
    version = data.version()
    years = data.years(version)
    regions = data.wilayah(version)
    agencies = data.instansi(version)
    lingkup = auth.scope(login)
    if lingkup is not None:
        agencies = agencies[agencies["kode"].isin(lingkup)]
        regions = regions[regions["kode"].isin(agencies["wilayah_kode"])]
    candidates = data.skp_years(version) or years
    default_year = candidates[0] if candidates else None

    # Newest first; the default is the newest year with SKP ratings (a later year may hold only services).
    # An evaluator's "all" is all of their own agencies.
    mine_all = {
        "wilayah": "Semua wilayah" if lingkup is None else "Semua wilayah Anda",
        "instansi": "Semua instansi" if lingkup is None else "Semua instansi Anda",
    }
    year_options = [str(y) for y in sorted(years, reverse=True)] or ["–"]
    region_names = dict(zip(regions["kode"], regions["nama"], strict=True))
    region_options = [ALL, *regions["kode"]]

    with st.sidebar:
        st.markdown("**Filter**")
        _seed_from_url(_KEYS["tahun"], "tahun", year_options, None if default_year is None else str(default_year))
        st.selectbox(
            "Tahun", year_options, key=_KEYS["tahun"], format_func=lambda y: y, help="Tahun penilaian dan data layanan"
        )
        _seed_from_url(_KEYS["wilayah"], "wilayah", region_options)
        st.selectbox(
            "Wilayah",
            region_options,
            key=_KEYS["wilayah"],
            format_func=lambda k: mine_all["wilayah"] if k == ALL else f"{region_names[k]} ({k})",
        )
        region = st.session_state[_KEYS["wilayah"]]
        in_region = agencies if region == ALL else agencies[agencies["wilayah_kode"] == region]
        agency_names = dict(zip(in_region["kode"], in_region["nama"], strict=True))
        agency_options = [ALL, *in_region["kode"]]
        _seed_from_url(_KEYS["instansi"], "instansi", agency_options)
        st.selectbox(
            "Instansi",
            agency_options,
            key=_KEYS["instansi"],
            format_func=lambda k: mine_all["instansi"] if k == ALL else agency_names[k],
        )
        periode_options = [ALL, *PERIODES]
        _seed_from_url(_KEYS["periode"], "periode", periode_options)
        st.selectbox(
            "Periode SKP",
            periode_options,
            key=_KEYS["periode"],
            format_func=periode_label,
            help="Periode penilaian SKP; bawaan: predikat tahunan, atau periode terakhir bila tidak ada",
        )
        jabatan_options = [ALL, *JENIS_JABATAN]
        _seed_from_url(_KEYS["jenis_jabatan"], "jenis_jabatan", jabatan_options)
        st.selectbox(
            "Jenis jabatan",
            jabatan_options,
            key=_KEYS["jenis_jabatan"],
            format_func=lambda k: "Semua jenis jabatan" if k == ALL else JENIS_JABATAN_LABEL[k],
        )
        if PRESENTATION_KEY not in st.session_state:  # a reload or a copied link keeps presentation mode on
            st.session_state[PRESENTATION_KEY] = st.query_params.get(PRESENTATION_PARAM) == "1"
        if privacy.role_allows_personal_data():  # a guest never sees names: nothing to switch
            st.toggle(
                "Mode presentasi (samarkan NIP & nama)",
                key=PRESENTATION_KEY,
                help="Untuk layar rapat: NIP disamarkan dan nama disembunyikan di semua halaman",
            )

    year_text = st.session_state[_KEYS["tahun"]]

    def chosen(name: str) -> str | None:
        value = st.session_state[_KEYS[name]]
        return None if value == ALL else str(value)

    filters = Filters(
        tahun=int(year_text) if year_text.isdigit() else None,
        periode=chosen("periode"),
        wilayah=None if region == ALL else region,
        instansi=chosen("instansi"),
        jenis_jabatan=chosen("jenis_jabatan"),
        lingkup=lingkup,
        pribadi=privacy.role_allows_personal_data(),
    )
    _write_url(filters)
    return filters


def _write_url(filters: Filters) -> None:
    wanted = {k: str(v) for k, v in filters.as_dict().items() if v is not None}
    if st.session_state.get(PRESENTATION_KEY):
        wanted[PRESENTATION_PARAM] = "1"
    for kept in KEPT_PARAMS:  # a page's own place in the URL (the Presentasi slide) survives a filter change
        if st.query_params.get(kept) is not None:
            wanted[kept] = str(st.query_params.get(kept))
    names = ("tahun", "periode", "wilayah", "instansi", "jenis_jabatan", PRESENTATION_PARAM, *KEPT_PARAMS)
    current = {k: st.query_params.get(k) for k in names}
    if {k: v for k, v in current.items() if v is not None} != wanted:
        st.query_params.from_dict(wanted)
