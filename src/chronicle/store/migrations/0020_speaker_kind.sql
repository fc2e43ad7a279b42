-- Chronicle store, schema 20: a quote's speaker may be named ("Hosni Mubarak") or described ("police
-- spokesman", "senior U.S. officials": an unnamed source as the article describes it). speaker_kind says
-- which ('named', 'described', or NULL with no speaker), so that views listing actors (the network, an
-- actor's page) read named speakers only, and `quotes --json` can tell a reader which is which.
-- Stores analysed before quotes.v9 keep NULL here until their next ingest analyses them again.

ALTER TABLE quotes ADD COLUMN speaker_kind TEXT;
