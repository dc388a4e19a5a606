"""The headline figures of `summary --json` (DATA_FORMATS.md "summary --json"), as plain JSON values."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace
from typing import Any

import pandas as pd
from sqlalchemy import Engine

from asn_metrics import complaints, indicators, service, store, survey
from asn_metrics.filters import Filters
from asn_metrics.reference import PERIODE_TAHUNAN, PREDIKAT_ORDER, UNSUR_KOLOM


def default_year(engine: Engine) -> int | None:
    """The latest year with annual SKP predikat, else the latest year with any data."""
    years = store.load_skp_years(engine) or store.load_data_years(engine)
    return years[0] if years else None


def _number(value: Any, decimals: int = 2) -> float | int | None:
    """A JSON number: NaN and None become null, floats are rounded."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int) or (hasattr(value, "is_integer") and float(value).is_integer() and decimals == 0):
        return int(value)
    return round(float(value), decimals)


def _records(frame: pd.DataFrame, columns: dict[str, int | None]) -> list[dict[str, Any]]:
    """Rows as dicts; ``columns`` maps a column to its decimals (None keeps text as is)."""
    return [
        {name: (row[name] if decimals is None else _number(row[name], decimals)) for name, decimals in columns.items()}
        for _, row in frame.iterrows()
    ]


def _predikat(engine: Engine, filters: Filters) -> dict[str, int]:
    # The contract counts the annual ratings of the year (periode = tahunan).
    counts = store.load_predikat_counts(
        engine, replace(filters, periode=PERIODE_TAHUNAN), last_period_stands_for_year=False
    )
    result = dict.fromkeys(PREDIKAT_ORDER, 0)
    for predikat, jumlah in zip(counts["predikat"], counts["jumlah"], strict=True):
        result[str(predikat)] = int(jumlah)
    return result


def _ikm(engine: Engine, filters: Filters) -> list[dict[str, Any]]:
    table = survey.ikm_from_sums(store.load_skm_sums(engine, filters, by=("instansi_kode",)), by="instansi_kode")
    entries = []
    for _, row in table.iterrows():
        entries.append(
            {
                "instansi_kode": row["instansi_kode"],
                "responden": int(row["responden"]),
                "nrr": {u: _number(row[f"nrr_{u}"]) for u in UNSUR_KOLOM},
                "ikm": _number(row["ikm"]),
                "ikm_bawah": _number(row["ikm_bawah"]),
                "ikm_atas": _number(row["ikm_atas"]),
                "mutu": row["mutu"] if isinstance(row["mutu"], str) else None,
                "kinerja": row["kinerja"] if isinstance(row["kinerja"], str) else None,
            }
        )
    return entries


def _layanan(engine: Engine, filters: Filters) -> list[dict[str, Any]]:
    by = ("instansi_kode", "jenis_layanan")
    counts = store.load_service_timeliness_counts(engine, filters, by=by)
    speed = service.speed_from_summaries(counts, store.load_service_durations(engine, filters, by=by), by)
    return _records(
        speed,
        {
            "instansi_kode": None,
            "jenis_layanan": None,
            "jumlah": 0,
            "selesai": 0,
            "median_jam": 2,
            "p90_jam": 2,
            "persen_tepat_waktu": 2,
        },
    )


def _as_of(tahun: int) -> pd.Timestamp:
    """Complaints of a past year are judged at its end; the current year's as of today."""
    return pd.Timestamp(min(dt.date.today(), dt.date(tahun, 12, 31)))


def _pengaduan(engine: Engine, filters: Filters) -> list[dict[str, Any]]:
    assert filters.tahun is not None
    metrics = complaints.complaint_metrics(store.load_pengaduan(engine, filters), as_of=_as_of(filters.tahun))
    return _records(
        metrics,
        {
            "instansi_kode": None,
            "jumlah": 0,
            "persen_selesai": 2,
            "median_hari_tanggapan": 2,
            "persen_ditanggapi_5_hari": 2,
            "median_hari_selesai": 2,
        },
    )


def _indikator(engine: Engine, filters: Filters) -> list[dict[str, Any]]:
    rows = store.load_indikator(engine, filters)
    table = indicators.indicator_table(rows[rows["periode"] == PERIODE_TAHUNAN])
    return _records(
        table,
        {
            "instansi_kode": None,
            "indikator": None,
            "target": 4,
            "realisasi": 4,
            "capaian_persen": 2,
            "kategori": None,
            "arah": None,
            "satuan": None,
        },
    )


def _pelatihan(engine: Engine, filters: Filters) -> dict[str, Any]:
    assert filters.tahun is not None
    overall = store.load_jp_summary(engine, filters, by=())
    if overall.empty:
        return {"persen_memenuhi_20_jp": None, "pegawai": 0, "rerata_jp": None}
    row = overall.iloc[0]
    return {
        "persen_memenuhi_20_jp": _number(row["persen_memenuhi_20_jp"]),
        "pegawai": int(row["jumlah_pegawai"]),
        "rerata_jp": _number(row["rerata_jp"]),
    }


def build_summary(engine: Engine, filters: Filters) -> dict[str, Any]:
    """The summary object for the filters; without a year, the latest year that has data."""
    if filters.tahun is None:
        filters = filters.with_year(default_year(engine))
    result: dict[str, Any] = {
        "filter": {"tahun": filters.tahun, "instansi": filters.instansi, "wilayah": filters.wilayah},
        "pegawai": {"jumlah": store.load_pegawai_count(engine, filters)},
        "predikat": dict.fromkeys(PREDIKAT_ORDER, 0),
        "ikm": [],
        "layanan": [],
        "pengaduan": [],
        "indikator": [],
        "pelatihan": {"persen_memenuhi_20_jp": None},
    }
    if filters.tahun is None:
        return result
    result["predikat"] = _predikat(engine, filters)
    result["ikm"] = _ikm(engine, filters)
    result["layanan"] = _layanan(engine, filters)
    result["pengaduan"] = _pengaduan(engine, filters)
    result["indikator"] = _indikator(engine, filters)
    result["pelatihan"] = _pelatihan(engine, filters)
    return result
