"""Benchmark: server time of every web page on a store holding all of Timeline17."""
