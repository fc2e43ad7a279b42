-- Chronicle store, schema 13: provenance of articles fetched over HTTP (issue 17, "URLs in").
-- `fetched_at` is when Chronicle (or the fetcher that wrote a news-please record) received the
-- page, UTC ISO 8601; NULL for articles read from files. The URL given is `source_path`, the
-- article's own URL `url` (the page fetched, after redirects, or the feed entry's link).
ALTER TABLE articles ADD COLUMN fetched_at TEXT COLLATE "C";
