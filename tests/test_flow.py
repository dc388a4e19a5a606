"""The whole flow in a browser (issue 17 item 10), on a copy of the demo behind its own server: log in as each
role and open every page of its menu; as the admin change a filter, drill down on a chart and on the map,
upload a CSV and see the figures change, upload a bad file and read its errors, undo, take the PPTX. No console
error, no error box, no request leaving the server."""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright
from pptx import Presentation

from tests.test_browser import ARGS, CHROMIUM, pytestmark, start_server  # noqa: F401  (the browser marks)

ROLES = ("Tamu", "Evaluator", "Pimpinan", "Admin")
PROBE = re.compile(r"/[a-z-]+/_stcore/(health|host-config)$")
NEW_PEOPLE = (
    "nip;nama;instansi_kode;status;jenis_jabatan\n"
    "197001012000121001;Uji Alur Satu;17.DUKCAPIL;PNS;pelaksana\n"
    "197001022000122002;Uji Alur Dua;17.DUKCAPIL;PNS;fungsional\n"
)
BAD_PEOPLE = "nip;nama;instansi_kode;status;jenis_jabatan\n12345;Salah;17.TIDAKADA;PNS;pelaksana\n"


@pytest.fixture(scope="module")
def server(demo_db_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("alur") / "demo.db"
    shutil.copy(demo_db_url.removeprefix("sqlite:///"), path)
    yield from start_server(f"sqlite:///{path}")


def _idle(page: Page) -> None:
    page.wait_for_timeout(400)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="detached", timeout=60_000)
    page.wait_for_timeout(400)


def _clean(page: Page, where: str) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0, where
    assert page.get_by_text("gagal ditampilkan").count() == 0, where


def _active(page: Page) -> str:
    return (
        page.locator('[data-testid="stMetric"]')
        .filter(has_text="Pegawai aktif")
        .locator('[data-testid="stMetricValue"]')
        .inner_text()
    )


def _log_in(page: Page, server: str, role: str) -> None:
    page.goto(server)
    page.get_by_role("button", name=f"Masuk sebagai {role} (demo)").click()
    page.get_by_role("heading", name="Ringkasan", exact=True).wait_for(timeout=60_000)
    _idle(page)


def test_the_whole_flow(server: str, tmp_path: Path) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        requests: list[str] = []
        console: list[str] = []
        failed: list[str] = []
        for role in ROLES:
            context = browser.new_context(viewport={"width": 1600, "height": 1000}, accept_downloads=True)
            page = context.new_page()
            page.on("request", lambda request: requests.append(request.url))
            page.on("console", lambda message: console.append(message.text) if message.type == "error" else None)
            page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
            _log_in(page, server, role)
            links = page.locator('[data-testid="stSidebarNavLink"]')
            targets = [str(links.nth(i).get_attribute("href")) for i in range(links.count())]
            assert len(targets) >= 8 + (role != "Tamu") + (role == "Admin"), (role, targets)
            for target in targets:
                page.goto(target)
                page.locator("h1").first.wait_for(timeout=60_000)
                _idle(page)
                _clean(page, f"{role} {target}")
            if role != "Admin":
                page.get_by_role("button", name="Keluar").click()
                page.get_by_role("heading", name="Masuk", exact=True).wait_for(timeout=60_000)
                context.close()
        # The admin goes on: a filter, a drill-down on a bar and on the map.
        page.goto(server)
        page.get_by_role("heading", name="Ringkasan", exact=True).wait_for(timeout=60_000)
        _idle(page)
        province = _active(page)
        page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').filter(has_text="Wilayah").click()
        page.get_by_role("option", name="Kaur (17.04)").click()
        _idle(page)
        assert "wilayah=17.04" in page.url and _active(page) != province
        page.goto(server)
        _idle(page)
        page.locator(".js-plotly-plot .barlayer .point path").first.click(force=True)
        _idle(page)
        assert "wilayah=" in page.url, "a click on a bar did not drill down"
        page.goto(server)
        _idle(page)
        canvas = page.locator(".js-plotly-plot .maplibregl-canvas, .js-plotly-plot canvas").first
        canvas.scroll_into_view_if_needed()
        page.wait_for_timeout(1_500)
        box = canvas.bounding_box()
        assert box is not None
        for fx, fy in ((0.45, 0.45), (0.5, 0.5), (0.4, 0.35), (0.55, 0.6), (0.35, 0.25)):
            page.mouse.click(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy)
            _idle(page)
            if "wilayah=" in page.url:
                break
        assert "wilayah=" in page.url, "a click on the map did not drill down"
        # Upload two new employees: the count goes up by two.
        page.goto(server)
        _idle(page)
        before = int(_active(page).replace(".", ""))
        good = tmp_path / "pegawai_baru.csv"
        good.write_text(NEW_PEOPLE, encoding="utf-8")
        page.goto(f"{server}/unggah")
        page.get_by_role("heading", name="Unggah Data", exact=True).wait_for(timeout=60_000)
        _idle(page)
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(good))
        page.get_by_role("button", name="Impor 2 baris").click(timeout=60_000)
        page.get_by_text("2 baris baru").first.wait_for(timeout=60_000)
        _idle(page)
        page.goto(server)
        _idle(page)
        assert int(_active(page).replace(".", "")) == before + 2
        # A bad file: its errors, nothing written.
        bad = tmp_path / "pegawai_salah.csv"
        bad.write_text(BAD_PEOPLE, encoding="utf-8")
        page.goto(f"{server}/unggah")
        _idle(page)
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(bad))
        page.get_by_text("ditolak").first.wait_for(timeout=60_000)
        _idle(page)
        assert page.get_by_text("17.TIDAKADA").count() >= 1
        page.screenshot(path=tmp_path / "ditolak.png")
        # Undo the import: the count is back.
        page.get_by_role("tab", name="Riwayat impor").click()
        _idle(page)
        page.locator('[data-testid="stSelectbox"]').filter(has_text="Batalkan impor").click()
        page.get_by_role("option").filter(has_text="pegawai_baru.csv").first.click()
        _idle(page)
        page.get_by_role("button", name="Batalkan impor ini…").click()
        _idle(page)
        page.get_by_role("button", name="Ya, batalkan").click()
        page.get_by_text("dibatalkan: 2 baris dihapus").first.wait_for(timeout=60_000)
        page.goto(server)
        _idle(page)
        assert int(_active(page).replace(".", "")) == before
        # The deck of the meeting.
        page.goto(f"{server}/presentasi")
        _idle(page)
        with page.expect_download(timeout=120_000) as download:
            page.get_by_role("button", name="Unduh dek (PPTX)").click()
        deck = Presentation(io.BytesIO(Path(download.value.path()).read_bytes()))
        assert len(deck.slides) >= 9
        browser.close()
    outside = sorted({url for url in requests if not url.startswith((server, "data:", "blob:"))})
    assert not outside, f"requests that leave the server: {outside}"
    # Streamlit's client probes <page>/_stcore/health and host-config on a deep link before the root ones (a base
    # path check): those 404s are the framework's; any other failed request or console error is ours.
    ours = [url for url in failed if not PROBE.search(url)]
    assert not ours, ours[:5]
    errors = [
        text
        for text in console
        if not text.startswith("Failed to load resource: the server responded with a status of 404")
    ]
    assert not errors, errors[:5]
