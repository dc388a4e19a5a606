"""The Unggah Data page's parts: validation result, missing agencies, templates and import history."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from asn_metrics import importer, ingest
from asn_metrics.formatting import format_number
from asn_metrics.ingest.validate import LINE_COLUMN
from asn_metrics.reference import JENIS_INSTANSI, KINDS
from asn_metrics.store import load_batches
from asn_metrics.store.upsert import UndoRefused, undo_batch
from asn_metrics.ui import data, upload_big, upload_parts

AUTO = "__otomatis__"


def kind_label(kind: str) -> str:
    return "Kenali otomatis dari judul kolom" if kind == AUTO else f"{ingest.get_kind(kind).title} ({kind})"


def current_user() -> str:
    return str(st.session_state.get("pengunggah") or "evaluator")


def last_result() -> None:
    """The outcome of the import just written, shown once after the rerun that follows it."""
    message = st.session_state.pop("hasil_impor", None)
    if message:
        st.success(message, icon="✅")


@st.cache_data(show_spinner="Memeriksa berkas…", max_entries=8)
def prepare(data_version: str, content: bytes, filename: str, kind: str | None) -> importer.Prepared | str:
    """Validate once per file, kind and data version; an unreadable file gives its message."""
    try:
        return importer.prepare(data.engine(), content, filename, kind)
    except ingest.UnreadableFile as exc:
        return str(exc)


def upload_tab() -> None:
    """Choose a kind (or let the headers tell), upload, see the verdict and a preview, confirm, see the result."""
    left, right = st.columns([2, 1])
    kind = left.selectbox("Jenis data", [AUTO, *KINDS], format_func=kind_label, key="jenis_unggah")
    right.text_input("Nama Anda (dicatat di riwayat impor)", key="pengunggah", placeholder="evaluator")
    file = st.file_uploader("Berkas CSV, TXT atau XLSX", type=["csv", "txt", "xlsx"], key="berkas_unggah")
    if file is None:
        st.caption("Satu berkas berisi satu jenis data. Unduh templat di tab Templat bila perlu.")
        return
    content = file.getvalue()
    if upload_big.is_big(content, file.name):
        upload_big.big_upload(content, file.name, None if kind == AUTO else kind, current_user(), kind_label(kind))
        return
    prepared = prepare(data.version(), content, file.name, None if kind == AUTO else kind)
    if isinstance(prepared, str):
        st.error(prepared)
        return
    st.markdown(f"**{file.name}** dibaca sebagai **{kind_label(prepared.kind)}**.")
    if prepared.sebelumnya:
        st.info(prepared.already_imported_message())
        return
    if not prepared.ok:
        show_problems(prepared)
        offer_missing_agencies(prepared)
        return
    confirm_and_write(prepared)


def confirm_and_write(prepared: importer.Prepared) -> None:
    rows = prepared.result.rows
    upload_parts.show_valid(len(rows), prepared.result.warning_frame)
    st.dataframe(rows.drop(columns=[LINE_COLUMN]).head(20), hide_index=True)
    if not st.button(f"Impor {format_number(len(rows))} baris", type="primary"):
        return
    bar = st.progress(0.0, text="Menyimpan…")
    try:
        result = importer.commit(
            data.engine(),
            prepared,
            pengguna=current_user(),
            sumber="unggah",
            progress=lambda fraction, step: upload_parts.advance(bar, fraction, step),
        )
    except importer.ImportFailed as exc:
        bar.empty()
        st.error(str(exc))
        return
    data.forget_version()
    bar.empty()
    upload_parts.announce(result.batch_id, prepared.nama_file, result.baru, result.diubah, result.tetap)


def show_problems(prepared: importer.Prepared) -> None:
    upload_parts.show_refusal(prepared.result.error_frame, prepared.error_report(), prepared.nama_file)


def offer_missing_agencies(prepared: importer.Prepared) -> None:
    """Unknown agency codes: let the evaluator name them and import them first (an `instansi` batch)."""
    codes = prepared.instansi_tidak_dikenal
    if not codes:
        return
    st.warning(
        f"{len(codes)} kode instansi belum ada di basis data: {', '.join(codes)}. "
        "Lengkapi nama dan wilayahnya di bawah untuk mengimpor instansi itu lebih dulu."
    )
    regions = data.wilayah(data.version())
    table = pd.DataFrame({"kode": list(codes), "nama": "", "wilayah_kode": "", "jenis": "dinas"})
    edited = st.data_editor(
        table,
        hide_index=True,
        disabled=["kode"],
        key=f"instansi_baru_{prepared.sha256}",
        column_config={
            "wilayah_kode": st.column_config.SelectboxColumn("Wilayah", options=list(regions["kode"]), required=True),
            "jenis": st.column_config.SelectboxColumn("Jenis", options=list(JENIS_INSTANSI)),
            "nama": st.column_config.TextColumn("Nama instansi", required=True),
        },
    )
    if st.button("Impor instansi ini dulu", key=f"impor_instansi_{prepared.sha256}"):
        content = edited.to_csv(index=False, sep=";").encode("utf-8")
        result = prepare(data.version(), content, "instansi_baru.csv", "instansi")
        if isinstance(result, str) or not result.ok:
            reason = result if isinstance(result, str) else "; ".join(result.result.messages(limit=3))
            st.error(f"Instansi belum dapat diimpor: {reason}")
            return
        try:
            done = importer.commit(data.engine(), result, pengguna=current_user(), sumber="unggah")
        except importer.ImportFailed as exc:
            st.error(str(exc))
            return
        data.forget_version()
        st.success(f"{done.baru} instansi diimpor (impor #{done.batch_id}). Berkas Anda diperiksa ulang.")
        st.rerun()


def templates() -> None:
    st.markdown("Templat berisi judul kolom yang benar dan satu baris contoh. XLSX-nya memformat NIP sebagai teks.")
    for kind in KINDS:
        spec = ingest.get_kind(kind)
        left, csv_col, xlsx_col = st.columns([3, 1, 1])
        required = ", ".join(c.name for c in spec.required)
        left.markdown(f"**{spec.title}** (`{kind}`) — wajib: {required}")
        csv_col.download_button(
            "CSV", ingest.template_csv(kind), f"templat_{kind}.csv", "text/csv", key=f"t_csv_{kind}"
        )
        xlsx_col.download_button(
            "XLSX",
            ingest.template_xlsx(kind),
            f"templat_{kind}.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key=f"t_xlsx_{kind}",
        )


def history() -> None:
    message = st.session_state.pop("hasil_batal", None)
    if message:
        st.success(message, icon="✅")
    batches = load_batches(data.engine(), limit=200)
    if batches.empty:
        st.info("Belum ada impor.")
        return
    shown = batches.assign(
        status=["dibatalkan" if pd.notna(d) else "aktif" for d in batches["dibatalkan_pada"]],
        waktu=[f"{t:%d-%m-%Y %H:%M}" for t in batches["dibuat_pada"]],
    )
    st.dataframe(
        shown[["id", "waktu", "jenis", "nama_file", "pengguna", "baris_baru", "baris_diubah", "baris_tetap", "status"]],
        hide_index=True,
        width="stretch",
        column_config={"id": "Impor #", "nama_file": "Berkas", "baris_baru": "Baru", "baris_diubah": "Diubah"},
    )
    active = shown[shown["status"] == "aktif"]
    undoable = active.groupby("jenis")["id"].max().sort_values(ascending=False)
    choice = st.selectbox(
        "Batalkan impor (hanya impor terakhir dari setiap jenis)",
        [None, *undoable.tolist()],
        format_func=lambda i: "—" if i is None else _batch_label(shown, i),
    )
    if choice is not None and st.button("Batalkan impor ini", type="primary"):
        try:
            result = undo_batch(data.engine(), int(choice), now=dt.datetime.now().replace(microsecond=0))
        except UndoRefused as exc:
            st.error(str(exc))
            return
        data.forget_version()
        st.session_state["hasil_batal"] = (
            f"Impor #{choice} dibatalkan: {format_number(result['dihapus'])} baris dihapus, "
            f"{format_number(result['dipulihkan'])} baris dikembalikan."
        )
        st.rerun()


def _batch_label(batches: pd.DataFrame, batch_id: int) -> str:
    row = batches[batches["id"] == batch_id].iloc[0]
    return f"#{batch_id} · {row['jenis']} · {row['nama_file']} · {row['waktu']}"
