"""Benchmarks: measured, not asserted. `python -m benchmarks` prints figures for docs/performance.md."""
