"""Views: the data shapes the CLI's --json, the web API and the exports share (CONTRACT.md)."""
