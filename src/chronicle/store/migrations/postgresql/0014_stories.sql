-- Chronicle store, schema 14: stories, the groups of articles one story makes in a pile of many
-- (chronicle.link.stories; issue 15). Written after linking on every ingest; an ingest only
-- places its new articles, so a story's id (its first article's id) never changes.
-- The clustering state is kept whole here, so that an incremental ingest costs what its new
-- articles cost: each story's centroid (its strongest terms, IDF taken off) and the pile's
-- document frequencies.

CREATE TABLE stories (
    id         TEXT COLLATE "C" PRIMARY KEY,          -- the id of the story's first article
    label      TEXT COLLATE "C" NOT NULL,             -- a few salient names and words: "BP, Gulf of Mexico, oil, spill"
    size       BIGINT NOT NULL,          -- originals placed in it (syndicated copies follow their original)
    first_day  TEXT COLLATE "C",                      -- publication span of its originals (ISO days), NULL when undated
    last_day   TEXT COLLATE "C",
    merged_into TEXT COLLATE "C" REFERENCES stories(id),  -- set when the story was merged whole into another
    stage      TEXT COLLATE "C" NOT NULL
);

CREATE TABLE story_terms (
    story_id TEXT COLLATE "C" NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    term     TEXT COLLATE "C" NOT NULL,               -- a content word, or "@" + a lower-cased name
    weight   DOUBLE PRECISION NOT NULL,               -- decayed centroid weight, IDF taken off
    PRIMARY KEY (story_id, term)
);

CREATE TABLE story_names (
    story_id TEXT COLLATE "C" NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    surface  TEXT COLLATE "C" NOT NULL,               -- a name as written ("Gulf of Mexico"), for the label
    count    BIGINT NOT NULL,
    PRIMARY KEY (story_id, surface)
);

CREATE TABLE story_df (
    term TEXT COLLATE "C" PRIMARY KEY,
    df   BIGINT NOT NULL                 -- clustered originals that use the term
);

ALTER TABLE articles ADD COLUMN story_id TEXT COLLATE "C" REFERENCES stories(id) ON DELETE SET NULL;
CREATE INDEX articles_story ON articles(story_id);
