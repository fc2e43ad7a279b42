"""Cross-document steps: duplicates, entity linking, event merging."""
