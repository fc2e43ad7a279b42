"""Issue 16 actor classes on invented sentences: role aliases, bare first names, similar
organisations, party-state tags, and junk that must never become an actor."""
from __future__ import annotations

import pytest

from chronicle.extract.entities import extract_mentions


def ments(text):
    return list(extract_mentions(text))


def entities_of(found, surface):
    return {m.entity for m in found if m.text == surface}


# ---- a role alias attaches only to the person who holds that role in the article -------------
ROLE_CASES = [
    ("Speaker Nancy Pelosi said the House would vote. Senate Majority Leader Mitch McConnell said the "
     "Senate would wait. The Democratic leader said she was ready.", "The Democratic leader", "Mitch McConnell"),
    ("Prime Minister Ana Ruiz met Finance Minister Tomas Berg. The foreign minister said talks would go on.",
     "The foreign minister", "Tomas Berg"),
]


@pytest.mark.parametrize("text,phrase,wrong", ROLE_CASES)
def test_a_role_alias_needs_the_role_in_the_article(text, phrase, wrong):
    assert wrong not in entities_of(ments(text), phrase)


def test_a_role_alias_still_reaches_its_holder():
    text = ("Senate Majority Leader Mitch McConnell said the trial would be fair. The Democratic leader, "
            "Chuck Schumer, called it a cover-up. Later the Democratic leader said more witnesses were needed.")
    assert entities_of(ments(text), "the Democratic leader") == {"Chuck Schumer"}


# ---- a bare first name links only when the article ties it to the person ---------------------
def test_his_son_hunter_is_not_duncan_hunter():
    text = ("Joe Biden defended his son Hunter on Friday. Hunter served on the board of Burisma. "
            "Rep. Duncan Hunter was not involved.")
    assert entities_of(ments(text), "Hunter") == {"Hunter Biden"}
    assert entities_of(ments(text), "Duncan Hunter") == {"Duncan Hunter"}


def test_a_possessor_gives_the_family_name():
    text = "Mayor Ruth Calder arrived with Calder's daughter Emma. Calder's rival, Paul Emma Grant, stayed away."
    assert entities_of(ments(text), "Emma") == {"Emma Calder"}


# ---- organisations with similar names stay apart ---------------------------------------------
def test_the_house_is_not_the_white_house():
    text = ("The White House said on Monday that the House would vote on the articles. The House Judiciary "
            "Committee met on Tuesday. Speaker Nancy Pelosi said the House would act.")
    found = ments(text)
    assert entities_of(found, "House") == {"House"}
    assert entities_of(found, "White House") == {"White House"}


def test_organisations_never_merge_on_similar_names_across_articles():
    from chronicle.link.aliases import UserAliases
    from chronicle.link.entities import MentionRow, cluster_mentions

    rows = [MentionRow("a", i, t, "ORG", t.removeprefix("the "), None, "name", 0, len(t), None)
            for i, t in enumerate(["House", "White House", "House Judiciary Committee", "the House"])]
    names = sorted(e.name for e in cluster_mentions(rows, UserAliases(), {}))
    assert names == ["House", "House Judiciary Committee", "White House"]


# ---- party and state tags are roles ----------------------------------------------------------
@pytest.mark.parametrize("text,name", [
    ("Senate Majority Leader Mitch McConnell, R-Ky., said the trial would be fair.", "Mitch McConnell"),
    ("Sen. Rand Paul (R-Ky.) said he would vote against the measure.", "Rand Paul"),
    ("Rep. Adam Schiff (D-Calif.) opened the hearing on Wednesday.", "Adam Schiff"),
])
def test_party_state_tags_are_kept_as_roles(text, name):
    found = ments(text)
    (m,) = [m for m in found if m.entity == name and m.kind == "name"]
    assert m.role and ("R-Ky." in m.role or "D-Calif." in m.role)
    assert not [x for x in found if x.text in ("Ky.", "Calif.")]


# ---- junk never becomes an actor -------------------------------------------------------------
def test_link_labels_and_glued_names_are_not_actors():
    text = ("President Trump Donald John TrumpTrump MORE said on Friday that the inquiry was a hoax, and "
            "Rep. Adam SchiffAdam Bennett SchiffSchiff MORE disagreed.")
    found = ments(text)
    entities = {m.entity for m in found}
    assert not any("MORE" in e or "TrumpTrump" in e or "SchiffAdam" in e for e in entities), entities
    assert "Adam Schiff" in entities


def test_a_run_together_name_keeps_the_person():
    assert "Adam Schiff" in {m.entity for m in ments("SchiffAdam Schiff opened the hearing on Wednesday.")}


def test_nationality_adjectives_are_not_actors():
    text = "Finnish President Sauli Niinisto met French officials and Ukrainians in Helsinki on Monday."
    found = ments(text)
    assert not {"Finnish", "French"} & {m.entity for m in found}
    assert "Ukrainians" in {m.entity for m in found}  # a group of people stays one
