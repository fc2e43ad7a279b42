"""The pipeline stage: time expressions of one article, anchored on its (given or inferred) date."""
from __future__ import annotations

from typing import Any

from chronicle.errors import Diagnostic
from chronicle.extract.temporal.extract import STAGE_ID, extract_time_expressions
from chronicle.extract.temporal.grammar import load_grammar
from chronicle.extract.temporal.infer import infer_publication_date
from chronicle.extract.temporal.tense import TenseReader


class TemporalStage:
    """Assigns ``timexes``; when the article has no date, also ``inferred_published`` and its confidence."""

    id = STAGE_ID
    requires = ("article", "doc", "sentences")
    assigns = ("timexes", "inferred_published", "inferred_confidence")

    def __init__(self, settings: Any = None) -> None:
        load_grammar()  # compile once, up front

    def __call__(self, state: dict[str, Any]) -> dict[str, Any]:
        article = state["article"]
        doc = state.get("doc")
        anchor, source = article.published, article.published_source
        inferred = confidence = None
        if anchor is None:
            guess = infer_publication_date(list(extract_time_expressions(article.text, doc=doc)),
                                           tense=TenseReader(article.text, doc).at)
            inferred, confidence = guess.date, guess.confidence
            anchor, source = inferred, "inferred"
            if inferred is None:
                state.setdefault("diagnostics", []).append(Diagnostic(
                    code="TMP001",
                    message="no publication date given and none could be inferred from the text; "
                            "relative time expressions are left underspecified (pass --published)",
                    article_id=article.id, stage=self.id,
                ))
        timexes = list(extract_time_expressions(article.text, anchor=anchor, anchor_source=source, doc=doc))
        return {"timexes": timexes, "inferred_published": inferred, "inferred_confidence": confidence}
