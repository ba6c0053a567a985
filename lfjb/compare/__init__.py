"""The cross-board comparison for MoJ and national Family Justice Board analysts (`lfjb compare`, issue 6).

All boards side by side for one month: the league table ranked on the 12 months to the month (overall and
within region), small-multiple trends, a funnel plot of % within 26 weeks with Spiegelhalter's
over-dispersion adjustment, the delay drivers most cited across boards, the pilot view (Trailblazers
against comparators, difference-in-differences with a bootstrap interval), optional official statistics
(MoJ's FCSQ: a national benchmark, public law volumes by area, and each board's counts reconciled with
FCSQ's), and a publishable version with MoJ-style disclosure control.

Modules, in the order data flows:
- packs.py       pack JSON files boards sent in (`--from-packs`), read and checked
- league.py      the league table from pack JSON dicts
- funnel.py      funnel limits and over-dispersion (pure maths)
- drivers.py     delay drivers across boards
- pilot.py       "did the pilot work?"
- fcsq.py        MoJ Family Court Statistics Quarterly files as published (`--fcsq`): DFJ volumes, national timeliness
- reconciliation.py  each board's own quarterly counts beside FCSQ's for its DFJ area
- model.py       ComparisonModel (its `to_json_dict()` is the comparison JSON) and its words
- suppression.py disclosure-control rules (pure)
- disclosure.py  the publishable model (`--publish`)
- run.py         `run_compare`, the library entry point the CLI calls
"""

from lfjb.compare.model import ComparisonModel
from lfjb.compare.run import (
    DEFAULT_BASELINE,
    DEFAULT_PILOT,
    compare_model,
    parse_period,
    run_compare,
)

__all__ = ["DEFAULT_BASELINE", "DEFAULT_PILOT", "ComparisonModel", "compare_model", "parse_period", "run_compare"]
