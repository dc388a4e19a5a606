"""Browser smoke test: the real app under `streamlit run`, every page opened by its URL in Chromium."""

from __future__ import annotations

import datetime as dt
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page
from sqlalchemy import Engine

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
PAGES: dict[str, str | re.Pattern[str]] = {
    # First a deep link, on the new server: with a pages/ folder Streamlit served it in its old folder mode.
    "kinerja-instansi": "Kinerja Instansi",
    "": "Ringkasan",  # the default page lives at the root
    "kinerja-pegawai": "Kinerja Pegawai",
    "pelayanan": "Pelayanan Publik",
    "kepuasan": "Kepuasan Masyarakat & Pengaduan",
    "indikator": "Indikator Kinerja",
    "pengembangan": "Pengembangan & Penghargaan",
    "kualitas-data": "Kualitas Data",
    "unggah": "Unggah Data",
    "admin": "Admin",
    "presentasi": re.compile(r"^Kinerja ASN Provinsi Bengkulu \d{4}$"),  # the deck's title slide
}
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not os.environ.get("CI"),
        reason="/usr/bin/chromium tidak ada (pasang paket Debian chromium); di CI uji ini wajib jalan",
    ),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db_url: str) -> Iterator[str]:
    """``streamlit run dashboard.py`` on a free port against ``db_url``; yields its address, stops it after."""
    port = _free_port()
    env = {**os.environ, "ASN_DB_URL": db_url}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "dashboard.py",
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.25)
        else:
            pytest.fail("streamlit run tidak menjawab dalam 30 detik")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def server(demo_db_url: str) -> Iterator[str]:
    yield from start_server(demo_db_url)


#: Where the screenshots of every page go (a CI artifact, not committed: ``/out/`` is ignored by git).
SCREENSHOTS = Path(os.environ.get("ASN_SCREENSHOTS", ROOT / "out" / "screenshots"))
VIEWPORTS = ((1600, 1000), (1920, 1080))


def test_every_page_renders_in_chromium(server: str) -> None:
    """Every page by its URL at 1600×1000 and 1920×1080: no error box, no request leaving the server; each is
    saved as two screenshots (its top, and one screen further down) under ``SCREENSHOTS`` to be looked at."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        # Offline means offline (issue 19 item 9): every request goes to the app itself (or stays in the page).
        requests: list[str] = []
        for width, height in VIEWPORTS:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.on("request", lambda request: requests.append(request.url))
            folder = SCREENSHOTS / f"{width}x{height}"
            folder.mkdir(parents=True, exist_ok=True)
            _demo_login(page, server, "Admin")  # every page below opens by its URL: the cookie keeps the login
            page.screenshot(path=folder / "masuk-sesudah.png")
            for path, title in PAGES.items():
                page.goto(f"{server}/{path}")
                heading = (
                    page.get_by_role("heading", name=title, exact=True)
                    if isinstance(title, str)
                    else page.get_by_role("heading", name=title)
                )
                heading.wait_for(timeout=60_000)
                page.wait_for_timeout(500)
                page.locator('[data-testid="stStatusWidget"]').wait_for(state="detached", timeout=60_000)
                assert page.locator('[data-testid="stException"]').count() == 0, path
                assert page.get_by_text("gagal ditampilkan").count() == 0, path
                assert page.get_by_text("Page not found").count() == 0, path
                if path == "":
                    page.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
                    maps = (
                        ".js-plotly-plot .mapboxgl-canvas, .js-plotly-plot .maplibregl-canvas, .js-plotly-plot canvas"
                    )
                    assert page.locator(maps).count() >= 1
                    # The chart toolbar speaks Indonesian (issue 19 item 10).
                    page.locator(".js-plotly-plot").first.hover()
                    assert page.locator('.modebar-btn[data-title="Unduh grafik sebagai PNG"]').count() >= 1
                    english = ", ".join(
                        f'.modebar-btn[data-title="{t}"]' for t in ("Download plot as a png", "Download plot as a PNG")
                    )
                    assert page.locator(english).count() == 0
                    # Nothing cut off (issue 19 item 5): every page's name fits the sidebar's menu.
                    cut = page.evaluate(
                        """() => [...document.querySelectorAll('[data-testid="stSidebarNavLink"] span')]
                            .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent)"""
                    )
                    assert cut == [], f"menu entries cut off at {width}px: {cut}"
                name = path or "ringkasan"
                page.wait_for_timeout(2_500)  # charts drawn before the screenshot
                page.screenshot(path=folder / f"{name}.png")
                page.mouse.move(width // 2, height // 2)
                page.mouse.wheel(0, height - 150)  # the page scrolls inside its own container
                page.wait_for_timeout(700)
                page.screenshot(path=folder / f"{name}-2.png")
            page.close()
        browser.close()
    outside = sorted({url for url in requests if not url.startswith((server, "data:", "blob:"))})
    assert not outside, f"requests that leave the server: {outside}"
    assert any(url.startswith(server) for url in requests)
    shots = sorted(SCREENSHOTS.glob("*/*.png"))
    assert len(shots) >= 4 * len(PAGES) and all(shot.stat().st_size > 10_000 for shot in shots)


def _idle(page: Page) -> None:
    """Wait until the script run is over (the status widget gone), so a click hits the final element."""
    page.wait_for_timeout(500)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="detached", timeout=60_000)
    page.wait_for_timeout(500)


def _demo_login(page: Page, server: str, role: str) -> None:
    page.goto(server)
    page.get_by_role("button", name=f"Masuk sebagai {role} (demo)").click()
    page.get_by_role("heading", name="Ringkasan", exact=True).wait_for(timeout=60_000)


def test_a_login_survives_a_reload_and_logout_ends_it(server: str, demo_db_url: str) -> None:
    """Issue 15 item 3: log in with a password, reload (F5): still logged in; the URL never holds the token;
    after logout a reload shows the login page, and the old cookie opens nothing."""
    from playwright.sync_api import sync_playwright

    from asn_metrics.db.engine import make_engine
    from asn_metrics.store.accounts import add_account
    from asn_metrics.store.audit import load_audit

    engine = make_engine(demo_db_url)
    add_account(engine, "peramban.pimpinan", "pimpinan", "sandi-peramban-123", now=dt.datetime.now())
    engine.dispose()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 1600, "height": 1000})
        page = context.new_page()
        page.goto(server)
        page.get_by_role("heading", name="Masuk", exact=True).wait_for(timeout=60_000)
        page.screenshot(path=SCREENSHOTS / "masuk.png")
        page.get_by_label("Nama akun").fill("peramban.pimpinan")
        page.get_by_label("Kata sandi").fill("sandi-peramban-123")
        page.get_by_role("button", name="Masuk", exact=True).click()
        page.get_by_role("heading", name="Ringkasan", exact=True).wait_for(timeout=60_000)
        page.wait_for_timeout(1_000)  # the cookie is written by the page's script
        cookies = {c["name"]: c for c in context.cookies()}
        assert "asn_sesi" in cookies and cookies["asn_sesi"]["sameSite"] == "Strict"
        assert cookies["asn_sesi"]["value"] not in page.url
        page.reload()
        page.get_by_role("heading", name="Ringkasan", exact=True).wait_for(timeout=60_000)
        assert page.get_by_text("peramban.pimpinan").count() >= 1
        page.goto(f"{server}/kinerja-pegawai")  # a typed address, too
        page.get_by_role("heading", name="Kinerja Pegawai", exact=True).wait_for(timeout=60_000)
        # A person list taken away is in the audit log: who, which list, how many rows, with names or not.
        page.goto(f"{server}/pengembangan")
        page.get_by_role("heading", name="Pengembangan & Penghargaan", exact=True).wait_for(timeout=60_000)
        _idle(page)
        with page.expect_download(timeout=60_000) as download:
            page.get_by_role("button", name="Unduh kandidat penghargaan (CSV)").click()
        assert download.value.suggested_filename.startswith("penghargaan_")
        engine = make_engine(demo_db_url)
        taken = load_audit(engine, aksi="unduh_daftar", pengguna="peramban.pimpinan")
        engine.dispose()
        assert len(taken) == 1 and taken.iloc[0]["rincian"]["nama_nip"] is True
        assert taken.iloc[0]["rincian"]["daftar"].startswith("penghargaan_")
        full = Path(download.value.path()).read_text(encoding="utf-8-sig")
        assert re.search(r"(?<!\d)\d{18}(?!\d)", full)  # pimpinan: NIPs whole
        # In presentation mode the same download is masked like the screen (DOMAIN.md §11).
        page.goto(f"{server}/pengembangan?presentasi=1")
        page.get_by_role("heading", name="Pengembangan & Penghargaan", exact=True).wait_for(timeout=60_000)
        _idle(page)
        with page.expect_download(timeout=60_000) as masked:
            page.get_by_role("button", name="Unduh kandidat penghargaan (CSV)").click()
        shown = Path(masked.value.path()).read_text(encoding="utf-8-sig")
        assert not re.search(r"(?<!\d)\d{18}(?!\d)", shown) and re.search(r"\d{6}•{9}\d{3}", shown)
        assert "(disamarkan)" in shown
        old = cookies["asn_sesi"]["value"]
        page.get_by_role("button", name="Keluar").click()
        page.get_by_role("heading", name="Masuk", exact=True).wait_for(timeout=60_000)
        page.reload()
        page.get_by_role("heading", name="Masuk", exact=True).wait_for(timeout=60_000)
        assert page.get_by_role("heading", name="Ringkasan", exact=True).count() == 0
        # The old token, put back by hand, opens nothing: the session ended on the server.
        context.add_cookies([{"name": "asn_sesi", "value": old, "url": server}])
        page.reload()
        page.get_by_role("heading", name="Masuk", exact=True).wait_for(timeout=60_000)
        browser.close()


def test_the_html_report_opens_offline_without_a_request(demo_engine: Engine, tmp_path: Path) -> None:
    """Issue 16 item 5: the report is one file; opened in Chromium it fetches nothing, and its charts draw."""
    from playwright.sync_api import sync_playwright

    from asn_metrics import export_report, store
    from asn_metrics.filters import Filters
    from asn_metrics.views import presentasi
    from asn_metrics.views.source import StoreSource

    deck = presentasi.build(StoreSource(demo_engine), Filters(tahun=store.load_skp_years(demo_engine)[0]))
    assert deck is not None
    report = tmp_path / "rapat.html"
    report.write_text(export_report.html_text(deck), encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1600, "height": 1000})
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(report.as_uri())
        page.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
        page.wait_for_timeout(1_500)
        drawn = page.locator(".js-plotly-plot").count()
        page.screenshot(path=SCREENSHOTS / "laporan.png", full_page=False)
        page.pdf(path=str(tmp_path / "laporan.pdf"), format="A4", landscape=True)
        browser.close()
    assert drawn == sum(1 for s in deck.slides if s.chart is not None)
    outside = [url for url in requests if not url.startswith(("file:", "data:", "blob:"))]
    assert outside == [], outside
    assert (tmp_path / "laporan.pdf").stat().st_size > 20_000


def test_leaders_at_once_see_no_error_and_only_their_own_filters(server: str, demo_db_url: str) -> None:
    """Issue 17 item 7, its correctness: three sessions walk the pages at the same time, each with its own region;
    none sees an error or another's filters (the timings at 1, 5 and 10 sessions: benchmarks.concurrent)."""
    import asyncio

    from benchmarks.concurrent import WALK, walk

    visits = asyncio.run(walk(server, demo_db_url, 3))
    assert len(visits) == 3 * len(WALK)
    assert [v for v in visits if v.error] == []
    assert [v for v in visits if v.foreign] == []
