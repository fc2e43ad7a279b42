"""Time expressions: recognition, TIMEX3 normalisation with tense-aware anchoring, explanations,
and publication-date inference (issue 3).

Modules: ``grammar`` (data-driven combined pattern), ``recognize`` (one scan of the text),
``tense`` (the governing clause's tense), ``normalize`` (one function per rule kind, with
``chains``, ``durations`` and ``years``), ``calendar`` (date arithmetic), ``infer`` (publication date from content), ``extract``
(the extractor), ``stage`` (the pipeline stage).
"""
from chronicle.extract.temporal.extract import STAGE_ID, extract_time_expressions
from chronicle.extract.temporal.infer import Inference, infer_publication_date
from chronicle.extract.temporal.stage import TemporalStage

__all__ = ["STAGE_ID", "Inference", "TemporalStage", "extract_time_expressions", "infer_publication_date"]
