"""The case tracker: every case open on a date, red/amber/green for delay and risk, worst first.

After Worcester's legal case tracker (Good Practice Guide, Edition 3: the best performer, 24 weeks on
average, RAG-rates each case and its case progression officers work the "stuck" cases). Two rules,
each a board setting (`case_tracker` in the terms of reference):

- **age**: red when the case is past 26 weeks (open more than 182 days, as `open_over_26`); amber
  when it will pass 26 weeks within `amber_weeks` (8) weeks; green otherwise;
- **further case management hearings**: red with `red_fcmh` (2) or more; amber with `amber_fcmh` (1).

A case's RAG is the worse of the two. Without an `fcmh` column (or with no count for a case) the
second rule cannot be judged: the RAG is then the age rule's, and the reason says so.

**A past date** (SPEC.md "Case tracker at a past date", issue 19): an extract's `hearings` and `fcmh`
are counts at the extract's date, so a rating at an earlier date would count hearings held after it.
When the date is more than one calendar month before the extract's latest date (its latest issue or
disposal date, `latest_extract_date`), the counts are left out and the rating is by age alone
(`hearing_counts_at_date=False`), and the summary says why. Hearing dates (a hearing-level extract)
give counts as at any date: `hearing_counts_known_at(..., has_hearing_dates=True)` lifts the rule, but
only for the cases the hearing list dates: a case with no hearing in it (`hearings_dated` false) keeps
the extract's counts, from the extract's date, so at a past date its counts are left out case by case
and it is rated by age alone (`COUNTS_FROM_LATER_CASE`).

`open_cases` is the working list (it names cases: for `lfjb cases` only); `tracker_summary` is what a
board pack may show: counts, never a case id.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from lfjb.formatting import long_date, number
from lfjb.inputs.board import CaseTrackerSettings
from lfjb.vocab import DAYS_PER_WEEK, OVER_26_DAYS

RAGS = ("red", "amber", "green")
RAG_RANK = {"red": 0, "amber": 1, "green": 2}
AGE_BIN_WEEKS = 2  # the chart's bars: open cases by age in 2-week steps
AGE_CAP_WEEKS = 80  # cases this old or older share the last bar (about 18 months or more)
FCMH_NOT_IN_EXTRACT = "further CMHs are not in this board's extract, so that rule cannot be judged"
FCMH_NOT_RECORDED = "further CMHs not recorded for this case, so that rule is not judged"
COUNTS_FROM_LATER = "hearing counts in the extract are from a later date, so they were left out"
# A case a hearing list does not date, at a past date (issue 21's look-ahead, case by case).
COUNTS_FROM_LATER_CASE = ("this case's hearing counts are the extract's, from a later date (the hearing list does not "
                          "date them), so that rule is not judged")

LIST_COLUMNS = ("case_id", "local_authority", "court", "issue_date", "age_weeks", "weeks_to_26", "hearings", "fcmh",
                "delay_drivers", "rag", "rag_reason")


def latest_extract_date(cases: pd.DataFrame) -> date | None:
    """The extract's latest date: its latest issue or disposal date (about when it was taken); None
    for an extract with no dates."""
    latest = pd.concat([cases["issue_date"], cases["disposal_date"]]).max()
    return None if pd.isna(latest) else latest.date()


def _one_month_before(day: date) -> date:
    """The same day a calendar month earlier, clamped to that month's end (31 March -> 28 February)."""
    return (pd.Timestamp(day) - pd.DateOffset(months=1)).date()


def hearing_counts_known_at(at: date, extract_latest: date | None, has_hearing_dates: bool = False) -> bool:
    """True when the extract's `hearings`/`fcmh` may stand for the counts at `at`: always with hearing
    dates; otherwise when `at` is no more than one calendar month before the extract's latest date."""
    if has_hearing_dates or extract_latest is None:
        return True
    return at >= _one_month_before(extract_latest)


def counts_left_out_words(at: date, extract_latest: date | None) -> str:
    """Why the hearing counts were left out at `at`, in words for the pack and the list."""
    if extract_latest is None:
        return COUNTS_FROM_LATER
    return (f"hearing counts in the extract are from a later date ({long_date(extract_latest)}, the extract's latest date) "
            f"and would count hearings held after {long_date(at)}, so they were left out")


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
    words = {n: f"{int(n)} further CMH{'s' if n != 1 else ''}" for n in counts.unique()}  # once per distinct count
    return counts.map(words)


def open_cases(cases: pd.DataFrame, at: date, rules: CaseTrackerSettings, fcmh_recorded: bool = True,
               hearing_counts_at_date: bool = True, counts_from_later: pd.Series | None = None) -> pd.DataFrame:
    """Every case open on `at` (issued on or before it, not disposed by it), worst first, with
    LIST_COLUMNS: age in weeks, weeks until 26 (negative once past), the RAG and its reason in words.

    `hearing_counts_at_date=False` (the counts are from a later date: see `hearing_counts_known_at`)
    leaves `hearings` and `fcmh` out, blank in the list, and rates by age alone. `counts_from_later`
    (true for a case, by the index of `cases`) does the same for those cases only.

    Worst first: red, amber, green; within each, the oldest first, then the most further CMHs."""
    day = pd.Timestamp(at)
    is_open = (cases["issue_date"] <= day) & (cases["disposal_date"].isna() | (cases["disposal_date"] > day))
    open_ = cases[is_open]
    if open_.empty:
        return pd.DataFrame({c: pd.Series(dtype=float if c in ("age_weeks", "weeks_to_26", "hearings", "fcmh") else object)
                             for c in LIST_COLUMNS})
    age_days = (day - open_["issue_date"]).dt.days.to_numpy(dtype=np.int64)
    judged = fcmh_recorded and hearing_counts_at_date
    fcmh = open_["fcmh"].astype(float) if judged else pd.Series(np.nan, index=open_.index)
    hearings = open_["hearings"] if hearing_counts_at_date else pd.Series(np.nan, index=open_.index)
    later = (counts_from_later.reindex(open_.index, fill_value=False).astype(bool) if counts_from_later is not None
             else pd.Series(False, index=open_.index))
    fcmh, hearings = fcmh.where(~later), hearings.where(~later)
    unjudged_words = FCMH_NOT_IN_EXTRACT if not fcmh_recorded else COUNTS_FROM_LATER if not hearing_counts_at_date else FCMH_NOT_RECORDED

    # Age rule: red past 182 days; amber when 26 weeks is at most `amber_weeks` weeks away. Rated and
    # worded once per distinct age (a large extract has a few thousand ages among its open cases).
    ages, at_age = np.unique(age_days, return_inverse=True)
    at_age = at_age.reshape(-1)
    age_rag_u = np.where(ages > OVER_26_DAYS, "red", np.where(ages >= OVER_26_DAYS - rules.amber_weeks * DAYS_PER_WEEK, "amber", "green"))
    to_26_u = (OVER_26_DAYS - ages) / DAYS_PER_WEEK
    age_words_u = np.array([f"past 26 weeks by {number(-w, 1)} weeks" if r == "red" else
                            f"reaches 26 weeks in {number(w, 1)} weeks" if r == "amber" else f"{number(w, 1)} weeks until 26"
                            for w, r in zip(to_26_u, age_rag_u)], dtype=object)
    age_rag, to_26 = age_rag_u[at_age], to_26_u[at_age]
    age_words = pd.Series(age_words_u[at_age], index=open_.index)

    # FCMH rule: NaN (not recorded) is neither red nor amber and is said to be unjudged.
    f = fcmh.to_numpy()
    fcmh_rag = np.where(f >= rules.red_fcmh, "red", np.where(f >= rules.amber_fcmh, "amber", "green"))
    fcmh_words = _plural_fcmh(fcmh.fillna(0)).where(fcmh.notna(), unjudged_words)
    if judged:
        fcmh_words = fcmh_words.where(~later, COUNTS_FROM_LATER_CASE)
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
        "age_weeks": age_days / DAYS_PER_WEEK,
        "weeks_to_26": to_26,
        "hearings": hearings,
        "fcmh": fcmh,
        "delay_drivers": open_["delay_drivers"],
        "rag": rag,
        "rag_reason": reason,
        "_rank": rank,
    })
    listed = listed.sort_values(["_rank", "weeks_to_26", "fcmh", "case_id"], ascending=[True, True, False, True],
                                na_position="last", kind="stable")
    return listed.drop(columns="_rank").reset_index(drop=True)


def tracker_summary(listed: pd.DataFrame, at: date, rules: CaseTrackerSettings, fcmh_recorded: bool = True,
                    hearing_counts_at_date: bool = True, extract_latest: date | None = None) -> dict:
    """What a board pack shows of the tracker: counts by RAG, by local authority and by age, never a
    case id. `listed` is `open_cases(...)` with the same `fcmh_recorded` and `hearing_counts_at_date`."""
    judged = fcmh_recorded and hearing_counts_at_date
    unavailable = (None if judged else FCMH_NOT_IN_EXTRACT if not fcmh_recorded
                   else counts_left_out_words(at, extract_latest))
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
        "fcmh_judged": judged,
        "fcmh_not_recorded": int(fcmh.isna().sum()) if judged else None,
        "hearing_counts_at_date": hearing_counts_at_date,
        "extract_latest": None if extract_latest is None else extract_latest.isoformat(),
        "by_local_authority": by_la,
        "age_profile": age_profile,
        "oldest_weeks": float(listed["age_weeks"].max()) if len(listed) else None,
        "rules": {"amber_weeks": rules.amber_weeks, "red_fcmh": rules.red_fcmh, "amber_fcmh": rules.amber_fcmh},
        "rule_words": rule_words(rules, judged),
        "unavailable": unavailable,
    }


def case_tracker(cases: pd.DataFrame, at: date, rules: CaseTrackerSettings, fcmh_recorded: bool = True,
                 has_hearing_dates: bool = False) -> tuple[pd.DataFrame, dict]:
    """(open_cases, tracker_summary) at `at`, with the past-date rule applied: the one call the pack
    and `lfjb cases` make. `has_hearing_dates=True` (counts worked out as at `at` from hearing dates)
    keeps the hearing counts at any date for the cases the hearing list dates (`hearings_dated`); the
    others' counts are the extract's, so at a past date they are left out, case by case."""
    latest = latest_extract_date(cases)
    at_date = hearing_counts_known_at(at, latest, has_hearing_dates)
    later = None
    if has_hearing_dates and "hearings_dated" in cases and not hearing_counts_known_at(at, latest):
        # With a count to leave out: a case with none is 'not recorded', as it would be at any date.
        later = ~cases["hearings_dated"].astype(bool) & (cases["hearings"].notna() | cases["fcmh"].notna())
    listed = open_cases(cases, at, rules, fcmh_recorded, at_date, counts_from_later=later)
    return listed, tracker_summary(listed, at, rules, fcmh_recorded, at_date, latest)
