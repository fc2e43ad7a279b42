-- Chronicle store, schema 15: the mentions inside a span of an article, read by index
-- (issue 17: every page under 300 ms cold on Timeline17). The network page counts, for each
-- quote of the most connected speakers, the entities named inside the quote's span; the
-- mentions' primary key orders them by idx, so each quote read every mention row of its
-- article (seconds on Timeline17). Covering, so the rows (their text) are never read.
CREATE INDEX mentions_place ON mentions(article_id, start_char, end_char, entity_id);
