-- Chronicle store, schema 17: the part of a timeline entry's importance that its day brings (how
-- much the articles name the day). In `timeline --top N` only a day's first entry keeps it; a
-- day's further entries must earn their place on their own sources (views.timeline.top_ids).
-- NULL on an entry built by an older Chronicle: read as 0 (the old ranking) until the next build.
ALTER TABLE timeline_entries ADD COLUMN day_weight REAL;
