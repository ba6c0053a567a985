"""Synthetic boards and packs for the comparison tests, with answers built in (imported by the tests).

`write_board` writes a board (terms of reference, action log, extract) into a folder, from a list of
case durations, so the figures can be worked out by hand. `fake_pack_json` builds a pack JSON dict
directly (`fake_pack` reads it into a PackModel), for the league-table and disclosure-control tests where exact counts matter.
"""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from lfjb.month import Month
from lfjb.pack_model import PackModel

MONTH = Month(2025, 3)
BASELINE = (Month(2023, 4), Month(2024, 3))
PILOT = (Month(2024, 4), Month(2025, 3))


def _disposal_days(month: Month, count: int) -> list[date]:
    """`count` disposal dates spread over `month` (days 1..28)."""
    return [month.first_day + timedelta(days=(i * 27) // max(count, 1)) for i in range(count)]


def board_cases(durations_by_period: dict[tuple[Month, Month], list[int]], hearings_by_period: dict | None = None,
                drivers: str = "court_capacity") -> list[dict]:
    """Cases disposed of evenly over each period's months, with the given durations (days)."""
    rows = []
    n = 0
    for (start, end), durations in durations_by_period.items():
        months = [start.shift(i) for i in range((end.year - start.year) * 12 + end.month - start.month + 1)]
        per_month = np.array_split(np.array(durations), len(months))
        hearings = (hearings_by_period or {}).get((start, end), 4)
        for month, chunk in zip(months, per_month, strict=True):
            for disposal, days in zip(_disposal_days(month, len(chunk)), chunk, strict=True):
                n += 1
                rows.append({
                    "case_id": f"C{n:05d}", "local_authority": "Testshire",
                    "issue_date": disposal - timedelta(days=int(days)), "disposal_date": disposal,
                    "children": 1, "hearings": hearings, "fcmh": 1, "outcome": "care order",
                    "delay_drivers": drivers if n % 3 == 0 else "",
                })
    # A few cases still open at the end of the reporting month.
    for k in range(4):
        n += 1
        rows.append({"case_id": f"C{n:05d}", "local_authority": "Testshire",
                     "issue_date": MONTH.last_day - timedelta(days=30 + 100 * k), "disposal_date": None,
                     "children": 2, "hearings": 2, "fcmh": 0, "outcome": "", "delay_drivers": ""})
    return rows


def write_board(folder: Path, slug: str, dfj_area: str, programme: str | None, cases: list[dict],
                name: str | None = None, top_driver_action: bool = True) -> Path:
    """A board's three input files under `folder`; returns the YAML path."""
    data = folder / slug
    data.mkdir(parents=True, exist_ok=True)
    with (data / "extract.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(cases[0]))
        writer.writeheader()
        for row in cases:
            writer.writerow({**row,
                             "issue_date": row["issue_date"].strftime("%d/%m/%Y"),
                             "disposal_date": row["disposal_date"].strftime("%d/%m/%Y") if row["disposal_date"] else ""})
    drivers = "[court_capacity]" if top_driver_action else "[plo_tracking]"
    (data / "actions.yaml").write_text(
        "actions:\n"
        "  - {id: A1, title: Tackle the main delay, sub_group: court, owner: DFJ, raised: 2024-10-01, "
        f"due: 2025-06-30, status: in_progress, drivers: {drivers}}}\n",
        encoding="utf-8",
    )
    config = folder / "config"
    config.mkdir(exist_ok=True)
    path = config / f"{slug}.yaml"
    lines = [
        f"name: {name or slug.replace('-', ' ').title() + ' Local Family Justice Board'}",
        f"dfj_area: {dfj_area}",
        *( [f"programme: {programme}"] if programme else [] ),
        "sub_groups:",
        "  - {id: court, name: Court progression}",
        "targets: {mean_weeks: 26, pct_within_26: 50}",
        "inputs:",
        f"  actions: ../{slug}/actions.yaml",
        f"  extract: ../{slug}/extract.csv",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --- packs built by hand ------------------------------------------------------------------------------------


def fake_pack(*args, **kwargs) -> PackModel:
    """The PackModel of fake_pack_json's pack (as lfjb.inputs.packs reads a file a board sent)."""
    return PackModel.from_json(fake_pack_json(*args, **kwargs))


def fake_pack_json(slug: str, programme: str | None = "trailblazer", dfj_area: str = "Worcester", *,
              month: Month = MONTH, issued: int = 20, disposed: int = 20, mean_weeks: float | None = 40.0,
              pct: float | None = 30.0, open_over_26: int = 40, disposed_12m: int = 240,
              mean_weeks_12m: float | None = 40.0, pct_12m: float | None = 30.0, monthly_disposed: int = 20,
              monthly_mean: float = 41.0, driver_cases: dict | None = None) -> dict:
    """A pack JSON dict with the sections the comparison reads, every figure chosen by the caller.

    The trend's 24 months all have `monthly_disposed` cases with mean `monthly_mean` weeks and 25%
    within 26 weeks, except the reporting month, which carries the month's own figures.
    """
    trend = []
    for m in month.range_back(24):
        row = {"month": str(m), "issued": 20, "children_issued": 30, "disposed": monthly_disposed,
               "mean_weeks": monthly_mean, "median_weeks": monthly_mean - 2, "pct_within_26": 25.0,
               "open_end": 100, "open_over_26": 40, "open_over_38": 20, "open_over_52": 10,
               "mean_hearings": 5.0, "mean_fcmh": 1.0}
        if m == month:
            row.update(issued=issued, disposed=disposed, mean_weeks=mean_weeks, pct_within_26=pct,
                       open_over_26=open_over_26)
        trend.append(row)
    kpis = {k: v for k, v in trend[-1].items() if k != "month"}
    cases = {d: 0 for d in ("late_family_presentation", "workforce_capacity", "court_capacity", "plo_tracking",
                            "plo_assessment_quality", "external_sw_assessors", "expert_assessments",
                            "trust_in_la_assessments", "changes_in_plan", "information_sharing")}
    cases.update(driver_cases or {"court_capacity": 30, "changes_in_plan": 12})
    spc_point = {"month": str(month), "value": mean_weeks, "type": "common_cause"}
    return {
        "board": {"slug": slug, "name": f"{slug.title()} Local Family Justice Board", "dfj_area": dfj_area,
                  "programme": programme, "protective_marking": "OFFICIAL-SENSITIVE"},
        "month": str(month),
        "as_of": month.last_day.isoformat(),
        "kpis": kpis,
        "trend": trend,
        "rolling_12": {"start": str(month.shift(-11)), "end": str(month), "issued": 240, "disposed": disposed_12m,
                       "mean_weeks": mean_weeks_12m, "median_weeks": (mean_weeks_12m or 0) - 2 if mean_weeks_12m else None,
                       "pct_within_26": pct_12m, "mean_hearings": 5.0},
        "spc": {"mean_weeks": {"assurance": "hit_and_miss", "points": [spc_point]},
                "pct_within_26": {"assurance": "fail", "points": [{**spc_point, "type": "special_cause_improvement"}]}},
        "drivers": {"cases": cases, "open_actions": {d: (1 if d == "changes_in_plan" else 0) for d in cases},
                    "window": {"cases_disposed": disposed_12m}},
        "data_quality": {"rows_read": 0, "rows_rejected": 0, "problems": []},
    }


def three_boards(small_mean: float = 31.25, mid_mean: float = 40.0) -> list[PackModel]:
    """Three boards whose small counts exercise disclosure control: small (3 issued, 7 disposed), mid (12,
    25) and big (30, 40), with court capacity cited on 3, 9 and 15 of their cases."""
    return [
        fake_pack("small", "trailblazer", "Worcester", issued=3, disposed=7, mean_weeks=small_mean, pct=300 / 7,
                  open_over_26=4, driver_cases={"court_capacity": 3, "changes_in_plan": 12}),
        fake_pack("mid", "trailblazer", "Wolverhampton", issued=12, disposed=25, mean_weeks=mid_mean, pct=28.0,
                  open_over_26=30, driver_cases={"court_capacity": 9, "changes_in_plan": 20}),
        fake_pack("big", "comparator", "Guildford", issued=30, disposed=40, mean_weeks=38.3, pct=35.0,
                  open_over_26=50, driver_cases={"court_capacity": 15, "changes_in_plan": 40}),
    ]
