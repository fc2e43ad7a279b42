-- Chronicle store, schema 15: the cross-document work an ingest still owes (issue 18, kill -9;
-- the SQLite migration of the same number says more).

CREATE TABLE IF NOT EXISTS pending_steps (
    step  TEXT COLLATE "C" PRIMARY KEY,   -- 'after-ingest': linking, topic, stories and the timeline
    since TEXT COLLATE "C" NOT NULL       -- when the first batch owing it was committed (UTC)
);
