"""The web's stories: /api/stories is ``chronicle stories --json``, /stories lists them, and a story
opens the story page filtered to it (?story=ID), as /api/timeline?story=ID filters the timeline."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from starlette.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "link"))
from storytexts import STRIKE, VOLCANO, write_corpus  # noqa: E402


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    import chronicle
    from chronicle.web.app import create_app

    root = tmp_path_factory.mktemp("webstories")
    api = chronicle.open(root / "w.db")
    items = sorted(VOLCANO + STRIKE, key=lambda i: i[1])
    api.ingest([str(root / "in")], manifest=write_corpus(root / "in", items), analyze=False)
    with TestClient(create_app(api, cache=False)) as c:
        yield c
    api.close()


def test_api_stories_lists_both_stories(client):
    rows = client.get("/api/stories").json()
    assert sorted(r["articles"] for r in rows) == [6, 6]
    assert {r["outlets"][0] for r in rows} == {"Veltria Today", "Harbour Post"}


def test_the_stories_page_links_each_story_to_its_filtered_story_page(client):
    rows = client.get("/api/stories").json()
    html = client.get("/stories").text
    for r in rows:
        assert f'href="/?story={r["id"]}"' in html
    orsk = next(r for r in rows if "Orsk" in r["label"])
    page = client.get(f"/?story={orsk['id']}")
    assert page.status_code == 200 and orsk["label"] in page.text and 'name="story"' in page.text


def test_an_unknown_story_is_a_404_with_its_code(client):
    answer = client.get("/api/timeline?story=feedface00")
    assert answer.status_code == 404 and answer.json()["error"]["code"] == "STY404"
