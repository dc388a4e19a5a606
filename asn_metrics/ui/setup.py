"""First-run checks: the schema exists and is current, else a clear message instead of a traceback."""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from asn_metrics.db.migrate import current_revision, head_revision


def ensure_schema(engine: Engine) -> bool:
    """True when the database is reachable and migrated; otherwise show what to run and return False."""
    try:
        current = current_revision(engine)
    except SQLAlchemyError as exc:
        st.error(f"Basis data tidak dapat dibuka ({type(exc).__name__}). Periksa variabel ASN_DB_URL.")
        return False
    if current != head_revision():
        st.error(
            "Skema basis data belum dibuat atau belum terbaru. Jalankan `python -m asn_metrics init-db` "
            "(atau `make run`, yang menjalankannya sendiri), lalu muat ulang halaman ini."
        )
        return False
    return True
