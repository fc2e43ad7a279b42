-- Chronicle store, schema 1: inputs, articles, and per-article annotations.
-- Plain tables with character offsets into articles.text, so that the store reads
-- well in Datasette or sqlite-utils. Dates are ISO 8601 / TIMEX3 text.

-- One row per input file (or feed, or JSONL file) ever read: its bytes, kept verbatim.
CREATE TABLE raw_inputs (
    sha256      TEXT PRIMARY KEY,          -- of the bytes
    path        TEXT NOT NULL,             -- as given on the command line, first time seen
    format      TEXT NOT NULL,             -- text, html, feed, jsonl
    encoding    TEXT,                      -- detected text encoding
    size        INTEGER NOT NULL,
    content     BLOB NOT NULL,
    first_seen_at TEXT NOT NULL            -- when Chronicle first read it (UTC), never a publication date
);

CREATE TABLE articles (
    id               TEXT PRIMARY KEY,     -- sha256 of title + text, first 16 hex digits
    title            TEXT,
    text             TEXT NOT NULL,
    published        TEXT,                 -- TIMEX3 date value (2025-03-18, 2025-03, ...) or NULL
    published_start  TEXT,                 -- first day the published value covers
    published_end    TEXT,                 -- last day it covers
    published_source TEXT NOT NULL CHECK (published_source IN ('manifest','metadata','option','inferred','unknown')),
    published_confidence REAL,             -- for inferred dates
    outlet           TEXT,
    url              TEXT,
    author           TEXT,
    words            INTEGER NOT NULL,
    raw_sha256       TEXT REFERENCES raw_inputs(sha256),
    source_path      TEXT,
    source_index     INTEGER,              -- entry number inside a feed or JSONL file
    external_id      TEXT,                 -- the id key of a JSONL record, if any
    duplicate_of     TEXT REFERENCES articles(id),
    duplicate_score  REAL,                 -- shingle containment with the article it copies
    wire             TEXT,                 -- wire credit seen (Reuters, AP, AFP ...)
    seq              INTEGER NOT NULL,     -- ingest order
    ingested_at      TEXT NOT NULL,
    analysis_version TEXT,                 -- stage ids of the analysis stored; NULL until analysed
    analyzed_at      TEXT
);
CREATE INDEX articles_published ON articles(published_start);
CREATE INDEX articles_duplicate_of ON articles(duplicate_of);
CREATE INDEX articles_pending ON articles(analysis_version);

-- MinHash LSH bands for near-duplicate lookup.
CREATE TABLE article_bands (
    band       INTEGER NOT NULL,
    hash       INTEGER NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE
);
CREATE INDEX article_bands_lookup ON article_bands(band, hash);

CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='rowid',
                                             tokenize='porter unicode61 remove_diacritics 2');
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;

CREATE TABLE sentences (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    paragraph  INTEGER NOT NULL,
    is_heading INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE timexes (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    type       TEXT NOT NULL,
    value      TEXT NOT NULL,
    range_start TEXT,                      -- first day covered, for DATE/TIME values
    range_end   TEXT,
    granularity TEXT,
    mod        TEXT,
    anchor     TEXT,
    rule       TEXT,
    explain    TEXT NOT NULL,
    stage      TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX timexes_value ON timexes(range_start);

CREATE TABLE mentions (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    type       TEXT NOT NULL,
    entity     TEXT NOT NULL,              -- canonical name within the article
    role       TEXT,
    stage      TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX mentions_entity ON mentions(entity);

CREATE TABLE quotes (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    speaker    TEXT,
    speaker_text TEXT,
    speaker_start INTEGER,
    speaker_end INTEGER,
    cue        TEXT,
    cue_start  INTEGER,
    cue_end    INTEGER,
    stage      TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX quotes_speaker ON quotes(speaker);

CREATE TABLE events (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    type       TEXT NOT NULL,
    date       TEXT,
    date_explain TEXT,
    actors     TEXT NOT NULL DEFAULT '[]', -- JSON list of canonical names
    place      TEXT,
    modality   TEXT NOT NULL,
    negated    INTEGER NOT NULL DEFAULT 0,
    trigger    TEXT,
    stage      TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX events_date ON events(date);

-- Coded notes from ingest and analysis: what was skipped and why.
CREATE TABLE diagnostics (
    id         INTEGER PRIMARY KEY,
    article_id TEXT,
    path       TEXT,
    code       TEXT NOT NULL,
    message    TEXT NOT NULL,
    stage      TEXT,
    start_char INTEGER,
    end_char   INTEGER,
    at         TEXT NOT NULL
);
