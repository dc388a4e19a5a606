"""Temuan utama and their words (issue 16 items 2-3) on constructed data with hand-computed answers."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine

from asn_metrics import findings
from asn_metrics.narrative import change_sentence, direction_word


def _shares(*rows: tuple[str, int, int, int, int]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["nama", "x", "n", "x_sebelumnya", "n_sebelumnya"])


def test_a_real_rise_is_reported_and_a_change_in_the_noise_is_not() -> None:
    # 600/1000 against 500/1000: pooled p = 0.55, se = √(0.55·0.45·0.002) = 0.02225, z = 0.10/0.02225 = 4.49.
    # 505/1000 against 500/1000: z = 0.005/0.02236 = 0.22, inside the noise.
    found = findings.changes(
        _shares(("Dinas A", 600, 1000, 500, 1000), ("Dinas B", 505, 1000, 500, 1000)),
        what="porsi Baik ke atas",
        year=2025,
    )
    assert [f.kind for f in found] == ["perubahan"]
    assert found[0].sentence == "Porsi Baik ke atas Dinas A naik 10,0 poin menjadi 60,0% (sebelumnya 50,0%)."
    assert found[0].number == "+10,0 poin"
    assert abs(found[0].strength - 4.49 / 1.96) < 0.01
    assert "|z| = 4,5" in found[0].rule


def test_a_real_fall_is_called_a_fall() -> None:
    [found] = findings.changes(_shares(("Dinas C", 400, 1000, 500, 1000)), what="porsi tepat waktu", year=2025)
    assert " turun 10,0 poin menjadi 40,0%" in found.sentence


def test_findings_are_ranked_by_how_far_they_clear_their_bar() -> None:
    small = findings.changes(_shares(("Kecil", 545, 1000, 500, 1000)), what="porsi", year=2025)  # z ≈ 2.0
    large = findings.changes(_shares(("Besar", 700, 1000, 500, 1000)), what="porsi", year=2025)  # z ≈ 9.1
    slow = findings.slow_services(pd.DataFrame({"nama": ["KTP-el"], "median_jam": [6.0], "standar_jam": [1.0]}))
    assert slow[0].strength == 3.0  # 6× the standard is 3× the 2× bar
    ranked = findings.ranked(small + slow + large)
    assert [f.sentence.split()[1] for f in ranked if f.kind == "perubahan"] == ["Besar", "Kecil"]
    assert [f.kind for f in ranked] == ["perubahan", "layanan", "perubahan"]
    assert ranked[0].strength > ranked[1].strength > ranked[2].strength
    assert len(findings.ranked(small * 9)) == findings.LIMIT


def test_an_agency_far_from_the_others() -> None:
    # Scores 80, 81, 82, 79, 80, 40: median 80, |x − 80| = 0, 1, 2, 1, 0, 40 → MAD 1;
    # robust z of 40 = 0.6745·(40 − 80)/1 = −27.0; of 82 = 1.35 (not far).
    scores = pd.DataFrame({"nama": list("ABCDEF"), "skor": [80, 81, 82, 79, 80, 40]})
    [found] = findings.outliers(scores)
    assert found.sentence == "Skor kinerja F 40,0, jauh di bawah median 80,0 instansi lain."
    assert "z robust -27,0" in found.rule
    assert findings.outliers(scores.head(4)) == []  # fewer than five agencies: no comparison


def test_services_over_their_standard_inflation_and_stale_data() -> None:
    speed = pd.DataFrame({"nama": ["KTP-el", "KIA"], "median_jam": [5.0, 1.5], "standar_jam": [1.0, 1.0]})
    [slow] = findings.slow_services(speed)
    assert slow.sentence == "KTP-el selesai dalam median 5,0 jam, 5,0 kali standarnya (1,0 jam)."
    flags = pd.DataFrame(
        {"nama": ["X", "Y"], "jumlah": [40, 40], "persen_sangat_baik": [95.0, 20.0], "inflasi": [True, False]}
    )
    [inflated] = findings.inflation(flags)
    assert inflated.sentence.startswith(
        "1 instansi memberi predikat Sangat Baik kepada 70% pegawainya atau lebih: X (95,0%)."
    )
    assert abs(inflated.strength - 95 / 70) < 1e-9
    fresh = pd.DataFrame(
        {
            "instansi_kode": ["a", "b", "c"],
            "nama": ["A", "B", "C"],
            "jenis": ["skp"] * 3,
            "hari_sejak_impor": [30, 120, 180],
        }
    )
    [late] = findings.stale(fresh, {"skp": "Data SKP"})
    assert (
        late.sentence == "2 instansi belum memperbarui datanya lebih dari 90 hari; paling lama: Data SKP C, 180 hari."
    )
    assert late.strength == 2.0


def test_direction_words_respect_the_noise() -> None:
    # DOMAIN.md §2 example from the issue: IKM 80,90 → 84,10, mutu B.
    assert (
        change_sentence("IKM Disdukcapil Kota Bengkulu", 80.90, 84.10, real=True, decimals=2, note="mutu B")
        == "IKM Disdukcapil Kota Bengkulu naik 3,20 poin menjadi 84,10 (mutu B)."
    )
    assert change_sentence("IKM X", 84.10, 80.90, real=True, decimals=2).startswith(
        "IKM X turun 3,20 poin menjadi 80,90"
    )
    within = change_sentence("IKM X", 84.10, 84.40, real=False, decimals=2)
    assert within == "IKM X tetap di sekitar 84,40 (selisih 0,30 poin masih dalam batas ketidakpastian)."
    assert "naik" not in within and "turun" not in within
    assert change_sentence("IKM X", 84.1, 84.1, real=True) == "IKM X tetap 84,1."
    assert [direction_word(1, 2, real=r) for r in (True, False)] == ["naik", "tetap"]


def test_share_sentence_tests_the_change_itself() -> None:
    assert "tetap di sekitar" in findings.share_sentence("Porsi", 505, 1000, 500, 1000)
    assert "naik 10,0 poin" in findings.share_sentence("Porsi", 600, 1000, 500, 1000)


def test_a_kpi_change_inside_the_noise_is_not_shown_as_a_rise_or_fall(demo_engine: Engine) -> None:
    from asn_metrics import store
    from asn_metrics.filters import Filters
    from asn_metrics.views import ringkasan
    from asn_metrics.views.source import StoreSource

    # 85,7% of 5.000 against 86,0% of 5.000: z = -0,43, inside the noise; 60% of 1.000 against 50%: z = 4,49.
    assert ringkasan._real(85.7, 5000, 86.0, 5000) is False
    assert ringkasan._real(60.0, 1000, 50.0, 1000) is True
    year = store.load_skp_years(demo_engine)[0]
    view = ringkasan.build(StoreSource(demo_engine), Filters(tahun=year))
    assert view is not None
    good = next(k for k in view.kpis if k.label == "Predikat Baik ke atas")
    now = store.load_predikat_counts(demo_engine, Filters(tahun=year))
    before = store.load_predikat_counts(demo_engine, Filters(tahun=year - 1))

    def share(counts: pd.DataFrame) -> tuple[float, float]:
        return float(counts.loc[counts["predikat"].isin(["Sangat Baik", "Baik"]), "jumlah"].sum()), float(
            counts["jumlah"].sum()
        )

    assert good.within_noise == (not findings.real_change(*share(now), *share(before)))
