"""The README documents every CLI command, upload kind and environment variable (STYLE.md point 13)."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from asn_metrics.cli import _parser
from asn_metrics.reference import KINDS

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    parser = _parser()
    [sub] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return sorted(sub.choices)


@pytest.mark.parametrize("command", _commands())
def test_every_command_is_in_the_readme(command: str) -> None:
    assert f"`{command}" in README


@pytest.mark.parametrize("kind", KINDS)
def test_every_upload_kind_is_in_the_readme(kind: str) -> None:
    assert f"`{kind}`" in README


@pytest.mark.parametrize("variable", ["ASN_DB_URL", "ASN_DEMO_PEGAWAI", "ASN_TEST_PG_URL"])
def test_every_environment_variable_is_in_the_readme(variable: str) -> None:
    assert f"`{variable}`" in README


def test_every_variable_the_code_reads_is_documented() -> None:
    root = Path(__file__).resolve().parent.parent
    sources = [*root.glob("asn_metrics/**/*.py"), root / "dashboard.py", root / "tests" / "conftest.py"]
    names = {m for path in sources for m in re.findall(r"[\"'](ASN_[A-Z_]+)[\"']", path.read_text(encoding="utf-8"))}
    assert {"ASN_DB_URL", "ASN_DEMO_PEGAWAI", "ASN_TEST_PG_URL"} <= names
    for name in names:
        assert f"`{name}`" in README, name


def test_the_two_commands_are_shown() -> None:
    assert "make run" in README and "make test" in README
