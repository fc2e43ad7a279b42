"""Placing sentences on days: the evidence that date ranking and summaries are built from.

A sentence is dated by the day-level time expressions inside it (TIMEX3 values of day or
time granularity, from the temporal stage); a sentence with none falls back to its
article's publication day, marked ``mentioned=False`` (as news-tls does with HeidelTime).
Coarser mentions ("in March", "last week") are not turned into days: that would invent
a precision the text does not have. Durations and sets never date a sentence.
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from chronicle.timeline.importance import DatedSentence

DAY_GRANULARITIES = frozenset({"day", "time"})


@dataclass(frozen=True, slots=True)
class DayMention:
    """A time expression that names one day, located in the article text."""

    start_char: int
    end_char: int
    day: dt.date


def date_sentences(article_id: str, text: str, sentences: Sequence[tuple[int, int]], mentions: Iterable[DayMention],
                   *, published: dt.date | None, source_id: str | None = None) -> list[DatedSentence]:
    """One record per (sentence, distinct day it names); a sentence naming no day gets its
    article's publication day (``mentioned=False``), or nothing when that is unknown.
    A day named only inside a timestamp (see :func:`timestamp_end`) is marked ``stamped``: it
    still counts as evidence for the day, as the SQL of :func:`store_date_scores` counts it,
    but the sentence is summarised as an undated one.

    ``sentences`` are (start_char, end_char) spans in reading order.
    """
    starts = [s for s, _ in sentences]
    ordered = sorted(mentions, key=lambda m: m.start_char)
    stamps = [(m.start_char, end) for m in ordered if (end := timestamp_end(text, m)) is not None]
    days_of: dict[int, dict[dt.date, tuple[int, bool]]] = defaultdict(dict)
    for m in ordered:
        i = bisect_right(starts, m.start_char) - 1
        if i < 0 or m.start_char >= sentences[i][1]:
            continue
        stamped = any(s <= m.start_char < e for s, e in stamps)
        seen = days_of[i].get(m.day)
        if seen is None or (seen[1] and not stamped):
            days_of[i][m.day] = (m.start_char - sentences[i][0], stamped)
    out: list[DatedSentence] = []
    for i, (start, end) in enumerate(sentences):
        sent = text[start:end]
        days = days_of.get(i, {})
        out.extend(DatedSentence(article_id, sent, d, True, published, source_id, i, start, end, offset, stamped)
                   for d, (offset, stamped) in days.items())
        if published is not None and all(stamped for _, stamped in days.values()):
            out.append(DatedSentence(article_id, sent, published, False, published, source_id, i, start, end))
    return out


# A full date (with its year) followed by a clock time: "Monday 30 May 2005 23.59 BST",
# "February 8, 2011 at 7:16 am". Bylines, "updated" lines and reader comments are stamped
# so; the stamp says when the text was written, which publication already tells.
_STAMP_TAIL = re.compile(r"\s*(?:,\s*)?(?P<year>\d{4})?\s*(?:,\s*)?(?:at\s+)?\d{1,2}[:.]\d{2}\b", re.IGNORECASE)
_YEAR = re.compile(r"\b\d{4}\b")


def timestamp_end(text: str, mention: DayMention) -> int | None:
    """Where the stamp ends when a day mention opens a dateline stamp (a dated clock time), not
    the day of an event; None otherwise.

    >>> t = "Posted February 8, 2011 at 7:16 am"
    >>> timestamp_end(t, DayMention(7, 17, dt.date(2011, 2, 8)))
    31
    >>> t = "Troops moved on February 8 at 7:16 am"
    >>> timestamp_end(t, DayMention(16, 26, dt.date(2011, 2, 8))) is None
    True
    """
    tail = _STAMP_TAIL.match(text, mention.end_char, mention.end_char + 16)
    if tail and (tail.group("year") or _YEAR.search(text, mention.start_char, mention.end_char)):
        return tail.end()
    return None


def iter_dated_sentences(store, article_ids: Iterable[str] | None = None) -> Iterator[DatedSentence]:
    """Dated sentences of the stored articles (all, or those named), article by article."""
    conn = store.conn
    wanted = None if article_ids is None else set(article_ids)
    articles = conn.execute(
        "SELECT id, text, published_start, published_end, duplicate_of FROM articles ORDER BY seq").fetchall()
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for aid, start, end in conn.execute("SELECT article_id, start_char, end_char FROM sentences ORDER BY article_id, idx"):
        if wanted is None or aid in wanted:
            spans[aid].append((start, end))
    mentions: dict[str, list[DayMention]] = defaultdict(list)
    for aid, start, end, first, last in conn.execute(
            "SELECT article_id, start_char, end_char, range_start, range_end FROM timexes "
            "WHERE type IN ('DATE', 'TIME') AND granularity IN ('day', 'time') AND range_start IS NOT NULL"):
        if (wanted is None or aid in wanted) and first == last:
            mentions[aid].append(DayMention(start, end, dt.date.fromisoformat(first)))
    for row in articles:
        aid = row["id"]
        if wanted is not None and aid not in wanted:
            continue
        published = None
        if row["published_start"] and row["published_start"] == row["published_end"]:
            published = dt.date.fromisoformat(row["published_start"])
        yield from date_sentences(aid, row["text"], spans.get(aid, []), mentions.get(aid, []),
                                  published=published, source_id=row["duplicate_of"])


def store_date_scores(store, weights=None) -> dict[dt.date, float]:
    """:func:`~chronicle.timeline.importance.score_dates` for the whole store, computed inside SQLite
    from the timexes and articles tables (no sentence text is read), for ``timeline --top N``:
    the same weights, each (independent source, day) pair counted once."""
    from chronicle.timeline.importance import default_weights

    w = weights or default_weights().dates
    rows = store.conn.execute(_SCORE_SQL, {
        "same": w.mention_same_day, "before": w.mention_before_publication, "after": w.mention_after_publication,
        "long": w.mention_long_before, "long_days": f"-{w.long_before_days} days",
        "pub": w.published_same_day, "pub_next": w.published_next_day,
    })
    return {dt.date.fromisoformat(day): score for day, score in rows if score > 0}


_SCORE_SQL = """
WITH src AS (
    SELECT id, COALESCE(duplicate_of, id) AS source,
           CASE WHEN published_start = published_end THEN published_start END AS pub
    FROM articles
), evidence AS (
    SELECT s.source, t.range_start AS day,
           CASE WHEN s.pub IS NULL OR t.range_start = s.pub THEN :same
                WHEN t.range_start < date(s.pub, :long_days) THEN :long
                WHEN t.range_start < s.pub THEN :before ELSE :after END AS w, 0 AS kind
    FROM timexes t JOIN src s ON s.id = t.article_id
    WHERE t.type IN ('DATE', 'TIME') AND t.granularity IN ('day', 'time') AND t.range_start IS NOT NULL
    UNION ALL
    SELECT source, pub, :pub, 1 FROM src WHERE pub IS NOT NULL
    UNION ALL
    SELECT source, date(pub, '-1 day'), :pub_next, 1 FROM src WHERE pub IS NOT NULL
), pairs AS (
    SELECT day, MAX(w) AS w FROM evidence GROUP BY source, day, kind
)
SELECT day, SUM(w) FROM pairs GROUP BY day
"""
