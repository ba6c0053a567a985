"""Compatibility only: the `lfjb compare` workflow moved to lfjb/comparison_run.py (issue 13, one-way
architecture). lfjb/cli.py still imports `run_compare` from here; delete this file once it imports
`lfjb.comparison_run` instead."""

from lfjb.comparison_run import DEFAULT_BASELINE, DEFAULT_PILOT, compare_model, parse_period, run_compare  # noqa: F401
