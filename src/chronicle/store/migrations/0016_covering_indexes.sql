-- Chronicle store, schema 16: covering indexes for the readings that read wide rows to use a few
-- of their columns (issue 17: every page under 300 ms cold on Timeline17).

-- The mentions inside a span of an article. The network page counts, for each
-- quote of the most connected speakers, the entities named inside the quote's span; the
-- mentions' primary key orders them by idx, so each quote read every mention row of its
-- article (seconds on Timeline17). Covering, so the rows (their text) are never read.
CREATE INDEX mentions_place ON mentions(article_id, start_char, end_char, entity_id);

-- The digest (views/digest_items.py) weighs every entry citing a sentence of a new article by
-- its section, importance and date: columns stored after the entry's whole JSON view, so each
-- lookup read the view too. Covering, so the view is read only for a background entry's date.
CREATE INDEX timeline_entries_weight ON timeline_entries(id, section, importance, date);
