-- Chronicle store, schema 16: covering indexes for readings that read wide rows to use a few
-- columns (the SQLite migration of the same number says which).

CREATE INDEX mentions_place ON mentions(article_id, start_char, end_char, entity_id);

CREATE INDEX timeline_entries_weight ON timeline_entries(id, section, importance, date);
