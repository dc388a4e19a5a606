"""Shared fixtures: fresh databases (SQLite files, and PostgreSQL when ASN_TEST_PG_URL is set) and a demo."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from asn_metrics.db.engine import make_engine
from asn_metrics.db.migrate import upgrade

DEMO_PEGAWAI = 400
DEMO_SEED = 7


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """PostgreSQL tests skip without a server, except in CI, where a missing server is a failure."""
    if os.environ.get("ASN_TEST_PG_URL") or os.environ.get("CI"):
        return
    skip = pytest.mark.skip(reason="ASN_TEST_PG_URL tidak diisi: tidak ada server PostgreSQL untuk uji")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


def _fresh_pg_database() -> tuple[str, str]:
    """Create an empty database on the test server; return its URL and name."""
    admin_url = os.environ.get("ASN_TEST_PG_URL")
    if not admin_url:
        pytest.fail("CI tanpa ASN_TEST_PG_URL: .ci/run harus menyalakan PostgreSQL")
    name = f"asn_t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False), name


def _drop_pg_database(name: str) -> None:
    admin = create_engine(os.environ["ASN_TEST_PG_URL"], isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'asn.db'}"


@pytest.fixture
def empty_engine(sqlite_url: str) -> Iterator[Engine]:
    """A new SQLite file with the schema migrated to head."""
    engine = make_engine(sqlite_url)
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A migrated, empty database on each backend the tests can reach."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'asn.db'}")
        upgrade(engine)
        yield engine
        engine.dispose()
        return
    url, name = _fresh_pg_database()
    engine = make_engine(url)
    upgrade(engine)
    yield engine
    engine.dispose()
    _drop_pg_database(name)


@pytest.fixture(scope="session")
def demo_db_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite file holding the small demo, built once per test process."""
    from asn_metrics.demo import generate_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    generate_demo(engine, pegawai=DEMO_PEGAWAI, seed=DEMO_SEED)
    engine.dispose()
    return f"sqlite:///{path}"


@pytest.fixture(scope="session")
def demo_engine(demo_db_url: str) -> Iterator[Engine]:
    engine = make_engine(demo_db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def demo_copy_url(demo_db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A copy of the demo for a test that writes (accounts, sessions, settings), and the app pointed at it."""
    path = tmp_path / "demo.db"
    shutil.copy(demo_db_url.removeprefix("sqlite:///"), path)
    url = f"sqlite:///{path}"
    monkeypatch.setenv("ASN_DB_URL", url)
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)
    return url
