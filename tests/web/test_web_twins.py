"""Every page's JSON twin holds what the page shows; the site-wide search; human dates; links out."""
from __future__ import annotations

import re
from urllib.parse import quote

import pytest

pytest.importorskip("starlette")
from starlette.testclient import TestClient  # noqa: E402

import chronicle  # noqa: E402
from chronicle.web import create_app  # noqa: E402
from chronicle.web.humandates import human_date  # noqa: E402


@pytest.fixture(scope="module")
def client(tmp_path_factory, pipeline, demo_dir):
    folder = tmp_path_factory.mktemp("web-twins")
    api = chronicle.open(folder / "story.db")
    api._pipeline = pipeline
    api.ingest([demo_dir], manifest=demo_dir / "manifest.csv", jobs=1)
    yield TestClient(create_app(api), raise_server_exceptions=False)
    api.close()


def test_story_twin_is_the_first_page_of_the_timeline(client):
    twin = client.get("/.json").json()
    timeline = client.get("/api/timeline").json()
    assert twin["total"] == len(timeline)
    assert [e["id"] for e in twin["entries"]] == [e["id"] for e in timeline[:len(twin["entries"])]]
    kind = timeline[0]["type"]
    typed = client.get("/.json", params={"type": kind}).json()
    assert typed["total"] == sum(e["type"] == kind for e in timeline)


def test_event_actor_and_article_twins(client):
    entry = max(client.get("/api/timeline").json(), key=lambda e: len(e["sources"]))
    twin = client.get(f"/events/{quote(entry['id'])}.json").json()
    assert twin["entry"]["id"] == entry["id"]
    assert [s["source"]["article"] for s in twin["side"]] == [s["article"] for s in entry["sources"][:len(twin["side"])]]
    assert "body" not in twin["side"][0], "rendered HTML left in the twin"
    article = client.get("/api/articles").json()[0]
    art = client.get(f"/articles/{article['id']}.json").json()
    assert art["article"]["id"] == article["id"] and art["article"]["url"] == article["url"]
    name = client.get("/api/entities").json()[0]["name"]
    actor = client.get("/actor.json", params={"name": name}).json()
    assert actor["entity"]["name"] == name
    assert client.get("/events/no-such-entry.json").status_code == 404
    assert client.get("/events/no-such-entry.json").json()["error"]["code"] == "STO404"


def test_article_page_links_to_its_original_url(client):
    for article in client.get("/api/articles").json():
        html = client.get(f"/articles/{article['id']}").text
        link = re.search(r'<a class="original-link" id="original-url" href="([^"]+)"', html)
        assert link and link[1] == article["url"].replace("&", "&amp;")


def test_site_search_finds_articles_quotes_and_actors(client):
    page = client.get("/")
    assert 'action="/search"' in page.text
    quotes = client.get("/api/quotes").json()
    speaker = next(q["speaker"] for q in quotes if q["speaker"])
    found = client.get("/search.json", params={"q": speaker.split()[-1]}).json()
    assert speaker in [a["name"] for a in found["actors"]]
    word = "ceasefire"
    found = client.get("/search.json", params={"q": word}).json()
    assert found["articles"] == client.get("/api/search", params={"q": word, "limit": 50}).json()
    assert found["quotes"] and all(word in q["text"].lower() for q in found["quotes"])
    html = client.get("/search", params={"q": word}).text
    assert html.count('<article class="quote">') == len(found["quotes"])


def test_pages_show_dates_as_people_write_them(client):
    timeline = client.get("/api/timeline").json()
    html = client.get("/").text
    shown = [e for e in timeline if e["date"]]
    assert any(e["granularity"] != "day" for e in shown)
    for e in shown[:50]:
        assert f'<time datetime="{e["date"]}">{human_date(e["date"])}</time>' in html
    assert ">2025-W" not in html


@pytest.mark.parametrize("path", ["/", "/?type=meeting", "/actors", "/numbers?order=size", "/network", "/positions",
                                  "/search?q=ceasefire", "/quotes"])
def test_every_page_links_its_json_twin(client, path):
    html = client.get(path).text
    twin = re.search(r'<a href="([^"]+)" id="json-twin">', html)[1].replace("&amp;", "&")
    base, _, query = path.partition("?")
    assert twin == base + ".json" + ("?" + query if query else "")
    got = client.get(twin)
    assert got.status_code == 200 and got.headers["content-type"].startswith("application/json")
