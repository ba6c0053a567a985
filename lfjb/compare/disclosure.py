"""The publishable comparison (`--publish`): MoJ-style disclosure control applied to every table.

What is checked (rules in lfjb.compare.suppression):
- counts of 1 to 5 (cases issued, disposed, open; cases citing a delay driver; pilot cases) -> `[c]`;
- averages over fewer than `min_cases` cases, and percentages over fewer than `min_cases` cases or
  that would reveal a count of 1 to 5 with the number of cases shown -> withheld;
- secondary suppression in every group of cells with a published total: each count column with its
  "All boards" total, each average or percentage column with its pooled "All boards" figure (the
  cases behind each being shown), and each delay driver's row with its total across boards;
- figures worked out from a hidden one are hidden too: changes on a year earlier, ranks, funnel
  points and their limits, chart points for the same month.

What is left out of the published version altogether, because it would let a hidden figure be
worked out or is not needed: monthly case counts in the trends (they add up to the 12-month totals),
counts of cases within 26 weeks (the percentage and its base are shown), and board-level pilot
figures (the group averages are shown). The JSON records every suppressed cell and its reason, and
holds no suppressed value anywhere.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Hashable, Sequence
from types import SimpleNamespace

from lfjb.compare.case_progression import with_shares
from lfjb.compare.drivers import add_driver_shares
from lfjb.compare.journey import withhold_journey
from lfjb.compare.league import COUNT_FIELDS, ranks, within_count
from lfjb.compare.model import ComparisonModel, add_words
from lfjb.compare.model_types import NOT_PUBLISHED as NEVER_PUBLISHED, Drivers, FrozenMap, thaw
from lfjb.pack_model import Record
from lfjb.vocab import PUBLISHED_MARKING
from lfjb.compare.suppression import (
    DERIVED,
    REVEALS_SMALL_COUNT,
    SECONDARY,
    SMALL_BASE,
    SMALL_COUNT,
    SUPPRESSED_MARK,
    Group,
    average_reason,
    is_small_count,
    percentage_reason,
    reasons_in,
    secondary_suppression,
)

# League-table averages: field -> the count of cases it is over.
AVERAGE_BASES = {
    "mean_weeks_12m": "disposed_12m",
    "median_weeks_12m": "disposed_12m",
    "mean_hearings_12m": "disposed_12m",
    "mean_weeks": "disposed",
    "median_weeks": "disposed",
    "mean_weeks_12m_prev": "disposed_12m_prev",
    "mean_weeks_year_ago": "disposed_year_ago",
}
# League-table percentages: field -> the count of cases it is over.
PERCENT_BASES = {
    "pct_within_26_12m": "disposed_12m",
    "pct_within_26": "disposed",
    "pct_within_26_12m_prev": "disposed_12m_prev",
    "pct_within_26_year_ago": "disposed_year_ago",
}
BOARD_COUNTS = (*COUNT_FIELDS, "disposed_12m_prev", "disposed_year_ago")
# Averages and percentages whose "All boards" figure pools the boards' (so form a group with it).
POOLED_FIELDS = ("mean_weeks_12m", "pct_within_26_12m", "mean_weeks", "pct_within_26")
# Changes: field -> the two figures it is worked out from.
CHANGES = {
    "change_mean_weeks_12m": ("mean_weeks_12m", "mean_weeks_12m_prev"),
    "change_pct_within_26_12m": ("pct_within_26_12m", "pct_within_26_12m_prev"),
    "change_mean_weeks": ("mean_weeks", "mean_weeks_year_ago"),
    "change_pct_within_26": ("pct_within_26", "pct_within_26_year_ago"),
}
NOT_PUBLISHED_WORDS = (
    "monthly case counts in the trends (they add up to the 12-month totals)",
    "counts of cases disposed of within 26 weeks (the percentage and the number of cases are shown)",
    "board-level figures in the pilot view (the group figures are shown)",
)
RECONCILIATION_NOT_PUBLISHED = "the reconciliation of boards' own quarterly counts with FCSQ (a data-quality check)"
TABLE_NAMES = {"board": "league", "all": "league", "region": "league", "trend": "trends", "driver": "drivers",
               "driver_share": "drivers", "pilot": "pilot", "benchmark": "benchmark", "journey": "journey",
               "case_progression": "case_progression"}
# The all-boards figure the pooled benchmark repeats (benchmark field -> all-boards field).
BENCHMARK_FIELDS = {"disposed": "disposed_12m", "mean_weeks": "mean_weeks_12m", "pct_within_26": "pct_within_26_12m"}


def _board_primary(row: dict, key_of, min_cases: int) -> dict[Hashable, str]:
    hidden: dict[Hashable, str] = {}
    for f in BOARD_COUNTS:
        if is_small_count(row.get(f)):
            hidden[key_of(f)] = SMALL_COUNT
    for f, base in AVERAGE_BASES.items():
        if f in row and row[f] is not None and (reason := average_reason(row.get(base), min_cases)):
            hidden[key_of(f)] = reason
    for f, base in PERCENT_BASES.items():
        if f in row and row[f] is not None:
            numerator = within_count(row[f], row.get(base))
            if reason := percentage_reason(numerator, row.get(base), min_cases):
                hidden[key_of(f)] = reason
    return hidden


def _league_cells(model: ComparisonModel, min_cases: int) -> tuple[dict, list[Group], dict]:
    hidden: dict[Hashable, str] = {}
    size: dict[Hashable, float | None] = {}
    for row in model.boards:
        slug = row["slug"]
        hidden.update(_board_primary(row, lambda f, s=slug: ("board", s, f), min_cases))
        for f in COUNT_FIELDS:
            size[("board", slug, f)] = row.get(f)
        for f in POOLED_FIELDS:
            size[("board", slug, f)] = row.get(AVERAGE_BASES.get(f) or PERCENT_BASES[f])
    total = model.all_boards
    hidden.update(_board_primary({k: total[k] for k in (*COUNT_FIELDS, *POOLED_FIELDS)}, lambda f: ("all", f), min_cases))
    slugs = [r["slug"] for r in model.boards]
    # Region sub-totals are totals too: each region's boards add up to it, and the regions to all boards.
    # Regions come first, so a secondary cell is found within the region (the smallest equation) before
    # the all-boards total would pick one elsewhere.
    groups: list[Group] = []
    for region in model.regions:
        name = region["region"]
        hidden.update(_board_primary({k: region[k] for k in (*COUNT_FIELDS, *POOLED_FIELDS)},
                                     lambda f, r=name: ("region", r, f), min_cases))
        for f in COUNT_FIELDS:
            size[("region", name, f)] = region.get(f)
        for f in POOLED_FIELDS:
            size[("region", name, f)] = region.get(AVERAGE_BASES.get(f) or PERCENT_BASES[f])
        groups += [Group(tuple(("board", s, f) for s in region["boards"]), ("region", name, f))
                   for f in (*COUNT_FIELDS, *POOLED_FIELDS)]
    groups += [Group(tuple(("board", s, f) for s in slugs), ("all", f)) for f in (*COUNT_FIELDS, *POOLED_FIELDS)]
    if model.regions:
        names = [r["region"] for r in model.regions]
        groups += [Group(tuple(("region", r, f) for r in names), ("all", f)) for f in (*COUNT_FIELDS, *POOLED_FIELDS)]
    return hidden, groups, size


def _driver_cells(model: ComparisonModel) -> tuple[dict, list[Group], dict]:
    hidden: dict[Hashable, str] = {}
    size: dict[Hashable, float | None] = {}
    groups = []
    for row in model.drivers.get("rows", []):
        d = row["driver"]
        for slug, value in row["by_board"].items():
            size[("driver", d, slug)] = value
            if is_small_count(value):
                hidden[("driver", d, slug)] = SMALL_COUNT
        if is_small_count(row["total"]):
            hidden[("driver", d, "total")] = SMALL_COUNT
        # A board whose extract records no drivers adds nothing to the total, so it is not in the group.
        groups.append(Group(tuple(("driver", d, s) for s, v in row["by_board"].items() if v is not None), ("driver", d, "total")))
    return hidden, groups, size


def _mark(row: dict, field: str, reason: str) -> None:
    if field in row:
        row[field] = None
    row.setdefault("suppressed", {})[field] = reason


def _withheld(rec: Record, reasons: dict[str, str], drop: Sequence[str] = ()) -> Record:
    """A new `rec`: each field in `reasons` withheld (None) with its reason added to `suppressed` (after
    the reasons it has, in order), and the fields in `drop` (not published) set to None."""
    if not reasons and not drop:
        return rec
    changes: dict = {f: None for f in (*reasons, *drop) if f in rec}
    if reasons:
        changes["suppressed"] = FrozenMap({**(rec["suppressed"] or {}), **reasons})
    return dataclasses.replace(rec, **changes)


def _apply_league(model, hidden: dict) -> dict:
    """The league's new board rows (re-ranked among the boards whose 12-month average is published),
    all-boards row and region rows, each withheld cell None with its reason."""
    boards = []
    for row in model.boards:
        reasons = {rest[1]: reason for (kind, *rest), reason in hidden.items() if kind == "board" and rest[0] == row.slug}
        shown = {f: (None if f in reasons else row[f]) for f in (*CHANGES, *(f for pair in CHANGES.values() for f in pair))}
        for change, (now, before) in CHANGES.items():
            if shown[change] is not None and (shown[now] is None or shown[before] is None):
                reasons[change] = DERIVED
        if "mean_weeks_12m" in reasons:
            reasons["rank"] = DERIVED
        boards.append(_withheld(row, reasons, NEVER_PUBLISHED["boards"]))
    boards = [dataclasses.replace(row, **fields) for row, fields in ranks(boards)]
    all_reasons = {rest[0]: reason for (kind, *rest), reason in hidden.items() if kind == "all"}
    regions = []
    for region in model.regions:
        reasons = {rest[1]: reason for (kind, *rest), reason in hidden.items()
                   if kind == "region" and rest[0] == region.region}
        regions.append(_withheld(region, reasons, NEVER_PUBLISHED["regions"]))
    return {"boards": tuple(boards), "all_boards": _withheld(model.all_boards, all_reasons, NEVER_PUBLISHED["all_boards"]),
            "regions": tuple(regions)}


def _apply_trends(model, min_cases: int) -> tuple[dict, list[tuple]]:
    """New trend points: averages withheld on their own month's cases; month M follows the league table.
    The monthly counts are not published."""
    hidden = []
    by_slug = {r.slug: r for r in model.boards}
    trends = {}
    for slug, points in model.trends.items():
        row = by_slug.get(slug)
        league_hidden = (row.suppressed if row is not None else None) or {}
        new_points = []
        for point in points:
            base = point.disposed
            reasons = {
                "mean_weeks": average_reason(base, min_cases) if point.mean_weeks is not None else None,
                "pct_within_26": (percentage_reason(within_count(point.pct_within_26, base), base, min_cases)
                                  if point.pct_within_26 is not None else None),
            }
            if point.month == model.month:
                for f in reasons:
                    if f in league_hidden and reasons[f] is None and point[f] is not None:
                        reasons[f] = DERIVED
            withheld = {f: reason for f, reason in reasons.items() if reason}
            hidden += [(("trend", slug, str(point.month), f), reason) for f, reason in withheld.items()]
            new_points.append(_withheld(point, withheld, NEVER_PUBLISHED["trends"]))
        trends[slug] = tuple(new_points)
    return trends, hidden


def _apply_funnel(model) -> tuple[object, list[tuple]]:
    """The published funnel: without the points a hidden figure rests on (named in `not_shown`), or
    withheld altogether when the all-boards rate is."""
    f = model.funnel
    if not f:
        return f, []
    by_slug = {r.slug: r for r in model.boards}
    if model.all_boards.pct_within_26_12m is None:
        withheld = {"withheld": True, "reason": "The all-boards rate is suppressed, so the funnel is not published."}
        return withheld, [(("funnel", "all", "target"), DERIVED)]
    kept, hidden = [], []
    for p in f.points:
        row = by_slug[p.slug]
        if row.disposed_12m is None or row.pct_within_26_12m is None:
            hidden.append((("funnel", p.slug, "point"), DERIVED))
        else:
            kept.append(p)
    return dataclasses.replace(f, points=tuple(kept), not_shown=tuple(by_slug[slug].name for (_, slug, _), _ in hidden)), hidden


def _apply_drivers(model, hidden: dict, min_cases: int) -> tuple[Drivers, list[tuple]]:
    """The published drivers: counts withheld in each driver's row (and its total), and each board's top
    drivers' cases and shares where they are hidden or rest on too few cases."""
    extra = []
    rows = []
    for row in model.drivers.rows:
        d = row.driver
        reasons = {slug: reason for slug in row.by_board if (reason := hidden.get(("driver", d, slug)))}
        if (reason := hidden.get(("driver", d, "total"))):
            reasons["total"] = reason
        by_board = FrozenMap({slug: None if slug in reasons else v for slug, v in row.by_board.items()})
        rows.append(_withheld(dataclasses.replace(row, by_board=by_board), reasons))
    by_slug = {r.slug: r for r in model.boards}
    tops = []
    for top in model.drivers.top_by_board:
        board = by_slug.get(top.slug)
        top_reasons = {"cases_disposed": DERIVED} if board is not None and "disposed_12m" in (board.suppressed or {}) else {}
        base = None if top_reasons else top.cases_disposed
        entries = []
        for entry in top.top:
            key = ("driver", entry.driver, top.slug)
            if key in hidden:
                entries.append(_withheld(entry, {"cases": hidden[key], "share": DERIVED}))
                extra.append((("driver_share", entry.driver, top.slug), DERIVED))
            elif (reason := percentage_reason(entry.cases, base, min_cases)):
                entries.append(_withheld(entry, {"share": reason}))
                extra.append((("driver_share", entry.driver, top.slug), reason))
            else:
                entries.append(entry)
        tops.append(_withheld(dataclasses.replace(top, top=tuple(entries)), top_reasons))
    return dataclasses.replace(model.drivers, rows=tuple(rows), top_by_board=tuple(tops)), extra


# A pilot measure and the 12-month league figure it could be combined with to reveal a board's value.
PILOT_LEAGUE_FIELDS = {"mean_weeks": "mean_weeks_12m", "pct_within_26": "pct_within_26_12m", "mean_hearings": "mean_hearings_12m"}


def _apply_pilot(model: ComparisonModel, min_cases: int) -> list[tuple]:
    """Group figures withheld over too few cases, or when a board in the group has its 12-month figure
    hidden (a group average of one or two boards could otherwise reveal it)."""
    pilot = model.pilot
    if not pilot or not pilot.get("kpms"):
        return []
    hidden = []
    for entry in pilot["kpms"]:
        group_hidden = False
        league_field = PILOT_LEAGUE_FIELDS[entry["kpi"]]
        hidden_boards = {r.slug for r in model.boards if league_field in (r.suppressed or {})}
        for group in ("trailblazer", "comparator"):
            g = entry[group]
            if hidden_boards & set(g.get("boards", [])):
                for period in ("baseline", "pilot"):
                    if g.get(period) is not None:
                        _mark(g, period, DERIVED)
                        hidden.append((("pilot", entry["kpi"], group, period), DERIVED))
                group_hidden = True
            for period in ("baseline", "pilot"):
                cases = g.get(f"cases_{period}")
                if g.get(period) is not None and (reason := average_reason(cases, min_cases)):
                    _mark(g, period, reason)
                    hidden.append((("pilot", entry["kpi"], group, period), reason))
                    group_hidden = True
                if is_small_count(cases):
                    _mark(g, f"cases_{period}", SMALL_COUNT)
                    hidden.append((("pilot", entry["kpi"], group, f"cases_{period}"), SMALL_COUNT))
            if group_hidden and g.get("change") is not None:
                _mark(g, "change", DERIVED)
        if group_hidden and entry.get("did") is not None:
            for f in ("did", "interval", "did_case_weighted", "interval_cases_only", "interval_case_weighted",
                      "interval_boards_resampled"):
                _mark(entry, f, DERIVED)
            entry["reason"] = "Withheld: a group's figure rests on too few cases to publish."
        if group_hidden and entry.get("placebo"):
            _mark(entry["placebo"], "estimate", DERIVED)
            _mark(entry["placebo"], "interval", DERIVED)
        if group_hidden:
            entry["parallel_trends"] = None
            for group in ("trailblazer", "comparator"):
                entry[group].pop("case_weighted", None)
        hidden += _apply_quarters(pilot, entry["kpi"], group_hidden, min_cases)
    pilot["boards"] = []
    pilot["boards_note"] = "Board-level figures are not published; the group figures are."
    return hidden


def _apply_quarters(pilot: dict, kpi: str, group_hidden: bool, min_cases: int) -> list[tuple]:
    """Quarterly arm figures: withheld over too few cases, or all of them when the arm's figure is."""
    hidden = []
    for q in pilot.get("quarters") or []:
        figures = q.get(kpi) or {}
        is_gap_hidden = group_hidden
        for group in ("trailblazer", "comparator"):
            g = figures.get(group) or {}
            reason = DERIVED if group_hidden else average_reason(g.get("cases"), min_cases)
            if g.get("value") is not None and reason:
                _mark(g, "value", reason)
                hidden.append((("pilot_quarter", kpi, group, q["start"]), reason))
                is_gap_hidden = True
            g.pop("cases", None)
        if is_gap_hidden and figures.get("gap") is not None:
            _mark(figures, "gap", DERIVED)
    return hidden


def _driver_share_records(drivers: dict) -> list[tuple]:
    """The driver table's withheld shares (lfjb.compare.drivers.add_driver_shares, published): each board's
    share under its row's `share_suppressed`, and a driver's share of all boards' cases when its total or
    the boards' total base is hidden. Keyed as the top drivers' shares are (the same figure)."""
    hidden = []
    base_hidden = drivers.get("base_total") is None
    for row in drivers.get("rows") or []:
        for slug, reason in (row.get("share_suppressed") or {}).items():
            hidden.append((("driver_share", row["driver"], slug), reason))
        if row.get("share_total") is None and ("total" in (row.get("suppressed") or {}) or base_hidden):
            hidden.append((("driver_share", row["driver"], "total"), DERIVED))
    return hidden


def _case_progression_records(section: dict, min_cases: int) -> list[tuple]:
    """The case-progression shares that publishing withholds (lfjb.compare.case_progression.with_shares, by
    the same rule: percentage_reason), from the counts the unpublished section keeps behind them."""
    hidden = []
    for row in (section or {}).get("rows") or []:
        counts = row.get("counts") or {}
        cells = [(key, counts.get(key)) for key in ("pre_proceedings_share", "diversion_rate", "red_share")]
        cells += [(f"outcome_shares.{o}", pair) for o, pair in (counts.get("outcomes") or {}).items()]
        for cell, pair in cells:
            if pair and pair[0] is not None and pair[1] and (reason := percentage_reason(pair[0], pair[1], min_cases)):
                hidden.append((("case_progression", row["slug"], cell), reason))
    return hidden


def _journey_records(journey: dict) -> list[tuple]:
    """The journey table's withheld cells (lfjb.compare.journey.withhold_journey, published): each board's
    stage medians and day-12 share under its row's `suppressed`."""
    return [(("journey", row["slug"], cell), reason) for row in journey.get("rows") or []
            for cell, reason in (row.get("suppressed") or {}).items()]


def _apply_benchmark(model) -> tuple[object, list[tuple]]:
    """A pooled (all-boards) benchmark repeats the all-boards row, so it hides what that row hides; a
    national benchmark is published official statistics and is shown as it is."""
    bench = model.benchmark
    if bench is None or bench.kind != "all_boards":
        return bench, []
    total_hidden = model.all_boards.suppressed or {}
    reasons = {field: DERIVED for field, total_field in BENCHMARK_FIELDS.items() if total_field in total_hidden}
    return _withheld(bench, reasons), [(("benchmark", "all_boards", field), DERIVED) for field in reasons]


def _withhold_reconciliation(reconciliation):
    """Boards' own quarterly counts beside FCSQ's are for checking data, not for publication."""
    if not reconciliation:
        return reconciliation
    return {
        "available": False, "published": False, "areas": [],
        "reason": "Not published: the reconciliation sets each board's own quarterly counts beside FCSQ's. It is "
                  "a data-quality check for boards and MoJ; see the unpublished comparison.",
    }


def _cell_record(key: tuple, reason: str, names: dict[str, str]) -> dict:
    kind, *rest = key
    record = {"table": TABLE_NAMES.get(kind, kind), "reason": reason}
    if kind == "board":
        record.update(row=rest[0], board=names.get(rest[0], rest[0]), column=rest[1])
    elif kind == "all":
        record.update(row="all", board="All boards compared", column=rest[0])
    elif kind == "region":
        record.update(row=f"region:{rest[0]}", board=rest[0], column=rest[1])
    elif kind == "trend":
        record.update(row=rest[0], board=names.get(rest[0], rest[0]), month=rest[1], column=rest[2])
    elif kind in ("driver", "driver_share"):
        record.update(row=rest[0], column="total" if rest[1] == "total" else rest[1],
                      board=names.get(rest[1], "All boards"), measure="share" if kind == "driver_share" else "cases")
    elif kind == "pilot":
        record.update(row=rest[0], group=rest[1], column=rest[2])
    elif kind == "pilot_quarter":
        record.update(table="pilot", row=rest[0], group=rest[1], column=f"quarter {rest[2]}")
    elif kind == "funnel":
        record.update(row=rest[0], board=names.get(rest[0], rest[0]), column=rest[1])
    elif kind == "benchmark":
        record.update(row=rest[0], column=rest[1])
    elif kind in ("journey", "case_progression"):
        record.update(row=rest[0], board=names.get(rest[0], rest[0]), column=rest[1])
    return record


def _note(counts: Counter, min_cases: int) -> str:
    total = sum(counts.values())
    shown = (f"{total} figure{'s are' if total != 1 else ' is'} withheld and shown as {SUPPRESSED_MARK}"
             if total else "no figure needed withholding")
    return (f"Disclosure control applied: {shown}. Counts of 1 to 5 are suppressed, as MoJ does; averages and "
            f"percentages over fewer than {min_cases} cases, or that could reveal a count of 1 to 5, are withheld; "
            "where a hidden figure could be worked out from a total, the next-smallest figure in that row or "
            "column is hidden too; and figures worked out from a hidden one are hidden with it.")


# Issue 11: the published files must not say which hidden cell is the count of 1 to 5 and which was
# hidden to protect it, or the small one is found at once. Cell by cell they say only "suppressed"
# (or "derived", for figures worked out from a hidden one); the note counts each reason overall.
PUBLISHED_REASON = "suppressed"
_PRIVATE_REASONS = {SMALL_COUNT, SMALL_BASE, REVEALS_SMALL_COUNT, SECONDARY}


def _published_reason(reason: str) -> str:
    """A withheld cell's reason as published: neutral, never saying which cell is the small count."""
    return PUBLISHED_REASON if reason in _PRIVATE_REASONS else reason


def _neutral(value):
    """`value` with every per-cell suppression reason that could single out the small count made neutral."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if key in ("suppressed", "share_suppressed") and isinstance(item, dict):
                out[key] = {k: _published_reason(r) for k, r in item.items()}
            else:
                out[key] = _neutral(item)
        return out
    if isinstance(value, list):
        return [_neutral(item) for item in value]
    return value


def _neutral_record(rec):
    """A record (or None) with its suppression reasons made neutral (see _neutral)."""
    fields = [f for f in ("suppressed", "share_suppressed") if rec is not None and f in rec and rec[f]]
    if not fields:
        return rec
    return dataclasses.replace(rec, **{f: FrozenMap({k: _published_reason(r)
                                                     for k, r in rec[f].items()}) for f in fields})


def _neutral_drivers(drivers: Drivers) -> Drivers:
    """The drivers with every row's, board's and top driver's reasons made neutral."""
    return dataclasses.replace(
        drivers, rows=tuple(_neutral_record(r) for r in drivers.rows),
        top_by_board=tuple(_neutral_record(dataclasses.replace(t, top=tuple(_neutral_record(e) for e in t.top)))
                           for t in drivers.top_by_board))


def publishable(model: ComparisonModel, min_cases: int) -> ComparisonModel:
    """A new model: `model` with disclosure control applied, the suppression recorded, and words
    rewritten (`model` itself is unchanged).

    The typed sections are rebuilt record by record (dataclasses.replace, new tuples); the free-form ones
    (drivers, pilot, journey, case progression: read-only maps) are withheld on new plain copies."""
    names = model.board_names()
    # The sections as they become published, step by step: each step puts new values here.
    out = SimpleNamespace(month=model.month, boards=model.boards, all_boards=model.all_boards, regions=model.regions,
                          trends=model.trends, funnel=model.funnel, benchmark=model.benchmark,
                          drivers=model.drivers, pilot=thaw(model.pilot), journey=thaw(model.journey))

    league_hidden, league_groups, league_size = _league_cells(out, min_cases)
    driver_hidden, driver_groups, driver_size = _driver_cells(out)
    hidden = secondary_suppression(league_groups + driver_groups, {**league_hidden, **driver_hidden},
                                   {**league_size, **driver_size})
    vars(out).update(_apply_league(out, hidden))
    records = [(k, r) for k, r in hidden.items()]
    records += [((("board", row.slug, f)), r) for row in out.boards for f, r in (row.suppressed or {}).items()
                if r == DERIVED]
    out.trends, trend_hidden = _apply_trends(out, min_cases)
    records += trend_hidden
    out.funnel, funnel_hidden = _apply_funnel(out)
    records += funnel_hidden
    out.drivers, driver_hidden = _apply_drivers(out, hidden, min_cases)
    records += driver_hidden
    records += _apply_pilot(out, min_cases)
    out.benchmark, benchmark_hidden = _apply_benchmark(out)
    records += benchmark_hidden
    # Shares of drivers and the journey's medians are withheld here, before the reasons are made neutral
    # (in add_words they would come after, and say which hidden cell is the small count), and listed with
    # every other hidden cell (the suppression list names them all).
    out.drivers = add_driver_shares(out.drivers, True, min_cases)
    records += _driver_share_records(out.drivers)
    if out.journey:
        withhold_journey(out.journey, True, min_cases)
        records += _journey_records(out.journey)
    records += _case_progression_records(thaw(model.case_progression), min_cases)
    had_reconciliation = bool(model.reconciliation and model.reconciliation.get("available"))

    unique = dict(records)
    cells = [_cell_record(k, _published_reason(r), names) for k, r in unique.items()]
    counts = Counter(r for r in unique.values())
    suppression = {
        "applied": True,
        "min_cases": min_cases,
        "mark": SUPPRESSED_MARK,
        "reasons": reasons_in(counts),
        "counts": dict(counts),
        "cells": cells,
        "not_published": list(NOT_PUBLISHED_WORDS) + ([RECONCILIATION_NOT_PUBLISHED] if had_reconciliation else []),
        "note": _note(counts, min_cases),
        "cell_reasons": ("Each suppressed cell is marked 'suppressed' (or 'derived' when worked out from a hidden "
                         "figure) without saying which is a small count and which protects one."),
    }
    pooled = model.pooled_within_26
    sections = dict(  # typed by the new model's __post_init__
        boards=tuple(_neutral_record(r) for r in out.boards),
        regions=tuple(_neutral_record(r) for r in out.regions),
        all_boards=_neutral_record(out.all_boards),
        trends={slug: tuple(_neutral_record(p) for p in points) for slug, points in out.trends.items()},
        funnel=out.funnel,
        benchmark=_neutral_record(out.benchmark),
        journey=_neutral(out.journey) if out.journey else out.journey,
        drivers=_neutral_drivers(out.drivers),
        pilot=_neutral(out.pilot),
        reconciliation=_withhold_reconciliation(model.reconciliation),
        suppression=suppression,
        # The pooled p′ chart's limits give away each month's pooled number of cases: left out when one is small.
        pooled_within_26=None if pooled and pooled.get("has_small_numbers") else pooled,
        # Case progression (issue 14): shares only, each withheld when it would reveal a small number.
        case_progression=(with_shares(thaw(model.case_progression), True, min_cases) if model.case_progression
                          else model.case_progression),
    )
    return add_words(dataclasses.replace(model, publish=True, min_cases=min_cases, marking=PUBLISHED_MARKING,
                                         withheld_reasons=FrozenMap(unique), **sections))
