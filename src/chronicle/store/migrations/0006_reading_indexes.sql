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
CREATE VIRTUAL TABLE quotes_fts USING fts5(text, content='quotes', content_rowid='rowid',
                                           tokenize='unicode61 remove_diacritics 2');
INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild');
CREATE TRIGGER quotes_ai AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;
CREATE TRIGGER quotes_au AFTER UPDATE OF text ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
    INSERT INTO quotes_fts(rowid, text) VALUES (new.rowid, new.text);
END;
