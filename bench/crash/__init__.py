"""kill -9 during an ingest, concurrent readers and writers, and the store they leave (issue 18)."""
