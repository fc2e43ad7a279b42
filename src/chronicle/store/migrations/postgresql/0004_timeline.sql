-- Chronicle store, schema 4: events merged across articles into timeline entries.
-- Rebuilt from the per-article `events` rows after each ingest (build/timeline.py).

-- How each event mention was dated: attached, sentence or published (docs/events.md).
ALTER TABLE events ADD COLUMN date_source TEXT COLLATE "C";
-- The actors tied to the trigger in the parse (JSON list): what tells one call from another.
ALTER TABLE events ADD COLUMN participants TEXT COLLATE "C" NOT NULL DEFAULT '[]';

CREATE TABLE timeline_entries (
    id            TEXT COLLATE "C" PRIMARY KEY,        -- stable: hash of the earliest source (article id, event idx)
    date          TEXT COLLATE "C" NOT NULL,           -- TIMEX3 value (2025-03-18, 2025-W11, 2025-03, 2025)
    granularity   TEXT COLLATE "C" NOT NULL CHECK (granularity IN ('day','week','month','year')),
    range_start   TEXT COLLATE "C" NOT NULL,           -- first day the date covers
    range_end     TEXT COLLATE "C" NOT NULL,           -- last day it covers
    date_explain  TEXT COLLATE "C" NOT NULL,
    date_conflict BIGINT NOT NULL DEFAULT 0,
    dates         TEXT COLLATE "C" NOT NULL DEFAULT '[]', -- JSON: [{"date", "sources"}], every date the sources give
    type          TEXT COLLATE "C" NOT NULL,
    modality      TEXT COLLATE "C" NOT NULL,
    negated       BIGINT NOT NULL DEFAULT 0,
    summary       TEXT COLLATE "C" NOT NULL,
    summary_article TEXT COLLATE "C" NOT NULL,
    summary_start BIGINT NOT NULL,
    summary_end   BIGINT NOT NULL,
    actors        TEXT COLLATE "C" NOT NULL DEFAULT '[]', -- JSON list of canonical names
    place         TEXT COLLATE "C",
    source_count  BIGINT NOT NULL,
    independent_sources BIGINT NOT NULL,
    importance    DOUBLE PRECISION NOT NULL DEFAULT 0,
    view          TEXT COLLATE "C" NOT NULL            -- the entry as `timeline --json` prints it, sources included
);
CREATE INDEX timeline_entries_date ON timeline_entries(range_start);

CREATE TABLE timeline_sources (
    entry_id   TEXT COLLATE "C" NOT NULL REFERENCES timeline_entries(id) ON DELETE CASCADE,
    article_id TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    event_idx  BIGINT NOT NULL,
    start_char BIGINT NOT NULL,
    end_char   BIGINT NOT NULL,
    sentence   TEXT COLLATE "C" NOT NULL,              -- the cited sentence (articles.text[start_char:end_char])
    date       TEXT COLLATE "C",
    date_source TEXT COLLATE "C",
    PRIMARY KEY (entry_id, article_id, event_idx)
);
CREATE INDEX timeline_sources_article ON timeline_sources(article_id);

CREATE TABLE timeline_actors (
    entry_id TEXT COLLATE "C" NOT NULL REFERENCES timeline_entries(id) ON DELETE CASCADE,
    actor    TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (entry_id, actor)
);
CREATE INDEX timeline_actors_actor ON timeline_actors(actor);
