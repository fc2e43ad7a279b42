"""Who said what in one article: direct, partial, mixed and indirect quotes with their speakers.

    >>> from chronicle.extract.quotes import extract_quotes
    >>> [(q.speaker, q.kind, q.text) for q in extract_quotes('“We will talk,” Ann Lee said.')]
    [('Ann Lee', 'direct', 'We will talk,')]

The work is split three ways: :mod:`.marks` pairs quotation marks (no parser),
:mod:`.attribution` finds cue, source and content in the dependency parse, and
:mod:`.speakers` turns the source words into a canonical name. Cue and speaker
lexicons are data in ``chronicle/data/quotes``.

Kinds: ``direct``, ``indirect``, ``partial``, ``mixed``; with ``QuoteOptions(nominal=True)``
also ``stance`` (a stance toward a noun phrase, which PolNeAR counts as an attribution).

Diagnostics: QUO001 an opening quotation mark never closed (region skipped);
QUO002 a closing mark with no opening mark.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from chronicle.errors import Diagnostic
from chronicle.records import ArticleText, Quote

STAGE_ID = "chronicle.quotes.v9"

__all__ = ["QuoteOptions", "QuoteStage", "extract_quotes", "STAGE_ID"]


@dataclass(frozen=True, slots=True)
class QuoteOptions:
    beliefs: bool = True  # attribute beliefs too ("X believes that ..."), as PolNeAR does
    intentions: bool = True  # and intentions or demands ("X wants to ...", "X called for ...")
    # and bare stances toward a noun phrase ("X criticized the plan"), kind "stance": PolNeAR scope.
    # Off in the stage: on PolNeAR dev they lift content-overlap F1 by ~0.03, but in a hand-read
    # sample about two in three are actions or opinions a reader would not call a quote. Objects
    # that carry a claim ("disputed the idea that ...", "issued a statement calling ...") and
    # findings ("a poll shows ...") are kept in every mode.
    nominal: bool = False
    unattributed: bool = True  # keep clause-like direct quotes whose speaker is unknown (speaker None)


def extract_quotes(
    text_or_article: str | ArticleText,
    *,
    doc=None,
    mentions=(),
    options: QuoteOptions = QuoteOptions(),
    diagnostics: list[Diagnostic] | None = None,
) -> Iterator[Quote]:
    """Yield the quotes of one article in text order.

    ``doc`` is the spaCy parse of the text (parsed here when not given); ``mentions`` are
    the entities stage's Mention records, used for canonical names when present.
    Unbalanced quotation marks are appended to ``diagnostics`` and never raise.
    """
    from chronicle.extract.quotes.attribution import find_attributions
    from chronicle.extract.quotes.lexicon import load_lexicon
    from chronicle.extract.quotes.marks import find_quoted_regions
    from chronicle.extract.quotes.speakers import SpeakerResolver

    text = text_or_article.text if isinstance(text_or_article, ArticleText) else text_or_article
    if doc is None:
        from chronicle.extract.nlp import load_nlp

        doc = load_nlp()(text)
    lexicon = load_lexicon()
    regions = find_quoted_regions(text, diagnostics)
    doc_text = doc.text  # spaCy joins every token on each access: read once for both passes
    attributions = find_attributions(doc, regions, lexicon, beliefs=options.beliefs,
                                     intentions=options.intentions, nominal=options.nominal, text=doc_text)
    resolver = SpeakerResolver(doc, mentions, lexicon, text=doc_text)
    speakers: dict[int, str | None] = {}

    def speaker_of(att) -> str | None:
        if id(att) not in speakers:
            if att.inherit is not None:
                speakers[id(att)] = speaker_of(att.inherit)
            elif att.source is not None:
                speakers[id(att)] = resolver.resolve(att.source[0], att.source[1], att.source_head)
            else:
                speakers[id(att)] = None
        return speakers[id(att)]

    # Sentence subjects and attributions, in text order, so that pronouns look only backwards.
    events: list[tuple[int, int, Any]] = []
    for sent in doc.sents:
        subj = next((c for c in sent.root.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            events.append((subj.idx, 0, subj))
    for att in attributions:
        events.append(((att.source or att.content)[0], 1, att))
    events.sort(key=lambda e: (e[0], e[1]))
    for _, is_att, item in events:
        if is_att:
            speaker_of(item)
        else:
            resolver.observe_subject(item)

    for att in attributions:
        source = att.source or (att.inherit.source if att.inherit is not None else None)
        cue = att.cue or (att.inherit.cue if att.inherit is not None else None)
        if source is None and not options.unattributed:
            continue
        cs, ce = att.content
        if ce <= cs:
            continue
        speaker = speaker_of(att)
        origin = att
        while origin.source is None and origin.inherit is not None:  # the report this one continues
            origin = origin.inherit
        speaker_kind = None if speaker is None else \
            "described" if origin.source is not None and origin.source[0] in resolver.described else "named"
        yield Quote(
            start_char=cs, end_char=ce, text=text[cs:ce], kind=att.kind,
            speaker=speaker,
            speaker_text=text[source[0]:source[1]] if source else None,
            cue=text[cue[0]:cue[1]] if cue else None,
            stage=STAGE_ID,
            speaker_start=source[0] if source else None, speaker_end=source[1] if source else None,
            cue_start=cue[0] if cue else None, cue_end=cue[1] if cue else None,
            speaker_candidates=resolver.candidates.get(source[0], ()) if source and speaker is None else (),
            speaker_kind=speaker_kind,
        )


class QuoteStage:
    """Pipeline stage: reads the shared parse (and mentions, when the entities stage ran)."""

    id = STAGE_ID
    requires = ("article", "doc", "sentences")
    assigns = ("quotes",)

    def __init__(self, settings: Any = None) -> None:
        from chronicle.extract.quotes.lexicon import load_lexicon

        load_lexicon()
        self.options = QuoteOptions()

    def __call__(self, state: dict[str, Any]) -> dict[str, Any]:
        article = state["article"]
        found: list[Diagnostic] = []
        quotes = list(extract_quotes(article, doc=state["doc"], mentions=state.get("mentions", []),
                                     options=self.options, diagnostics=found))
        for d in found:
            state["diagnostics"].append(
                Diagnostic(code=d.code, message=d.message, article_id=article.id, stage=self.id,
                           start_char=d.start_char, end_char=d.end_char)
            )
        return {"quotes": quotes}
