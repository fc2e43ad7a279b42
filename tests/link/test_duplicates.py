"""Near-duplicates: wire reprints are marked as copies of the earliest one; different stories are not."""
from __future__ import annotations

import itertools
import tarfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chronicle.link.duplicates import is_copy
from chronicle.text.fingerprint import fingerprint
from chronicle.text.wire import strip_wire
from chronicle.text.document import normalize_text

WIRE = (
    "OSTRELA CITY, March 4 (Meridian Wire) - The foreign ministers of Varnia and Ostrela agreed on Tuesday to "
    "reopen the border crossing at Kessel for aid convoys, ending a standoff that had lasted three weeks. "
    "The deal, brokered by envoys from the Lakeland Union, allows forty trucks a day to pass under joint "
    "inspection. Varnian officials said the first convoy could leave as early as Thursday, while Ostrelan "
    "state television called the agreement a first step toward a broader truce. Neither side gave details "
    "on the prisoners both governments say are held by the other.\n"
    "(Reporting by Lena Brandt; Editing by Tom Akers)"
)
REPRINT = (
    "Border crossing to reopen for aid\n\n"
    "The foreign ministers of Varnia and Ostrela agreed on Tuesday to reopen the border crossing at Kessel "
    "for aid convoys, ending a standoff that had lasted three weeks. The deal, brokered by envoys from the "
    "Lakeland Union, allows 40 trucks a day to pass under joint inspection. Varnian officials said the first "
    "convoy could leave as early as Thursday, while Ostrelan state television called the agreement a first "
    "step toward a broader truce. Neither side gave details on the prisoners both governments say are held "
    "by the other.\n"
    "Our correspondent adds that aid groups in Kessel welcomed the news but warned that forty trucks would "
    "not be enough."
)
OTHER = (
    "Ostrela rejects truce plan\n\nOstrela's president rejected a thirty-day truce proposed by the Lakeland "
    "Union on Friday, saying the plan ignored the fate of soldiers captured near Kessel last year. The "
    "Varnian government called the refusal a provocation and said it would ask for new sanctions."
)


def test_wire_dateline_and_credit_are_stripped():
    body, agency = strip_wire(WIRE)
    assert agency == "Meridian Wire"  # any agency named in a classic dateline
    assert body.startswith("The foreign ministers") and "Reporting by" not in body
    body, agency = strip_wire("Officials in Kessel (the border town) said talks began.")
    assert agency is None and body.startswith("Officials in Kessel")
    body, agency = strip_wire("KESSEL (Reuters) - Talks began.\nMore text.\n(Reporting by A; Editing by B)")
    assert (body, agency) == ("Talks began.\nMore text.", "Reuters")
    body, agency = strip_wire("Talks began in Kessel.\nMore text.\n— AP")
    assert (body, agency) == ("Talks began in Kessel.\nMore text.", "Associated Press")


def test_reprint_with_new_headline_edits_and_trailing_paragraph_is_a_copy():
    a, b, c = (fingerprint(normalize_text(t)) for t in (WIRE, REPRINT, OTHER))
    assert is_copy(a.shingles, b.shingles)[0]
    assert not is_copy(a.shingles, c.shingles)[0]
    assert not is_copy(b.shingles, c.shingles)[0]


def _ingest(store, tmp_path, items):
    lines = []
    import json

    for title, text, published in items:
        lines.append(json.dumps({"title": title, "text": text, "published": published}))
    path = tmp_path / f"batch{len(list(tmp_path.iterdir()))}.jsonl"
    path.write_text("\n".join(lines))
    return store.ingest([path], analyze=False)


@settings(max_examples=6, deadline=None)
@given(order=st.permutations([0, 1, 2]), split=st.booleans())
def test_copy_points_at_earliest_whatever_the_ingest_order(tmp_path_factory, order, split):
    import chronicle

    tmp = tmp_path_factory.mktemp("dups")
    api = chronicle.open(tmp / "s.db")
    items = [("Wire", WIRE, "2025-03-04"), ("Reprint", REPRINT, "2025-03-05"), ("Other", OTHER, "2025-03-04")]
    chosen = [items[i] for i in order]
    if split:  # arrive in two separate ingest runs
        _ingest(api, tmp, chosen[:1])
        _ingest(api, tmp, chosen[1:])
    else:
        _ingest(api, tmp, chosen)
    rows = {a["title"]: a for a in api.articles()}
    assert rows["Reprint"]["duplicate_of"] == rows["Wire"]["id"]
    assert rows["Wire"]["duplicate_of"] is None
    assert rows["Other"]["duplicate_of"] is None
    api.close()


# Real reprints in Timeline17, found by reading the pairs the detector proposed:
# the same Reuters feature filed under two topics, and a Washington Post story re-posted with edits.
T17_COPIES = [
    ("LibyaWar_reuters/InputDocs/2011-09-29/146.htm.txt", "SyrianCrisis_reuters/InputDocs/2011-09-29/136.htm.txt"),
    ("bpoil_washingtonpost/InputDocs/2010-06-08/1937.htm.txt", "bpoil_washingtonpost/InputDocs/2010-06-08/841.htm.txt"),
    ("bpoil_foxnews/InputDocs/2010-07-02/1228.htm.txt", "bpoil_reuters/InputDocs/2010-07-02/822.htm.txt"),
]
# Same topic, same day, different stories; and a boilerplate stub that appears inside many pages.
T17_DIFFERENT = [
    ("LibyaWar_reuters/InputDocs/2011-09-29/146.htm.txt", "LibyaWar_reuters/InputDocs/2011-03-07/300.htm.txt"),
    ("H1N1_reuters/InputDocs/2009-05-07/327.htm.txt", "SyrianCrisis_reuters/InputDocs/2011-09-22/132.htm.txt"),
]


@pytest.fixture(scope="module")
def t17(shared):
    wanted = {p for pair in T17_COPIES + T17_DIFFERENT for p in pair}
    texts = {}
    with tarfile.open(shared / "bench" / "timeline17" / "t17-inputdocs.tar.gz") as tar:
        for member in tar:
            for w in wanted:
                if member.name.endswith(w):
                    texts[w] = tar.extractfile(member).read().decode("utf-8", errors="replace")
    assert set(texts) == wanted
    return {k: fingerprint(normalize_text(v)) for k, v in texts.items()}


@pytest.mark.parametrize("a,b", T17_COPIES)
def test_timeline17_reprints_are_copies(t17, a, b):
    assert is_copy(t17[a].shingles, t17[b].shingles)[0]
    # LSH proposes them as candidates too (shared bands), so the store would find them.
    assert set(t17[a].bands) & set(t17[b].bands)


@pytest.mark.parametrize("a,b", T17_DIFFERENT)
def test_timeline17_different_stories_are_not(t17, a, b):
    assert not is_copy(t17[a].shingles, t17[b].shingles)[0]


def test_all_pairs_of_distinct_invented_stories_are_not_copies():
    texts = [WIRE, OTHER, "Sanctions widen\n\nThe Lakeland Union widened sanctions on Ostrelan banks on Monday "
             "after talks in Merin collapsed, and said more measures would follow next month."]
    fps = [fingerprint(normalize_text(t)) for t in texts]
    for x, y in itertools.combinations(fps, 2):
        assert not is_copy(x.shingles, y.shingles)[0]
