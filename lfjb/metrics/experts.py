"""Expert assessments: how many cases used them and how long cases took with and without them.

The Good Practice Guide names "availability and frequency of expert assessments usage" as a driver of
delay. From the extract's `experts` (the number of expert assessments in a case), over the cases
disposed in the 12 months ending M; cases with no count recorded are left out of the shares.
"""

from __future__ import annotations

import pandas as pd

from lfjb.metrics.pre_proceedings import WINDOW_MONTHS, duration_summary, share, window
from lfjb.month import Month

# Issue 19 item 5: a with/without comparison invites a causal reading; one sentence says why it is not.
NOT_AN_EFFECT = ("Not a measure of what expert assessments do to duration: a case that runs longer has more time "
                 "in which to commission experts, and the more complex cases are the ones that need them, so cases "
                 "with experts would take longer even if experts added no delay.")


def expert_summary(cases: pd.DataFrame, month: Month) -> dict:
    """{"start", "end", "disposed", "recorded", "with_experts", "share", "mean_experts",
    "durations": {"with", "without"}, "by_local_authority"} for cases disposed in the 12 months to M."""
    first, last = window(month)
    disposed = cases[(cases["disposal_date"] >= first) & (cases["disposal_date"] <= last)]
    experts = disposed["experts"].astype(float)
    known = disposed[experts.notna()]
    used = experts[experts.notna()] >= 1
    days = (known["disposal_date"] - known["issue_date"]).dt.days
    by_la = []
    for name, group in known.groupby("local_authority", sort=True):
        n_with = int((group["experts"].astype(float) >= 1).sum())
        by_la.append({"local_authority": str(name), "cases": int(len(group)), "with_experts": n_with,
                      "share": share(n_with, len(group))})
    return {
        "start": str(month.shift(-(WINDOW_MONTHS - 1))),
        "end": str(month),
        "disposed": int(len(disposed)),
        "recorded": int(len(known)),
        "not_recorded": int(len(disposed) - len(known)),
        "with_experts": int(used.sum()),
        "share": share(int(used.sum()), len(known)),
        "mean_experts": float(experts.mean()) if len(known) else None,
        "durations": {"with": duration_summary(days[used.to_numpy()]), "without": duration_summary(days[~used.to_numpy()]),
                      "not_an_effect": NOT_AN_EFFECT},
        "by_local_authority": by_la,
    }
