"""The command line, run as a user would: `python -m asn_metrics` in a subprocess (DATA_FORMATS.md "Command line")."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from asn_metrics.db import schema
from asn_metrics.db.engine import make_engine
from asn_metrics.db.migrate import head_revision
from asn_metrics.reference import PREDIKAT_ORDER

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args: str, db_url: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ASN_DB_URL": db_url}
    return subprocess.run(
        [sys.executable, "-m", "asn_metrics", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def cli_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'cli.db'}"
    first = run_cli("init-db", db_url=url)
    assert first.returncode == 0, first.stderr
    assert f"→ {head_revision()}" in first.stdout
    demo = run_cli("demo", "--pegawai", "300", "--seed", "3", db_url=url)
    assert demo.returncode == 0, demo.stderr
    assert "bukan data resmi" in demo.stdout
    return url


def test_init_db_is_idempotent(cli_db: str) -> None:
    again = run_cli("init-db", db_url=cli_db)
    assert again.returncode == 0
    assert "sudah terbaru" in again.stdout


def test_demo_refuses_a_database_with_data(cli_db: str) -> None:
    refused = run_cli("demo", "--pegawai", "300", db_url=cli_db)
    assert refused.returncode == 1
    assert "sudah berisi data" in refused.stderr
    assert "Traceback" not in refused.stderr
    skipped = run_cli("demo", "--if-empty", db_url=cli_db)
    assert skipped.returncode == 0
    assert "tidak dimuat" in skipped.stdout


def test_summary_json_matches_the_database(cli_db: str) -> None:
    result = run_cli("summary", "--json", db_url=cli_db)
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    engine = make_engine(cli_db)
    with engine.connect() as conn:
        latest = conn.scalar(select(func.max(schema.skp.c.tahun)).where(schema.skp.c.periode == "tahunan"))
        active = conn.scalar(select(func.count()).select_from(schema.pegawai).where(schema.pegawai.c.aktif.is_(True)))
        annual = dict(
            conn.execute(
                select(schema.skp.c.predikat, func.count())
                .where(schema.skp.c.tahun == latest, schema.skp.c.periode == "tahunan")
                .group_by(schema.skp.c.predikat)
            ).all()
        )
    assert summary["filter"] == {"tahun": latest, "instansi": None, "wilayah": None}
    assert summary["pegawai"] == {"jumlah": active}
    assert list(summary["predikat"]) == list(PREDIKAT_ORDER)
    assert summary["predikat"] == {p: annual.get(p, 0) for p in PREDIKAT_ORDER}
    assert all(isinstance(v, int) for v in summary["predikat"].values())


def test_summary_filters_narrow_the_figures(cli_db: str) -> None:
    whole = json.loads(run_cli("summary", "--json", "--tahun", "2024", db_url=cli_db).stdout)
    kota = json.loads(run_cli("summary", "--json", "--tahun", "2024", "--wilayah", "17.71", db_url=cli_db).stdout)
    assert whole["filter"]["tahun"] == 2024
    assert kota["filter"] == {"tahun": 2024, "instansi": None, "wilayah": "17.71"}
    assert 0 < kota["pegawai"]["jumlah"] < whole["pegawai"]["jumlah"]
    assert sum(kota["predikat"].values()) < sum(whole["predikat"].values())


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        pytest.param(
            ("summary", "--json", "--instansi", "17.TIDAKADA"), "tidak ada di basis data", id="unknown-agency"
        ),
        pytest.param(("summary", "--json", "--wilayah", "18"), "tidak dikenal", id="unknown-region"),
        pytest.param(("summary", "--tahun", "dua"), "bukan bilangan bulat", id="year-not-a-number"),
        pytest.param(("demo", "--pegawai", "10"), "antara 200 dan 100000", id="demo-too-small"),
        pytest.param(("demo", "--pegawai", "100001"), "antara 200 dan 100000", id="demo-too-large"),
        pytest.param(("laporan",), "pilihan tidak dikenal", id="unknown-command"),
    ],
)
def test_usage_errors_are_indonesian_with_exit_2(cli_db: str, args: tuple[str, ...], fragment: str) -> None:
    result = run_cli(*args, db_url=cli_db)
    assert result.returncode == 2
    assert fragment in result.stderr
    assert "Traceback" not in result.stderr


def test_commands_need_a_migrated_database(tmp_path: Path) -> None:
    result = run_cli("summary", "--json", db_url=f"sqlite:///{tmp_path / 'kosong.db'}")
    assert result.returncode == 2
    assert "init-db" in result.stderr


@pytest.mark.parametrize("command", ["init-db", "demo", "summary"])
def test_every_command_has_help(command: str, tmp_path: Path) -> None:
    result = run_cli(command, "--help", db_url=f"sqlite:///{tmp_path / 'x.db'}")
    assert result.returncode == 0
    assert "usage:" in result.stdout
    assert len(result.stdout) > 200
