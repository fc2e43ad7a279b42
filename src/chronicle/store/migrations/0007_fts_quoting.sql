-- Full-text tables declared with content="table" (double quotes), the form sqlite-utils and
-- Datasette look for when they detect a table's FTS index; 0001 and 0006 wrote content='table',
-- so those tools saw no full-text search. Same columns, same tokenizers, same triggers (they name
-- the FTS tables, not their declarations); the indexes are rebuilt from their content tables.
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content="articles", content_rowid="rowid",
                                             tokenize='porter unicode61 remove_diacritics 2');
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');

DROP TABLE quotes_fts;
CREATE VIRTUAL TABLE quotes_fts USING fts5(text, content="quotes", content_rowid="rowid",
                                           tokenize='unicode61 remove_diacritics 2');
INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild');
