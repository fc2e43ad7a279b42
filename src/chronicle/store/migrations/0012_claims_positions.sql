-- Chronicle store, schema 12: numeric claims and positions (chronicle.extract.claims, .positions; issue 14).
-- One row per claim or position per article, written with the article's analysis (store/annotations.py);
-- the cross-document columns (group_key, disputed, revises) are filled by chronicle.link.claims.

CREATE TABLE claims (
    article_id     TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx            INTEGER NOT NULL,
    start_char     INTEGER NOT NULL,
    end_char       INTEGER NOT NULL,
    text           TEXT NOT NULL,          -- the figure as written: "over 68,000"
    value          REAL NOT NULL,
    value_high     REAL,                   -- a range's high end, or a tally's second figure
    bound          TEXT NOT NULL,          -- exact, more_than, at_least, at_most, less_than, about, range, tally
    unit           TEXT,
    counts         TEXT,                   -- what is counted: "troops killed, wounded or captured"
    counts_head    TEXT,                   -- its head lemma: "troop"
    claimant       TEXT,                   -- in-article canonical name, or NULL: the article states it
    claimant_text  TEXT,
    date           TEXT,                   -- TIMEX3 value of the date the figure refers to
    range_start    TEXT,
    range_end      TEXT,
    granularity    TEXT,
    modality       TEXT,                   -- of the event it belongs to: happened, planned, agreed ...
    event_type     TEXT,
    each_side      INTEGER NOT NULL DEFAULT 0,  -- a share per side ("1,000 prisoners of war each")
    sentence_start INTEGER NOT NULL,
    sentence_end   INTEGER NOT NULL,
    stage          TEXT NOT NULL,
    group_key      TEXT,                   -- claims measuring the same thing share it (link.claims)
    disputed       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX claims_group ON claims(group_key);

CREATE TABLE positions (
    article_id     TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx            INTEGER NOT NULL,
    start_char     INTEGER NOT NULL,
    end_char       INTEGER NOT NULL,
    text           TEXT NOT NULL,          -- the position as a short phrase
    stance         TEXT NOT NULL,          -- demand, condition, offer, support, accept, reject, commitment, warning, denial
    actor          TEXT NOT NULL,          -- in-article canonical name
    actor_text     TEXT,
    target         TEXT,
    target_head    TEXT,
    cue            TEXT NOT NULL,
    date           TEXT,
    range_start    TEXT,
    range_end      TEXT,
    granularity    TEXT,
    sentence_start INTEGER NOT NULL,
    sentence_end   INTEGER NOT NULL,
    stage          TEXT NOT NULL,
    revises        TEXT,                   -- id ("ARTICLE:p-IDX") of the actor's earlier position it changes
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX positions_actor ON positions(actor);
