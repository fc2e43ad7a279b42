"""The OpenAPI 3.1 description of the JSON API, served at ``/api/openapi.json``.

Written out by hand from CONTRACT.md, so that it documents the machine interface rather than
whatever the code happens to return; a test checks that every ``/api/`` route is described.
"""
from __future__ import annotations


def _str(nullable: bool = False, **extra) -> dict:
    return {"type": ["string", "null"] if nullable else "string", **extra}


def _int(nullable: bool = False) -> dict:
    return {"type": ["integer", "null"] if nullable else "integer"}


def _array(item: dict) -> dict:
    return {"type": "array", "items": item}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _query(name: str, description: str, schema: dict | None = None) -> dict:
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema or _str()}


PAGING = [
    _query("limit", "return at most this many items (default: all of them, as the CLI prints; the body is "
                    "streamed)", {"type": "integer", "minimum": 1, "maximum": 100000}),
    _query("offset", "skip this many items first (default 0); with limit, pages through the same order",
           {"type": "integer", "minimum": 0, "default": 0}),
]
DATE = "ISO 8601 / TIMEX3 date: 2025-03-18, 2025-W11, 2025-03 or 2025"
STORY = _query("story", "only this story: its id, or a prefix naming one story (/api/stories lists them)")

SCHEMAS = {
    "Article": {"type": "object", "required": ["id", "title", "published", "published_source", "outlet", "url",
                                               "words", "duplicate_of"],
                "properties": {"id": _str(), "title": _str(True), "published": _str(True, description=DATE),
                               "published_source": _str(enum=["manifest", "metadata", "option", "inferred", "unknown"]),
                               "outlet": _str(True), "url": _str(True), "words": _int(),
                               "duplicate_of": _str(True, description="id of the article this one copies"),
                               "wire": _str(True, description="wire service credited (Reuters, AP ...)")}},
    "Source": {"type": "object", "properties": {"article": _str(), "outlet": _str(True), "published": _str(True),
                                                "start": _int(), "end": _int(), "sentence": _str()}},
    "TimelineEntry": {"type": "object",
                      "required": ["date", "granularity", "type", "summary", "actors", "modality", "sources",
                                   "source_count", "independent_sources"],
                      "properties": {"date": _str(description=DATE),
                                     "granularity": _str(enum=["day", "week", "month", "year"]),
                                     "type": _str(), "summary": _str(), "actors": _array(_str()), "modality": _str(),
                                     "sources": _array(_ref("Source")), "source_count": _int(),
                                     "independent_sources": _int()}},
    "Quote": {"type": "object",
              "properties": {"speaker": _str(True), "speaker_text": _str(True), "text": _str(),
                             "kind": _str(enum=["direct", "indirect", "partial", "mixed"]), "cue": _str(True),
                             "article": _str(), "published": _str(True), "start": _int(), "end": _int()}},
    "Entity": {"type": "object",
               "properties": {"name": _str(), "type": _str(), "aliases": _array(_str()), "mentions": _int(),
                              "articles": _int(), "roles": {"type": "array"}}},
    "SearchHit": {"type": "object",
                  "properties": {"id": _str(), "title": _str(True), "published": _str(True), "outlet": _str(True),
                                 "duplicate_of": _str(True), "snippet": _str(description="hits wrapped in [ ]"),
                                 "rank": {"type": "number"}}},
    "ChangeReport": {"type": "object", "description": "what the articles published after `since` added",
                     "properties": {"since": _str(description=DATE), "articles": _array(_str()),
                                    "new_events": _array(_ref("TimelineEntry")),
                                    "updated_events": _array({"allOf": [_ref("TimelineEntry"), {
                                        "type": "object", "properties": {
                                            "gained_sources": _int(), "date_changed": {"type": "boolean"},
                                            "previous_dates": _array(_str())}}]}),
                                    "new_quotes": _array(_ref("Quote")),
                                    "new_actors": _array({"type": "object", "properties": {
                                        "name": _str(), "type": _str(), "mentions": _int(), "articles": _int()}})}},
    "Story": {"type": "object",
              "required": ["id", "label", "articles", "first_published", "last_published", "outlets", "actors"],
              "properties": {"id": _str(description="the id of its first article"),
                             "label": _str(description="a few salient names and words"), "articles": _int(),
                             "first_published": _str(True), "last_published": _str(True),
                             "outlets": _array(_str()), "actors": _array(_str())}},
    "IngestInput": {"type": "object", "required": ["text"],
                    "properties": {"text": _str(), "title": _str(), "published": _str(description=DATE),
                                   "outlet": _str(), "url": _str(), "id": _str()}},
    "IngestResult": {"type": "object",
                     "properties": {"added": _int(), "unchanged": _int(), "duplicates": _int(), "analyzed": _int(),
                                    "failed": _array({"type": "object", "properties": {
                                        "path": _str(), "reason": _str(), "code": _str()}})}},
    "Error": {"type": "object", "required": ["error"],
              "properties": {"error": {"type": "object", "required": ["code", "message"],
                                       "properties": {"code": _str(), "message": _str()}}}},
}


def _ok(description: str, schema: dict) -> dict:
    return {"200": {"description": description, "content": {"application/json": {"schema": schema}}},
            "400": _error("a bad parameter")}


def _error(description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": _ref("Error")}}}


PATHS = {
    "/api/articles": {
        "get": {"summary": "Every article, in ingest order (= chronicle articles --json)",
                "responses": _ok("articles", _array(_ref("Article")))},
        "post": {"summary": "Ingest articles (only when the server runs with --allow-ingest)",
                 "security": [{"token": []}],
                 "requestBody": {"required": True, "content": {"application/json": {"schema": {
                     "oneOf": [_ref("IngestInput"), _array(_ref("IngestInput"))]}}}},
                 "responses": {"200": {"description": "what was added (= chronicle ingest --json)",
                                       "content": {"application/json": {"schema": _ref("IngestResult")}}},
                               "400": _error("not JSON, or not articles"), "401": _error("missing or wrong token"),
                               "403": _error("ingest is off"), "413": _error("body over the size limit")}},
    },
    "/api/timeline": {"get": {
        "summary": "The merged timeline, ordered by date (= chronicle timeline --json)",
        "parameters": [_query("since", "keep entries on or after this date"),
                       _query("until", "keep entries on or before this date"),
                       _query("actor", "keep entries involving this actor (canonical name or alias)"),
                       _query("top", "keep the N most important entries", {"type": "integer", "minimum": 1}),
                       STORY, *PAGING],
        "responses": _ok("timeline entries", _array(_ref("TimelineEntry")))}},
    "/api/quotes": {"get": {
        "summary": "Quotes with their speakers (= chronicle quotes --json)",
        "parameters": [_query("speaker", "only this speaker (canonical name or alias)"), STORY, *PAGING],
        "responses": _ok("quotes", _array(_ref("Quote")))}},
    "/api/entities": {"get": {"summary": "Actors and other entities, most mentioned first (= chronicle entities --json)",
                              "parameters": [_query("type", "only this type: PERSON, ORG, GPE ..."), STORY, *PAGING],
                              "responses": _ok("entities", _array(_ref("Entity")))}},
    "/api/search": {"get": {
        "summary": "Full-text search over titles and texts (= chronicle search QUERY --json)",
        "parameters": [_query("q", "words to find"),
                       _query("limit", "most results", {"type": "integer", "minimum": 1, "maximum": 1000})],
        "responses": _ok("hits, best first", _array(_ref("SearchHit")))}},
    "/api/changes": {"get": {
        "summary": "What changed in the story since a date",
        "parameters": [_query("since", "the date to compare from")],
        "responses": _ok("the change report", _ref("ChangeReport"))}},
    "/api/claims": {"get": {
        "summary": "Numeric claims with what they count, their claimant and group (= chronicle claims --json)",
        "parameters": [_query("about", "only claims whose counted thing, unit, claimant or sentence holds these words"),
                       _query("disputed", "only claims of disputed groups (true or false)", {"type": "boolean"}),
                       STORY],
        "responses": _ok("claims", _array({"type": "object"}))}},
    "/api/positions": {"get": {
        "summary": "What each actor demands, offers, accepts or refuses (= chronicle positions --json)",
        "parameters": [_query("actor", "only this actor (canonical name or alias)"), STORY],
        "responses": _ok("positions", _array({"type": "object"}))}},
    "/api/stories": {"get": {
        "summary": "The stories of a pile of many, largest first (= chronicle stories --json)",
        "responses": _ok("stories", _array(_ref("Story")))}},
    "/api/openapi.json": {"get": {"summary": "This description",
                                  "responses": {"200": {"description": "OpenAPI 3.1"}}}},
}


def openapi(version: str) -> dict:
    return {
        "openapi": "3.1.0",
        "info": {"title": "Chronicle", "version": version,
                 "description": "A story's sourced timeline, quotes and actors. Every endpoint returns what the "
                                "matching `chronicle ... --json` command prints. Errors are "
                                '{"error": {"code", "message"}}.'},
        "paths": PATHS,
        "components": {"schemas": SCHEMAS,
                       "securitySchemes": {"token": {"type": "http", "scheme": "bearer"}}},
    }
