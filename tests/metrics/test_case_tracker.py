"""Known-answer tests for the case tracker (lfjb/metrics/case_tracker.py)."""

from __future__ import annotations

import json
from datetime import date

import numpy as np
import pandas as pd

from lfjb.inputs.board import CaseTrackerSettings
from lfjb.metrics.case_tracker import open_cases, tracker_summary
from lfjb.month import Month

AT = date(2025, 3, 31)
RULES = CaseTrackerSettings()  # amber_weeks 8, red_fcmh 2, amber_fcmh 1


def _cases(rows: list[tuple]) -> pd.DataFrame:
    """(case_id, local_authority, issue date, disposal date or None, fcmh or None)."""
    return pd.DataFrame({
        "case_id": [r[0] for r in rows],
        "local_authority": [r[1] for r in rows],
        "issue_date": pd.to_datetime([r[2] for r in rows]),
        "disposal_date": pd.to_datetime([r[3] for r in rows]),
        "hearings": [3.0] * len(rows),
        "fcmh": [np.nan if r[4] is None else float(r[4]) for r in rows],
        "delay_drivers": [()] * len(rows),
    })


# Ages on 31 March 2025 (days): A 2024-09-29 -> 183 (past 26 weeks: red); B 2024-09-30 -> 182
# (exactly 26 weeks: not past, amber); C 2024-11-25 -> 126 = 182 - 8*7 (reaches 26 in exactly 8 weeks:
# amber); D 2024-11-26 -> 125 (8.1 weeks to go: green by age) with 2 FCMHs: red; E 2025-03-01 -> 30,
# 1 FCMH: amber; F 2025-03-01, 0 FCMH: green; G disposed 2025-03-31 (not open); H disposed
# 2025-04-01 (after the day: open, 2025-01-01 -> 89 days: green); I issued after the day: not open.
CASES = _cases([
    ("A", "North", "2024-09-29", None, 0),
    ("B", "North", "2024-09-30", None, 0),
    ("C", "South", "2024-11-25", None, 0),
    ("D", "South", "2024-11-26", None, 2),
    ("E", "North", "2025-03-01", None, 1),
    ("F", "North", "2025-03-01", None, 0),
    ("G", "North", "2024-01-01", "2025-03-31", 5),
    ("H", "South", "2025-01-01", "2025-04-01", 0),
    ("I", "South", "2025-04-01", None, 0),
])


def test_open_cases_are_rated_and_listed_worst_first():
    listed = open_cases(CASES, AT, RULES)
    assert list(listed["case_id"]) == ["A", "D", "B", "C", "E", "H", "F"]
    # Red first (A oldest, then D red for its FCMHs), amber by age (B, C, then E for its FCMH), green by age.
    assert list(listed["rag"]) == ["red", "red", "amber", "amber", "amber", "green", "green"]
    a = listed.iloc[0]
    assert a["age_weeks"] == 183 / 7 and a["weeks_to_26"] == -1 / 7
    assert a["rag_reason"] == "past 26 weeks by 0.1 weeks"
    assert listed.iloc[1]["rag_reason"] == "2 further CMHs"
    assert listed.iloc[2]["rag_reason"] == "reaches 26 weeks in 0.0 weeks"
    assert listed.iloc[3]["rag_reason"] == "reaches 26 weeks in 8.0 weeks"
    assert listed.iloc[4]["rag_reason"] == "1 further CMH"
    assert listed.iloc[6]["rag_reason"] == "21.7 weeks until 26 and no further CMH"  # F: (182 - 30) / 7


def test_both_rules_at_the_same_colour_are_both_named():
    listed = open_cases(_cases([("X", "North", "2024-01-01", None, 3)]), AT, RULES)
    assert listed.iloc[0]["rag_reason"].startswith("past 26 weeks by") and listed.iloc[0]["rag_reason"].endswith("and 3 further CMHs")


def test_thresholds_are_board_settings():
    # amber_weeks 4: C (8 weeks to go) is green by age; red_fcmh 3: D (2 FCMHs) is only amber.
    listed = open_cases(CASES, AT, CaseTrackerSettings(amber_weeks=4, red_fcmh=3, amber_fcmh=2)).set_index("case_id")
    assert listed.loc["C", "rag"] == "green" and listed.loc["D", "rag"] == "amber" and listed.loc["E", "rag"] == "green"


def test_without_an_fcmh_column_the_rule_cannot_be_judged():
    listed = open_cases(CASES, AT, RULES, fcmh_recorded=False).set_index("case_id")
    # D is green by age alone; every reason says the FCMH rule cannot be judged.
    assert listed.loc["D", "rag"] == "green"
    assert listed["rag_reason"].str.endswith("further CMHs are not in this board's extract, so that rule cannot be judged").all()
    assert listed["fcmh"].isna().all()
    summary = tracker_summary(listed.reset_index(), AT, RULES, fcmh_recorded=False)
    assert summary["fcmh_judged"] is False and summary["fcmh_not_recorded"] is None
    assert "cannot be judged" in summary["unavailable"]


def test_a_case_without_an_fcmh_count_says_so():
    listed = open_cases(_cases([("Y", "North", "2025-03-01", None, None)]), AT, RULES)
    assert listed.iloc[0]["rag"] == "green"
    assert listed.iloc[0]["rag_reason"] == "21.7 weeks until 26; further CMHs not recorded for this case, so that rule is not judged"


def test_summary_counts_by_rag_authority_and_age_without_case_ids():
    listed = open_cases(CASES, AT, RULES)
    s = tracker_summary(listed, AT, RULES)
    assert s["open"] == 7 and s["by_rag"] == {"red": 2, "amber": 3, "green": 2}
    assert s["red_past_26_weeks"] == 1 and s["red_fcmh_only"] == 1
    # North: A red, B amber, E amber, F green; South: D red, C amber, H green.
    assert s["by_local_authority"] == [
        {"local_authority": "North", "open": 4, "red": 1, "amber": 2, "green": 1},
        {"local_authority": "South", "open": 3, "red": 1, "amber": 1, "green": 1},
    ]
    # 2-week bins: E, F (30 days = 4.3 weeks) in 4-6; H (89 days = 12.7) in 12-14; C, D (17.9-18 weeks)
    # in 16-18 and 18-20; B (26.0) and A (26.1) in 26-28.
    bins = {b["from_weeks"]: (b["red"], b["amber"], b["green"]) for b in s["age_profile"]}
    assert bins == {4: (0, 1, 1), 12: (0, 0, 1), 16: (1, 0, 0), 18: (0, 1, 0), 26: (1, 1, 0)}
    assert "case_id" not in json.dumps(s)  # the pack's counts carry no case


def test_no_open_cases():
    listed = open_cases(CASES, date(2020, 1, 1), RULES)
    assert listed.empty
    s = tracker_summary(listed, date(2020, 1, 1), RULES)
    assert s["open"] == 0 and s["by_rag"] == {"red": 0, "amber": 0, "green": 0} and s["age_profile"] == []


# --- the pack's headline on the tracker (lfjb/metrics/headlines.py) ---------------------------------------


def _tracker(red: int, amber: int, past_26: int, fcmh_only: int, fcmh_judged: bool = True) -> dict:
    return {"open": red + amber + 10, "by_rag": {"red": red, "amber": amber, "green": 10}, "red_past_26_weeks": past_26,
            "red_fcmh_only": fcmh_only, "fcmh_judged": fcmh_judged, "rules": {"red_fcmh": 2}}


def test_the_headline_gives_red_and_amber_at_the_month_end():
    from lfjb.metrics.headlines import _tracker_headline

    h = _tracker_headline(_tracker(red=7, amber=3, past_26=5, fcmh_only=2), Month(2025, 3))
    assert h == {"text": "Case progression: 7 of the 20 cases open at the end of March 2025 are red (5 past 26 weeks, "
                         "2 younger but with 2 or more further case management hearings) and 3 amber.",
                 "tone": "warn", "section": "case_progression"}
    one = _tracker_headline(_tracker(red=1, amber=0, past_26=1, fcmh_only=0, fcmh_judged=False), Month(2025, 3))
    assert one["text"] == "Case progression: 1 of the 11 cases open at the end of March 2025 is red (past 26 weeks) and 0 amber."
    age_only = _tracker_headline(_tracker(red=6, amber=2, past_26=6, fcmh_only=0), Month(2025, 3))
    assert "are red (all past 26 weeks) and 2 amber." in age_only["text"]
    none = _tracker_headline(_tracker(red=0, amber=4, past_26=0, fcmh_only=0), Month(2025, 3))
    assert none["tone"] == "good" and "none of the 14 cases" in none["text"]
    assert _tracker_headline({"open": 0}, Month(2025, 3)) is None


def test_each_sample_pack_headline_says_what_its_case_tracker_shows():
    """Words beside figures: the headline's counts are the tracker section's counts, for every sample board."""
    import re
    from pathlib import Path

    from lfjb.inputs import load_board
    from lfjb.pack import build_pack

    for path in sorted((Path(__file__).resolve().parents[2] / "board_config").glob("*.yaml")):
        pack = build_pack(load_board(path), Month(2025, 3))
        t = pack.case_tracker
        [h] = [h for h in pack.headlines if h["section"] == "case_progression"]
        red, open_, why = re.match(r"Case progression: (\d+) of the (\d+) .*? red \((.*?)\)", h["text"]).groups()
        assert (int(red), int(open_)) == (t["by_rag"]["red"], t["open"]), path.stem
        past = t["by_rag"]["red"] if why == "all past 26 weeks" else int(why.split()[0])
        assert past == t["red_past_26_weeks"], path.stem
        assert h["text"].endswith(f"and {t['by_rag']['amber']} amber."), path.stem


# --- a past date: no look-ahead (SPEC.md "Case tracker at a past date") ----------------------------------


def test_the_extracts_latest_date_is_its_latest_issue_or_disposal():
    from lfjb.metrics.case_tracker import latest_extract_date

    # I was issued 2025-04-01 and H disposed 2025-04-01; nothing later.
    assert latest_extract_date(CASES) == date(2025, 4, 1)
    later = pd.concat([CASES, _cases([("J", "North", "2025-01-01", "2025-05-07", 0)])])
    assert latest_extract_date(later) == date(2025, 5, 7)


def test_hearing_counts_stand_only_within_a_calendar_month_of_the_extract():
    from lfjb.metrics.case_tracker import hearing_counts_known_at

    latest = date(2025, 3, 31)
    # One calendar month before 31 March is 28 February (the day clamped to the month's end).
    assert hearing_counts_known_at(date(2025, 2, 28), latest) is True
    assert hearing_counts_known_at(date(2025, 2, 27), latest) is False
    assert hearing_counts_known_at(date(2025, 3, 31), latest) is True
    assert hearing_counts_known_at(date(2024, 9, 30), latest) is False
    # Hearing dates (a hearing-level extract) give counts as at any date: the rule is lifted.
    assert hearing_counts_known_at(date(2024, 9, 30), latest, has_hearing_dates=True) is True


def test_at_a_past_date_the_rating_is_by_age_alone_and_says_why():
    # On 31 March 2025 with counts left out: D (125 days, 2 FCMHs) is green by age, E (30 days, 1 FCMH)
    # green; A red, B and C amber as before; hearings and FCMHs are blanked, not shown as then.
    listed = open_cases(CASES, AT, RULES, hearing_counts_at_date=False).set_index("case_id")
    assert listed["rag"].to_dict() == {"A": "red", "B": "amber", "C": "amber", "D": "green", "E": "green",
                                      "F": "green", "H": "green"}
    assert listed["fcmh"].isna().all() and listed["hearings"].isna().all()
    assert listed["rag_reason"].str.contains("from a later date").all()
    s = tracker_summary(listed.reset_index(), AT, RULES, hearing_counts_at_date=False, extract_latest=date(2025, 6, 30))
    assert s["by_rag"] == {"red": 1, "amber": 2, "green": 4}
    assert s["fcmh_judged"] is False and s["hearing_counts_at_date"] is False and s["red_fcmh_only"] == 0
    assert s["extract_latest"] == "2025-06-30"
    assert s["unavailable"] == ("hearing counts in the extract are from a later date (30 June 2025, the extract's "
                                "latest date) and would count hearings held after 31 March 2025, so they were left out")
    assert s["rule_words"]["red"] == "past 26 weeks"


def test_central_londons_september_2024_tracker_is_the_age_only_rule():
    """Known answer (issue 19): at the end of September 2024, more than a month before the sample
    extract's latest date, Central London's tracker equals the age rule counted by hand."""
    from pathlib import Path

    from lfjb.inputs import load_board
    from lfjb.pack import build_pack

    board = load_board(Path(__file__).resolve().parents[2] / "board_config" / "central-london.yaml")
    t = build_pack(board, Month(2024, 9)).case_tracker
    cases, day = board.extract.cases, pd.Timestamp(2024, 9, 30)
    is_open = (cases["issue_date"] <= day) & (cases["disposal_date"].isna() | (cases["disposal_date"] > day))
    age = (day - cases.loc[is_open, "issue_date"]).dt.days
    red, amber = int((age > 182).sum()), int(((age <= 182) & (age >= 182 - 56)).sum())
    assert t.by_rag.to_json() == {"red": red, "amber": amber, "green": int(is_open.sum()) - red - amber}
    assert t["red_fcmh_only"] == 0 and t["fcmh_judged"] is False and "later date" in t["unavailable"]
    # In March 2025, the extract's own month, the FCMH rule still counts.
    march = build_pack(board, Month(2025, 3)).case_tracker
    assert march["fcmh_judged"] is True and march["hearing_counts_at_date"] is True


def test_a_past_months_headline_says_the_rating_is_by_age_alone():
    from lfjb.metrics.headlines import _tracker_headline

    t = {**_tracker(red=6, amber=2, past_26=6, fcmh_only=0, fcmh_judged=False), "hearing_counts_at_date": False}
    h = _tracker_headline(t, Month(2024, 9))
    assert h["text"].endswith("and 2 amber, rated on age alone: the extract's hearing counts are from a later date.")
    # At the extract's own month nothing more is said.
    assert "age alone" not in _tracker_headline({**t, "hearing_counts_at_date": True}, Month(2024, 9))["text"]
