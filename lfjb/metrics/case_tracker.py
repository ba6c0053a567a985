"""The case tracker: every case open on a date, red/amber/green for delay and risk, worst first.

After Worcester's legal case tracker (Good Practice Guide, Edition 3: the best performer, 24 weeks on
average, RAG-rates each case and its case progression officers work the "stuck" cases). Two rules,
each a board setting (`case_tracker` in the terms of reference):

- **age**: red when the case is past 26 weeks (open more than 182 days, as `open_over_26`); amber
  when it will pass 26 weeks within `amber_weeks` (8) weeks; green otherwise;
- **further case management hearings**: red with `red_fcmh` (2) or more; amber with `amber_fcmh` (1).

A case's RAG is the worse of the two. Without an `fcmh` column (or with no count for a case) the
second rule cannot be judged: the RAG is then the age rule's, and the reason says so.

`open_cases` is the working list (it names cases: for `lfjb cases` only); `tracker_summary` is what a
board pack may show: counts, never a case id.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from lfjb.formatting import number
from lfjb.inputs.board import CaseTrackerSettings

WEEKS_26_DAYS = 26 * 7  # 182: past 26 weeks means open more than this (SPEC.md open_over_26)
RAGS = ("red", "amber", "green")
RAG_RANK = {"red": 0, "amber": 1, "green": 2}
AGE_BIN_WEEKS = 2  # the chart's bars: open cases by age in 2-week steps
AGE_CAP_WEEKS = 80  # cases this old or older share the last bar (about 18 months or more)
FCMH_NOT_IN_EXTRACT = "further CMHs are not in this board's extract, so that rule cannot be judged"
FCMH_NOT_RECORDED = "further CMHs not recorded for this case, so that rule is not judged"

LIST_COLUMNS = ("case_id", "local_authority", "court", "issue_date", "age_weeks", "weeks_to_26", "hearings", "fcmh",
                "delay_drivers", "rag", "rag_reason")


def rule_words(rules: CaseTrackerSettings, fcmh_recorded: bool = True) -> dict[str, str]:
    """The RAG rules in words, for the list's heading, the pack and the README."""
    words = {
        "red": f"past 26 weeks, or {rules.red_fcmh} or more further case management hearings (CMHs)",
        "amber": f"will pass 26 weeks within {rules.amber_weeks} weeks, or {rules.amber_fcmh} or more further CMHs",
        "green": "neither of those",
    }
    if not fcmh_recorded:
        words = {"red": "past 26 weeks", "amber": f"will pass 26 weeks within {rules.amber_weeks} weeks",
                 "green": "neither of those"}
    return words


def _plural_fcmh(counts: pd.Series) -> pd.Series:
    return counts.map(lambda n: f"{int(n)} further CMH{'s' if n != 1 else ''}")


def open_cases(cases: pd.DataFrame, at: date, rules: CaseTrackerSettings, fcmh_recorded: bool = True) -> pd.DataFrame:
    """Every case open on `at` (issued on or before it, not disposed by it), worst first, with
    LIST_COLUMNS: age in weeks, weeks until 26 (negative once past), the RAG and its reason in words.

    Worst first: red, amber, green; within each, the oldest first, then the most further CMHs."""
    day = pd.Timestamp(at)
    is_open = (cases["issue_date"] <= day) & (cases["disposal_date"].isna() | (cases["disposal_date"] > day))
    open_ = cases[is_open]
    if open_.empty:
        return pd.DataFrame({c: pd.Series(dtype=float if c in ("age_weeks", "weeks_to_26", "hearings", "fcmh") else object)
                             for c in LIST_COLUMNS})
    age_days = (day - open_["issue_date"]).dt.days.to_numpy(dtype=np.int64)
    fcmh = open_["fcmh"].astype(float) if fcmh_recorded else pd.Series(np.nan, index=open_.index)

    # Age rule: red past 182 days; amber when 26 weeks is at most `amber_weeks` weeks away.
    age_rag = np.where(age_days > WEEKS_26_DAYS, "red",
                       np.where(age_days >= WEEKS_26_DAYS - rules.amber_weeks * 7, "amber", "green"))
    to_26 = (WEEKS_26_DAYS - age_days) / 7
    age_words = pd.Series(np.select(
        [age_rag == "red", age_rag == "amber"],
        [pd.Series(-to_26).map(lambda w: f"past 26 weeks by {number(w, 1)} weeks").to_numpy(),
         pd.Series(to_26).map(lambda w: f"reaches 26 weeks in {number(w, 1)} weeks").to_numpy()],
        default=pd.Series(to_26).map(lambda w: f"{number(w, 1)} weeks until 26").to_numpy()), index=open_.index)

    # FCMH rule: NaN (not recorded) is neither red nor amber and is said to be unjudged.
    f = fcmh.to_numpy()
    fcmh_rag = np.where(f >= rules.red_fcmh, "red", np.where(f >= rules.amber_fcmh, "amber", "green"))
    fcmh_words = _plural_fcmh(fcmh.fillna(0)).where(fcmh.notna(), FCMH_NOT_IN_EXTRACT if not fcmh_recorded else FCMH_NOT_RECORDED)
    fcmh_words = fcmh_words.where(~(fcmh == 0), "no further CMH")

    rank = np.minimum(pd.Series(age_rag).map(RAG_RANK).to_numpy(), pd.Series(fcmh_rag).map(RAG_RANK).to_numpy())
    rag = np.array(RAGS, dtype=object)[rank] if len(rank) else np.array([], dtype=object)
    # The reason names the rules that set the colour; a rule that could not be judged is always said.
    age_sets = age_rag == rag
    fcmh_sets = (fcmh_rag == rag) & fcmh.notna().to_numpy()
    age_part = age_words.where(age_sets, "")
    fcmh_part = fcmh_words.where(fcmh_sets, "")
    reason = (age_part + np.where(age_sets & fcmh_sets, " and ", "") + fcmh_part)
    unjudged = fcmh.isna().to_numpy()
    reason = reason + np.where(unjudged, "; " + fcmh_words, "")

    listed = pd.DataFrame({
        "case_id": open_["case_id"],
        "local_authority": open_["local_authority"],
        "court": open_["court"] if "court" in open_ else None,
        "issue_date": open_["issue_date"].dt.date,
        "age_weeks": age_days / 7,
        "weeks_to_26": to_26,
        "hearings": open_["hearings"],
        "fcmh": fcmh,
        "delay_drivers": open_["delay_drivers"],
        "rag": rag,
        "rag_reason": reason,
        "_rank": rank,
    })
    listed = listed.sort_values(["_rank", "weeks_to_26", "fcmh", "case_id"], ascending=[True, True, False, True],
                                na_position="last", kind="stable")
    return listed.drop(columns="_rank").reset_index(drop=True)


def tracker_summary(listed: pd.DataFrame, at: date, rules: CaseTrackerSettings, fcmh_recorded: bool = True) -> dict:
    """What a board pack shows of the tracker: counts by RAG, by local authority and by age, never a
    case id. `listed` is `open_cases(...)`."""
    by_rag = {r: int((listed["rag"] == r).sum()) for r in RAGS}
    past_26 = listed["weeks_to_26"] < 0
    red = listed["rag"] == "red"
    fcmh = listed["fcmh"]
    # Counts of (authority, RAG) and (age bin, RAG) pairs, each once; a pair absent is 0.
    by_la_rag = listed.groupby(["local_authority", "rag"]).size().to_dict()
    by_la = [
        {"local_authority": str(name), "open": int(n), **{r: int(by_la_rag.get((name, r), 0)) for r in RAGS}}
        for name, n in listed.groupby("local_authority").size().items()  # one row per authority, not per case
    ]
    by_la.sort(key=lambda row: (-row["red"], -row["amber"], row["local_authority"]))
    # Age profile for the chart: 2-week bins, the last one open-ended.
    weeks = pd.Series(np.minimum(np.floor(listed["age_weeks"].to_numpy() / AGE_BIN_WEEKS) * AGE_BIN_WEEKS, AGE_CAP_WEEKS),
                      index=listed.index)
    by_bin_rag = listed["rag"].groupby([weeks, listed["rag"]]).size().to_dict()
    age_profile = [
        {"from_weeks": int(start), "to_weeks": None if start >= AGE_CAP_WEEKS else int(start + AGE_BIN_WEEKS),
         **{r: int(by_bin_rag.get((start, r), 0)) for r in RAGS}}
        for start in sorted(weeks.unique())
    ]
    return {
        "as_of": at.isoformat(),
        "open": int(len(listed)),
        "by_rag": by_rag,
        "red_past_26_weeks": int((red & past_26).sum()),
        "red_fcmh_only": int((red & ~past_26).sum()),
        "fcmh_judged": fcmh_recorded,
        "fcmh_not_recorded": int(fcmh.isna().sum()) if fcmh_recorded else None,
        "by_local_authority": by_la,
        "age_profile": age_profile,
        "oldest_weeks": float(listed["age_weeks"].max()) if len(listed) else None,
        "rules": {"amber_weeks": rules.amber_weeks, "red_fcmh": rules.red_fcmh, "amber_fcmh": rules.amber_fcmh},
        "rule_words": rule_words(rules, fcmh_recorded),
        "unavailable": None if fcmh_recorded else FCMH_NOT_IN_EXTRACT,
    }
