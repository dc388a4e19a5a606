"""SKP ratings 2022-2025 (periods and the annual rating) and legacy numeric scores (DOMAIN.md §1)."""

from __future__ import annotations

from typing import cast

import numpy as np
import pandas as pd

from asn_metrics import reference
from asn_metrics.demo.agencies import DECLINING, IMPROVING, INFLATED, Agency
from asn_metrics.demo.common import LEGACY_YEARS, SKP_YEARS, TODAY

ATAS, SESUAI, BAWAH = reference.RATING_ATAS, reference.RATING_SESUAI, reference.RATING_BAWAH
# Rating pairs (hasil kerja, perilaku kerja) that give each predikat step, with how often each is used.
_PAIRS: tuple[tuple[tuple[tuple[str, str], float], ...], ...] = (
    (((ATAS, ATAS), 1.0),),
    (((SESUAI, SESUAI), 0.8), ((ATAS, SESUAI), 0.1), ((SESUAI, ATAS), 0.1)),
    (((BAWAH, SESUAI), 0.85), ((BAWAH, ATAS), 0.15)),
    (((SESUAI, BAWAH), 0.7), ((ATAS, BAWAH), 0.3)),
    (((BAWAH, BAWAH), 1.0),),
)
_BASE = np.array([0.11, 0.755, 0.09, 0.03, 0.015])
# Predikat mix per year 2022..2025 (Sangat Baik, Baik, Butuh Perbaikan, Kurang, Sangat Kurang).
_IMPROVING = np.array(
    [
        [0.04, 0.56, 0.28, 0.08, 0.04],
        [0.08, 0.66, 0.2, 0.05, 0.01],
        [0.14, 0.72, 0.11, 0.03, 0.0],
        [0.22, 0.74, 0.04, 0.0, 0.0],
    ]
)
_DECLINING = np.array(
    [
        [0.16, 0.79, 0.05, 0.0, 0.0],
        [0.11, 0.72, 0.13, 0.03, 0.01],
        [0.07, 0.65, 0.2, 0.06, 0.02],
        [0.04, 0.54, 0.3, 0.08, 0.04],
    ]
)


def _counts(n: int, p: np.ndarray, rng: np.random.Generator | None) -> np.ndarray:
    """Integer counts summing to ``n``; remainders go by largest fraction, or at random when ``rng`` is given."""
    share = n * p / p.sum()
    whole = np.floor(share).astype(np.int64)
    left = n - int(whole.sum())
    frac = share - whole
    if left:
        if rng is None or frac.sum() <= 0:
            order = np.lexsort((np.arange(len(p)), -frac))[:left]
        else:
            order = rng.choice(len(p), size=left, replace=False, p=frac / frac.sum())
        whole[order] += 1
    return whole


def _annual(rng: np.random.Generator, people: pd.DataFrame, agencies: list[Agency]) -> pd.DataFrame:
    """One row per employee and year with the annual predikat step (0 = Sangat Baik)."""
    talent = rng.normal(size=len(people))
    tilt = rng.lognormal(0.0, 0.35, size=(len(agencies), 2))
    frames = []
    for year in SKP_YEARS:
        elig = people.loc[people["tmt_year"] < year, ["id", "instansi_id"]].copy()
        elig["tahun"] = year
        elig["score"] = talent[elig["id"].to_numpy() - 1] + rng.normal(0.0, 0.7, size=len(elig))
        frames.append(elig)
    ey = pd.concat(frames, ignore_index=True)
    ey = ey.sort_values(["instansi_id", "tahun", "score", "id"], ascending=[True, True, False, True], kind="stable")
    ey["rank"] = ey.groupby(["instansi_id", "tahun"], sort=False).cumcount()
    steps = np.zeros(len(ey), dtype=np.int64)
    by_id = {a.id: a for a in agencies}
    for key, idx in ey.groupby(["instansi_id", "tahun"], sort=True).indices.items():
        aid, year = cast("tuple[int, int]", key)
        a = by_id[int(aid)]
        n = len(idx)
        y = SKP_YEARS.index(int(year))
        if a.kode == INFLATED:
            counts = np.array([n - int(0.06 * n), int(0.06 * n), 0, 0, 0])
        elif a.kode in IMPROVING or a.kode in DECLINING:
            counts = _counts(n, (_IMPROVING if a.kode in IMPROVING else _DECLINING)[y], None)
        else:
            p = _BASE * np.array([tilt[a.id - 1, 0], 1.0, tilt[a.id - 1, 1], 1.0, 1.0])
            counts = _counts(n, p, rng)
        bounds = np.cumsum(counts)
        steps[idx] = np.searchsorted(bounds, ey["rank"].to_numpy()[idx], side="right")
    ey["step"] = steps
    return ey.drop(columns=["score", "rank"])


def _periods(rng: np.random.Generator, annual: np.ndarray, count: int) -> np.ndarray:
    """Period steps around the annual step; the last period usually equals the annual rating."""
    stay = np.full(count, 0.72)
    stay[-1] = 0.9
    keep = rng.random((len(annual), count)) < stay
    move = np.where(rng.random((len(annual), count)) < 0.5, -1, 1)
    return np.where(keep, annual[:, None], np.clip(annual[:, None] + move, 0, 4))


def build_skp(rng: np.random.Generator, people: pd.DataFrame, agencies: list[Agency]) -> pd.DataFrame:
    """All SKP rows, ordered by employee, year and period end."""
    ey = _annual(rng, people, agencies)
    monthly = rng.random(len(agencies)) < 0.5
    ey["monthly"] = monthly[ey["instansi_id"].to_numpy() - 1]
    parts = []
    for is_monthly, names in ((False, reference.PERIODE_TRIWULAN), (True, reference.PERIODE_BULANAN)):
        sub = ey[ey["monthly"] == is_monthly]
        steps = _periods(rng, sub["step"].to_numpy(), len(names))
        parts.append(
            pd.DataFrame(
                {
                    "pegawai_id": np.repeat(sub["id"].to_numpy(), len(names)),
                    "tahun": np.repeat(sub["tahun"].to_numpy(), len(names)),
                    "periode": np.tile(np.array(names, dtype=object), len(sub)),
                    "step": steps.ravel(),
                }
            )
        )
    parts.append(pd.DataFrame({"pegawai_id": ey["id"], "tahun": ey["tahun"], "periode": "tahunan", "step": ey["step"]}))
    rows = pd.concat(parts, ignore_index=True)
    rows[["rating_hasil_kerja", "rating_perilaku_kerja", "predikat"]] = _ratings(rng, rows["step"].to_numpy())
    rows["nilai"] = np.nan
    rows = pd.concat([rows.drop(columns="step"), _legacy(rng, people)], ignore_index=True)
    rows["bulan_akhir"] = rows["periode"].map({p: reference.periode_bulan_akhir(p) for p in reference.PERIODES})
    rows["regime"] = rows["tahun"].map({y: reference.regime_for_year(y) for y in (*LEGACY_YEARS, *SKP_YEARS)})
    rows["penilai_nip"] = _appraisers(rng, people, agencies)[rows["pegawai_id"].to_numpy() - 1]
    rows["_order"] = rows["periode"].eq("tahunan").astype(int)
    rows = rows.sort_values(["pegawai_id", "tahun", "bulan_akhir", "_order"], kind="stable").drop(columns="_order")
    rows.insert(0, "id", np.arange(1, len(rows) + 1))
    rows = rows.reset_index(drop=True)
    agency = people.set_index("id")["instansi_id"]
    rows["dicatat_pada"] = recorded_at(rng, rows, agency.loc[rows["pegawai_id"]].to_numpy(), len(agencies))
    return rows


def recorded_at(rng: np.random.Generator, rows: pd.DataFrame, agency_ids: np.ndarray, agencies: int) -> np.ndarray:
    """When each rating was stored, for adoption (DOMAIN.md §9): a period's rating within two weeks of the period's
    end, or late (16 to 75 days), with a chance of lateness typical of the agency: most agencies rarely (2-10%),
    about one in four often (20-60%), about one in eight nearly always (70-100%). An annual rating takes twice as
    long."""
    kind = rng.random(agencies)
    chance = np.select(
        [kind < 0.62, kind < 0.88],
        [rng.uniform(0.02, 0.1, agencies), rng.uniform(0.2, 0.6, agencies)],
        rng.uniform(0.7, 1.0, agencies),
    )
    late = rng.random(len(rows)) < chance[agency_ids - 1]
    delay = np.where(late, rng.uniform(16, 75, len(rows)), rng.uniform(1, 14, len(rows)))
    delay = delay * np.where(rows["periode"].eq(reference.PERIODE_TAHUNAN).to_numpy(), 2.0, 1.0)
    month_start = pd.to_datetime(pd.DataFrame({"year": rows["tahun"], "month": rows["bulan_akhir"], "day": 1}))
    period_end = (month_start + pd.offsets.MonthBegin(1)).to_numpy()
    hours = rng.uniform(8, 16, len(rows))
    stamp = period_end + pd.to_timedelta(np.floor(delay), unit="D").to_numpy() + pd.to_timedelta(hours, unit="h")
    latest = np.datetime64(pd.Timestamp(TODAY) + pd.Timedelta(hours=16))
    return pd.DatetimeIndex(np.minimum(stamp, latest)).floor("s").to_numpy()


def _ratings(rng: np.random.Generator, steps: np.ndarray) -> np.ndarray:
    """Per row the two ratings drawn for its step and the predikat the DOMAIN.md §1 matrix gives them."""
    out = np.empty((len(steps), 3), dtype=object)
    u = rng.random(len(steps))
    for step, options in enumerate(_PAIRS):
        mask = steps == step
        cum = np.cumsum([w for _, w in options])
        choice = np.searchsorted(cum, u[mask] * cum[-1], side="right").clip(0, len(options) - 1)
        triples = [(*pair, reference.predikat_from_ratings(*pair)) for pair, _ in options]
        out[mask] = np.array(triples, dtype=object)[choice]
    return out


def _legacy(rng: np.random.Generator, people: pd.DataFrame) -> pd.DataFrame:
    """Numeric scores of PP 30/2019 (2020-2021) for about 60 % of the staff."""
    chosen = rng.random(len(people)) < 0.6
    frames = []
    for year in LEGACY_YEARS:
        sub = people[chosen & (people["tmt_year"] < year).to_numpy()]
        score = rng.normal(95.0, 6.0, size=len(sub))
        weak = rng.random(len(sub)) < 0.04
        score = np.where(weak, rng.uniform(60.0, 85.0, size=len(sub)), score)
        frames.append(
            pd.DataFrame(
                {
                    "pegawai_id": sub["id"].to_numpy(),
                    "tahun": year,
                    "periode": "tahunan",
                    "nilai": score.clip(60, 120).round(2),
                }
            )
        )
    legacy = pd.concat(frames, ignore_index=True)
    for col in ("rating_hasil_kerja", "rating_perilaku_kerja", "predikat"):
        legacy[col] = None
    return legacy


def _appraisers(rng: np.random.Generator, people: pd.DataFrame, agencies: list[Agency]) -> np.ndarray:
    """Appraiser NIP per employee: an administrator or the head of the agency; heads by their Sekda."""
    heads = people[people["rank"] == 0].set_index("instansi_id")["nip"]
    by_id = {a.id: a for a in agencies}
    sekda = {a.wilayah: heads.get(a.id) for a in agencies if a.tipe == "SETDA"}
    admins = people[people["jenis_jabatan"] == "administrator"].groupby("instansi_id")["nip"].apply(list).to_dict()
    out = np.empty(len(people), dtype=object)
    u = rng.random(len(people))
    for i, (aid, rank, jj) in enumerate(
        zip(people["instansi_id"], people["rank"], people["jenis_jabatan"], strict=True)
    ):
        a = by_id[int(aid)]
        if rank == 0:
            out[i] = None if a.tipe == "SETDA" else sekda.get(a.wilayah)
        elif jj != "administrator" and admins.get(aid) and u[i] < 0.6:
            options = admins[aid]
            out[i] = options[int(u[i] / 0.6 * len(options))]
        else:
            out[i] = heads[aid]
    return out
