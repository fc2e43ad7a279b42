-- Find the sentence around a character offset with an index seek, not a scan of the
-- article's sentences (the quotes view does this for every quote).
CREATE INDEX sentences_span ON sentences(article_id, start_char);
