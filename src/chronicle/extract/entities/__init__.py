"""Named entities: mentions typed and canonicalised within an article, with roles.

    extract_mentions(article, *, doc=None, paragraphs=None) -> Iterator[Mention]
    EntityStage: the pipeline stage ("chronicle.entities.v6")
    resolve_speaker(text, mentions, *, start=None, end=None) -> canonical name or None
"""
from chronicle.extract.entities.speaker import resolve_speaker
from chronicle.extract.entities.stage import STAGE_ID, EntityStage, extract_mentions

__all__ = ["STAGE_ID", "EntityStage", "extract_mentions", "resolve_speaker"]
