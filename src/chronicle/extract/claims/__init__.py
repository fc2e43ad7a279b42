"""Numeric claims: every figure a story turns on, with its bounds, what it counts, who claims it and when.

For example (with ``doc`` a spaCy parse of an article)::

    stage = ClaimStage()
    [(c.text, c.counts, c.claimant) for c in stage(state)["claims"]]
    [('over 68,000', 'troops killed, wounded or captured', None), ...]

``extract_claims`` is pure: the parse and the earlier stages' records of one article in,
:class:`~chronicle.records.Claim` records out. The claimant is the speaker of the quote
holding the figure, else the source the sentence names ("according to X", "X said"), else
None (the outlet states it). The date is that of the event the figure belongs to. Figures
that are dates, times, ordinals, years, ages, page or phone numbers or part of a name are
left out. Lexicons are data (chronicle/data/claims/claims.toml).
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from chronicle.extract.claims.lexicon import BOUNDS, ClaimLexicon, load_lexicon
from chronicle.extract.claims.numbers import find_figures, looks_like_phone
from chronicle.extract.claims.phrases import read_figure
from chronicle.extract.segment import by_sentence
from chronicle.extract.temporal.extract import clock_stamps
from chronicle.records import ArticleText, Claim, Event, Mention, Quote, Sentence, Timex, named_speakers

STAGE_ID = "chronicle.claims.v3"
_DIRECT = ("direct", "partial", "mixed")

__all__ = ["BOUNDS", "STAGE_ID", "ClaimStage", "extract_claims", "load_lexicon"]


def extract_claims(article: ArticleText, *, doc, sentences: Sequence[Sentence], timexes: Sequence[Timex] = (),
                   mentions: Sequence[Mention] = (), quotes: Sequence[Quote] = (), events: Sequence[Event] = (),
                   lexicon: ClaimLexicon | None = None, stage: str = STAGE_ID) -> Iterator[Claim]:
    """Yield the article's numeric claims in text order. ``doc`` is the spaCy parse of ``article.text``."""
    lex = lexicon or load_lexicon()
    skip = _skipped_tokens(doc, timexes, mentions, lex)
    # a live page's clock stamps ("0000 The BBC is discontinuing this live page"), as the temporal stage finds them
    stamps = clock_stamps(article.text, article.published)
    skip.update(t.i for t in doc if t.idx in stamps)
    by_start: dict[int, list[Event]] = by_sentence(events, sentences)  # the events of each sentence, grouped once
    for sent in sentences:
        if sent.is_heading or not any(ch.isdigit() or ch.isalpha() for ch in sent.text):
            continue
        span = doc.char_span(sent.start_char, sent.end_char, alignment_mode="expand")
        if span is None:
            continue
        sent_events = list(by_start.get(sent.start_char, ()))
        for fig in find_figures(span, lex, skip):
            reading = read_figure(fig, span, lex)
            if reading is None:
                continue
            last = doc[(reading.end or fig.end) - 1]
            start, end = doc[fig.start].idx, last.idx + len(last.text)
            if looks_like_phone(article.text[start:end]):
                continue
            claimant, claimant_text = _claimant(doc, span, start, end, quotes, mentions, lex)
            event = _event_of(doc, span, doc[fig.num_start], sent_events)
            yield Claim(
                start_char=start, end_char=end, text=article.text[start:end], value=fig.value,
                value_high=fig.value_high, bound=fig.bound, unit=reading.unit, counts=reading.counts or None,
                counts_head=reading.counts_head, claimant=claimant, claimant_text=claimant_text,
                date=(event.date if event is not None and event.date is not None else _sentence_date(timexes, sent)),
                stage=stage, sentence_start=sent.start_char, sentence_end=sent.end_char,
                modality=event.modality if event is not None else None,
                event_type=event.type if event is not None else None, each=reading.each,
            )


def _skipped_tokens(doc, timexes, mentions, lex: ClaimLexicon) -> set[int]:
    """Tokens that can never be figures: inside dates and times, or inside names ("Air Force One")."""
    spans = [(t.start_char, t.end_char) for t in timexes if t.type in ("DATE", "TIME")]
    # A name has a word in it: a bare number the model tags as a facility ("288 troops") is a figure.
    text = doc.text  # built anew by spaCy on each access: read once (it was most of the stage's time)
    spans += [(m.start_char, m.end_char) for m in mentions
              if m.type in lex.skip_entities and any(ch.isalpha() for ch in text[m.start_char:m.end_char])]
    out: set[int] = set()
    for s, e in spans:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            out.update(range(span.start, span.end))
    for ent in doc.ents:
        if ent.label_ in lex.skip_entities and any(t.is_alpha for t in ent):
            out.update(range(ent.start, ent.end))
    return out


def _claimant(doc, span, start: int, end: int, quotes, mentions, lex: ClaimLexicon) -> tuple[str | None, str | None]:
    """Who states the figure: a quote's speaker, a named source ("according to X", "X said"), or None."""
    for q in quotes:
        if q.start_char <= start and end <= q.end_char and q.speaker and any(ch.isalpha() for ch in q.speaker):
            if q.kind in _DIRECT:
                return q.speaker, q.speaker_text
            cue = (q.cue or "").lower().split()
            if cue and (cue[0] in lex.reporting or _lemma_of(doc, q.cue_start) in lex.reporting):
                return q.speaker, q.speaker_text
    for tok in span:
        if tok.lower_ == "according" and tok.i + 1 < span.end and doc[tok.i + 1].lower_ == "to":
            obj = next((c for c in doc[tok.i + 1].children if c.dep_ == "pobj"), None)
            if obj is not None:
                return _name_of(doc, obj, mentions, span.text, span.start_char)
    # "Rights groups say more than 200 people have been killed": the subject of the reporting verb
    # whose reported clause holds the figure; "..., the committee said" (parataxis) too; and the
    # subject of a verb that gives a figure ("the ministry put the figure at 120").
    number = doc.char_span(start, end, alignment_mode="expand")
    tok = number[-1] if number is not None and len(number) else None
    start_tok = tok.i if tok is not None else 0
    path: list[str] = []
    while tok is not None and tok.head is not tok and len(path) < 12:
        path.append(tok.dep_)
        tok = tok.head
        if tok.pos_ == "VERB" and tok.lemma_.lower() in lex.reporting:
            figure_verb = tok.lemma_.lower() in lex.figure_verbs and path[-1] not in ("nsubj", "nsubjpass") \
                and not any(c.dep_ == "prt" for c in tok.children)  # "put down a dozen protests" gives no figure
            # the clause it reports, even when the parser hangs the figure on the verb itself
            # ("said up to 354 troops were moved": "up" attached to "said")
            reported = "ccomp" in path or (tok.i < start_tok and any(c.dep_ == "ccomp" for c in tok.children))
            if reported or figure_verb:
                return _subject_name(doc, tok, mentions, span)
            break
    if tok is not None and tok.head is tok:  # the root: "X exchanged 150 prisoners, the committee said"
        said = next((c for c in tok.children if c.dep_ == "parataxis" and c.lemma_.lower() in lex.reporting), None)
        if said is not None:
            return _subject_name(doc, said, mentions, span)
    return None, None


def _subject_name(doc, verb, mentions, span) -> tuple[str | None, str | None]:
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.pos_ == "PRON":
        return None, None
    return _name_of(doc, subj, mentions, span.text, span.start_char)


def _lemma_of(doc, char: int | None) -> str:
    if char is None:
        return ""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0].lemma_.lower() if span is not None and len(span) else ""


def _name_of(doc, tok, mentions, sent_text: str, offset: int) -> tuple[str | None, str | None]:
    """The canonical name of the phrase headed by ``tok``: a mention covering its head, else its words
    ("Valdoria's defence ministry" is the ministry, not Valdoria)."""
    lo, hi = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)
    words = sent_text[lo - offset:hi - offset]
    if not any(ch.isalpha() for ch in words):
        return None, None
    for m in mentions:
        if m.start_char <= tok.idx < m.end_char:
            return m.entity, words
    return words.removeprefix("the ").removeprefix("The "), words


def _event_of(doc, span, number, events: list[Event]) -> Event | None:
    """The sentence's event that governs the figure (its trigger is an ancestor of the number),
    else the first event that is not a mere statement, else the first."""
    if not events:
        return None
    ancestors = {t.lower_: t for t in number.ancestors}
    for e in events:
        first = (e.trigger or "").split()[:1]
        if first and first[0].lower() in ancestors and e.type != "statement":
            return e
    return next((e for e in events if e.type != "statement" and e.date is not None), None) or events[0]


def _sentence_date(timexes, sent: Sentence):
    for t in timexes:
        if sent.start_char <= t.start_char < sent.end_char and t.type == "DATE" and t.date is not None:
            return t.date
    return None


class ClaimStage:
    """Pipeline stage: assigns ``claims``; reads timexes, mentions, quotes and events when present."""

    id = STAGE_ID
    requires = ("article", "doc", "sentences")
    assigns = ("claims",)

    def __init__(self, settings: Any = None) -> None:
        self.lexicon = load_lexicon()

    def __call__(self, state: dict[str, Any]) -> dict[str, Any]:
        claims = extract_claims(
            state["article"], doc=state["doc"], sentences=state["sentences"], timexes=state.get("timexes") or (),
            mentions=state.get("mentions") or (), quotes=named_speakers(state.get("quotes") or ()),
            events=state.get("events") or (), lexicon=self.lexicon,
        )
        return {"claims": list(claims)}
