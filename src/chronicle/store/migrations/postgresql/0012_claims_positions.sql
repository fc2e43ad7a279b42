-- Chronicle store, schema 12: numeric claims and positions (chronicle.extract.claims, .positions; issue 14).
-- One row per claim or position per article, written with the article's analysis (store/annotations.py);
-- the cross-document columns (group_key, disputed, revises) are filled by chronicle.link.claims.

CREATE TABLE claims (
    article_id     TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx            BIGINT NOT NULL,
    start_char     BIGINT NOT NULL,
    end_char       BIGINT NOT NULL,
    text           TEXT COLLATE "C" NOT NULL,          -- the figure as written: "over 68,000"
    value          DOUBLE PRECISION NOT NULL,
    value_high     DOUBLE PRECISION,                   -- a range's high end, or a tally's second figure
    bound          TEXT COLLATE "C" NOT NULL,          -- exact, more_than, at_least, at_most, less_than, about, range, tally
    unit           TEXT COLLATE "C",
    counts         TEXT COLLATE "C",                   -- what is counted: "troops killed, wounded or captured"
    counts_head    TEXT COLLATE "C",                   -- its head lemma: "troop"
    claimant       TEXT COLLATE "C",                   -- in-article canonical name, or NULL: the article states it
    claimant_text  TEXT COLLATE "C",
    date           TEXT COLLATE "C",                   -- TIMEX3 value of the date the figure refers to
    range_start    TEXT COLLATE "C",
    range_end      TEXT COLLATE "C",
    granularity    TEXT COLLATE "C",
    modality       TEXT COLLATE "C",                   -- of the event it belongs to: happened, planned, agreed ...
    event_type     TEXT COLLATE "C",
    each_side      BIGINT NOT NULL DEFAULT 0,  -- a share per side ("1,000 prisoners of war each")
    sentence_start BIGINT NOT NULL,
    sentence_end   BIGINT NOT NULL,
    stage          TEXT COLLATE "C" NOT NULL,
    group_key      TEXT COLLATE "C",                   -- claims measuring the same thing share it (link.claims)
    disputed       BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX claims_group ON claims(group_key);
-- ``rowid`` stands in for SQLite's implicit rowid (views/numbers.py pages claims and positions by it).
ALTER TABLE claims ADD COLUMN rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE;

CREATE TABLE positions (
    article_id     TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx            BIGINT NOT NULL,
    start_char     BIGINT NOT NULL,
    end_char       BIGINT NOT NULL,
    text           TEXT COLLATE "C" NOT NULL,          -- the position as a short phrase
    stance         TEXT COLLATE "C" NOT NULL,          -- demand, condition, offer, support, accept, reject, commitment, warning, denial
    actor          TEXT COLLATE "C" NOT NULL,          -- in-article canonical name
    actor_text     TEXT COLLATE "C",
    target         TEXT COLLATE "C",
    target_head    TEXT COLLATE "C",
    cue            TEXT COLLATE "C" NOT NULL,
    date           TEXT COLLATE "C",
    range_start    TEXT COLLATE "C",
    range_end      TEXT COLLATE "C",
    granularity    TEXT COLLATE "C",
    sentence_start BIGINT NOT NULL,
    sentence_end   BIGINT NOT NULL,
    stage          TEXT COLLATE "C" NOT NULL,
    revises        TEXT COLLATE "C",                   -- id ("ARTICLE:p-IDX") of the actor's earlier position it changes
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX positions_actor ON positions(actor);
ALTER TABLE positions ADD COLUMN rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE;
