-- Chronicle store, schema 8: an event's date is typed (records.Event.date is a DateValue), so the
-- events table keeps the days it covers and its granularity beside its TIMEX3 value, as the
-- timexes and timeline_entries tables do: a range query needs no parsing of the value.
ALTER TABLE events ADD COLUMN range_start TEXT COLLATE "C";   -- first day the date covers
ALTER TABLE events ADD COLUMN range_end TEXT COLLATE "C";     -- last day it covers
ALTER TABLE events ADD COLUMN granularity TEXT COLLATE "C";   -- time, day, week, month, quarter, season, year, ...
CREATE INDEX events_range ON events(range_start, range_end);

-- Existing rows: none. A PostgreSQL store is created at schema 14 by this Chronicle, so the
-- backfill SQLite stores needed (their events were written before 0008) has nothing to read.
