"""What the small-file and the big-file upload paths show alike: verdicts, progress, the result line."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from asn_metrics.formatting import format_number


def advance(bar: DeltaGenerator, fraction: float, step: str) -> None:
    """A progress callback for ``importer`` that moves ``bar``."""
    bar.progress(min(fraction, 1.0), text=f"{step}…")


def show_valid(rows: int, warnings: pd.DataFrame) -> None:
    st.success(f"Berkas valid: {format_number(rows)} baris siap diimpor. Periksa cuplikannya lalu konfirmasi.")
    if len(warnings):
        with st.expander(f"{len(warnings)} peringatan (tidak menghalangi impor)"):
            st.dataframe(warnings, hide_index=True)


def show_refusal(errors: pd.DataFrame, report: bytes, filename: str) -> None:
    """Every error (the first 10,000 on screen) and the report: the original rows plus ``kesalahan``."""
    st.error(
        f"**Berkas ditolak: {format_number(len(errors))} kesalahan.** Tidak ada data yang ditulis. "
        "Perbaiki baris-baris di bawah (atau unduh laporannya), lalu unggah ulang."
    )
    st.dataframe(
        errors[["baris", "kolom", "nilai", "pesan", "saran"]].head(10_000).rename(columns=str.capitalize),
        hide_index=True,
        width="stretch",
    )
    st.download_button(
        "Unduh laporan kesalahan (baris asli + kolom kesalahan)",
        report,
        file_name=f"kesalahan_{filename.rsplit('.', 1)[0]}.csv",
        mime="text/csv",
    )


def announce(batch_id: int, filename: str, baru: int, diubah: int, tetap: int) -> None:
    """Keep the result line for the rerun that follows (``upload.last_result`` shows it), and rerun."""
    st.session_state["hasil_impor"] = (
        f"Impor #{batch_id} ({filename}) selesai: {format_number(baru)} baris baru, "
        f"{format_number(diubah)} diubah, {format_number(tetap)} tetap. Semua halaman langsung memakai data ini."
    )
    st.rerun()
