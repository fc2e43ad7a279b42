"""The digest (views/digest.py): its ranking invariants (Hypothesis), its rules on hand-built
candidates, and the ``changes --json`` shape on the reference corpus (read from ../shared)."""
from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import chronicle
from chronicle.cli import main
from chronicle.dates import DateValue
from chronicle.views import digest_index, digest_items as items
from chronicle.views.digest import KIND_ORDER, default_settings, digest_lines, digest_section, rank_candidates

CONTRACT_KEYS = {"since", "articles", "digest", "new_events", "updated_events", "new_quotes", "new_actors",
                 "new_claims", "changed_positions"}
LINE_KEYS = {"kind", "rank", "headline", "date", "refs"}


# ---- ranking invariants -------------------------------------------------------------------

@st.composite
def candidates(draw):
    hosts = draw(st.lists(st.sampled_from("abcdef"), min_size=1, max_size=3, unique=True))
    out = []
    for i in range(draw(st.integers(0, 30))):
        own = draw(st.booleans())
        kind = draw(st.sampled_from(("event", "sources", "date_change"))) if own else \
            draw(st.sampled_from(("position", "claim", "quote", "actor")))
        out.append(items.Candidate(
            kind=kind, headline=f"line {i} " + draw(st.sampled_from(("talks held", "figure given", "stance taken"))),
            date=draw(st.sampled_from((None, "2025-03-18", "2021", "2025-05"))), refs=[f"r{i}"],
            weight=draw(st.floats(0, 10, allow_nan=False, allow_infinity=False)),
            tier=draw(st.sampled_from((items.STORY, items.BACKGROUND))),
            hosts=(draw(st.sampled_from(hosts)),) if own else tuple(draw(st.lists(st.sampled_from(hosts), min_size=1,
                                                                                  max_size=2, unique=True))),
            own=own, sentence=draw(st.sampled_from((None, "s1", "s2", "s3"))) if not own else None))
    return out


def _copy(cands):
    return [items.Candidate(**{**c.__dict__, "refs": list(c.refs)}) for c in cands]


@settings(max_examples=150, deadline=None)
@given(candidates(), st.integers(1, 40), st.randoms(use_true_random=False))
def test_ranks_are_one_to_n_background_last_and_the_order_is_the_inputs_own(cands, limit, rnd):
    conf = default_settings()
    out = rank_candidates(_copy(cands), conf, limit=limit)
    assert [d["rank"] for d in out] == list(range(1, len(out) + 1))
    assert len(out) <= limit
    # Background never outranks the story: no story line follows a background line (whatever the weights).
    tiers = [d["tier"] for d in out]
    assert tiers == sorted(tiers, key=lambda t: t == items.BACKGROUND)
    # Within a tier the weights never rise, and per-kind limits hold.
    for a, b in zip(out, out[1:]):
        if a["tier"] == b["tier"]:
            assert a["weight"] >= b["weight"]
    for kind in KIND_ORDER:
        assert sum(d["kind"] == kind for d in out) <= conf["limits"]["per_kind"][kind]
    # One line per source sentence.
    taken = [c.sentence for c in cands for d in out if d["refs"] == c.refs and c.sentence]
    assert len(taken) == len(set(taken))
    # Deterministic: the same candidates in another order give the same digest.
    shuffled = _copy(cands)
    rnd.shuffle(shuffled)
    assert rank_candidates(shuffled, conf, limit=limit) == out


@settings(max_examples=100, deadline=None)
@given(st.floats(0.01, 10), st.floats(0.01, 10))
def test_a_background_line_never_outranks_a_story_line_of_equal_or_lower_weight(story_w, background_w):
    """Even a heavier background line comes after every story line (and a lighter one, of course)."""
    lines = [items.Candidate("event", "history", "2014", ["b"], background_w, items.BACKGROUND, hosts=("b",), own=True),
             items.Candidate("event", "news", "2025-05-19", ["s"], story_w, items.STORY, hosts=("s",), own=True)]
    out = rank_candidates(lines, default_settings(), limit=5)
    assert [d["refs"] for d in out] == [["s"], ["b"]]


def test_a_detail_never_outranks_its_entry_and_repeats_weigh_less():
    conf = default_settings()
    event = items.Candidate("event", "Putin accepts halt on strikes", "2025-03-18", ["e"], 2.0, hosts=("e",), own=True)
    stance = items.Candidate("position", "Putin accepts: halt on strikes on energy", "2025-03-18", ["p"], 5.0,
                             hosts=("e",), sentence="a@1")
    figure = items.Candidate("claim", "150 drones were launched", "2025-03-18", ["c"], 5.0, hosts=("e",),
                             sentence="a@2")
    out = rank_candidates([stance, figure, event], conf, limit=5)
    assert [d["refs"] for d in out] == [["e"], ["c"], ["p"]]
    decay, repeat = conf["strength"]["same_entry_decay"], conf["strength"]["repeat"]["factor"]
    assert out[1]["weight"] == pytest.approx(2.0 * decay)
    assert out[2]["weight"] == pytest.approx(2.0 * repeat * decay ** 2)


def test_a_detail_stays_below_its_entry_after_the_days_decay():
    """A stance on the day's second entry weighs at most what that entry weighs once the day's first line
    has pulled it down: it never jumps ahead of its own entry, nor of another day's news."""
    conf = default_settings()
    day = conf["strength"]["same_day_decay"]
    first = items.Candidate("sources", "Call held: 2 more sources", "2025-03-18", ["e1"], 3.0, hosts=("e1",), own=True)
    second = items.Candidate("event", "Russian leader agrees to partial ceasefire", "2025-03-18", ["e2"], 2.0,
                             hosts=("e2",), own=True)
    later = items.Candidate("event", "Leaders talk again", "2025-05-19", ["e3"], 1.5, hosts=("e3",), own=True)
    stance = items.Candidate("position", "Putin accepts: a halt on strikes", "2025-03-18", ["p"], 1.9, hosts=("e2",),
                             sentence="a@1")
    out = rank_candidates([stance, later, second, first], conf, limit=5)
    assert [d["refs"] for d in out] == [["e1"], ["e3"], ["e2"], ["p"]]
    assert out[2]["weight"] == pytest.approx(2.0 * day)
    assert out[3]["weight"] <= out[2]["weight"]


def test_a_detail_read_from_its_entrys_summary_is_a_repeat():
    """A stance taken from the very sentence that sums up its entry tells that entry's news again, in
    other words than its headline: it weighs as a repeat. One from another sentence does not."""
    conf = {**default_settings()}
    weigh = items.Weigher(None, DateValue.parse("2025-03-01"), conf, 1)
    summary = ("a", 100, 200)

    def row(ref, offset, headline):
        return {"kind": "position", "headline": headline, "date": "2025-03-18", "refs": f'["{ref}"]',
                "sentence": f"a@{offset}", "hosts": '[[100, "e", 2.0, "story", "2025-03-18", null]]', "factor": 0.7,
                "news": 0, "retells": int(digest_index.sums_up(summary, "a", offset))}
    told = weigh.detail(row("p", 150, "Putin accepts: a halt on strikes"))
    other = weigh.detail(row("q", 250, "Putin rejects: a full ceasefire"))
    assert told.retells and not other.retells
    event = items.Candidate("event", "Russian leader agrees to partial ceasefire", "2025-03-18", ["e"], 2.0,
                            hosts=("e",), own=True)
    weight = {c.refs[0]: rank_candidates([c, items.Candidate(**event.__dict__)], conf, limit=5)[1]["weight"]
              for c in (told, other)}
    assert weight["p"] == pytest.approx(weight["q"] * conf["strength"]["repeat"]["factor"])


def test_new_actors_are_people_and_organisations_in_several_articles():
    ctx = SimpleNamespace(settings=default_settings(), fresh={"a1", "a2", "a3"})
    rows = [{"name": "JD Vance", "type": "PERSON", "mentions": 6, "articles": 2},
            {"name": "Marco Rubio", "type": "PERSON", "mentions": 1, "articles": 1},
            {"name": "Russians", "type": "NORP", "mentions": 9, "articles": 3},
            {"name": "Rome", "type": "GPE", "mentions": 3, "articles": 3},
            {"name": "NATO", "type": "ORG", "mentions": 4, "articles": 3}]
    found = items.actor_candidates(ctx, rows)
    assert [c.refs for c in found] == [["JD Vance"], ["NATO"]]
    assert found[1].weight > found[0].weight


@pytest.mark.parametrize("sentence, figure, counts, expected", [
    ("The talks ended, although both nations agreed to exchange 1,000 prisoners of war each, with more to come.",
     "1,000", "prisoners of war", "Both nations agreed to exchange 1,000 prisoners of war each"),
    ("Officials said 150 drones were launched overnight.", "150", "drones", "150 drones were launched overnight"),
    ("In all, 12 (twelve) people, officials said.", "12", "people", "12 people"),
    ("The toll, officials said, rose to five on Thursday.", "five", "dead", "Five dead"),
    ("Search went on, where the jet crashed with 148 people on board.", "148", "people",
     "The jet crashed with 148 people on board"),
])
def test_a_figure_is_headlined_by_its_clause(sentence, figure, counts, expected):
    start = sentence.index(figure)
    claim = {"sentence": sentence, "sentence_start": 0, "start": start, "end": start + len(figure), "text": figure,
             "counts": counts}
    assert items.claim_headline(claim) == expected


# ---- the reference corpus -----------------------------------------------------------------

@pytest.fixture(scope="module")
def db(ukraine, tmp_path_factory):
    path = tmp_path_factory.mktemp("digest") / "uk.db"
    with chronicle.open(path) as api:
        api.ingest([ukraine], manifest=ukraine / "manifest.csv")
    return str(path)


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_changes_json_has_the_contract_shape(capsys, db):
    code, out, _ = run(capsys, "--db", db, "changes", "--since", "2025-03-18", "--limit", "12", "--json")
    assert code == 0
    report = json.loads(out)
    assert set(report) == CONTRACT_KEYS
    digest = report["digest"]
    assert 0 < len(digest) <= 12
    assert all(LINE_KEYS <= set(d) for d in digest)
    assert [d["rank"] for d in digest] == list(range(1, len(digest) + 1))
    assert {d["kind"] for d in digest} <= set(KIND_ORDER)
    assert all(d["refs"] and all(isinstance(r, str) for r in d["refs"]) for d in digest)
    fresh = set(report["articles"])
    assert report["new_claims"] and all(c["article"] in fresh for c in report["new_claims"])
    assert report["changed_positions"] and all(p["article"] in fresh for p in report["changed_positions"])
    revised = [p for p in report["changed_positions"] if p["change"] == "revised"]
    assert revised and all(p["previous"]["id"] == p["revises"] for p in revised)
    with chronicle.open(db) as api:
        assert api.changes("2025-03-18", limit=12) == report
        assert api.digest("2025-03-18", limit=12) == digest


def test_every_ref_names_what_is_behind_the_line(db):
    with chronicle.open(db) as api:
        report = api.changes("2025-03-18", limit=50)
        entries = {e["id"] for e in api.timeline(section="all")}
        claims = {c["id"] for c in api.claims()}
        positions = {p["id"] for p in api.positions()}
        actors = {a["name"] for a in api.entities()}
    for d in report["digest"]:
        known = {"event": entries, "sources": entries, "date_change": entries, "claim": claims,
                 "position": positions, "actor": actors}.get(d["kind"])
        if known is not None:
            assert set(d["refs"]) <= known, d
        else:
            assert all(r.rsplit("-q", 1)[0] in report["articles"] for r in d["refs"]), d


def test_a_figure_the_older_articles_gave_is_not_new(db):
    """The 30-day ceasefire is named by the 17 March article: later mentions of it are no new figure."""
    with chronicle.open(db) as api:
        report = api.changes("2025-03-18", limit=50)
        old = {(c["counts"], c["value"]) for c in api.claims() if c["article"] not in report["articles"]}
        by_id = {c["id"]: c for c in api.claims()}
    lines = [d for d in report["digest"] if d["kind"] == "claim"]
    assert lines
    assert all((by_id[r]["counts"], by_id[r]["value"]) not in old for d in lines for r in d["refs"])


def test_since_event_compares_from_the_entrys_date(capsys, db):
    with chronicle.open(db) as api:
        entry = next(e for e in api.timeline(section="story") if e["date"] == "2025-03-18")
        assert api.changes(since_event=entry["id"])["digest"] == api.changes("2025-03-18")["digest"]
    code, out, _ = run(capsys, "--db", db, "changes", "--since-event", entry["id"], "--json")
    assert code == 0 and json.loads(out)["since_event"] == entry["id"]


@pytest.mark.parametrize("argv, status, code", [
    (["changes", "--since-event", "no-such-entry"], 1, "CHG001"),
    (["changes"], 2, "CHG002"),
    (["changes", "--since", "2025-03-18", "--since-event", "x"], 2, "CHG002"),
])
def test_changes_errors_are_coded(capsys, db, argv, status, code):
    got, out, err = run(capsys, "--db", db, *argv)
    assert got == status and f"[{code}]" in err and out == ""


def test_digest_section_gives_the_brief_its_lines(db):
    with chronicle.open(db) as api:
        lines = digest_section(api, "2025-03-18", limit=5)
        assert lines == digest_lines(api.digest("2025-03-18", limit=5))
        assert digest_section(api.store.conn, "2025-03-18", limit=5) == lines
    assert len(lines) == 5 and all(": " in line for line in lines)


def test_nothing_changed_after_the_newest_article(db):
    with chronicle.open(db) as api:
        report = api.changes("2025-06-01")
    assert report["articles"] == [] and report["digest"] == []


def test_the_digest_never_changes_with_the_order_rows_are_read(db):
    with chronicle.open(db) as api:
        first = api.digest("2025-03-18")
        for _ in range(2):
            assert api.digest("2025-03-18") == first


def test_the_changes_page_leads_with_the_digest(db):
    import re

    from starlette.testclient import TestClient

    from chronicle.web.app import create_app

    with chronicle.open(db) as api:
        digest = api.digest("2025-03-18", limit=20)
        client = TestClient(create_app(api))
        html = client.get("/changes", params={"since": "2025-03-18"}).text
        api_report = client.get("/api/changes", params={"since": "2025-03-18", "limit": 5}).json()
        by_event = client.get("/api/changes", params={"since_event": digest[0]["refs"][0], "limit": 5})
    first = html.index('id="digest"')
    assert first < html.index('id="new_events"')
    shown = re.findall(r'<li class="digest-line[^"]*">.*?</li>', html[first:], re.S)
    assert len(shown) == len(digest)
    assert api_report["digest"] == digest[:5]
    assert by_event.status_code == 200 and by_event.json()["since_event"] == digest[0]["refs"][0]


def test_the_demo_prisoner_figures_are_a_disputed_line(demo_dir, tmp_path):
    """Demo corpus: one outlet gives 150 prisoners exchanged, the defence ministry 120."""
    with chronicle.open(tmp_path / "demo.db") as api:
        api.ingest([demo_dir], manifest=demo_dir / "manifest.csv")
        digest = api.digest("2025-09-12")
        disputed = {c["id"] for c in api.claims(disputed=True)}
    lines = [d for d in digest if d["kind"] == "claim" and set(d["refs"]) & disputed]
    assert lines and "disputed" in lines[0]["headline"] and lines[0]["rank"] <= 5
    assert all("disputed" not in d["headline"] for d in digest if d["kind"] == "claim" and not set(d["refs"]) & disputed)


def test_since_takes_an_event_id_too(db):
    with chronicle.open(db) as api:
        entry = next(e for e in api.timeline(section="story") if e["date"] == "2025-05-18")
        assert api.changes(entry["id"])["since"] == "2025-05-18"
        assert api.digest(entry["id"]) == api.digest(since_event=entry["id"])
        with pytest.raises(chronicle.errors.UsageError):
            api.changes("not-a-date-nor-an-id")


# ---- the digest's index (views/digest_index.py) and the threshold stop ------------------------

def _days(db) -> list[str]:
    with chronicle.open(db) as api:
        days = sorted({r[0][:10] for r in api.store.conn.execute(
            "SELECT published_start FROM articles WHERE published_start IS NOT NULL")})
    return ["2025-01-01"] + days


@pytest.mark.parametrize("limit", [1, 3, 20, 60])
def test_the_threshold_stop_never_changes_the_digest(db, limit, monkeypatch):
    """Reading the index in order of weight bound and stopping once the next bound is below the last
    line kept gives exactly the lines that weighing every row gives, for every since-day of the pile
    (rounds of a few rows, so that the stop is tried many times on five articles)."""
    from chronicle.views import digest as digest_module
    from chronicle.views.digest import digest_since

    monkeypatch.setattr(digest_module, "FIRST_BATCH", 1)
    monkeypatch.setattr(digest_module, "ROUND_BATCH", lambda limit: 2)

    with chronicle.open(db) as api:
        for day in _days(db):
            since = DateValue.parse(day)
            quick = digest_since(api.store.conn, since, limit=limit)
            assert quick == digest_since(api.store.conn, since, limit=limit, exhaustive=True), day


def test_the_stored_index_and_the_rows_give_the_same_digest(db, tmp_path):
    """A store whose index is stale (a timeline written without it) is weighed from its rows: the same
    lines. The index is written with every timeline, and again when entities are relinked."""
    import shutil

    from chronicle.store.digest import index_state, new_timeline
    from chronicle.views import digest_items

    copy = tmp_path / "copy.db"
    shutil.copy(db, copy)
    with chronicle.open(copy) as api:
        state = index_state(api.store.conn)
        assert state["index"] == state["timeline"]
        assert api.store.conn.execute("SELECT COUNT(*) FROM digest_details").fetchone()[0] > 0
        stored = {day: api.digest(day) for day in _days(db)}
        assert digest_items.IndexReader.open(api.store.conn, default_settings(), "2025-03-01", stored=True).memory is None
        with api.store.transaction():
            new_timeline(api.store.conn)  # as a timeline written by a Chronicle without the index
        assert digest_items.IndexReader.open(api.store.conn, default_settings(), "2025-03-01", stored=True).memory
        assert {day: api.digest(day) for day in stored} == stored
        api.link_entities()
        state = index_state(api.store.conn)
        assert state["index"] == state["timeline"]
        assert {day: api.digest(day) for day in stored} == stored


@pytest.mark.parametrize("text, kind, line", [
    ("We will not sign it.", "direct", "Ana Ruiz: “We will not sign it”"),
    # a mixed quote is the reporter's words around the speaker's: only the speaker's keep their marks
    ('that the port stayed "open for business" all week', "mixed", 'Ana Ruiz: the port stayed "open for business" all week'),
    ("the pullback would have left nine villages undefended", "indirect",
     "Ana Ruiz: the pullback would have left nine villages undefended"),
    # a clip never ends inside the speaker's own words
    ('that talks would resume soon and that any deal must be "fair to every family on both sides of the river"',
     "mixed", 'Ana Ruiz: talks would resume soon and that any deal must be "fair to every family on both sides of the river"'),
])
def test_only_a_direct_quote_is_put_in_quote_marks(text, kind, line):
    from chronicle.views.digest_index import quote_headline

    assert quote_headline("Ana Ruiz", text, kind) == line
