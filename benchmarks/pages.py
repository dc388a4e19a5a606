"""`python -m benchmarks pages`: every page at the demo sizes, cold and warm, on SQLite and PostgreSQL.

For each database size (demo of 5,000 / 50,000 / 100,000 employees, built once and kept in a cache folder)
and each page, a fresh Python process opens the page through Streamlit's AppTest and measures:

- ``cold``: the first run of the page after ``st.cache_data`` is emptied, as a running server sees it after an
  import (process start-up and module imports are not counted: a warm-up run on Unggah Data comes first);
- ``warm``: a rerun with the same filters (a click that changes no filter: everything cached);
- ``filter``: a rerun after one filter changed (Wilayah set to Kota Bengkulu): the loaders of the new scope
  run, those that do not depend on it stay cached;
- ``peak``: the process's peak resident memory;
- ``view``: for pages built from a view (``asn_metrics.views.<page>``), that view's ``build`` straight on the
  store with no cache at all, in a second fresh process (what the view costs, without Streamlit).

Before a size is measured, one untimed ``summary --json`` brings its database into the OS page cache (as a
server has it after an import). It also times ``python -m asn_metrics summary --json`` end to end. The table
ends with the growth ratio of the largest size to the one before it, per page. PostgreSQL is measured when
``ASN_BENCH_PG_URL`` names a server (a database per size is created there and kept).

    python -m benchmarks pages [--sizes 5000,50000,100000] [--pages ringkasan,pelayanan] [--backends sqlite]
                               [--cache DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = (
    "ringkasan",
    "kinerja_instansi",
    "kinerja_pegawai",
    "pelayanan",
    "kepuasan",
    "indikator",
    "pengembangan",
    "kualitas",
    "unggah",
    "presentasi",
    "admin",
)
TARGET_COLD_S = 1.0
TARGET_WARM_S = 0.2
TARGET_PEAK_MB = 1500
TARGET_GROWTH = 1.3
TARGET_SUMMARY_S = 2.0


def _revision() -> str:
    from asn_metrics.db.migrate import head_revision

    return head_revision() or "0"


def sqlite_database(size: int, cache: Path) -> str:
    """The URL of a SQLite demo of ``size`` employees, generated into ``cache`` unless already there."""
    path = cache / f"demo_{size}_r{_revision()}.db"
    if not path.exists():
        _generate(f"sqlite:///{path.with_suffix('.tmp')}", size)
        path.with_suffix(".tmp").rename(path)
    return f"sqlite:///{path}"


def postgres_database(server_url: str, size: int) -> str:
    """The URL of a PostgreSQL database holding the demo of ``size`` employees on ``server_url``'s server."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"asn_bench_{size}_r{_revision()}"
    server = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with server.connect() as conn:
        exists = conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
        if not exists:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    server.dispose()
    url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
    from asn_metrics.db.engine import make_engine
    from asn_metrics.store.write import database_is_empty

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            empty = conn.dialect.has_table(conn, "import_batch") is False or database_is_empty(conn)
    finally:
        engine.dispose()
    if empty:
        _generate(url, size)
    return url


def _generate(url: str, size: int) -> None:
    from asn_metrics.db.engine import make_engine
    from asn_metrics.db.migrate import upgrade
    from asn_metrics.demo import generate_demo

    print(f"  … membuat demo {size:,} pegawai di {url.split('@')[-1]}", file=sys.stderr, flush=True)
    started = time.perf_counter()
    engine = make_engine(url)
    upgrade(engine)
    generate_demo(engine, pegawai=size)
    engine.dispose()
    print(f"    selesai dalam {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)


def _peak_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited from the parent)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _import_everything() -> None:
    import importlib
    import pkgutil

    import asn_metrics

    for found in pkgutil.walk_packages(asn_metrics.__path__, "asn_metrics."):
        if not found.name.endswith("__main__") and ".migrations" not in found.name:
            importlib.import_module(found.name)
    # Plotly loads each trace type's validators the first time a figure uses it (about 0.08 s per type): once per
    # server process, paid long before a page's first view after an import, so not counted either.
    import plotly.graph_objects as go

    go.Figure([go.Bar(), go.Scatter(), go.Heatmap(), go.Funnel(), go.Choroplethmap()]).to_json()
    # Likewise the national holiday calendar of each year (``complaints.holiday_dates``), computed once a process.
    from asn_metrics.complaints import holiday_dates

    holiday_dates(range(2020, 2028))


def _session(url: str) -> str:
    import datetime as dt

    from asn_metrics.db.engine import make_engine
    from asn_metrics.store.sessions import demo_login

    engine = make_engine(url)
    try:
        token = demo_login(engine, "admin", now=dt.datetime.now().replace(microsecond=0))
    finally:
        engine.dispose()
    if token is None:
        raise SystemExit("basis data benchmark bukan data demo: akun demo admin tidak tersedia")
    return token


def measure_page(url: str, page: str) -> dict[str, float]:
    """Run in a fresh process: cold, warm and filter-change times of one page, and the peak memory."""
    os.environ["ASN_DB_URL"] = url
    os.chdir(ROOT)
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=900)
    at.session_state["_sesi_token"] = _session(url)  # logged in as the demo's admin: every page is open
    at.run()
    at.switch_page("app_pages/unggah.py")
    at.run()  # engine set-up, not counted
    _import_everything()  # a running server has imported every page's modules: not counted either
    st.cache_data.clear()
    at.switch_page(f"app_pages/{page}.py")
    started = time.perf_counter()
    at.run()
    cold = time.perf_counter() - started
    failed = [e.value for e in at.exception] + [e.value for e in at.error]
    started = time.perf_counter()
    at.run()
    warm = time.perf_counter() - started
    at.sidebar.selectbox(key="f_wilayah").set_value("17.71")
    started = time.perf_counter()
    at.run()
    changed = time.perf_counter() - started
    peak_mb = _peak_mb()
    return {"cold": cold, "warm": warm, "filter": changed, "peak_mb": peak_mb, "errors": len(failed)}


def measure_view(url: str, page: str) -> dict[str, float]:
    """Run in a fresh process: the page's view built straight on the store (default filters), or nothing."""
    import importlib.util

    if importlib.util.find_spec(f"asn_metrics.views.{page}") is None:
        return {}
    module = importlib.import_module(f"asn_metrics.views.{page}")
    from asn_metrics import store
    from asn_metrics.db.engine import make_engine
    from asn_metrics.filters import Filters
    from asn_metrics.views.source import StoreSource

    engine = make_engine(url)
    years = store.load_skp_years(engine) or store.load_data_years(engine)
    filters = Filters(tahun=years[0] if years else None)
    started = time.perf_counter()
    module.build(StoreSource(engine), filters)
    return {"view": time.perf_counter() - started}


def _child(url: str, page: str, what: str = "--child") -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.pages", what, url, page],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"{page} gagal diukur:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _summary_time(url: str) -> float:
    env = {**os.environ, "ASN_DB_URL": url}
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "asn_metrics", "summary", "--json"], cwd=ROOT, env=env, capture_output=True, check=True
    )
    return time.perf_counter() - started


def _warm_up(url: str) -> None:
    """Bring the database into the OS page cache, as a running server has it right after an import: this
    machine's page cache holds about 2 GB, so a database last read before another size's was built or measured is
    read from disk again. One untimed ``summary --json`` and one untimed build of every page's view read what the
    pages read, on either backend (PostgreSQL's own buffers hold 128 MB by default)."""
    _summary_time(url)
    for page in PAGES:
        _child(url, page, "--view-child")


def _mark(value: float, target: float) -> str:
    return "" if value <= target else " ✗"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks pages")
    parser.add_argument("--sizes", default="5000,50000,100000")
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--backends", default="sqlite,postgresql", help="sqlite, postgresql or both")
    parser.add_argument("--cache", type=Path, default=ROOT / "benchmarks" / "out" / "cache")
    parser.add_argument("--child", nargs=2, metavar=("URL", "PAGE"), help=argparse.SUPPRESS)
    parser.add_argument("--view-child", nargs=2, metavar=("URL", "PAGE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(measure_page(*args.child)))
        return
    if args.view_child:
        print(json.dumps(measure_view(*args.view_child)))
        return
    sizes = [int(s) for s in args.sizes.split(",") if s]
    pages = [p for p in args.pages.split(",") if p]
    args.cache.mkdir(parents=True, exist_ok=True)
    wanted = {b.strip().lower() for b in args.backends.split(",")}
    backends: list[tuple[str, object]] = [("SQLite", None)] if "sqlite" in wanted else []
    if os.environ.get("ASN_BENCH_PG_URL") and "postgresql" in wanted:
        backends.append(("PostgreSQL", os.environ["ASN_BENCH_PG_URL"]))
    cpu = os.cpu_count()
    print(
        f"# Halaman: {cpu} inti, Python {sys.version.split()[0]}; target dingin ≤ {TARGET_COLD_S} s, hangat ≤ "
        f"{TARGET_WARM_S} s, memori ≤ {TARGET_PEAK_MB} MB, pertumbuhan ≤ {TARGET_GROWTH}×; ✗ = target tak tercapai"
    )
    for backend, server in backends:
        results: dict[int, dict[str, dict[str, float]]] = {}
        print(f"\n## {backend}\n")
        print("| pegawai | halaman | dingin (s) | hangat (s) | ganti filter (s) | memori puncak (MB) | view (s) |")
        print("|---:|---|---:|---:|---:|---:|---:|")
        for size in sizes:
            url = sqlite_database(size, args.cache) if server is None else postgres_database(str(server), size)
            results[size] = {}
            _warm_up(url)
            for page in pages:
                r = _child(url, page)
                built = _child(url, page, "--view-child").get("view")
                results[size][page] = r
                shown = "–" if built is None else f"{built:.2f}{_mark(built, TARGET_COLD_S)}"
                errors = f" ({int(r['errors'])} galat)" if r["errors"] else ""
                print(
                    f"| {size:,} | {page}{errors} | {r['cold']:.2f}{_mark(r['cold'], TARGET_COLD_S)} | "
                    f"{r['warm']:.2f}{_mark(r['warm'], TARGET_WARM_S)} | {r['filter']:.2f} | "
                    f"{r['peak_mb']:.0f}{_mark(r['peak_mb'], TARGET_PEAK_MB)} | {shown} |",
                    flush=True,
                )
            took = _summary_time(url)
            print(f"| {size:,} | `summary --json` | {took:.2f}{_mark(took, TARGET_SUMMARY_S)} | | | | |", flush=True)
        if len(sizes) >= 2:
            big, before = sizes[-1], sizes[-2]
            print(
                f"\nPertumbuhan waktu dingin {big:,}/{before:,}: "
                + ", ".join(
                    f"{p} {results[big][p]['cold'] / results[before][p]['cold']:.2f}"
                    f"{_mark(results[big][p]['cold'] / results[before][p]['cold'], TARGET_GROWTH)}"
                    for p in pages
                )
            )


if __name__ == "__main__":
    main()
