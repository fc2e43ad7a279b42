"""Headlines of timeline entries: one short line that says what happened, from the sources' words.

Interface shared by the timeline build (which calls it once per entry) and the event
stage (which stores a per-mention headline candidate, extract/events/headline.py). The
entry's headline is the candidate its sources agree on best; without one, the summary
sentence cut to its main clause.
"""
from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Callable, Iterable, Sequence
from importlib import resources

MAX_WORDS = 15

_WORD = re.compile(r"[\w’']+")
_STOP = frozenset(
    "a an the and or but of to in on at for with by from as is are was were be been has have had its his her "
    "their it this that these those he she they we i says said say tells told will would could may".split())
_DANGLING = frozenset("a an the and or but of to in on at for with by from as about into than that which who "
                      "its his her their our".split())
_PRONOUN_START = frozenset("he she it they we i this that these those there what who".split())
_NEGATIONS = frozenset("not n't never no nor neither without refuses rejects declines denies dismisses "
                       "refused rejected declined denied dismissed".split())
_LEAD = re.compile(r"^(?:(?:during|after|before|following|in|on|at|amid|despite|since|while|as|when|according to)"
                   r"\b[^,]{0,120},\s*)", re.IGNORECASE)
_ATTRIBUTION = re.compile(r",\s*(?:[\w’'.-]+\s+){0,5}(?:said|says|told\s+[\w\s]{1,30}|stated|added|noted)\s*"
                          r"(?:on\s+\w+)?\.?\s*$", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def reaction_words() -> frozenset[str]:
    """Word forms of the reaction verbs (data/events/headline.toml ``reaction``): "describe" gives
    describe, describes, described, describing."""
    return _word_forms("reaction")


@functools.lru_cache(maxsize=1)
def relational_words() -> frozenset[str]:
    """Word forms of the verbs that place an event rather than tell it (headline.toml ``relational``)."""
    return _word_forms("relational")


def _word_forms(key: str) -> frozenset[str]:
    raw = tomllib.loads(resources.files("chronicle.data").joinpath("events").joinpath("headline.toml").read_text("utf-8"))
    out: set[str] = set()
    for verb in raw.get(key, []):
        v = verb.lower()
        stem = v[:-1] if v.endswith("e") else v
        out.update({v, v + "s", v + "es", stem + "ed", stem + "ing"})
        if v.endswith("y") and v[-2:-1] not in "aeiou":
            out.update({v[:-1] + "ies", v[:-1] + "ied"})
    return frozenset(out)


# A wire dateline opening a sentence: "CAIRO, Egypt (CNN) -- ", "Cairo , Egypt -LRB- CNN -RRB- -- ",
# "WASHINGTON (Reuters) - ": up to four capitalised place words, an optional outlet in brackets, a dash.
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][\w.'’-]*(?:\s*,?\s*[A-Z][\w.'’-]*){0,3})\s*"
    r"(?P<outlet>(?:-LRB-|\()\s*[A-Za-z][\w .&-]{0,30}?\s*(?:-RRB-|\))\s*)?(?:--|—|–|-)\s+(?P<body>\S.*)$", re.S)


def _dateline(text: str) -> re.Match | None:
    """The dateline opening ``text``: with an outlet in brackets, or a place in capitals ("CAIRO --")
    or with its country ("Cairo, Egypt --"); not "Trump - Putin talks" or "Obama -- who spoke --".

    >>> [bool(_dateline(t)) for t in ("WASHINGTON - The vote", "Trump - Putin talks ended", "Obama -- who spoke")]
    [True, False, False]
    """
    m = _DATELINE.match(text)
    if m and (m.group("outlet") or m.group("place").isupper() or "," in m.group("place")):
        return m
    return None


def undatelined(line: str, sentence: str) -> str:
    """``line`` (a headline written from ``sentence``) without the place words of a dateline that
    opens the sentence, up to where the sentence's own words begin.

    >>> undatelined("Cairo Mubarak step down", "Cairo , Egypt -LRB- CNN -RRB- -- Egyptian President Hosni Mubarak stepped down Friday")
    'Mubarak step down'
    >>> undatelined("Cairo Egypt brace for march", "CAIRO, Egypt (CNN) -- Egypt braced for a march of millions")
    'Egypt brace for march'
    >>> undatelined("Cairo residents cheer", "Cairo residents cheered on Friday")
    'Cairo residents cheer'
    """
    m = _dateline(sentence)
    if not m:
        return line
    places = {w.lower() for w in _WORD.findall(m.group("place"))}
    body = _WORD.findall(m.group("body").lower())
    words = line.split()
    while len(words) > 2 and words[0].lower().strip(",") in places and (not body or words[0].lower() != body[0]):
        words.pop(0)
    return " ".join(words)


_QUOTED = re.compile(r"``.*?(?:''|$)|“.*?(?:”|$)|\".*?(?:\"|$)|‘.*?(?:’|$)")


@functools.lru_cache(maxsize=1)
def _first_person() -> tuple[frozenset[str], frozenset[str]]:
    raw = tomllib.loads(resources.files("chronicle.data").joinpath("events").joinpath("headline.toml").read_text("utf-8"))
    words = raw.get("first_person", [])
    exact = frozenset(w for w in words if w in ("I", "us"))
    return frozenset(w.lower() for w in words if w not in exact), exact


@functools.lru_cache(maxsize=1)
def _furniture() -> re.Pattern | None:
    raw = tomllib.loads(resources.files("chronicle.data").joinpath("events").joinpath("headline.toml").read_text("utf-8"))
    patterns = raw.get("furniture", [])
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE) if patterns else None


@functools.lru_cache(maxsize=1)
def _credit_end() -> re.Pattern | None:
    raw = tomllib.loads(resources.files("chronicle.data").joinpath("events").joinpath("headline.toml").read_text("utf-8"))
    pattern = raw.get("credit_ends")
    return re.compile(pattern) if pattern else None


def holds_furniture(text: str) -> bool:
    """Whether a caption credit or a page stamp is glued into the sentence (headline.toml ``furniture``).

    >>> holds_furniture("Murray was raised in Grenada -LRB- photo : Houston Chronicle"), holds_furniture("Murray was raised in Grenada")
    (True, False)
    """
    pattern = _furniture()
    return bool(pattern and pattern.search(text))


_CREDIT_CLOSE = re.compile(r"\)|-RRB-")
_MIN_CUT_WORDS = 6


def furniture_cut(text: str) -> tuple[int, int] | None:
    """``(start, end)`` of the part of ``text`` outside a caption credit glued into it: what follows
    the credit's closing bracket when that says something (at least six words), else what precedes
    the credit; None when no bracketed credit is there or neither part says enough. A page stamp has
    no end to cut at and is left whole.

    >>> t = "Murray was raised in Grenada -LRB- photo : Houston Chronicle -RRB- Jackson 's doctor has been convicted of manslaughter ."
    >>> start, end = furniture_cut(t); t[start:end]
    "Jackson 's doctor has been convicted of manslaughter ."
    >>> t = "Jackson 's doctor was convicted of manslaughter (photo: AP)"; t[slice(*furniture_cut(t))]
    "Jackson 's doctor was convicted of manslaughter"
    >>> t = "Video from the seabed Photograph : BP Plc\\\\/AP Scientists this week doubled the estimate of the spill ."
    >>> t[slice(*furniture_cut(t))]
    'Scientists this week doubled the estimate of the spill .'

    """
    pattern = _furniture()
    found = pattern.search(text) if pattern else None
    if found is None:
        return None
    if found.group().startswith(("(", "-LRB-")):
        close = _CREDIT_CLOSE.search(text, found.end())
    elif found.group().lower().startswith("photograph"):  # "Photograph: BP Plc/AP Scientists ...": at its agency
        ends = _credit_end()
        close = ends.search(text, found.end(), found.end() + 60) if ends else None
        if close is None:
            return None
    else:
        return None
    parts = ([(close.end(), len(text))] if close else []) + [(0, found.start())]
    for lo, hi in parts:
        piece = text[lo:hi]
        if len(piece.split()) >= _MIN_CUT_WORDS:
            return lo + (len(piece) - len(piece.lstrip())), hi - (len(piece) - len(piece.rstrip()))
    return None


@functools.lru_cache(maxsize=1 << 16)
def in_first_person(text: str) -> bool:
    """Whether the writer speaks for themselves outside quotation marks (headline.toml ``first_person``).

    >>> in_first_person("we 've been out of internet for 6 days"), in_first_person("The US says “we will act”")
    (True, False)
    >>> in_first_person("I reaffirm"), in_first_person("Talks with US envoys resume")
    (True, False)
    """
    words, exact = _first_person()
    for token in _WORD.findall(_QUOTED.sub(" ", text)):
        stem = token.split("'", 1)[0].split("’", 1)[0]
        if stem in exact or stem.lower() in words:
            return True
    return False


@functools.lru_cache(maxsize=1)
def hollow_endings() -> frozenset[str]:
    """Verbs of saying that leave a line empty when they end it (headline.toml ``hollow_endings``)."""
    raw = tomllib.loads(resources.files("chronicle.data").joinpath("events").joinpath("headline.toml").read_text("utf-8"))
    return frozenset(w.lower() for w in raw.get("hollow_endings", []))


@functools.lru_cache(maxsize=1)
def hedge_words() -> frozenset[str]:
    """Words that make a line a possibility, not a report (headline.toml ``hedges``)."""
    raw = tomllib.loads(resources.files("chronicle.data").joinpath("events").joinpath("headline.toml").read_text("utf-8"))
    return frozenset(w.lower() for w in raw.get("hedges", []))


@functools.lru_cache(maxsize=1)
def copula_words() -> frozenset[str]:
    """Verbs that make a line a description, not a report (headline.toml ``copulas``)."""
    raw = tomllib.loads(resources.files("chronicle.data").joinpath("events").joinpath("headline.toml").read_text("utf-8"))
    return frozenset(w.lower() for w in raw.get("copulas", []))


def is_reaction(headline: str | None) -> bool:
    """Whether a mention's headline candidate (its main clause) is a reaction: its verb says or
    judges ("Karin Holt described call as photo opportunity", "Peskov labels conversation ...")."""
    return bool(headline) and bool(set(_WORD.findall(headline.lower())) & reaction_words())


def reports_event(m, etype: str, *, kind: Callable[[str], str] = lambda t: t,
                  generic: Iterable[str] = ()) -> float:
    """How directly the event mention ``m`` reports its entry's own happening (0: not at all).

    A direct report is of the entry's type (or its family, by ``kind``), not a generic report
    (``generic`` types, unless the entry is one) and not a reaction (:func:`is_reaction`); it
    scores more when it names the entry's participants as the trigger's own (``m.participants``),
    is dated by a time expression attached to its trigger, and says the event happened.
    """
    generic = frozenset(generic)
    if m.type in generic and etype not in generic:
        return 0.0
    if etype not in generic and is_reaction(m.headline):
        return 0.0  # (what someone said is the event of a statement entry)
    if m.type == etype:
        s = 1.0
    elif kind(m.type) == kind(etype):
        s = 0.7
    else:
        return 0.0
    s += 0.5 if _names_participant(m) else 0.0
    s += 0.5 if m.date_source == "attached" else 0.0
    s += 0.3 if m.modality == "happened" else 0.0
    return s


def _names_participant(m) -> bool:
    """The mention's own clause names one of the actors tied to its trigger: its headline candidate
    (the clause the trigger stands in) names a participant, so the event is what it is about, not
    a side clause ("after Putin's conversation with Trump, 150 drones were launched")."""
    if not m.participants:
        return False
    if not m.headline:
        return True
    words = set(_WORD.findall(m.headline.lower()))
    return any(p.split()[-1].lower() in words for p in m.participants if p.split())


def write_headline(candidates: Sequence[str], summary: str, *, type: str = "", actors: Sequence[str] = (),
                   negated: bool = False, direct: Sequence[float] = (), happened: bool = False) -> str:
    """The entry's headline: the best of the sources' headline candidates, else the summary cut short.

    ``candidates`` are per-mention headlines found at extraction (may be empty strings or
    None); ``summary`` is the entry's quoted sentence. The best candidate agrees most with
    the others (the words several sources use), comes from the summary's sentence, names
    the entry's actors, keeps its negation, and does not open on a pronoun. ``direct``, parallel
    to ``candidates``, is how directly each candidate's mention reports the event
    (:func:`reports_event`): where one does, a reaction or a side report gives way to it.

    >>> write_headline([], "Trump and Putin spoke by phone on Tuesday for two hours.")
    'Trump and Putin spoke by phone on Tuesday for two hours'
    >>> write_headline(["Trump and Putin hold call", "He holds call with Putin"], "Trump and Putin held a call.")
    'Trump and Putin hold call'
    >>> write_headline(["Quake is worst", "7.0-magnitude quake strikes"],
    ...                "The 7.0-magnitude quake, Haiti's worst in two centuries, struck on Tuesday.")
    '7.0-magnitude quake strikes'
    """
    pool: list[str] = []
    report: dict[str, float] = {}
    times: dict[str, int] = {}  # how many sources give each candidate (case and spacing aside)
    for i, c in enumerate(candidates):
        text = _unstamped(" ".join((c or "").split()))
        if text and len(text.split()) <= MAX_WORDS:
            if text not in pool:
                pool.append(text)
            times[text.lower()] = times.get(text.lower(), 0) + 1
            report[text] = max(report.get(text, 0.0), direct[i] if i < len(direct) else 0.0)
    if not pool:
        return _cut(summary)
    direct_exists = any(v > 0 for v in report.values())
    words = {c: _content(c) for c in pool}
    summary_words = _content(summary)
    surnames = {a.split()[-1].lower() for a in actors if a.split()}

    hedges, copulas = hedge_words(), copula_words()
    total = sum(times.values())

    def score(c: str) -> float:
        mine = words[c]
        # Agreement with every source's candidate, counted as often as sources give it: the words
        # seven sources use ("Mubarak steps down") over one source's ("Mubarak may step down").
        others = sum(times[o.lower()] * _overlap(mine, words[o]) for o in pool if o.lower() != c.lower())
        others += times[c.lower()] - 1  # the other sources giving this very line agree in full
        agree = others / (total - 1) if total > 1 else 0.0
        first = c.split()[0].lower()
        s = agree + 0.5 * (len(mine & summary_words) / len(mine) if mine else 0.0)
        s += 0.3 * (len(mine & surnames) / len(surnames) if surnames else 0.0)
        if negated and not (set(_WORD.findall(c.lower())) & _NEGATIONS):
            s -= 0.5
        if first in _PRONOUN_START:
            s -= 0.4
        if first in _QUESTION_START or c.rstrip().endswith("?"):
            s -= 0.5  # "Can US government support democracy": a question reports nothing
        if happened and set(_WORD.findall(c.lower())) & hedges:
            s -= 0.4  # "Mubarak may step down" does not headline the resignation that happened
        n = len(c.split())
        if n < 3:
            s -= 0.3
        s += 0.4 * report[c]  # a direct report of the happening (up to +0.9) ...
        if direct_exists and is_reaction(c):
            s -= 0.5  # ... over what someone said of it, where a source reports it directly
        if len(pool) > 1 and set(_WORD.findall(c.lower())[:4]) & relational_words():
            s -= 0.5  # "The conversation came a day after ...": when, not what
        tokens = _WORD.findall(c.lower())
        if tokens and tokens[-1] in hollow_endings():
            s -= 0.6  # "Internet experts say": who spoke, not what happened
        if len(pool) > 1 and set(tokens[1:4]) & copulas:
            s -= 0.3  # "Quake is worst": a description, where another line may say what happened
        return s

    best = max(pool, key=lambda c: (round(score(c), 6), -abs(len(c.split()) - 8), c))
    tokens = _WORD.findall(best.lower())
    if tokens and tokens[-1] in hollow_endings() and summary.strip():
        return _cut(summary)  # "Internet experts say" and nothing better: the quoted sentence tells more
    return best[0].upper() + best[1:]


@functools.lru_cache(maxsize=1)
def _encounter_data() -> dict:
    raw = tomllib.loads(resources.files("chronicle.data").joinpath("events").joinpath("headline.toml").read_text("utf-8"))
    return raw.get("encounter", {})


def names_encounter(headline: str) -> bool:
    """Whether a headline names an encounter ("call", "met", "talks": headline.toml [encounter] words)
    as what happened: not one that only places something else by it ("Developments occur since their
    last discussion": a word of [encounter] placing within the three words before it).

    >>> names_encounter("Putin and Trump hold second call"), names_encounter("Significant developments occur since their last discussion")
    (True, False)
    """
    data = _encounter_data()
    words, placing = frozenset(data.get("words", ())), frozenset(data.get("placing", ()))
    tokens = _WORD.findall(headline.lower())
    return any(t in words and placing.isdisjoint(tokens[max(0, i - 3):i]) for i, t in enumerate(tokens))


def encounter_line(etype: str, parties: Sequence[str], kinds: dict[str, str]) -> str | None:
    """The headline of an encounter that happened between its two first ``parties`` (most cited
    first), from headline.toml [encounter] templates; None without a template for the type or two
    parties of an allowed entity type. A person is named by surname, anything else in full.

    >>> encounter_line("call", ["Vladimir Putin", "Donald Trump"], {"Vladimir Putin": "PERSON", "Donald Trump": "PERSON"})
    'Putin and Trump speak by phone'
    >>> encounter_line("talks", ["United States", "Russia"], {"United States": "GPE", "Russia": "GPE"})
    'United States and Russia hold talks'
    >>> encounter_line("call", ["Vladimir Putin", "Kremlin"], {"Vladimir Putin": "PERSON", "Kremlin": "FAC"}) is None
    True
    """
    data = _encounter_data()
    template = data.get("templates", {}).get(etype)
    allowed = frozenset(data.get("kinds", ()))
    named = [p for p in parties if kinds.get(p) in allowed]
    if not template or len(named) < 2:
        return None
    a, b = (p.split()[-1] if kinds.get(p) == "PERSON" else p for p in named[:2])
    return template.format(a=a, b=b) if a != b else None


def _content(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 1}


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


# A live blog's stamp is no part of the news: "Update 6:04 p.m. in Cairo, 11:04 a.m. ET) Mubarak ...",
# "Update Mubarak agrees ...", "Update in Cairo 5:30 p.m. speak with Suleiman".
_TIME = r"\d{1,2}(?::\d{2}(?: ?[ap]\.? ?m\.?)?| ?[ap]\.? ?m\.?)(?: (?:ET|EST|EDT|GMT|UTC|BST|CET|local time))?"
_QUESTION_START = frozenset({"can", "could", "will", "would", "should", "shall", "is", "are", "was", "were", "do",
                             "does", "did", "has", "have", "had", "why", "how", "what", "who", "when", "where", "which"})
_STAMP = re.compile(r"^(?:(?:\d{1,2} )?(?:last )?update[sd]?\b[\s:,.-]*)+"
                    rf"(?:(?:(?:at )?{_TIME}|in [A-Z][\w.]+|-?RRB-|\)|[,:;-])\s*)*", re.IGNORECASE)
_TIMES = re.compile(rf"(?:\b(?:in [A-Z][\w.]+ )?{_TIME}[,;:]?\s*)+")


_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_LEADING_DATE = re.compile(rf"^(?:\d{{1,2}} {_MONTH},? \d{{4}}|{_MONTH} \d{{1,2}},? \d{{4}})[,:;.-]?\s+(?=[A-Z])", re.IGNORECASE)


def _unstamped(text: str) -> str:
    """``text`` without a live blog's leading update stamp and the clock times it carries.

    >>> _unstamped("Update 6:04 p.m. in Cairo, 11:04 a.m. ET) Mubarak agrees to yield power")
    'Mubarak agrees to yield power'
    >>> _unstamped("Update in Cairo 5:30 p.m. speak with Suleiman")
    'speak with Suleiman'
    >>> _unstamped("28 Last update Live coverage of trial of Jackson's physician")
    "Live coverage of trial of Jackson's physician"
    >>> _unstamped("Updated at 21:40 Jackson's former personal doctor found guilty")
    "Jackson's former personal doctor found guilty"
    >>> _unstamped("Updated figures show 11 dead")
    'Updated figures show 11 dead'
    >>> _unstamped("30 August 2011 Jackson's dermatologist barred from giving evidence")
    "Jackson's dermatologist barred from giving evidence"
    """
    text = _LEADING_DATE.sub("", text)  # "30 August 2011 Jackson's dermatologist barred": the entry has its date
    m = _STAMP.match(text)
    if not m or m.end() == 0:
        return text
    rest = _TIMES.sub("", text[m.end():]).strip(" ,;:-)")
    # "Updated figures show ...": a stamp is followed by a time or a capitalised clause, not by the sentence's own words
    stamped = bool(re.search(r"\d:\d\d|\d ?[ap]\.?m", text[:m.end()])) or (rest[:1].isupper() and m.end() < len(text))
    return rest if stamped and rest else text


_MONTHS_DAYS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
                "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday")


@functools.lru_cache(maxsize=1)
def _seam() -> re.Pattern:
    """A title or caption run into the next sentence with no full stop, in plain text (headline.toml
    [seams]; the parse-based rule is extract/events/clause.py ``seams``): a lower-case word, then a
    capitalised preposition that opens a sentence before a number, a lower-case word, a day or a month
    ("wrongdoing On 8 February", "tube On Thursday"), or a capitalised determiner or pronoun before a
    lower-case word ("survivors The rescue team")."""
    raw = tomllib.loads(resources.files("chronicle.data").joinpath("events").joinpath("headline.toml").read_text("utf-8"))
    seams = raw.get("seams", {})
    cap = lambda words: "|".join(re.escape(w[:1].upper() + w[1:]) for w in sorted(words, key=len, reverse=True))  # noqa: E731
    preps, openers = cap(seams.get("prepositions", ())), cap(seams.get("openers", ()))
    function = "|".join(sorted(_DANGLING, key=len, reverse=True))  # "the Today program" is one name
    return re.compile(rf"(?<![\w’'-])(?!(?:{function})\b)[a-z][a-z’'-]+(?P<seam>\s+)(?=(?:(?:{preps})\s+(?:\d|[a-z]|(?:{_MONTHS_DAYS})\b)"
                      rf"|(?:{openers})\s+(?!(?:and|or|of|to|in|on|at|by|for|with|but)\b)[a-z]))")


def _unseamed(text: str) -> str:
    """``text`` up to a seam where a title or caption runs into the next sentence, when what stands before
    it says something (four words or more): "Dr Murray denies any wrongdoing On 8 February, 2010, Dr Murray
    appeared in court" -> "Dr Murray denies any wrongdoing".

    >>> _unseamed("Dr Murray denies any wrongdoing On 8 February , 2010 , Dr Murray appeared in court .")
    'Dr Murray denies any wrongdoing'
    >>> _unseamed("Clooney hosts Hope For Haiti on Friday in Los Angeles")
    'Clooney hosts Hope For Haiti on Friday in Los Angeles'
    """
    m = _seam().search(text)
    if m and len(text[:m.start("seam")].split()) >= 4:
        return text[:m.start("seam")]
    return text


# An aside in brackets or between two spaced dashes (a headline carries none: extract/events/headline.bracketed)
_ASIDE = re.compile(r"\s*(?:\((?:[^()]*)\)|-LRB-(?:(?!-RRB-).)*-RRB-|\s[-–—]\s(?:(?!\s[-–—]\s).){1,120}?\s[-–—](?=\s))")


def _cut(summary: str) -> str:
    """The summary sentence cut to a headline: a leading "During the call, ..." and a trailing
    ", X said." go, and what is left is cut at a clause boundary to MAX_WORDS words."""
    text = _unseamed(_unstamped(" ".join(summary.split()).strip().strip("“”\"'‘’")))
    if (dateline := _dateline(text)) is not None:
        text = dateline.group("body")
    plain = _ASIDE.sub("", text).strip()  # "The quake - Haiti's worst in two centuries - struck at 1653 (2153 GMT)"
    core = _LEAD.sub("", plain if len(plain.split()) >= 3 else text)
    core = _ATTRIBUTION.sub("", core) if len(core.split()) > 6 else core
    core = core.rstrip(" .;:,") or text.rstrip(" .")
    words = core.split()
    if len(words) > MAX_WORDS:
        head = " ".join(words[:MAX_WORDS])
        # a clause boundary: a comma or semicolon ending a word ("9,000-strong" is one word), or a dash
        cut = max((m.start() for m in re.finditer(r"[,;](?=\s)| —", head + " ")), default=-1)
        kept = (head[:cut] if cut > len(head) // 2 else head).rstrip(" ,;—").split()
        while len(kept) > 3 and kept[-1].lower() in _DANGLING:  # "... about the…" -> "...…"
            kept.pop()
        core = " ".join(kept) + "…"
    return core[0].upper() + core[1:] if core else core
