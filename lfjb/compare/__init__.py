"""The cross-board comparison model for MoJ and national Family Justice Board analysts (`lfjb compare`).

All boards side by side for one month: the league table ranked on the 12 months to the month (overall,
within region and with region sub-totals), small-multiple trends, a funnel plot of % within 26 weeks
with Spiegelhalter's over-dispersion adjustment, the delay drivers most cited across boards, the pilot
view (Trailblazers against comparators, difference-in-differences with a randomisation test, a wild
cluster bootstrap interval and a parallel-trends check), optional official statistics (MoJ's FCSQ: a national benchmark, public law
volumes by area, and each board's counts reconciled with FCSQ's), and a publishable version with
MoJ-style disclosure control.

Like lfjb/pack.py for one board, this package knows no output format: the workflow that reads the
inputs and writes files is lfjb/workflows/compare.py; charts and templates are in lfjb/charts/comparison.py
and lfjb/render/comparison.py.

The pack JSON files (`--from-packs`) and MoJ's FCSQ files are read by lfjb/inputs (packs.py, fcsq.py,
dfj_aliases.py); nothing here opens a file. Modules, in the order data flows:
- periods.py     the pilot's baseline and pilot periods
- league.py      the league table from pack JSON dicts
- funnel.py      funnel limits and over-dispersion (pure maths)
- drivers.py     delay drivers across boards
- inference.py   few-board inference (pure): randomisation p, restricted wild cluster bootstrap (Webb weights)
- pilot.py       "did the pilot work?" (difference-in-differences, its tests and intervals, parallel trends)
- fcsq.py        reference figures from MoJ's FCSQ files (`--fcsq`, read by lfjb.inputs.fcsq): DFJ volumes, national timeliness
- reconciliation.py  each board's own quarterly counts beside FCSQ's for its DFJ area
- model.py       ComparisonModel (its `to_json()` is the comparison JSON) and its words
- suppression.py disclosure-control rules (pure)
- disclosure.py  the publishable model (`--publish`)
"""

from __future__ import annotations

__all__ = ["DEFAULT_BASELINE", "DEFAULT_PILOT", "ComparisonModel", "parse_period"]


def __getattr__(name: str) -> object:
    """The names above, imported when first asked for: a board's pack imports one rule of
    suppression.py, and importing this package should not build the comparison's model with it."""
    if name == "ComparisonModel":
        from lfjb.compare.model import ComparisonModel

        return ComparisonModel
    if name in ("DEFAULT_BASELINE", "DEFAULT_PILOT", "parse_period"):
        from lfjb.compare import periods

        return getattr(periods, name)
    raise AttributeError(f"module 'lfjb.compare' has no attribute {name!r}")
