"""The OpenAPI document is generated from the typed records (chronicle.views.shapes): every field
every /api route returns is documented, with its type, and every required field is there."""
from __future__ import annotations

import pytest

pytest.importorskip("starlette")
from starlette.testclient import TestClient  # noqa: E402

import chronicle  # noqa: E402
from chronicle.web import create_app  # noqa: E402
from chronicle.web.openapi import GETS, openapi  # noqa: E402
from chronicle.web.params import ROUTES  # noqa: E402

JSON_TYPES = {"string": str, "integer": int, "number": (int, float), "boolean": bool, "null": type(None),
              "array": list, "object": dict}


@pytest.fixture(scope="module")
def client(tmp_path_factory, pipeline, demo_dir):
    folder = tmp_path_factory.mktemp("web-openapi")
    api = chronicle.open(folder / "story.db")
    api._pipeline = pipeline
    api.ingest([demo_dir], manifest=demo_dir / "manifest.csv", jobs=1)
    yield TestClient(create_app(api), raise_server_exceptions=False)
    api.close()


def check(value, schema: dict, spec: dict, where: str, problems: list[str]) -> None:
    """Collect where ``value`` does not fit ``schema``: an undocumented field, a missing required
    one, or a value of another type."""
    if "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    if "anyOf" in schema:
        trials = []
        for option in schema["anyOf"]:
            found: list[str] = []
            check(value, option, spec, where, found)
            trials.append(found)
        if all(trials):
            problems.append(f"{where}: fits none of anyOf ({trials[0][0]})")
        return
    kinds = schema.get("type")
    if kinds is not None:
        kinds = [kinds] if isinstance(kinds, str) else kinds
        ok = any(isinstance(value, JSON_TYPES[k]) and not (k in ("integer", "number") and isinstance(value, bool))
                 for k in kinds)
        if not ok:
            problems.append(f"{where}: {type(value).__name__} where the document says {kinds}")
            return
    if "enum" in schema and value not in schema["enum"]:
        problems.append(f"{where}: {value!r} not in {schema['enum']}")
    if isinstance(value, dict) and "properties" in schema:
        for key in value.keys() - schema["properties"].keys():
            problems.append(f"{where}.{key}: returned but not documented")
        for key in set(schema.get("required", ())) - value.keys():
            problems.append(f"{where}.{key}: required but missing")
        for key, v in value.items():
            if key in schema["properties"]:
                check(v, schema["properties"][key], spec, f"{where}.{key}", problems)
    if isinstance(value, list) and "items" in schema:
        for i, v in enumerate(value):
            check(v, schema["items"], spec, f"{where}[{i}]", problems)


QUERIES = {"/api/search": {"q": "ceasefire"}, "/api/changes": {"since": "2025-09-10"}}


@pytest.mark.parametrize("route", sorted(GETS))
def test_every_field_returned_is_documented(client, route):
    spec = client.get("/api/openapi.json").json()
    got = client.get(route, params=QUERIES.get(route, {}))
    assert got.status_code == 200, got.text
    body = got.json()
    assert body, f"{route} returned nothing to check on the demo corpus"
    schema = spec["paths"][route]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    problems: list[str] = []
    check(body, schema, spec, route, problems)
    assert problems == []


def test_the_checker_catches_an_undocumented_field_and_a_wrong_type(client):
    spec = openapi("0")
    schema = {"$ref": "#/components/schemas/Position"}
    row = client.get("/api/positions").json()[0]
    problems: list[str] = []
    check({**row, "surprise": 1, "start": "0"}, schema, spec, "p", problems)
    assert problems == ["p.surprise: returned but not documented",
                        "p.start: str where the document says ['integer']"]


def test_parameters_are_the_routes_table(client):
    spec = client.get("/api/openapi.json").json()
    for route in GETS:
        documented = {p["name"] for p in spec["paths"][route]["get"]["parameters"]}
        assert documented == set(ROUTES[route]), route
