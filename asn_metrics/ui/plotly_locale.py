"""Plotly's chart toolbar and hover texts in Indonesian (issue 19 item 10).

Plotly.js ships an ``id`` locale whose dictionary is empty (and spells "Nopember"), and Streamlit registers no
locale; Plotly takes the definitions with the chart instead (``config.locales``), so each chart carries this
one. The keys are Plotly's own English strings: those of the toolbar buttons, the hover labels of box plots and
the double-click hints our charts can show.
"""

from __future__ import annotations

from typing import Any, Final

from asn_metrics.formatting import MONTHS, MONTHS_SHORT

NAME: Final = "id"

DICTIONARY: Final = {
    "Autoscale": "Skala otomatis",
    "Box Select": "Pilih dengan kotak",
    "Compare data on hover": "Bandingkan data saat kursor di atasnya",
    "Double-click on legend to isolate one trace": "Klik dua kali pada legenda untuk menampilkan satu seri saja",
    "Double-click to zoom back out": "Klik dua kali untuk memperkecil kembali",
    "Download plot as a png": "Unduh grafik sebagai PNG",
    "Download plot as a PNG": "Unduh grafik sebagai PNG",  # Streamlit's own download button
    "Download plot": "Unduh grafik",
    "Lasso Select": "Pilih dengan laso",
    "Pan": "Geser",
    "Produced with Plotly": "Dibuat dengan Plotly",
    "Reset": "Atur ulang",
    "Reset axes": "Atur ulang sumbu",
    "Reset view": "Atur ulang tampilan",
    "Reset views": "Atur ulang tampilan",
    "Show closest data on hover": "Tampilkan data terdekat saat kursor di atasnya",
    "Snapshot succeeded": "Gambar berhasil dibuat",
    "Sorry, there was a problem downloading your snapshot!": "Maaf, gambar gagal diunduh.",
    "Taking snapshot - this may take a few seconds": "Membuat gambar, mungkin perlu beberapa detik",
    "Toggle Spike Lines": "Tampilkan/sembunyikan garis bantu",
    "Toggle show closest data on hover": "Tampilkan/sembunyikan data terdekat",
    "Zoom": "Perbesar area",
    "Zoom in": "Perbesar",
    "Zoom out": "Perkecil",
    "lower fence:": "batas bawah:",
    "upper fence:": "batas atas:",
    "max:": "maks:",
    "min:": "min:",
    "mean:": "rata-rata:",
    "mean ± σ:": "rata-rata ± σ:",
    "median:": "median:",
    "q1:": "kuartil 1:",
    "q3:": "kuartil 3:",
    "trace": "seri",
}

FORMAT: Final = {
    "days": ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"],
    "shortDays": ["Min", "Sen", "Sel", "Rab", "Kam", "Jum", "Sab"],
    "months": list(MONTHS),
    "shortMonths": list(MONTHS_SHORT),
    "date": "%d/%m/%Y",
    "decimal": ",",
    "thousands": ".",
}


def config() -> dict[str, Any]:
    """The part of a chart's Plotly config that makes it speak Indonesian."""
    return {"locale": NAME, "locales": {NAME: {"dictionary": DICTIONARY, "format": FORMAT}}}
