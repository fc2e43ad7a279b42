"""The storyline benchmarks (issue 13): clean input, off-topic articles, and the storyline itself."""
