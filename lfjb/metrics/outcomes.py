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
    counts = {o: int((recorded["outcome"] == o).sum()) for o in OUTCOMES}
    shares = {o: share(n, len(recorded)) for o, n in counts.items()}
    most = max(counts, key=lambda o: counts[o]) if len(recorded) else None

    by_la = []
    for name, group in disposed.groupby("local_authority", sort=True):
        known = group[group["outcome"] != ""]
        la_counts = {o: int((known["outcome"] == o).sum()) for o in OUTCOMES}
        by_la.append({"local_authority": str(name), "disposed": int(len(group)), "recorded": int(len(known)),
                      "counts": la_counts, "shares": {o: share(n, len(known)) for o, n in la_counts.items()}})

    month_of = recorded["disposal_date"].dt.to_period("M")
    by_month = []
    for k in range(WINDOW_MONTHS - 1, -1, -1):
        m = month.shift(-k)
        in_m = recorded[month_of == pd.Period(str(m), freq="M")]
        by_month.append({"month": str(m), "recorded": int(len(in_m)),
                         "counts": {o: int((in_m["outcome"] == o).sum()) for o in OUTCOMES}})

    days = (recorded["disposal_date"] - recorded["issue_date"]).dt.days
    durations = [{"outcome": o, "label": OUTCOMES[o], **duration_summary(days[recorded["outcome"] == o])}
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
