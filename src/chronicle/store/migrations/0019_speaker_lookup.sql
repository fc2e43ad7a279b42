-- Chronicle store, schema 19: a speaker filter (`quotes --speaker`, /quotes?speaker=, /api/quotes?speaker=,
-- an actor's page) finds its names by index, not by a scan of every quote, entity and alias (issue 18:
-- views.quotes.raw_speakers compared lower(name) on every row, for each speaker asked about).

-- Names as SQLite's lower() folds them (ASCII only), read from the index alone.
CREATE INDEX quotes_speaker_lower ON quotes(lower(speaker), speaker, speaker_text);
CREATE INDEX quotes_speaker_text_lower ON quotes(lower(speaker_text), speaker, speaker_text);
CREATE INDEX entities_name_lower ON entities(lower(name), name);
CREATE INDEX entity_aliases_alias_lower ON entity_aliases(lower(alias), alias, entity_id);

-- The names holding a character outside ASCII (a few), which Python folds and SQLite does not: they
-- are read and compared in Python, from these partial indexes.
CREATE INDEX quotes_speaker_wide ON quotes(speaker, speaker_text) WHERE speaker GLOB '*[^ -~]*';
CREATE INDEX quotes_speaker_text_wide ON quotes(speaker, speaker_text) WHERE speaker_text GLOB '*[^ -~]*';
CREATE INDEX entities_name_wide ON entities(name) WHERE name GLOB '*[^ -~]*';
CREATE INDEX entity_aliases_alias_wide ON entity_aliases(alias, entity_id) WHERE alias GLOB '*[^ -~]*';
