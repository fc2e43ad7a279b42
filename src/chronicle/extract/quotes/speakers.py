"""Speaker resolution: the words that name a source -> a canonical name, or None when unsure.

In order: a named entity in the source words ("Kremlin spokesperson Dmitry Peskov",
"the Kremlin", "Kyiv"); a role seen with a name elsewhere in the article ("the US
president" -> the person introduced as "US President Donald Trump"); a pronoun, taken
to the nearest earlier speaker or sentence subject that agrees in gender and number;
a transcript's "I" or "we", taken to the speaker of the turn ("SAWIRIS: Well, I think ..."), and
elsewhere described as the text's "writer" (a column's, a blog's, a reader's post's).
A source the article describes without naming ("a police spokesman", "senior U.S.
officials", "the official" after "a U.S. State Department official") is the speaker as
described ("police spokesman"), with :attr:`SpeakerResolver.described` saying so; a later
"he" or "they" may refer back to it. Quantifiers ("some", "no one"), first person outside a
turn without a label ("UNIDENTIFIED MALE") and a "he" or "she" with no antecedent stay without a speaker.

Canonical names come from the entities stage's mentions when it ran; :func:`entity_names`
is the one place that decides, with a small fallback over spaCy's entities.
"""
from __future__ import annotations

import re

from bisect import bisect_left
from dataclasses import dataclass

from chronicle.extract.quotes.lexicon import Lexicon

_SPEAKER_TYPES = {"PERSON", "ORG", "GPE", "NORP", "FAC"}
_NAME_STRIP = ("'s", "’s", "'", "’")
_ROLE_SKIP = {"the", "a", "an", "'s", "’s", ",", "-", "former", "then"}
MAX_PRONOUN_DISTANCE = 1200  # characters back to an antecedent before giving up


@dataclass(frozen=True, slots=True)
class Name:
    start_char: int
    end_char: int
    type: str
    entity: str


def _clean(name: str) -> str:
    name = name.strip()
    for suffix in _NAME_STRIP:
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    if name.lower().startswith("the "):
        name = name[4:]
    return name.strip()


def entity_names(doc, mentions) -> list[Name]:
    """Named mentions with canonical names: the entities stage's when present, else spaCy's NER.

    This is the single switch point to the entities stage's resolver.
    """
    if mentions:
        return sorted(
            (Name(m.start_char, m.end_char, m.type, m.entity) for m in mentions if m.type in _SPEAKER_TYPES),
            key=lambda n: n.start_char,
        )
    ents = [e for e in doc.ents if e.label_ in _SPEAKER_TYPES]
    full: dict[str, str] = {}
    for e in ents:
        if e.label_ == "PERSON":
            words = _clean(e.text).split()
            if len(words) >= 2:
                key = words[-1].lower()
                if len(" ".join(words)) > len(full.get(key, "")):
                    full[key] = " ".join(words)
    out = []
    for e in ents:
        name = _clean(e.text)
        if not name:
            continue
        label = e.label_
        if label == "PERSON" or (len(name.split()) == 1 and name.lower() in full):
            name, label = full.get(name.split()[-1].lower(), name), "PERSON"
        out.append(Name(e.start_char, e.end_char, label, name))
    return out


@dataclass(slots=True)
class _Seen:
    pos: int
    name: str | None  # None for a group ("Kyiv and its allies"): a plural pronoun stops there, unnamed
    type: str  # PERSON, ORG, GPE, NORP, GROUP, or DESCRIBED (a description, not a name)
    number: str = "sg"  # of a description: "sg", "pl", or "org" (an institution: "it" or "they")
    head: str = ""  # of a description: its head word's lemma ("official"), for "the official" later


FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})
WRITER = "writer"  # the described speaker of a text's own first person outside a transcript
_DESCRIPTION_SKIP = frozenset({"DET", "ADV", "CCONJ", "PUNCT", "ADP", "SCONJ", "PART", "PRON", "AUX", "VERB"})
_ORG_NOUNS = frozenset({"government", "police", "military", "media", "administration", "regime", "authorities",
                        "authority", "embassy", "television", "tv", "radio", "newspaper", "paper", "agency",
                        "statement", "report", "release", "communique", "cable", "letter", "document", "poll",
                        "survey", "study", "website", "station", "channel", "broadcaster", "service"})


class SpeakerResolver:
    """Resolves source spans of one article, in text order (pronouns look backwards)."""

    def __init__(self, doc, mentions, lexicon: Lexicon, *, text: str | None = None):
        self.doc = doc
        self.lex = lexicon
        self.mentions = list(mentions or ())
        # spaCy's Doc.text joins every token on each access: read it once (or take the caller's reading)
        self._doc_text = doc.text if text is None else text
        self._text = self._doc_text if self.mentions else None
        self.names = entity_names(doc, mentions)
        self._speaker_index = None  # the entities stage's mentions, indexed for resolve_speaker on first use
        self.by_surface = _by_surface(self.names, self._doc_text)
        self.starts = [n.start_char for n in self.names]
        self.surnames = _surnames(self.names)
        self.gender: dict[str, str] = {}
        self.history: list[_Seen] = []
        self.roles = self._collect_roles()
        self.evidence = self._gender_evidence()
        self.candidates: dict[int, tuple[tuple[str, float], ...]] = {}  # pronoun start -> unresolved candidates
        self._lowers: frozenset[str] | None = None  # words the article writes in lower case
        self.described: set[int] = set()  # source starts whose speaker is a description, not a name
        self.turns = self._turns()  # a transcript's turns: (label start, speaker name or None)

    # ---- names --------------------------------------------------------------------------
    def names_in(self, start: int, end: int) -> list[Name]:
        k = max(bisect_left(self.starts, start) - 1, 0)
        out = []
        while k < len(self.names) and self.names[k].start_char < end:
            n = self.names[k]
            if n.end_char > start and n.start_char >= start - 1:
                out.append(n)
            k += 1
        return out

    def gender_of(self, name: str) -> str:
        """From the name's first word, else from its titles and roles in this article ("Mr. Lee",
        "Lee, the committee's chairwoman"); '' when neither tells."""
        if name not in self.gender:
            self.gender[name] = self.lex.gender_of(name) or self.evidence.get(name, "")
        return self.gender[name]

    def _gender_evidence(self) -> dict[str, str]:
        """Gender per canonical name from the words beside its mentions; a name with conflicting
        evidence gets none."""
        found: dict[str, set[str]] = {}
        text = self._doc_text
        for n in self.names:
            if n.type != "PERSON":
                continue
            before = text[max(0, n.start_char - 12):n.start_char].split()[-1:]
            inside = text[n.start_char:n.end_char].split()[:1]
            g = self.lex.gender_of_role([w.rstrip(".") for w in before + inside] + before + inside)
            if g:
                found.setdefault(n.entity, set()).add(g)
        for words, _, name in self.roles:
            g = self.lex.gender_of_role(words)
            if g:
                found.setdefault(name, set()).add(g)
        return {name: gs.pop() for name, gs in found.items() if len(gs) == 1}

    def _collect_roles(self) -> list[tuple[frozenset[str], str, str]]:
        """(role words, role head word, canonical name) for every "ROLE NAME" / "NAME, ROLE" seen."""
        from chronicle.extract.quotes.syntax import noun_span

        doc = self.doc
        roles = []
        for n in self.names:
            if n.type != "PERSON":
                continue
            span = doc.char_span(n.start_char, n.end_char, alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            s0, _ = noun_span(root)
            words = [t for t in doc[s0:span.start] if t.lower_ not in _ROLE_SKIP and not t.is_punct]
            if words:
                roles.append(_role(words, n.entity))
            if root.dep_ == "appos" and root.head.pos_ == "NOUN":
                h0, h1 = noun_span(root.head)
                roles.append(_role([t for t in doc[h0:root.head.i + 1] if t.lower_ not in _ROLE_SKIP], n.entity))
            for child in root.children:
                if child.dep_ == "appos" and child.pos_ == "NOUN":
                    c0, _ = noun_span(child)
                    roles.append(_role([t for t in doc[c0:child.i + 1] if t.lower_ not in _ROLE_SKIP], n.entity))
        return [r for r in roles if r[0]]

    def _by_role(self, start: int, end: int, head) -> str | None:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or span[0].lower_ in ("a", "an", "one", "another"):
            return None  # "an architect": someone unnamed, never the article's named architect
        words = frozenset(_norm(t.text) for t in span if t.lower_ not in _ROLE_SKIP and not t.is_punct)
        head_word = _norm(head.text)
        if not words:
            return None
        found = {name for role, role_head, name in self.roles if role_head == head_word and words <= role}
        return found.pop() if len(found) == 1 else None

    # ---- resolution ---------------------------------------------------------------------
    def resolve(self, start: int, end: int, head_i: int | None) -> str | None:
        """Canonical speaker of the source words [start, end), recorded for later pronouns."""
        doc = self.doc
        head = doc[head_i] if head_i is not None else None
        name, typ = None, None
        label = self._turn_label(start, end, head)
        if label is not None:  # "BLITZER: ...": the person the article names so, else the label as a name
            name = self.surnames.get(label.split()[-1].lower()) or label
            self.history.append(_Seen(start, name, "PERSON"))
            return name
        if head is not None and head.lower_ in ("who", "whom") and head.head.dep_ == "relcl" \
                and head.head.head.pos_ in ("PROPN", "NOUN"):
            owner = head.head.head  # "Peskov, who said ...": the source words stay "who", the speaker is Peskov
            from chronicle.extract.quotes.syntax import noun_span

            s0, s1 = noun_span(owner)
            name = self.resolve(doc[s0].idx, doc[s1 - 1].idx + len(doc[s1 - 1].text), owner.i)
            if doc[s0].idx in self.described:  # "protesters, who said ...": as described
                self.described.add(start)
            return name
        if head is not None and head.lower_ in FIRST_PERSON:
            name = self._turn_speaker(start)  # a transcript's "I think ...": the turn's speaker
            if name is None and not self.turns:
                # outside a transcript, "I" is whoever wrote the text (a column, a blog, a reader's post)
                self.described.add(start)
                return WRITER
            return name
        if head is not None and head.lower_ in self.lex.pronouns:
            seen = self._antecedent(start, head.lower_)
            if seen is not None:
                name, typ = seen.name, seen.type
                if typ == "DESCRIBED":
                    self.described.add(start)
                    return name
            else:
                name, cands = self._mentioned(start, head.lower_)
                typ = "PERSON" if name else None
                if cands:
                    self.candidates[start] = cands
        elif head is not None and head.tag_ == "NNS":
            # "Trump administration officials", "Kremlin aides": a group, never the person named in it
            if not _coordinated(head):
                return self._describe(start, end, head)
        else:
            name, typ = self._from_entities(start, end)
            if name is None:
                name, typ = self._named(start, end, head)
            if name is None and head is not None and head.pos_ in ("NOUN", "PROPN"):
                name = self._by_role(start, end, head)
                typ = "PERSON" if name else None
            if name is None and head is not None and head.pos_ == "NOUN":
                name, typ = self._organisation(start, end, head)
            if name is None and head is not None and head.pos_ == "NOUN" and not _coordinated(head):
                return self._describe(start, end, head)
        if _coordinated(head):  # "Ukraine and its allies argued ...": a later "they" is the group
            self.history.append(_Seen(start, None, "GROUP"))
        elif name is not None:
            self.history.append(_Seen(start, name, typ or "PERSON"))
        return name

    def _turn_label(self, start: int, end: int, head) -> str | None:
        """A transcript turn's speaker label in capitals before a colon ("BLITZER", "CANDY CROWLEY"),
        written as a name ("Blitzer"), or None (speakers.toml [transcripts])."""
        if head is None or head.i + 1 >= len(self.doc) or self.doc[head.i + 1].text != ":":
            return None
        words = self._doc_text[start:end].split()
        if not words or len(words) > 3 or not all(w.isupper() and _LABEL_WORD.fullmatch(w) for w in words):
            return None
        if len("".join(words)) < 3 or any(w.lower().strip(".") in self.lex.not_names for w in words):
            return None
        return " ".join(w.title() for w in words)

    def _turns(self) -> list[tuple[int, str | None]]:
        """A transcript's turns, in order: each label's start and its speaker (None for a label that
        names no one, "UNIDENTIFIED MALE"). Empty unless the article has two labels that name someone:
        a news story's one "NEW:" or "WASHINGTON:" opens no turns."""
        turns: list[tuple[int, str | None]] = []
        for m in _TURN.finditer(self._doc_text):
            words = m.group(1).split()
            if len("".join(words)) < 3 and len(words) == 1:
                continue
            named = not any(w.lower().strip(".") in self.lex.not_names for w in words)
            label = " ".join(w.title() for w in words)
            turns.append((m.start(1), (self.surnames.get(words[-1].lower()) or label) if named else None))
        return turns if sum(1 for _, name in turns if name) >= 2 else []

    def _turn_speaker(self, pos: int) -> str | None:
        """The speaker of the transcript turn holding ``pos``, or None outside a transcript."""
        k = bisect_left([start for start, _ in self.turns], pos) - 1
        return self.turns[k][1] if k >= 0 else None

    def _describe(self, start: int, end: int, head) -> str | None:
        """A source described, not named: the description as the speaker ("a police spokesman" ->
        "police spokesman"), or the fuller one it refers back to ("the official" after "a U.S. State
        Department official"); None for words that describe no one who speaks (speakers.toml [described])."""
        name = self.description(head)
        if name is None:
            return None
        lemma = self.lex.lemma(head)
        span = self.doc.char_span(start, end, alignment_mode="expand")
        first = span[0] if span is not None and len(span) else head
        if first.lower_ in ("the", "this", "that", "these", "those") and first.i != head.i:
            for seen in reversed(self.history):
                if start - seen.pos > 2 * MAX_PRONOUN_DISTANCE:
                    break
                if seen.type == "DESCRIBED" and seen.head == lemma and seen.pos < start:
                    name = seen.name
                    break
        number = "org" if lemma in _ORG_NOUNS or lemma in self.lex.org_heads else \
            "pl" if head.tag_ in ("NNS", "NNPS") else "sg"
        self.history.append(_Seen(start, name, "DESCRIBED", number, lemma))
        self.described.add(start)
        return name

    def description(self, head) -> str | None:
        """The words describing a source, without its determiner: "senior U.S. officials",
        "Egypt's health minister", "police spokesman"; None for a quantifier or a head word that
        describes no one who speaks."""
        if head.pos_ != "NOUN" or head.lower_ in self.lex.quantifiers or head.like_num \
                or not any(c.isalpha() for c in head.text):
            return None
        lemma = self.lex.lemma(head)
        if lemma in self.lex.not_speakers or head.lower_ in self.lex.not_speakers:
            return None
        from chronicle.extract.quotes.syntax import noun_span

        s0, _ = noun_span(head)
        end = head.i + 1
        for child in head.rights:  # "members of the Obama administration", "analysts with Stratfor"
            if child.dep_ == "prep" and child.i == end and child.lower_ in ("of", "for", "with", "at", "from") \
                    and child.right_edge.i - child.i <= 5 and any(t.pos_ == "PROPN" for t in child.subtree):
                end = child.right_edge.i + 1
            break
        toks = list(self.doc[s0:end])
        closing = [k for k, t in enumerate(toks) if t.text in (")", "-RRB-", "]", "-RSB-") and t.i < head.i]
        if closing:  # a live page's "ET) Protesters said": the words after its last bracket
            toks = toks[closing[-1] + 1:]
        while len(toks) > 1 and (toks[0].pos_ in _DESCRIPTION_SKIP or toks[0].lower_ in ("one", "another")):
            toks.pop(0)
        toks = toks[-6:]
        words = "".join(t.text_with_ws for t in toks).strip()
        if not words or not any(c.isalpha() for c in words):
            return None
        first = toks[0]
        if words.isupper() and len(toks) > 1:  # a transcript's "UNIDENTIFIED FEMALE"
            return words.lower()
        if first.is_sent_start and first.text[:1].isupper() and (
                first.lower_ in self._lower_words() or first.i == head.i and lemma in self.lex.people):
            # "Senior U.S. officials said" -> "senior U.S. officials", when the article writes "senior"
            # in lower case elsewhere (so never "Israel" at a sentence's start)
            words = words[0].lower() + words[1:]
        return words

    def _lower_words(self) -> frozenset[str]:
        if self._lowers is None:
            self._lowers = frozenset(t.text for t in self.doc if t.is_lower)
        return self._lowers

    def _organisation(self, start: int, end: int, head) -> tuple[str | None, str | None]:
        """The organisation that speaks through the source words: the one named beside a spokesperson
        ("a spokesman for the Muslim Brotherhood", "the Kremlin's spokeswoman"), or the one named before
        that "the ministry" or "the group" refers back to (speakers.toml [organisations])."""
        word = head.lower_
        if self.lex.lemma(head) in self.lex.spokes or word in self.lex.spokes:
            orgs = [n for n in self.names_in(start, end) if n.type in ("ORG", "GPE", "NORP")]
            return (orgs[-1].entity, "ORG") if orgs else (None, None)
        if head.tag_ != "NN" or word not in self.lex.org_heads:
            return None, None
        first = self.doc.char_span(start, end, alignment_mode="expand")
        if first is None or first[0].lower_ != "the" or any(t.pos_ in ("PROPN", "ADJ") for t in first[1:]):
            return None, None  # "the group" only: "an Egyptian group", "the rights group Amnesty" name another
        generic = word in self.lex.generic_org_heads
        # "the group": an organisation of its own sentence or the one before; "the ministry": one whose
        # name says so, further back
        sent = first[0].sent
        near = self.doc[sent.start - 1].sent.start_char if sent.start > 0 else sent.start_char
        since = near if generic else start - MAX_PRONOUN_DISTANCE * 2
        before = {n.entity for n in self.names if n.type == "ORG" and since <= n.start_char and n.end_char <= start
                  and (generic or word in n.entity.lower().split())}
        # Only when one organisation can be meant: with the Interior and the Health Ministry both named,
        # "the ministry" stays the reporter's words, never a guess.
        return (before.pop(), "ORG") if len(before) == 1 else (None, None)

    def _from_entities(self, start: int, end: int) -> tuple[str | None, str | None]:
        """The entities stage's resolver (names, surnames, roles), when that stage ran."""
        if not self.mentions:
            return None, None
        from chronicle.extract.entities import resolve_speaker
        from chronicle.extract.entities.speaker import SpeakerIndex

        if self._speaker_index is None:
            self._speaker_index = SpeakerIndex(self.mentions)
        name = resolve_speaker(self._doc_text[start:end],
                               self.mentions, start=start, end=end, index=self._speaker_index)
        return (name, "PERSON") if name else (None, None)

    def _named(self, start: int, end: int, head) -> tuple[str | None, str | None]:
        names = self.names_in(start, end)
        if not names or (head is not None and head.text[:1].isupper() and
                         not any(n.start_char <= head.idx < n.end_char for n in names)):
            return self._proper_noun(head)
        if head is not None:
            for n in names:
                if n.start_char <= head.idx < n.end_char:
                    return n.entity, n.type
        # head is a common noun: take an appositive name, never a possessor ("Ukraine's intelligence chief")
        for n in reversed(names):
            tok = self.doc.char_span(n.start_char, n.end_char, alignment_mode="expand")
            if tok is not None and tok.root.dep_ != "poss" and n.type == "PERSON":
                return n.entity, n.type
        return None, None

    def _proper_noun(self, head) -> tuple[str | None, str | None]:
        """A proper-noun source that NER missed: a known surname, else the name as written."""
        if head is None:
            return None, None
        full = self.surnames.get(head.lower_)
        if full and head.text[:1].isupper():
            return full, "PERSON"
        if head.text[:1].isupper() and head.text in self.by_surface:  # "Kyiv" tagged as an adjective here
            return self.by_surface[head.text]
        if head.pos_ != "PROPN":
            return None, None
        words = [t.text for t in head.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] + [head.text]
        return _clean(" ".join(words)), "ORG"

    def observe_subject(self, token) -> None:
        """Record a sentence's main subject (or the person owning it) as a pronoun antecedent."""
        s0, s1 = token.left_edge.idx, token.idx + len(token.text)
        if token.lower_ in self.lex.pronouns:
            self.resolve(token.idx, s1, token.i)
            return
        name, typ = self._named(s0, s1, token)
        if name is None:
            for child in token.children:
                if child.dep_ == "poss":
                    name, typ = self._named(child.idx, child.idx + len(child.text), child)
        if _coordinated(token):
            self.history.append(_Seen(token.idx, None, "GROUP"))
        elif name is not None:
            self.history.append(_Seen(token.idx, name, typ))

    def _previous_sentence(self, pos: int) -> int:
        """Start (character) of the sentence before the one holding ``pos``."""
        span = self.doc.char_span(pos, pos + 1, alignment_mode="expand")
        if span is None or not len(span):
            return pos
        sent = span[0].sent
        return self.doc[sent.start - 1].sent.start_char if sent.start > 0 else sent.start_char

    def _mentioned(self, pos: int, pronoun: str) -> tuple[str | None, tuple[tuple[str, float], ...]]:
        """A "he"/"she" with no speaker or subject behind it: the people named before it in any role
        ("heard from Marie Yovanovitch ... She said"). One person of that gender, known from the name
        or the article, with no one of unknown gender nearer, is the speaker; otherwise no speaker and
        the candidates, nearest first, with a confidence (their shares of a recency-weighted vote in
        which a gender that agrees counts double and someone unnamed has one vote)."""
        gender, number = self.lex.pronouns[pronoun]
        if number != "sg" or gender not in ("m", "f"):
            return None, ()
        weights: dict[str, float] = {}
        known: list[str] = []
        unknown_first = False
        k = bisect_left(self.starts, pos) - 1
        rank = 0
        while k >= 0 and pos - self.names[k].start_char <= 2 * MAX_PRONOUN_DISTANCE:
            n = self.names[k]
            k -= 1
            if n.type != "PERSON" or n.entity in weights:
                continue
            g = self.gender_of(n.entity)
            if g and g != gender:
                continue
            rank += 1
            weights[n.entity] = (2.0 if g else 1.0) / rank
            if g:
                known.append(n.entity)
            elif not known:
                unknown_first = True
        if len(known) == 1 and not unknown_first:
            return known[0], ()
        total = sum(weights.values()) + 1.0  # a share for someone the article does not name
        cands = sorted(weights.items(), key=lambda kv: -kv[1])[:3]
        return None, tuple((name, round(w / total, 2)) for name, w in cands)

    def _antecedent(self, pos: int, pronoun: str) -> _Seen | None:
        gender, number = self.lex.pronouns[pronoun]
        if pronoun in ("i", "we", "you"):
            return None
        for seen in reversed(self.history):
            if seen.pos >= pos:
                continue
            if pos - seen.pos > MAX_PRONOUN_DISTANCE:
                return None
            if seen.type == "DESCRIBED":
                # "the police said ... They added", "a spokeswoman said ... She added": only from the
                # sentence before or this one; further back, a description is too weak a guess
                if seen.pos < self._previous_sentence(pos):
                    continue
                if gender != "n" and seen.number == ("pl" if number == "pl" else "sg") \
                        or seen.number == "org" and number == "pl":
                    g = self.lex.gender_of_role([seen.head])
                    if number == "pl" or gender == "n" or g == gender or not g and seen.head in self.lex.people:
                        return seen
                continue
            if number == "pl" or gender == "n":
                if seen.type in ("ORG", "GPE", "NORP") or seen.type == "GROUP" and number == "pl":
                    return seen
                continue
            if seen.type != "PERSON":
                continue
            g = self.gender_of(seen.name)
            if g in ("", gender):
                if not g:
                    self.gender[seen.name] = gender
                return seen
        return None


_LABEL_WORD = re.compile(r"[A-Z][A-Z.'’-]*")
# a transcript turn's label at a line's start: "BLITZER:", "CANDY CROWLEY (voice-over):", "SAWIRIS :"
_TURN = re.compile(r"(?m)^[ \t]*([A-Z][A-Z.'’-]+(?:[ \t]+[A-Z][A-Z.'’-]*){0,3})[ \t]*(?:\([^)\n]{0,40}\))?[ \t]*:(?!\d)")


def _coordinated(head) -> bool:
    """A source or subject naming several parties: "Ukraine and its Western allies"."""
    return head is not None and head.pos_ in ("PROPN", "NOUN") and any(
        c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN") for c in head.children)


def _by_surface(names: list[Name], text: str) -> dict[str, tuple[str, str]]:
    """One-word names as written -> (canonical name, type), when the article uses them for one entity.

    The tagger may read the same word as a name in one sentence and not in another; a
    source head it missed takes the name the article gives that word elsewhere.
    """
    seen: dict[str, set[tuple[str, str]]] = {}
    for n in names:
        surface = _clean(text[n.start_char:n.end_char])
        if surface and " " not in surface:
            seen.setdefault(surface, set()).add((n.entity, n.type))
    return {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}


def _surnames(names: list[Name]) -> dict[str, str]:
    out: dict[str, str] = {}
    for n in names:
        if n.type == "PERSON":
            words = n.entity.split()
            if len(words) >= 2 and len(n.entity) > len(out.get(words[-1].lower(), "")):
                out[words[-1].lower()] = n.entity
    return out


def _norm(word: str) -> str:
    return word.lower().replace(".", "")


def _role(tokens, name: str) -> tuple[frozenset[str], str, str]:
    words = [_norm(t.text) for t in tokens if not t.is_punct]
    return frozenset(words), (words[-1] if words else ""), name
