"""spaCy's attribute ruler and rule lemmatizer, the same output in a fraction of the time.

In ``en_core_web_sm`` the attribute ruler (tag -> POS, morphology and lemma exceptions: 179
one- and two-token Matcher patterns) and the rule lemmatizer took 18 % of the whole parse on
news text, as much as the dependency parser: the ruler runs spaCy's general Matcher over every
token and applies each match through a new ``Span``; the lemmatizer makes a ``Token`` per word.
Both are bookkeeping, not models. Here:

- the ruler's patterns are read back from the ruler itself and compiled into look-ups on the
  token attributes they test (``LOWER``, ``TAG``, ``DEP``, ``IS_SPACE``: equality, ``IN``,
  ``NOT_IN``, ``REGEX``), matched on one ``to_array`` of the Doc, and applied to one array in
  spaCy's order (``AttributeRuler.match`` sorts by pattern number, later patterns win), written
  back with one ``from_array``;
- the lemmatizer reads ``ORTH``/``POS``/``MORPH``/``LEMMA`` as arrays and calls spaCy's own
  ``rule_lemmatize`` once per distinct (word, POS, morphology), which is all that function reads.

A pattern or attribute outside that set leaves the component exactly as spaCy made it
(:func:`speed_up` returns what it changed). ``tests/extract/test_fastpipes.py`` compares every
token attribute with spaCy's own components on real articles.
"""
from __future__ import annotations

import re
from typing import Any

_TESTED = ("LOWER", "TAG", "DEP", "IS_SPACE")
_SET = ("TAG", "POS", "MORPH", "LEMMA", "DEP")


class _Unsupported(Exception):
    pass


def speed_up(nlp) -> list[str]:
    """Swap the attribute ruler's matching and the lemmatizer's loop for the array versions
    where their configuration allows it; the names of the components changed."""
    changed = []
    for name, proc in nlp.pipeline:
        try:
            if type(proc).__name__ == "AttributeRuler" and _install_ruler(proc):
                changed.append(name)
            elif (getattr(proc, "mode", None) == "rule" and not getattr(proc, "overwrite", True)
                  and hasattr(proc, "rule_lemmatize") and _install_lemmatizer(proc)):
                changed.append(name)
        except (AttributeError, KeyError, TypeError, ValueError):
            continue  # another spaCy's internals: that component stays spaCy's own
    return changed


# --- the attribute ruler -------------------------------------------------------------------------


def _install_ruler(ruler) -> bool:
    from spacy import attrs as A

    try:
        compiled = _compile(ruler)
    except _Unsupported:
        return False
    cols = [getattr(A, a) for a in _SET]
    for attrs in ruler.attrs:
        if any(k not in cols for k in attrs):  # an extension ("_") or another attribute
            return False
    ruler._chronicle_fast = (compiled, cols)
    ruler.__class__ = _fast_ruler_class(type(ruler))
    return True


def _compile(ruler) -> dict[str, Any]:
    """Each pattern as (number, specs, target offset), indexed by what its first token must be."""
    from spacy.strings import get_string_id

    by_key: list[dict[int, list]] = [{} for _ in _TESTED]
    by_regex: list[list] = [[] for _ in _TESTED]
    always: list = []
    for number, entry in enumerate(ruler.patterns):
        index = ruler.indices[number]
        for pattern in entry["patterns"]:
            if not pattern or not isinstance(pattern, list):
                raise _Unsupported
            specs = []
            for token in pattern:
                spec = []
                for attr, value in token.items():
                    attr = attr.upper()
                    if attr not in _TESTED:
                        raise _Unsupported
                    spec.append((_TESTED.index(attr), _predicate(attr, value, get_string_id)))
                specs.append(tuple(spec))
            target = index if index >= 0 else len(specs) + index
            if not 0 <= target < len(specs):
                raise _Unsupported
            key = _index_key(specs[0])
            if key is None:
                always.append((number, _checks(specs), len(specs), target))
                continue
            attr, values, used = key
            # the look-up has tested the first token's indexed attribute: check only the rest
            rest = [tuple(p for p in specs[0] if p is not used), *specs[1:]]
            item = (number, _checks(rest), len(specs), target)
            if values is None:  # a regular expression: looked up per value seen, remembered
                by_regex[attr].append((used[1], item))
                continue
            for value in values:
                by_key[attr].setdefault(value, []).append(item)
    return {"by_key": by_key, "by_regex": by_regex, "seen": [{} for _ in _TESTED], "always": always}


def _predicate(attr: str, value, string_id):
    def code(v):
        if attr == "IS_SPACE":
            if not isinstance(v, bool):
                raise _Unsupported
            return int(v)
        if not isinstance(v, str):
            raise _Unsupported
        return string_id(v)

    if isinstance(value, (str, bool)):
        return ("eq", code(value))
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op in ("IN", "NOT_IN") and isinstance(arg, list):
            return (op.lower(), frozenset(code(v) for v in arg))
        if op == "REGEX" and isinstance(arg, str) and attr != "IS_SPACE":
            return ("re", (re.compile(arg), {}))
    raise _Unsupported


def _index_key(spec):
    """(attribute, the values one of which a token must have there to start this pattern, the
    predicate that says so), or None."""
    for wanted in (0, 1, 2, 3):  # LOWER, TAG, DEP, IS_SPACE: the most selective first
        for pred in spec:
            attr, (op, arg) = pred
            if attr == wanted and op == "eq":
                return attr, [arg], pred
            if attr == wanted and op == "in":
                return attr, sorted(arg), pred
    for pred in spec:
        if pred[1][0] == "re":
            return pred[0], None, pred
    return None


def _checks(specs) -> tuple:
    """(token offset, attribute, predicate) for each test left to make."""
    return tuple((k, attr, pred) for k, spec in enumerate(specs) for attr, pred in spec)


def _holds(pred, value: int, strings) -> bool:
    op, arg = pred
    if op == "eq":
        return value == arg
    if op == "in":
        return value in arg
    if op == "not_in":
        return value not in arg
    regex, memo = arg
    hit = memo.get(value)
    if hit is None:
        hit = memo[value] = bool(regex.search(strings[value]))
    return hit


def _matches(compiled, rows: list[list[int]], strings) -> list[tuple[int, int]]:
    """(pattern number, target token) of every match, in the order spaCy's ruler applies them."""
    by_key, always = compiled["by_key"], compiled["always"]
    regex_attrs = [(attr, items, compiled["seen"][attr]) for attr, items in enumerate(compiled["by_regex"]) if items]
    n = len(rows)
    found = []
    for i, row in enumerate(rows):
        candidates = always[:]
        for attr, index in enumerate(by_key):
            hit = index.get(row[attr])
            if hit:
                candidates.extend(hit)
        for attr, items, seen in regex_attrs:
            value = row[attr]
            hit = seen.get(value)
            if hit is None:
                hit = seen[value] = [item for pred, item in items if _holds(pred, value, strings)]
            if hit:
                candidates.extend(hit)
        for number, checks, length, target in candidates:
            if i + length > n:
                continue
            if not checks or all(_holds(pred, rows[i + k][attr], strings) for k, attr, pred in checks):
                found.append((number, i, i + target))
    # spaCy's Matcher gives each (pattern, start, end) once and the ruler sorts by pattern
    # number, then start; a pattern's alternatives repeat the same attributes, so repeats are
    # harmless here.
    found.sort()
    return [(number, token) for number, _, token in found]


_CLASSES: dict[type, type] = {}


def _subclass(base, methods: dict) -> type:
    """One subclass per spaCy class, named ``Fast<base>`` in this module, so that pickle finds it
    (spaCy's ``nlp.pipe(n_process=...)`` pickles the pipeline)."""
    cls = _CLASSES.get(base)
    if cls is None:
        name = f"Fast{base.__name__}"
        cls = type(name, (base,), {**methods, "__module__": __name__, "__qualname__": name})
        _CLASSES[base] = cls
        globals()[name] = cls
    return cls


def __getattr__(name: str):
    """``FastAttributeRuler`` or ``FastEnglishLemmatizer`` in a process that unpickles a pipeline
    before building one."""
    if name == "FastAttributeRuler":
        from spacy.pipeline import AttributeRuler

        return _fast_ruler_class(AttributeRuler)
    if name.startswith("Fast") and name.endswith("Lemmatizer"):
        from spacy.lang.en.lemmatizer import EnglishLemmatizer
        from spacy.pipeline import Lemmatizer

        for base in (EnglishLemmatizer, Lemmatizer):
            if f"Fast{base.__name__}" == name:
                return _fast_lemmatizer_class(base)
    raise AttributeError(name)


def _fast_ruler_class(base):
    class FastAttributeRuler(base):
        def match(self, doc):  # noqa: D102 - spaCy's own signature; (pattern, token) pairs here
            from spacy import attrs as A

            if not len(doc):
                return []
            rows = doc.to_array([A.LOWER, A.TAG, A.DEP, A.IS_SPACE]).tolist()
            return _matches(self._chronicle_fast[0], rows, doc.vocab.strings)

        def set_annotations(self, doc, matches):  # noqa: D102
            import numpy as np

            cols = self._chronicle_fast[1]
            if not matches:
                return
            values = doc.to_array(cols).tolist()
            where = {c: j for j, c in enumerate(cols)}
            for number, token in matches:
                row = values[token]
                for attr, value in self.attrs[number].items():
                    row[where[attr]] = value
            doc.from_array(cols, np.array(values, dtype=np.uint64))

    return _subclass(base, {k: v for k, v in vars(FastAttributeRuler).items() if k in ("match", "set_annotations")})


# --- the lemmatizer ------------------------------------------------------------------------------


class _IndexedLookups:
    """The lemmatizer's tables, with each part of speech's word list ("lemma_index": lists of up
    to 57,000 words that ``rule_lemmatize`` tests with ``in``, a scan each time) as a set."""

    def __init__(self, lookups):
        self._lookups = lookups
        index = lookups.get_table("lemma_index")
        self._index = {pos: frozenset(index.get(pos)) for pos in ("noun", "verb", "adj", "adv", "propn", "num",
                                                                  "pron", "det", "adp", "aux", "part", "cconj",
                                                                  "sconj", "intj", "punct", "sym", "x")
                       if isinstance(index.get(pos), list)}
        self._table = index

    def get_table(self, name, default=None):
        if name == "lemma_index":
            return _SetIndex(self._table, self._index)
        return self._lookups.get_table(name, default)

    def __contains__(self, name):
        return name in self._lookups

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._lookups, name)

    def __reduce__(self):
        return _IndexedLookups, (self._lookups,)


class _SetIndex:
    """``Table.get(pos)`` with the sets above where there is one."""

    def __init__(self, table, sets):
        self._table, self._sets = table, sets

    def get(self, key, default=None):
        found = self._sets.get(key)
        return found if found is not None else self._table.get(key, default)


def _install_lemmatizer(lemmatizer) -> bool:
    if "lemma_index" not in lemmatizer.lookups:
        return False
    lookups = _IndexedLookups(lemmatizer.lookups)  # raises before anything is changed
    lemmatizer._chronicle_memo = {}
    lemmatizer.lookups = lookups
    lemmatizer.__class__ = _fast_lemmatizer_class(type(lemmatizer))
    return True


def _fast_lemmatizer_class(base):
    class FastLemmatizer(base):
        def __call__(self, doc):  # noqa: D102 - spaCy's own signature
            import numpy as np
            from spacy import attrs as A
            from spacy.errors import Errors

            if not self._validated:
                self._validate_tables(Errors.E1004)
            if not len(doc):
                return doc
            memo = self._chronicle_memo
            strings = doc.vocab.strings
            arr = doc.to_array([A.ORTH, A.POS, A.MORPH, A.LEMMA])
            lemmas = arr[:, 3].tolist()
            changed = False
            for i, (orth, pos, morph, lemma) in enumerate(arr.tolist()):
                if lemma:
                    continue
                key = (orth, pos, morph)
                value = memo.get(key)
                if value is None:
                    # rule_lemmatize reads the word, its POS and its morphology only
                    value = memo[key] = strings.add(self.rule_lemmatize(doc[i])[0])
                lemmas[i] = value
                changed = True
            if changed:
                doc.from_array([A.LEMMA], np.array(lemmas, dtype=np.uint64).reshape(-1, 1))
            return doc

    return _subclass(base, {"__call__": vars(FastLemmatizer)["__call__"]})
