"""Tests for asn_metrics.quality (DOMAIN.md §9: completeness, freshness, validity, consistency, patterns, score)."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asn_metrics import quality as q
from asn_metrics import quality_score as qs
from asn_metrics.skp import predikat_distribution

T = pd.Timestamp
NAN = float("nan")
AS_OF = "2025-09-30"


def _same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b)


# --- completeness -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pegawai", "dinilai", "persen"),
    [
        pytest.param(10, 8, 80.0, id="8-of-10"),
        pytest.param(3, 3, 100.0, id="all-rated"),
        pytest.param(0, 0, NAN, id="no-staff-nan"),
        pytest.param(5, 7, 100.0, id="more-rated-than-staff-clipped"),
        pytest.param(NAN, 4, NAN, id="staff-nan"),
        pytest.param(4, NAN, NAN, id="rated-nan"),
    ],
)
def test_skp_completeness(pegawai: float, dinilai: float, persen: float) -> None:
    out = q.skp_completeness(pd.DataFrame({"instansi_kode": ["a"], "pegawai": [pegawai], "dinilai": [dinilai]}))
    assert _same(out["persen_dinilai"].iloc[0], persen)


@pytest.mark.parametrize(
    ("jumlah", "selesai", "terbuka", "lengkap", "dengan_selesai"),
    [
        # 80 closed + 15 open ≤ 30 days are complete; 5 open > 30 days are suspect → 95 %
        pytest.param(100, 80, 5, 95.0, 80.0, id="five-suspect-of-100"),
        pytest.param(100, 80, NAN, 100.0, 80.0, id="suspect-nan-counts-0"),
        pytest.param(10, 8, 5, 80.0, 80.0, id="suspect-clipped-to-open-records"),
        pytest.param(0, 0, 0, NAN, NAN, id="no-records-nan"),
    ],
)
def test_service_completeness(
    jumlah: float, selesai: float, terbuka: float, lengkap: float, dengan_selesai: float
) -> None:
    frame = pd.DataFrame(
        {"instansi_kode": ["a"], "jumlah": [jumlah], "selesai": [selesai], "terbuka_lebih_30_hari": [terbuka]}
    )
    out = q.service_completeness(frame)
    assert _same(out["persen_lengkap"].iloc[0], lengkap)
    assert _same(out["persen_dengan_waktu_selesai"].iloc[0], dengan_selesai)


# --- freshness ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("impor", "hari", "status"),
    [
        pytest.param("2025-09-30", 0, "segar", id="today"),
        pytest.param("2025-08-16", 45, "segar", id="45-days-segar"),
        pytest.param("2025-08-16 23:59", 45, "segar", id="45-days-time-of-day-ignored"),
        pytest.param("2025-08-15", 46, "perlu diperbarui", id="46-days-perlu"),
        pytest.param("2025-07-02", 90, "perlu diperbarui", id="90-days-perlu"),
        pytest.param("2025-07-01", 91, "basi", id="91-days-basi"),
        pytest.param(None, NAN, "belum diunggah", id="never-uploaded"),
        pytest.param("2025-10-02", -2, "segar", id="future-date-negative"),
    ],
)
def test_freshness_boundaries(impor: str | None, hari: float, status: str) -> None:
    latest = pd.DataFrame(
        {
            "instansi_kode": ["a"],
            "jenis": ["layanan"],
            "impor_terakhir": [T(impor) if impor else pd.NaT],
            "peristiwa_terakhir": [T("2025-01-01")],
        }
    )
    out = q.freshness(latest, AS_OF)
    assert _same(out["hari_sejak_impor"].iloc[0], hari)
    assert out["hari_sejak_peristiwa"].iloc[0] == 272
    assert out["status"].iloc[0] == status


def test_freshness_basis_and_thresholds_are_settings() -> None:
    latest = pd.DataFrame(
        {
            "instansi_kode": ["a"],
            "jenis": ["skp"],
            "impor_terakhir": [T("2025-09-20")],
            "peristiwa_terakhir": [T("2025-06-01")],
        }
    )
    assert q.freshness(latest, AS_OF)["status"].iloc[0] == "segar"
    assert q.freshness(latest, AS_OF, dasar="peristiwa")["status"].iloc[0] == "basi"  # 121 days
    assert q.freshness(latest, AS_OF, dasar="terlama")["status"].iloc[0] == "basi"
    assert q.freshness(latest, AS_OF, segar_hari=5, perlu_diperbarui_hari=10)["status"].iloc[0] == "perlu diperbarui"
    with pytest.raises(ValueError, match="segar_hari"):
        q.freshness(latest, AS_OF, segar_hari=90, perlu_diperbarui_hari=45)
    assert latest["impor_terakhir"].iloc[0] == T("2025-09-20")  # input untouched


def test_freshness_empty() -> None:
    out = q.freshness(pd.DataFrame(), AS_OF)
    assert out.empty and {"hari_sejak_impor", "hari_sejak_peristiwa", "status"} <= set(out.columns)


def test_freshness_matrix_agency_by_kind() -> None:
    latest = pd.DataFrame(
        {
            "instansi_kode": ["a", "a", "b"],
            "jenis": ["skp", "layanan", "skp"],
            "impor_terakhir": [T("2025-08-16"), T("2025-04-01"), pd.NaT],
            "peristiwa_terakhir": [pd.NaT] * 3,
        }
    )
    matrix = q.freshness_matrix(q.freshness(latest, AS_OF), jenis=["skp", "layanan", "skm"])
    assert list(matrix.columns) == ["skp", "layanan", "skm"]
    assert matrix.loc["a", "skp"] == 45 and matrix.loc["a", "layanan"] == 182
    assert np.isnan(matrix.loc["b", "skp"]) and matrix["skm"].isna().all()
    assert q.freshness_matrix(pd.DataFrame(), jenis=["skp"]).columns.tolist() == ["skp"]


@pytest.mark.parametrize(
    ("hari", "skor"),
    [
        pytest.param(0, 100.0, id="0"),
        pytest.param(45, 100.0, id="45-still-full"),
        # linear from 45 (100) to 2 × 90 = 180 (0): 100 × (180 − 90) / 135
        pytest.param(90, 200 / 3, id="90-two-thirds"),
        pytest.param(135, 100 / 3, id="135-one-third"),
        pytest.param(180, 0.0, id="180-zero"),
        pytest.param(400, 0.0, id="beyond-zero"),
        pytest.param(-3, 100.0, id="negative-full"),
        pytest.param(NAN, 0.0, id="never-uploaded-zero"),
    ],
)
def test_skor_kesegaran(hari: float, skor: float) -> None:
    assert q.skor_kesegaran(pd.Series([hari]))[0] == pytest.approx(skor)


# --- validity and consistency -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("diterima", "ditolak", "nip", "persen"),
    [
        pytest.param(90, 10, 3, 87.0, id="10-refused-3-nip"),
        pytest.param(90, 10, NAN, 90.0, id="nip-check-not-run"),
        pytest.param(0, 0, 0, NAN, id="no-rows-nan"),
        pytest.param(5, 0, 9, 0.0, id="nip-errors-clipped"),
        pytest.param(NAN, 3, 0, NAN, id="accepted-nan"),
    ],
)
def test_validity(diterima: float, ditolak: float, nip: float, persen: float) -> None:
    frame = pd.DataFrame(
        {"instansi_kode": ["a"], "baris_diterima": [diterima], "baris_ditolak": [ditolak], "nip_salah": [nip]}
    )
    assert _same(q.validity(frame)["persen_valid"].iloc[0], persen)


@pytest.mark.parametrize(
    ("extra", "row", "persen", "utama"),
    [
        # (5 + 2 + 0) problems against 100 SKP rows → 93 %
        pytest.param({}, (100, 5, 2, 0), 93.0, "predikat_bertentangan", id="all-against-skp-rows"),
        # bases 100 + 200 + 100 = 400, problems 7 → 98.25 %; rates 5 %, 1 %, 0 %
        pytest.param(
            {"layanan_total": [200], "pegawai_total": [100]},
            (100, 5, 2, 0),
            98.25,
            "predikat_bertentangan",
            id="own-bases",
        ),
        pytest.param(
            {"pegawai_total": [10]}, (100, 1, 0, 2), 100 * (1 - 3 / 110), "pegawai_ganda", id="ganda-highest-rate"
        ),
        pytest.param({}, (100, 0, 0, 0), 100.0, "", id="clean"),
        pytest.param({}, (0, 0, 0, 0), NAN, "", id="nothing-checked-nan"),
        pytest.param({}, (10, NAN, NAN, NAN), 100.0, "", id="checks-not-run"),
    ],
)
def test_consistency(extra: dict[str, list[int]], row: tuple[float, ...], persen: float, utama: str) -> None:
    frame = pd.DataFrame(
        {
            "instansi_kode": ["a"],
            "skp_total": [row[0]],
            "predikat_bertentangan": [row[1]],
            "waktu_mundur": [row[2]],
            "pegawai_ganda": [row[3]],
            **extra,
        }
    )
    out = q.consistency(frame)
    assert _same(out["persen_konsisten"].iloc[0], persen)
    assert out["masalah_utama"].iloc[0] == utama


# --- suspicious patterns ------------------------------------------------------------------------


def _skm(rows: list[list[float]], kode: str = "a") -> pd.DataFrame:
    return pd.DataFrame([dict(instansi_kode=kode, **{f"u{i + 1}": v for i, v in enumerate(r)}) for r in rows])


@pytest.mark.parametrize(
    ("identical", "varied", "min_responden", "persen", "flag"),
    [
        pytest.param(3, 7, 10, 30.0, False, id="30-percent-not-above-threshold"),
        pytest.param(4, 6, 10, 40.0, True, id="40-percent-flagged"),
        pytest.param(4, 6, 11, 40.0, False, id="too-few-respondents"),
        pytest.param(0, 5, 1, 0.0, False, id="none-identical"),
    ],
)
def test_straight_lining_exact_share(
    identical: int, varied: int, min_responden: int, persen: float, flag: bool
) -> None:
    rows = [[1 + i % 4] * 9 for i in range(identical)] + [[4, 4, 4, 4, 4, 4, 4, 4, 3]] * varied
    out = q.straight_lining(_skm(rows), min_responden=min_responden)
    assert out["responden"].iloc[0] == identical + varied
    assert out["identik"].iloc[0] == identical
    assert out["persen_identik"].iloc[0] == pytest.approx(persen)
    assert bool(out["mencurigakan"].iloc[0]) is flag


def test_straight_lining_counts_only_complete_valid_rows() -> None:
    rows = [[4] * 9, [4] * 8 + [NAN], [4] * 8 + [5], [2] * 9]
    out = q.straight_lining(_skm(rows), min_responden=1, ambang_persen=50.0)
    assert (out["responden"].iloc[0], out["identik"].iloc[0]) == (2, 2)
    assert bool(out["mencurigakan"].iloc[0])  # 100 % > 50 %


def test_straight_lining_per_agency_and_empty() -> None:
    skm = pd.concat([_skm([[3] * 9], "a"), _skm([[3] * 8 + [2]], "b")], ignore_index=True)
    out = q.straight_lining(skm, min_responden=1)
    assert out["persen_identik"].tolist() == [100.0, 0.0]
    empty = q.straight_lining(pd.DataFrame())
    assert empty.empty and list(empty.columns) == [
        "instansi_kode",
        "responden",
        "identik",
        "persen_identik",
        "mencurigakan",
    ]


@pytest.mark.parametrize(
    ("sangat_baik", "baik", "flag"),
    [
        pytest.param(19, 1, True, id="95-percent-of-20"),
        pytest.param(18, 2, False, id="90-percent"),
        pytest.param(5, 0, False, id="100-percent-of-5-below-min-staff"),
        pytest.param(0, 0, False, id="nobody-rated"),
    ],
)
def test_all_sangat_baik(sangat_baik: int, baik: int, flag: bool) -> None:
    counts = pd.DataFrame(
        {"instansi_kode": ["a", "a"], "predikat": ["Sangat Baik", "Baik"], "jumlah": [sangat_baik, baik]}
    )
    out = q.all_sangat_baik(predikat_distribution(counts))
    assert out["mencurigakan"].tolist() == [flag]  # 0 rated: NaN share, not flagged


def test_all_sangat_baik_thresholds() -> None:
    dist = pd.DataFrame({"instansi_kode": ["a"], "jumlah": [5], "persen_sangat_baik": [80.0]})
    assert bool(q.all_sangat_baik(dist, ambang_persen=80.0, min_pegawai=5)["mencurigakan"].iloc[0])


@pytest.mark.parametrize(
    ("diharapkan", "tercatat", "persen"),
    [
        pytest.param(12, 9, 75.0, id="9-of-12"),
        pytest.param(48, 48, 100.0, id="all-on-time"),
        pytest.param(4, 6, 100.0, id="over-clipped"),
        pytest.param(0, 0, NAN, id="nothing-due-nan"),
        pytest.param(10, NAN, NAN, id="unknown-nan"),
    ],
)
def test_adoption(diharapkan: float, tercatat: float, persen: float) -> None:
    frame = pd.DataFrame(
        {
            "instansi_kode": ["a"],
            "pegawai": [4],
            "periode_diharapkan": [diharapkan],
            "periode_tercatat_tepat_waktu": [tercatat],
        }
    )
    assert _same(q.adoption(frame)["persen_adopsi"].iloc[0], persen)


@pytest.mark.parametrize(
    "func",
    [q.skp_completeness, q.service_completeness, q.validity, q.consistency, q.all_sangat_baik, q.adoption],
    ids=lambda f: f.__name__,
)
def test_row_checks_empty_give_empty_frame(func: Callable[[pd.DataFrame], pd.DataFrame]) -> None:
    out = func(pd.DataFrame())
    assert out.empty and "instansi_kode" in out.columns


def test_row_checks_refuse_missing_columns() -> None:
    with pytest.raises(ValueError, match="dinilai"):
        q.skp_completeness(pd.DataFrame({"instansi_kode": ["a"], "pegawai": [3]}))


# --- score --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("parts", "weights", "skor", "bagian"),
    [
        pytest.param({"kelengkapan": 80, "kesegaran": 50}, q.DEFAULT_WEIGHTS, 65.0, 2, id="missing-parts-not-zero"),
        # (3 × 80 + 1 × 50) / 4
        pytest.param({"kelengkapan": 80, "kesegaran": 50}, {"kelengkapan": 3, "kesegaran": 1}, 72.5, 2, id="weighted"),
        pytest.param({"kelengkapan": 80, "validitas": 20}, {"kelengkapan": 1}, 80.0, 1, id="zero-weight-ignored"),
        pytest.param({"kelengkapan": 150, "pola": -10}, q.DEFAULT_WEIGHTS, 50.0, 2, id="clipped-to-0-100"),
        pytest.param({"kelengkapan": NAN}, q.DEFAULT_WEIGHTS, NAN, 0, id="no-part-nan"),
    ],
)
def test_quality_score_renormalises(
    parts: dict[str, float], weights: dict[str, float], skor: float, bagian: int
) -> None:
    out = qs.quality_score(pd.DataFrame({"instansi_kode": ["a"], **{k: [v] for k, v in parts.items()}}), weights)
    assert _same(out["skor_kualitas_data"].iloc[0], skor)
    assert out["bagian_tersedia"].iloc[0] == bagian


def test_quality_score_fix_first() -> None:
    parts = pd.DataFrame(
        {
            "instansi_kode": ["a", "b", "c", "d"],
            "kelengkapan": [90, 100, 100, 60],
            "kesegaran": [40, 100, 100, 60],
            "konsistensi": [70, 100, NAN, 90],
            "catatan_kesegaran": ["Data layanan belum diunggah sejak 1 April 2025 (182 hari)", "", "", ""],
        }
    )
    out = qs.quality_score(parts)
    assert out["perbaiki_dulu"].tolist() == [
        "Data layanan belum diunggah sejak 1 April 2025 (182 hari)",
        "",
        "",
        q.PESAN_UMUM["kelengkapan"],  # tie 60/60: the earlier part; no note → generic text
    ]
    weighted = qs.quality_score(parts, {"kelengkapan": 1, "konsistensi": 1})
    assert weighted["perbaiki_dulu"].iloc[0] == q.PESAN_UMUM["konsistensi"]  # kesegaran has no weight


@pytest.mark.parametrize(
    "weights",
    [
        pytest.param({"kelengkapn": 1.0}, id="typo"),
        pytest.param({"kelengkapan": -1.0}, id="negative"),
        pytest.param({"kelengkapan": 0.0}, id="all-zero"),
        pytest.param({"kelengkapan": NAN}, id="nan"),
    ],
)
def test_quality_score_bad_weights(weights: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="Bobot"):
        qs.quality_score(pd.DataFrame({"instansi_kode": ["a"], "kelengkapan": [1.0]}), weights)


def test_quality_score_empty() -> None:
    out = qs.quality_score(pd.DataFrame())
    assert out.empty
    assert {"skor_kualitas_data", "bagian_tersedia", "perbaiki_dulu", *q.PARTS} <= set(out.columns)


def test_quality_parts_worked_example() -> None:
    # Agency a: SKP 8 of 10 rated (80); uploads: skp 45 days (100) and layanan 182 days (0) → kesegaran 50;
    # 10 of 100 rows refused → validitas 90; 5 + 2 problems in 100 SKP rows → konsistensi 93;
    # straight-lining flagged → pola 100 − 50 = 50. Score = (80 + 50 + 90 + 93 + 50) / 5 = 72.6.
    # Agency b: all rated (100), SKP never uploaded (0), no problems (100) → (100 + 0 + 100) / 3.
    fresh = q.freshness(
        pd.DataFrame(
            {
                "instansi_kode": ["a", "a", "b"],
                "jenis": ["skp", "layanan", "skp"],
                "impor_terakhir": [T("2025-08-16"), T("2025-04-01"), pd.NaT],
                "peristiwa_terakhir": [pd.NaT] * 3,
            }
        ),
        AS_OF,
    )
    straight = q.straight_lining(_skm([[4] * 9] * 4 + [[4] * 8 + [3]]), min_responden=5)
    parts = qs.quality_parts(
        skp_lengkap=pd.DataFrame({"instansi_kode": ["a", "b"], "pegawai": [10, 20], "dinilai": [8, 20]}),
        kesegaran=fresh,
        validitas=pd.DataFrame(
            {"instansi_kode": ["a", "a"], "baris_diterima": [40, 50], "baris_ditolak": [4, 6], "nip_salah": [NAN, NAN]}
        ),
        konsistensi=pd.DataFrame(
            {
                "instansi_kode": ["a", "b"],
                "skp_total": [100, 50],
                "predikat_bertentangan": [5, 0],
                "waktu_mundur": [2, 0],
                "pegawai_ganda": [0, 0],
            }
        ),
        straight=straight,
    )
    a, b = parts.iloc[0], parts.iloc[1]
    assert (a["kelengkapan"], a["kesegaran"], a["validitas"], a["konsistensi"], a["pola"]) == (80, 50, 90, 93, 50)
    assert np.isnan(a["adopsi"]) and np.isnan(b["validitas"]) and np.isnan(b["pola"])
    assert a["catatan_kesegaran"] == "Data layanan belum diunggah sejak 1 April 2025 (182 hari)"
    assert a["catatan_kelengkapan"] == "Baru 80,0% pegawai yang dinilai SKP-nya (8 dari 10)"
    assert a["catatan_konsistensi"] == "Predikat bertentangan dengan rating pada 5 penilaian SKP"
    assert a["catatan_pola"] == "Jawaban survei seragam (straight-lining) pada 80,0% responden"
    assert b["catatan_kesegaran"] == "Data SKP belum pernah diunggah" and b["catatan_kelengkapan"] == ""
    scores = qs.quality_score(parts)
    assert scores["skor_kualitas_data"].tolist() == pytest.approx([72.6, 200 / 3])
    assert scores["bagian_tersedia"].tolist() == [5, 3]
    # kesegaran and pola tie at 50: the earlier part in PARTS is named first
    assert scores["perbaiki_dulu"].tolist() == [a["catatan_kesegaran"], "Data SKP belum pernah diunggah"]


def test_quality_parts_all_patterns_penalties_add_up() -> None:
    dist = pd.DataFrame({"instansi_kode": ["a"], "jumlah": [20], "persen_sangat_baik": [100.0]})
    straight = pd.DataFrame({"instansi_kode": ["a"], "responden": [40], "identik": [20], "persen_identik": [50.0]})
    parts = qs.quality_parts(
        sangat_baik=q.all_sangat_baik(dist), straight=straight.assign(mencurigakan=True), penalti_pola=60.0
    )
    assert parts["pola"].iloc[0] == 0.0  # 100 − 60 − 60, floored at 0
    adopsi = pd.DataFrame(
        {
            "instansi_kode": ["a", "a"],
            "pegawai": [2, 2],
            "periode_diharapkan": [6, 6],
            "periode_tercatat_tepat_waktu": [6, 3],
        }
    )
    out = qs.quality_parts(adopsi=adopsi)
    assert out["adopsi"].iloc[0] == 75.0
    assert (
        out["catatan_adopsi"].iloc[0]
        == "Baru 75,0% penilaian periodik tercatat tepat waktu (9 dari 12 periode pegawai)"
    )


def test_quality_parts_without_input() -> None:
    out = qs.quality_parts()
    assert out.empty and "catatan_kesegaran" in out.columns


# --- properties ---------------------------------------------------------------------------------

part_value = st.one_of(st.floats(-50, 150, allow_nan=False), st.just(NAN))


@settings(max_examples=150, deadline=None)
@given(
    values=st.lists(st.tuples(*[part_value] * len(q.PARTS)), min_size=1, max_size=6),
    weights=st.tuples(*[st.floats(0.1, 10)] * len(q.PARTS)),
)
def test_quality_score_stays_in_0_100(values: list[tuple[float, ...]], weights: tuple[float, ...]) -> None:
    frame = pd.DataFrame(values, columns=list(q.PARTS)).assign(instansi_kode=[f"k{i}" for i in range(len(values))])
    out = qs.quality_score(frame, dict(zip(q.PARTS, weights, strict=True)))
    skor = out["skor_kualitas_data"].dropna()
    assert ((skor >= 0) & (skor <= 100)).all()
    assert (out["skor_kualitas_data"].isna() == (out["bagian_tersedia"] == 0)).all()


@settings(max_examples=150, deadline=None)
@given(
    values=st.tuples(*[part_value] * len(q.PARTS)),
    which=st.integers(0, len(q.PARTS) - 1),
    raise_by=st.floats(0, 100),
)
def test_quality_score_raising_a_part_never_lowers(values: tuple[float, ...], which: int, raise_by: float) -> None:
    if math.isnan(values[which]):
        return
    frame = pd.DataFrame([values], columns=list(q.PARTS)).assign(instansi_kode="a")
    higher = frame.copy()
    higher[q.PARTS[which]] = values[which] + raise_by
    before, after = qs.quality_score(frame)["skor_kualitas_data"][0], qs.quality_score(higher)["skor_kualitas_data"][0]
    assert after >= before


def test_freshness_lag_is_judged_against_the_newest_upload_of_each_kind() -> None:
    """DOMAIN.md §9 freshness, against peers [assumed]: SKP uploaded by both agencies in January is not stale
    in October; a service upload 100 days behind the newest service upload is 'basi'; sanctions are left out."""
    latest = pd.DataFrame(
        {
            "instansi_kode": ["a", "b", "a", "b", "a"],
            "jenis": ["skp", "skp", "layanan", "layanan", "disiplin"],
            "impor_terakhir": [T("2025-01-10"), T("2025-01-15"), T("2025-10-01"), T("2025-06-23"), T("2020-01-01")],
            "peristiwa_terakhir": [pd.NaT] * 5,
        }
    )
    out = q.freshness_lag(latest).set_index(["jenis", "instansi_kode"])
    assert "disiplin" not in out.index.get_level_values("jenis")
    assert out.loc[("skp", "a"), "hari_sejak_impor"] == 5 and out.loc[("skp", "a"), "status"] == "segar"
    assert out.loc[("skp", "b"), "hari_sejak_impor"] == 0
    assert out.loc[("layanan", "b"), "hari_sejak_impor"] == 100 and out.loc[("layanan", "b"), "status"] == "basi"
