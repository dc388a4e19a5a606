"""The audit log (issue 15 item 6): one row per action, appended in the transaction of the action itself, so an
action and its record land together or not at all. The table refuses UPDATE and DELETE (migration 0011)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Engine, insert, select

from asn_metrics.db.schema import audit

#: The actions recorded so far, with their Indonesian names for the page and the CLI.
ACTIONS = {
    "impor": "Impor",
    "batal_impor": "Pembatalan impor",
    "akun_tambah": "Akun ditambahkan",
    "akun_nonaktif": "Akun dinonaktifkan",
    "akun_sandi": "Kata sandi diganti",
    "login": "Masuk",
    "login_gagal": "Gagal masuk",
    "akun_terkunci": "Akun terkunci",
}


def record(
    conn: Connection,
    aksi: str,
    *,
    pengguna: str,
    waktu: dt.datetime,
    rincian: dict[str, Any],
    lingkup: str | None = None,
) -> None:
    """Append one row inside ``conn``'s transaction."""
    if aksi not in ACTIONS:
        raise ValueError(f"unknown audit action {aksi!r}")
    conn.execute(
        insert(audit).values(
            waktu=waktu,
            pengguna=pengguna,
            aksi=aksi,
            rincian=json.dumps(rincian, ensure_ascii=False, sort_keys=True, default=str),
            lingkup=lingkup,
        )
    )


def load_audit(engine: Engine, *, limit: int = 200, aksi: str | None = None) -> pd.DataFrame:
    """The newest rows first: waktu, pengguna, aksi, rincian (a dict), lingkup."""
    stmt = select(audit.c.waktu, audit.c.pengguna, audit.c.aksi, audit.c.rincian, audit.c.lingkup)
    if aksi:
        stmt = stmt.where(audit.c.aksi == aksi)
    with engine.connect() as conn:
        rows = conn.execute(stmt.order_by(audit.c.id.desc()).limit(limit)).all()
    frame = pd.DataFrame(rows, columns=["waktu", "pengguna", "aksi", "rincian", "lingkup"])
    frame["rincian"] = [json.loads(r) for r in frame["rincian"]]
    return frame
