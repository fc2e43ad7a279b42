"""The web page and JSON API (``chronicle serve``). Needs the ``web`` extra; ``import chronicle`` never loads it.

    pip install 'chronicle-news[web]'
    chronicle --db story.db serve            # http://127.0.0.1:8000/
"""
from chronicle.web.app import create_app
from chronicle.web.ingest import IngestSettings

__all__ = ["IngestSettings", "create_app"]
