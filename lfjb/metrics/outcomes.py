"""Outcomes for children: the final orders of the cases disposed in the 12 months ending M (the
extract's `outcome`, mapped to lfjb's canonical ids, lfjb.vocab.OUTCOMES), overall, by local
authority and month by month, and how long cases took by outcome.

Shares are of the disposed cases with an outcome recorded; cases without one are counted apart
("not recorded"), never as an outcome.
"""

from __future__ import annotations

import pandas as pd

from lfjb.metrics.pre_proceedings import WINDOW_MONTHS, duration_summary, share, window
from lfjb.month import Month
from lfjb.vocab import OUTCOMES


def outcome_summary(cases: pd.DataFrame, month: Month) -> dict:
    """{"start", "end", "disposed", "recorded", "not_recorded", "counts", "shares", "most_common",
    "by_local_authority", "by_month", "durations"} for the cases disposed in the 12 months ending M."""
    first, last = window(month)
    disposed = cases[(cases["disposal_date"] >= first) & (cases["disposal_date"] <= last)]
    recorded = disposed[disposed["outcome"] != ""]
    # Each table is counted once over the window (pairs absent from a count are 0), not with one
    # mask over the cases per authority, month and outcome.
    counts_of = recorded["outcome"].value_counts()
    counts = {o: int(counts_of.get(o, 0)) for o in OUTCOMES}
    shares = {o: share(n, len(recorded)) for o, n in counts.items()}
    most = max(counts, key=lambda o: counts[o]) if len(recorded) else None

    disposed_by_la = disposed.groupby("local_authority", sort=True).size()
    by_la_outcome = recorded.groupby(["local_authority", "outcome"]).size().to_dict()
    recorded_by_la = recorded.groupby("local_authority").size()
    by_la = []
    for name, n_disposed in disposed_by_la.items():
        n_known = int(recorded_by_la.get(name, 0))
        la_counts = {o: int(by_la_outcome.get((name, o), 0)) for o in OUTCOMES}
        by_la.append({"local_authority": str(name), "disposed": int(n_disposed), "recorded": n_known,
                      "counts": la_counts, "shares": {o: share(n, n_known) for o, n in la_counts.items()}})

    # Grouped as a Series: DataFrame.groupby looks each Series key up among the columns by name,
    # and building the error message for one that is not there costs a Series repr.
    year, month_no, outcome = recorded["disposal_date"].dt.year, recorded["disposal_date"].dt.month, recorded["outcome"]
    by_month_outcome = outcome.groupby([year, month_no, outcome]).size().to_dict()
    recorded_by_month = outcome.groupby([year, month_no]).size().to_dict()
    by_month = []
    for k in range(WINDOW_MONTHS - 1, -1, -1):
        m = month.shift(-k)
        by_month.append({"month": str(m), "recorded": int(recorded_by_month.get((m.year, m.month), 0)),
                         "counts": {o: int(by_month_outcome.get((m.year, m.month, o), 0)) for o in OUTCOMES}})

    days = (recorded["disposal_date"] - recorded["issue_date"]).dt.days
    days_by_outcome = dict(list(days.groupby(recorded["outcome"])))
    durations = [{"outcome": o, "label": OUTCOMES[o], **duration_summary(days_by_outcome[o])}
                 for o in OUTCOMES if counts[o]]
    durations.sort(key=lambda row: -(row["median_weeks"] or 0))
    return {
        "start": str(month.shift(-(WINDOW_MONTHS - 1))),
        "end": str(month),
        "disposed": int(len(disposed)),
        "recorded": int(len(recorded)),
        "not_recorded": int(len(disposed) - len(recorded)),
        "labels": dict(OUTCOMES),
        "counts": counts,
        "shares": shares,
        "most_common": most,
        "by_local_authority": by_la,
        "by_month": by_month,
        "durations": durations,
    }
