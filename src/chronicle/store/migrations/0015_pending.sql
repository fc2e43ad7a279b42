-- Chronicle store, schema 15: the cross-document work an ingest still owes (issue 18, kill -9).
-- Each batch of articles or analyses that an ingest commits records, in the same transaction,
-- that the store-wide steps (linking, topic, stories, timeline) must run again; the ingest
-- clears it once they have. A row left here means an ingest was interrupted: its rerun runs
-- them whatever it finds new, and `chronicle check` tells this pending work from damage.
CREATE TABLE IF NOT EXISTS pending_steps (
    step  TEXT PRIMARY KEY,       -- 'after-ingest': linking, topic, stories and the timeline
    since TEXT NOT NULL           -- when the first batch owing it was committed (UTC)
);
