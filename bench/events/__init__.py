"""ECB+ cross-document event coreference and the reference-corpus timeline checks (``python -m bench.events``)."""
