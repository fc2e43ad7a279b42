"""Cross-document steps that build the story from the store: importance of dates and entries, the timeline."""
