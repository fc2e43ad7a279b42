"""The long fuzzing run of issue 18: `python -m bench.fuzz --cases 10000`."""
