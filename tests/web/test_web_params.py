"""Every filter works or the request is a 400: the table of accepted parameters (chronicle.web.params)."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("starlette")
from starlette.routing import Route  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402

import chronicle  # noqa: E402
from chronicle.web import create_app, params  # noqa: E402
from webstory import write_corpus  # noqa: E402


@pytest.fixture(scope="module")
def client(tmp_path_factory, pipeline, demo_dir):
    folder = tmp_path_factory.mktemp("web-params")
    api = chronicle.open(folder / "story.db")
    api._pipeline = pipeline
    if (demo_dir / "manifest.csv").exists():
        api.ingest([demo_dir], manifest=demo_dir / "manifest.csv", jobs=1)
    else:
        api.ingest([write_corpus(folder)], jobs=1)
    yield TestClient(create_app(api), raise_server_exceptions=False)
    api.close()


def _concrete(path: str) -> str:
    return path.replace("{key}", "x").replace("{id}", "x")


def test_every_route_is_in_the_table(client):
    paths = {r.path for r in client.app.routes if isinstance(r, Route)}
    pages = {p for p in paths if not p.endswith(".json") and not p.startswith("/api/")}
    assert paths - {p + ".json" for p in pages} <= set(params.ROUTES)
    assert {p + ".json" for p in pages} <= paths, "a page without its JSON twin"


@pytest.mark.parametrize("route", sorted(params.ROUTES))
def test_an_unknown_parameter_is_a_400_on_every_route(client, route):
    got = client.get(_concrete(route), params={"no_such_filter": "1"})
    assert got.status_code == 400
    assert got.json()["error"]["code"] == "USE002"
    assert "no_such_filter" in got.json()["error"]["message"]


@pytest.mark.parametrize("route, name", [(r, n) for r, table in sorted(params.ROUTES.items())
                                         for n, p in table.items() if p.kind in ("int", "bool", "date", "choice")])
def test_a_bad_value_is_a_400_on_every_typed_parameter(client, route, name):
    got = client.get(_concrete(route), params={name: "not-a-value!"})
    assert got.status_code == 400, got.text
    assert got.json()["error"]["code"] == "USE001"
    assert name in got.json()["error"]["message"]


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(name=st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12))
def test_only_listed_parameters_are_taken(client, name):
    got = client.get("/api/claims", params={name: "1"})
    if name in params.ROUTES["/api/claims"]:
        assert got.status_code == 200
    else:
        assert got.status_code == 400 and got.json()["error"]["code"] == "USE002"


def test_timeline_type_filters(client):
    every = client.get("/api/timeline").json()
    kinds = {e["type"] for e in every}
    assert len(kinds) > 1
    for kind in kinds:
        got = client.get("/api/timeline", params={"type": kind}).json()
        assert got and all(e["type"] == kind for e in got)
        assert len(got) == sum(e["type"] == kind for e in every)
    assert client.get("/api/timeline", params={"type": "no-such-type"}).json() == []


def test_quotes_q_filters(client):
    every = client.get("/api/quotes").json()
    word = max(("ceasefire", "water", "talks", "prisoners"), key=lambda w: sum(w in q["text"].lower() for q in every))
    got = client.get("/api/quotes", params={"q": word}).json()
    assert got and all(word in q["text"].lower() for q in got)
    assert len(got) < len(every)
    assert len(got) == sum(word in q["text"].lower() for q in every)


def test_a_repeated_single_parameter_is_a_400(client):
    got = client.get("/api/quotes?speaker=a&speaker=b")
    assert got.status_code == 400 and got.json()["error"]["code"] == "USE001"


def test_sections_repeat_or_comma(client):
    a = client.get("/api/timeline?section=story&section=upcoming").json()
    b = client.get("/api/timeline?section=story,upcoming").json()
    assert a == b and {e["section"] for e in a} <= {"story", "upcoming"}
