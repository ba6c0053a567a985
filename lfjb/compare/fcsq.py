"""Reference figures from MoJ's Family Court Statistics Quarterly (FCSQ) for a comparison month.

The files are read and checked by lfjb.inputs.fcsq (`read_fcsq_files`); this module only computes:
public law volumes (national, each region with a board, each board's DFJ area) from the DFJ-level file,
and England and Wales care and supervision timeliness from the national file.

Reference rows cover the four quarters ending with the latest quarter that ends on or before the
reporting month, like the boards' rolling 12 months.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from lfjb.dfj import find_dfj_area
from lfjb.inputs.errors import InputError, Problem, display_path
from lfjb.inputs.fcsq import (
    DFJ_COUNTS_NOTE,
    NATIONAL_LABEL,
    STAGE_END,
    STAGE_START,
    FcsqData,
    FcsqFiles,
    _plural,
)
from lfjb.month import Month

QUARTERS_IN_REFERENCE = 4


# --- reference figures -----------------------------------------------------------------------------------


def quarter_end(year: int, quarter: int) -> Month:
    return Month(year, quarter * 3)


def quarter_label(year: int, quarter: int) -> str:
    """'January–March 2025'."""
    first, last = Month(year, quarter * 3 - 2), quarter_end(year, quarter)
    return f"{first.label.split()[0]}–{last.label}"


def quarter_short_label(year: int, quarter: int) -> str:
    """'Jan–Mar 2025'."""
    first, last = Month(year, quarter * 3 - 2), quarter_end(year, quarter)
    return f"{first.short_label.split()[0]}–{last.short_label}"


def reference_quarters(frame: pd.DataFrame, month: Month) -> list[tuple[int, int]]:
    """The (year, quarter)s of the reference period: up to four, ending with the latest quarter in the
    file that ends on or before `month`."""
    present = sorted({(int(y), int(q)) for y, q in zip(frame["year"], frame["quarter"], strict=True)
                      if q is not None and not pd.isna(q) and quarter_end(int(y), int(q)) <= month})
    if not present:
        return []
    year, quarter = present[-1]
    wanted = []
    for _ in range(QUARTERS_IN_REFERENCE):
        wanted.append((year, quarter))
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    return [yq for yq in reversed(wanted) if yq in present]


def latest_quarter_by(month: Month) -> tuple[int, int]:
    """The latest calendar quarter that ends on or before `month` (March 2025: 2025 Q1; February: 2024 Q4)."""
    if month.month % 3 == 0:
        return month.year, month.month // 3
    quarter = (month.month - 1) // 3
    return (month.year, quarter) if quarter else (month.year - 1, 4)


def missing_latest_quarter(quarters: Sequence[tuple[int, int]], month: Month) -> dict:
    """`latest_missing` ('2025 Q1', or None) and words for it, when the file stops before the latest quarter
    up to `month` (MoJ publishes a quarter about three months after it ends), so an earlier period is not
    used in silence."""
    wanted = latest_quarter_by(month)
    if not quarters or quarters[-1] >= wanted:
        return {"latest_missing": None, "latest_missing_note": ""}
    year, quarter = wanted
    last = quarters[-1]
    return {"latest_missing": f"{year} Q{quarter}",
            "latest_missing_note": (f"The FCSQ file has no figures for {year} Q{quarter}, the latest quarter up to "
                                    f"{month.label}; its latest is {last[0]} Q{last[1]}, so the comparison with FCSQ "
                                    f"ends in {quarter_end(*last).label}.")}


def _period(quarters: Sequence[tuple[int, int]]) -> dict:
    start = Month(quarters[0][0], quarters[0][1] * 3 - 2)
    end = quarter_end(*quarters[-1])
    return {"start": str(start), "end": str(end), "label": f"{start.short_label} to {end.short_label}",
            "quarters": [f"{y} Q{q}" for y, q in quarters]}


def _total(values: pd.Series) -> tuple[float | None, int]:
    """(the sum of the figures that are available or None when none is, how many are not available)."""
    present = [float(v) for v in values if v is not None and not pd.isna(v)]
    return (sum(present) if present else None), len(values) - len(present)


def national_or_areas(rows: pd.DataFrame, quarters: Sequence[tuple[int, int]]) -> tuple[pd.DataFrame, str]:
    """England and Wales over `quarters`: the file's national rows for the quarters that have them, the
    DFJ areas added up for the others (so one quarter's national row is never taken for the year), and
    the basis in words."""
    national = rows[rows["area"].isna()]
    covered = {(int(y), int(q)) for y, q in zip(national["year"], national["quarter"], strict=True)}
    used = [yq for yq in quarters if yq in covered]
    if not used:
        return rows[rows["area"].notna()], "sum of the DFJ areas in the file"
    if len(used) == len(quarters):
        return national, "national rows in the file"
    summed = [yq for yq in quarters if yq not in covered]
    in_summed = [(int(y), int(q)) in summed for y, q in zip(rows["year"], rows["quarter"], strict=True)]
    chosen = pd.concat([national, rows[rows["area"].notna() & pd.Series(in_summed, index=rows.index)]])
    return chosen, (f"national rows in the file for {', '.join(f'{y} Q{q}' for y, q in used)}; the DFJ areas added up for "
                    f"{', '.join(f'{y} Q{q}' for y, q in summed)}, which have no national row")


def marked_quarters(rows: pd.DataFrame) -> dict:
    """The quarters of `rows` that MoJ marks provisional or revised (`status`), as '2025 Q1'."""
    def listed(word: str) -> list[str]:
        marked = rows[rows["status"] == word] if "status" in rows.columns else rows.iloc[:0]
        return sorted({f"{int(y)} Q{int(q)}" for y, q in zip(marked["year"], marked["quarter"], strict=True)},
                      key=lambda t: (int(t[:4]), int(t[-1])))
    return {"provisional_quarters": listed("provisional"), "revised_quarters": listed("revised")}


def volume_figures(rows: pd.DataFrame) -> dict:
    """Cases started and closed, orders applied for and made, summed over `rows`. A sum that leaves out
    figures MoJ marked as not available is a floor, not the total: `incomplete` says how many it lacks."""
    out: dict = {"incomplete": {}}
    for stage, cases_key, orders_key in ((STAGE_START, "started", "orders_applied"), (STAGE_END, "ended", "orders_made")):
        subset = rows[rows["stage"] == stage]
        for key, column in ((cases_key, "cases"), (orders_key, "orders")):
            out[key], missing = _total(subset[column])
            if missing and out[key] is not None:
                out["incomplete"][key] = missing
    return out


def dfj_reference(data: FcsqData, month: Month, board_areas: Mapping[str, str], extra_aliases: Mapping[str, str] | None = None) -> dict | None:
    """Public law volumes for the reference period: national, each region with a board, and each board's
    DFJ area (`board_areas` maps slug to DFJ area name). None when the file has no quarter up to `month`."""
    frame = data.frame
    quarters = reference_quarters(frame, month)
    if not quarters:
        return None
    period = frame[[(int(y), int(q)) in quarters for y, q in zip(frame["year"], frame["quarter"], strict=True)]]
    areas = period[period["area"].notna()]
    national_rows, basis = national_or_areas(period, quarters)
    rows = [{"level": "national", "name": NATIONAL_LABEL, **volume_figures(national_rows), "basis": basis}]
    region_of = {a: find_dfj_area(a).region for a in areas["area"].unique()}  # type: ignore[union-attr]
    board_area = {slug: find_dfj_area(name, extra_aliases) for slug, name in board_areas.items()}
    for region in sorted({a.region for a in board_area.values() if a}):
        members = sorted(a for a, r in region_of.items() if r == region)
        if members:
            rows.append({"level": "region", "name": region, **volume_figures(areas[areas["area"].isin(members)]),
                         "basis": f"sum of {_plural(len(members), 'DFJ area')} in the file"})
    by_area: dict[str, list[str]] = defaultdict(list)
    for slug, area in board_area.items():
        if area:
            by_area[area.name].append(slug)
    for area_name in sorted(by_area):
        subset = areas[areas["area"] == area_name]
        if len(subset):
            spellings = sorted(subset["dfj"].unique())
            rows.append({"level": "dfj", "name": f"{area_name} DFJ", "area": area_name, "boards": by_area[area_name],
                         **volume_figures(subset), "basis": "MoJ's rows for " + " and ".join(f"'{s}'" for s in spellings)})
    return {
        "source": data.name,
        "quarters": [f"{y} Q{q}" for y, q in quarters],
        "period": _period(quarters),
        "rows": rows,
        "note": (
            f"Ministry of Justice Family Court Statistics Quarterly, DFJ-level file: all public law cases, "
            f"{quarters[0][0]} Q{quarters[0][1]} to {quarters[-1][0]} Q{quarters[-1][1]} (calendar quarters). "
            "'Public Law' includes more than care and supervision (for example emergency protection and secure "
            "accommodation orders). Cases started and closed are cases; orders are orders applied for or made, "
            f"not children. Published official statistics, so no further suppression is applied. {DFJ_COUNTS_NOTE}"
        ),
        "missing_quarters": QUARTERS_IN_REFERENCE - len(quarters),
        **marked_quarters(period),
        **missing_latest_quarter(quarters, month),
    }


def _pooled(rows: pd.DataFrame, column: str) -> float | None:
    usable = rows[[v is not None and not pd.isna(v) and d is not None and not pd.isna(d)
                   for v, d in zip(rows[column], rows["disposals"], strict=True)]]
    total = float(usable["disposals"].sum()) if len(usable) else 0.0
    return float((usable[column].astype(float) * usable["disposals"].astype(float)).sum() / total) if total else None


def national_timeliness(data: FcsqData, month: Month) -> dict | None:
    """England and Wales care and supervision timeliness over the four quarters to `month`: disposals
    summed, mean weeks and % within 26 weeks pooled by disposals; the median as published for a calendar
    year that matches the period exactly, else the latest quarter's (medians cannot be combined).
    None when the file has no quarter up to `month`."""
    frame = data.frame
    quarterly = frame[frame["quarter"].notna()]
    quarters = reference_quarters(quarterly, month)
    if not quarters:
        return None
    rows = quarterly[[(int(y), int(q)) in quarters for y, q in zip(quarterly["year"], quarterly["quarter"], strict=True)]]
    gaps = [f"{int(r.year)} Q{int(r.quarter)}" for r in rows.itertuples() if r.disposals is None or r.mean_weeks is None]
    period = _period(quarters)
    annual = frame[(frame["quarter"].isna()) & (frame["year"] == quarters[0][0])]
    is_calendar_year = [q for _, q in quarters] == [1, 2, 3, 4] and len(annual)
    latest = rows[[(int(y), int(q)) == quarters[-1] for y, q in zip(rows["year"], rows["quarter"], strict=True)]].iloc[0]
    if is_calendar_year and annual.iloc[0]["median_weeks"] is not None:
        median, median_note = annual.iloc[0]["median_weeks"], f"median as published for {quarters[0][0]}"
    else:
        median = latest["median_weeks"]
        median_note = (f"median of {int(latest['year'])} Q{int(latest['quarter'])} only: medians cannot be combined "
                       "across quarters")
    disposals = [v for v in rows["disposals"] if v is not None and not pd.isna(v)]
    return {
        "source": data.name,
        "period": period,
        "disposed": float(sum(disposals)) if disposals else None,
        "mean_weeks": _pooled(rows, "mean_weeks"),
        "median_weeks": None if median is None or pd.isna(median) else float(median),
        "median_note": median_note,
        "pct_within_26": _pooled(rows, "pct_within_26"),
        "not_available_quarters": gaps,
        **marked_quarters(rows),
        **missing_latest_quarter(quarters, month),
        "quarters": [
            {"quarter": f"{int(r.year)} Q{int(r.quarter)}", "disposed": r.disposals, "mean_weeks": r.mean_weeks,
             "median_weeks": r.median_weeks, "pct_within_26": r.pct_within_26}
            for r in rows.itertuples()
        ],
    }


# --- everything --with --fcsq gives ------------------------------------------------------------------------


@dataclass(frozen=True)
class FcsqInputs:
    """What the --fcsq files give the comparison: the files read, the DFJ volumes, the national timeliness."""

    files: list[FcsqData]
    dfj: FcsqData | None
    timeliness: FcsqData | None
    references: dict | None
    national: dict | None
    aliases: dict[str, str]
    aliases_files: list[str]
    alias_warnings: list[str] = field(default_factory=list)
    period_warnings: list[str] = field(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        return [*self.alias_warnings, *(f"{d.name}: {w}" for d in self.files for w in d.warnings), *self.period_warnings]

    def summary(self) -> dict:
        """The comparison JSON's `fcsq` key."""
        return {
            "files": [d.summary() for d in self.files],
            "warnings": self.warnings,
            "aliases_files": self.aliases_files,
            "note": DFJ_COUNTS_NOTE,
        }


def fcsq_inputs(files: FcsqFiles, month: Month, board_areas: Mapping[str, str]) -> FcsqInputs:
    """The reference figures for `month` from the files read; InputError when a file has nothing up to `month`."""
    dfj, timeliness = files.dfj, files.timeliness
    references = dfj_reference(dfj, month, board_areas, files.aliases) if dfj else None
    national = national_timeliness(timeliness, month) if timeliness else None
    problems = [Problem(display_path(data.path), "", "--fcsq", f"has no usable rows for a quarter ending by {month.label}.")
                for data, result in ((dfj, references), (timeliness, national)) if data is not None and result is None]
    if problems:
        raise InputError(problems)
    period_warnings = [f"{data.name}: {result['latest_missing_note']}" for data, result in ((dfj, references), (timeliness, national))
                       if data is not None and result is not None and result["latest_missing"]]
    return FcsqInputs(files.files, dfj, timeliness, references, national, files.aliases, files.aliases_files,
                      files.alias_warnings, period_warnings)


__all__: Sequence[str] = ("FcsqInputs", "fcsq_inputs", "dfj_reference", "national_timeliness", "reference_quarters")
