-- Chronicle store, schema 2: cross-document entities, rebuilt by link/entities.py after
-- each ingest. Plain tables for Datasette: one row per entity, its aliases (surface forms
-- merged into it), and its roles with the article and date they were seen in, so that a
-- role is known as of a time ("U.S. ambassador to Ukraine" as of 2025-05-19).

CREATE TABLE entities (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL,         -- canonical name across the store
    type            TEXT NOT NULL,         -- OntoNotes label, the majority over its mentions
    mentions        INTEGER NOT NULL,
    articles        INTEGER NOT NULL,
    first_published TEXT,                  -- earliest publication date of an article naming it
    last_published  TEXT,
    UNIQUE (name, type)
);
CREATE INDEX entities_name ON entities(name);

CREATE TABLE entity_aliases (
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    alias     TEXT NOT NULL,               -- a surface form or in-article name merged into the entity
    mentions  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (entity_id, alias)
);
CREATE INDEX entity_aliases_alias ON entity_aliases(alias);

CREATE TABLE entity_roles (
    entity_id  INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    role       TEXT NOT NULL,              -- "Kremlin spokesperson", "U.S. ambassador to Ukraine"
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    published  TEXT,                       -- the article's date: the role held as of then
    start_char INTEGER NOT NULL,           -- the mention the role was read from
    end_char   INTEGER NOT NULL,
    PRIMARY KEY (entity_id, role, article_id, start_char)
);

-- Mentions keep their in-article name; `entity` becomes the cross-document name.
ALTER TABLE mentions ADD COLUMN kind TEXT NOT NULL DEFAULT 'name';   -- name, or role ("the Kremlin spokesperson")
ALTER TABLE mentions ADD COLUMN article_entity TEXT;                 -- canonical name within the article
ALTER TABLE mentions ADD COLUMN entity_id INTEGER REFERENCES entities(id) ON DELETE SET NULL;
CREATE INDEX mentions_entity_id ON mentions(entity_id);
