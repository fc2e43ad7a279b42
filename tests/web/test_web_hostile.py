"""Hostile values at every parameter of every route (issue 18): huge and negative numbers, malformed
dates, FTS syntax, 20,000 characters, NUL, RTL overrides and undecodable bytes give a 4xx with the
one error shape, or an ordinary answer, never a 5xx or a traceback."""
from __future__ import annotations

import pytest

pytest.importorskip("starlette")
from starlette.testclient import TestClient  # noqa: E402

import chronicle  # noqa: E402
from chronicle.web import create_app, params  # noqa: E402

HOSTILE = {
    "huge": "9" * 400,
    "big": "18446744073709551617",
    "negative": "-5",
    "float": "1e300",
    "bad-date": "2025-13-45",
    "year-0": "0000-01-01",
    "fts": '"NEAR(a b)" OR * AND -x ^y col:z',
    "fts-open": 'a" OR (b',
    "like": "%_%\\",
    "long": "x" * 20_000,
    "nul": "a\x00b",
    "rtl": "\u202egnp.exe\u202c",
    "surrogate-bytes": "%ED%A0%80",  # a lone surrogate as UTF-8 bytes: not decodable
    "bad-utf8": "%FF%FE",
}
# Values no parameter may take: each must be a 400 wherever it goes.
ALWAYS_REFUSED = {"long", "nul"}


@pytest.fixture(scope="module")
def client(tmp_path_factory, pipeline, demo_dir):
    api = chronicle.open(tmp_path_factory.mktemp("web-hostile") / "story.db")
    api._pipeline = pipeline
    api.ingest([demo_dir], manifest=demo_dir / "manifest.csv", jobs=1)
    yield TestClient(create_app(api), raise_server_exceptions=False)
    api.close()


def _url(route: str, name: str, kind: str, value: str) -> str:
    from urllib.parse import quote

    path = route.replace("{key}", "x").replace("{id}", "x")
    raw = value if kind in ("surrogate-bytes", "bad-utf8") else quote(value, safe="")
    return f"{path}?{name}={raw}"


CASES = [(route, name, kind) for route, table in sorted(params.ROUTES.items()) for name in sorted(table)
         for kind in HOSTILE]


@pytest.mark.parametrize("route, name, kind", CASES, ids=[f"{r}?{n}={k}" for r, n, k in CASES])
def test_hostile_value_is_a_4xx_with_the_one_shape_or_an_answer(client, route, name, kind):
    twins = [route] + ([route + ".json"] if not route.startswith("/api/") and route != "/" else [])
    refused = params.ROUTES[route][name].kind != "text" or kind in ALWAYS_REFUSED
    for path in twins:
        got = client.get(_url(path, name, kind, HOSTILE[kind]), headers={"accept": "application/json"})
        assert got.status_code < 500, (path, got.status_code, got.text[:300])
        if refused:  # a typed parameter takes none of these, and no parameter takes 20,000 characters or NUL
            assert got.status_code == 400, (path, got.status_code, got.text[:200])
        if got.status_code >= 400:
            body = got.json()
            assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}, body
            assert "Traceback" not in body["error"]["message"]
            if refused:
                assert body["error"]["code"].startswith("USE"), body
