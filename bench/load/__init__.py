"""Bounded load on ``chronicle serve`` over loopback: errors, 5xx and latency percentiles (issue 18)."""
