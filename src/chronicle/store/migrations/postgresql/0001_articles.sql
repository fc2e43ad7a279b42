-- Chronicle store, schema 1 (PostgreSQL; each file translates the SQLite migration of its number):
-- inputs, articles, and per-article annotations.
-- Plain tables with character offsets into articles.text, so that the store reads
-- well in Datasette or sqlite-utils. Dates are ISO 8601 / TIMEX3 text.

-- One row per input file (or feed, or JSONL file) ever read: its bytes, kept verbatim.
CREATE TABLE raw_inputs (
    sha256      TEXT COLLATE "C" PRIMARY KEY,          -- of the bytes
    path        TEXT COLLATE "C" NOT NULL,             -- as given on the command line, first time seen
    format      TEXT COLLATE "C" NOT NULL,             -- text, html, feed, jsonl
    encoding    TEXT COLLATE "C",                      -- detected text encoding
    size        BIGINT NOT NULL,
    content     BYTEA NOT NULL,
    first_seen_at TEXT COLLATE "C" NOT NULL            -- when Chronicle first read it (UTC), never a publication date
);

CREATE TABLE articles (
    id               TEXT COLLATE "C" PRIMARY KEY,     -- sha256 of title + text, first 16 hex digits
    title            TEXT COLLATE "C",
    text             TEXT COLLATE "C" NOT NULL,
    published        TEXT COLLATE "C",                 -- TIMEX3 date value (2025-03-18, 2025-03, ...) or NULL
    published_start  TEXT COLLATE "C",                 -- first day the published value covers
    published_end    TEXT COLLATE "C",                 -- last day it covers
    published_source TEXT COLLATE "C" NOT NULL CHECK (published_source IN ('manifest','metadata','option','inferred','unknown')),
    published_confidence DOUBLE PRECISION,             -- for inferred dates
    outlet           TEXT COLLATE "C",
    url              TEXT COLLATE "C",
    author           TEXT COLLATE "C",
    words            BIGINT NOT NULL,
    raw_sha256       TEXT COLLATE "C" REFERENCES raw_inputs(sha256),
    source_path      TEXT COLLATE "C",
    source_index     BIGINT,              -- entry number inside a feed or JSONL file
    external_id      TEXT COLLATE "C",                 -- the id key of a JSONL record, if any
    duplicate_of     TEXT COLLATE "C" REFERENCES articles(id),
    duplicate_score  DOUBLE PRECISION,                 -- shingle containment with the article it copies
    wire             TEXT COLLATE "C",                 -- wire credit seen (Reuters, AP, AFP ...)
    seq              BIGINT NOT NULL,     -- ingest order
    ingested_at      TEXT COLLATE "C" NOT NULL,
    analysis_version TEXT COLLATE "C",                 -- stage ids of the analysis stored; NULL until analysed
    analyzed_at      TEXT COLLATE "C"
);
CREATE INDEX articles_published ON articles(published_start);
CREATE INDEX articles_duplicate_of ON articles(duplicate_of);
CREATE INDEX articles_pending ON articles(analysis_version);

-- MinHash LSH bands for near-duplicate lookup.
CREATE TABLE article_bands (
    band       BIGINT NOT NULL,
    hash       BIGINT NOT NULL,
    article_id TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE
);
CREATE INDEX article_bands_lookup ON article_bands(band, hash);

-- PostgreSQL: full-text search is a GIN index on the articles' tsvector (FTS5 with the porter
-- stemmer on SQLite; the 'english' configuration stems likewise). An expression index, not a
-- column, so that ``SELECT *`` reads the same columns on both backends; store/articles.py's
-- search() queries the same expression. PostgreSQL keeps it in step itself: no triggers.
CREATE INDEX articles_search ON articles USING GIN (to_tsvector('english', COALESCE(title, '') || ' ' || text));

CREATE TABLE sentences (
    article_id TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx        BIGINT NOT NULL,
    start_char BIGINT NOT NULL,
    end_char   BIGINT NOT NULL,
    paragraph  BIGINT NOT NULL,
    is_heading BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE timexes (
    article_id TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx        BIGINT NOT NULL,
    start_char BIGINT NOT NULL,
    end_char   BIGINT NOT NULL,
    text       TEXT COLLATE "C" NOT NULL,
    type       TEXT COLLATE "C" NOT NULL,
    value      TEXT COLLATE "C" NOT NULL,
    range_start TEXT COLLATE "C",                      -- first day covered, for DATE/TIME values
    range_end   TEXT COLLATE "C",
    granularity TEXT COLLATE "C",
    mod        TEXT COLLATE "C",
    anchor     TEXT COLLATE "C",
    rule       TEXT COLLATE "C",
    explain    TEXT COLLATE "C" NOT NULL,
    stage      TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX timexes_value ON timexes(range_start);

CREATE TABLE mentions (
    article_id TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx        BIGINT NOT NULL,
    start_char BIGINT NOT NULL,
    end_char   BIGINT NOT NULL,
    text       TEXT COLLATE "C" NOT NULL,
    type       TEXT COLLATE "C" NOT NULL,
    entity     TEXT COLLATE "C" NOT NULL,              -- canonical name within the article
    role       TEXT COLLATE "C",
    stage      TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX mentions_entity ON mentions(entity);

CREATE TABLE quotes (
    article_id TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx        BIGINT NOT NULL,
    start_char BIGINT NOT NULL,
    end_char   BIGINT NOT NULL,
    text       TEXT COLLATE "C" NOT NULL,
    kind       TEXT COLLATE "C" NOT NULL,
    speaker    TEXT COLLATE "C",
    speaker_text TEXT COLLATE "C",
    speaker_start BIGINT,
    speaker_end BIGINT,
    cue        TEXT COLLATE "C",
    cue_start  BIGINT,
    cue_end    BIGINT,
    stage      TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX quotes_speaker ON quotes(speaker);

CREATE TABLE events (
    article_id TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx        BIGINT NOT NULL,
    start_char BIGINT NOT NULL,
    end_char   BIGINT NOT NULL,
    text       TEXT COLLATE "C" NOT NULL,
    type       TEXT COLLATE "C" NOT NULL,
    date       TEXT COLLATE "C",
    date_explain TEXT COLLATE "C",
    actors     TEXT COLLATE "C" NOT NULL DEFAULT '[]', -- JSON list of canonical names
    place      TEXT COLLATE "C",
    modality   TEXT COLLATE "C" NOT NULL,
    negated    BIGINT NOT NULL DEFAULT 0,
    trigger    TEXT COLLATE "C",
    stage      TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX events_date ON events(date);

-- Coded notes from ingest and analysis: what was skipped and why.
CREATE TABLE diagnostics (
    id         BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    article_id TEXT COLLATE "C",
    path       TEXT COLLATE "C",
    code       TEXT COLLATE "C" NOT NULL,
    message    TEXT COLLATE "C" NOT NULL,
    stage      TEXT COLLATE "C",
    start_char BIGINT,
    end_char   BIGINT,
    at         TEXT COLLATE "C" NOT NULL
);

-- SQLite's date(value, modifier) for the modifiers Chronicle's queries use ('-1 day', '-30 days',
-- '+1 month'): an ISO day shifted, as text. PostgreSQL reads those modifiers as intervals.
CREATE FUNCTION date(day text, modifier text) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT to_char(CAST(day AS date) + CAST(modifier AS interval), 'YYYY-MM-DD')
$$;

-- substr with bigint offsets (the store's integers are bigint, as SQLite's are 64-bit): PostgreSQL
-- has substr(text, int, int) only.
CREATE FUNCTION substr(s text, start bigint, len bigint) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT substr(s, CAST(start AS integer), CAST(len AS integer))
$$;
CREATE FUNCTION substr(s text, start bigint) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT substr(s, CAST(start AS integer))
$$;
