-- Chronicle store, schema 11: each event mention's headline candidate (extract/events/headline.py),
-- the clause of its trigger compressed to a headline; the timeline build picks an entry's
-- headline among its sources' candidates (timeline/headlines.py). NULL for events stored by
-- an older Chronicle, until their article is analysed again.
ALTER TABLE events ADD COLUMN headline TEXT COLLATE "C";
