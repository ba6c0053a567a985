"""After proceedings (issue 21): children returning to court.

Of the children in cases disposed of in a 12-month window, the share who are in a new application
(another case, issued after that disposal) within 24 months. It needs one row per child with a
`child_id` (`inputs.rows: child`), so that a child can be followed from one case to the next.

The window is the 12 months ending 24 months before M, so that every child has been followed for the
full 24 months by the end of M. When the extract does not reach back that far, the earliest 12 months
of disposals are used instead and the follow-up is shorter: the result says how many months each child
was followed at least. Pure: DataFrames and a Month in, plain values out.
"""

from __future__ import annotations

import pandas as pd

from lfjb.month import Month

FOLLOW_UP_MONTHS = 24  # "within 24 months" (issue 21; DFJ Trailblazers: children returning to court)
WINDOW_MONTHS = 12
NO_CHILD_IDS = ("needs one row per child with a child id (inputs.rows: child and a child_id column), "
                "so that a child can be followed into a later application")


def _months_between(start: pd.Timestamp, end: pd.Timestamp) -> int:
    """Whole calendar months from `start` to `end` (0 when `end` is before `start`)."""
    months = (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)
    return max(months, 0)


def returning_children(cases: pd.DataFrame, children: pd.DataFrame | None, month: Month) -> dict:
    """The `after_proceedings` section: children in cases disposed of in the window, how many are in a
    new application within FOLLOW_UP_MONTHS, and for how long they were followed.

    `children` has one row per child and case (`case_id`, `child_id`), or is None without child ids."""
    if children is None or children.empty:
        return {"unavailable": NO_CHILD_IDS, "children": None, "returned": None, "share": None}
    end_of_m = pd.Timestamp(month.last_day)
    dates = cases.set_index("case_id")[["issue_date", "disposal_date"]]
    rows = children.join(dates, on="case_id", how="inner")
    window_end = month.shift(-FOLLOW_UP_MONTHS)
    disposed = rows["disposal_date"].dropna()
    if disposed.empty:
        return {"unavailable": "no case with a child id has been disposed of yet", "children": None, "returned": None, "share": None}
    if disposed.min() > pd.Timestamp(window_end.last_day):
        # the earliest 12 months instead, never past M: a disposal recorded after M is not known at M
        window_end = min(Month.of(disposed.min().date()).shift(WINDOW_MONTHS - 1), month)
    window_start = window_end.shift(-(WINDOW_MONTHS - 1))
    first, last = pd.Timestamp(window_start.first_day), pd.Timestamp(window_end.last_day)
    index = rows[rows["disposal_date"].between(first, last)]
    if index.empty:
        return {"unavailable": f"no case with a child id was disposed of from {window_start.label} to {window_end.label}",
                "children": None, "returned": None, "share": None}
    # A later application of the same child: another case issued after the indexed disposal, within 24 months.
    later = index[["child_id", "case_id", "disposal_date"]].merge(
        rows[["child_id", "case_id", "issue_date"]], on="child_id", suffixes=("", "_next"))
    limit = later["disposal_date"] + pd.DateOffset(months=FOLLOW_UP_MONTHS)
    is_return = (later["case_id_next"] != later["case_id"]) & (later["issue_date"] > later["disposal_date"]) & \
        (later["issue_date"] <= limit) & (later["issue_date"] <= end_of_m)
    returned_ids = set(later.loc[is_return, "child_id"])
    followed = index.drop_duplicates("child_id")
    shortest = _months_between(last, end_of_m)
    if _months_between(index["disposal_date"].max(), end_of_m) <= 0:  # no child followed for a month yet
        return {"unavailable": f"too soon to follow any child: the cases were disposed of up to {window_end.label}",
                "children": None, "returned": None, "share": None}
    n, back = len(followed), int(followed["child_id"].isin(returned_ids).sum())
    return {
        "unavailable": None,
        "window": {"start": str(window_start), "end": str(window_end)},
        "children": n,
        "returned": back,
        "share": 100 * back / n if n else None,
        "follow_up_months": FOLLOW_UP_MONTHS,
        "followed_at_least_months": min(shortest, FOLLOW_UP_MONTHS),
        "follow_up_complete": shortest >= FOLLOW_UP_MONTHS,
    }
