-- Chronicle store, schema 3: quotations merged across articles (chronicle.link.quotes).
-- One quotation per statement, however many outlets reprint it; each article's own
-- span stays in the quotes table, linked here by (article_id, idx).

CREATE TABLE quotations (
    id              INTEGER PRIMARY KEY,
    fingerprint     TEXT NOT NULL,         -- normalised words of the first-seen text
    text            TEXT NOT NULL,         -- the text as first seen
    kind            TEXT NOT NULL,
    speaker         TEXT,                  -- canonical speaker (the most common among copies)
    first_article   TEXT REFERENCES articles(id) ON DELETE SET NULL,
    first_published TEXT,                  -- TIMEX3 date of the first-seen article, or NULL
    articles        INTEGER NOT NULL       -- how many articles carry it
);
CREATE INDEX quotations_speaker ON quotations(speaker);
CREATE INDEX quotations_fingerprint ON quotations(fingerprint);

CREATE TABLE quotation_spans (
    quotation_id INTEGER NOT NULL REFERENCES quotations(id) ON DELETE CASCADE,
    article_id   TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx          INTEGER NOT NULL,         -- quotes.idx in that article
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX quotation_spans_quotation ON quotation_spans(quotation_id);
