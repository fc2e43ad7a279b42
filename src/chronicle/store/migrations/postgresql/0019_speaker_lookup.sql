-- Chronicle store, schema 19 (the SQLite migration of the same number says more): a speaker filter finds
-- its names by index, not by a scan of every quote, entity and alias (views.quotes.raw_speakers, issue 18).
-- The partial indexes' predicate is the SQLite GLOB '*[^ -~]*' as the adapter writes it (postgres._glob_regex).

CREATE INDEX quotes_speaker_lower ON quotes(lower(speaker), speaker, speaker_text);
CREATE INDEX quotes_speaker_text_lower ON quotes(lower(speaker_text), speaker, speaker_text);
CREATE INDEX entities_name_lower ON entities(lower(name), name);
CREATE INDEX entity_aliases_alias_lower ON entity_aliases(lower(alias), alias, entity_id);

CREATE INDEX quotes_speaker_wide ON quotes(speaker, speaker_text) WHERE speaker ~ '[^ -~]';
CREATE INDEX quotes_speaker_text_wide ON quotes(speaker, speaker_text) WHERE speaker_text ~ '[^ -~]';
CREATE INDEX entities_name_wide ON entities(name) WHERE name ~ '[^ -~]';
CREATE INDEX entity_aliases_alias_wide ON entity_aliases(alias, entity_id) WHERE alias ~ '[^ -~]';
