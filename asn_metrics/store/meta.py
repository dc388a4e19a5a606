"""Readers about the data itself: its version (for caches), demo marker, dates and import history."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pandas as pd
from sqlalchemy import Engine, func, select

from asn_metrics.db.schema import import_batch, indikator, layanan, pengaduan, pengaturan, skm, skp_tahunan, unggah_mutu
from asn_metrics.store.base import frame


def data_version(engine: Engine) -> str:
    """A string that changes whenever an import or an undo changes the data; caches key on it."""
    stmt = select(
        func.count(import_batch.c.id),
        func.max(import_batch.c.id),
        func.count(import_batch.c.dibatalkan_pada),  # an undo in the same second as the last import still counts
        func.max(func.coalesce(import_batch.c.dibatalkan_pada, import_batch.c.dibuat_pada)),
        select(func.max(unggah_mutu.c.id)).scalar_subquery(),  # a refused upload counts for validity
        # An admin's change of a standard or weight (store.configuration) changes what the views compute.
        select(pengaturan.c.nilai).where(pengaturan.c.kunci == "versi_pengaturan").scalar_subquery(),
    )
    with engine.connect() as conn:
        count, last_id, undone, last_change, quality, settings = conn.execute(stmt).one()
    return f"{count}:{last_id}:{undone}:{last_change}:{quality}:{settings}"


def load_setting(engine: Engine, kunci: str) -> Any:
    """The JSON value of one setting, or None."""
    with engine.connect() as conn:
        raw = conn.scalar(select(pengaturan.c.nilai).where(pengaturan.c.kunci == kunci))
    return None if raw is None else json.loads(raw)


def load_demo_info(engine: Engine) -> dict[str, Any] | None:
    """The demo generator's record (seed, pegawai, date) when the data is synthetic, else None."""
    value = load_setting(engine, "demo")
    return value if isinstance(value, dict) else None


def load_data_years(engine: Engine) -> list[int]:
    """Every year that has SKP ratings, indicators, services, surveys or complaints, newest first."""
    years: set[int] = set()
    with engine.connect() as conn:
        # skp_tahunan has a row for every employee and year with any SKP row: the same years, 10× fewer rows.
        years.update(int(y) for y in conn.scalars(select(skp_tahunan.c.tahun).distinct()))
        years.update(int(y) for y in conn.scalars(select(indikator.c.tahun).distinct()))
        for column in (layanan.c.tanggal_masuk, pengaduan.c.tanggal_masuk, skm.c.tanggal):
            # Two queries: SQLite answers a lone min() or max() from the index, both together by a scan.
            low, high = conn.scalar(select(func.min(column))), conn.scalar(select(func.max(column)))
            if low is not None:
                years.update(range(_year(low), _year(high) + 1))
    return sorted(years, reverse=True)


def _year(value: dt.date | dt.datetime | str) -> int:
    return value.year if isinstance(value, dt.date) else int(str(value)[:4])


def load_data_as_of(engine: Engine) -> dict[str, dt.datetime | None]:
    """The newest import and the newest event recorded, for "Data per …" on every page."""
    with engine.connect() as conn:
        last_import = conn.scalar(
            select(func.max(import_batch.c.dibuat_pada)).where(import_batch.c.dibatalkan_pada.is_(None))
        )
        last_event = conn.scalar(select(func.max(layanan.c.tanggal_masuk)))
    return {"impor_terakhir": _as_datetime(last_import), "peristiwa_terakhir": _as_datetime(last_event)}


def _as_datetime(value: object) -> dt.datetime | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


def load_batches(engine: Engine, *, limit: int = 200) -> pd.DataFrame:
    """Import history, newest first: id, jenis, nama_file, sha256, pengguna, sumber, dates and row counts."""
    stmt = select(import_batch).order_by(import_batch.c.id.desc()).limit(limit)
    return frame(engine, stmt)
