"""Issue 17's "done when", in real headless Chromium at 1280 px and at phone width: open the storyline,
filter by actor, open an event, follow a source to its original URL; open the Numbers view and the
network; load the TimelineJS export in the real TimelineJS3 library and see its first slide.

Chromium: Debian's ``chromium`` (test_web_browser.find_chromium installs it with apt-get when
missing and we are root). TimelineJS3: the npm package ``@knight-lab/timelinejs``, installed by
this test's setup with npm into test-output/npm (a package registry is the only network used).
Outside CI a missing browser or npm is a visible skip with the reason; in CI (``CI`` set) a failure.
The original articles' sites are never reached: Playwright answers their URLs with a stub page, so
the test checks that the link goes exactly to the article's URL. Screenshots: test-output/web/.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

pytest.importorskip("starlette")
sync_api = pytest.importorskip("playwright.sync_api")

import chronicle  # noqa: E402
from chronicle.web import create_app  # noqa: E402
from test_web_browser import CHROMIUM_ARGS, ROOT, SHOTS, Watch, find_chromium, shoot  # noqa: E402

pytestmark = pytest.mark.browser

TIMELINEJS = "@knight-lab/timelinejs@3.9.11"
NPM_DIR = ROOT / "test-output" / "npm"
VIEWPORTS = (("1280", {"viewport": {"width": 1280, "height": 900}}),
             ("phone", {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "device_scale_factor": 2}))


def _missing(reason: str):
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def timelinejs() -> Path:
    """The TimelineJS3 distribution (dist/js/timeline.js, dist/css/timeline.css), from npm."""
    dist = NPM_DIR / "node_modules" / "@knight-lab" / "timelinejs" / "dist"
    if not (dist / "js" / "timeline.js").exists():
        npm = shutil.which("npm")
        if npm is None:
            _missing("npm is not installed, so TimelineJS3 (@knight-lab/timelinejs) cannot be installed")
        NPM_DIR.mkdir(parents=True, exist_ok=True)
        done = subprocess.run([npm, "install", "--prefix", str(NPM_DIR), "--no-audit", "--no-fund", "--silent",
                               TIMELINEJS], capture_output=True, text=True, timeout=600)
        if done.returncode != 0 or not (dist / "js" / "timeline.js").exists():
            _missing(f"npm install {TIMELINEJS} failed: {done.stderr.strip()[-400:]}")
    return dist


@pytest.fixture(scope="module")
def demo(tmp_path_factory, pipeline, demo_dir):
    if not (demo_dir / "manifest.csv").exists():
        pytest.fail("examples/demo is missing: the browser story runs on the demo corpus")
    import uvicorn

    api = chronicle.open(tmp_path_factory.mktemp("web-browser-story") / "story.db")
    api._pipeline = pipeline
    api.ingest([demo_dir], manifest=demo_dir / "manifest.csv", jobs=1)
    app = create_app(api, allowed_hosts={"127.0.0.1"})
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    yield api, f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)
    api.close()


@pytest.fixture(scope="module")
def browser():
    executable = find_chromium()
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


def _stub_the_web(page, server: str) -> list[str]:
    """Every request off the test server is answered here with a stub page (no network); returns the URLs asked."""
    asked: list[str] = []

    def answer(route):
        asked.append(route.request.url)
        route.fulfill(status=200, content_type="text/html",
                      body="<!doctype html><title>original</title><h1 id='stub'>the original article</h1>")

    page.route(re.compile(r"^(?!" + re.escape(server) + ").*"), answer)
    return asked


def _no_sideways_scroll(page, name: str, width: int) -> None:
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width + 1, f"{name} scrolls sideways ({scroll}px at {width}px)"


@pytest.mark.parametrize("size, options", VIEWPORTS, ids=[v[0] for v in VIEWPORTS])
def test_storyline_filter_event_and_original_source(demo, browser, size, options):
    api, server = demo
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(**options)
    watch = Watch(page)
    asked = _stub_the_web(page, server)
    width = options["viewport"]["width"]
    page.goto(server + "/")
    milestones = page.locator("figure.milestones a.milestone-story")
    story_top = [e for e in api.timeline(top=12, section="story") if e["date"]]
    assert milestones.count() == len(story_top) > 0
    assert page.locator("figure.per-day svg rect").count() > 0
    _no_sideways_scroll(page, "story", width)
    shoot(page, f"issue17-story-{size}")

    chips = Counter(page.locator("ol.timeline .actor-filter").all_text_contents())
    actor, _ = chips.most_common(1)[0]
    page.fill("#actor", actor)
    page.press("#actor", "Enter")
    page.wait_for_url("**/?*actor=*")
    entries = page.locator("ol.timeline > li.entry")
    assert 0 < entries.count() == len(api.timeline(actor=actor))
    for i in range(entries.count()):
        assert actor in entries.nth(i).locator(".actor-filter").all_text_contents()
    shoot(page, f"issue17-story-actor-{size}")

    visible = next(i for i in range(entries.count()) if entries.nth(i).is_visible())
    entries.nth(visible).locator("a.event-link").click()
    page.wait_for_url("**/events/*")
    assert page.locator("#sources article.source").count() > 0
    shoot(page, f"issue17-event-{size}")

    source = page.locator("#sources article.source").first
    article_id = source.locator(".source-title a").first.get_attribute("href").split("/articles/")[1].split("?")[0]
    url = api.article(article_id)["url"]
    source.locator(".source-title a").first.click()
    page.wait_for_url("**/articles/*")
    assert page.locator(".article-text mark").first.is_visible(), "the source sentence is not highlighted"
    shoot(page, f"issue17-article-{size}")
    page.locator("#original-url").click()
    page.wait_for_url(url)
    assert page.url == url and asked[-1] == url
    assert page.locator("#stub").inner_text() == "the original article"
    assert watch.events == []


@pytest.mark.parametrize("size, options", VIEWPORTS, ids=[v[0] for v in VIEWPORTS])
def test_numbers_and_network(demo, browser, size, options):
    api, server = demo
    page = browser.new_page(**options)
    watch = Watch(page)
    _stub_the_web(page, server)
    width = options["viewport"]["width"]
    page.goto(server + "/numbers")
    groups = page.locator("section.claim-group")
    disputed = {c["group"] for c in api.claims(disputed=True)}
    assert groups.count() == len({c["group"] for c in api.claims()})
    assert disputed and groups.first.get_attribute("class") == "claim-group disputed"
    assert page.locator("section.claim-group.disputed").count() == len(disputed)
    _no_sideways_scroll(page, "numbers", width)
    shoot(page, f"issue17-numbers-{size}")
    link = groups.first.locator("a.value-link").first
    figure = link.inner_text()
    link.click()
    page.wait_for_url("**/articles/*")
    assert figure in page.locator(".article-text mark").first.inner_text()

    page.goto(server + "/network")
    net = page.request.get(server + "/network.json").json()["net"]
    assert page.locator("figure.network svg circle.node").count() == len(net["nodes"]) > 2
    assert page.locator("figure.network svg line.link").count() == len(net["links"])
    assert page.locator("figure.network svg").bounding_box()["height"] > 200
    _no_sideways_scroll(page, "network", width)
    shoot(page, f"issue17-network-{size}")
    page.goto(server + "/positions")
    _no_sideways_scroll(page, "positions", width)
    shoot(page, f"issue17-positions-{size}")
    assert watch.events == []


@pytest.mark.parametrize("size, options", VIEWPORTS, ids=[v[0] for v in VIEWPORTS])
def test_timelinejs_export_renders_its_first_slide(demo, browser, timelinejs, tmp_path, size, options):
    api, _ = demo
    export = json.loads(api.export("timelinejs"))
    first = export["title"] if export.get("title") else export["events"][0]
    headline = re.sub(r"<[^>]+>", "", first["text"]["headline"]).strip()
    harness = tmp_path / "timeline.html"
    harness.write_text(
        "<!doctype html><html><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<link rel='stylesheet' href='{(timelinejs / 'css' / 'timeline.css').as_uri()}'>"
        f"<script src='{(timelinejs / 'js' / 'timeline.js').as_uri()}'></script></head>"
        "<body><div id='timeline-embed' style='width:100%;height:600px'></div><script>"
        f"window.timeline = new TL.Timeline('timeline-embed', {json.dumps(export)});"
        "</script></body></html>", encoding="utf-8")
    page = browser.new_page(**options)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.route(re.compile(r"^https?://.*"), lambda route: route.abort())  # fonts from a CDN: never fetched
    page.goto(harness.as_uri())
    slide = page.locator(".tl-slide").first
    slide.wait_for(state="visible", timeout=20_000)
    shown = page.locator(".tl-slide .tl-headline").first
    shown.wait_for(state="visible", timeout=20_000)
    assert shown.inner_text().strip() == headline
    assert page.locator(".tl-timenav .tl-timemarker").count() == len(export["events"])
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"issue17-timelinejs-{size}.png"))
    assert errors == []
