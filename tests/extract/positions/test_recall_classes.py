"""Issue 14 classes of missed positions, on invented sentences: plural group subjects, warnings,
negated support, advice and questions that hold nothing, "want", "unless" conditions, "calls upon X
to", modal sentences and "we" continuing a quoted speaker, and datelines before the subject."""
import pytest

from chronicle.records import ArticleText


@pytest.fixture(scope="module")
def analyse(pipeline):
    def run(text):
        (an,) = pipeline.pipe([ArticleText(id="t", text=text)])
        for p in an.positions:
            assert text[p.start_char:p.end_char] == p.text
        return an.positions
    return run


def has(positions, actor, stance, words):
    return [p for p in positions if actor.lower() in p.actor.lower() and p.stance == stance and words in p.text]


FOUND = [
    # a plural group noun or a crowd as subject ("rebels" lemmatises to "rebel", "Thousands" to "thousand")
    ("The rebels rejected the offer of talks with the junta on Tuesday.", "Rebels", "reject", "offer of talks"),
    ("Thousands of Chileans took to the streets of the capital to demand cheaper public transport.",
     "Chileans", "demand", "cheaper public transport"),
    # "warned that ..." is a warning whatever its clause says; "warned against X"
    ("Finance Minister Lena Orsk warned that the currency would collapse within a year.", "Lena Orsk", "warning",
     "currency would collapse"),
    ("Finance Minister Lena Orsk warned against any rise in interest rates this winter.", "Lena Orsk", "warning",
     "rise in interest rates"),
    # a negated support or acceptance is a rejection
    ("Senator Paul Brandt said Norway could not support the fishing treaty in its current form.", "Norway",
     "reject", "fishing treaty"),
    # "want" others to do something
    ("\u201cWe want to see the troops leave the city,\u201d General Ana Morales told reporters on Monday.",
     "Ana Morales", "demand", "troops leave the city"),
    # a condition set with "unless" / "as long as" inside a reported clause
    ("The dockworkers' union said there would be no agreement unless the company raised wages.", "union",
     "condition", "company raised wages"),
    ("Mayor Tom Ferris said the curfew would stay as long as the looting continued.", "Tom Ferris", "condition",
     "looting continued"),
    # "calls upon X to do Y", the "to" clause parsed as a purpose clause
    ("The city council regrets the delay, and calls upon the mayor to publish the audit report.", "council",
     "demand", "publish the audit report"),
    # a dateline before the subject
    ("OSLO, Norway, May 3 (Nordic Wire) \u2014 Norway and Iceland agreed on Friday to share fishing data.",
     "Norway", "accept", "share fishing data"),
]


@pytest.mark.parametrize("text,actor,stance,words", FOUND)
def test_a_class_of_positions_is_found(analyse, text, actor, stance, words):
    found = analyse(text)
    assert has(found, actor, stance, words), [(p.actor, p.stance, p.text) for p in found]


def test_a_modal_sentence_continues_the_quoted_speaker(analyse):
    text = ("\u201cWe deplore the attack on the clinic,\u201d Maria Lind said in a statement on Sunday. "
            "\u201cHospitals must never be targeted in any war.\u201d")
    found = analyse(text)
    assert has(found, "Maria Lind", "demand", "Hospitals must never be targeted"), found


def test_we_continues_the_nearest_quoted_speaker(analyse):
    text = ("Defence Minister Karl Endre said the talks had been useful. \u201cWe have been very clear. "
            "We want to see the border reopened before the harvest.\u201d")
    found = analyse(text)
    assert has(found, "Karl Endre", "demand", "border reopened"), found


NOTHING = [
    # a question or a hypothetical
    ("It is unclear whether the comments mean that Norway would veto the proposal.", "proposal"),
    ("If the army rejects the ceasefire, the talks in Geneva will collapse.", "ceasefire"),
    # "want" for the holder's own plan
    ("\u201cI want to bring our soldiers home before the winter,\u201d General Ana Morales said.", "soldiers home"),
]


def test_advice_is_not_its_subjects_position(analyse):
    # "should demand" is advice to the government, not the government's demand; what the critics
    # say it should do is theirs (as the demo's "Holt said the government should first demand ...")
    found = analyse("Critics said the government should demand a full audit of the port authority.")
    held = [p for p in found if "full audit" in p.text]
    assert held and all(p.actor == "Critics" for p in held), [(p.actor, p.stance, p.text) for p in found]


@pytest.mark.parametrize("text,words", NOTHING)
def test_advice_questions_and_plans_hold_no_position(analyse, text, words):
    found = analyse(text)
    assert not [p for p in found if words in p.text], [(p.actor, p.stance, p.text) for p in found]


NOUNS = [
    # a position stated by a noun, held by the subject of the verb that states it ...
    ("The opposition renewed its demand for early elections on Tuesday.", "Opposition", "demand", "early elections"),
    ("The dockworkers' union issued a call for a general strike in the ports.", "union", "demand", "general strike"),
    # ... or by its possessor
    ("Norway's refusal to lift the quota angered the other delegations.", "Norway", "reject", "lift the quota"),
    # a view noun with a "must" clause, the clause's parenthetical left out of the phrase
    ("Senator Ruth Kell repeated the U.S. view that the general, accused of torture by several rights "
     "groups, must leave power.", "Ruth Kell", "demand", "must leave power"),
    # a title with its name in apposition is the named person
    ("The prime minister, Ola Berg, made a pledge to cut fuel taxes before the winter.", "Ola Berg", "commitment",
     "cut fuel taxes"),
]


@pytest.mark.parametrize("text,actor,stance,words", NOUNS)
def test_a_noun_states_a_position(analyse, text, actor, stance, words):
    found = analyse(text)
    assert has(found, actor, stance, words), [(p.actor, p.stance, p.text) for p in found]


@pytest.mark.parametrize("text,words", [
    # doubting someone's commitment states none; a position given up is not held
    ("Analysts questioned Norway's commitment to the fishing treaty after the vote.", "fishing treaty"),
    ("Norway has dropped its previous insistence on a full audit of the fleet.", "full audit"),
])
def test_a_noun_someone_else_acts_on_holds_nothing(analyse, text, words):
    found = analyse(text)
    assert not [p for p in found if words in p.text], [(p.actor, p.stance, p.text) for p in found]


MORE = [
    # "will not X until Y": Y is a condition
    ("The opposition said it would not negotiate with the government until the president resigns.", "Opposition",
     "condition", "president resigns"),
    # "warned of X"
    ("Finance Minister Lena Orsk warned of a deep recession next year.", "Lena Orsk", "warning", "deep recession"),
    # a reported refusal of one's own: "said it will not ..."
    ("The Green Party has said it will not field a candidate in the mayoral race.", "Green Party", "commitment",
     "will not field a candidate"),
    # a demand noun as subject of "is"
    ("The strikers' main demand is a ten percent pay rise for all staff.", "strikers", "demand",
     "ten percent pay rise"),
    # a crowd of any plural noun, listed as an actor or not
    ("Hundreds of nurses joined the march on Friday, demanding safer staffing levels.", "nurses", "demand",
     "safer staffing levels"),
    # slogans and banners calling for something: who carries them
    ("Students chanted slogans calling for the release of the detained professor.", "Students", "demand",
     "release of the detained professor"),
    # a title with nobody named before it is the title itself
    ("The vice president offered to release the detained students before the holiday.", "Vice president", "offer",
     "release the detained students"),
]


@pytest.mark.parametrize("text,actor,stance,words", MORE)
def test_more_classes_of_positions_are_found(analyse, text, actor, stance, words):
    found = analyse(text)
    assert has(found, actor, stance, words), [(p.actor, p.stance, p.text) for p in found]


def test_a_plan_calling_for_something_is_not_its_critics_demand(analyse):
    found = analyse("The senate rejected a budget plan calling for new fuel taxes.")
    assert not [p for p in found if p.stance == "demand"], [(p.actor, p.stance, p.text) for p in found]


@pytest.mark.parametrize("text", [
    "A police spokesman said he would not comment on the investigation.",
    "The ministry declined to comment on the reports of arrests.",
])
def test_no_comment_is_no_position(analyse, text):
    found = analyse(text)
    assert not found, [(p.actor, p.stance, p.text) for p in found]


def test_a_title_with_nobody_named_before_holds_the_position(analyse):
    found = analyse("The king said he would not step down before the elections.")
    assert has(found, "King", "commitment", "would not step down"), [(p.actor, p.stance, p.text) for p in found]


LAST = [
    # a negated acceptance keeps its object, not an "on" phrase after it
    ("\u201cWe will never accept foreign troops on our soil,\u201d Defence Minister Karl Endre said.", "Karl Endre",
     "reject", "foreign troops"),
    # "asked X to do Y"
    ("The foreign minister, Ola Berg, asked the United Nations to send peacekeepers to the region.", "Ola Berg",
     "demand", "send peacekeepers"),
    # "is against X"
    ("China has said it is against new sanctions on the regime.", "China", "reject", "new sanctions"),
    # a pronoun subject of a reported clause is who reports it
    ("The rebels say they will never accept a truce that leaves the city under siege.", "Rebels", "reject",
     "truce"),
]


@pytest.mark.parametrize("text,actor,stance,words", LAST)
def test_last_classes_of_positions_are_found(analyse, text, actor, stance, words):
    found = analyse(text)
    assert has(found, actor, stance, words), [(p.actor, p.stance, p.text) for p in found]


@pytest.mark.parametrize("text", [
    "The minister was asked whether the army would withdraw from the border towns.",
    "The spokesman said he was asked by reporters to comment on the arrests.",
])
def test_asking_a_question_is_no_demand(analyse, text):
    found = analyse(text)
    assert not [p for p in found if p.stance == "demand"], [(p.actor, p.stance, p.text) for p in found]


# Stop 27: classes found missing on a second stance dev set (Timeline17 IraqWar, Finan, bpoil), never
# read before; each sentence here is invented.
FOUND_27 = [
    # "advocate" is support; lawmakers and regulators hold positions, both named when coordinated
    ("Key regulators and lawmakers have advocated a merger of the two watchdogs.", "lawmakers", "support",
     "merger of the two watchdogs"),
    # a subject the small model hangs on a participle set off before the verb
    ("Port regulators, hoping to make the docks safer, are requiring shippers to file cargo manifests a day early.",
     "regulators", "demand", "file cargo manifests"),
    # "X is committed to ...": the copula's subject holds it
    ("The union is committed to holding a ballot on the pay offer before March.", "union", "commitment",
     "holding a ballot"),
    # a quoted "we will" / "we are going to" pledge is the speaker's commitment
    ("\u201cWe are going to rebuild every school the flood destroyed,\u201d Governor Rosa Lindqvist said.",
     "Rosa Lindqvist", "commitment", "rebuild every school"),
    ("\u201cWe will have the bridge open again by the end of the month,\u201d said Ivo Brandt, the city's engineer.",
     "Ivo Brandt", "commitment", "bridge open again"),
    # "has to" in a quoted sentence, and a modal verb coordinated with the sentence's root
    ("\u201cThe strike is about pay,\u201d Lena Oda said. \u201cEvery nurse has to be paid for the overtime.\u201d",
     "Lena Oda", "demand", "paid for the overtime"),
    ("\u201cThe strike is about pay,\u201d Lena Oda said. \u201cWe were lied to and the board has to be answerable.\u201d",
     "Lena Oda", "demand", "answerable"),
    # "said it did not ...": a denial
    ("Norway said it did not breach the fishing quota by landing the catch in Bergen.", "Norway", "denial",
     "breach the fishing quota"),
    # "they" after a plural group subject is that group, not the last organisation named
    ("Harbour Trust sources said senior officials reached agreement on Monday. They favor a new levy on cruise ships.",
     "officials", "support", "new levy"),
    # a pronoun stands for the person named in its own sentence before the subjects of earlier ones
    ("Mayor Tom Ferris met the strikers. That was the message to Kofi Amadu as he urged the council to reopen the depot.",
     "Kofi Amadu", "demand", "reopen the depot"),
]


@pytest.mark.parametrize("text,actor,stance,words", FOUND_27)
def test_a_class_of_positions_found_on_new_topics(analyse, text, actor, stance, words):
    found = analyse(text)
    assert has(found, actor, stance, words), [(p.actor, p.stance, p.text) for p in found]


NOTHING_27 = [
    # "has yet to" is no obligation
    ("The ministry has yet to publish its report on the collapse.", "publish its report"),
    # "we will see" pledges nothing; a pledge must be quoted
    ("\u201cWe will see what the court decides,\u201d Ivo Brandt said.", "court decides"),
    ("We will rebuild the bridge, the column argued, if the council finds the money.", "rebuild the bridge"),
    # a state of mind, an argument and someone else's act are no denials
    ("Norway said it did not know about the quota breach.", "quota breach"),
    ("Brandt criticized the levy, arguing it did not raise enough money.", "raise enough money"),
]


@pytest.mark.parametrize("text,words", NOTHING_27)
def test_new_classes_hold_nothing_here(analyse, text, words):
    found = analyse(text)
    assert not [p for p in found if words in p.text and p.stance in ("commitment", "demand", "denial")], \
        [(p.actor, p.stance, p.text) for p in found]


def test_the_president_is_nobody_named_with_another_office(analyse):
    text = ("Former Treasury Secretary Helen Paul proposed a single regulator last spring. "
            "\u201cThe president is committed to signing a reform package this year,\u201d a spokeswoman said.")
    found = analyse(text)
    held = [p for p in found if "reform package" in p.text]
    assert held and all("Helen Paul" not in p.actor for p in held), [(p.actor, p.stance, p.text) for p in found]
    assert any(p.actor.lower() == "president" for p in held), [(p.actor, p.stance, p.text) for p in found]


# Stop 27, second set: classes found missing on a CNN dev set (Timeline17 LibyaWar, CNN), the
# closest copy to the held-out outlet that is not it; each sentence here is invented.
FOUND_27B = [
    # a "should" clause coordinated after the reported one
    ("Mayor Tom Ferris said that the board has lost its credibility and should resign now.", "Tom Ferris", "demand",
     "resign now"),
    # "asked for" is a demand with its "for" object (never "asked whether")
    ("Governor Rosa Lindqvist asked for help from the federal government.", "Rosa Lindqvist", "demand",
     "help from the federal government"),
    # a quoted imperative is its speaker's demand
    ("\u201cPlease send us water and doctors,\u201d Mayor Tom Ferris said.", "Tom Ferris", "demand",
     "send us water and doctors"),
    ("\u201cThere will be no mercy, leave the city now,\u201d General Ana Morales said.", "Ana Morales", "demand",
     "leave the city now"),
    # "stand with", "vote for"
    ("\u201cWe stand with the strikers,\u201d Senator Ivo Brandt said.", "Ivo Brandt", "support", "the strikers"),
    ("The city council voted for tighter rules on short-term rentals.", "council", "support", "tighter rules"),
    # an organisation's officer is the person named with that office
    ("NATO Secretary General Lena Oda spoke in Brussels. NATO's secretary general ruled out any troop deployment.",
     "Lena Oda", "reject", "troop deployment"),
    # a speech speaks for its possessor; "signalled a willingness to" is an offer
    ("President Ana Morales spoke on Monday. Morales's speech detailed the plan while promising the curfew would be short.",
     "Ana Morales", "commitment", "curfew would be short"),
    ("President Ana Morales signalled a willingness to negotiate a settlement with the rebels.", "Ana Morales", "offer",
     "negotiate a settlement"),
    # a quote set one sentence to a line reaches its closing mark
    ("`` He does n't want us to sell the oil , '' Ahmed Bani said .\n`` This is a lesson for us .\n"
     "We will take measures to protect the pipelines . ''", "Ahmed Bani", "commitment", "take measures"),
]


@pytest.mark.parametrize("text,actor,stance,words", FOUND_27B)
def test_a_class_of_positions_found_on_cnn_copy(analyse, text, actor, stance, words):
    found = analyse(text)
    assert has(found, actor, stance, words), [(p.actor, p.stance, p.text) for p in found]


NOTHING_27B = [
    # not orders: a deflection, and a verb that shares the sentence's subject
    ("\u201cAsk me next week,\u201d Ivo Brandt said.", "me next week"),
    ("\u201cThey hold their guns over you and shoot you,\u201d Jamal said.", "shoot you"),
    # "will have to" foretells
    ("Peter Orszag said companies will have to recoup the extra costs in other ways.", "recoup the extra costs"),
]


@pytest.mark.parametrize("text,words", NOTHING_27B)
def test_no_order_or_foretold_necessity_is_a_demand(analyse, text, words):
    found = analyse(text)
    assert not [p for p in found if words in p.text and p.stance == "demand"], [(p.actor, p.stance, p.text) for p in found]


# ---- stop 28 (positions v4): precision classes read on the dev sets' unmatched positions ------------

NOTHING_28 = [
    # who a threat hangs over, or a warning is addressed to, is not what it warns of
    ("Air strikes on Kordan forces threatening civilian populations will continue, the general said.",
     "civilian populations"),
    ("The relief was meant for civilians threatened by the Kordan army, aid workers said.", "civilians"),
    ("The foreign minister warned Germany in a letter on Monday.", "Germany"),
    # a question coordinated after a demand is not a second thing demanded
    ("Regulators are requiring banks to publish their reserves and also asking banks if they hold any gold.",
     "asking banks if"),
]


@pytest.mark.parametrize("text,words", NOTHING_28)
def test_victims_addressees_and_questions_hold_nothing(analyse, text, words):
    found = analyse(text)
    assert not [p for p in found if words in p.text], [(p.actor, p.stance, p.text) for p in found]


FOUND_28 = [
    # a threatened act is what a threat warns of; a demand before a question stays
    ("The union threatened a strike at the port if wages were cut.", "union", "warning", "strike"),
    ("Regulators are requiring banks to publish their reserves and also asking banks if they hold any gold.",
     "Regulators", "demand", "publish their reserves"),
]


@pytest.mark.parametrize("text,actor,stance,words", FOUND_28)
def test_threatened_acts_and_demands_before_questions_stay(analyse, text, actor, stance, words):
    found = analyse(text)
    assert has(found, actor, stance, words), [(p.actor, p.stance, p.text) for p in found]


def test_a_page_stamp_or_a_bracket_is_nobody(analyse):
    """Tokenised copy: a live page's time stamp glued to a name, a bracket token as a word."""
    from chronicle.extract.positions.actors import clean_actor
    from chronicle.extract.positions.lexicon import load_lexicon

    lex = load_lexicon()
    assert clean_actor("03 February 12 17:03 GMT Russia", "x", lex)[0] == "Russia"
    assert clean_actor("-LRB- CNN -RRB-", "x", lex)[0] == "CNN"
    assert clean_actor("K -RRB-", "x", lex) == (None, None)
    assert clean_actor("Theresa May", "x", lex)[0] == "Theresa May"  # a month only beside a number
    assert clean_actor("G20", "x", lex)[0] == "G20"


# ---- stop 29 (positions v5): precision classes read on the dev sets' unmatched positions ------------

NOTHING_29 = [
    # a phrasal verb is a verb of its own: "back up" an account corroborates it, "press ahead" goes on
    ("The auditor general backed up the minister's account of the missing funds.", "account of the missing funds"),
    # what a clause under "means" says is inferred by whoever reads the act, not stated by its subject
    ("Analysts say the vote means that Norway still backs the fishing treaty.", "fishing treaty"),
    # a verb whose only object is a pronoun names no matter
    ("The council asked the province to fund it.", "fund it"),
    # a clause with its own subject run on after a "to" clause (a page's link text) is no part of it
    ("The president agrees to step down The only sailor who survived was hurt in the storm .", "only sailor"),
    # a "must" sentence about what one case would need is no demand
    ("\u201cThe dam is old,\u201d Mayor Tom Ferris said. \u201cIf the river floods again, we must move the whole village.\u201d",
     "whole village"),
]


@pytest.mark.parametrize("text,words", NOTHING_29)
def test_phrasal_verbs_inferences_pronouns_and_cases_hold_nothing(analyse, text, words):
    found = analyse(text)
    assert not [p for p in found if words in p.text], [(p.actor, p.stance, p.text) for p in found]


def test_a_quoted_order_with_a_cue_verb_is_a_demand(analyse):
    # "Please support X" asks the listener to support it: the speaker's demand, not the speaker's support
    found = analyse("\u201cPlease support the flood relief bill,\u201d Mayor Tom Ferris said.")
    assert has(found, "Tom Ferris", "demand", "support the flood relief bill"), [(p.actor, p.stance, p.text) for p in found]
    assert not [p for p in found if p.stance == "support"], [(p.actor, p.stance, p.text) for p in found]


def test_a_participle_after_and_is_no_second_act(analyse):
    # "forced labour" is a thing the deal must halt, not a second act of the clause
    found = analyse("Lusara insists that any deal must include a halt to weapons deliveries and forced labour in the mines.")
    assert has(found, "Lusara", "condition", "weapons deliveries and forced labour"), \
        [(p.actor, p.stance, p.text) for p in found]
    assert len(found) == 1, [(p.actor, p.stance, p.text) for p in found]


def test_a_purpose_clause_after_the_demanded_act_belongs_to_it(analyse):
    found = analyse("The envoy called on both armies to do as much as possible to avoid harming the farmers.")
    assert has(found, "Envoy", "demand", "avoid harming the farmers"), [(p.actor, p.stance, p.text) for p in found]


def test_a_position_stated_again_is_listed_once(analyse):
    found = analyse("The ministry denied any strikes in the port. Later the ministry again denied any strikes in the port.")
    assert len([p for p in found if p.stance == "denial"]) == 1, [(p.actor, p.stance, p.text) for p in found]


NOTHING_29B = [
    # "should be enough/adequate" expects, it does not demand
    ("Tom Ferris said the reserves should be sufficient to cover the claims.", "cover the claims"),
    # what the subject lines up others to do is neither its own stance nor theirs yet
    ("Kordan Energy is lining up banks to back the pipeline project, its director said.", "pipeline project"),
]


@pytest.mark.parametrize("text,words", NOTHING_29B)
def test_expectations_and_what_others_are_lined_up_to_do_hold_nothing(analyse, text, words):
    found = analyse(text)
    assert not [p for p in found if words in p.text], [(p.actor, p.stance, p.text) for p in found]


def test_how_far_a_stance_goes_stays_in_its_phrase(analyse):
    found = analyse('Valdoria accepted the proposal "in principle" on Monday.')
    assert has(found, "Valdoria", "accept", "in principle"), [(p.actor, p.stance, p.text) for p in found]


# ---- stop 35 (positions v6, v7): recall classes of any story, invented sentences ------------------------

FOUND_35 = [
    # a for-to clause after "called for", parsed as a purpose clause
    ("The fishermen's union called for the harbour master to resign.", "union", "demand", "harbour master to resign"),
    # "seek" what the holder wants from others
    ("The opposition alliance is seeking a new electoral law.", "opposition", "demand", "new electoral law"),
    # the gerund right after "rule out", "refuse", "oppose"
    ("Mayor Tom Ferris has ruled out raising the city's property tax.", "Tom Ferris", "reject",
     "raising the city's property tax"),
    # an institution named by what it is
    ("The bank opposed the new capital rules.", "bank", "reject", "new capital rules"),
    ("The regime refused to release the detained journalists.", "regime", "reject", "release the detained journalists"),
]


@pytest.mark.parametrize("text,actor,stance,words", FOUND_35)
def test_for_to_clauses_seeking_gerunds_and_institutions_hold_positions(analyse, text, actor, stance, words):
    found = analyse(text)
    assert has(found, actor, stance, words), [(p.actor, p.stance, p.text) for p in found]


def test_what_an_act_provides_is_no_offer(analyse):
    text = ("Algeria plans to restart production at two eastern gas fields in mid-September and resume shipping "
            "gas from Oran by the end of the same month , offering relief to European countries reliant on its imports .")
    assert not [p for p in analyse(text) if p.stance == "offer"], [(p.actor, p.stance, p.text) for p in analyse(text)]
    # an offer made in a participle keeps its "to" clause
    found = analyse("The rebels made a new proposal on Monday, offering to release the hostages.")
    assert has(found, "rebels", "offer", "release the hostages"), [(p.actor, p.stance, p.text) for p in found]
