"""Presentasi: the meeting's slides from the current filters, and the deck to take away (views.presentasi)."""

from __future__ import annotations

from asn_metrics.ui import components, data, slides
from asn_metrics.views.presentasi import Deck

filters = components.page_filters()
deck: Deck | None = data.view("presentasi", filters)
if deck is None:
    components.empty_state("untuk presentasi", "Pilih tahun yang sudah berisi data di halaman lain.")
else:
    slides.show(deck)
    slides.downloads(filters)
