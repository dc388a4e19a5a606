"""Personal data on screen: one switch that decides whether NIPs and names are shown (DOMAIN.md §11, UX.md).

Today the sidebar's presentation-mode toggle drives it; the accounts issue will decide it from the user's role.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from asn_metrics.nip import mask_nip

PRESENTATION_KEY = "mode_presentasi"
HIDDEN_NAME = "(disamarkan)"


def show_personal_data() -> bool:
    """True when NIPs and names may be shown in full (default); False in presentation mode."""
    return not bool(st.session_state.get(PRESENTATION_KEY, False))


def mask_frame(
    frame: pd.DataFrame, nip_columns: Sequence[str] = ("nip",), name_columns: Sequence[str] = ("nama",)
) -> pd.DataFrame:
    """A copy with NIPs masked (``nip.mask_nip``) and names hidden; missing columns are skipped."""
    out = frame.copy()
    for column in nip_columns:
        if column in out.columns:
            out[column] = [mask_nip(str(v)) if isinstance(v, str) else v for v in out[column]]
    for column in name_columns:
        if column in out.columns:
            out[column] = HIDDEN_NAME
    return out


def mask(
    frame: pd.DataFrame, nip_columns: Sequence[str] = ("nip",), name_columns: Sequence[str] = ("nama",)
) -> pd.DataFrame:
    """``frame`` as it may be shown now: unchanged, or masked when personal data is to be hidden."""
    return frame if show_personal_data() else mask_frame(frame, nip_columns, name_columns)


def mask_text(nip: str) -> str:
    return nip if show_personal_data() else mask_nip(nip)
