"""Big uploads on the Unggah Data page: checked and written chunk by chunk, like the CLI, in bounded memory.

A CSV/TXT upload of more than ``STREAM_LINES`` lines is copied to a temporary file and goes through
``importer.import_stream``: first a dry run (every error of the file, a progress bar), then, once the
evaluator confirms, the import itself (one transaction, a progress bar). Small files keep the in-memory path
of ``upload.py``, which also offers the original rows with a ``kesalahan`` column.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import time
from pathlib import Path

import pandas as pd
import streamlit as st

from asn_metrics import importer, ingest
from asn_metrics.formatting import format_number
from asn_metrics.ui import data, upload_parts

#: Files with more lines than this are streamed (a 1,000,000-row SKP file would need >1 GB in memory).
STREAM_LINES = 200_000
_SPOOL = Path(tempfile.gettempdir()) / "asn_unggah"
#: A spooled upload not used for this long is removed at the next big upload: the evaluator left it (refused,
#: or never confirmed), and each copy is as big as its file.
SPOOL_KEPT_SECONDS = 24 * 3600


def is_big(content: bytes, filename: str) -> bool:
    return not filename.lower().endswith((".xlsx", ".xlsm")) and content.count(b"\n") > STREAM_LINES


def big_upload(content: bytes, filename: str, kind: str | None, user: str, label: str) -> None:
    """Check a big file (once per file, kind and data version), show the verdict, import on confirmation."""
    digest = hashlib.sha256(content).hexdigest()
    path = _spool(content, filename, digest)
    try:
        chosen = kind or _detect(path)
    except (ingest.UnreadableFile, ingest.UnknownKind) as exc:
        st.error(str(exc))
        return
    shown = label if kind else f"{ingest.get_kind(chosen).title} ({chosen})"
    st.markdown(f"**{filename}** dibaca sebagai **{shown}** (berkas besar: diperiksa dan disimpan per bagian).")
    key = f"cek_besar:{digest}:{chosen}:{data.version()}"
    checked = st.session_state.get(key)
    if checked is None:
        checked = _run(path, chosen, user, dry_run=True, text="Memeriksa")
        if checked is None:
            return
        st.session_state[key] = checked
    if checked.status == "sudah_diimpor":
        shutil.rmtree(path.parent, ignore_errors=True)
        st.info(importer.already_imported_text(checked.sebelumnya))
        return
    if checked.status == "ditolak":
        _refused(checked, filename, path, chosen)
        return
    upload_parts.show_valid(checked.rows, checked.warnings)
    st.dataframe(_preview(path, chosen), hide_index=True)
    if not st.button(f"Impor {format_number(checked.rows)} baris", type="primary", key=f"impor_besar_{digest}"):
        return
    done = _run(path, chosen, user, dry_run=False, text="Menyimpan")
    if done is None:
        return
    if done.status == "ditolak":  # the database changed since the check (e.g. an employee was removed)
        _refused(done, filename, path, chosen)
        return
    shutil.rmtree(path.parent, ignore_errors=True)
    written = done.written
    if written is None:
        st.info(importer.already_imported_text(done.sebelumnya))
        return
    upload_parts.announce(written.batch_id, filename, written.baru, written.diubah, written.tetap)


def _spool(content: bytes, filename: str, digest: str) -> Path:
    """The upload as a file named like the original (messages and the history use the name). Copies left by
    earlier uploads and unused for ``SPOOL_KEPT_SECONDS`` are removed first."""
    _sweep(time.time() - SPOOL_KEPT_SECONDS, keep=digest)
    folder = _SPOOL / digest
    folder.mkdir(parents=True, exist_ok=True)
    os.utime(folder)  # in use: marked before anything else, so no other session's sweep takes it
    path = folder / Path(filename).name
    if not path.exists() or path.stat().st_size != len(content):
        partial = folder / f".{path.name}.sebagian"
        partial.write_bytes(content)
        partial.replace(path)
    return path


def _sweep(before: float, keep: str) -> None:
    """Remove the spooled uploads (folders of ``_SPOOL``) last used before ``before`` (seconds since the epoch),
    except ``keep``."""
    try:
        folders = [f for f in _SPOOL.iterdir() if f.is_dir() and f.name != keep]
    except OSError:  # no spool yet
        return
    for folder in folders:
        try:
            if folder.stat().st_mtime < before:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:  # removed meanwhile by another session
            continue


def _detect(path: Path) -> str:
    head = next(ingest.iter_chunks(path, 64))
    if head.kind is None:
        raise ingest.UnknownKind(importer.UNKNOWN_KIND_MESSAGE)
    return head.kind


def _preview(path: Path, kind: str) -> pd.DataFrame:
    """The first 20 rows as the file has them (the whole file is checked, not kept)."""
    head = next(ingest.iter_chunks(path, 20, kind))
    frame = head.frame.head(20).copy()
    frame.columns = list(head.headers)
    frame.insert(0, "baris", head.lines[: len(frame)])
    return frame


def _run(path: Path, kind: str, user: str, *, dry_run: bool, text: str) -> importer.StreamOutcome | None:
    bar = st.progress(0.0, text=f"{text}…")
    try:
        outcome = importer.import_stream(
            data.engine(),
            path,
            kind,
            pengguna=user,
            sumber="unggah",
            dry_run=dry_run,
            progress=lambda fraction, step: upload_parts.advance(bar, fraction, step),
        )
        if not dry_run:
            data.forget_version()
        return outcome
    except (ingest.UnreadableFile, importer.ImportFailed) as exc:
        st.error(str(exc))
        return None
    finally:
        bar.empty()


def _refused(outcome: importer.StreamOutcome, filename: str, path: Path, kind: str) -> None:
    upload_parts.show_refusal(outcome.errors, _report(path, kind, outcome.errors), filename)


def _report(path: Path, kind: str, errors: pd.DataFrame) -> bytes:
    """The original rows plus ``kesalahan``, written chunk by chunk beside the spooled upload, once per list
    of errors (a later check against changed data may find others)."""
    tag = hashlib.sha256(errors.to_csv(index=False).encode("utf-8")).hexdigest()[:16]
    report = path.with_name(f".{path.name}.{tag}.kesalahan.csv")
    if not report.exists():
        partial = report.with_suffix(".sebagian")
        with partial.open("wb") as out:
            ingest.write_error_report(ingest.iter_chunks(path, 200_000, kind), errors, out)
        partial.replace(report)
    return report.read_bytes()
