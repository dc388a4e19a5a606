"""Generate the whole demo into an empty database in one transaction, one import batch per kind and region."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import pandas as pd
from faker import Faker
from sqlalchemy import Connection, Engine

from asn_metrics import reference
from asn_metrics.db import schema
from asn_metrics.demo.agencies import Agency, build_agencies
from asn_metrics.demo.common import TODAY, DemoError, data_end
from asn_metrics.demo.complaints import build_pengaduan
from asn_metrics.demo.indicators import build_indikator
from asn_metrics.demo.people import build_people
from asn_metrics.demo.ratings import build_skp
from asn_metrics.demo.services import build_layanan
from asn_metrics.demo.surveys import build_skm
from asn_metrics.demo.training import build_disiplin, build_pelatihan
from asn_metrics.demo.uploads import upload_quality
from asn_metrics.store import summaries
from asn_metrics.store.upsert import insert_frame
from asn_metrics.store.write import CHUNK_ROWS, database_is_empty, reset_sequences, set_setting

MIN_PEGAWAI = 200
MAX_PEGAWAI = 100_000
_DATES = {
    "pegawai": ("tanggal_lahir",),
    "skm": ("tanggal",),
    "pelatihan": ("tanggal_mulai", "tanggal_selesai"),
    "disiplin": ("tanggal",),
}
_DATETIMES = {
    "layanan": ("tanggal_masuk", "tanggal_selesai"),
    "pengaduan": ("tanggal_masuk", "tanggal_tanggapan", "tanggal_selesai"),
    "skp": ("dicatat_pada",),
}
# Date of the latest event in a batch's data, for kinds whose rows carry no usable event date.
_FIXED_EVENT = {"instansi": dt.date(2026, 1, 2), "skp": dt.date(2026, 1, 15), "indikator": dt.date(2026, 2, 24)}


@dataclass(frozen=True)
class DemoResult:
    """Rows written per table."""

    import_batch: int
    instansi: int
    pegawai: int
    skp: int
    layanan: int
    skm: int
    pengaduan: int
    indikator: int
    pelatihan: int
    disiplin: int

    def counts(self) -> dict[str, int]:
        return asdict(self)


def build_tables(pegawai: int, seed: int, progress: Callable[[str], None]) -> dict[str, pd.DataFrame]:
    """Every table of the demo as a DataFrame with explicit ids and a helper ``wilayah`` column."""
    rngs = [np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(8)]
    faker = Faker("id_ID")
    faker.seed_instance(seed)
    agencies = build_agencies()
    wil_of = pd.Series({a.id: a.wilayah for a in agencies})
    progress("Membuat instansi dan pegawai…")
    people = build_people(rngs[0], faker, agencies, pegawai)
    progress("Membuat penilaian SKP…")
    skp = build_skp(rngs[1], people, agencies)
    progress("Membuat transaksi layanan…")
    layanan = build_layanan(rngs[2], people, agencies, pegawai)
    progress("Membuat survei kepuasan, pengaduan dan indikator…")
    skm = build_skm(rngs[3], agencies, layanan, pegawai)
    pengaduan = build_pengaduan(rngs[4], agencies, pegawai)
    indikator = build_indikator(rngs[5], agencies)
    progress("Membuat pelatihan dan disiplin…")
    pelatihan = build_pelatihan(rngs[6], people)
    weak_ids = skp.loc[(skp["periode"] == "tahunan") & (skp["predikat"] == reference.KURANG), "pegawai_id"]
    disiplin = build_disiplin(rngs[7], people, people["id"].isin(weak_ids).to_numpy())
    tables = {
        "instansi": _instansi(agencies),
        "pegawai": people,
        "skp": skp,
        "layanan": layanan,
        "skm": skm,
        "pengaduan": pengaduan,
        "indikator": indikator,
        "pelatihan": pelatihan,
        "disiplin": disiplin,
    }
    person_wil = people.set_index("id")["wilayah"]
    for kind, df in tables.items():
        if kind in ("layanan", "skm", "pengaduan", "indikator"):
            df["wilayah"] = df["instansi_id"].map(wil_of).to_numpy()
        elif kind in ("skp", "pelatihan", "disiplin"):
            df["wilayah"] = df["pegawai_id"].map(person_wil).to_numpy()
    return tables


def _instansi(agencies: list[Agency]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": [a.id for a in agencies],
            "kode": [a.kode for a in agencies],
            "nama": [a.nama for a in agencies],
            "wilayah_kode": [a.wilayah for a in agencies],
            "jenis": [a.jenis for a in agencies],
            "induk_kode": [a.induk for a in agencies],
            "wilayah": [a.wilayah for a in agencies],
        }
    )


def _latest_event(kind: str, df: pd.DataFrame, wilayah: str) -> dt.date:
    if kind in _FIXED_EVENT:
        return _FIXED_EVENT[kind]
    if kind == "pegawai":
        return min(dt.date(2026, 10, 1), data_end(wilayah) - dt.timedelta(days=20))
    column = {
        "layanan": "tanggal_masuk",
        "skm": "tanggal",
        "pengaduan": "tanggal_masuk",
        "pelatihan": "tanggal_mulai",
        "disiplin": "tanggal",
    }[kind]
    return pd.Timestamp(df[column].max()).date()


def _batches(tables: dict[str, pd.DataFrame], seed: int, pegawai: int) -> pd.DataFrame:
    """One batch per (kind, region) that has rows; assigns ``batch_id`` to every row."""
    rows: list[dict[str, Any]] = []
    for kind in reference.KINDS:
        df = tables[kind]
        df["batch_id"] = 0
        for wil in reference.WILAYAH:
            mask = (df["wilayah"] == wil).to_numpy()
            if not mask.any():
                continue
            batch_id = len(rows) + 1
            df.loc[mask, "batch_id"] = batch_id
            day = min(_latest_event(kind, df[mask], wil) + dt.timedelta(days=3), TODAY)
            at = dt.datetime.combine(day, dt.time(8 + batch_id % 8, (batch_id * 7) % 60))
            digest = hashlib.sha256(f"demo|{seed}|{pegawai}|{kind}|{wil}|{int(mask.sum())}".encode()).hexdigest()
            rows.append(
                {
                    "id": batch_id,
                    "jenis": kind,
                    "nama_file": f"demo_{kind}_{wil}.csv",
                    "sha256": digest,
                    "pengguna": "demo",
                    "sumber": "demo",
                    "dibuat_pada": at,
                    "baris_baru": int(mask.sum()),
                }
            )
    return pd.DataFrame(rows)


def generate_demo(
    engine: Engine, *, pegawai: int = 5000, seed: int = 20261127, progress: Callable[[str], None] | None = None
) -> DemoResult:
    """Fill an empty database with the synthetic Bengkulu demo; the same seed gives the same contents."""
    if not MIN_PEGAWAI <= pegawai <= MAX_PEGAWAI:
        raise DemoError(f"Jumlah pegawai demo harus antara {MIN_PEGAWAI} dan {MAX_PEGAWAI}, bukan {pegawai}.")
    say = progress or (lambda _message: None)
    with engine.begin() as conn:
        if not database_is_empty(conn):
            raise DemoError("Basis data sudah berisi data; data demo hanya dapat dibuat pada basis data yang kosong.")
        tables = build_tables(pegawai, seed, say)
        batches = _batches(tables, seed, pegawai)
        say("Menyimpan ke basis data…")
        insert_frame(conn, schema.import_batch.name, list(batches.columns), batches, schema.import_batch)
        counts = {"import_batch": len(batches)}
        for kind in reference.KINDS:
            counts[kind] = _insert(conn, kind, tables[kind])
        quality = upload_quality(np.random.default_rng(np.random.SeedSequence(seed).spawn(9)[8]), tables, batches)
        insert_frame(conn, schema.unggah_mutu.name, list(quality.columns), quality, schema.unggah_mutu)
        summaries.refresh_all(conn)
        reset_sequences(conn)
        now = dt.datetime.combine(TODAY, dt.time(8, 0))
        info = {"seed": seed, "pegawai": pegawai, "dibuat": TODAY.isoformat()}
        set_setting(conn, "demo", json.dumps(info), now)
    say("Data demo selesai dibuat.")
    return DemoResult(**counts)


def _insert(conn: Connection, kind: str, df: pd.DataFrame) -> int:
    """The rows of ``kind`` through the import pipeline's own bulk load (``upsert.insert_frame``: executemany on
    SQLite, COPY on PostgreSQL), so the demo stores every value exactly as an import of the same rows would."""
    table = schema.KIND_TABLES[kind]
    names = [c.name for c in table.columns if c.name in df.columns]
    frame = _typed(df[names], kind)
    for start in range(0, len(frame), CHUNK_ROWS):
        insert_frame(conn, table.name, names, frame.iloc[start : start + CHUNK_ROWS], table)
    return len(frame)


def _typed(df: pd.DataFrame, kind: str) -> pd.DataFrame:
    """Dates as days and date-times as seconds, as ``to_records`` hands them over."""
    out = df.copy()
    for name in _DATES.get(kind, ()):
        out[name] = pd.to_datetime(out[name]).dt.floor("D")
    for name in _DATETIMES.get(kind, ()):
        out[name] = pd.to_datetime(out[name]).dt.floor("s")
    return out
