-- Chronicle store, schema 8: an event's date is typed (records.Event.date is a DateValue), so the
-- events table keeps the days it covers and its granularity beside its TIMEX3 value, as the
-- timexes and timeline_entries tables do: a range query needs no parsing of the value.
ALTER TABLE events ADD COLUMN range_start TEXT;   -- first day the date covers
ALTER TABLE events ADD COLUMN range_end TEXT;     -- last day it covers
ALTER TABLE events ADD COLUMN granularity TEXT;   -- time, day, week, month, quarter, season, year, ...
CREATE INDEX events_range ON events(range_start, range_end);

-- Existing rows: an event's date is the value of one of its article's time expressions, or its
-- article's publication date; both already carry their ranges.
UPDATE events SET (range_start, range_end, granularity) = (
    SELECT t.range_start, t.range_end, t.granularity FROM timexes t
    WHERE t.article_id = events.article_id AND t.value = events.date AND t.range_start IS NOT NULL LIMIT 1)
WHERE date IS NOT NULL;
UPDATE events SET (range_start, range_end, granularity) = (
    SELECT a.published_start, a.published_end,
           CASE WHEN a.published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' THEN 'day'
                WHEN a.published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' THEN 'month'
                WHEN a.published GLOB '[0-9][0-9][0-9][0-9]' THEN 'year' END
    FROM articles a WHERE a.id = events.article_id AND a.published = events.date)
WHERE date IS NOT NULL AND range_start IS NULL;
-- Any other value of the common shapes, computed here (weeks and seasons stay NULL until reanalysed).
UPDATE events SET range_start = date, range_end = date, granularity = 'day'
WHERE range_start IS NULL AND date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]';
UPDATE events SET range_start = substr(date, 1, 10), range_end = substr(date, 1, 10), granularity = 'time'
WHERE range_start IS NULL AND date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*';
UPDATE events SET range_start = date || '-01', range_end = date(date || '-01', '+1 month', '-1 day'), granularity = 'month'
WHERE range_start IS NULL AND date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]';
UPDATE events SET range_start = date || '-01-01', range_end = date || '-12-31', granularity = 'year'
WHERE range_start IS NULL AND date GLOB '[0-9][0-9][0-9][0-9]';
