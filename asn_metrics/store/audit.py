"""The audit log (issue 15 item 6): one row per action, appended in the transaction of the action itself, so an
action and its record land together or not at all. The table refuses UPDATE and DELETE (migration 0011)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
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
    "logout": "Keluar",
    "sesi_berakhir": "Sesi berakhir",
    "unduh_daftar": "Unduh daftar pegawai",
    "ekspor": "Ekspor",
    "pengaturan_ubah": "Pengaturan diubah",
    "standar_ubah": "Standar layanan diubah",
    "bobot_ubah": "Bobot skor diubah",
}


def scope_text(codes: Sequence[str] | None) -> str | None:
    """An account's agency codes as the log keeps them ("17.DUKCAPIL, 17.04.DUKCAPIL"); None: the province."""
    return ", ".join(codes) if codes else None


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


def record_now(
    engine: Engine, aksi: str, *, pengguna: str, rincian: dict[str, Any], lingkup: str | None = None
) -> None:
    """Append one row in its own transaction: an action that writes nothing else (a download, an export)."""
    with engine.begin() as conn:
        record(
            conn,
            aksi,
            pengguna=pengguna,
            waktu=dt.datetime.now().replace(microsecond=0),
            rincian=rincian,
            lingkup=lingkup,
        )


#: How the keys of ``rincian`` read on the Admin page.
DETAIL_NAMES = {
    "batch_id": "impor #",
    "sha256": "SHA-256",
    "nama_nip": "dengan nama & NIP",
    "sesi_menit": "batas sesi (menit)",
    "kualitas_data": "kualitas data",
}


def describe(rincian: dict[str, Any]) -> str:
    """One row's details as a person reads them: ``berkas: a.csv · baru: 3``."""

    def value(v: Any) -> str:
        if isinstance(v, bool):
            return "ya" if v else "tidak"
        if isinstance(v, dict):
            return ", ".join(f"{DETAIL_NAMES.get(k, k)} {value(x)}" for k, x in v.items())
        if isinstance(v, list):
            return ", ".join(str(x) for x in v) or "–"
        return str(v)

    return " · ".join(f"{DETAIL_NAMES.get(k, k)}: {value(v)}" for k, v in rincian.items())


def load_audit(
    engine: Engine,
    *,
    limit: int = 200,
    aksi: str | None = None,
    pengguna: str | None = None,
    sejak: dt.datetime | None = None,
) -> pd.DataFrame:
    """The newest rows first: waktu, pengguna, aksi, rincian (a dict), lingkup; optionally one action, one
    account and from a moment on."""
    stmt = select(audit.c.waktu, audit.c.pengguna, audit.c.aksi, audit.c.rincian, audit.c.lingkup)
    if aksi:
        stmt = stmt.where(audit.c.aksi == aksi)
    if pengguna:
        stmt = stmt.where(audit.c.pengguna == pengguna)
    if sejak is not None:
        stmt = stmt.where(audit.c.waktu >= sejak)
    with engine.connect() as conn:
        rows = conn.execute(stmt.order_by(audit.c.id.desc()).limit(limit)).all()
    frame = pd.DataFrame(rows, columns=["waktu", "pengguna", "aksi", "rincian", "lingkup"])
    frame["rincian"] = [json.loads(r) for r in frame["rincian"]]
    return frame
