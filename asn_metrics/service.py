"""Service speed: standards per service and region, processing times, timeliness, backlog and seasonality."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final, Literal, cast

import numpy as np
import pandas as pd

from asn_metrics.reference import LAYANAN
from asn_metrics.uncertainty import wilson_interval

SPEED_COLUMNS: Final = (
    "jumlah",
    "selesai",
    "median_jam",
    "p90_jam",
    "dengan_standar",
    "tepat_waktu",
    "persen_tepat_waktu",
    "persen_tepat_waktu_bawah",
    "persen_tepat_waktu_atas",
)


def _keys(by: str | Sequence[str] | None) -> list[str]:
    return [by] if isinstance(by, str) else list(by or [])


def resolve_standards(
    layanan: pd.DataFrame, standar_layanan: pd.DataFrame | None = None, catalogue_defaults: bool = True
) -> pd.DataFrame:
    """Attach the applicable service standard (hours) to each application (DOMAIN.md §3).

    Order: the row of ``standar_layanan`` for the application's (``jenis_layanan``, ``wilayah_kode``);
    else its default row (``wilayah_kode`` NaN/None/""); else, with ``catalogue_defaults``, the
    default of reference.LAYANAN (1 jam for the documents of Permendagri 19/2018; none for
    ``lainnya``). A standar_jam of NaN means "not set" and falls through to the next source.
    Required columns: ``jenis_layanan``, ``wilayah_kode``. Returns a copy with ``standar_jam`` (float,
    NaN when no standard) and ``sumber_standar`` ('wilayah', 'default', 'katalog' or None).
    """
    out = layanan.copy()
    n = len(out)
    standar = pd.Series(np.nan, index=out.index, dtype=float)
    sumber = pd.Series([None] * n, index=out.index, dtype=object)
    if standar_layanan is not None and not standar_layanan.empty and n:
        table = standar_layanan.copy()
        table["standar_jam"] = pd.to_numeric(table["standar_jam"], errors="coerce")
        table = table[table["standar_jam"].notna()]
        region = table["wilayah_kode"].astype(object).where(table["wilayah_kode"].notna(), "").astype(str)
        is_default = region.str.strip().eq("")
        regional_rows = table[~is_default].drop_duplicates(["jenis_layanan", "wilayah_kode"], keep="last")
        regional = regional_rows.set_index(["jenis_layanan", "wilayah_kode"])["standar_jam"]
        default_rows = table[is_default].drop_duplicates("jenis_layanan", keep="last")
        defaults = default_rows.set_index("jenis_layanan")["standar_jam"]
        pairs = pd.MultiIndex.from_arrays([out["jenis_layanan"], out["wilayah_kode"]])
        by_region = pd.Series(regional.reindex(pairs).to_numpy(), index=out.index)
        by_default = out["jenis_layanan"].map(defaults).astype(float)
        sumber = sumber.mask(by_default.notna(), "default").mask(by_region.notna(), "wilayah")
        standar = by_region.fillna(by_default)
    if catalogue_defaults and n:
        catalogue = out["jenis_layanan"].map({k: v for k, (_, v) in LAYANAN.items() if v is not None}).astype(float)
        use = standar.isna() & catalogue.notna()
        sumber = sumber.mask(use, "katalog")
        standar = standar.fillna(catalogue)
    out["standar_jam"] = standar.astype(float)
    out["sumber_standar"] = sumber
    return out


def _durations(layanan: pd.DataFrame) -> pd.Series:
    """Hours from tanggal_masuk to tanggal_selesai of finished applications (durasi_jam when given)."""
    finished = layanan["status"].eq("selesai")
    hours = pd.to_numeric(layanan["durasi_jam"], errors="coerce").astype(float)
    if "tanggal_selesai" in layanan.columns:
        span = (layanan["tanggal_selesai"] - layanan["tanggal_masuk"]).dt.total_seconds() / 3600.0
        hours = hours.fillna(span)
    return hours.where(finished & hours.ge(0))


def persen_tepat_waktu(tepat_waktu: Any, dengan_standar: Any) -> np.ndarray:
    """DOMAIN.md §3 ``persen_tepat_waktu`` = tepat_waktu / dengan_standar × 100 (finished within the standard
    over finished with a standard), element-wise; NaN where no finished service has a standard. The one place
    this share is computed, for raw rows (``service_speed``) and the store's counts alike."""
    tepat = np.asarray(tepat_waktu, dtype=float)
    n = np.asarray(dengan_standar, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(n > 0, tepat / np.where(n > 0, n, 1) * 100.0, np.nan)


def service_speed(
    layanan: pd.DataFrame,
    standar: pd.DataFrame | None = None,
    by: str | Sequence[str] = ("instansi_kode", "jenis_layanan"),
    freq: Literal["M", "Q"] | None = None,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Counts, processing times and timeliness per group (DOMAIN.md §3).

    ``jumlah``: applications (any status); ``selesai``: status 'selesai'; ``median_jam``,
    ``p90_jam``: median and 90th percentile (linear interpolation) of the hours of finished
    applications (``durasi_jam``, else tanggal_selesai − tanggal_masuk; negative times ignored);
    ``dengan_standar``: finished with a duration and a standard (``resolve_standards``);
    ``tepat_waktu``: those finished within the standard (≤); ``persen_tepat_waktu`` =
    tepat_waktu / dengan_standar × 100 (NaN when no standard applies) with its Wilson interval
    (``persen_tepat_waktu_bawah``/``_atas``). ``freq`` 'M' or 'Q' adds ``periode`` (start of the
    month/quarter of ``tanggal_masuk``). Required columns: ``jenis_layanan``, ``wilayah_kode``,
    ``tanggal_masuk``, ``status``, ``durasi_jam`` (``tanggal_selesai`` optional) and ``by``.
    Empty input gives an empty frame with the columns.
    """
    keys = _keys(by) + (["periode"] if freq else [])
    columns = [*keys, *SPEED_COLUMNS]
    if layanan.empty:
        return pd.DataFrame(columns=columns)
    frame = resolve_standards(layanan, standar)
    if freq:
        frame["periode"] = frame["tanggal_masuk"].dt.to_period(freq).dt.start_time
    frame["_jam"] = _durations(frame)
    frame["_selesai"] = frame["status"].eq("selesai")
    has_standard = frame["_jam"].notna() & frame["standar_jam"].notna()
    frame["_dengan_standar"] = has_standard
    frame["_tepat"] = has_standard & frame["_jam"].le(frame["standar_jam"])
    grouped = frame.groupby(keys, dropna=False, sort=True)
    out = grouped.agg(
        jumlah=("_selesai", "size"),
        selesai=("_selesai", "sum"),
        median_jam=("_jam", "median"),
        p90_jam=("_jam", lambda s: s.quantile(0.9)),
        dengan_standar=("_dengan_standar", "sum"),
        tepat_waktu=("_tepat", "sum"),
    ).reset_index()
    n = out["dengan_standar"].to_numpy(dtype=float)
    out["persen_tepat_waktu"] = persen_tepat_waktu(out["tepat_waktu"], n)
    low, high = wilson_interval(out["tepat_waktu"], n, confidence)
    out["persen_tepat_waktu_bawah"], out["persen_tepat_waktu_atas"] = low, high
    return out[columns]


def officer_speed(
    layanan: pd.DataFrame,
    standar: pd.DataFrame | None = None,
    by: str | Sequence[str] = ("instansi_kode", "petugas_nip"),
) -> pd.DataFrame:
    """``service_speed`` per officer (``petugas_nip``), across services (DOMAIN.md §3).

    Same figures and rules; applications without ``petugas_nip`` form their own NaN group.
    Individual data: show to those who may see it (UX.md "Respect for people").
    """
    return service_speed(layanan, standar, by=by)


def backlog(
    layanan: pd.DataFrame,
    as_of: pd.Timestamp | str,
    by: str | Sequence[str] = ("instansi_kode", "jenis_layanan"),
) -> pd.DataFrame:
    """Open applications and their age as of a date (DOMAIN.md §3, backlog).

    Open: ``status == 'proses'``, no ``tanggal_selesai`` and received on or before ``as_of``.
    Age in days (float) = as_of − tanggal_masuk. Output per group present in ``layanan``:
    ``by``, ``terbuka`` (count, 0 allowed), ``umur_median_hari``, ``umur_maks_hari`` (NaN when none
    open). Required columns: ``status``, ``tanggal_masuk``, ``tanggal_selesai`` and ``by``.
    Empty input gives an empty frame with the columns.
    """
    keys = _keys(by)
    columns = [*keys, "terbuka", "umur_median_hari", "umur_maks_hari"]
    if layanan.empty:
        return pd.DataFrame(columns=columns)
    reference = pd.Timestamp(as_of)
    frame = layanan[keys].copy()
    is_open = (
        layanan["status"].eq("proses") & layanan["tanggal_selesai"].isna() & layanan["tanggal_masuk"].le(reference)
    )
    frame["_umur"] = ((reference - layanan["tanggal_masuk"]).dt.total_seconds() / 86400.0).where(is_open)
    out = (
        frame.groupby(keys, dropna=False, sort=True)["_umur"]
        .agg(terbuka="count", umur_median_hari="median", umur_maks_hari="max")
        .reset_index()
    )
    return out[columns]


def monthly_counts(layanan: pd.DataFrame, by: str | Sequence[str] | None = None) -> pd.DataFrame:
    """Applications received per calendar month per group, months without any counted as 0.

    Each group's months run from its first to its last month with data (so a unit that started
    reporting late is not given zeros before it). Required columns: ``tanggal_masuk`` and ``by``.
    Output: ``by``, ``bulan`` (month start), ``bulan_ke`` (1-12), ``jumlah``. Rows with no date are
    ignored; empty input gives an empty frame.
    """
    keys = _keys(by)
    columns = [*keys, "bulan", "bulan_ke", "jumlah"]
    frame = layanan[layanan["tanggal_masuk"].notna()] if not layanan.empty else layanan
    if frame.empty:
        return pd.DataFrame(columns=columns)
    frame = frame[keys].assign(bulan=frame["tanggal_masuk"].dt.to_period("M").dt.start_time)
    group_keys = keys or ["_semua"]
    if not keys:
        frame = frame.assign(_semua=0)
    counts = frame.groupby([*group_keys, "bulan"], dropna=False).size().rename("jumlah").reset_index()
    parts = []
    for key, part in counts.groupby(group_keys, dropna=False, sort=True):
        months = pd.date_range(part["bulan"].min(), part["bulan"].max(), freq="MS")
        filled = part.set_index("bulan")["jumlah"].reindex(months, fill_value=0).rename_axis("bulan").reset_index()
        for name, value in zip(group_keys, key if isinstance(key, tuple) else (key,), strict=True):
            filled[name] = cast(Any, value)
        parts.append(filled)
    out = pd.concat(parts, ignore_index=True)
    out["bulan_ke"] = out["bulan"].dt.month
    out["jumlah"] = out["jumlah"].astype(int)
    return out[columns]


def seasonal_profile(layanan: pd.DataFrame, by: str | Sequence[str] | None = None) -> pd.DataFrame:
    """Month-of-year profile of demand, to reveal peaks (DOMAIN.md §3).

    From ``monthly_counts``: ``rata_rata_jumlah`` = mean count of that calendar month over the
    observed years; ``indeks_musiman`` = rata_rata_jumlah / the group's overall mean monthly count
    (1.0 = an ordinary month, 1.5 = 50% busier). ``bulan_diamati`` = how many such months were seen.
    Output: ``by``, ``bulan_ke``, ``bulan_diamati``, ``rata_rata_jumlah``, ``indeks_musiman`` (NaN when
    the group's mean is 0). Required columns: ``tanggal_masuk`` and ``by``. Empty input gives an
    empty frame with the columns.
    """
    return seasonal_index(monthly_counts(layanan, _keys(by)), by)


def seasonal_index(counts: pd.DataFrame, by: str | Sequence[str] | None = None) -> pd.DataFrame:
    """The seasonal profile of ``seasonal_profile`` from monthly counts (columns ``by``, bulan_ke, jumlah: one row
    per group and observed month, e.g. ``monthly_counts`` or a store aggregate). Months absent from ``counts``
    are not counted as zero. Empty input gives an empty frame with the columns."""
    keys = _keys(by)
    columns = [*keys, "bulan_ke", "bulan_diamati", "rata_rata_jumlah", "indeks_musiman"]
    if counts.empty:
        return pd.DataFrame(columns=columns)
    group_keys = keys or ["_semua"]
    if not keys:
        counts = counts.assign(_semua=0)
    profile = (
        counts.groupby([*group_keys, "bulan_ke"], dropna=False, sort=True)["jumlah"]
        .agg(bulan_diamati="size", rata_rata_jumlah="mean")
        .reset_index()
    )
    overall = counts.groupby(group_keys, dropna=False)["jumlah"].mean().rename("_rerata").reset_index()
    profile = profile.merge(overall, on=group_keys, how="left")
    profile["indeks_musiman"] = profile["rata_rata_jumlah"] / profile["_rerata"].where(profile["_rerata"] > 0)
    return profile[columns].reset_index(drop=True)


def timeliness(counts: pd.DataFrame, by: str) -> pd.DataFrame:
    """Per group: persen_tepat_waktu (DOMAIN.md §3) with its Wilson interval, from the store's timeliness counts;
    also as nilai (percent) and jumlah (finished services with a standard)."""
    df = counts.copy()
    n = df["dengan_standar"].astype("float64")
    df["persen_tepat_waktu"] = persen_tepat_waktu(df["tepat_waktu"], n)
    df["persen_tepat_waktu_bawah"], df["persen_tepat_waktu_atas"] = wilson_interval(df["tepat_waktu"], n)
    df["nilai"], df["jumlah"] = df["persen_tepat_waktu"], df["dengan_standar"]
    return df


def weighted_quantile(values: np.ndarray, counts: np.ndarray, q: float) -> float:
    """The ``q`` quantile (linear interpolation, as ``pandas.Series.quantile``) of a sample given as its
    distinct ``values`` with how often each occurs (``counts``), exactly as over the expanded sample.

    Position h = (n − 1)·q in the sorted sample; the result is x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). NaN when
    the sample is empty."""
    order = np.argsort(values, kind="stable")
    x = np.asarray(values, dtype=float)[order]
    cum = np.cumsum(np.asarray(counts, dtype=np.int64)[order])
    n = int(cum[-1]) if len(cum) else 0
    if n == 0:
        return float("nan")
    h = (n - 1) * q
    low = int(np.floor(h))
    # The k-th (0-based) element of the sample is the first distinct value whose cumulative count exceeds k.
    at_low = x[np.searchsorted(cum, low, side="right")]
    at_high = x[np.searchsorted(cum, min(low + 1, n - 1), side="right")]
    return float(at_low + (h - low) * (at_high - at_low))


def speed_from_summaries(
    counts: pd.DataFrame, durations: pd.DataFrame, by: str | Sequence[str] = (), confidence: float = 0.95
) -> pd.DataFrame:
    """``service_speed``'s columns per group of ``by`` from the store's summaries instead of raw rows (DOMAIN.md
    §3): ``counts`` (jumlah, selesai, dengan_standar, tepat_waktu per group) and ``durations`` (durasi_jam and
    jumlah, the finished applications with that time, per group). The median and p90 are exact
    (``weighted_quantile``); the groups are those of ``counts``."""
    keys = _keys(by)
    columns = [*keys, *SPEED_COLUMNS]
    if counts.empty:
        return pd.DataFrame(columns=columns)
    out = counts[[*keys, "jumlah", "selesai", "dengan_standar", "tepat_waktu"]].copy()
    quantiles: dict[tuple[Any, ...], tuple[float, float]] = {}
    groups = durations.groupby(keys, sort=False) if keys else [((), durations)]
    for key, part in groups:
        values, weights = part["durasi_jam"].to_numpy(dtype=float), part["jumlah"].to_numpy(dtype=np.int64)
        name = key if isinstance(key, tuple) else (key,)
        quantiles[name] = (weighted_quantile(values, weights, 0.5), weighted_quantile(values, weights, 0.9))
    found = [quantiles.get(tuple(row), (np.nan, np.nan)) for row in out[keys].itertuples(index=False, name=None)]
    out["median_jam"] = [m for m, _ in found] if found else np.nan
    out["p90_jam"] = [p for _, p in found] if found else np.nan
    n = out["dengan_standar"].to_numpy(dtype=float)
    out["persen_tepat_waktu"] = persen_tepat_waktu(out["tepat_waktu"], n)
    low, high = wilson_interval(out["tepat_waktu"], n, confidence)
    out["persen_tepat_waktu_bawah"], out["persen_tepat_waktu_atas"] = low, high
    out = out.sort_values(keys, kind="stable") if keys else out
    return out[columns].reset_index(drop=True)
