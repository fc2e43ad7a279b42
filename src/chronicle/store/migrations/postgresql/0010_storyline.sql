-- Chronicle store, schema 10: the storyline (issue 13): each timeline entry's section and headline.
-- section: story, background, upcoming or undated (chronicle.timeline.sections); NULL on an entry
-- built by an older Chronicle, which the next reading rebuilds (Chronicle.timeline).
ALTER TABLE timeline_entries ADD COLUMN section TEXT COLLATE "C" CHECK (section IN ('story','background','upcoming','undated'));
ALTER TABLE timeline_entries ADD COLUMN headline TEXT COLLATE "C";
-- `timeline --top N` ranks the story's entries (and finds entries not yet sectioned); a `--section`
-- reading in date order walks timeline_entries_order (0006): one more index costs every rebuild.
CREATE INDEX timeline_entries_section_rank ON timeline_entries(section, importance DESC, range_start, id);
