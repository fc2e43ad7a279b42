-- Chronicle store, schema 18: the digest's index (views/digest_index.py, issues 17 and 18). What
-- every candidate line of "what changed since DATE" weighs whatever the date, written with the
-- timeline, so that a digest reads the few hundred heaviest lines of the new articles in order of
-- their weight bound and stops (the threshold algorithm) instead of weighing every line again.
-- Derived data: rebuilt in full with each timeline; a store whose index is missing or older than
-- its timeline (digest_meta) is weighed from its rows as before.

-- One row per timeline entry: its strength in units of a typical story entry (before the lead
-- factor), its first and last source's publication ('' for an undated article), the last
-- publication of an article whose lead cites it, and its place in the timeline's order.
CREATE TABLE digest_entries (
    id         TEXT PRIMARY KEY,
    strength   REAL NOT NULL,
    section    TEXT NOT NULL,
    date       TEXT,
    headline   TEXT NOT NULL,
    first_pub  TEXT NOT NULL,
    last_pub   TEXT NOT NULL,
    lead_until TEXT,
    range_start TEXT NOT NULL,
    range_end  TEXT NOT NULL,
    bound      REAL NOT NULL
);
CREATE INDEX digest_entries_fresh ON digest_entries(last_pub, first_pub, range_start, range_end, id);
CREATE INDEX digest_entries_bound ON digest_entries(bound DESC, id);

-- One row per detail line (a stance, a figure, a quote): its since-free factor, its host entries
-- (JSON), and for a figure the key it is one line under and the first publication giving it.
CREATE TABLE digest_details (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,
    article      TEXT NOT NULL,
    published    TEXT NOT NULL,
    headline     TEXT NOT NULL,
    date         TEXT,
    refs         TEXT NOT NULL,
    sentence     TEXT NOT NULL,
    hosts        TEXT NOT NULL,
    factor       REAL NOT NULL,
    news         INTEGER NOT NULL DEFAULT 0,
    retells      INTEGER NOT NULL DEFAULT 0,
    figure       TEXT,
    figure_first TEXT,
    bound        REAL NOT NULL
);
CREATE INDEX digest_details_fresh ON digest_details(published, bound);
CREATE INDEX digest_details_bound ON digest_details(bound DESC, id);
CREATE INDEX digest_details_figure ON digest_details(figure, published);

-- 'timeline': a token written with each timeline; 'index': the token of the timeline the index was
-- built from; 'version': the index code and weights it was built with.
CREATE TABLE digest_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- `timeline --top N` (the story page's milestone strip, views/timeline.py top_ids) reads a section's
-- entries in order of importance and stops once no entry left can enter; covering, so it is a walk
-- of this index, not a sort of every entry's wide row.
CREATE INDEX timeline_entries_rank ON timeline_entries(section, importance DESC, range_start, id, day_weight);
