"""Leave-one-topic-out choice among a few settings of build/importance (``--loto``).

T17 has no train/test split. news-tls trains its date ranker leaving one topic out, and so
do we for the handful of weights we choose: for each topic, the setting with the best
mean (Date-F1 + AR-1 F) over the *other* topics is the one applied to it.
"""
from __future__ import annotations

import dataclasses as dc

from bench.tls.metrics import average
from bench.tls.run import TimelineResult
from chronicle.timeline.importance import DateWeights, Weights, default_weights


def candidate_settings() -> dict[str, Weights]:
    """The shipped weights and a few variations of the choices we were unsure of."""
    base = default_weights()
    d, s = base.dates, base.summary
    return {
        "shipped": base,
        "no-publication": dc.replace(base, dates=dc.replace(d, published_same_day=0.0, published_next_day=0.0)),
        "publication-strong": dc.replace(base, dates=dc.replace(d, published_same_day=1.0, published_next_day=0.5)),
        "same-day-equal": dc.replace(base, dates=dc.replace(d, mention_same_day=1.0)),
        "landmark-off": dc.replace(base, dates=dc.replace(d, mention_long_before=d.mention_before_publication)),
        "landmark-strong": dc.replace(base, dates=dc.replace(d, mention_long_before=2.0)),
        "future-weak": dc.replace(base, dates=dc.replace(d, mention_after_publication=0.25)),
        "summarise-from-mentions": dc.replace(base, summary=dc.replace(s, prefer_mentioned=True)),
        "lead-3": dc.replace(base, summary=dc.replace(s, lead_sentences=3)),
        "on-story-only": dc.replace(base, summary=dc.replace(s, min_relevance=0.15)),
        "retrospective-off": dc.replace(base, summary=dc.replace(s, same_day_weight=1.0, published_weight=0.5)),
        "retrospective-strong": dc.replace(base, summary=dc.replace(s, same_day_weight=0.25, published_weight=0.25)),
        "story-off": dc.replace(base, summary=dc.replace(s, story_weight=0.0)),
        "story-weak": dc.replace(base, summary=dc.replace(s, story_weight=0.5)),
        "story-strong": dc.replace(base, summary=dc.replace(s, story_weight=2.0)),
    }


def objective(results: list[TimelineResult]) -> float:
    return average([r.dates for r in results]).f1 + average([r.rouge_1 for r in results]).f1


def leave_one_topic_out(by_setting: dict[str, list[TimelineResult]]) -> tuple[list[TimelineResult], dict[str, str]]:
    """Per topic, the results of the setting that does best on the other topics."""
    topics = sorted({r.topic for rs in by_setting.values() for r in rs})
    chosen: dict[str, str] = {}
    out: list[TimelineResult] = []
    for topic in topics:
        def score(name: str) -> tuple[float, int]:
            others = [r for r in by_setting[name] if r.topic != topic]
            return (objective(others) if others else 0.0, -list(by_setting).index(name))

        best = max(by_setting, key=score)
        chosen[topic] = best
        out.extend(r for r in by_setting[best] if r.topic == topic)
    return out, chosen


__all__ = ["DateWeights", "candidate_settings", "leave_one_topic_out", "objective"]
