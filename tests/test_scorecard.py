"""Tests for asn_metrics.scorecard (agency scorecard over DOMAIN.md §1-6 and §9; UX.md "within the noise")."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asn_metrics import scorecard as sc
from asn_metrics.development import jp_summary
from asn_metrics.indicators import agency_capaian
from asn_metrics.quality_score import quality_score
from asn_metrics.service import service_speed
from asn_metrics.skp import predikat_distribution
from asn_metrics.survey import ikm
from asn_metrics.uncertainty import LABEL_DALAM_BATAS, wilson_interval

NAN = float("nan")
T = pd.Timestamp


def _parts(**columns: list[float]) -> pd.DataFrame:
    n = len(next(iter(columns.values())))
    return pd.DataFrame({"instansi_kode": [chr(ord("A") + i) for i in range(n)], **columns})


def test_three_agency_scorecard_by_hand() -> None:
    # A: predikat 80, IKM 85 → (85 − 25) / 75 × 100 = 80, layanan 90 → (80 + 80 + 90) / 3 = 83.33
    # B: predikat 60, IKM 70 → 60, layanan missing → renormalised over two parts: (60 + 60) / 2 = 60
    # C: predikat 70, IKM 100 → 100, layanan 50 → (70 + 100 + 50) / 3 = 73.33
    parts = _parts(persen_baik_ke_atas=[80, 60, 70], ikm=[85, 70, 100], persen_tepat_waktu=[90, NAN, 50])
    out = sc.agency_scorecard(parts)
    assert out["instansi_kode"].tolist() == ["A", "C", "B"]
    assert out["skor"].tolist() == pytest.approx([250 / 3, 220 / 3, 60.0])
    assert out["skor_ikm"].tolist() == pytest.approx([80.0, 100.0, 60.0])
    assert out["bagian_tersedia"].tolist() == [3, 3, 2]
    assert out["peringkat"].tolist() == [1, 2, 3]
    assert out["selisih"].iloc[1] == pytest.approx(-10.0)
    assert not out["dalam_batas_ketidakpastian"].any()  # no bounds, nothing marked
    assert out["skor_bawah"].isna().all()
    assert out["skor_pengaduan"].isna().all()
    assert list(out.columns[: len(sc.OUTPUT_COLUMNS)]) == list(sc.OUTPUT_COLUMNS)
    assert "ikm" in out.columns  # input figures stay beside the scores
    assert parts["ikm"].tolist() == [85, 70, 100]  # input untouched


@pytest.mark.parametrize(
    ("weights", "skor_a", "skor_b"),
    [
        # A: predikat 80, capaian 130 → 100; B: predikat 40, capaian missing
        pytest.param(sc.DEFAULT_WEIGHTS, 90.0, 40.0, id="equal-capaian-capped"),
        pytest.param({"predikat": 3, "capaian": 1}, 85.0, 40.0, id="weighted-3-1"),
        pytest.param({"capaian": 1}, 100.0, NAN, id="only-capaian-b-has-none"),
        pytest.param({"predikat": 1, "capaian": 0}, 80.0, 40.0, id="zero-weight-part-ignored"),
    ],
)
def test_weights_renormalise_over_available_parts(weights: dict[str, float], skor_a: float, skor_b: float) -> None:
    out = sc.agency_scorecard(_parts(persen_baik_ke_atas=[80, 40], capaian_persen=[130, NAN]), weights)
    got = out.set_index("instansi_kode")["skor"]
    assert got["A"] == pytest.approx(skor_a)
    assert (math.isnan(got["B"]) and math.isnan(skor_b)) or got["B"] == pytest.approx(skor_b)


@pytest.mark.parametrize(
    ("part", "value", "score"),
    [
        pytest.param("ikm", 25.0, 0.0, id="ikm-25-is-0"),
        pytest.param("ikm", 62.5, 50.0, id="ikm-62.5-is-50"),
        pytest.param("ikm", 88.31, (88.31 - 25) / 75 * 100, id="ikm-mutu-a-boundary"),
        pytest.param("ikm", 100.0, 100.0, id="ikm-100"),
        pytest.param("capaian", 130.0, 100.0, id="capaian-capped-100"),
        pytest.param("capaian", 76.0, 76.0, id="capaian-as-is"),
        pytest.param("layanan", -5.0, 0.0, id="clipped-low"),
        pytest.param("predikat", NAN, NAN, id="nan-stays-nan"),
    ],
)
def test_part_score(part: str, value: float, score: float) -> None:
    got = sc.part_score(part, pd.Series([value]))[0]
    assert (math.isnan(got) and math.isnan(score)) or got == pytest.approx(score)


def test_ties_share_the_min_rank() -> None:
    out = sc.agency_scorecard(_parts(persen_baik_ke_atas=[70, 90, 90, 50]))
    assert dict(zip(out["instansi_kode"], out["peringkat"], strict=True)) == {"B": 1, "C": 1, "A": 3, "D": 4}


def test_noise_marks_from_part_bounds() -> None:
    # One part, so skor = the part: A 80 [75, 85], B 79.7 [74.7, 84.7] overlaps A → a 0.3 gap is noise;
    # C 50 [45, 55] does not overlap B → a real gap.
    parts = _parts(
        persen_baik_ke_atas=[80.0, 79.7, 50.0],
        persen_baik_ke_atas_bawah=[75.0, 74.7, 45.0],
        persen_baik_ke_atas_atas=[85.0, 84.7, 55.0],
    )
    out = sc.agency_scorecard(parts)
    assert out["instansi_kode"].tolist() == ["A", "B", "C"]
    assert out["skor_bawah"].tolist() == pytest.approx([75.0, 74.7, 45.0])
    assert out["dalam_batas_ketidakpastian"].tolist() == [False, True, False]
    assert out["keterangan_ketidakpastian"].tolist() == ["", LABEL_DALAM_BATAS, ""]
    assert out["peringkat"].tolist() == [1, 2, 3]


def test_score_bounds_combine_linearly_and_exact_parts_have_no_width() -> None:
    # A: predikat 80 [70, 90], capaian 60 exact → skor 70, bounds (70 + 60) / 2 = 65 and (90 + 60) / 2 = 75.
    # IKM bounds are rescaled like the IKM: B ikm 85 [80, 90] → 80 [73.33, 86.67].
    parts = _parts(
        persen_baik_ke_atas=[80, NAN],
        persen_baik_ke_atas_bawah=[70, NAN],
        persen_baik_ke_atas_atas=[90, NAN],
        capaian_persen=[60, NAN],
        ikm=[NAN, 85],
        ikm_bawah=[NAN, 80],
        ikm_atas=[NAN, 90],
    )
    out = sc.agency_scorecard(parts).set_index("instansi_kode")
    assert (out.loc["A", "skor_bawah"], out.loc["A", "skor"], out.loc["A", "skor_atas"]) == pytest.approx((65, 70, 75))
    assert (out.loc["B", "skor_bawah"], out.loc["B", "skor_atas"]) == pytest.approx((220 / 3, 260 / 3))
    # B (80) ranks above A (70); A's [65, 75] overlaps B's [73.3, 86.7], so A's gap to B is noise
    assert bool(out.loc["A", "dalam_batas_ketidakpastian"]) and not out.loc["B", "dalam_batas_ketidakpastian"]


def test_intervals_frame_and_direct_score_bounds() -> None:
    parts = _parts(persen_tepat_waktu=[90.0, 60.0])
    bounds = pd.DataFrame(
        {"instansi_kode": ["B", "A"], "persen_tepat_waktu_bawah": [40.0, 85.0], "persen_tepat_waktu_atas": [95.0, 95.0]}
    )
    out = sc.agency_scorecard(parts, intervals=bounds).set_index("instansi_kode")
    assert (out.loc["A", "skor_bawah"], out.loc["B", "skor_bawah"]) == (85.0, 40.0)
    assert bool(out.loc["B", "dalam_batas_ketidakpastian"])
    direct = pd.DataFrame({"instansi_kode": ["A", "B"], "skor_bawah": [89.0, 59.0], "skor_atas": [91.0, 61.0]})
    out2 = sc.agency_scorecard(parts, intervals=direct).set_index("instansi_kode")
    assert out2.loc["B", "skor_atas"] == 61.0 and not out2["dalam_batas_ketidakpastian"].any()
    with pytest.raises(ValueError, match="intervals"):
        sc.agency_scorecard(parts, intervals=pd.concat([bounds, bounds]))


def test_empty_single_row_and_no_parts() -> None:
    empty = sc.agency_scorecard(pd.DataFrame())
    assert empty.empty and list(empty.columns) == list(sc.OUTPUT_COLUMNS)
    one = sc.agency_scorecard(_parts(ikm=[88.3]))
    assert one["peringkat"].tolist() == [1] and one["skor"].iloc[0] == pytest.approx(63.3 / 75 * 100)
    assert np.isnan(one["selisih"].iloc[0]) and not one["dalam_batas_ketidakpastian"].iloc[0]
    none = sc.agency_scorecard(_parts(ikm=[NAN, 70.0]))
    assert none["instansi_kode"].tolist() == ["B", "A"]  # no part: NaN skor, ranked last
    assert none["peringkat"].isna().tolist() == [False, True] and none["bagian_tersedia"].tolist() == [1, 0]


def test_bad_weights_raise() -> None:
    with pytest.raises(ValueError, match="tidak dikenal"):
        sc.agency_scorecard(_parts(ikm=[80.0]), {"ikm": 1.0, "kepuasan": 1.0})
    with pytest.raises(ValueError, match="Bobot"):
        sc.agency_scorecard(_parts(ikm=[80.0]), {"ikm": -1.0})


def test_scorecard_parts_from_module_outputs() -> None:
    counts = pd.DataFrame(
        {
            "instansi_kode": ["A", "A", "A", "B", "B"],
            "predikat": ["Sangat Baik", "Baik", "Butuh Perbaikan", "Baik", "Kurang/Misconduct"],
            "jumlah": [2, 6, 2, 3, 1],
        }
    )
    skm = pd.DataFrame(
        [
            {"instansi_kode": k, **{f"u{i}": v for i in range(1, 10)}}
            for k, v in [("A", 4), ("A", 3), ("B", 3), ("B", 3)]
        ]
    )
    layanan = pd.DataFrame(
        {
            "instansi_kode": ["A", "A"],
            "wilayah_kode": ["17.71", "17.71"],
            "jenis_layanan": ["ktp_el", "kk"],
            "tanggal_masuk": [T("2025-06-02 08:00"), T("2025-06-02 09:00")],
            "tanggal_selesai": [T("2025-06-02 08:30"), T("2025-06-02 11:00")],
            "durasi_jam": [0.5, 2.0],
            "status": ["selesai", "selesai"],
        }
    )
    pengaduan = pd.DataFrame(
        {
            "instansi_kode": ["A"],
            "ditanggapi_tepat_waktu": [3],
            "dinilai_tanggapan": [4],
            "persen_ditanggapi_5_hari": [75.0],
        }
    )
    indikator = pd.DataFrame(
        {"instansi_kode": ["A", "B"], "target": [100.0, 100.0], "realisasi": [130.0, 80.0], "arah": ["naik", "naik"]}
    )
    jp = pd.DataFrame(
        {
            "nip": list("123456"),
            "instansi_kode": ["A", "A", "A", "A", "B", "B"],
            "jp": [20, 25, 30, 5, 0, 10],
            "memenuhi_20_jp": [True, True, True, False, False, False],
        }
    )
    kualitas = quality_score(pd.DataFrame({"instansi_kode": ["A"], "kelengkapan": [72.6]}))
    parts = sc.scorecard_parts(
        predikat=predikat_distribution(counts),
        ikm=ikm(skm, by="instansi_kode"),
        layanan=service_speed(layanan),  # default by (instansi_kode, jenis_layanan): summed per agency
        pengaduan=pengaduan,
        capaian=agency_capaian(indikator),
        pelatihan=jp_summary(jp),
        kualitas=kualitas,
    ).set_index("instansi_kode")
    a, b = parts.loc["A"], parts.loc["B"]
    assert (a["persen_baik_ke_atas"], b["persen_baik_ke_atas"]) == (80.0, 75.0)  # (2 + 6) / 10, 3 / 4
    low, high = wilson_interval(8, 10)
    assert (a["persen_baik_ke_atas_bawah"], a["persen_baik_ke_atas_atas"]) == pytest.approx((low[0], high[0]))
    assert (a["ikm"], b["ikm"]) == (87.5, 75.0)  # NRR 3.5 × 25; 3 × 25
    assert a["persen_tepat_waktu"] == 50.0 and np.isnan(b["persen_tepat_waktu"])  # 0.5 h ≤ 1 h, 2 h > 1 h
    assert a["persen_ditanggapi_5_hari"] == 75.0
    assert (a["capaian_persen"], b["capaian_persen"]) == (120.0, 80.0)  # agency_capaian caps at 120
    assert (a["persen_memenuhi_20_jp"], b["persen_memenuhi_20_jp"]) == (75.0, 0.0)
    assert a["skor_kualitas_data"] == pytest.approx(72.6) and np.isnan(b["skor_kualitas_data"])
    out = sc.agency_scorecard(parts.reset_index()).set_index("instansi_kode")
    # A: 80, (87.5 − 25) / 75 × 100 = 83.33, 50, 75, 100 (capped), 75, 72.6 → sum 535.93 / 7
    assert out.loc["A", "skor"] == pytest.approx((80 + 250 / 3 + 50 + 75 + 100 + 75 + 72.6) / 7)
    # B: 75, 66.67, 80, 0 → / 4
    assert out.loc["B", "skor"] == pytest.approx((75 + 200 / 3 + 80 + 0) / 4)
    assert out.loc["A", "bagian_tersedia"] == 7 and out.loc["B", "bagian_tersedia"] == 4
    assert out.loc["A", "skor_bawah"] < out.loc["A", "skor"] < out.loc["A", "skor_atas"]


def test_scorecard_parts_duplicates_and_empty() -> None:
    twice = pd.DataFrame(
        {"instansi_kode": ["A", "A"], "ikm": [80.0, 82.0], "ikm_bawah": [NAN] * 2, "ikm_atas": [NAN] * 2}
    )
    with pytest.raises(ValueError, match="satu baris per instansi_kode"):
        sc.scorecard_parts(ikm=twice)
    assert list(sc.scorecard_parts().columns) == ["instansi_kode"]
    assert sc.scorecard_parts(
        predikat=predikat_distribution(pd.DataFrame(columns=["instansi_kode", "predikat", "jumlah"]))
    ).empty


# --- properties ---------------------------------------------------------------------------------

COLS = [sc.KOLOM_BAGIAN[p] for p in sc.PARTS]
raw = st.one_of(st.floats(-20, 220, allow_nan=False), st.just(NAN))


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(st.tuples(*[raw] * len(COLS)), min_size=1, max_size=6),
    weights=st.tuples(*[st.floats(0.1, 10)] * len(sc.PARTS)),
)
def test_every_score_within_0_100(rows: list[tuple[float, ...]], weights: tuple[float, ...]) -> None:
    parts = pd.DataFrame(rows, columns=COLS).assign(instansi_kode=[f"k{i}" for i in range(len(rows))])
    out = sc.agency_scorecard(parts, dict(zip(sc.PARTS, weights, strict=True)))
    for col in [*sc.SKOR_KOLOM, "skor"]:
        values = out[col].dropna()
        assert ((values >= 0) & (values <= 100)).all(), col
    ranks = out["peringkat"].dropna().tolist()
    assert ranks == sorted(ranks) and (not ranks or ranks[0] == 1)
    assert len(ranks) == out["skor"].notna().sum()


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(st.tuples(*[raw] * len(COLS)), min_size=1, max_size=4),
    which=st.integers(0, len(COLS) - 1),
    raise_by=st.floats(0, 100),
)
def test_raising_a_part_never_lowers_skor(rows: list[tuple[float, ...]], which: int, raise_by: float) -> None:
    parts = pd.DataFrame(rows, columns=COLS).assign(instansi_kode=[f"k{i}" for i in range(len(rows))])
    if math.isnan(parts[COLS[which]].iloc[0]):
        return
    higher = parts.copy()
    higher.loc[0, COLS[which]] += raise_by
    before = sc.agency_scorecard(parts).set_index("instansi_kode")["skor"]["k0"]
    after = sc.agency_scorecard(higher).set_index("instansi_kode")["skor"]["k0"]
    assert after >= before


def test_an_agency_missing_parts_is_not_ranked_above_those_judged_on_all() -> None:
    # A has all seven parts at 80 → skor 80. B has four (predikat, capaian, pelatihan, kualitas data) at 100 and
    # no IKM, services or complaints: the mean of what it has is 100, so without the rule it would rank first on
    # its strongest figures alone. With BAGIAN_MINIMUM_PERINGKAT (5 of 7) B keeps its score but no rank.
    full = {
        "persen_baik_ke_atas": [80, 100, 70],
        "ikm": [85, NAN, 77.5],  # (85 − 25) / 75 × 100 = 80; (77.5 − 25) / 75 × 100 = 70
        "persen_tepat_waktu": [80, NAN, 70],
        "persen_ditanggapi_5_hari": [80, NAN, 70],
        "capaian_persen": [80, 100, 70],
        "persen_memenuhi_20_jp": [80, 100, 70],
        "skor_kualitas_data": [80, 100, 70],
    }
    parts = _parts(**full)
    assert sc.agency_scorecard(parts)["instansi_kode"].tolist()[0] == "B"  # the old reading: B "wins"
    out = sc.agency_scorecard(parts, min_parts=sc.BAGIAN_MINIMUM_PERINGKAT)
    assert out["instansi_kode"].tolist() == ["A", "C", "B"]
    assert out["peringkat"].tolist()[:2] == [1, 2] and pd.isna(out["peringkat"].iloc[2])
    assert out["skor"].tolist() == pytest.approx([80.0, 70.0, 100.0])
    assert out["bagian_kosong"].tolist() == ["", "", "IKM, layanan, pengaduan"]
    assert out["selisih"].tolist()[:2] == [pytest.approx(NAN, nan_ok=True), pytest.approx(-10.0)]
    assert pd.isna(out["selisih"].iloc[2]) and not out["dalam_batas_ketidakpastian"].iloc[2]
