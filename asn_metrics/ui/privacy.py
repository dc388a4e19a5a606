"""Personal data on screen: one switch that decides whether NIPs and names are shown (DOMAIN.md §11, UX.md).

The account's role decides first (a guest never sees them; the store's person loaders mask them too), then the
sidebar's presentation-mode toggle hides them for a meeting.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from asn_metrics.accounts import PERSONAL_ROLES
from asn_metrics.nip import mask_nip, mask_people
from asn_metrics.ui import auth

PRESENTATION_KEY = "mode_presentasi"


def role_allows_personal_data() -> bool:
    """True when the logged-in account's role may read names and NIPs."""
    login = auth.account()
    return login is not None and login.peran in PERSONAL_ROLES


def show_personal_data() -> bool:
    """True when NIPs and names may be shown in full: the role allows it and presentation mode is off."""
    return role_allows_personal_data() and not bool(st.session_state.get(PRESENTATION_KEY, False))


def mask_frame(
    frame: pd.DataFrame, nip_columns: Sequence[str] = ("nip",), name_columns: Sequence[str] = ("nama",)
) -> pd.DataFrame:
    """A copy with NIPs masked (``nip.mask_nip``) and names hidden; missing columns are skipped."""
    return mask_people(frame, nip_columns, name_columns)


def mask(
    frame: pd.DataFrame, nip_columns: Sequence[str] = ("nip",), name_columns: Sequence[str] = ("nama",)
) -> pd.DataFrame:
    """``frame`` as it may be shown now: unchanged, or masked when personal data is to be hidden."""
    return frame if show_personal_data() else mask_frame(frame, nip_columns, name_columns)


def mask_text(nip: str) -> str:
    return nip if show_personal_data() else mask_nip(nip)
