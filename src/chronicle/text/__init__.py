"""From decoded input to articles: main text and metadata for each format."""
from chronicle.text.document import Document
from chronicle.text.formats import documents_from_input, sniff_format

__all__ = ["Document", "documents_from_input", "sniff_format"]
