"""Page-level compositions of the metrics (pure): the figures a page shows, from the store's frames.

Each function only chains metric functions and joins their outputs; the formulas stay in the metrics modules.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import numpy as np
import pandas as pd

from asn_metrics import complaints, development, indicators, quality, quality_score, scorecard, service, skp, survey
from asn_metrics.uncertainty import wilson_interval

MAP_INDICATORS: Final[dict[str, str]] = {
    "baik": "Predikat Baik ke atas",
    "tepat": "Layanan tepat waktu",
    "ikm": "Indeks Kepuasan Masyarakat (IKM)",
}


def share_good(counts: pd.DataFrame, by: str) -> pd.DataFrame:
    """Per group: nilai = share (%) Sangat Baik + Baik (DOMAIN.md §1) and jumlah rated, from predikat counts."""
    dist = skp.predikat_distribution(counts, by=by)
    return pd.DataFrame({by: dist[by], "nilai": dist["persen_baik_ke_atas"], "jumlah": dist["jumlah"]})


def timeliness(counts: pd.DataFrame, by: str) -> pd.DataFrame:
    """Per group: persen_tepat_waktu (DOMAIN.md §3) with its Wilson interval, from the store's timeliness counts;
    also as nilai (percent) and jumlah (finished services with a standard)."""
    df = counts.copy()
    n = df["dengan_standar"].astype("float64")
    df["persen_tepat_waktu"] = service.persen_tepat_waktu(df["tepat_waktu"], n)
    df["persen_tepat_waktu_bawah"], df["persen_tepat_waktu_atas"] = wilson_interval(df["tepat_waktu"], n)
    df["nilai"], df["jumlah"] = df["persen_tepat_waktu"], df["dengan_standar"]
    return df


def ikm_values(skm_rows: pd.DataFrame, by: str) -> pd.DataFrame:
    """Per group: the IKM table of ``survey.ikm`` plus nilai (= ikm) and jumlah (= responden)."""
    table = survey.ikm(skm_rows, by=by)
    return table.assign(nilai=table["ikm"].astype("float64"), jumlah=table["responden"])


def with_names(frame: pd.DataFrame, names: pd.DataFrame, key: str = "instansi_kode") -> pd.DataFrame:
    """``frame`` with a ``nama`` column looked up from ``names`` (kode, nama); unknown codes keep the code."""
    lookup = dict(zip(names["kode"], names["nama"], strict=True))
    return frame.assign(nama=[lookup.get(k, k) for k in frame[key]])


def scorecard_for(
    *,
    predikat_counts: pd.DataFrame,
    skm_rows: pd.DataFrame,
    timeliness_counts: pd.DataFrame,
    pengaduan_rows: pd.DataFrame,
    indikator_rows: pd.DataFrame,
    jp: pd.DataFrame,
    kualitas: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The agency scorecard (``scorecard.agency_scorecard``) from the year's frames, via ``scorecard_parts``."""
    parts = scorecard.scorecard_parts(
        predikat=skp.predikat_distribution(predikat_counts, by="instansi_kode"),
        ikm=survey.ikm(skm_rows, by="instansi_kode") if not skm_rows.empty else None,
        layanan=timeliness_counts,
        pengaduan=complaints.complaint_metrics(pengaduan_rows) if not pengaduan_rows.empty else None,
        capaian=indicators.agency_capaian(indikator_rows) if not indikator_rows.empty else None,
        pelatihan=development.jp_summary(jp) if not jp.empty else None,
        kualitas=kualitas,
    )
    return scorecard.agency_scorecard(parts)


#: Upload kinds whose events are rare (a sanction is news, its absence is not stale data) [assumed].
SPARSE_KINDS: Final = ("disiplin",)


def freshness_lag(latest: pd.DataFrame) -> pd.DataFrame:
    """Freshness judged against peers [assumed]: for each upload kind, days behind the newest upload of that kind
    anywhere (``quality.freshness`` with as_of = that newest upload), so an annual upload (SKP, indicators) made
    by everyone in January is not stale, while a region whose service uploads stopped is. ``SPARSE_KINDS``
    are left out."""
    parts = []
    for _, part in latest[~latest["jenis"].isin(SPARSE_KINDS)].groupby("jenis", sort=True):
        parts.append(quality.freshness(part, part["impor_terakhir"].max()))
    return pd.concat(parts, ignore_index=True) if parts else quality.freshness(latest, pd.Timestamp.now())


def quality_table(
    *,
    coverage: pd.DataFrame,
    completeness: pd.DataFrame,
    latest: pd.DataFrame,
    consistency: pd.DataFrame,
    skm_rows: pd.DataFrame,
    predikat_counts: pd.DataFrame,
    weights: Mapping[str, float] = quality.DEFAULT_WEIGHTS,
) -> pd.DataFrame:
    """The data-quality score per agency with its parts and ``perbaiki_dulu`` (DOMAIN.md §9), plus the flags
    ``straight_lining`` and ``sangat_baik_seragam``."""
    straight = quality.straight_lining(skm_rows) if not skm_rows.empty else None
    uniform = quality.all_sangat_baik(skp.predikat_distribution(predikat_counts, by="instansi_kode"))
    parts = quality_score.quality_parts(
        skp_lengkap=coverage,
        layanan_lengkap=completeness,
        kesegaran=freshness_lag(latest) if not latest.empty else None,
        konsistensi=consistency,
        straight=straight,
        sangat_baik=uniform,
    )
    out = quality_score.quality_score(parts, weights)
    flagged = set() if straight is None else set(straight.loc[straight["mencurigakan"], "instansi_kode"])
    out["straight_lining"] = out["instansi_kode"].isin(flagged)
    out["sangat_baik_seragam"] = out["instansi_kode"].isin(set(uniform.loc[uniform["mencurigakan"], "instansi_kode"]))
    return out.sort_values("skor_kualitas_data", kind="stable").reset_index(drop=True)


SAKIP_MARK: Final = "sakip"


def sakip_grades(table: pd.DataFrame) -> pd.DataFrame:
    """SAKIP grade where an agency reports its SAKIP evaluation score as an indicator (name containing 'SAKIP'):
    instansi_kode, nilai_sakip (the realisasi), predikat_sakip (``indicators.sakip_grade``, PermenPANRB 88/2021)."""
    rows = table[table["indikator"].str.lower().str.contains(SAKIP_MARK) & table["realisasi"].notna()]
    rows = rows.drop_duplicates("instansi_kode", keep="last")
    return pd.DataFrame(
        {
            "instansi_kode": rows["instansi_kode"],
            "nilai_sakip": rows["realisasi"],
            "predikat_sakip": indicators.sakip_grade(rows["realisasi"]).to_numpy(),
        }
    ).reset_index(drop=True)


def person_years(
    person: pd.DataFrame, skp_rows: pd.DataFrame, pelatihan: pd.DataFrame, disiplin: pd.DataFrame
) -> pd.DataFrame:
    """One employee's history per year: tahun, predikat (``skp.annual_predikat``), jp (training started that
    year) and ip_asn with its kategori (``development.ip_asn``)."""
    annual = skp.annual_predikat(skp_rows) if not skp_rows.empty else pd.DataFrame(columns=["nip", "tahun", "predikat"])
    years = sorted(set(annual["tahun"].astype(int)) | set(pelatihan["tanggal_mulai"].dt.year.astype(int)))
    rows = []
    staff = person.assign(aktif=True)
    for year in years:
        ip = development.ip_asn(staff, pelatihan, annual, disiplin, year)
        pred = annual.loc[annual["tahun"] == year, "predikat"]
        jp = pelatihan.loc[pelatihan["tanggal_mulai"].dt.year == year, "jp"].sum()
        rows.append(
            {
                "tahun": year,
                "predikat": pred.iloc[0] if not pred.empty else None,
                "jp": float(jp),
                "ip_asn": float(ip["total"].iloc[0]) if not ip.empty else np.nan,
                "kategori_ip_asn": ip["kategori"].iloc[0] if not ip.empty else None,
            }
        )
    return pd.DataFrame(rows, columns=["tahun", "predikat", "jp", "ip_asn", "kategori_ip_asn"])


def trend_share(trend: pd.DataFrame, focus: str | None = None, n: int = 3) -> pd.DataFrame:
    """Share Baik ke atas per agency and year from ``load_predikat_trend`` (tahun, instansi_kode, predikat,
    jumlah): the ``focus`` agency, else the ``n`` that rose and the ``n`` that fell most from the first to the
    last year (agencies with at least 10 rated employees every year)."""
    dist = skp.predikat_distribution(trend, by=["tahun", "instansi_kode"])
    if focus:
        return dist[dist["instansi_kode"] == focus][["tahun", "instansi_kode", "persen_baik_ke_atas"]]
    steady = dist.groupby("instansi_kode")["jumlah"].min()
    dist = dist[dist["instansi_kode"].isin(steady[steady >= 10].index)].sort_values("tahun")
    ends = dist.groupby("instansi_kode")["persen_baik_ke_atas"].agg(["first", "last"])
    change = (ends["last"] - ends["first"]).sort_values()
    chosen = [*change.tail(n).index[::-1], *change.head(n).index]
    out = dist[dist["instansi_kode"].isin(chosen)][["tahun", "instansi_kode", "persen_baik_ke_atas"]]
    order = {k: i for i, k in enumerate(chosen)}
    return out.sort_values(["instansi_kode", "tahun"], key=lambda s: s.map(order) if s.name == "instansi_kode" else s)
