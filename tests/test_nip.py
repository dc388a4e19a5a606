"""NIP structure (DOMAIN.md §11, DATA_FORMATS.md "NIP")."""

from __future__ import annotations

import datetime as dt

import pytest

from asn_metrics.nip import birth_date, check_nip, format_nip, make_nip, mask_nip


def test_worked_example_of_domain_11() -> None:
    # `19860926 201505 1 001`: born 1986-09-26, appointed 2015-05, male.
    nip = "198609262015051001"
    assert check_nip(nip).ok
    assert check_nip(nip).warning is None
    assert birth_date(nip) == dt.date(1986, 9, 26)
    assert format_nip(nip) == "19860926 201505 1 001"
    assert mask_nip(nip) == "198609•••••••••001"


@pytest.mark.parametrize(
    ("nip", "status", "fragment"),
    [
        pytest.param("19860926201505100", "PNS", "18 angka", id="17-digits"),
        pytest.param("19860926201505100A", "PNS", "18 angka", id="letter"),
        pytest.param("198602302015051001", "PNS", "tanggal lahir", id="30-february"),
        pytest.param("198609262015053001", "PNS", "angka ke-15", id="sex-digit-3"),
        pytest.param("198609262015051000", "PNS", "000", id="sequence-000-float-trace"),
        pytest.param("198609262015131001", "PNS", "bulan TMT", id="tmt-month-13"),
        pytest.param("198609261980051001", "PNS", "tahun pengangkatan", id="appointed-before-birth"),
    ],
)
def test_structural_errors(nip: str, status: str, fragment: str) -> None:
    result = check_nip(nip, status)
    assert not result.ok
    assert fragment in (result.error or "")


def test_pppk_digits_13_14_are_a_contract_field_not_a_month() -> None:
    nip = "199001012021211001"  # month 21 is impossible for PNS, fine for PPPK
    assert not check_nip(nip, "PNS").ok
    assert check_nip(nip, "PPPK").ok


def test_early_appointment_is_a_warning_not_an_error() -> None:
    result = check_nip("200001012016011001")  # 16 years after birth
    assert result.ok
    assert result.warning is not None and "17 tahun" in result.warning


def test_make_nip_round_trips() -> None:
    nip = make_nip(dt.date(1975, 4, 4), 2000, 4, "P", 12)
    assert nip == "197504042000042012"
    assert check_nip(nip).ok
    with pytest.raises(ValueError):
        make_nip(dt.date(1975, 4, 4), 2000, 4, "P", 0)
