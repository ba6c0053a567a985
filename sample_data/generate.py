"""Write lfjb's shipped sample boards: synthetic, deterministic, seeded.

    python sample_data/generate.py                 # into this repository
    python sample_data/generate.py --out-root DIR  # into DIR/board_config and DIR/sample_data
    python sample_data/generate.py --all-dfj-areas --out-root DIR
                                                   # a board for every one of the 43 DFJ areas, into DIR

With `--all-dfj-areas` it also writes a board for each of the other 36 DFJ areas (never shipped: made
on demand, for designing and timing the national comparison), each a variant of one of the seven
with its own seed, volume and average duration; they have no `programme`, so the pilot view still
compares the five Trailblazers with the two comparators.

For each of the seven boards (the five DFJ Trailblazers and two comparators) it writes the terms of
reference `board_config/<slug>.yaml`, a case-level extract and an action log under
`sample_data/<slug>/`. Every board draws from its own numpy generator, seeded from SEED and the slug,
so boards are independent and every run writes the same content.

Nothing here describes a real case, person or board decision. Organisation names are real so the data
reads naturally; people's names are invented.

Plausibility targets (SPEC.md "Reference figures"): national average duration about 45 weeks (2021),
43-44 (2023), 40-42 (2024), 38-40 (2025); about a third of cases within 26 weeks in 2023-25; London
slower (about 58 weeks, late 2024); Worcester about 24 weeks (Good Practice Guide, Edition 3).
The Trailblazers pilot ran April 2024 to March 2025 (DFJ Trailblazers programme page).
"""

from __future__ import annotations

import argparse
import hashlib
import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from statistics import NormalDist
from typing import Any

try:
    import numpy as np
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq
    import yaml
except ImportError as missing:  # started outside lfjb's virtual environment (issue 22)
    raise SystemExit(
        f"sample_data/generate.py needs lfjb's Python packages ({missing.name} is not installed in this Python).\n"
        "Run it with the Python of lfjb's virtual environment, from the repository root:\n"
        "    .venv/bin/python sample_data/generate.py --all-dfj-areas --out-root /tmp/lfjb-43\n"
        "or activate it first (source .venv/bin/activate), or install lfjb into this Python: pip install -e ."
    ) from None

SEED = 20_250_404
# Cases from January 2020, so that from April 2022 on the open backlog and the disposals already
# include the long-running cases (a case of 2 years or more is rare but real).
FIRST_ISSUE = date(2020, 1, 1)
LAST_ISSUE = date(2025, 3, 31)
SNAPSHOT = date(2025, 4, 4)  # the extract was taken on this day: later disposals are still open
AS_OF = date(2025, 3, 31)  # the action logs are as at the end of March 2025
PILOT_START = date(2024, 4, 1)  # DFJ Trailblazers: pilots ran April 2024 - March 2025
PILOT_RAMP_DAYS = 182  # the pilot's effect builds up over its first six months
MIN_WEEKS = 6.0  # no care case concludes much faster than this
# Above this normal score the tail of durations is drawn in (scores grow half as fast), so that a
# handful of three-year cases cannot swing a month's average by ten weeks.
TAIL_START, TAIL_SLOPE = 1.5, 0.5

# National average duration (weeks) by the date a case concludes; straight lines between the knots.
NATIONAL_MEAN_WEEKS = [
    (date(2020, 1, 1), 43.0),
    (date(2021, 1, 1), 45.5),
    (date(2022, 1, 1), 44.5),
    (date(2023, 1, 1), 42.5),
    (date(2024, 1, 1), 40.5),
    (date(2025, 1, 1), 39.0),
    (date(2026, 1, 1), 38.0),
]
# Applications by calendar month (summer holidays and Christmas are quieter).
ISSUE_SEASON = [1.05, 1.0, 1.08, 0.96, 1.0, 1.02, 1.05, 0.86, 1.02, 1.05, 1.02, 0.86]
# Final hearings slip out of August and late December into the following weeks.
SLIP_AUGUST, SLIP_CHRISTMAS = 0.30, 0.55

CHILDREN_P = [0.55, 0.27, 0.12, 0.06]  # 1-4 children per application
OUTCOMES = {  # outcome of a concluded case, roughly as MoJ's disposal types
    "care order": 0.37, "special guardianship order": 0.17, "supervision order": 0.14,
    "placement order": 0.12, "child arrangements order": 0.10, "withdrawn": 0.05, "no order": 0.05,
}

DRIVER_IDS = [
    "late_family_presentation", "workforce_capacity", "court_capacity", "plo_tracking",
    "plo_assessment_quality", "external_sw_assessors", "expert_assessments",
    "trust_in_la_assessments", "changes_in_plan", "information_sharing",
]


# --------------------------------------------------------------------------------------------------
# Board profiles: everything that makes one board differ from another.
# --------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Authority:
    name: str  # as the extract and the terms of reference spell it
    organisation: str
    share: float  # of the board's applications
    courts: dict[str, float]  # court name -> share of this authority's cases


@dataclass(frozen=True)
class Board:
    slug: str
    name: str
    dfj_area: str
    programme: str | None
    region: str  # HMCTS region, for organisation names
    authorities: list[Authority]
    court_codes: dict[str, str]  # court -> the two letters that start its case numbers
    monthly_cases: float
    offset_weeks: float  # the board's average duration minus the national one
    pilot_effect_weeks: float  # Trailblazers: weeks cut by the pilot once it is running
    sigma: float  # spread of durations (lognormal shape)
    driver_weights: dict[str, float]
    expert_rate: float
    pre_proceedings_rate: float
    sub_groups: list[str]
    n_actions: int
    n_members: int
    extract_format: str  # csv, xlsx or parquet
    actions_format: str = "yaml"
    gap_driver: str | None = None  # most-cited driver that no open action addresses
    health: str = ""
    police: str = ""
    config: dict[str, Any] = field(default_factory=dict)  # terms of reference specific to the board


def _la(name: str, organisation: str, share: float, *courts: tuple[str, float]) -> Authority:
    return Authority(name, organisation, share, dict(courts))


BOARDS: list[Board] = [
    Board(
        slug="wolverhampton", name="Wolverhampton Local Family Justice Board", dfj_area="Wolverhampton",
        programme="trailblazer", region="Midlands",
        authorities=[
            _la("Wolverhampton", "City of Wolverhampton Council", 0.26, ("Wolverhampton Family Court", 1.0)),
            _la("Walsall", "Walsall Council", 0.22, ("Walsall Family Court", 1.0)),
            _la("Dudley", "Dudley Council", 0.22, ("Dudley Family Court", 1.0)),
            _la("Sandwell", "Sandwell Children's Trust", 0.30, ("Wolverhampton Family Court", 0.7), ("Walsall Family Court", 0.3)),
        ],
        court_codes={"Wolverhampton Family Court": "WV", "Walsall Family Court": "WS", "Dudley Family Court": "DY"},
        monthly_cases=32, offset_weeks=3.0, pilot_effect_weeks=4.0, sigma=0.70,
        driver_weights={"plo_tracking": 18, "workforce_capacity": 15, "court_capacity": 14, "plo_assessment_quality": 12,
                        "changes_in_plan": 10, "late_family_presentation": 10, "information_sharing": 8,
                        "expert_assessments": 6, "trust_in_la_assessments": 4, "external_sw_assessors": 3},
        expert_rate=0.8, pre_proceedings_rate=0.6,
        sub_groups=["pre-proceedings", "court-progression", "data-performance", "workforce", "experts"],
        n_actions=40, n_members=12, extract_format="csv",
        health="NHS Black Country Integrated Care Board", police="West Midlands Police",
        config={
            "targets": {"mean_weeks": 35, "pct_within_26": 45, "open_over_52": 40},
            "branding": {"primary_colour": "#1b3a5c", "accent_colour": "#a8432a", "logo": "logos/wolverhampton.svg"},
            "spc": {"rebase": ["2024-04"]},
            "statement_of_expectations": date(2024, 3, 20), "terms_reviewed": date(2024, 11, 20),
            "cadence": "bimonthly", "no_link_member": "workforce",
        },
    ),
    Board(
        slug="cheshire-merseyside", name="Cheshire and Merseyside Local Family Justice Board", dfj_area="Liverpool",
        programme="trailblazer", region="North West",
        authorities=[
            _la("Liverpool", "Liverpool City Council", 0.24, ("Liverpool Family Court", 1.0)),
            _la("Knowsley", "Knowsley Council", 0.07, ("Liverpool Family Court", 1.0)),
            _la("Sefton", "Sefton Council", 0.10, ("Liverpool Family Court", 1.0)),
            _la("Wirral", "Wirral Council", 0.12, ("Birkenhead Family Court", 1.0)),
            _la("St Helens", "St Helens Borough Council", 0.08, ("St Helens Family Court", 1.0)),
            _la("Halton", "Halton Borough Council", 0.06, ("Warrington Family Court", 1.0)),
            _la("Warrington", "Warrington Borough Council", 0.07, ("Warrington Family Court", 1.0)),
            _la("Cheshire West and Chester", "Cheshire West and Chester Council", 0.13, ("Chester Family Court", 1.0)),
            _la("Cheshire East", "Cheshire East Council", 0.13, ("Chester Family Court", 0.6), ("Warrington Family Court", 0.4)),
        ],
        court_codes={"Liverpool Family Court": "LV", "Birkenhead Family Court": "BK", "St Helens Family Court": "SH",
                     "Warrington Family Court": "WA", "Chester Family Court": "CH"},
        monthly_cases=50, offset_weeks=1.0, pilot_effect_weeks=3.5, sigma=0.70,
        driver_weights={"court_capacity": 20, "late_family_presentation": 15, "information_sharing": 14, "plo_tracking": 12,
                        "expert_assessments": 10, "workforce_capacity": 10, "changes_in_plan": 8,
                        "trust_in_la_assessments": 5, "plo_assessment_quality": 4, "external_sw_assessors": 2},
        expert_rate=0.9, pre_proceedings_rate=0.55,
        sub_groups=["pre-proceedings", "court-progression", "data-performance", "workforce", "family-navigation"],
        n_actions=52, n_members=14, extract_format="xlsx",
        health="NHS Cheshire and Merseyside Integrated Care Board", police="Merseyside Police",
        config={
            "targets": {"mean_weeks": 35, "pct_within_26": 40},
            "branding": {"primary_colour": "#00505c", "accent_colour": "#7a2e6e"},
            "spc": {"shift": 6, "trend": 6}, "stale_after_days": 45,
            "statement_of_expectations": True, "terms_reviewed": date(2024, 9, 11),
            "cadence": "bimonthly", "sheet": "Care cases",
        },
    ),
    Board(
        slug="guildford", name="Surrey (Guildford) Local Family Justice Board", dfj_area="Guildford",
        programme="trailblazer", region="South East",
        authorities=[
            _la("Surrey", "Surrey County Council", 1.0, ("Guildford Family Court", 0.75), ("Staines Family Court", 0.25)),
        ],
        court_codes={"Guildford Family Court": "GU", "Staines Family Court": "ST"},
        monthly_cases=19, offset_weeks=-2.0, pilot_effect_weeks=3.0, sigma=0.68,
        # Workforce capacity leads by a distance, and no open action addresses it: the "gap".
        driver_weights={"workforce_capacity": 28, "external_sw_assessors": 14, "expert_assessments": 12,
                        "late_family_presentation": 10, "court_capacity": 10, "plo_assessment_quality": 8,
                        "changes_in_plan": 7, "trust_in_la_assessments": 5, "information_sharing": 4, "plo_tracking": 2},
        expert_rate=0.8, pre_proceedings_rate=0.6, gap_driver="workforce_capacity",
        sub_groups=["pre-proceedings", "court-progression", "data-performance"],
        n_actions=27, n_members=9, extract_format="csv",
        health="NHS Surrey Heartlands Integrated Care Board", police="Surrey Police",
        config={
            "targets": {"mean_weeks": 30, "pct_within_26": 50},
            "branding": {"primary_colour": "#2d4a22", "accent_colour": "#8a5a00"},
            "statement_of_expectations": False, "terms_reviewed": date(2025, 1, 15),
            "cadence": "bimonthly",
        },
    ),
    Board(
        slug="central-london", name="Central London Local Family Justice Board", dfj_area="Central London",
        programme="trailblazer", region="London",
        authorities=[
            _la("Camden", "London Borough of Camden", 0.12, ("Central Family Court", 1.0)),
            _la("Islington", "Islington Council", 0.12, ("Central Family Court", 1.0)),
            _la("Westminster", "Westminster City Council", 0.10, ("Central Family Court", 1.0)),
            _la("Kensington and Chelsea", "Royal Borough of Kensington and Chelsea", 0.07, ("Central Family Court", 1.0)),
            _la("Hammersmith and Fulham", "Hammersmith and Fulham Council", 0.10, ("Central Family Court", 1.0)),
            _la("Lambeth", "Lambeth Council", 0.17, ("Central Family Court", 1.0)),
            _la("Southwark", "Southwark Council", 0.17, ("Central Family Court", 1.0)),
            _la("Lewisham", "Lewisham Council", 0.15, ("Central Family Court", 1.0)),
        ],
        court_codes={"Central Family Court": "ZC"},
        monthly_cases=40, offset_weeks=18.0, pilot_effect_weeks=5.0, sigma=0.60,
        driver_weights={"court_capacity": 24, "workforce_capacity": 20, "expert_assessments": 14, "changes_in_plan": 10,
                        "late_family_presentation": 8, "information_sharing": 8, "trust_in_la_assessments": 6,
                        "plo_assessment_quality": 5, "external_sw_assessors": 3, "plo_tracking": 2},
        expert_rate=1.1, pre_proceedings_rate=0.5,
        sub_groups=["court-progression", "experts", "workforce", "data-performance", "pre-proceedings"],
        n_actions=46, n_members=13, extract_format="parquet",
        health="NHS North Central London Integrated Care Board", police="Metropolitan Police Service",
        config={
            "targets": {"mean_weeks": 45, "pct_within_26": 40, "open_over_52": 120},
            "branding": {"primary_colour": "#3b1f5e", "accent_colour": "#a3243b"},
            "statement_of_expectations": date(2023, 6, 14), "terms_reviewed": date(2023, 6, 14),
            "cadence": "bimonthly", "low_attendance": [1, 4],
        },
    ),
    Board(
        slug="essex-suffolk", name="Essex and Suffolk Local Family Justice Board", dfj_area="Essex and Suffolk",
        programme="trailblazer", region="South East",
        authorities=[
            _la("Essex", "Essex County Council", 0.55, ("Chelmsford Family Court", 0.6), ("Colchester Family Court", 0.4)),
            _la("Suffolk", "Suffolk County Council", 0.30, ("Ipswich Family Court", 1.0)),
            _la("Southend-on-Sea", "Southend-on-Sea City Council", 0.08, ("Southend Family Court", 1.0)),
            _la("Thurrock", "Thurrock Council", 0.07, ("Basildon Family Court", 1.0)),
        ],
        court_codes={"Chelmsford Family Court": "CM", "Colchester Family Court": "CO", "Ipswich Family Court": "IP",
                     "Southend Family Court": "SS", "Basildon Family Court": "BA"},
        monthly_cases=42, offset_weeks=0.0, pilot_effect_weeks=4.0, sigma=0.70,
        driver_weights={"late_family_presentation": 20, "plo_tracking": 15, "information_sharing": 14, "court_capacity": 12,
                        "workforce_capacity": 12, "expert_assessments": 9, "changes_in_plan": 8,
                        "plo_assessment_quality": 5, "trust_in_la_assessments": 3, "external_sw_assessors": 2},
        expert_rate=0.8, pre_proceedings_rate=0.6,
        sub_groups=["pre-proceedings", "court-progression", "data-performance", "family-navigation"],
        n_actions=45, n_members=12, extract_format="csv", actions_format="xlsx",
        health="NHS Mid and South Essex Integrated Care Board", police="Essex Police",
        config={
            "targets": {"mean_weeks": 35, "pct_within_26": 45, "mean_fcmh": 1.5},
            "branding": {"primary_colour": "#0b4f6c", "accent_colour": "#b03a2e"},
            "statement_of_expectations": date(2024, 5, 22), "terms_reviewed": date(2024, 12, 4),
            "cadence": "bimonthly",
            # The local authority's export, with its own headers (mapped in `inputs.columns`).
            "columns": {
                "case_id": "Case Number", "court": "Court", "local_authority": "LA", "issue_date": "Date Issued",
                "children": "No. of Children", "pre_proceedings": "PLO Pre-proceedings", "hearings": "Hearings",
                "fcmh": "FCMHs", "experts": "Experts Instructed", "disposal_date": "Final Order Date",
                "outcome": "Outcome", "delay_drivers": "Delay Reasons",
            },
            "date_format": "%d/%m/%Y",
        },
    ),
    Board(
        slug="worcester", name="Worcester Local Family Justice Board", dfj_area="Worcester",
        programme="comparator", region="Midlands",
        authorities=[
            _la("Worcestershire", "Worcestershire Children First", 0.70, ("Worcester Family Court", 1.0)),
            _la("Herefordshire", "Herefordshire Council", 0.30, ("Hereford Family Court", 1.0)),
        ],
        court_codes={"Worcester Family Court": "WR", "Hereford Family Court": "HR"},
        monthly_cases=20, offset_weeks=-16.5, pilot_effect_weeks=0.0, sigma=0.55,
        # Good Practice Guide: "Expert assessments are used rarely; the DFJ trusts conclusions from LA social workers."
        driver_weights={"late_family_presentation": 20, "changes_in_plan": 18, "court_capacity": 14, "workforce_capacity": 14,
                        "information_sharing": 10, "plo_assessment_quality": 8, "plo_tracking": 6,
                        "trust_in_la_assessments": 4, "external_sw_assessors": 4, "expert_assessments": 2},
        expert_rate=0.15, pre_proceedings_rate=0.7,
        sub_groups=["court-progression", "pre-proceedings", "data-performance"],
        n_actions=26, n_members=10, extract_format="csv", actions_format="csv",
        health="NHS Herefordshire and Worcestershire Integrated Care Board", police="West Mercia Police",
        config={
            "targets": {"mean_weeks": 26, "pct_within_26": 60},
            "branding": {"primary_colour": "#4a2c2a", "accent_colour": "#2b6e4f"},
            "statement_of_expectations": date(2022, 10, 5), "terms_reviewed": date(2023, 10, 4),
            "cadence": "quarterly",
        },
    ),
    Board(
        slug="cleveland-south-durham", name="Cleveland and South Durham Local Family Justice Board",
        dfj_area="Cleveland and South Durham", programme="comparator", region="North East",
        authorities=[
            _la("Middlesbrough", "Middlesbrough Council", 0.24, ("Teesside Family Court", 1.0)),
            _la("Stockton-on-Tees", "Stockton-on-Tees Borough Council", 0.22, ("Teesside Family Court", 1.0)),
            _la("Hartlepool", "Hartlepool Borough Council", 0.14, ("Teesside Family Court", 1.0)),
            _la("Redcar and Cleveland", "Redcar and Cleveland Borough Council", 0.16, ("Teesside Family Court", 1.0)),
            _la("Darlington", "Darlington Borough Council", 0.10, ("Darlington Family Court", 1.0)),
            _la("County Durham", "Durham County Council", 0.14, ("Darlington Family Court", 1.0)),
        ],
        court_codes={"Teesside Family Court": "MB", "Darlington Family Court": "DL"},
        monthly_cases=30, offset_weeks=-1.0, pilot_effect_weeks=0.0, sigma=0.70,
        driver_weights={"court_capacity": 18, "workforce_capacity": 16, "late_family_presentation": 14, "changes_in_plan": 12,
                        "plo_assessment_quality": 10, "information_sharing": 10, "expert_assessments": 8,
                        "plo_tracking": 6, "trust_in_la_assessments": 4, "external_sw_assessors": 2},
        expert_rate=0.7, pre_proceedings_rate=0.6,
        sub_groups=["court-progression", "pre-proceedings", "data-performance", "workforce"],
        n_actions=30, n_members=11, extract_format="csv",
        health="NHS North East and North Cumbria Integrated Care Board", police="Cleveland Police",
        config={
            "targets": {"mean_weeks": 30, "pct_within_26": 50},
            "branding": {"primary_colour": "#23395b", "accent_colour": "#7d4b8a"},
            "statement_of_expectations": date(2023, 2, 8), "terms_reviewed": date(2024, 10, 9),
            "cadence": "quarterly",
        },
    ),
]

# Sub-groups a board may run: name, remit, themes and drivers.
SUB_GROUPS: dict[str, dict[str, Any]] = {
    "pre-proceedings": {
        "name": "Pre-proceedings and Diversion",
        "remit": "Improve PLO pre-proceedings practice so that fewer cases need to come to court and those that do arrive ready.",
        "themes": ["pre_proceedings"], "drivers": ["late_family_presentation", "plo_assessment_quality", "plo_tracking"],
        "lead": ("Head of Service, Edge of Care", "local_authority"),
    },
    "court-progression": {
        "name": "Court Progression and Listing",
        "remit": "Keep cases moving once issued: listing, case progression and fewer further case management hearings.",
        "themes": ["multi_agency", "governance"], "drivers": ["court_capacity", "changes_in_plan", "plo_tracking"],
        "lead": ("Family Listing Manager", "hmcts"),
    },
    "data-performance": {
        "name": "Data and Performance",
        "remit": "Agree one shared dataset across partners and bring the board the figures it needs to act.",
        "themes": ["data", "governance"], "drivers": ["information_sharing", "plo_tracking"],
        "lead": ("Performance and Intelligence Manager", "local_authority"),
    },
    "workforce": {
        "name": "Workforce and Assessments",
        "remit": "Stabilise the court-facing social work workforce and reduce reliance on external assessors.",
        "themes": ["multi_agency"], "drivers": ["workforce_capacity", "external_sw_assessors", "plo_assessment_quality"],
        "lead": ("Principal Social Worker", "local_authority"),
    },
    "experts": {
        "name": "Experts and Assessments",
        "remit": "Use experts only where necessary and get their reports on time, through pooled commissioning.",
        "themes": ["multi_agency"], "drivers": ["expert_assessments", "trust_in_la_assessments"],
        "lead": ("Head of Legal Services", "local_authority"),
    },
    "family-navigation": {
        "name": "Families' Experience and Navigation",
        "remit": "Help children and families understand and navigate proceedings, with earlier legal advice.",
        "themes": ["navigation", "pre_proceedings"], "drivers": ["late_family_presentation", "information_sharing"],
        "lead": ("Participation and Engagement Lead", "local_authority"),
    },
}

# Action templates by sub-group: (title, theme, drivers, kpis). "{la}" makes one action per authority.
ACTION_TEMPLATES: dict[str, list[tuple[str, str, list[str], list[str]]]] = {
    "pre-proceedings": [
        ("Introduce family group conferences before the PLO letter in {la}", "pre_proceedings", ["late_family_presentation"], ["pct_within_26"]),
        ("Offer parents a dedicated family support worker from the PLO letter ({la})", "pre_proceedings", ["late_family_presentation", "information_sharing"], []),
        ("Complete kinship viability assessments before issue", "pre_proceedings", ["late_family_presentation", "changes_in_plan"], ["mean_weeks"]),
        ("Audit a sample of PLO letters and parenting assessments for quality", "pre_proceedings", ["plo_assessment_quality", "trust_in_la_assessments"], ["mean_fcmh"]),
        ("Agree a court-endorsed template for parenting assessments", "pre_proceedings", ["plo_assessment_quality", "trust_in_la_assessments"], ["mean_fcmh"]),
        ("Set a 16-week pre-proceedings timescale with a management review at week 8", "pre_proceedings", ["plo_tracking"], ["open_over_26"]),
        ("Extend early legal advice for parents at the start of pre-proceedings", "pre_proceedings", ["late_family_presentation"], []),
        ("Pilot a therapeutically focused early-help offer for parents of infants", "pre_proceedings", ["changes_in_plan"], []),
        ("Refer eligible mothers to a Pause practice", "pre_proceedings", ["late_family_presentation"], []),
        ("Run joint PLO training for social workers and local authority lawyers", "pre_proceedings", ["plo_assessment_quality"], []),
        ("Bring kinship viability assessments in house instead of using independent assessors", "pre_proceedings", ["external_sw_assessors", "late_family_presentation"], ["mean_weeks"]),
        ("Hold a legal gateway panel for every case before the PLO letter ({la})", "pre_proceedings", ["plo_tracking", "plo_assessment_quality"], ["mean_weeks"]),
    ],
    "court-progression": [
        ("Pilot a floating case list with the listing office", "multi_agency", ["court_capacity"], ["mean_weeks", "open_over_52"]),
        ("List final hearings within six weeks of the IRH", "governance", ["court_capacity"], ["mean_weeks"]),
        ("Appoint joint local authority and court progression managers", "multi_agency", ["plo_tracking", "information_sharing"], ["open_over_38"]),
        ("Review every case over 52 weeks at a monthly stuck-case panel", "governance", ["changes_in_plan", "court_capacity"], ["open_over_52"]),
        ("Agree directions at the first CMH to cut further case management hearings", "governance", ["court_capacity"], ["mean_fcmh", "mean_hearings"]),
        ("Adopt a local public law charter that blocks time for final hearings", "governance", ["court_capacity"], ["mean_weeks"]),
        ("Run case management hearings as participatory, seminar-style hearings", "multi_agency", ["trust_in_la_assessments"], ["mean_fcmh"]),
        ("Agree a protocol for late changes of care plan before the IRH", "governance", ["changes_in_plan"], ["mean_fcmh"]),
        ("Train new judges and legal advisers in the floating list approach", "multi_agency", ["court_capacity"], []),
        ("Introduce an advocates' meeting checklist before each hearing", "multi_agency", ["information_sharing"], ["mean_hearings"]),
        ("Scope a Family Drug and Alcohol Court list", "multi_agency", ["trust_in_la_assessments", "expert_assessments"], []),
        ("Track court capacity and sitting days against demand each month", "data", ["court_capacity"], []),
    ],
    "data-performance": [
        ("Agree a shared PLO tracker across the {n_las} authorities", "data", ["plo_tracking", "information_sharing"], ["open_over_26"]),
        ("Build a single shared dataset with HMCTS, Cafcass and the local authorities", "data", ["information_sharing"], []),
        ("Publish a monthly case duration dashboard to board members", "data", [], ["mean_weeks", "pct_within_26"]),
        ("Reconcile local authority and HMCTS open case lists each quarter", "data", ["plo_tracking", "information_sharing"], ["open_over_52"]),
        ("Record the reasons for delay on every case at the final hearing", "data", ["information_sharing"], []),
        ("Extend data collection to outcomes for children after proceedings", "data", [], []),
        ("RAG-rate open cases for delay and risk in the legal case tracker ({la})", "data", ["plo_tracking"], ["open_over_38"]),
        ("Sign an information-sharing agreement between all partners", "data", ["information_sharing"], []),
        ("Benchmark case duration against comparator DFJ areas", "data", [], ["mean_weeks"]),
        ("Refresh the board's terms of reference and statement of expectations", "governance", [], []),
        ("Invite each sub-group lead to report against its actions at every board", "governance", [], []),
        ("Keep a board risk register for delay in care proceedings", "governance", ["court_capacity", "workforce_capacity"], []),
    ],
    "workforce": [
        ("Pool an independent social work assessor service across the authorities", "multi_agency", ["external_sw_assessors", "workforce_capacity"], []),
        ("Recruit permanent court team social workers in {la}", "multi_agency", ["workforce_capacity"], ["mean_weeks"]),
        ("Reduce reliance on agency social workers in court teams ({la})", "multi_agency", ["workforce_capacity", "external_sw_assessors"], []),
        ("Protect the caseloads of court team social workers", "multi_agency", ["workforce_capacity"], []),
        ("Agree a Cafcass guardian allocation protocol for urgent cases", "multi_agency", ["workforce_capacity", "court_capacity"], []),
        ("Run a joint induction on court work for newly qualified social workers", "multi_agency", ["plo_assessment_quality", "workforce_capacity"], []),
        ("Secure additional legal adviser capacity for the family list", "multi_agency", ["court_capacity", "workforce_capacity"], ["mean_weeks"]),
        ("Train social workers to complete sibling and kinship assessments in house", "multi_agency", ["external_sw_assessors", "plo_assessment_quality"], []),
    ],
    "experts": [
        ("Commission a pooled expert assessment framework", "multi_agency", ["expert_assessments"], ["mean_weeks"]),
        ("Agree a local protocol on Part 25 expert applications", "multi_agency", ["expert_assessments", "trust_in_la_assessments"], ["mean_fcmh"]),
        ("Build a regional list of available psychologists and psychiatrists", "multi_agency", ["expert_assessments"], []),
        ("Pool budgets for expert assessments and therapeutic support", "multi_agency", ["expert_assessments"], []),
        ("Audit late expert reports and the reasons for them", "data", ["expert_assessments"], ["mean_weeks"]),
        ("Rely on local authority assessments in place of experts where the court agrees", "governance", ["trust_in_la_assessments"], []),
        ("Commission a shared drug and alcohol testing contract", "multi_agency", ["expert_assessments"], []),
    ],
    "family-navigation": [
        ("Launch a family-friendly portal explaining care proceedings", "navigation", ["information_sharing"], []),
        ("Give parents earlier access to legal advice through a duty scheme", "navigation", ["late_family_presentation"], []),
        ("Co-produce a guide to pre-proceedings with parents with lived experience", "navigation", [], []),
        ("Use the family journey maps to redesign letters to parents", "navigation", ["information_sharing"], []),
        ("Provide an advocacy service for parents with learning disabilities", "navigation", ["late_family_presentation"], []),
        ("Translate key letters and guides into the main community languages", "navigation", ["information_sharing"], []),
        ("Train court reception staff to signpost families to support", "navigation", [], []),
    ],
}

# Who owns an action in each sub-group: role, and whose organisation ("la", "hmcts", "cafcass", "court").
OWNER_ROLES: dict[str, list[tuple[str, str]]] = {
    "pre-proceedings": [("Head of Service", "la"), ("Service Manager, Edge of Care", "la"),
                        ("Family Group Conference Manager", "la"), ("Head of Practice", "cafcass")],
    "court-progression": [("Family Listing Manager", "hmcts"), ("Designated Family Judge", "court"),
                          ("Court Progression Manager", "la"), ("Delivery Manager", "hmcts")],
    "data-performance": [("Performance and Intelligence Manager", "la"), ("Service Manager", "cafcass"),
                         ("Data and Performance Analyst", "hmcts"), ("Board Secretariat", "hmcts")],
    "workforce": [("Assistant Director, Children's Social Care", "la"), ("Workforce Development Manager", "la"),
                  ("Head of Practice", "cafcass")],
    "experts": [("Head of Legal Services", "la"), ("Commissioning Manager", "la"), ("Designated Family Judge", "court")],
    "family-navigation": [("Participation and Engagement Lead", "la"), ("Head of Service", "la"),
                          ("Service Manager", "cafcass")],
}

NOTES = {
    # In the order a piece of work usually goes; an action's notes keep this order.
    "progress": [
        "Scoping meeting held; draft proposal to follow.",
        "Mutual Ventures support session held to shape the approach.",
        "Workshop held with social workers, Cafcass and the listing team.",
        "Data requested from HMCTS; awaiting the return.",
        "Draft shared with the sub-group for comment.",
        "Proposal drafted and circulated to partners for approval.",
        "Waiting on partners' comments before sign-off.",
        "Discussed at the board; owner to bring a costed proposal.",
        "Funding agreed in principle by the partnership.",
        "Progress slower than planned because of staff absence; revised plan to the next sub-group.",
        "Running in two teams; early feedback positive.",
        "Update given at the sub-group; on track.",
    ],
    "hold": ["Paused pending the outcome of the regional funding bid.",
             "On hold until the new Head of Service is in post.",
             "Paused while the national guidance is revised."],
    "complete": ["Completed: signed off at the board.",
                 "Completed: now business as usual; monitored through the dashboard.",
                 "Completed and reported to the board; closed at the last meeting."],
    "closed": ["Closed by the board: superseded by a wider piece of work.",
               "Closed: no longer needed after the national guidance was issued."],
}

FIRST_NAMES = [
    "Aisha", "Alison", "Amrit", "Andrew", "Bethany", "Catherine", "Chloe", "Claire", "Daniel", "David", "Deborah",
    "Eleanor", "Fatima", "Gareth", "Grace", "Hannah", "Helen", "Imran", "James", "Jasmine", "Joanne", "Jonathan",
    "Karen", "Kwame", "Laura", "Lucy", "Mark", "Matthew", "Michael", "Nadia", "Natalie", "Neil", "Olivia", "Owen",
    "Paul", "Priya", "Rachel", "Rebecca", "Richard", "Rosa", "Samuel", "Sarah", "Simon", "Sophie", "Stephen",
    "Tariq", "Thomas", "Victoria", "Yusuf", "Zoe",
]
SURNAMES = [
    "Ahmed", "Armstrong", "Bailey", "Bennett", "Bhatti", "Brennan", "Carter", "Chaudhry", "Clarke", "Coleman",
    "Davies", "Dixon", "Doyle", "Edwards", "Evans", "Fletcher", "Foster", "Gill", "Graham", "Hartley", "Hughes",
    "Hussain", "Jackson", "Kaur", "Kelly", "Khan", "Lawson", "Lloyd", "Marsh", "Mensah", "Morgan", "Murphy",
    "Nolan", "Okafor", "Osei", "Palmer", "Patel", "Pearson", "Quinn", "Reid", "Robinson", "Shah", "Sheikh",
    "Stewart", "Sullivan", "Taylor", "Turner", "Walsh", "Whitfield", "Wright",
]


# --------------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------------

def board_rng(board: Board, stream: int) -> np.random.Generator:
    """A generator for one part of one board (1 cases, 2 people, 3 actions): stable across runs."""
    slug_key = int.from_bytes(hashlib.sha256(board.slug.encode()).digest()[:4], "big")
    return np.random.default_rng([SEED, slug_key, stream])


def uk(d: date | None) -> str:
    return "" if d is None else d.strftime("%d/%m/%Y")


def to_days(d: date) -> int:
    return d.toordinal()


def from_days(n: int) -> date:
    return date.fromordinal(int(n))


def next_weekday(days: np.ndarray) -> np.ndarray:
    """Ordinal days moved forward off Saturdays and Sundays (ordinal 1 = Monday 1 January 0001)."""
    weekday = (days - 1) % 7  # 0 Monday ... 6 Sunday
    return days + np.where(weekday == 5, 2, np.where(weekday == 6, 1, 0))


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th given weekday (0 Monday) of a month, e.g. the third Wednesday."""
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def months(start: date, end: date) -> list[date]:
    out, d = [], date(start.year, start.month, 1)
    while d <= end:
        out.append(d)
        d = date(d.year + d.month // 12, d.month % 12 + 1, 1)
    return out


# --------------------------------------------------------------------------------------------------
# Case-level extract
# --------------------------------------------------------------------------------------------------

def usual_mean_weeks(board: Board, when: np.ndarray) -> np.ndarray:
    """The board's average duration (weeks), without any pilot, for cases concluding on `when`
    (ordinal days): the national curve plus the board's own offset."""
    knots = [to_days(d) for d, _ in NATIONAL_MEAN_WEEKS]
    return np.interp(when, knots, [w for _, w in NATIONAL_MEAN_WEEKS]) + board.offset_weeks


def pilot_share(board: Board, when: np.ndarray) -> np.ndarray:
    """How far the pilot's effect has built up (0 to 1) by `when`; always 0 for a comparator."""
    if board.programme != "trailblazer":
        return np.zeros(len(when))
    return np.clip((when - to_days(PILOT_START)) / PILOT_RAMP_DAYS, 0.0, 1.0)


def issue_dates(board: Board, rng: np.random.Generator) -> np.ndarray:
    """Ordinal issue dates, weekdays only, with seasonality, a gentle fall in demand and noise."""
    out = []
    for first in months(FIRST_ISSUE, LAST_ISSUE):
        years_in = (first - FIRST_ISSUE).days / 365.25
        rate = board.monthly_cases * ISSUE_SEASON[first.month - 1] * (1 - 0.025 * years_in)
        count = rng.poisson(rate * rng.lognormal(0.0, 0.10))
        last = date(first.year + first.month // 12, first.month % 12 + 1, 1) - timedelta(days=1)
        weekdays = [d for d in range(to_days(first), to_days(last) + 1) if (d - 1) % 7 < 5]
        out.append(rng.choice(weekdays, size=count))
    return np.sort(np.concatenate(out))


def stratified_normal(issued: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Standard normal scores, stratified within each issue month (one draw from each of n equal
    slices of the distribution), so a month's cohort is neither luckily quick nor unluckily slow and
    the pilot's effect is not lost in sampling noise."""
    z = np.empty(len(issued))
    month_key = np.array([from_days(d).year * 12 + from_days(d).month for d in issued])
    inv_cdf = np.vectorize(NormalDist().inv_cdf)
    for key in np.unique(month_key):
        idx = np.flatnonzero(month_key == key)
        slices = rng.permutation(len(idx))
        z[idx] = inv_cdf((slices + rng.random(len(idx))) / len(idx))
    return z


def soften_tail(z: np.ndarray) -> np.ndarray:
    return np.where(z > TAIL_START, TAIL_START + (z - TAIL_START) * TAIL_SLOPE, z)


def mean_of_exp(sigma: float) -> float:
    """E[exp(sigma * z)] for a standard normal z with its tail softened (exp(sigma^2 / 2) without)."""
    z = np.linspace(-8.0, 8.0, 16001)
    density = np.exp(-z * z / 2)
    return float((np.exp(sigma * soften_tail(z)) * density).sum() / density.sum())


def durations_weeks(board: Board, issued: np.ndarray, z: np.ndarray) -> np.ndarray:
    """Right-skewed durations: 6 weeks plus a lognormal whose mean follows the board's curve at the
    date each case concludes, less the pilot's cut (the full cut for a case of average length or
    longer, proportionally less for a short one, so none falls below the minimum).

    The conclusion date depends on the duration, so a few fixed-point steps find both; the curves
    move slowly enough (well under a week per week) for the steps to converge."""
    weeks = np.full(len(issued), 40.0)
    for _ in range(8):
        concluded = issued + weeks * 7
        mean_above_min = usual_mean_weeks(board, concluded) - MIN_WEEKS
        above_min = mean_above_min / mean_of_exp(board.sigma) * np.exp(board.sigma * z)
        cut = board.pilot_effect_weeks * pilot_share(board, concluded) * np.minimum(1.0, above_min / mean_above_min)
        weeks = MIN_WEEKS + above_min - cut
    return weeks


def slip_holidays(days: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Move some August and late-December final hearings into September and early January."""
    dates = [from_days(d) for d in days]
    month = np.array([d.month for d in dates])
    dom = np.array([d.day for d in dates])
    year = np.array([d.year for d in dates])
    u = rng.random(len(days))
    extra = rng.integers(0, 15, len(days))
    sept = np.array([to_days(date(y, 9, 1)) for y in year]) + extra
    jan = np.array([to_days(date(y + 1, 1, 2)) for y in year]) + extra
    days = np.where((month == 8) & (u < SLIP_AUGUST), sept, days)
    days = np.where((month == 12) & (dom >= 15) & (u < SLIP_CHRISTMAS), jan, days)
    return next_weekday(days)


def pick_drivers(board: Board, n: np.ndarray, experts: np.ndarray, rng: np.random.Generator) -> list[str]:
    """Semicolon-separated driver ids per case: n drivers drawn without replacement by the board's
    weights (Gumbel top-k); expert delay is rarely cited on a case without experts."""
    weights = np.array([board.driver_weights.get(d, 0.5) for d in DRIVER_IDS], dtype=float)
    logw = np.tile(np.log(weights), (len(n), 1))
    logw[experts == 0, DRIVER_IDS.index("expert_assessments")] += math.log(0.25)
    keys = logw + rng.gumbel(size=logw.shape)
    order = np.argsort(-keys, axis=1)
    return [";".join(DRIVER_IDS[j] for j in order[i, : n[i]]) for i in range(len(n))]


def case_numbers(courts: np.ndarray, issued: np.ndarray, codes: dict[str, str]) -> list[str]:
    """Family court style case numbers: court code, two-digit year, 'C', a running number from 50001."""
    counters: dict[tuple[str, int], int] = {}
    out = []
    for court, day in zip(courts, issued):
        year = from_days(day).year % 100
        key = (codes[court], year)
        counters[key] = counters.get(key, 50000) + 1
        out.append(f"{key[0]}{year:02d}C{counters[key]:05d}")
    return out


def build_cases(board: Board) -> pd.DataFrame:
    """One row per application, canonical columns, dates as `date` (None while open at the snapshot)."""
    rng = board_rng(board, 1)
    issued = issue_dates(board, rng)
    n = len(issued)

    shares = np.array([a.share for a in board.authorities])
    la_index = rng.choice(len(board.authorities), size=n, p=shares / shares.sum())
    court = np.empty(n, dtype=object)
    for i, authority in enumerate(board.authorities):
        mask = la_index == i
        names = list(authority.courts)
        p = np.array(list(authority.courts.values()))
        court[mask] = rng.choice(names, size=mask.sum(), p=p / p.sum())

    pilot_on = issued >= to_days(PILOT_START)
    pre_rate = board.pre_proceedings_rate + (0.12 if board.programme == "trailblazer" else 0.0) * pilot_on
    pre = rng.random(n) < pre_rate
    z = soften_tail(stratified_normal(issued, rng) - 0.12 * np.where(pre, 1, -1))
    weeks = durations_weeks(board, issued, z)
    disposed_on = slip_holidays(np.round(issued + weeks * 7).astype(int), rng)
    is_open = disposed_on > to_days(SNAPSHOT)
    # Weeks the case has run: to its end, or to the snapshot while open.
    run = np.where(is_open, to_days(SNAPSHOT) - issued, disposed_on - issued) / 7

    children = rng.choice([1, 2, 3, 4], size=n, p=CHILDREN_P)
    hearings_floor = np.where(is_open, 1, 3)
    hearings = np.clip(np.round(2.2 + run / 11 + rng.normal(0, 1.1, n)), hearings_floor, 12).astype(int)
    fcmh = np.clip(np.round((run - 22) / 16 + rng.normal(0, 0.8, n)), 0, 5).astype(int)
    fcmh = np.minimum(fcmh, np.maximum(hearings - 2, 0))
    experts = np.clip(rng.poisson(board.expert_rate * (0.4 + run / 45)), 0, 3)
    n_drivers = np.clip(rng.poisson(0.2 + run / 32), 0, 3)

    outcome_names = list(OUTCOMES)
    p_out = np.array(list(OUTCOMES.values()))
    outcome = rng.choice(outcome_names, size=n, p=p_out / p_out.sum())
    # Withdrawn applications end early; a case still open has no outcome yet.
    outcome = np.where((run < 16) & (rng.random(n) < 0.25), "withdrawn", outcome)
    outcome = np.where(is_open, "", outcome)

    return pd.DataFrame({
        "case_id": case_numbers(court, issued, board.court_codes),
        "local_authority": [board.authorities[i].name for i in la_index],
        "court": court,
        "issue_date": [from_days(d) for d in issued],
        "disposal_date": [None if o else from_days(d) for d, o in zip(disposed_on, is_open)],
        "children": children,
        "hearings": hearings,
        "fcmh": fcmh,
        "experts": experts,
        "pre_proceedings": np.where(pre, "Y", "N"),
        "outcome": outcome,
        "delay_drivers": pick_drivers(board, n_drivers, experts, rng),
    })


def as_text_rows(cases: pd.DataFrame) -> pd.DataFrame:
    """The extract as an export would show it: UK dates, empty cells for open cases."""
    out = cases.copy()
    out["issue_date"] = out["issue_date"].map(uk)
    out["disposal_date"] = out["disposal_date"].map(uk)
    return out


def spoil_three_rows(rows: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Three keying errors the loader must set aside (SPEC.md: a bad row is left out and listed in
    data_quality): an impossible date, a disposal before issue, a negative hearings count."""
    rows = rows.copy()
    issued = pd.to_datetime(rows["issue_date"], format="%d/%m/%Y")
    disposed = rows["disposal_date"] != ""
    feb_2024 = rows.index[(issued.dt.year == 2024) & (issued.dt.month == 2)]
    done_2023 = rows.index[disposed & (issued.dt.year == 2023)]
    done_2022 = rows.index[disposed & (issued.dt.year == 2022)]
    bad_date, before, negative = rng.choice(feb_2024), rng.choice(done_2023), rng.choice(done_2022)
    rows.loc[bad_date, "issue_date"] = "31/02/2024"
    # The final order date typed with the year before: it now precedes the issue date.
    d = pd.to_datetime(rows.loc[before, "issue_date"], format="%d/%m/%Y") - pd.Timedelta(days=11)
    rows.loc[before, "disposal_date"] = d.strftime("%d/%m/%Y")
    rows.loc[negative, "hearings"] = -2
    return rows


def write_extract(board: Board, cases: pd.DataFrame, folder: Path) -> str:
    """Write the board's extract in its own format; the file name relative to `folder`."""
    if board.extract_format == "xlsx":
        path = folder / "extract.xlsx"
        with pd.ExcelWriter(path, engine="openpyxl", date_format="DD/MM/YYYY") as writer:
            cases.to_excel(writer, sheet_name=board.config["sheet"], index=False)
        return path.name
    if board.extract_format == "parquet":
        path = folder / "extract.parquet"
        table = pa.table({
            "case_id": pa.array(cases["case_id"], pa.string()),
            "local_authority": pa.array(cases["local_authority"], pa.string()),
            "court": pa.array(cases["court"], pa.string()),
            "issue_date": pa.array(cases["issue_date"], pa.date32()),
            "disposal_date": pa.array(cases["disposal_date"], pa.date32()),
            "children": pa.array(cases["children"], pa.int64()),
            "hearings": pa.array(cases["hearings"], pa.int64()),
            "fcmh": pa.array(cases["fcmh"], pa.int64()),
            "experts": pa.array(cases["experts"], pa.int64()),
            "pre_proceedings": pa.array(cases["pre_proceedings"], pa.string()),
            "outcome": pa.array([o or None for o in cases["outcome"]], pa.string()),
            "delay_drivers": pa.array([d or None for d in cases["delay_drivers"]], pa.string()),
        })
        pq.write_table(table, path)
        return path.name
    rows = as_text_rows(cases)
    if board.slug == "wolverhampton":
        rows = spoil_three_rows(rows, board_rng(board, 4))
    columns = board.config.get("columns")
    if columns:  # the export's own headers, in the order its columns appear there
        rows = rows[list(columns)].rename(columns=columns)
    path = folder / "extract.csv"
    rows.to_csv(path, index=False, lineterminator="\n")
    return path.name


# --------------------------------------------------------------------------------------------------
# People and the terms of reference
# --------------------------------------------------------------------------------------------------

class People:
    """Invented names, never repeated within a board."""

    def __init__(self, rng: np.random.Generator):
        self._first = list(rng.permutation(FIRST_NAMES))
        self._last = list(rng.permutation(SURNAMES))

    def name(self) -> str:
        return f"{self._first.pop()} {self._last.pop()}"


def organisation_of(board: Board, kind: str, authority: Authority) -> str:
    """An owner's organisation: the authority's, HMCTS's region, Cafcass, or the board's main court."""
    return {
        "la": authority.organisation,
        "hmcts": f"HMCTS {board.region}",
        "cafcass": "Cafcass",
        "court": next(iter(board.court_codes)),
    }[kind]


def build_members(board: Board, people: People) -> list[dict[str, str]]:
    """Cross-sector membership: judiciary, Cafcass, HMCTS, local authorities, legal, health, and
    police or education on some boards; the largest authorities first."""
    main_court = next(iter(board.court_codes))
    town = main_court.replace(" Family Court", "")
    core = [
        (people.name(), "District Judge", main_court, "judiciary"),
        (people.name(), "Head of Practice", "Cafcass", "cafcass"),
        (people.name(), "Family Operations Manager", f"HMCTS {board.region}", "hmcts"),
        (people.name(), "Solicitor (Law Society Children Panel)", f"{people.name().split()[1]} and Co Solicitors", "legal"),
        (people.name(), "Designated Nurse, Safeguarding Children", board.health, "health"),
        (people.name(), "Head of Legal Services", board.authorities[0].organisation, "local_authority"),
    ]
    extras = [
        (people.name(), "Chair of the Family Panel (magistrates)", f"{town} Family Panel", "judiciary"),
        (people.name(), "Family barrister", f"{town} Family Bar", "legal"),
        (people.name(), "Service Manager", "Cafcass", "cafcass"),
        (people.name(), "Detective Chief Inspector, Public Protection", board.police, "police"),
        (people.name(), "Virtual School Head", board.authorities[0].organisation, "education"),
    ]
    by_size = sorted(board.authorities, key=lambda a: -a.share)
    # The vice-chair of a Trailblazer board is the lead authority's DCS; the others sit as members.
    if board.programme == "trailblazer":
        by_size = [a for a in by_size if a is not board.authorities[0]]
    las = [(people.name(), "Director of Children's Services", a.organisation, "local_authority") for a in by_size]
    las.append((people.name(), "Assistant Director, Children's Social Care", board.authorities[0].organisation, "local_authority"))
    n_la = min(len(las), max(2, board.n_members - len(core) - 3))
    chosen = core + las[:n_la] + extras
    return [{"name": n, "role": r, "organisation": o, "sector": s} for n, r, o, s in chosen[: board.n_members]]


# The board member who links each sub-group to the board: the first member whose role fits.
LINK_ROLES = {
    "pre-proceedings": ("Director of Children's Services", "Assistant Director"),
    "court-progression": ("District Judge", "Family Operations Manager"),
    "data-performance": ("Family Operations Manager", "Head of Practice"),
    "workforce": ("Assistant Director", "Service Manager", "Head of Practice"),
    "experts": ("Head of Legal Services", "Family barrister"),
    "family-navigation": ("Solicitor", "Service Manager", "Head of Practice"),
}


def link_member(sub_group: str, members: list[dict[str, str]]) -> str:
    for role in LINK_ROLES[sub_group]:
        for member in members:
            if member["role"].startswith(role):
                return member["name"]
    return members[0]["name"]


def build_meetings(board: Board, members: int, quorum: int, rng: np.random.Generator) -> list[dict[str, Any]]:
    """Board meetings, January 2024 to mid-2025, with attendance for those held by 31 March 2025."""
    if board.config["cadence"] == "bimonthly":
        when = [(y, m) for y in (2024, 2025) for m in (1, 3, 5, 7, 9, 11) if (y, m) <= (2025, 7)]
        dates = [nth_weekday(y, m, 2, 3) for y, m in when]  # third Wednesday
    else:
        when = [(2024, 3), (2024, 6), (2024, 9), (2024, 12), (2025, 3), (2025, 6)]
        dates = [nth_weekday(y, m, 3, 2) for y, m in when]  # second Thursday
    low = set(board.config.get("low_attendance", []))
    meetings = []
    for i, d in enumerate(dates):
        if d > AS_OF:
            meetings.append({"date": d})
            continue
        attended = quorum - 1 - int(rng.integers(0, 2)) if i in low else int(rng.integers(quorum + 1, members + 1))
        meetings.append({"date": d, "attendance": attended})
    return meetings


def build_terms_of_reference(board: Board) -> dict[str, Any]:
    """The board's terms of reference as YAML-ready data."""
    rng = board_rng(board, 2)
    people = People(rng)
    cfg = board.config
    members = build_members(board, people)
    quorum = math.ceil(len(members) / 2) + 1
    chair = {"name": f"HHJ {people.name()}", "role": "Designated Family Judge",
             "organisation": next(iter(board.court_codes)), "sector": "judiciary"}
    vice_chair = {"name": people.name(), "role": "Director of Children's Services",
                  "organisation": board.authorities[0].organisation, "sector": "local_authority"}
    if board.programme == "comparator":
        vice_chair = {"name": people.name(), "role": "Head of Service", "organisation": "Cafcass", "sector": "cafcass"}
    secretariat = {"name": people.name(), "role": "LFJB Secretariat, Family Business Manager",
                   "organisation": f"HMCTS {board.region}", "sector": "hmcts"}

    sub_groups = []
    for i, gid in enumerate(board.sub_groups):
        spec = SUB_GROUPS[gid]
        role, _ = spec["lead"]
        lead_org = board.authorities[i % len(board.authorities)].organisation
        if spec["lead"][1] == "hmcts":
            lead_org = f"HMCTS {board.region}"
        group = {"id": gid, "name": spec["name"], "lead": f"{people.name()} ({role}, {lead_org})",
                 "link_member": link_member(gid, members), "remit": spec["remit"],
                 "themes": spec["themes"], "drivers": spec["drivers"]}
        if cfg.get("no_link_member") == gid:
            del group["link_member"]
        sub_groups.append(group)

    inputs: dict[str, Any] = {
        "actions": f"../sample_data/{board.slug}/actions.{board.actions_format}",
        "extract": f"../sample_data/{board.slug}/extract.{board.extract_format}",
    }
    if board.slug in SOURCES_BOARDS:
        inputs["extract"] = sources_input(board)
    if "columns" in cfg:
        inputs["columns"] = cfg["columns"]
    if "date_format" in cfg:
        inputs["date_format"] = cfg["date_format"]
    if "sheet" in cfg:
        inputs["sheet"] = cfg["sheet"]
    if board.slug in PRE_PROCEEDINGS_LOGS:
        inputs["pre_proceedings"] = pre_proceedings_input(board)

    doc: dict[str, Any] = {
        "name": board.name,
        "dfj_area": board.dfj_area,
        **({"programme": board.programme} if board.programme else {}),
        "local_authorities": [a.name for a in board.authorities],
        "chair": chair,
        "vice_chair": vice_chair,
        "secretariat": secretariat,
        "members": members,
        "quorum": quorum,
        "meetings": build_meetings(board, len(members), quorum, rng),
        "statement_of_expectations": cfg["statement_of_expectations"],
        "terms_reviewed": cfg["terms_reviewed"],
        "sub_groups": sub_groups,
        "targets": cfg["targets"],
        "branding": {**cfg["branding"], "protective_marking": "OFFICIAL-SENSITIVE"},
    }
    if "spc" in cfg:
        doc["spc"] = cfg["spc"]
    if "stale_after_days" in cfg:
        doc["stale_after_days"] = cfg["stale_after_days"]
    doc["inputs"] = inputs
    return doc


SECTION_COMMENTS = {
    "chair": "Chair, vice-chair and secretariat (Good Practice Guide: HMCTS secretariat support)",
    "members": "Membership: strong cross-sector buy-in from the judiciary, Cafcass, HMCTS and partners",
    "meetings": "Board meetings; attendance = members present",
    "statement_of_expectations": "Governance: statement of expectations (the date agreed; false if none yet) and the "
                                 "last review of these terms",
    "sub_groups": "Sub-groups report to every board; the link member attends both",
    "targets": "Local targets (26 weeks is the statutory limit; some boards set a stepping stone first)",
    "branding": "How the board pack looks",
    "spc": "Statistical process control settings (SPEC.md, SPC)",
    "stale_after_days": "An open action with no update for this many days is flagged as stale",
    "inputs": "Where the secretariat keeps the inputs (relative to this file)",
}


def terms_of_reference_yaml(board: Board, doc: dict[str, Any]) -> str:
    header = (
        f"# {board.name}: terms of reference\n"
        "#\n"
        "# SYNTHETIC SAMPLE DATA. The people are invented and the figures are made up; do not rely on them.\n"
        "# Written by sample_data/generate.py; regenerate with `python sample_data/generate.py`.\n\n"
    )
    lines = []
    for line in dump_yaml(doc).splitlines():
        key = line.split(":", 1)[0]
        if not line.startswith(" ") and key in SECTION_COMMENTS:
            lines += ["", f"# {SECTION_COMMENTS[key]}"]
        lines.append(line)
    return header + "\n".join(lines) + "\n"


def logo_svg(board: Board) -> str:
    """A simple abstract mark in the board's colours: three overlapping rings, partners together."""
    primary = board.config["branding"]["primary_colour"]
    accent = board.config["branding"]["accent_colour"]
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="120" viewBox="0 0 120 120" role="img">\n'
        f"  <title>{board.name} (sample logo)</title>\n"
        f'  <rect width="120" height="120" rx="18" fill="{primary}"/>\n'
        '  <circle cx="46" cy="50" r="24" fill="none" stroke="#ffffff" stroke-width="7"/>\n'
        f'  <circle cx="74" cy="50" r="24" fill="none" stroke="{accent}" stroke-width="7"/>\n'
        '  <circle cx="60" cy="74" r="24" fill="none" stroke="#ffffff" stroke-width="7" opacity="0.8"/>\n'
        "</svg>\n"
    )


# --------------------------------------------------------------------------------------------------
# Action log
# --------------------------------------------------------------------------------------------------

def action_candidates(board: Board) -> list[dict[str, Any]]:
    """Every action title this board could have, expanded per authority where the title names one."""
    out = []
    for gid in board.sub_groups:
        for title, theme, drivers, kpis in ACTION_TEMPLATES[gid]:
            authorities = board.authorities if "{la}" in title else board.authorities[:1]
            for authority in authorities[:4]:
                text = title.format(la=authority.name, n_las=_number_word(len(board.authorities)))
                out.append({"title": text, "sub_group": gid, "theme": theme, "drivers": drivers,
                            "kpis": kpis, "authority": authority})
    return out


def _number_word(n: int) -> str:
    words = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
    return words[n - 1] if n <= len(words) else str(n)


def status_plan(n: int) -> list[str]:
    """How the log stands at 31 March 2025: a mix of done, overdue (some badly), due soon and open."""
    plan = (
        ["complete"] * round(0.27 * n) + ["closed"] * max(1, round(0.04 * n))
        + ["on_hold"] * max(2, round(0.06 * n))
        + ["overdue_long"] * max(2, round(0.08 * n)) + ["overdue_short"] * max(2, round(0.08 * n))
        + ["due_soon"] * max(2, round(0.10 * n)) + ["not_started"] * max(1, round(0.06 * n))
    )
    return plan + ["in_progress"] * (n - len(plan))


def choose_actions(board: Board, rng: np.random.Generator) -> list[tuple[dict[str, Any], str]]:
    """Pick the board's actions and the plan for each. On every board but the gap board, the three
    drivers most cited on cases each have an open action; on the gap board, none on its top driver."""
    candidates = action_candidates(board)
    gap = board.gap_driver
    if gap:  # the gap: the board's most-cited driver has at most a completed action
        tagged = [c for c in candidates if gap in c["drivers"]]
        candidates = [c for c in candidates if gap not in c["drivers"]] + tagged[:1]
    order = [candidates[i] for i in rng.permutation(len(candidates))]
    top3 = sorted(board.driver_weights, key=lambda d: -board.driver_weights[d])[:3]
    must_open = []
    for driver in top3:
        if driver == gap:
            continue
        pick = next((c for c in order if driver in c["drivers"] and c not in must_open), None)
        if pick is None:
            raise ValueError(f"{board.slug}: no action template addresses {driver}")
        must_open.append(pick)
    chosen = must_open + [c for c in order if c not in must_open][: board.n_actions - len(must_open)]
    if len(chosen) < board.n_actions:
        raise ValueError(f"{board.slug}: only {len(chosen)} action titles for {board.n_actions} actions")

    def is_gap(action: dict[str, Any]) -> bool:
        return bool(gap) and gap in action["drivers"]

    plans = [str(p) for p in rng.permutation(status_plan(len(chosen)))]
    for i, action in enumerate(chosen):  # keep the must-open ones open and the gap's one complete
        if action in must_open and plans[i] in ("complete", "closed"):
            target = "in_progress"
        elif is_gap(action) and plans[i] != "complete":
            target = "complete"
        else:
            continue
        j = next(j for j, other in enumerate(chosen)
                 if plans[j] == target and other not in must_open and not is_gap(other))
        plans[i], plans[j] = plans[j], plans[i]
    return list(zip(chosen, plans))


def action_dates(board: Board, plan: str, rng: np.random.Generator) -> dict[str, date | None]:
    """Raised, due and completed dates that fit the plan, as at AS_OF."""
    def ago(lo: int, hi: int) -> date:
        return AS_OF - timedelta(days=int(rng.integers(lo, hi + 1)))

    def ahead(lo: int, hi: int) -> date:
        return AS_OF + timedelta(days=int(rng.integers(lo, hi + 1)))

    # Trailblazers raised most actions once the pilot was being designed (early 2024).
    earliest = 760 if board.programme == "comparator" else 430
    completed = None
    if plan == "overdue_long":
        due = ago(61, 260)
        raised = due - timedelta(days=int(rng.integers(60, 200)))
    elif plan == "overdue_short":
        due = ago(3, 55)
        raised = due - timedelta(days=int(rng.integers(60, 240)))
    elif plan == "due_soon":
        due = ahead(1, 30)
        raised = ago(40, earliest)
    elif plan == "not_started":
        raised = ago(5, 90)
        due = ahead(45, 240)
    elif plan in ("complete", "closed"):
        raised = ago(120, earliest)
        due = raised + timedelta(days=int(rng.integers(60, 240)))
        end = min(AS_OF, raised + timedelta(days=int(rng.integers(50, 330))))
        completed = end if plan == "complete" else None
        if plan == "closed":
            due = min(due, end)
        return {"raised": raised, "due": due, "completed": completed, "end": end}
    else:  # in_progress or on_hold, due in the future
        raised = ago(30, earliest)
        due = ahead(31, 270)
    return {"raised": raised, "due": max(due, raised + timedelta(days=14)), "completed": None, "end": AS_OF}


def action_updates(plan: str, dates: dict[str, date | None], stale: bool, stale_days: int,
                   rng: np.random.Generator) -> list[dict[str, Any]]:
    """Dated notes between raising and the end; a stale action's last note is long before AS_OF."""
    raised, end = dates["raised"], dates["end"]
    assert raised is not None and end is not None
    if plan == "not_started":
        return [] if rng.random() < 0.5 else [{"date": raised + timedelta(days=7), "note": "Owner confirmed; work to start next quarter."}]
    latest = end
    if stale or plan == "on_hold":
        latest = AS_OF - timedelta(days=stale_days + int(rng.integers(8, 120)))
    elif plan not in ("complete", "closed"):
        latest = AS_OF - timedelta(days=int(rng.integers(0, min(35, stale_days - 10))))
    latest = max(latest, raised + timedelta(days=7))
    span = (latest - raised).days
    n = int(rng.integers(1, 5))
    offsets = sorted({int(x) for x in rng.integers(7, span + 1, size=n - 1)} | {span}) if span > 7 else [span]
    picked = np.sort(rng.choice(len(NOTES["progress"]), size=len(offsets), replace=False))
    notes = [NOTES["progress"][i] for i in picked]
    if plan in ("complete", "closed", "on_hold"):
        notes[-1] = str(rng.choice(NOTES["hold" if plan == "on_hold" else plan]))
    if plan == "overdue_long" and not stale:
        notes[-1] = "Deadline missed: awaiting sign-off from all partners; revised date to be agreed."
    return [{"date": raised + timedelta(days=o), "note": note} for o, note in zip(offsets, notes)]


def action_owner(board: Board, action: dict[str, Any], rng: np.random.Generator) -> str:
    role, kind = OWNER_ROLES[action["sub_group"]][int(rng.integers(len(OWNER_ROLES[action["sub_group"]])))]
    return f"{role}, {organisation_of(board, kind, action['authority'])}"


def build_actions(board: Board) -> list[dict[str, Any]]:
    """The board's action log as at AS_OF, oldest first, ids in that order."""
    rng = board_rng(board, 3)
    stale_days = board.config.get("stale_after_days", 60)
    prefix = "".join(w[0] for w in board.slug.split("-")).upper() if "-" in board.slug else board.slug[:3].upper()
    rows = []
    for action, plan in choose_actions(board, rng):
        dates = action_dates(board, plan, rng)
        stale = plan in ("in_progress", "overdue_short", "overdue_long") and rng.random() < 0.3
        status = {"overdue_long": "in_progress", "overdue_short": "in_progress", "due_soon": "in_progress"}.get(plan, plan)
        if plan.startswith("overdue") and rng.random() < 0.25:
            status = "not_started"
        row: dict[str, Any] = {
            "title": action["title"], "sub_group": action["sub_group"], "owner": action_owner(board, action, rng),
            "raised": dates["raised"], "due": dates["due"], "status": status,
        }
        if dates["completed"]:
            row["completed"] = dates["completed"]
        row["theme"] = action["theme"]
        if action["drivers"]:
            row["drivers"] = list(action["drivers"])
        if action["kpis"]:
            row["kpis"] = list(action["kpis"])
        updates = action_updates("not_started" if status == "not_started" else plan, dates, stale, stale_days, rng)
        if updates:
            row["updates"] = updates
        rows.append(row)
    rows.sort(key=lambda r: (r["raised"], r["title"]))
    return [{"id": f"{prefix}-{i:03d}", **row} for i, row in enumerate(rows, start=1)]


def action_table(actions: list[dict[str, Any]], dates_as_text: bool) -> pd.DataFrame:
    """One row per action as a spreadsheet keeps it: lists semicolon-separated, updates one per line."""
    def when(d: date | None) -> Any:
        return uk(d) if dates_as_text else d

    return pd.DataFrame([{
        "id": a["id"], "title": a["title"], "sub_group": a["sub_group"], "owner": a["owner"],
        "raised": when(a["raised"]), "due": when(a["due"]),
        "status": a["status"].replace("_", " ").capitalize(),
        "completed": when(a.get("completed")) or None,
        "theme": a.get("theme"),
        "drivers": "; ".join(a.get("drivers", [])) or None,
        "kpis": "; ".join(a.get("kpis", [])) or None,
        "updates": "\n".join(f"{uk(u['date'])}: {u['note']}" for u in a.get("updates", [])) or None,
    } for a in actions])


def write_actions(board: Board, actions: list[dict[str, Any]], folder: Path) -> None:
    if board.actions_format == "yaml":
        header = (f"# {board.name}: action log as at {AS_OF:%d %B %Y}\n"
                  "# SYNTHETIC SAMPLE DATA, written by sample_data/generate.py.\n\n")
        (folder / "actions.yaml").write_text(header + dump_yaml({"actions": actions}), encoding="utf-8")
    elif board.actions_format == "csv":
        action_table(actions, dates_as_text=True).to_csv(folder / "actions.csv", index=False, lineterminator="\n")
    else:
        table = action_table(actions, dates_as_text=False)
        with pd.ExcelWriter(folder / "actions.xlsx", engine="openpyxl", date_format="DD/MM/YYYY") as writer:
            table.to_excel(writer, sheet_name="Action log", index=False)
            sheet = writer.sheets["Action log"]
            for column, width in zip("ABCDEFGHIJKL", (10, 60, 20, 45, 12, 12, 12, 12, 16, 40, 28, 90)):
                sheet.column_dimensions[column].width = width


# --------------------------------------------------------------------------------------------------
# YAML output
# --------------------------------------------------------------------------------------------------

class _Dumper(yaml.SafeDumper):
    """Indented block lists; short lists of plain values on one line."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


def _represent_list(dumper: yaml.SafeDumper, data: list) -> yaml.Node:
    flow = bool(data) and all(isinstance(x, str | int | float) for x in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_Dumper.add_representer(list, _represent_list)


def dump_yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=120, default_flow_style=False)


# --------------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------------

def write_board(board: Board, root: Path) -> None:
    config_dir = root / "board_config"
    data_dir = root / "sample_data" / board.slug
    config_dir.mkdir(parents=True, exist_ok=True)
    data_dir.mkdir(parents=True, exist_ok=True)

    doc = build_terms_of_reference(board)
    (config_dir / f"{board.slug}.yaml").write_text(terms_of_reference_yaml(board, doc), encoding="utf-8")
    logo = board.config["branding"].get("logo")
    if logo:
        (config_dir / logo).parent.mkdir(parents=True, exist_ok=True)
        (config_dir / logo).write_text(logo_svg(board), encoding="utf-8")
    cases = build_cases(board)
    write_extract(board, cases, data_dir)
    if board.slug in SOURCES_BOARDS:
        write_sources(board, cases, data_dir)
    write_actions(board, build_actions(board), data_dir)
    if board.slug in PRE_PROCEEDINGS_LOGS:
        write_pre_proceedings(board, build_pre_proceedings(board, cases), data_dir)


# --------------------------------------------------------------------------------------------------
# Every DFJ area (issue 13): boards for the national comparison, made on demand
# --------------------------------------------------------------------------------------------------

# The 43 DFJ areas and their regions (SPEC.md "Reference data"; lfjb/data/dfj_areas.csv holds the same).
DFJ_AREAS: dict[str, list[str]] = {
    "London": ["Central London", "East London", "West London"],
    "Midlands": ["Birmingham", "Coventry", "Derby", "Leicester", "Lincoln", "Northampton", "Nottingham",
                 "Stoke-on-Trent", "Wolverhampton", "Worcester"],
    "North East": ["Cleveland and South Durham", "Humberside", "North Yorkshire", "Northumbria and North Durham",
                   "South Yorkshire", "West Yorkshire"],
    "North West": ["Blackburn/Lancaster", "Carlisle", "Liverpool", "Manchester"],
    "South East": ["Brighton", "Essex and Suffolk", "Guildford", "Luton", "Medway", "Milton Keynes", "Norwich",
                   "Peterborough", "Reading", "Watford"],
    "South West": ["Bournemouth and Dorset", "Bristol", "Devon", "Portsmouth", "Swindon", "Taunton", "Truro"],
    "Wales": ["North Wales", "South East Wales", "Swansea"],
}
# Inputs a variant does not copy from its template: they belong to one board's own files.
_TEMPLATE_ONLY = ("columns", "date_format", "sheet", "no_link_member", "low_attendance")


def area_slug(area: str) -> str:
    """'Blackburn/Lancaster' -> 'blackburn-lancaster'."""
    return "-".join("".join(c if c.isalnum() else " " for c in area.lower()).split())


def dfj_area_boards() -> list[Board]:
    """A board for each DFJ area without a shipped sample board: a variant of a shipped board (taken
    in turn), with its own seeded volume, spread and average duration (London slower, as published)."""
    shipped = {b.dfj_area for b in BOARDS}
    out = []
    areas = [(region, area) for region, names in DFJ_AREAS.items() for area in names if area not in shipped]
    for i, (region, area) in enumerate(areas):
        template = BOARDS[i % len(BOARDS)]
        rng = np.random.default_rng([SEED, int.from_bytes(hashlib.sha256(area.encode()).digest()[:4], "big"), 9])
        offset = float(rng.uniform(10.0, 17.0)) if region == "London" else float(rng.normal(0.0, 4.5))
        config = {k: v for k, v in template.config.items() if k not in _TEMPLATE_ONLY}
        config["branding"] = {k: v for k, v in template.config["branding"].items() if k != "logo"}
        out.append(Board(
            slug=area_slug(area), name=f"{area} Local Family Justice Board", dfj_area=area, programme=None,
            region=region, authorities=template.authorities, court_codes=template.court_codes,
            monthly_cases=float(rng.uniform(14, 55)), offset_weeks=offset, pilot_effect_weeks=0.0,
            sigma=float(rng.uniform(0.58, 0.72)), driver_weights=template.driver_weights,
            expert_rate=template.expert_rate, pre_proceedings_rate=template.pre_proceedings_rate,
            sub_groups=template.sub_groups, n_actions=template.n_actions, n_members=template.n_members,
            extract_format="csv", actions_format="yaml", gap_driver=template.gap_driver,
            health=template.health, police=template.police, config=config,
        ))
    return out


# --------------------------------------------------------------------------------------------------
# Pre-proceedings logs (issue 14): one row per family in the PLO pre-proceedings process
# --------------------------------------------------------------------------------------------------

# Boards that keep a pre-proceedings log, its file, and (for one) the log's own headers and words.
PRE_PROCEEDINGS_LOGS: dict[str, dict[str, Any]] = {
    # Wolverhampton's log carries the court's case number of each family whose case was issued (issue 21).
    "wolverhampton": {"file": "pre_proceedings.csv", "case_ids": True},
    "essex-suffolk": {
        "file": "plo_tracker.xlsx", "sheet": "PLO tracker",
        "columns": {"family_id": "Family Ref", "local_authority": "Local Authority",
                    "plo_letter_date": "Letter Before Proceedings", "end_date": "PLO Ended", "end_reason": "PLO Outcome"},
        "words": {"diverted": "Stepped down", "issued": "Proceedings issued", "other": "Closed - other"},
    },
}
# Share of families leaving pre-proceedings without proceedings (Trailblazers divert more once the
# pilot runs), and how long the process takes: PLO guidance aims for 16 weeks; many run longer.
PLO_DIVERTED_PER_ISSUED = 0.75
PLO_PILOT_DIVERSION_BOOST = 0.35
PLO_OTHER_SHARE = 0.06
PLO_MEDIAN_WEEKS, PLO_SIGMA = 15.0, 0.45
PLO_FIRST_LETTER = date(2022, 1, 1)


def pre_proceedings_input(board: Board) -> Any:
    """The terms of reference's `inputs.pre_proceedings`: a path, or the log's own headers and words."""
    spec = PRE_PROCEEDINGS_LOGS[board.slug]
    path = f"../sample_data/{board.slug}/{spec['file']}"
    if "columns" not in spec:
        return path
    return {"file": path, "sheet": spec["sheet"], "columns": spec["columns"],
            "values": {"end_reason": {word: reason for reason, word in spec["words"].items()}}}


def build_pre_proceedings(board: Board, cases: pd.DataFrame) -> pd.DataFrame:
    """One row per family: every issued case that went through pre-proceedings (its letter some weeks
    before issue), and families diverted from court or closed otherwise. Open at the snapshot: no end."""
    rng = board_rng(board, 5)
    went = cases[(cases["pre_proceedings"] == "Y") & (pd.to_datetime(cases["issue_date"]) >= pd.Timestamp(PLO_FIRST_LETTER))]
    issued_end = np.array([to_days(d) for d in went["issue_date"]]) - rng.integers(1, 15, len(went))
    issued = pd.DataFrame({"la": went["local_authority"].to_numpy(), "end": issued_end, "reason": "issued",
                           "case": went["case_id"].to_numpy()})
    # Diverted and other families, spread over the same years as the issued ones; Trailblazers divert
    # more once the pilot runs (the extra families end during the pilot).
    n_issued = len(issued)
    in_pilot = np.flatnonzero(issued_end >= to_days(PILOT_START))
    n_diverted = int(round(PLO_DIVERTED_PER_ISSUED * n_issued))
    n_boost = int(round(PLO_PILOT_DIVERSION_BOOST * len(in_pilot))) if board.programme == "trailblazer" else 0
    n_other = int(round(PLO_OTHER_SHARE * (n_issued + n_diverted)))
    picks = np.concatenate([rng.choice(n_issued, size=n_diverted + n_other, replace=True),
                            rng.choice(in_pilot, size=n_boost, replace=True) if n_boost else np.zeros(0, dtype=int)])
    shift = rng.integers(-40, 41, len(picks))
    others = pd.DataFrame({"la": issued["la"].to_numpy()[picks], "end": issued_end[picks] + shift,
                           "reason": ["diverted"] * n_diverted + ["other"] * n_other + ["diverted"] * n_boost})
    # Families still in pre-proceedings at the snapshot: those who will leave in the coming months, at
    # the last year's rate.
    last_year = others[others["end"].between(to_days(SNAPSHOT) - 365, to_days(SNAPSHOT))]
    per_day = (len(last_year) + int(((issued_end >= to_days(SNAPSHOT) - 365)).sum())) / 365
    n_future = int(round(per_day * 26 * 7))
    future = pd.DataFrame({
        "la": issued["la"].to_numpy()[rng.choice(n_issued, size=n_future)],
        "end": to_days(SNAPSHOT) + rng.integers(1, 26 * 7 + 1, n_future),
        "reason": rng.choice(["issued", "diverted", "other"], size=n_future, p=[0.5, 0.44, 0.06]),
    })
    families = pd.concat([issued, others.assign(case=""), future.assign(case="")], ignore_index=True)
    weeks = np.exp(np.log(PLO_MEDIAN_WEEKS) + PLO_SIGMA * rng.standard_normal(len(families)))
    weeks = np.where(families["reason"] == "diverted", weeks * 1.1, weeks)
    families["letter"] = np.round(families["end"] - np.clip(weeks, 3, 60) * 7).astype(int)
    families = families[families["letter"] <= to_days(SNAPSHOT)]
    families = families[families["letter"] >= to_days(PLO_FIRST_LETTER)].sort_values(["letter", "la"], kind="stable")
    is_open = families["end"] > to_days(SNAPSHOT)
    code = {a.name: next(iter(a.courts)) for a in board.authorities}
    serial: dict[str, int] = {}
    ids = []
    for la, letter in zip(families["la"], families["letter"]):
        prefix = f"{board.court_codes[code[la]]}-PLO-{from_days(letter).year}"
        serial[prefix] = serial.get(prefix, 0) + 1
        ids.append(f"{prefix}-{serial[prefix]:04d}")
    spec = PRE_PROCEEDINGS_LOGS[board.slug]
    words = spec.get("words", {})
    log = pd.DataFrame({
        "family_id": ids,
        "local_authority": families["la"].to_numpy(),
        "plo_letter_date": [from_days(d) for d in families["letter"]],
        "end_date": [None if o else from_days(d) for d, o in zip(families["end"], is_open)],
        "end_reason": ["" if o else words.get(r, r) for r, o in zip(families["reason"], is_open)],
    })
    if spec.get("case_ids"):
        log["case_id"] = ["" if o else c for c, o in zip(families["case"], is_open)]
    return log


def write_pre_proceedings(board: Board, families: pd.DataFrame, folder: Path) -> None:
    """The log as a CSV with lfjb's headers, or as the board's own spreadsheet with its own headers."""
    spec = PRE_PROCEEDINGS_LOGS[board.slug]
    if "columns" not in spec:
        out = families.copy()
        for column in ("plo_letter_date", "end_date"):
            out[column] = out[column].map(uk)
        out.to_csv(folder / spec["file"], index=False, lineterminator="\n")
        return
    table = families.rename(columns=spec["columns"])
    with pd.ExcelWriter(folder / spec["file"], engine="openpyxl", date_format="DD/MM/YYYY") as writer:
        table.to_excel(writer, sheet_name=spec["sheet"], index=False)
        for column in "ABCDE":
            writer.sheets[spec["sheet"]].column_dimensions[column].width = 22


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out-root", type=Path, default=None,
                        help="folder that receives board_config/ and sample_data/ (default: this repository)")
    parser.add_argument("--all-dfj-areas", action="store_true",
                        help="also write a board for each of the other 36 DFJ areas (43 in all); needs --out-root, "
                             "so the repository's shipped samples stay as they are")
    args = parser.parse_args(argv)
    if args.all_dfj_areas and args.out_root is None:
        parser.error("--all-dfj-areas writes 43 boards: give a folder with --out-root")
    root = args.out_root or Path(__file__).resolve().parent.parent
    boards = BOARDS + (dfj_area_boards() if args.all_dfj_areas else [])
    for board in boards:
        write_board(board, root)
    print(f"Wrote {len(boards)} sample boards under {root}")



# --------------------------------------------------------------------------------------------------
# The whole child journey (issue 21): one board's data as the court's list, a hearing list and one
# tracker per council, each in its own layout, as a board receives them
# --------------------------------------------------------------------------------------------------

SOURCES_BOARDS = ("wolverhampton",)
COURT_LIST_COLUMNS = {"case_id": "Case Number", "local_authority": "Applicant LA", "court": "Hearing Centre",
                      "issue_date": "Date Issued", "disposal_date": "Final Order Date", "children": "No. of Children"}
HEARING_LIST_COLUMNS = {"case_id": "Case No", "hearing_date": "Hearing Date", "hearing_type": "Hearing Type",
                        "hearing_outcome": "Hearing Outcome"}
# Each council's tracker: its file, its own headers and how it writes pre-proceedings.
COUNCIL_TRACKERS: dict[str, dict[str, Any]] = {
    "Wolverhampton": {"file": "wolverhampton_tracker.csv", "yes_no": ("Y", "N"),
                      "columns": {"case_id": "Court Case No", "outcome": "Final Order", "delay_drivers": "Reasons for Delay",
                                  "experts": "Experts", "pre_proceedings": "PLO"}},
    "Walsall": {"file": "walsall_tracker.csv", "yes_no": ("Yes", "No"),
                "columns": {"case_id": "Case Ref", "outcome": "Outcome", "delay_drivers": "Delay Factors",
                            "experts": "No. Experts", "pre_proceedings": "Pre-proceedings", "disposal_date": "Date of Final Order"}},
    "Dudley": {"file": "dudley_tracker.csv", "yes_no": ("Yes", "No"),
               "columns": {"case_id": "Case Number", "outcome": "Order Made", "delay_drivers": "Drivers of Delay",
                           "experts": "Expert Assessments", "pre_proceedings": "Went Through PLO"}},
    "Sandwell": {"file": "sandwell_tracker.csv", "yes_no": ("Y", "N"),
                 "columns": {"case_id": "HMCTS Case No", "outcome": "Outcome of Proceedings", "delay_drivers": "Delay Reasons",
                             "experts": "Experts Used", "pre_proceedings": "PLO Pre-Proceedings"}},
}
# The Good Practice Guide's words for the drivers, as a council's tracker writes them (SPEC.md).
DRIVER_LABELS = {
    "late_family_presentation": "Late presentation of family members", "workforce_capacity": "Workforce capacity",
    "court_capacity": "Court capacity", "plo_tracking": "PLO tracking issues", "plo_assessment_quality": "Low PLO assessment quality",
    "external_sw_assessors": "Use of external social work assessors",
    "expert_assessments": "Availability and frequency of expert assessments usage",
    "trust_in_la_assessments": "Lack of trust in LA assessments", "changes_in_plan": "Changes in plan",
    "information_sharing": "Lack of information sharing among partners",
}
HEARING_WORDS = {"cmh": "Case Management Hearing", "fcmh": "Further Case Management Hearing",
                 "irh": "Issues Resolution Hearing", "final": "Final Hearing", "other": "Interim Care Order Hearing"}
VACATED_SHARE = 0.08  # cases with a hearing listed and then vacated (listed, never held, never counted)


def sources_input(board: Board) -> list[dict[str, Any]]:
    """The terms of reference's `inputs.extract` as a list of sources: the court's list first (the spine),
    then the hearing list and each council's tracker with their own headers."""
    folder = f"../sample_data/{board.slug}"
    sources: list[dict[str, Any]] = [
        {"file": f"{folder}/court_list.csv", "columns": COURT_LIST_COLUMNS},
        {"file": f"{folder}/hearing_list.csv", "rows": "hearing", "columns": HEARING_LIST_COLUMNS},
    ]
    sources += [{"file": f"{folder}/{spec['file']}", "columns": spec["columns"]} for spec in COUNCIL_TRACKERS.values()]
    return sources


def hearing_rows(cases: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """One row per hearing of every case, held hearings numbering exactly its `hearings` and `fcmh`:
    the first CMH a week or three after issue, further CMHs and other hearings before the IRH, the IRH
    three to eight weeks before the final hearing, which ends in the final order. An open case's
    hearings all fall before the snapshot. A few cases also have a hearing listed and vacated."""
    out: list[tuple[str, date, str, str]] = []
    snapshot = to_days(SNAPSHOT)
    for case in cases.itertuples(index=False):
        issued = to_days(case.issue_date)
        disposed = to_days(case.disposal_date) if case.disposal_date else None
        end = disposed if disposed is not None else snapshot
        held, fcmh = int(case.hearings), int(case.fcmh)
        kinds = ["cmh"] + ["fcmh"] * fcmh
        rest = held - len(kinds)
        final = disposed is not None and rest > 0
        rest -= int(final)
        irh = rest > 0 and (final or end - issued > 20 * 7)
        rest -= int(irh)
        kinds += ["other"] * rest
        cmh_day = min(issued + int(rng.integers(4, 22)), end)
        final_day = max(end - int(rng.integers(0, 8)), cmh_day) if final else None
        irh_day = None
        if irh:
            irh_day = max((final_day if final_day is not None else end) - int(rng.integers(21, 57)), cmh_day)
        middle_end = irh_day if irh_day is not None else (final_day if final_day is not None else end)
        middle = np.sort(rng.integers(cmh_day, max(middle_end, cmh_day) + 1, size=len(kinds) - 1)).tolist()
        # One hearing a day where the span allows (a list holding one twice counts it once): no random draw.
        for i in range(1, len(middle)):
            middle[i] = max(middle[i], middle[i - 1] + 1)
        for i in reversed(range(len(middle))):
            middle[i] = max(min(middle[i], middle[i + 1] - 1 if i + 1 < len(middle) else max(middle_end, cmh_day)), cmh_day)
        for i in range(1, len(middle)):  # no room before the end (a case issued days before the snapshot): after it
            middle[i] = max(middle[i], middle[i - 1] + 1)
        days = [cmh_day, *middle]
        rows = list(zip(days, kinds))
        if irh_day is not None:
            rows.append((irh_day, "irh"))
        if final_day is not None:
            rows.append((final_day, "final"))
        for day, kind in rows:
            out.append((case.case_id, from_days(day), HEARING_WORDS[kind], ""))
        if rng.random() < VACATED_SHARE and end - cmh_day > 14:
            day = int(rng.integers(cmh_day + 1, end))
            out.append((case.case_id, from_days(day), HEARING_WORDS[rng.choice(["fcmh", "irh"])], "Vacated"))
    frame = pd.DataFrame(out, columns=["case_id", "hearing_date", "hearing_type", "hearing_outcome"])
    return frame.sort_values(["hearing_date", "case_id"], kind="stable").reset_index(drop=True)


def write_sources(board: Board, cases: pd.DataFrame, folder: Path) -> None:
    """The board's extract again as the files a board receives: the court's list (HMCTS), a hearing
    list and one tracker per council, each with its own headers, with the mismatches of real files:
    one case id written in lower case, two cases only in a council's tracker (reported, not counted)
    and one final order date that disagrees with the court's (the court's list wins). The court's
    list has the extract's three keying errors (the third as a negative number of children, as the
    list has no hearing counts), so the same cases are set aside and the pack's figures are the same."""
    rng = board_rng(board, 6)
    rows = spoil_three_rows(as_text_rows(cases), board_rng(board, 4))
    negative = rows.index[rows["hearings"] == -2]
    court = rows.copy()
    court["children"] = court["children"].astype(str)
    court.loc[negative, "children"] = "-2"
    court[list(COURT_LIST_COLUMNS)].rename(columns=COURT_LIST_COLUMNS).to_csv(folder / "court_list.csv", index=False, lineterminator="\n")

    good = cases.drop(index=negative)  # the hearing list of every case, as held (not the keyed count)
    hearings = hearing_rows(good, rng)
    hearings["hearing_date"] = hearings["hearing_date"].map(uk)
    hearings.rename(columns=HEARING_LIST_COLUMNS).to_csv(folder / "hearing_list.csv", index=False, lineterminator="\n")

    labels = DRIVER_LABELS
    for la, spec in COUNCIL_TRACKERS.items():
        own = rows[rows["local_authority"] == la].copy()
        yes, no = spec["yes_no"]
        own["pre_proceedings"] = own["pre_proceedings"].map({"Y": yes, "N": no})
        own["outcome"] = own["outcome"].map(lambda o: o.capitalize() if o else "")
        own["delay_drivers"] = own["delay_drivers"].map(lambda d: "; ".join(labels[x] for x in d.split(";") if x))
        if la == "Dudley":  # one case id keyed in lower case
            own.iloc[len(own) // 2, own.columns.get_loc("case_id")] = own.iloc[len(own) // 2]["case_id"].lower()
        if la == "Walsall":  # the council's date for one final order is a week later than the court's
            done = own.index[own["disposal_date"] != ""]
            pick = done[len(done) // 3]
            own.loc[pick, "disposal_date"] = uk(date.fromordinal(pd.to_datetime(own.loc[pick, "disposal_date"], dayfirst=True).toordinal() + 7))
        if la == "Sandwell":  # two cases the council has, not (yet) on the court's list
            extra = own.tail(2).copy()
            extra["case_id"] = ["WV25C59001", "WV25C59002"]
            extra["outcome"] = ""
            own = pd.concat([own, extra])
        columns = spec["columns"]
        own[list(columns)].rename(columns=columns).to_csv(folder / spec["file"], index=False, lineterminator="\n")


if __name__ == "__main__":
    main()
