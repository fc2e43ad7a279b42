-- Chronicle store, schema 9: the storyline's clean input (issue 13).
-- What text/boilerplate.py cut from each article's text, with its reason, so the cleaning can
-- be audited and undone: articles.text is the cleaned text, and every offset refers to it.
CREATE TABLE stripped (
    article_id TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx        BIGINT NOT NULL,
    position   BIGINT NOT NULL,           -- where the cut begins in the original text (before cleaning)
    at_char    BIGINT NOT NULL,           -- where it was cut in articles.text
    text       TEXT COLLATE "C" NOT NULL,              -- the exact characters cut: a line with its line break(s)
    reason     TEXT COLLATE "C" NOT NULL,              -- the rule's reason (data/text/boilerplate.toml): newsletter, caption ...
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX stripped_reason ON stripped(reason);

-- Off the pile's topic (link/topic.py): such an article is kept, but out of the storyline.
ALTER TABLE articles ADD COLUMN off_topic BIGINT NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN topic_score DOUBLE PRECISION;   -- robust z-score of its similarity to the pile; NULL until scored
