"""The canonical vocabulary of lfjb: ids that never change (SPEC.md, "Domain vocabulary").

Labels may be reworded in output; ids are what data files and the pack JSON use.
"""

from __future__ import annotations

# Good Practice Guide (Edition 3), "Key drivers of delay".
DRIVERS: dict[str, str] = {
    "late_family_presentation": "Late presentation of family members",
    "workforce_capacity": "Workforce capacity",
    "court_capacity": "Court capacity",
    "plo_tracking": "PLO tracking issues",
    "plo_assessment_quality": "Low PLO assessment quality",
    "external_sw_assessors": "Use of external social work assessors",
    "expert_assessments": "Availability and frequency of expert assessments usage",
    "trust_in_la_assessments": "Lack of trust in LA assessments",
    "changes_in_plan": "Changes in plan",
    "information_sharing": "Lack of information sharing among partners",
}

# DFJ Trailblazers programme, "Intervention themes".
THEMES: dict[str, str] = {
    "governance": "Aligning system governance",
    "data": "Improving data availability and use",
    "multi_agency": "Vehicles and incentives for multi-agency collaboration",
    "pre_proceedings": "Improving pre-proceedings practice and diverting cases from court",
    "navigation": "Helping children and families navigate the system",
}

# Final orders of disposed cases (canonical ids for the extract's `outcome` column).
OUTCOMES: dict[str, str] = {
    "care_order": "Care order",
    "placement_order": "Placement order",
    "special_guardianship_order": "Special guardianship order",
    "child_arrangements_order": "Child arrangements order",
    "supervision_order": "Supervision order",
    "no_order": "No order",
    "withdrawn": "Withdrawn",
    "other": "Other",
}

ACTION_STATUSES: dict[str, str] = {
    "not_started": "Not started",
    "in_progress": "In progress",
    "on_hold": "On hold",
    "complete": "Complete",
    "closed": "Closed",
}
DONE_STATUSES = frozenset({"complete", "closed"})

# Sectors a board member can represent; the governance check looks for cross-sector membership
# (Good Practice Guide: "strong cross-sector buy-in from Cafcass and Judiciary", HMCTS secretariat).
SECTORS: dict[str, str] = {
    "judiciary": "Judiciary",
    "cafcass": "Cafcass",
    "hmcts": "HMCTS",
    "local_authority": "Local authority",
    "legal": "Legal profession",
    "health": "Health",
    "police": "Police",
    "education": "Education",
    "voluntary": "Voluntary sector",
    "other": "Other",
}
CORE_SECTORS = ("judiciary", "cafcass", "hmcts", "local_authority", "legal", "health")

PROGRAMMES = ("trailblazer", "comparator")

# The input files' columns in words, for what a chair reads (the appendix, the summary's notes, messages about a
# row): "disposal date", never `disposal_date`. The ids stay in the files, the terms of reference and the JSON.
COLUMN_WORDS: dict[str, str] = {
    # The case extract (SPEC.md "Data extract") and a hearing list or child-level source.
    "case_id": "case number",
    "local_authority": "local authority",
    "issue_date": "issue date",
    "disposal_date": "disposal date",
    "children": "number of children",
    "hearings": "number of hearings",
    "fcmh": "number of further case management hearings",
    "outcome": "final order",
    "delay_drivers": "delay drivers",
    "court": "court",
    "pre_proceedings": "whether the case went through pre-proceedings",
    "experts": "number of expert assessments",
    "hearing_date": "hearing date",
    "hearing_type": "hearing type",
    "hearing_outcome": "hearing outcome",
    "child_id": "child's number",
    # The pre-proceedings log.
    "family_id": "family number",
    "plo_letter_date": "date of the letter before proceedings",
    "end_date": "date pre-proceedings ended",
    "end_reason": "why pre-proceedings ended",
}


def column_words(column: str) -> str:
    """A column's name in words ("disposal_date" -> "disposal date"); a column lfjb does not name, with its
    underscores as spaces."""
    return COLUMN_WORDS.get(column, str(column).replace("_", " "))


# Words and abbreviations a board pack uses, for its glossary (Good Practice Guide; Public Law Outline).
GLOSSARY: dict[str, str] = {
    "Cafcass": "Children and Family Court Advisory and Support Service: represents children's interests in family court cases.",
    "CMH": "Case management hearing: the court's first main hearing in care proceedings, setting the timetable.",
    "DFJ": "Designated Family Judge: the senior family judge for an area; England and Wales have 43 DFJ areas.",
    "FCMH": "Further case management hearing: a case management hearing after the first; more of them usually means delay.",
    "HMCTS": "His Majesty's Courts and Tribunals Service: runs the courts.",
    "IRH": "Issues resolution hearing: the hearing that tries to settle the issues before a final hearing.",
    "KPM": "Key performance measure: one of the measures in the LFJB quarterly performance template.",
    "LFJB": "Local Family Justice Board: brings the judiciary, Cafcass, HMCTS, local authorities and lawyers together to improve the local family justice system.",
    "PLO": "Public Law Outline: the court's rules for running care cases, including the 26-week limit and pre-proceedings (the 'PLO letter' and meeting before a case is issued).",
    "RAG": "Red, amber, green: a status against a target.",
    "s31": "Section 31 of the Children Act 1989: applications for care and supervision orders (care proceedings).",
    "SPC": "Statistical process control: a way of telling ordinary month-to-month ups and downs from real change (NHS England, 'Making Data Count').",
}

# --- Durations (SPEC.md, "Definitions"; all day counts are calendar days) ---------------------------------
DAYS_PER_WEEK = 7
# The 26-week limit for care and supervision proceedings: Children and Families Act 2014, s.14
# (Children Act 1989 s.32(1)(a)). SPEC.md counts a disposed case as within 26 weeks when it took no more
# than WITHIN_26_DAYS days, and an open case as over 26 / 38 / 52 weeks old when its age is MORE than
# WITHIN_26_DAYS / OVER_38_DAYS / OVER_52_DAYS days (MoJ's duration bands, FCSQ table 9).
STATUTORY_WEEKS = 26
WITHIN_26_DAYS = STATUTORY_WEEKS * DAYS_PER_WEEK  # 182
OVER_26_DAYS = WITHIN_26_DAYS  # the same boundary read from the other side: older than 182 days
OVER_38_DAYS = 38 * DAYS_PER_WEEK  # 266
OVER_52_DAYS = 52 * DAYS_PER_WEEK  # 364

# Disclosure control for published comparisons (`lfjb compare --publish --min-cases N`): percentages
# and averages over fewer cases than this are withheld, as MoJ does for small bases.
DEFAULT_MIN_CASES = 10

# A board pack is marked OFFICIAL-SENSITIVE unless the board sets `branding.protective_marking`
# (SPEC.md, Inputs): it names cases' local authorities and counts small enough to identify families.
DEFAULT_PROTECTIVE_MARKING = "OFFICIAL-SENSITIVE"
# A comparison published with --publish (small counts withheld) is marked OFFICIAL.
PUBLISHED_MARKING = "OFFICIAL"
# Government Security Classifications, least to most restrictive; the comparison carries the most
# restrictive marking among the boards' packs.
MARKING_ORDER = ("OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET", "TOP SECRET")

# KPI ids (SPEC.md, "Definitions") with their display label, unit and better direction.
# "lower" means a fall is an improvement.
KPIS: dict[str, dict[str, str]] = {
    "issued": {"label": "Applications issued", "unit": "cases", "better": "neutral"},
    "children_issued": {"label": "Children in applications issued", "unit": "children", "better": "neutral"},
    "disposed": {"label": "Cases disposed", "unit": "cases", "better": "neutral"},
    "mean_weeks": {"label": "Average duration", "unit": "weeks", "better": "lower"},
    "median_weeks": {"label": "Median duration", "unit": "weeks", "better": "lower"},
    "pct_within_26": {"label": "Disposed within 26 weeks", "unit": "%", "better": "higher"},
    "open_end": {"label": "Open cases at month end", "unit": "cases", "better": "neutral"},
    "open_over_26": {"label": "Open cases over 26 weeks old", "unit": "cases", "better": "lower"},
    "open_over_38": {"label": "Open cases over 38 weeks old", "unit": "cases", "better": "lower"},
    "open_over_52": {"label": "Open cases over 52 weeks old", "unit": "cases", "better": "lower"},
    "mean_hearings": {"label": "Average hearings per case", "unit": "hearings", "better": "lower"},
    "mean_fcmh": {"label": "Average further case management hearings per case", "unit": "hearings", "better": "lower"},
}
KPI_IDS = tuple(KPIS)

# A board's name ends with these words (`lfjb init` writes them); the running head and narrow columns
# shorten or drop them (lfjb.render.templates.running_head, lfjb.compare.league.short_name).
BOARD_SUFFIX, BOARD_SUFFIX_SHORT = "Local Family Justice Board", "LFJB"
COUNT_UNITS = ("cases", "children")  # measures that move by whole units
# The KPIs that are counts (whole numbers, 0 or more), from their units: the one list the pack's model types
# them by (lfjb.pack_model.KPI_TYPES) and the pack-file reader checks them by (lfjb.inputs.packs).
COUNT_KPIS = tuple(k for k, v in KPIS.items() if v["unit"] in COUNT_UNITS)
# KPIs where a direction is better; only these get SPC improvement/concern and targets.
DIRECTIONAL_KPIS = tuple(k for k, v in KPIS.items() if v["better"] != "neutral")


def is_lower_better(kpi: str) -> bool:
    """True when a fall in this KPI is an improvement."""
    return KPIS[kpi]["better"] == "lower"


# Making Data Count's run rules (SPEC.md "SPC"): a shift or a trend is 7 points by default, as in
# NHSRplotthedots; the NHS England Excel tool allows 6. A board may set 5 to 12 (`spc: {shift, trend}`):
# shorter runs flag ordinary noise, longer ones need years of months to fire.
SPC_RUN_DEFAULT = 7
SPC_RUN_RANGE = (5, 12)

# The words for SPC point types and assurance, in every form the outputs use, kept in one place so the
# JSON summary, the chart legends and the pack's tiles and tables agree. The ids are Making Data
# Count's (SPEC.md "SPC"); the words are plain English for chairs.
SPC_TYPES: dict[str, dict[str, str]] = {
    "common_cause": {"title": "No unusual change", "short": "No unusual change", "point": "Usual", "legend": "Usual variation"},
    "special_cause_improvement": {"title": "Unusual change for the better", "short": "Improving", "point": "Improvement", "legend": "Unusual: better"},
    "special_cause_concern": {"title": "Unusual change for the worse", "short": "Concern", "point": "Concern", "legend": "Unusual: worse"},
    "special_cause_neutral_high": {"title": "Unusually high", "short": "Unusually high", "point": "High", "legend": "Unusual: high"},
    "special_cause_neutral_low": {"title": "Unusually low", "short": "Unusually low", "point": "Low", "legend": "Unusual: low"},
}
ASSURANCE: dict[str, dict[str, str]] = {
    "pass": {"long": "Will reliably meet the target", "short": "Reliably meets target"},
    "fail": {"long": "Will not meet the target without change", "short": "Reliably misses target"},
    "hit_and_miss": {"long": "May or may not meet the target", "short": "Hit and miss"},
}
