-- Chronicle store, schema 7 (PostgreSQL): nothing to do. On SQLite this migration re-declares the
-- FTS5 tables in the form sqlite-utils and Datasette detect; PostgreSQL's tsvector columns
-- (0001, 0006) need no such change. Kept so that both backends count the same schema versions.
SELECT 1;
