"""The OpenAPI 3.1 description of the JSON API, served at ``/api/openapi.json``, GENERATED from
the records the views return (chronicle.views.shapes) and the parameters each route takes
(chronicle.web.params.ROUTES), so the document and the code cannot drift apart.

    >>> schema_of(list[int | None], {})
    {'type': 'array', 'items': {'type': ['integer', 'null']}}
    >>> doc = openapi("0")
    >>> sorted(doc["components"]["schemas"]["Claim"]["properties"])[:4]
    ['article', 'bound', 'claimant', 'claimant_text']
"""
from __future__ import annotations

import types
import typing
from typing import Annotated, Literal, NotRequired, Required, Union, get_args, get_origin, get_type_hints

from chronicle.views import shapes
from chronicle.web.params import ROUTES, Param

_SIMPLE = {str: "string", int: "integer", float: "number", bool: "boolean", type(None): "null"}


def schema_of(tp, defs: dict) -> dict:
    """The JSON Schema of a type hint; TypedDicts go in ``defs`` (by name) and are referred to."""
    origin, args = get_origin(tp), get_args(tp)
    if origin is Annotated:
        return {**schema_of(args[0], defs), "description": args[1]}
    if origin in (NotRequired, Required):
        return schema_of(args[0], defs)
    if tp in _SIMPLE:
        return {"type": _SIMPLE[tp]}
    if origin in (Union, types.UnionType):
        parts = [schema_of(a, defs) for a in args]
        if all(set(p) == {"type"} for p in parts):
            return {"type": [p["type"] for p in parts]}
        if all(set(p) <= {"type", "enum"} for p in parts) and sum("enum" in p for p in parts) == 1:
            enum = next(p for p in parts if "enum" in p)
            return {"type": [enum["type"], "null"], "enum": [*enum["enum"], None]}
        return {"anyOf": parts}
    if origin is Literal:
        return {"type": "string", "enum": list(args)}
    if origin is list:
        return {"type": "array", "items": schema_of(args[0], defs)}
    if tp is dict or origin is dict:
        return {"type": "object"}
    if typing.is_typeddict(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}  # placeholder first: a record may refer to itself
            defs[name] = record_schema(tp, defs)
        return {"$ref": f"#/components/schemas/{name}"}
    raise TypeError(f"no JSON Schema for {tp!r}; add it to chronicle.web.openapi.schema_of")


def record_schema(tp, defs: dict) -> dict:
    hints = get_type_hints(tp, include_extras=True)
    out = {"type": "object", "required": sorted(tp.__required_keys__),
           "properties": {name: schema_of(hint, defs) for name, hint in hints.items()}}
    if tp.__doc__ and not tp.__doc__.startswith(tp.__name__ + "("):
        out["description"] = " ".join(tp.__doc__.split())
    return out


def param_schema(name: str, p: Param) -> dict:
    if p.kind == "int":
        schema = {"type": "integer", "minimum": p.lo, "maximum": p.hi}
    elif p.kind == "bool":
        schema = {"type": "boolean"}
    elif p.kind == "choice":
        schema = {"type": "string", "enum": list(p.choices)}
    else:
        schema = {"type": "string"}
    if p.repeat:
        schema = {"type": "array", "items": schema}
    return {"name": name, "in": "query", "required": False, "description": p.help, "schema": schema}


# route -> (summary, the record it returns: a shape, or a list of one)
GETS = {
    "/api/articles": ("Every article, in ingest order (= chronicle articles --json)", list[shapes.Article]),
    "/api/timeline": ("The merged timeline, ordered by date (= chronicle timeline --json)", list[shapes.TimelineEntry]),
    "/api/quotes": ("Quotes with their speakers (= chronicle quotes --json)", list[shapes.Quote]),
    "/api/entities": ("Actors and other entities, most mentioned first (= chronicle entities --json)",
                      list[shapes.Entity]),
    "/api/search": ("Full-text search over titles and texts (= chronicle search QUERY --json)", list[shapes.SearchHit]),
    "/api/changes": ("What changed in the story since a date (= chronicle changes --since DATE --json)",
                     shapes.ChangeReport),
    "/api/claims": ("Numeric claims with what they count, their claimant and group (= chronicle claims --json)",
                    list[shapes.Claim]),
    "/api/positions": ("What each actor demands, offers, accepts or refuses (= chronicle positions --json)",
                       list[shapes.Position]),
    "/api/stories": ("The stories of a pile of many, largest first (= chronicle stories --json)", list[shapes.Story]),
}


def _error(description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": {
        "$ref": "#/components/schemas/Error"}}}}


def openapi(version: str) -> dict:
    defs: dict = {}
    schema_of(shapes.Error, defs)
    paths = {}
    for route, (summary, returns) in GETS.items():
        paths[route] = {"get": {
            "summary": summary,
            "parameters": [param_schema(n, p) for n, p in ROUTES[route].items()],
            "responses": {"200": {"description": summary.split(" (")[0],
                                  "content": {"application/json": {"schema": schema_of(returns, defs)}}},
                          "400": _error("a bad or unknown parameter (USE001, USE002)")}}}
    paths["/api/articles"]["post"] = {
        "summary": "Ingest articles (only when the server runs with --allow-ingest)", "security": [{"token": []}],
        "requestBody": {"required": True, "content": {"application/json": {"schema": {
            "oneOf": [schema_of(shapes.IngestInput, defs), schema_of(list[shapes.IngestInput], defs)]}}}},
        "responses": {"200": {"description": "what was added (= chronicle ingest --json)",
                              "content": {"application/json": {"schema": schema_of(shapes.IngestResult, defs)}}},
                      "400": _error("not JSON, or not articles"), "401": _error("missing or wrong token"),
                      "403": _error("ingest is off"), "413": _error("body over the size limit")}}
    paths["/api/openapi.json"] = {"get": {"summary": "This description",
                                          "responses": {"200": {"description": "OpenAPI 3.1"}}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Chronicle", "version": version,
                 "description": "A story's sourced timeline, quotes and actors. Every endpoint returns what the "
                                "matching `chronicle ... --json` command prints; every HTML page has a JSON twin "
                                "at its path plus `.json`. Errors are "
                                '{"error": {"code", "message"}}.'},
        "paths": paths,
        "components": {"schemas": dict(sorted(defs.items())),
                       "securitySchemes": {"token": {"type": "http", "scheme": "bearer"}}},
    }
