"""Chronicle's command line (``chronicle --help``)."""
from chronicle.cli.main import cli, main

__all__ = ["cli", "main"]
