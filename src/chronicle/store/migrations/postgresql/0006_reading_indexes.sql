-- Chronicle store, schema 6: what the readings need to read only what a page shows
-- (issue 7: every page under 300 ms on the 4,650 Timeline17 articles, first request included).

-- Timeline pages in date order, whole or of one type, read by index (LIMIT/OFFSET, no sort),
-- and the story page's counts read from indexes alone: an entry's row holds its whole JSON
-- view, so a filter that has to read the rows reads the whole timeline.
CREATE INDEX timeline_entries_order ON timeline_entries(range_start, range_end, id, type);
CREATE INDEX timeline_entries_type ON timeline_entries(type, range_start, range_end, id);
CREATE INDEX timeline_entries_span ON timeline_entries(id, range_start, range_end, type);
CREATE INDEX timeline_entries_importance ON timeline_entries(importance DESC, range_start, id);
-- Which timeline entries cite an event mention (the changes report starts from new articles).
CREATE INDEX timeline_sources_event ON timeline_sources(article_id, event_idx);

-- Every quote in date order (the quotes reading, streamed by /api/quotes) from two indexes:
-- an article's dates come after its text in the row, so a join on the rows reads every text.
CREATE INDEX articles_order ON articles(published_start, seq, id);
CREATE INDEX quotes_place ON quotes(article_id, start_char);

-- Who said it, read from the index alone when a speaker filter looks for a name.
CREATE INDEX quotes_speaker_text ON quotes(speaker, speaker_text);

-- Words in quotes, searched with FTS5 instead of a scan of every quote. Kept in step with the
-- quotes table by triggers, whichever step writes it; no stemming, so words match as written.
-- PostgreSQL: a GIN index on the quotes' tsvector, no stemming ('simple'), as FTS5's unicode61
-- tokenizer (which also folds diacritics: 'simple' does not). The adapter (store/postgres.py)
-- reads ``quotes_fts MATCH ?`` as this expression with chronicle_phrase(), defined here.
-- ``rowid`` stands in for SQLite's implicit rowid, in insertion order: the quote readings
-- page and group by it.
ALTER TABLE quotes ADD COLUMN rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE;
CREATE INDEX quotes_search ON quotes USING GIN (to_tsvector('simple', text));
-- An FTS5 phrase query as views/quotes.py writes it ('"oil spi"*': words in a row, the last a prefix)
-- as a tsquery ('oil <-> spi:*'). Its words are \w+ tokens, so they need no quoting.
CREATE FUNCTION chronicle_phrase(q text) RETURNS tsquery LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT to_tsquery('simple', array_to_string(regexp_split_to_array(
        btrim(regexp_replace(q, '[*"]', ' ', 'g')), '\s+'), ' <-> ') || CASE WHEN q LIKE '%*' THEN ':*' ELSE '' END)
$$;
