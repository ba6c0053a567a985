"""Official statistics as a comparator: MoJ's Family Court Statistics Quarterly (FCSQ), DFJ level.

`--fcsq FILE` reads a CSV in the long layout of FCSQ's DFJ-level public law data: one row per
year, quarter, DFJ area, category and stage, with counts. The columns lfjb reads (headers are
matched without regard to case, spaces or underscores):

| column        | meaning                                                                       |
|---------------|-------------------------------------------------------------------------------|
| year, quarter | calendar year and quarter (1-4, or "Q1"-"Q4"; Q1 is January to March)          |
| dfj           | the DFJ area as MoJ names it ("Wolverhampton DFJ", "Wrexham DFJ", "York DFJ"); |
|               | "England and Wales" (or "National", "Total") for national rows                 |
| region        | optional; lfjb groups areas by its own DFJ list (lfjb/data/dfj_areas.csv)      |
| category      | optional; only public law care and supervision rows are read                   |
| stage         | "Applications", "Disposals" or "Disposals within 26 weeks"                     |
| count         | optional: children                                                             |
| cases         | cases                                                                          |
| mean_weeks, median_weeks | optional, on "Disposals" rows: duration of the cases disposed of    |

Suppressed or missing values ("*", "..", ":", "z", "c", blank) are read as not available. DFJ names are
matched through lfjb.dfj's aliases; a name that matches no DFJ area is an error naming the row.

Reference rows cover the four quarters ending with the latest quarter that ends on or before the
reporting month, like the boards' rolling 12 months. Medians cannot be combined across quarters or
areas, so reference rows carry none.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from lfjb.dfj import dfj_area_names, find_dfj_area
from lfjb.inputs.errors import InputError, Problem, did_you_mean, display_path
from lfjb.month import Month

NATIONAL_NAMES = {"england and wales", "national", "total", "all", "all dfjs", "england & wales"}
NATIONAL_LABEL = "England and Wales"
MISSING_MARKS = {"*", "..", ":", "z", "c", "x", "-", "", "n/a", "na"}
REQUIRED_COLUMNS = ("year", "quarter", "dfj", "stage", "cases")
COLUMN_ALIASES = {
    "dfj_area": "dfj", "dfj_name": "dfj", "designated_family_judge_area": "dfj",
    "qtr": "quarter", "mean": "mean_weeks", "average_weeks": "mean_weeks", "median": "median_weeks",
    "number_of_cases": "cases", "children": "count",
}
STAGE_APPLICATIONS = "applications"
STAGE_DISPOSALS = "disposals"
STAGE_WITHIN_26 = "within_26"
QUARTERS_IN_REFERENCE = 4


def _column_key(header: str) -> str:
    key = re.sub(r"[^a-z0-9]+", "_", str(header).strip().lower()).strip("_")
    return COLUMN_ALIASES.get(key, key)


def _stage(text: str) -> str | None:
    t = str(text).strip().lower()
    if "26" in t:
        return STAGE_WITHIN_26
    if t.startswith(("appl", "start", "issue")):
        return STAGE_APPLICATIONS
    if "dispos" in t:
        return STAGE_DISPOSALS
    return None


def _number(value: object) -> float | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    text = str(value).strip().replace(",", "")
    if text.lower() in MISSING_MARKS:
        return None
    return float(text)


def _quarter(value: object) -> int:
    text = str(value).strip().upper().removeprefix("Q")
    q = int(float(text))
    if not 1 <= q <= 4:
        raise ValueError
    return q


def _is_public_law(category: object) -> bool:
    text = str(category).lower()
    return "public" in text or "care" in text or "supervision" in text


def read_fcsq(path: Path) -> pd.DataFrame:
    """The file's public law rows as a tidy frame: year, quarter, area (DFJ name or None for national),
    stage, cases, count, mean_weeks; InputError listing every problem with its row."""
    shown = display_path(path)
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputError([Problem(shown, "", "--fcsq", f"cannot be read as CSV: {exc}")]) from None
    raw.columns = [_column_key(c) for c in raw.columns]
    missing = [c for c in REQUIRED_COLUMNS if c not in raw.columns]
    if missing:
        raise InputError([Problem(shown, "row 1", ", ".join(missing), "column(s) missing from the FCSQ file.",
                                  "Expected columns: year, quarter, dfj, stage, cases (and optionally region, "
                                  "category, count, mean_weeks, median_weeks).")])
    if "category" in raw.columns:
        raw = raw[raw["category"].map(_is_public_law)]
    problems, records = [], []
    for index, row in raw.iterrows():  # a small published table, read once; not case data
        where = f"row {index + 2}"
        stage = _stage(row["stage"])
        if stage is None:
            continue  # other stages (e.g. hearings) are not used
        name = str(row["dfj"]).strip()
        area = None
        if name.lower() not in NATIONAL_NAMES:
            found = find_dfj_area(name)
            if found is None:
                problems.append(Problem(shown, where, "dfj", f"'{name}' is not a DFJ area lfjb knows.",
                                        did_you_mean(re.sub(r"\s+DFJ$", "", name), dfj_area_names())
                                        or "Add it as an alias in lfjb/data/dfj_areas.csv."))
                continue
            area = found.name
        try:
            year, quarter = int(float(row["year"])), _quarter(row["quarter"])
            cases = _number(row["cases"])
            mean = _number(row.get("mean_weeks")) if "mean_weeks" in raw.columns else None
            count = _number(row.get("count")) if "count" in raw.columns else None
        except ValueError:
            problems.append(Problem(shown, where, "", "year, quarter, cases, count and mean_weeks must be numbers "
                                    f"(found year '{row['year']}', quarter '{row['quarter']}', cases '{row['cases']}')."))
            continue
        records.append({"year": year, "quarter": quarter, "area": area, "stage": stage,
                        "cases": cases, "count": count, "mean_weeks": mean})
    if problems:
        raise InputError(problems)
    return pd.DataFrame.from_records(records, columns=["year", "quarter", "area", "stage", "cases", "count", "mean_weeks"])


def _quarter_end(year: int, quarter: int) -> Month:
    return Month(year, quarter * 3)


def reference_quarters(frame: pd.DataFrame, month: Month) -> list[tuple[int, int]]:
    """The (year, quarter)s of the reference period: up to four, ending with the latest quarter in the
    file that ends on or before `month`."""
    present = sorted({(int(y), int(q)) for y, q in zip(frame["year"], frame["quarter"], strict=True)
                      if _quarter_end(int(y), int(q)) <= month})
    if not present:
        return []
    year, quarter = present[-1]
    wanted = []
    for _ in range(QUARTERS_IN_REFERENCE):
        wanted.append((year, quarter))
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    return [yq for yq in reversed(wanted) if yq in present]


def _figures(rows: pd.DataFrame) -> dict:
    """Issued, disposed, mean weeks (pooled over quarters/areas by cases) and % within 26 weeks."""
    by_stage = {stage: rows[rows["stage"] == stage] for stage in (STAGE_APPLICATIONS, STAGE_DISPOSALS, STAGE_WITHIN_26)}
    disposals = by_stage[STAGE_DISPOSALS].dropna(subset=["cases"])
    timed = disposals.dropna(subset=["mean_weeks"])
    within = by_stage[STAGE_WITHIN_26]["cases"].dropna()
    disposed = float(disposals["cases"].sum()) if len(disposals) else None
    issued_rows = by_stage[STAGE_APPLICATIONS]["cases"].dropna()
    return {
        "issued": float(issued_rows.sum()) if len(issued_rows) else None,
        "disposed": disposed,
        "mean_weeks": float((timed["mean_weeks"] * timed["cases"]).sum() / timed["cases"].sum()) if timed["cases"].sum() else None,
        "pct_within_26": 100.0 * float(within.sum()) / disposed if disposed and len(within) else None,
        "median_weeks": None,
    }


def fcsq_reference(frame: pd.DataFrame, month: Month, board_areas: dict[str, str], source: str) -> dict | None:
    """Reference rows for the comparison: national, each region with a board, and each board's own DFJ
    area; `board_areas` maps slug to DFJ area name. None when the file has no quarter up to `month`."""
    quarters = reference_quarters(frame, month)
    if not quarters:
        return None
    period = frame[[(int(y), int(q)) in quarters for y, q in zip(frame["year"], frame["quarter"], strict=True)]]
    areas = period[period["area"].notna()]
    national_rows = period[period["area"].isna()]
    national = _figures(national_rows if len(national_rows) else areas)
    rows = [{"level": "national", "name": NATIONAL_LABEL, **national,
             "basis": "national rows in the file" if len(national_rows) else "sum of the DFJ areas in the file"}]
    region_of = {a: (find_dfj_area(a).region) for a in areas["area"].unique()}  # type: ignore[union-attr]
    regions = sorted({find_dfj_area(a).region for a in board_areas.values() if find_dfj_area(a)})  # type: ignore[union-attr]
    for region in regions:
        members = [a for a, r in region_of.items() if r == region]
        if members:
            rows.append({"level": "region", "name": region, **_figures(areas[areas["area"].isin(members)]),
                         "basis": f"sum of {len(members)} DFJ area{'s' if len(members) != 1 else ''} in the file"})
    by_area: dict[str, list[str]] = defaultdict(list)
    for slug, name in board_areas.items():
        area = find_dfj_area(name)
        if area:
            by_area[area.name].append(slug)
    for area_name in sorted(by_area):
        subset = areas[areas["area"] == area_name]
        if len(subset):
            rows.append({"level": "dfj", "name": f"{area_name} DFJ", "boards": by_area[area_name],
                         **_figures(subset), "basis": "the DFJ area's rows in the file"})
    first, last = quarters[0], quarters[-1]
    start = Month(first[0], first[1] * 3 - 2)
    end = _quarter_end(*last)
    return {
        "source": source,
        "quarters": [f"{y} Q{q}" for y, q in quarters],
        "period": {"start": str(start), "end": str(end), "label": f"{start.short_label} to {end.short_label}"},
        "rows": rows,
        "note": (
            f"Ministry of Justice Family Court Statistics Quarterly, public law care and supervision cases, "
            f"{quarters[0][0]} Q{quarters[0][1]} to {last[0]} Q{last[1]} (calendar quarters). Published official "
            "statistics, so no further suppression is applied. Averages are pooled over quarters and areas, "
            "weighted by cases disposed; medians cannot be combined, so none is shown. FCSQ counts cases as the "
            "court records them, which may differ from a board's own extract."
        ),
        "missing_quarters": QUARTERS_IN_REFERENCE - len(quarters),
    }


def load_fcsq_reference(path: Path, month: Month, board_areas: dict[str, str]) -> dict:
    """Read `path` and build the reference rows; InputError when it has nothing up to `month`."""
    frame = read_fcsq(path)
    reference = fcsq_reference(frame, month, board_areas, path.name)
    if reference is None:
        raise InputError([Problem(display_path(path), "", "--fcsq",
                                  f"has no public law rows for a quarter ending by {month.label}.")])
    return reference


__all__: Sequence[str] = ("read_fcsq", "fcsq_reference", "load_fcsq_reference")
