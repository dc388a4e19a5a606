"""Many leaders at once (issue 17 item 7): N Chromium sessions against one Streamlit server, each logged in with its
own session and its own filters, opening pages one after another; page times at each N (p50 and p95), and
whether any session saw an error box or another session's filters.

    PYTHONPATH=. python -m benchmarks.concurrent --pegawai 50000 --sessions 1,5,10

The database is the pages benchmark's cached demo (``benchmarks/out/cache``). A page time runs from the request
of its URL until its heading is shown and Streamlit's running indicator has gone: what a leader waits for.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.pages import sqlite_database

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
#: The pages a leader walks through, by URL path, and the text of their heading.
WALK = (
    ("", "Ringkasan"),
    ("kinerja-instansi", "Kinerja Instansi"),
    ("pelayanan", "Pelayanan Publik"),
    ("kepuasan", "Kepuasan Masyarakat & Pengaduan"),
    ("indikator", "Indikator Kinerja"),
    ("pengembangan", "Pengembangan & Penghargaan"),
    ("kualitas-data", "Kualitas Data"),
)
#: Each session's own region (a filter no other session chooses at the same moment).
REGIONS = ("17.01", "17.02", "17.03", "17.04", "17.05", "17.06", "17.07", "17.08", "17.09", "17.71")


@dataclass(frozen=True)
class Visit:
    session: int
    page: str
    seconds: float
    error: bool  # an error box or an exception on the page
    foreign: bool  # the page showed a filter this session did not choose


def tokens(db_url: str, n: int) -> list[str]:
    """``n`` live sessions of the demo's pimpinan account (one per browser)."""
    from asn_metrics.db.engine import make_engine
    from asn_metrics.store.sessions import demo_login

    engine = make_engine(db_url)
    try:
        made = [demo_login(engine, "pimpinan", now=dt.datetime.now().replace(microsecond=0)) for _ in range(n)]
    finally:
        engine.dispose()
    if any(t is None for t in made):
        raise SystemExit("basis data ini bukan data demo: akun demo tidak tersedia")
    return [str(t) for t in made]


async def _session(browser: object, server: str, token: str, number: int, rounds: int) -> list[Visit]:
    context = await browser.new_context(viewport={"width": 1600, "height": 1000})  # type: ignore[attr-defined]
    await context.add_cookies([{"name": "asn_sesi", "value": token, "url": server}])
    page = await context.new_page()
    region = REGIONS[number % len(REGIONS)]
    visits = []
    for _ in range(rounds):
        for path, title in WALK:
            started = time.perf_counter()
            await page.goto(f"{server}/{path}?tahun=2025&wilayah={region}")
            await page.get_by_role("heading", name=title, exact=True).wait_for(timeout=120_000)
            await page.wait_for_timeout(200)
            await page.locator('[data-testid="stStatusWidget"]').wait_for(state="detached", timeout=120_000)
            seconds = time.perf_counter() - started
            error = await page.locator('[data-testid="stException"], [data-testid="stAlertContentError"]').count()
            chosen = (
                await page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]')
                .filter(has_text="Wilayah")
                .locator("input")
                .input_value()
            )
            visits.append(Visit(number, path or "ringkasan", seconds, error > 0, f"({region})" not in chosen))
    await context.close()
    return visits


async def walk(server: str, db_url: str, n: int, rounds: int = 1) -> list[Visit]:
    """``n`` sessions walking ``WALK`` ``rounds`` times at once; every visit's time and what it saw."""
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        done = await asyncio.gather(
            *(_session(browser, server, token, i, rounds) for i, token in enumerate(tokens(db_url, n)))
        )
        await browser.close()
    return [v for visits in done for v in visits]


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.concurrent")
    parser.add_argument("--pegawai", type=int, default=50_000)
    parser.add_argument("--sessions", default="1,5,10")
    parser.add_argument("--rounds", type=int, default=2, help="walks per session (the first warms the caches)")
    parser.add_argument("--cache", type=Path, default=ROOT / "benchmarks" / "out" / "cache")
    args = parser.parse_args(argv)
    args.cache.mkdir(parents=True, exist_ok=True)
    db_url = sqlite_database(args.pegawai, args.cache)
    sys.path.insert(0, str(ROOT))
    from tests.test_browser import start_server

    serving = start_server(db_url)
    server = next(serving)
    try:
        print(f"# {os.cpu_count()} inti, SQLite, {args.pegawai:,} pegawai, {len(WALK)} halaman × {args.rounds} putaran")
        print("| sesi serentak | kunjungan | p50 (s) | p95 (s) | maks (s) | galat | filter sesi lain |")
        print("|---:|---:|---:|---:|---:|---:|---:|")
        for n in (int(s) for s in args.sessions.split(",")):
            visits = asyncio.run(walk(server, db_url, n, args.rounds))
            times = [v.seconds for v in visits]
            print(
                f"| {n} | {len(visits)} | {statistics.median(times):.2f} | {_p(times, 0.95):.2f} | {max(times):.2f} | "
                f"{sum(v.error for v in visits)} | {sum(v.foreign for v in visits)} |",
                flush=True,
            )
    finally:
        serving.close()


if __name__ == "__main__":
    main()
