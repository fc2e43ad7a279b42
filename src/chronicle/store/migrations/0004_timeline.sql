-- Chronicle store, schema 4: events merged across articles into timeline entries.
-- Rebuilt from the per-article `events` rows after each ingest (build/timeline.py).

-- How each event mention was dated: attached, sentence or published (docs/events.md).
ALTER TABLE events ADD COLUMN date_source TEXT;
-- The actors tied to the trigger in the parse (JSON list): what tells one call from another.
ALTER TABLE events ADD COLUMN participants TEXT NOT NULL DEFAULT '[]';

CREATE TABLE timeline_entries (
    id            TEXT PRIMARY KEY,        -- stable: hash of the earliest source (article id, event idx)
    date          TEXT NOT NULL,           -- TIMEX3 value (2025-03-18, 2025-W11, 2025-03, 2025)
    granularity   TEXT NOT NULL CHECK (granularity IN ('day','week','month','year')),
    range_start   TEXT NOT NULL,           -- first day the date covers
    range_end     TEXT NOT NULL,           -- last day it covers
    date_explain  TEXT NOT NULL,
    date_conflict INTEGER NOT NULL DEFAULT 0,
    dates         TEXT NOT NULL DEFAULT '[]', -- JSON: [{"date", "sources"}], every date the sources give
    type          TEXT NOT NULL,
    modality      TEXT NOT NULL,
    negated       INTEGER NOT NULL DEFAULT 0,
    summary       TEXT NOT NULL,
    summary_article TEXT NOT NULL,
    summary_start INTEGER NOT NULL,
    summary_end   INTEGER NOT NULL,
    actors        TEXT NOT NULL DEFAULT '[]', -- JSON list of canonical names
    place         TEXT,
    source_count  INTEGER NOT NULL,
    independent_sources INTEGER NOT NULL,
    importance    REAL NOT NULL DEFAULT 0,
    view          TEXT NOT NULL            -- the entry as `timeline --json` prints it, sources included
);
CREATE INDEX timeline_entries_date ON timeline_entries(range_start);

CREATE TABLE timeline_sources (
    entry_id   TEXT NOT NULL REFERENCES timeline_entries(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    event_idx  INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    sentence   TEXT NOT NULL,              -- the cited sentence (articles.text[start_char:end_char])
    date       TEXT,
    date_source TEXT,
    PRIMARY KEY (entry_id, article_id, event_idx)
);
CREATE INDEX timeline_sources_article ON timeline_sources(article_id);

CREATE TABLE timeline_actors (
    entry_id TEXT NOT NULL REFERENCES timeline_entries(id) ON DELETE CASCADE,
    actor    TEXT NOT NULL,
    PRIMARY KEY (entry_id, actor)
);
CREATE INDEX timeline_actors_actor ON timeline_actors(actor);
