"""One reading per CONTRACT shape: the readings give the field lists of views/contract.py, and the
API and the web layer hold no reading of their own (no SQL in api.py, no Python fallbacks in web/)."""
from __future__ import annotations

import inspect

import pytest

import chronicle.api
import chronicle.web.data
from chronicle.views.contract import (ARTICLE_FIELDS, ENTITY_FIELDS, QUOTE_EXTRA_FIELDS, QUOTE_FIELDS,
                                      TIMELINE_FIELDS, TIMELINE_SOURCE_FIELDS)


@pytest.fixture(scope="module")
def demo(tmp_path_factory, pipeline, demo_dir):
    api = chronicle.open(tmp_path_factory.mktemp("contract") / "demo.db")
    api._pipeline = pipeline
    api.ingest([demo_dir], manifest=demo_dir / "manifest.csv", jobs=1)
    yield api
    api.close()


def test_readings_give_the_contract_fields(demo):
    articles, quotes, entities, timeline = demo.articles(), demo.quotes(), demo.entities(), demo.timeline()
    assert articles and quotes and entities and timeline
    assert all(tuple(a) == ARTICLE_FIELDS for a in articles)
    assert all(set(QUOTE_FIELDS + QUOTE_EXTRA_FIELDS) <= set(q) for q in quotes)
    assert all(tuple(e) == ENTITY_FIELDS for e in entities)
    assert all(set(TIMELINE_FIELDS) <= set(e) for e in timeline)
    assert all(set(TIMELINE_SOURCE_FIELDS) <= set(s) for e in timeline for s in e["sources"])


def test_whole_and_paged_readings_are_one_reading(demo):
    """The whole timeline is its pages put together, and the entities the chunks of their stream."""
    whole = demo.timeline()
    assert demo.timeline(limit=7) + demo.timeline(offset=7) == whole
    assert list(demo.iter_entities()) == demo.entities()
    assert demo.entities(limit=3) == demo.entities()[:3]


def test_api_and_web_hold_no_reading_of_their_own():
    assert "SELECT" not in inspect.getsource(chronicle.api)
    web = inspect.getsource(chronicle.web.data)
    assert "getattr(api" not in web and "SELECT" not in web
