"""The Unggah Data page's parts: validation result, missing agencies, templates and import history."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib

import pandas as pd
import streamlit as st

from asn_metrics import importer, ingest
from asn_metrics.formatting import format_cell, format_number, markdown_literal, readable
from asn_metrics.reference import JENIS_INSTANSI, KINDS
from asn_metrics.store import load_batches
from asn_metrics.store.upsert import UndoRefused, undo_batch
from asn_metrics.ui import auth, data

AUTO = "__otomatis__"
#: The uploader's own texts (its "Upload" button, "200MB per file • CSV, TXT, XLSX") are Streamlit's,
#: in English; its help says the same in Indonesian (README "Language").
UPLOADER_HELP = (
    "Seret berkas ke kotak ini, atau klik **Upload** untuk memilihnya. Satu berkas paling besar 200 MB; "
    "berkas yang lebih besar diimpor lewat perintah `python -m asn_metrics import JENIS BERKAS`."
)


def kind_label(kind: str) -> str:
    return "Kenali otomatis dari judul kolom" if kind == AUTO else f"{ingest.get_kind(kind).title} ({kind})"


def current_user() -> str:
    """The logged-in account's name: it is recorded with every import and undo."""
    login = auth.account()
    return login.nama if login else "tanpa-akun"


def _scope() -> tuple[str, ...] | None:
    """The agencies this account may change (an evaluator's), None for every agency."""
    login = auth.account()
    return auth.scope(login) if login else ()


def last_result() -> None:
    """The outcome of the import just written, shown once after the rerun that follows it."""
    message = st.session_state.pop("hasil_impor", None)
    if message:
        st.success(message, icon=":material/check_circle:")


_PROBLEM_COLUMNS = ("baris", "kolom", "nilai", "pesan", "saran")
#: Session keys of checked uploads start with this (``_checked``).
_CHECKED = "cek_unggah:"


def upload_tab() -> None:
    """Choose a kind (or let the headers tell), upload, see the verdict and a preview, confirm, see the result.

    Every file, small or big, goes through ``importer.run``: a dry run first (every error, the counts of new,
    changed and unchanged rows), then, once the evaluator confirms, the import itself."""
    kind = st.selectbox("Jenis data", [AUTO, *KINDS], format_func=kind_label, key="jenis_unggah")
    scope = _scope()
    if scope:
        st.caption(f"Akun Anda hanya dapat mengubah data instansi {', '.join(scope)}; baris instansi lain ditolak.")
    file = st.file_uploader(
        "Berkas CSV, TXT atau XLSX",
        type=["csv", "txt", "xlsx"],
        key="berkas_unggah",
        help=UPLOADER_HELP,
    )
    if file is None:
        st.caption(
            "Seret berkas ke kotak di atas atau klik **Upload** (paling besar 200 MB). Satu berkas berisi "
            "satu jenis data. Unduh templat di tab Templat bila perlu."
        )
        return
    content, chosen = file.getvalue(), None if kind == AUTO else kind
    checked = _checked(content, file.name, chosen)
    if isinstance(checked, str):
        st.error(checked)
        return
    st.markdown(f"**{markdown_literal(file.name)}** dibaca sebagai **{kind_label(checked.kind)}**.")
    if checked.status == "sudah_diimpor":
        just_written = checked.sebelumnya and checked.sebelumnya["id"] == st.session_state.get("impor_barusan")
        if not just_written:  # else the result line above says it
            st.info(checked.already_imported_message())
    elif checked.status == "ditolak":
        show_refusal(checked, content, file.name)
        offer_missing_agencies(checked)
    else:
        confirm_and_write(content, file.name, checked)


def _checked(content: bytes, filename: str, kind: str | None) -> importer.Outcome | str:
    """The dry run of this file, kind and data version, run once (with a progress bar) and kept in the session
    (only the latest); an unreadable file gives its message."""
    stem = f"{_CHECKED}{hashlib.sha256(content).hexdigest()}:{kind}:"
    key = stem + data.version()
    if key not in st.session_state:
        for old in [k for k in st.session_state if str(k).startswith(_CHECKED)]:
            del st.session_state[old]
        checked = _run(content, filename, kind, dry_run=True, text="Memeriksa", record_refusal=True)
        if isinstance(checked, importer.Outcome) and checked.status == "ditolak":
            data.forget_version()  # the refusal was recorded (validity): the same check holds for the new version
            key = stem + data.version()
        st.session_state[key] = checked
    result: importer.Outcome | str = st.session_state[key]
    return result


def _run(
    content: bytes, filename: str, kind: str | None, *, dry_run: bool, text: str, record_refusal: bool | None = None
) -> importer.Outcome | str:
    """``importer.run`` with a progress bar; an unreadable file or a refused write gives its message."""
    bar = st.progress(0.0, text=f"{text}…")

    def advance(fraction: float, step: str) -> None:
        bar.progress(min(fraction, 1.0), text=f"{step}…")

    try:
        return importer.run(
            data.engine(),
            content,
            kind,
            filename=filename,
            dry_run=dry_run,
            pengguna=current_user(),
            sumber="unggah",
            progress=advance,
            record_refusal=record_refusal,
            scope=_scope(),
        )
    except (ingest.UnreadableFile, ingest.UnknownKind, importer.ImportFailed) as exc:
        return str(exc)
    finally:
        bar.empty()


def confirm_and_write(content: bytes, filename: str, checked: importer.Outcome) -> None:
    st.success(
        f"Berkas valid: {format_number(checked.rows)} baris siap diimpor ({format_number(checked.baru)} baru, "
        f"{format_number(checked.diubah)} diubah, {format_number(checked.tetap)} tetap). "
        "Periksa cuplikannya lalu konfirmasi."
    )
    if len(checked.warnings):
        with st.expander(f"{format_number(len(checked.warnings))} peringatan (tidak menghalangi impor)"):
            st.dataframe(readable(checked.warnings[list(_PROBLEM_COLUMNS)]), hide_index=True)
    if checked.preview is not None:
        st.caption(f"{format_number(len(checked.preview))} baris pertama, seperti akan disimpan:")
        st.dataframe(readable(checked.preview), hide_index=True)
    if not st.button(f"Impor {format_number(checked.rows)} baris", type="primary"):
        return
    done = _run(content, filename, checked.kind, dry_run=False, text="Menyimpan")
    data.forget_version()
    if isinstance(done, str):
        st.error(done)
    elif done.status == "ditolak":  # the database changed since the check (an employee was removed, say)
        show_refusal(done, content, filename)
    elif done.status == "sudah_diimpor":
        st.info(done.already_imported_message())
    else:
        st.session_state["impor_barusan"] = done.batch_id
        st.session_state["hasil_impor"] = (
            f"Impor #{done.batch_id} ({filename}) selesai: {format_number(done.baru)} baris baru, "
            f"{format_number(done.diubah)} diubah, {format_number(done.tetap)} tetap. Semua halaman langsung "
            "memakai data ini."
        )
        st.rerun()


def show_refusal(refused: importer.Outcome, content: bytes, filename: str) -> None:
    """Every error (the first 10,000 on screen) and the report: the original rows plus ``kesalahan``, built
    when the button is clicked."""
    errors = refused.errors
    st.error(
        f"**Berkas ditolak: {format_number(refused.error_count)} kesalahan.** Tidak ada data yang ditulis. "
        "Perbaiki baris-baris di bawah (atau unduh laporannya), lalu unggah ulang."
    )
    st.dataframe(readable(errors[list(_PROBLEM_COLUMNS)].head(10_000)), hide_index=True, width="stretch")
    st.download_button(
        "Unduh laporan kesalahan (baris asli + kolom kesalahan)",
        functools.partial(importer.error_report, content, refused.kind, errors, filename),
        file_name=f"kesalahan_{filename.rsplit('.', 1)[0]}.csv",
        mime="text/csv",
    )


def offer_missing_agencies(checked: importer.Outcome) -> None:
    """Unknown agency codes: let the evaluator name them and import them first (an `instansi` batch)."""
    codes = checked.instansi_tidak_dikenal
    if not codes:
        return
    st.warning(
        f"{len(codes)} kode instansi belum ada di basis data: {markdown_literal(', '.join(codes))}. "
        "Lengkapi nama dan wilayahnya di bawah untuk mengimpor instansi itu lebih dulu."
    )
    regions = data.wilayah(data.version())
    table = pd.DataFrame({"kode": list(codes), "nama": "", "wilayah_kode": "", "jenis": "dinas"})
    edited = st.data_editor(
        table,
        hide_index=True,
        disabled=["kode"],
        key=f"instansi_baru_{checked.sha256}",
        column_config={
            "wilayah_kode": st.column_config.SelectboxColumn("Wilayah", options=list(regions["kode"]), required=True),
            "jenis": st.column_config.SelectboxColumn("Jenis", options=list(JENIS_INSTANSI)),
            "nama": st.column_config.TextColumn("Nama instansi", required=True),
        },
    )
    if st.button("Impor instansi ini dulu", key=f"impor_instansi_{checked.sha256}"):
        content = edited.to_csv(index=False, sep=";").encode("utf-8")
        done = _run(content, "instansi_baru.csv", "instansi", dry_run=False, text="Menyimpan")
        if isinstance(done, str) or done.status == "ditolak":
            reason = done if isinstance(done, str) else "; ".join(done.messages(limit=3))
            st.error(f"Instansi belum dapat diimpor: {markdown_literal(reason)}")
            return
        data.forget_version()
        st.success(f"{done.baru} instansi diimpor (impor #{done.batch_id}). Berkas Anda diperiksa ulang.")
        st.rerun()


def templates() -> None:
    st.markdown("Templat berisi judul kolom yang benar dan satu baris contoh. XLSX-nya memformat NIP sebagai teks.")
    for kind in KINDS:
        spec = ingest.get_kind(kind)
        left, csv_col, xlsx_col = st.columns([3, 1, 1])
        required = ", ".join(f"`{c.name}`" for c in spec.required)
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


def _stamp(value: object) -> str:
    return format_cell(value) if pd.notna(value) else ""  # type: ignore[call-overload]


def history() -> None:
    """Every import, newest first, with who undid which and when; the latest of each kind can be undone, after
    a confirmation that says what the undo will do."""
    message = st.session_state.pop("hasil_batal", None)
    if message:
        st.success(message, icon=":material/check_circle:")
    batches = load_batches(data.engine(), limit=200)
    own_only = _scope() is not None
    if own_only:  # an evaluator sees and undoes the imports of their own account
        batches = batches[batches["pengguna"] == current_user()]
        st.caption("Hanya impor akun Anda yang ditampilkan dan dapat dibatalkan.")
    if batches.empty:
        st.info("Belum ada impor.")
        return
    status = [
        f"dibatalkan {_stamp(when)}" + (f" oleh {who}" if isinstance(who, str) and who else "")
        if pd.notna(when)
        else "aktif"
        for when, who in zip(batches["dibatalkan_pada"], batches["dibatalkan_oleh"], strict=True)
    ]
    shown = pd.DataFrame(
        {
            "Impor #": batches["id"].astype(str),
            "Waktu": [_stamp(t) for t in batches["dibuat_pada"]],
            "Jenis": [ingest.get_kind(k).title for k in batches["jenis"]],
            "Berkas": batches["nama_file"],
            "Pengguna": batches["pengguna"],
            "Baru": [format_number(v) for v in batches["baris_baru"]],
            "Diubah": [format_number(v) for v in batches["baris_diubah"]],
            "Tetap": [format_number(v) for v in batches["baris_tetap"]],
            "Status": status,
        }
    )
    st.dataframe(shown, hide_index=True, width="stretch")
    active = batches[batches["dibatalkan_pada"].isna()]
    undoable = active.groupby("jenis")["id"].max().sort_values(ascending=False)
    labels = {int(i): _batch_label(batches, int(i)) for i in undoable}
    choice = st.selectbox(
        "Batalkan impor (hanya impor terakhir dari setiap jenis)",
        [None, *labels],
        format_func=lambda i: "—" if i is None else labels[i],
        key="batal_pilihan",
    )
    if choice is None:
        return
    if st.session_state.get("batal_yakin") != choice:
        if st.button("Batalkan impor ini…"):
            st.session_state["batal_yakin"] = choice
            st.rerun()
        return
    row = batches[batches["id"] == choice].iloc[0]
    st.warning(
        f"Yakin membatalkan {labels[choice]}? {format_number(int(row['baris_baru']))} baris barunya dihapus dan "
        f"{format_number(int(row['baris_diubah']))} baris yang diubahnya dikembalikan seperti sebelumnya. "
        "Pembatalan dicatat di riwayat atas nama Anda."
    )
    yes, no = st.columns([1, 5])
    if no.button("Tidak"):
        st.session_state.pop("batal_yakin", None)
        st.rerun()
    if not yes.button("Ya, batalkan", type="primary"):
        return
    st.session_state.pop("batal_yakin", None)
    try:
        now = dt.datetime.now().replace(microsecond=0)
        result = undo_batch(
            data.engine(), int(choice), now=now, pengguna=current_user(), own_only=own_only, lingkup=_scope()
        )
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
    return (
        f"impor #{batch_id} ({ingest.get_kind(row['jenis']).title}, {row['nama_file']}, {_stamp(row['dibuat_pada'])})"
    )
