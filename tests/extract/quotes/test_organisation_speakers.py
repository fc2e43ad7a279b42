"""An organisation speaks through a spokesperson named beside it, and "the ministry" / "the group"
refers back to the organisation named before (chronicle.extract.quotes.speakers._organisation)."""
import pytest

from chronicle.records import ArticleText


@pytest.fixture(scope="module")
def speakers(pipeline):
    def run(text):
        (an,) = pipeline.pipe([ArticleText(id="t", text=text)])
        return {q.text: (q.speaker if q.speaker_kind != "described" else ("described", q.speaker))
                for q in an.quotes}
    return run


def _of(found, words):
    (speaker,) = [s for t, s in found.items() if words in t]
    return speaker


def test_a_spokesman_for_an_organisation_speaks_for_it(speakers):
    found = speakers("The Harbour Workers Union met on Friday. A spokesman for the Harbour Workers Union said "
                     "that the strike would continue into next week.")
    assert _of(found, "strike would continue") == "Harbour Workers Union"


def test_the_ministry_and_the_group_are_the_organisations_named_before(speakers):
    found = speakers("The Transport Ministry published its figures on Monday. The ministry said 400 trains had "
                     "been cancelled. Greenpeace released a report on Tuesday. The group said that the river "
                     "was badly polluted.")
    assert _of(found, "400 trains") == "Transport Ministry"
    assert _of(found, "river was badly polluted") == "Greenpeace"


def test_an_unnamed_spokesman_or_another_kind_of_group_stays_unnamed(speakers):
    found = speakers("Greenpeace released a report on Tuesday. A spokesman said the talks would resume. "
                     "The Transport Ministry published its figures. An Egyptian group said the river was clean.")
    assert _of(found, "talks would resume") == ("described", "spokesman")  # never Greenpeace
    assert _of(found, "river was clean") == ("described", "Egyptian group")


def test_with_two_ministries_named_the_ministry_stays_unresolved(speakers):
    found = speakers("The Transport Ministry and the Health Ministry published figures on Monday. The ministry "
                     "said 400 trains had been cancelled.")
    assert _of(found, "400 trains") == ("described", "ministry")  # the reporter's word, never a guess
