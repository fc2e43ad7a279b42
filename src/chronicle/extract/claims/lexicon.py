"""The claims lexicon: number words, bounds, units and skip rules, loaded from data/claims/claims.toml."""
from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib import resources

BOUNDS = ("exact", "more_than", "at_least", "at_most", "less_than", "about", "range", "tally")


@dataclass(frozen=True)
class ClaimLexicon:
    words: dict[str, float]
    weak: dict[str, float]
    scales: dict[str, float]
    bounds: dict[tuple[str, ...], str]  # word sequence -> bound kind (longest matched first)
    currency_symbols: dict[str, str]
    currency_words: dict[str, str]
    percent: frozenset[str]
    measures: frozenset[str]
    durations: frozenset[str]
    duration_heads: frozenset[str]
    skip_before: frozenset[str]
    skip_heads: frozenset[str]
    skip_entities: frozenset[str]
    vote_context: frozenset[str]
    reporting: frozenset[str]
    figure_verbs: frozenset[str]  # their subject gives the figure they take ("put the figure at 120")
    families: dict[str, str]
    person_nouns: frozenset[str]
    event_families: dict[str, str]
    planned: frozenset[str]

    @property
    def longest_bound(self) -> int:
        return max((len(k) for k in self.bounds), default=0)


@functools.lru_cache(maxsize=1)
def load_lexicon() -> ClaimLexicon:
    raw = tomllib.loads(resources.files("chronicle.data").joinpath("claims").joinpath("claims.toml").read_text(encoding="utf-8"))
    bounds = {tuple(phrase.split()): kind for kind, phrases in raw["bounds"].items() for phrase in phrases}
    units, groups = raw["units"], raw["groups"]
    return ClaimLexicon(
        words={k: float(v) for k, v in raw["numbers"]["words"].items()},
        weak={k: float(v) for k, v in raw["numbers"]["weak"].items()},
        scales={k: float(v) for k, v in raw["numbers"]["scales"].items()},
        bounds=bounds,
        currency_symbols=dict(units["currency_symbols"]),
        currency_words=dict(units["currency_words"]),
        percent=frozenset(units["percent"]),
        measures=frozenset(units["measures"]),
        durations=frozenset(units["durations"]),
        duration_heads=frozenset(raw["durations"]["heads"]),
        skip_before=frozenset(raw["skip"]["before"]),
        skip_heads=frozenset(raw["skip"]["heads"]),
        skip_entities=frozenset(raw["skip"]["entity_types"]),
        vote_context=frozenset(raw["votes"]["context"]),
        reporting=frozenset(raw["claimants"]["reporting"]),
        figure_verbs=frozenset(raw["claimants"]["figure_verbs"]),
        families=dict(groups["families"]),
        person_nouns=frozenset(groups["person_nouns"]),
        event_families=dict(groups["event_families"]),
        planned=frozenset(groups["planned"]),
    )
