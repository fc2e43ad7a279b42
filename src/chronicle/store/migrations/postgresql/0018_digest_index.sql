-- Chronicle store, schema 18 (the SQLite migration of the same number says more): the digest's index (views/digest_index.py, issues 17 and 18). What
-- every candidate line of "what changed since DATE" weighs whatever the date, written with the
-- timeline, so that a digest reads the few hundred heaviest lines of the new articles in order of
-- their weight bound and stops (the threshold algorithm) instead of weighing every line again.
-- Derived data: rebuilt in full with each timeline; a store whose index is missing or older than
-- its timeline (digest_meta) is weighed from its rows as before.

-- One row per timeline entry: its strength in units of a typical story entry (before the lead
-- factor), its first and last source's publication ('' for an undated article), the last
-- publication of an article whose lead cites it, and its place in the timeline's order.
CREATE TABLE digest_entries (
    id         TEXT COLLATE "C" PRIMARY KEY,
    strength   DOUBLE PRECISION NOT NULL,
    section    TEXT COLLATE "C" NOT NULL,
    date       TEXT COLLATE "C",
    headline   TEXT COLLATE "C" NOT NULL,
    first_pub  TEXT COLLATE "C" NOT NULL,
    last_pub   TEXT COLLATE "C" NOT NULL,
    lead_until TEXT COLLATE "C",
    range_start TEXT COLLATE "C" NOT NULL,
    range_end  TEXT COLLATE "C" NOT NULL,
    bound      DOUBLE PRECISION NOT NULL
);
CREATE INDEX digest_entries_fresh ON digest_entries(last_pub, first_pub, range_start, range_end, id);
CREATE INDEX digest_entries_bound ON digest_entries(bound DESC, id);

-- One row per detail line (a stance, a figure, a quote): its since-free factor, its host entries
-- (JSON), and for a figure the key it is one line under and the first publication giving it.
CREATE TABLE digest_details (
    id           BIGINT PRIMARY KEY,
    kind         TEXT COLLATE "C" NOT NULL,
    article      TEXT COLLATE "C" NOT NULL,
    published    TEXT COLLATE "C" NOT NULL,
    headline     TEXT COLLATE "C" NOT NULL,
    date         TEXT COLLATE "C",
    refs         TEXT COLLATE "C" NOT NULL,
    sentence     TEXT COLLATE "C" NOT NULL,
    hosts        TEXT COLLATE "C" NOT NULL,
    factor       DOUBLE PRECISION NOT NULL,
    news         BIGINT NOT NULL DEFAULT 0,
    retells      BIGINT NOT NULL DEFAULT 0,
    figure       TEXT COLLATE "C",
    figure_first TEXT COLLATE "C",
    bound        DOUBLE PRECISION NOT NULL
);
CREATE INDEX digest_details_fresh ON digest_details(published, bound);
CREATE INDEX digest_details_bound ON digest_details(bound DESC, id);
CREATE INDEX digest_details_figure ON digest_details(figure, published);

-- 'timeline': a token written with each timeline; 'index': the token of the timeline the index was
-- built from; 'version': the index code and weights it was built with.
CREATE TABLE digest_meta (
    key   TEXT COLLATE "C" PRIMARY KEY,
    value TEXT COLLATE "C" NOT NULL
);

-- `timeline --top N` (the story page's milestone strip, views/timeline.py top_ids) reads a section's
-- entries in order of importance and stops once no entry left can enter; covering, so it is a walk
-- of this index, not a sort of every entry's wide row.
CREATE INDEX timeline_entries_rank ON timeline_entries(section, importance DESC, range_start, id, day_weight);
