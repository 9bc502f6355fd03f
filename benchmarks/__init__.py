"""Benchmarks at national scale (``python -m benchmarks.run``): kept out of the test run on purpose."""
