"""Event headlines: the hand-made dev set (headline_dev.toml), words and negation kept, and
the choice of an entry's headline among its sources' candidates."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from chronicle.extract.events.headline import MAX_WORDS, headline_candidate
from chronicle.timeline.headlines import write_headline

DEV = tomllib.loads((Path(__file__).parent / "headline_dev.toml").read_text(encoding="utf-8"))["case"]
# Share of dev cases headlined acceptably: 30/34 (0.88) when pinned (developed on this set); only goes up.
DEV_FLOOR = 0.89  # 33/37 with the storyline polish (4 demo cases added: reduced relative, apposition, pronoun); 28/33 after events v3 (it no longer reports the harbour feed's side event "banned"); was 30/34 on v2
_WORD = re.compile(r"[\w’'-]+")


@pytest.fixture(scope="session")
def demo_analyses(demo_dir, pipeline):
    """Every demo article analysed with its manifest dates, keyed by file name (a feed holds several)."""
    from chronicle.api import analyze_files

    out = {}
    for path in sorted(demo_dir.iterdir()):
        if path.suffix in (".txt", ".xml", ".html") and path.name != "README.md":
            analyses, failed = analyze_files([str(path)], manifest=str(demo_dir / "manifest.csv"), pipeline=pipeline)
            assert not failed
            out[path.name] = analyses
    return out


@pytest.fixture(scope="session")
def all_analyses(ukraine_analyses, demo_analyses):
    return {("ukraine", k): [v] for k, v in ukraine_analyses.items()} | {("demo", k): v for k, v in demo_analyses.items()}


def _event(all_analyses, case):
    """The case's event; None when the event stage no longer reports one there (a miss)."""
    for an in all_analyses[(case["corpus"], case["file"])]:
        for e in an.events:
            if case["anchor"] in e.text and e.trigger == case["trigger"]:
                return e
    return None


def _acceptable(case, headline) -> bool:
    """A listed headline; for a case marked ``none``, no headline (a word that is no event there)."""
    if case.get("none"):
        return headline is None
    return headline in case["accept"]


def test_dev_set_headlines_are_acceptable(all_analyses):
    results = [(c, getattr(_event(all_analyses, c), "headline", None)) for c in DEV]
    good = [c for c, h in results if _acceptable(c, h)]
    share = len(good) / len(DEV)
    misses = "\n".join(f"  {c['file']} {c['trigger']!r}: {h!r}" for c, h in results if not _acceptable(c, h))
    print(f"{len(good)}/{len(DEV)} acceptable; misses:\n{misses}")
    assert share >= DEV_FLOOR, f"{len(good)}/{len(DEV)} acceptable; misses:\n{misses}"


def _vocabulary(nlp, text: str) -> tuple[set[str], set[str]]:
    doc = nlp(text)
    return {t.lower_ for t in doc} | {w.lower() for w in _WORD.findall(text)}, {t.lemma_.lower() for t in doc}


def _from_article(word: str, words: set[str], lemmas: set[str]) -> bool:
    """The word is the article's, or one of its verbs put in the present ("held" -> "holds" needs "hold")."""
    if word in words or word in lemmas or word in ("is", "are", "has", "have", "does", "do"):
        return True
    return bool({word[:-1], word[:-2], word[:-3] + "y"} & lemmas)


def test_headlines_are_short_and_use_only_the_articles_words(all_analyses, nlp):
    checked = 0
    for analyses in all_analyses.values():
        for an in analyses:
            words_, lemmas = _vocabulary(nlp, an.article.text)
            for e in an.events:
                if e.headline is None:
                    continue
                checked += 1
                words = _WORD.findall(e.headline)
                assert 0 < len(words) <= MAX_WORDS + 2, e.headline  # hyphenated words count once in MAX_WORDS
                invented = [w for w in words if not _from_article(w.lower(), words_, lemmas)]
                assert not invented, f"{e.headline!r} adds {invented} to {e.text!r}"
    assert checked >= 150


def test_most_events_get_a_headline(all_analyses):
    events = [e for analyses in all_analyses.values() for an in analyses for e in an.events]
    assert sum(e.headline is not None for e in events) / len(events) >= 0.9


@pytest.fixture(scope="session")
def nlp():
    from chronicle.extract.nlp import load_nlp

    return load_nlp()


def _headline(nlp, text: str, trigger: str) -> str | None:
    doc = nlp(text)
    return headline_candidate(next(t for t in doc if t.text == trigger))


@pytest.mark.parametrize("text, trigger, expected", [
    ("The House impeached Trump on Wednesday.", "impeached", "House impeaches Trump"),
    ("Trump was impeached by the House on Wednesday.", "impeached", "Trump impeached by House"),
    ("Officials said on Tuesday that Russia had attacked the port.", "attacked", "Russia attacks port"),
    ("The senators did not attend the hearing on Monday.", "attend", "Senators do not attend hearing"),
    ("Putin spoke to reporters in Moscow. He rejected the plan on Friday.", "rejected", "Putin rejects plan"),
    ("The mayor, who took office in May, resigned on Tuesday.", "resigned", "Mayor resigns"),
    ("Last week, the two leaders held a phone call.", "call", "Two leaders hold phone call"),
    # a pronoun subject is the speaker that reports it, or there is no headline
    ("The league said it would review the rules at a meeting on Friday.", "meeting",
     "League would review rules at meeting"),
    ("It would review the rules at a meeting on Friday.", "meeting", None),
    # an apposition after the object is no second object
    ("The unions agreed on Monday to end the strike, the first result of the talks.", "agreed",
     "Unions agree to end strike"),
    # a verb's one complement, the phrase right after it, stays: not "Opposition party calls"
    ("Last month, the opposition party called for demonstrations demanding the release of detainees.", "called",
     "Opposition party calls for demonstrations"),
    # a demonstrative points at a sentence the headline does not have
    ("Moscow rejected this proposal on Monday.", "rejected", "Moscow rejects proposal"),
    # a speaker's quoted words stay whole: no article dropped inside quote marks
    ('Prime Minister Ilse Brandvold said on Friday that it was "a start".', "said", "Brandvold says it was a start"),
    ('The minister said on Friday that the talks were "a first step".', "said", "Minister says talks were a first step"),
    # so do adjectives that only order it after an event told before
    ("A subsequent meeting in Geneva produced a draft accord.", "meeting", "Meeting in Geneva produces draft accord"),
    ("The ensuing talks collapsed on Friday.", "talks", "Talks collapse"),
    # "as well as" is kept whole: a bare "as" says something else ("sign treaty as trade pact")
    ("The ministers signed the treaty as well as a trade pact.", "signed", "Ministers sign treaty as well as trade pact"),
    # what is called for in a for-to clause stays: not "Brotherhood calls"
    ("On Thursday the group called for its members to march after the weekly prayers.", "called",
     "Group calls for its members to march after weekly prayers"),
    # a clause misparsed under a verb that says nothing: no headline rather than a garbled one
    ("Unlike Kyiv, which accepted Trump's ceasefire offer amid a series of battlefield setbacks, Putin appears "
     "to have little interest in a truce.", "offer", None),
    # a possessive pronoun on the subject names its person, as a "he" subject does
    ("Maria Lopez took the stand on Thursday. Her testimony will continue on Monday.", "testimony",
     "Lopez's testimony will continue"),
    ("His lawyers filed an appeal on Friday.", "appeal", "His lawyers file appeal"),
    # the rest of a live page's stamp is no subject, a bracket inside the sentence is left alone
    ("Lagos, 3:14 p.m. ET) Governor Ada Obi talked about the floods during a call Sunday with the minister.", "call",
     "Governor Ada Obi talks about floods during call with minister"),
    ("Obi (who spoke at 3 p.m.) said the talks would go on.", "said", "Obi says talks would go on"),
    # a relative clause with a date of its own tells the happening that date is of ("Trial begins", not
    # "Senate ends trial" on the day the trial began); an undated one leaves the governing clause
    ("The Senate acquitted Trump on Wednesday, ending a trial that began last month.", "trial", "Trial begins"),
    ("Protesters marked the anniversary of the uprising that began on 25 January.", "uprising", "Uprising begins"),
    ("Officials discussed the attack that killed 20 people on Monday.", "attack", "Attack kills 20 people"),
    ("Ministers attended the meeting that ended the dispute.", "meeting", "Ministers attend meeting"),
    ("Ministers attended a meeting on Friday that began on Thursday.", "meeting", "Ministers attend meeting"),
    # what happened in the event ("at which", "in which") heads it when the sentence only says
    # something of it; a clause that happened inside it ("died in the attack") is its news already
    ("Officials described the meeting at which the ministers agreed a ceasefire.", "meeting",
     "Ministers agree ceasefire"),
    ("Twenty people died in the attack, in which gunmen stormed a hotel.", "attack", "Twenty people die in attack"),
    # "home" completes "stay" as a particle would
    ("The union called on workers to stay home on Monday.", "called", "Union calls on workers to stay home"),
    # what brackets hold is an aside (a conversion, a party, an acronym): never half of it, never in a headline
    ("On Friday, the UN said a total of about $270m (£165m) in international aid had been pledged.", "pledged",
     "Total of $270m pledged"),
    ("On Friday , the UN said a total of about $ 270m -LRB- # 165m -RRB- in aid had been pledged .", "pledged",
     "Total of about $ 270m pledged"),
    ("The World Health Organization (WHO) declared a pandemic on Thursday.", "declared",
     "World Health Organization declares pandemic"),
    # a title run into the sentence after a day, or before a figure, ends at the seam
    ("Katherine Jackson has announced a tribute concert for Cardiff on 8 October A judge in Los Angeles has ruled "
     "a film of the rehearsals can not be used in the trial .", "announced", "Jackson announces tribute concert for Cardiff"),
    ("Jury chosen for Dr Conrad Murray case Jackson died before his comeback concerts had been due to start A "
     "12-member jury has been chosen for the trial of Michael Jackson 's personal doctor .", "trial",
     "12-member jury chosen for trial of Jackson's personal doctor"),
    ("The vaccine protects against hepatitis A and E in most patients, the agency said on Monday.", "said",
     "Agency says vaccine protects against hepatitis A and E"),
    # one person named once: the second "he" stays a pronoun
    ("Dr White told the court on Thursday he said he would not have expected the singer to be killed by the drugs.",
     "said", "White says he would not have expected singer to be killed by drugs"),
    # a sum the parse hangs on the verb as a measure ("m" of "£2m" taken for an adverb) is what was given
    ("Britons have donated more than £2m to an appeal to help Haiti in the space of 36 hours.", "donated",
     "Britons donate more than £2m to appeal"),
    ("The army withdrew three weeks later.", "withdrew", "Army withdraws"),
    # a clause opened by a conjunction "that" says what the noun is: the noun is none of its words
    ("And this was before , of course , the announcement that President Mubarak was stepping down -- Anderson .",
     "stepping", "Mubarak steps down"),
    # so do a pair of dashes, with what the parse hung on the aside
    ("Members of Michael Jackson 's family - father Joe , mother Katherine and sister LaToya - were in court for the "
     "hearing .", "hearing", "Members are in court for hearing"),
    ("The senator — who had opposed the bill for months — voted for the budget on Tuesday.", "voted",
     "Senator votes for budget"),
    # a "he" in what a named person says is that person, whoever was named before
    ("Obama spoke on Monday. Haiti's President, Rene Preval, told reporters that he believes thousands have been "
     "killed.", "killed", "Preval believes thousands have been killed"),
])
def test_clause_compression(nlp, text, trigger, expected):
    assert _headline(nlp, text, trigger) == expected


@pytest.mark.parametrize("text, trigger, expected", [
    ("CAIRO, Egypt (CNN) -- Egyptian President Hosni Mubarak resigned on Friday.", "resigned", "Mubarak resigns"),
    ("Cairo , Egypt -LRB- CNN -RRB- -- Egyptian President Hosni Mubarak resigned on Friday .", "resigned",
     "Mubarak resigns"),
    ("WASHINGTON (Reuters) - The Senate passed the bill on Tuesday.", "passed", "Senate passes bill"),
    # a live page's stamp before the sentence
    ("Update 8:43 p.m. in Cairo , 1:43 p.m. ET -RRB- President Barack Obama said Thursday the United States "
     "supports an orderly transition .", "said", "Obama says United States supports orderly transition"),
    ("Updated 5:45 p.m. in Cairo: Protesters marched to the palace on Friday.", "marched", "Protesters march to palace"),
])
def test_a_wire_dateline_is_no_subject(nlp, text, trigger, expected):
    assert _headline(nlp, text, trigger) == expected


def test_a_list_misparsed_under_the_first_name_keeps_the_phrase_it_belongs_to(nlp):
    # The parse the model gives some such sentences, written out so that the test does not depend on
    # the model: "from Spain" and "Italy" both hang from "Brenner".
    from spacy.tokens import Doc

    words = ["Chancellor", "Olaf", "Brenner", "and", "leaders", "from", "Spain", ",", "Portugal", ",", "and",
             "Italy", "spoke", "with", "Lee", "late", "Sunday", "."]
    heads = [2, 2, 12, 2, 2, 2, 5, 6, 6, 8, 2, 2, 12, 12, 13, 16, 12, 12]
    deps = ["compound", "compound", "nsubj", "cc", "conj", "prep", "pobj", "punct", "conj", "punct", "cc", "conj",
            "ROOT", "prep", "pobj", "amod", "npadvmod", "punct"]
    tags = ["NNP", "NNP", "NNP", "CC", "NNS", "IN", "NNP", ",", "NNP", ",", "CC", "NNP", "VBD", "IN", "NNP", "JJ",
            "NNP", "."]
    pos = ["PROPN", "PROPN", "PROPN", "CCONJ", "NOUN", "ADP", "PROPN", "PUNCT", "PROPN", "PUNCT", "CCONJ", "PROPN",
           "VERB", "ADP", "PROPN", "ADJ", "PROPN", "PUNCT"]
    lemmas = [w.lower() if p != "PROPN" else w for w, p in zip(words, pos)]
    lemmas[4], lemmas[12] = "leader", "speak"
    ents = ["O", "B-PERSON", "I-PERSON", "O", "O", "O", "B-GPE", "O", "B-GPE", "O", "O", "B-GPE", "O", "O",
            "B-PERSON", "B-DATE", "I-DATE", "O"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, tags=tags, pos=pos, lemmas=lemmas, ents=ents,
              sent_starts=[True] + [False] * (len(words) - 1))
    assert headline_candidate(doc[12]) == "Brenner and leaders from Spain, Portugal, and Italy speak with Lee"


def test_two_people_misparsed_as_one_subject_both_lead_the_headline(nlp):
    # The parse the model gives "President Donald Trump and Russian President Vladimir Putin addressed":
    # the first person a modifier ("nmod") of the second, "and" and the second title hanging on it.
    from spacy.tokens import Doc

    words = ["President", "Anna", "Kovac", "and", "Lusaran", "President", "Ivo", "Marek", "addressed", "the",
             "dispute", "."]
    heads = [2, 2, 7, 2, 5, 2, 7, 8, 8, 10, 8, 8]
    deps = ["compound", "compound", "nmod", "cc", "amod", "conj", "compound", "nsubj", "ROOT", "det", "dobj", "punct"]
    tags = ["NNP", "NNP", "NNP", "CC", "JJ", "NNP", "NNP", "NNP", "VBD", "DT", "NN", "."]
    pos = ["PROPN", "PROPN", "PROPN", "CCONJ", "ADJ", "PROPN", "PROPN", "PROPN", "VERB", "DET", "NOUN", "PUNCT"]
    lemmas = [w.lower() if p != "PROPN" else w for w, p in zip(words, pos)]
    lemmas[8] = "address"
    ents = ["O", "B-PERSON", "I-PERSON", "O", "B-NORP", "O", "B-PERSON", "I-PERSON", "O", "O", "O", "O"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, tags=tags, pos=pos, lemmas=lemmas, ents=ents,
              sent_starts=[True] + [False] * (len(words) - 1))
    assert headline_candidate(doc[8]) == "Kovac and Marek address dispute"


@pytest.mark.parametrize("text, name, surname", [
    ("King Abdullah II swore in a new government.", "King Abdullah II", "Abdullah"),
    ("Martin Luther King Jr. spoke in Washington.", "Martin Luther King Jr.", "King"),
    ("Olaf Scholz spoke in Berlin.", "Olaf Scholz", "Scholz"),
])
def test_a_regnal_number_or_suffix_is_no_surname(nlp, text, name, surname):
    from chronicle.extract.events.clause import person_spans

    doc = nlp(text)
    start = text.index(name)
    spans = person_spans(doc, [(start, start + len(name), "PERSON", name)])
    assert {doc[s].text for _, s in spans.values()} == {surname}


def test_negation_is_never_dropped(nlp):
    for text, trigger in [("The court never ruled on the appeal.", "ruled"),
                          ("The company has not announced layoffs this year.", "announced"),
                          ("Kestrania won't sign the treaty.", "sign")]:
        words = set(_WORD.findall(_headline(nlp, text, trigger).lower()))
        assert words & {"not", "n't", "never", "won't"}, text


def test_write_headline_prefers_what_the_sources_agree_on():
    candidates = ["Trump and Putin hold phone call", "He holds call with Putin", "Trump and Putin hold second call",
                  "Kremlin praises it"]
    assert write_headline(candidates, "Trump and Putin held their second call on Tuesday.",
                          actors=["Donald Trump", "Vladimir Putin"]) in candidates[:1] + candidates[2:3]


def test_write_headline_keeps_the_negation():
    chosen = write_headline(["Putin agrees to ceasefire", "Putin refuses to commit to full ceasefire"],
                            "However, he refused to commit to a full 30-day ceasefire.", negated=True)
    assert chosen == "Putin refuses to commit to full ceasefire"


def test_write_headline_without_candidates_cuts_the_summary():
    summary = ("During a tense meeting at the White House on February 28, the Ukrainian president openly opposed "
               "the mediation strategy that led to a hasty departure of the delegation and a halt to aid, officials said.")
    text = write_headline([None, ""], summary)
    assert text.startswith("The Ukrainian president openly opposed")
    assert len(text.split()) <= MAX_WORDS and "officials said" not in text and "During" not in text


def test_a_dates_day_hung_on_the_noun_before_it_is_no_part_of_the_headline(nlp):
    # a caption's date run on after "court": "court 1" is no name; a count stays ("2,000 troops")
    assert _headline(nlp, "Dr Murray looked sombre as the verdict was read out in court 1 November 2011",
                     "read") == "Verdict read out in court"
    assert _headline(nlp, "The army deployed 2,000 troops in May 2010.", "deployed") == "Army deploys 2,000 troops"


# A page title, a photo caption or a live page's stamp run into the next sentence with no full stop: only
# the part of the sentence that holds the trigger is headlined (headline.toml [seams]). The tagger makes
# "Protesters", "Officials", "Boy" proper nouns, so the seam is found by what opens a sentence.
@pytest.mark.parametrize("text, trigger, expected", [
    # a capitalised common word the article also writes in lower case, after a lower-case word
    ("The ripple effect of regional unrest Farmers rally in Lusara's Freedom Square on Monday. Police watched "
     "the farmers.", "rally", "Farmers rally in Lusara's Freedom Square"),
    # a capitalised preposition that opens a sentence: the title before it is headlined on its own
    ("Senator Ada Obi denies any wrongdoing On 3 March, Obi appeared in court in Boston and pleaded not guilty.",
     "denies", "Senator Ada Obi denies any wrongdoing"),
    # after an outlet's name or one in capitals, a common noun that is the subject of the verb after it
    ("Seized records target Marenza doctor - 5 hrs ago Valdoria Herald Officials probe the clinic's doctors in the "
     "patient's death.", "probe", "Officials probe clinic's doctors in patient's death"),
    ("Young boy rescued after nine days - 3 hrs ago KNTV Boy pulled out alive nine days after the landslide.",
     "pulled", "Boy pulls out alive nine days after landslide"),
    # the rest of a live page's stamp, after its time zone
    ("Clashes break out - 4:10 p.m. ET Seventeen people were shot dead by police in Marenza.", "shot",
     "Seventeen people shot dead by police"),
    # a stamp's last words that the parse hangs on the subject after it stay in the dateline
    ("Lagos , 4:10 p.m. ET -RRB- - Twelve people have been shot dead by police , according to Reuters .", "shot",
     "Twelve people shot dead by police"),
    # an indefinite article before a name that modifies a noun; the clause before it keeps only its own words
    ("Aid groups have complained of delays in getting food to survivors A Royal Navy ship carrying supplies is to "
     "be sent to Marenza.", "sent", "Royal Navy ship is to be sent to Marenza"),
    ("Aid groups have complained of delays in getting food to survivors A Royal Navy ship carrying supplies is to "
     "be sent to Marenza.", "complained", "Aid groups complain of delays"),
    # the parse hangs the part's opening noun phrase on the words before the seam: it is the subject
    ("Mr Grene was a keen skier and mountaineer A British man has been confirmed dead after the storm.",
     "confirmed", "British man confirmed dead after storm"),
    # what the verb takes begins before the seam and is cut: no headline rather than "Documents target"
    ("Seized documents target Valdoria Herald Officials probe the clinic's doctors. The officials said little.",
     "target", None),
])
def test_a_title_run_into_the_sentence_is_left_out(nlp, text, trigger, expected):
    assert _headline(nlp, text, trigger) == expected


@pytest.mark.parametrize("text, trigger, expected", [
    ("George Clooney hosts Hope For Haiti on Friday.", "hosts", "Clooney hosts Hope For Haiti"),
    ("The Muslim Brotherhood called for protests on Friday.", "called", "Muslim Brotherhood calls for protests"),
    ("US Secretary-General Ban Ki-moon said the talks would go on.", "said",
     "US Secretary-General Ban Ki-moon says talks would go on"),
    ("Prime Minister Ahmed Shafik resigned on Thursday.", "resigned", "Shafik resigns"),
    ("Protesters rallied in Tahrir Square on Tuesday. The square was full of protesters.", "rallied",
     "Protesters rally in Tahrir Square"),
    ("Reporters told the New York Post that the new mayor resigned. The new mayor denied it.", "resigned",
     "New mayor resigns"),
    ("The council named him interim President in May. The president thanked the council.", "named",
     "Council names him interim President"),
    ("The band played On The Road Again at the concert.", "played", "Band plays On Road Again"),
])
def test_names_and_titles_are_no_seam(nlp, text, trigger, expected):
    assert _headline(nlp, text, trigger) == expected


@pytest.mark.parametrize("text", [
    "A new Gallup Poll shows most voters back the plan. The poll was taken in May.",
    "The council named him interim President in May. The president thanked the council.",
    "Doctors said the hepatitis A and E cases were rising.",
    "George Clooney hosts Hope For Haiti on Friday.",
    "Officials said the Prime Minister would speak at the United Nations. Nations and officials agreed.",
])
def test_seams_keep_names_whole(nlp, text):
    from chronicle.extract.events.clause import seams, word_counts
    from chronicle.extract.events.headline import load_rules

    doc = nlp(text)
    assert [doc[i].text for s in doc.sents for i in seams(s, load_rules().seams, word_counts(doc))] == []


def test_write_headline_cuts_the_summary_at_a_seam():
    summary = ("Senator Ada Obi denies any wrongdoing On 3 March , 2010 , Obi appeared in court in Boston and pleaded "
               "not guilty to the charge .")
    assert write_headline([None], summary) == "Senator Ada Obi denies any wrongdoing"


@pytest.mark.parametrize("text, trigger, expected", [
    # the negation of a word the headline keeps on its way up from a noun trigger, or of a complement
    ("Dr Murray has pleaded not guilty to the charges in the trial in Los Angeles .", "trial",
     "Murray pleads not guilty to charges in trial in Los Angeles"),
    ("Murray was found not guilty of manslaughter on Monday.", "found", "Murray found not guilty of manslaughter"),
])
def test_a_kept_word_keeps_its_negation(nlp, text, trigger, expected):
    assert _headline(nlp, text, trigger) == expected


def test_a_summary_cut_to_a_headline_is_cut_between_words_not_inside_a_number():
    summary = ("Officials at the UN said between 100 and 150 people from its 9,000-strong peacekeeping mission in Haiti "
               "were still missing after the earthquake .")
    line = write_headline([], summary)
    assert line.endswith("…") and len(line.split()) <= MAX_WORDS
    assert "9,000-strong" in line  # not "from its 9…": the comma of a number is no clause boundary
    clause = write_headline([], "Rescuers pulled a woman alive from the rubble of the cathedral on Friday, ten days after "
                                "the quake struck the capital, officials said .")
    assert clause == "Rescuers pulled a woman alive from the rubble of the cathedral on Friday…"  # cut at the clause's comma


def test_a_summary_cut_to_a_headline_leaves_its_asides_out():
    assert write_headline([], "The quake - Haiti 's worst in two centuries - struck at 1653 -LRB- 2153 GMT -RRB- .") == \
        "The quake struck at 1653"
    assert write_headline([], "Talks in Geneva (the first since May) ended on Friday without a deal.") == \
        "Talks in Geneva ended on Friday without a deal"
    assert write_headline([], "(Reuters) Talks ended.") == "(Reuters) Talks ended"  # too little left without it
