"""The child's journey through proceedings, stage by stage (issue 21; SPEC.md `journey`).

For the cases disposed of in the 12 months ending M, the median weeks (and number of cases) of each
stage, where the dates allow:

- `plo_to_issue`: the letter before proceedings to issue (needs a pre-proceedings log that carries
  the court's case id);
- `issue_to_cmh`: issue to the first case management hearing held (the PLO's day-12 hearing);
- `cmh_to_irh`: the first CMH to the first issues resolution hearing held;
- `irh_to_final`: the first IRH to the first final hearing held;
- `issue_to_disposal`: issue to the final order (every disposed case).

Hearing dates come from a hearing list (`rows: hearing`); vacated, adjourned or cancelled hearings
were not held and do not count. A stage whose end comes before its start (a keying error) is left out
of that stage. A stage with no dates is `unavailable` with the reason in words, never 0.

Also the share of first CMHs held by day 12: of the cases whose first CMH was held in the 12 months
ending M, those held by day 12 of the proceedings. PD12A's Public Law Outline counts the day of issue as
day 1, so day 12 is 11 days after issue.

Pure: DataFrames and a Month in, plain values out.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lfjb.month import Month
from lfjb.vocab import DAYS_PER_WEEK, STATUTORY_WEEKS

ROLLING_MONTHS = 12
CMH_DAY = 12  # PLO (Practice Direction 12A): the case management hearing by day 12
CMH_BY_DAY_12_DAYS = CMH_DAY - 1  # the day of issue is day 1
WEEKS_26 = STATUTORY_WEEKS  # the statutory limit, drawn on the journey bars

STAGES: dict[str, str] = {
    "plo_to_issue": "Letter before proceedings to issue",
    "issue_to_cmh": "Issue to first case management hearing",
    "cmh_to_irh": "First case management hearing to issues resolution hearing",
    "irh_to_final": "Issues resolution hearing to final hearing",
    "issue_to_disposal": "Issue to final order",
}
# Short labels for the chart's legend and a phone's narrow table.
STAGE_SHORT: dict[str, str] = {
    "plo_to_issue": "PLO letter to issue",
    "issue_to_cmh": "Issue to CMH",
    "cmh_to_irh": "CMH to IRH",
    "irh_to_final": "IRH to final hearing",
    "issue_to_disposal": "Issue to final order",
}
# (start, end) date of each stage in the table `stage_dates` returns.
_BOUNDS = {
    "plo_to_issue": ("plo_letter_date", "issue_date"),
    "issue_to_cmh": ("issue_date", "cmh"),
    "cmh_to_irh": ("cmh", "irh"),
    "irh_to_final": ("irh", "final"),
    "issue_to_disposal": ("issue_date", "disposal_date"),
}
# The stages drawn side by side on each authority's bar, in the order a case meets them.
BAR_STAGES = ("issue_to_cmh", "cmh_to_irh", "irh_to_final")
# In words a chair reads (the pack prints them); README's "Hearing lists" and "Pre-proceedings log" say which
# settings of the terms of reference add them.
NO_HEARING_LIST = ("needs hearing dates: the secretariat can add the court's hearing list to the board's terms of "
                   "reference as a source of case data")
NO_PLO_CASE_ID = "needs a pre-proceedings log that carries the court's case id for families who reached court"
NO_PLO_LOG = ("needs a pre-proceedings log that carries the court's case id for families who reached court (the "
              "secretariat can add one to the board's terms of reference)")


def plo_letters(families: pd.DataFrame | None, cases: pd.DataFrame) -> pd.Series | None:
    """Each case's letter before proceedings, from a pre-proceedings log with the court's `case_id`
    (matched ignoring case, spaces and punctuation): the latest letter on or before the issue date.
    None when the log is absent or carries no case ids."""
    if families is None or "case_id" not in families:
        return None
    key = lambda ids: ids.astype(str).str.lower().str.replace(r"[^0-9a-z]+", "", regex=True)  # noqa: E731
    letters = families.loc[families["case_id"].astype(str) != "", ["case_id", "plo_letter_date"]].assign(_key=lambda f: key(f["case_id"]))
    issued = cases[["case_id", "issue_date"]].assign(_key=key(cases["case_id"]))
    joined = issued.merge(letters[["_key", "plo_letter_date"]], on="_key")
    joined = joined[joined["plo_letter_date"] <= joined["issue_date"]]
    return joined.groupby("case_id")["plo_letter_date"].max()


def first_hearings(hearings: pd.DataFrame) -> pd.DataFrame:
    """Per case id, the date of its first held CMH, IRH and final hearing (NaT where none was held)."""
    held = hearings[hearings["held"] & hearings["hearing_date"].notna()]
    firsts = held.groupby(["case_id", "hearing_type"])["hearing_date"].min().unstack()
    return firsts.reindex(columns=["cmh", "irh", "final"]).astype("datetime64[ns]")


def stage_dates(cases: pd.DataFrame, hearings: pd.DataFrame | None, letters: pd.Series | None = None) -> pd.DataFrame:
    """One row per case: local authority, issue, disposal, first CMH, IRH and final hearing, PLO letter."""
    out = cases[["case_id", "local_authority", "issue_date", "disposal_date"]].copy()
    firsts = first_hearings(hearings) if hearings is not None else pd.DataFrame(columns=["cmh", "irh", "final"])
    for column in ("cmh", "irh", "final"):
        out[column] = pd.to_datetime(out["case_id"].map(firsts[column]) if len(firsts) else pd.Series(pd.NaT, index=out.index))
    letters = letters if letters is not None else pd.Series(dtype="datetime64[ns]")
    out["plo_letter_date"] = pd.to_datetime(out["case_id"].map(letters)) if len(letters) else pd.NaT
    return out


def _stage_days(dates: pd.DataFrame, stage: str) -> pd.Series:
    start, end = _BOUNDS[stage]
    days = (dates[end] - dates[start]).dt.days
    return days[days.notna() & (days >= 0)]


def _median_weeks(days: pd.Series) -> float | None:
    return float(np.median(days.to_numpy(dtype=float))) / DAYS_PER_WEEK if len(days) else None


def _disposed_in_window(dates: pd.DataFrame, month: Month) -> pd.DataFrame:
    first = pd.Timestamp(month.shift(-(ROLLING_MONTHS - 1)).first_day)
    last = pd.Timestamp(month.last_day)
    return dates[dates["disposal_date"].between(first, last)]


def _stages(window: pd.DataFrame, reasons: dict[str, str]) -> list[dict]:
    rows = []
    for stage, label in STAGES.items():
        days = _stage_days(window, stage)
        why = reasons.get(stage)
        if why is None and days.empty:
            why = "no case disposed of in the 12 months has both dates"
        rows.append({"id": stage, "label": label, "short_label": STAGE_SHORT[stage],
                     "median_weeks": None if why else _median_weeks(days), "cases": 0 if why else int(len(days)),
                     "unavailable": why})
    return rows


def cmh_by_day_12(dates: pd.DataFrame, month: Month) -> dict:
    """Of the cases whose first CMH was held in the 12 months ending M: how many, and the share held by day 12."""
    first = pd.Timestamp(month.shift(-(ROLLING_MONTHS - 1)).first_day)
    in_window = dates[dates["cmh"].between(first, pd.Timestamp(month.last_day))]
    days = (in_window["cmh"] - in_window["issue_date"]).dt.days
    on_time = days <= CMH_BY_DAY_12_DAYS

    def share(mask: pd.Series) -> float | None:
        return float(100 * mask.mean()) if len(mask) else None

    by_la = [{"local_authority": str(la), "cases": int(len(group)), "by_day_12": int(group.sum()), "share": share(group)}
             for la, group in on_time.groupby(in_window["local_authority"])]
    return {"cases": int(len(in_window)), "by_day_12": int(on_time.sum()), "share": share(on_time),
            "median_days": float(days.median()) if len(days) else None, "day": CMH_DAY, "by_local_authority": by_la}


def journey_summary(cases: pd.DataFrame, month: Month, hearings: pd.DataFrame | None = None,
                    letters: pd.Series | None = None, plo_unavailable: str | None = NO_PLO_CASE_ID) -> dict:
    """The pack's `journey` section: `stages` (SPEC.md), a bar of stage medians per local authority,
    and the share of CMHs held by day 12. `hearings` is the hearing list (None without one);
    `letters` maps case ids to their letter before proceedings (`plo_letters`), and
    `plo_unavailable` says why there are none."""
    dates = stage_dates(cases, hearings, letters)
    window = _disposed_in_window(dates, month)
    reasons: dict[str, str] = {}
    if hearings is None:
        reasons |= {s: NO_HEARING_LIST for s in ("issue_to_cmh", "cmh_to_irh", "irh_to_final")}
    if letters is None and plo_unavailable:
        reasons["plo_to_issue"] = plo_unavailable
    stages = _stages(window, reasons)
    cmh = cmh_by_day_12(dates, month) if hearings is not None else None
    cmh_share = {row["local_authority"]: row["share"] for row in (cmh or {}).get("by_local_authority", [])}
    by_la = []
    for la, group in window.groupby("local_authority"):
        la_stages = _stages(group, reasons)
        by_la.append({"local_authority": str(la), "cases": int(len(group)),
                      "stages": {s["id"]: s["median_weeks"] for s in la_stages},
                      "counts": {s["id"]: s["cases"] for s in la_stages},
                      "cmh_by_day_12": cmh_share.get(str(la))})
    by_la.sort(key=lambda row: row["local_authority"])
    return {
        "unavailable": None,
        "window": {"start": str(month.shift(-(ROLLING_MONTHS - 1))), "end": str(month)},
        "stages": stages,
        "bar_stages": list(BAR_STAGES),
        "by_local_authority": by_la,
        "cmh_by_day_12": cmh,
        "weeks_26": WEEKS_26,
        "has_hearing_dates": hearings is not None,
    }
