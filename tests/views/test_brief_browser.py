"""The HTML brief in headless Chromium, at 1280 px and phone width: no sideways scrolling, footnote
numbers that stand apart, each leading to its article's URL. Screenshots go to test-output/brief."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import chronicle

sync_api = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-output" / "brief"
SIZES = (("1280", {"viewport": {"width": 1280, "height": 900}}),
         ("phone", {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "device_scale_factor": 2}))


def _chromium() -> str:
    for candidate in (shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and os.path.exists(candidate):
            return candidate
    if os.environ.get("CI"):
        pytest.fail("no chromium: the brief's browser test must run in CI")
    pytest.skip("no chromium here (apt-get install chromium)")


@pytest.fixture(scope="module")
def brief_page(demo_dir, tmp_path_factory):
    folder = tmp_path_factory.mktemp("brief-browser")
    with chronicle.open(folder / "demo.db") as api:
        api.ingest([demo_dir], manifest=demo_dir / "manifest.csv")
        page = folder / "brief.html"
        page.write_text(api.brief("html", title="Sarn Valley <script>window.pwned = 1</script>"), encoding="utf-8")
        urls = {a["url"] for a in api.articles()}
    return page, urls


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=_chromium(), args=["--no-sandbox", "--disable-gpu"], headless=True)
        yield b
        b.close()


@pytest.mark.parametrize("size, options", SIZES, ids=[s for s, _ in SIZES])
def test_the_brief_reads_on_a_page_and_a_phone(brief_page, browser, size, options):
    path, urls = brief_page
    page = browser.new_page(**options)
    events: list[str] = []
    page.on("dialog", lambda d: (events.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: events.append(str(e)))
    page.goto(path.as_uri())
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert page.evaluate("window.pwned === undefined") and events == []
    # footnote numbers: separate links with space between them, never "123"
    refs = page.locator("sup.refs").first.locator("a")
    assert refs.count() >= 2
    boxes = [refs.nth(i).bounding_box() for i in range(refs.count())]
    assert all(b["x"] + b["width"] + 2 <= c["x"] for b, c in zip(boxes, boxes[1:]))
    # a footnote leads to its article
    refs.first.click()
    target = page.evaluate("location.hash")
    link = page.locator(f"li{target} a").first
    assert target.startswith("#note-") and link.get_attribute("href") in urls
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(path.as_uri())
    page.screenshot(path=str(SHOTS / f"brief-{size}.png"))
    page.screenshot(path=str(SHOTS / f"brief-{size}-full.png"), full_page=True)
    page.close()
