"""The comparison's tables as a Workbook (lfjb.render.spreadsheet.workbook): every table of the PDF and
HTML, and the long ones they leave out, as data.

Tables: the league table with region sub-totals, all boards and the benchmark; the month and
caseload; each board's figures month by month; the funnel plot's key with its centre; delay drivers
by board and each board's most-cited driver; case progression; the pilot view (groups, estimates,
quarters and, unpublished, boards); all boards pooled month by month; and, with --fcsq, England and
Wales by quarter, FCSQ's DFJ-level counts and (unpublished) the reconciliation with them. Figures
come unrounded from the ComparisonModel; a cell disclosure control hid (`suppressed`) is [c], so a
published workbook hides exactly what the published PDF hides.
"""

from __future__ import annotations

from pathlib import PurePath

from lfjb.compare.model import ComparisonModel
from lfjb.render.spreadsheet.workbook import (
    COUNT,
    NOT_APPLICABLE,
    NOT_AVAILABLE,
    ONE_PLACE,
    SUPPRESSED,
    THREE_PLACES,
    TWO_PLACES,
    Column,
    Shorthand,
    Table,
    Value,
    Workbook,
    figure,
    text,
)
from lfjb.vocab import SPC_TYPES

ROW_TYPES = {"board": "Board", "region": "Region", "all": "All boards", "benchmark": "Benchmark"}


def _cell(row: dict, field: str, missing: Shorthand = NOT_AVAILABLE) -> Value:
    return figure(row.get(field), suppressed=field in (row.get("suppressed") or {}), missing=missing)


def _names(model: ComparisonModel) -> dict[str, str]:
    return {b["slug"]: b["short_name"] for b in model.boards}


def _spc_label(row: dict, kpi: str) -> Value:
    spc = (row.get("spc") or {}).get(kpi)
    if not spc:
        return NOT_AVAILABLE
    return spc.get("label") or SPC_TYPES.get(spc.get("type"), {}).get("short") or NOT_AVAILABLE


def _difference(row: dict, bench: dict) -> Value:
    """The board's 12-month average duration less the benchmark's ([c] when either is hidden)."""
    if "mean_weeks_12m" in (row.get("suppressed") or {}) or "mean_weeks" in (bench.get("suppressed") or {}):
        return SUPPRESSED
    if row.get("mean_weeks_12m") is None or bench.get("mean_weeks") is None:
        return NOT_AVAILABLE
    return row["mean_weeks_12m"] - bench["mean_weeks"]


def league_table(model: ComparisonModel) -> Table:
    bench = model.benchmark or {}
    columns = [
        Column("Row type"), Column("Board or area"), Column("Region"), Column("Programme"),
        Column(f"Rank (of {len(model.boards)} boards)", COUNT),
        Column("Cases issued, 12 months (number)", COUNT),
        Column("Cases disposed of, 12 months (number)", COUNT),
        Column("Average duration, 12 months (weeks)", ONE_PLACE),
        Column("Change in average duration on the 12 months before (weeks)", ONE_PLACE),
        Column(f"Difference from {bench.get('short_label', 'the benchmark')} average (weeks)", ONE_PLACE),
        Column("Median duration, 12 months (weeks)", ONE_PLACE),
        Column("Disposed of within 26 weeks, 12 months (%)", ONE_PLACE),
        Column("Change in % within 26 weeks on the 12 months before (percentage points)", ONE_PLACE),
        Column("Average hearings per case, 12 months (number)", TWO_PLACES),
        Column("SPC: average duration, latest month"),
        Column("SPC: % within 26 weeks, latest month"),
    ]
    rows: list[list[Value]] = []
    for r in model.boards:
        rank = SUPPRESSED if "rank" in (r.get("suppressed") or {}) else figure(r.get("rank"))
        rows.append([ROW_TYPES["board"], r["short_name"], text(r.get("region")), text(r.get("programme_label")), rank,
                     _cell(r, "issued_12m"), _cell(r, "disposed_12m"), _cell(r, "mean_weeks_12m"),
                     _cell(r, "change_mean_weeks_12m"), _difference(r, bench), _cell(r, "median_weeks_12m"),
                     _cell(r, "pct_within_26_12m"), _cell(r, "change_pct_within_26_12m"), _cell(r, "mean_hearings_12m"),
                     _spc_label(r, "mean_weeks"), _spc_label(r, "pct_within_26")])
    for r in [*model.regions, model.all_boards]:
        is_region = r in model.regions
        rows.append([ROW_TYPES["region" if is_region else "all"], r.get("short_name") or r.get("name"),
                     r.get("region", NOT_APPLICABLE) if is_region else NOT_APPLICABLE, NOT_APPLICABLE, NOT_APPLICABLE,
                     _cell(r, "issued_12m"), _cell(r, "disposed_12m"), _cell(r, "mean_weeks_12m"),
                     _cell(r, "change_mean_weeks_12m"), _difference(r, bench),
                     _cell(r, "median_weeks_12m", NOT_APPLICABLE), _cell(r, "pct_within_26_12m"),
                     _cell(r, "change_pct_within_26_12m"), _cell(r, "mean_hearings_12m"), NOT_APPLICABLE, NOT_APPLICABLE])
    if bench.get("kind") == "national":
        rows.append([ROW_TYPES["benchmark"], bench["label"], NOT_APPLICABLE, NOT_APPLICABLE, NOT_APPLICABLE,
                     NOT_AVAILABLE, _cell(bench, "disposed"), _cell(bench, "mean_weeks"), NOT_AVAILABLE, NOT_APPLICABLE,
                     _cell(bench, "median_weeks"), _cell(bench, "pct_within_26"), NOT_AVAILABLE, NOT_AVAILABLE,
                     NOT_APPLICABLE, NOT_APPLICABLE])
    notes = [model.ranking_note, bench.get("note") or ""]
    if model.spc_rules.get("differing"):
        notes.append("SPC rules that differ from the usual ones: " + "; ".join(d["text"] for d in model.spc_rules["differing"]) + ".")
    return Table("League", f"Boards ranked on average duration, {model.period_12m_label}, with region sub-totals, "
                           "all boards and the benchmark", columns, rows,
                 description="One row per board in rank order, then each region, all boards and the benchmark.",
                 notes=[n for n in notes if n])


def month_table(model: ComparisonModel) -> Table:
    year_ago = model.month.shift(-12).short_label
    columns = [
        Column("Row type"), Column("Board or area"),
        Column("Cases issued (number)", COUNT), Column("Cases disposed of (number)", COUNT),
        Column("Average duration (weeks)", ONE_PLACE),
        Column(f"Change in average duration on {year_ago} (weeks)", ONE_PLACE),
        Column("Median duration (weeks)", ONE_PLACE), Column("Disposed of within 26 weeks (%)", ONE_PLACE),
        Column(f"Change in % within 26 weeks on {year_ago} (percentage points)", ONE_PLACE),
        Column("Open cases at month end (number)", COUNT), Column("Open over 26 weeks (number)", COUNT),
        Column("Open over 52 weeks (number)", COUNT),
    ]
    rows: list[list[Value]] = []
    for kind, r in ([("board", b) for b in model.boards] + [("region", g) for g in model.regions]
                    + [("all", model.all_boards)]):
        median_missing = NOT_AVAILABLE if kind == "board" else NOT_APPLICABLE
        rows.append([ROW_TYPES[kind], r.get("short_name") or r.get("name"), _cell(r, "issued"), _cell(r, "disposed"),
                     _cell(r, "mean_weeks"), _cell(r, "change_mean_weeks"), _cell(r, "median_weeks", median_missing),
                     _cell(r, "pct_within_26"), _cell(r, "change_pct_within_26"), _cell(r, "open_end"),
                     _cell(r, "open_over_26"), _cell(r, "open_over_52")])
    return Table("Month", f"Cases in {model.month.label} and caseload at the month's end, by board, region and all boards",
                 columns, rows, description="The reporting month's figures: one month holds few cases per board.")


def trends_table(model: ComparisonModel) -> Table:
    names = _names(model)
    has_counts = not model.publish  # disclosure control leaves the monthly counts out (lfjb.compare.disclosure)
    columns = [Column("Board"), Column("Month")]
    if has_counts:
        columns.append(Column("Cases disposed of (number)", COUNT))
    columns += [Column("Average duration (weeks)", ONE_PLACE), Column("Disposed of within 26 weeks (%)", ONE_PLACE)]
    rows: list[list[Value]] = []
    order = [b["slug"] for b in model.boards] + sorted(s for s in model.trends if s not in names)
    months = []
    for slug in order:
        for p in model.trends.get(slug, []):
            months.append(p.month)
            empty = NOT_APPLICABLE if p.disposed == 0 else NOT_AVAILABLE
            row: list[Value] = [names.get(slug, slug), str(p.month)]
            if has_counts:
                row.append(_cell(p, "disposed"))
            rows.append(row + [_cell(p, "mean_weeks", empty), _cell(p, "pct_within_26", empty)])
    span = f"{min(months)} to {max(months)}" if months else model.month.label
    notes = [] if has_counts else ["Monthly case counts are not published: they add up to the 12-month totals."]
    return Table("Trends", f"Average duration and % within 26 weeks by board, month by month, {span}", columns, rows,
                 description="One row per board and month (the trend charts' figures).", notes=notes)


def funnel_table(model: ComparisonModel) -> Table:
    f = model.funnel or {}
    pct = [("lower_998", "Lower 99.8% limit"), ("lower_95", "Lower 95% limit"), ("upper_95", "Upper 95% limit"),
           ("upper_998", "Upper 99.8% limit")]
    columns = [Column("Number on the chart", COUNT), Column("Board or centre line"), Column("Region"),
               Column("Programme"), Column("Cases disposed of, 12 months (number)", COUNT),
               Column("Disposed of within 26 weeks, 12 months (%)", ONE_PLACE)]
    columns += [Column(f"{label} (%)", ONE_PLACE) for _, label in pct]
    columns += [Column("z-score, adjusted for over-dispersion", TWO_PLACES), Column("Position")]
    rows: list[list[Value]] = []
    for p in f.get("points", []):
        limits = p.get("limits") or {}
        rows.append([p["number"], p["short_name"], text(p.get("region")), text(p.get("programme_label")), p["n"], p["pct"],
                     *[figure(limits.get(k)) for k, _ in pct], figure(p.get("z_adjusted"), missing=NOT_APPLICABLE),
                     p["position_label"]])
    shown = {p["slug"] for p in f.get("points", [])}
    for b in model.boards:  # boards the published funnel leaves out: their point is worked out from hidden figures
        if b["slug"] not in shown and (f.get("withheld") or b["short_name"] in (f.get("not_shown") or ()) or b["name"] in (f.get("not_shown") or ())):
            rows.append([SUPPRESSED, b["short_name"], text(b.get("region")), text(b.get("programme_label")),
                         SUPPRESSED, SUPPRESSED, *[SUPPRESSED] * len(pct), SUPPRESSED, SUPPRESSED])
    centre = SUPPRESSED if f.get("withheld") else figure(f.get("target"))
    rows.append([NOT_APPLICABLE, f"Centre line: {f.get('target_label', model.benchmark.get('short_label', 'benchmark'))}",
                 NOT_APPLICABLE, NOT_APPLICABLE, _cell(model.benchmark, "disposed"), centre,
                 *[NOT_APPLICABLE] * len(pct), NOT_APPLICABLE, NOT_APPLICABLE])
    notes = [n for n in (f.get("method"), f.get("reliability_note"), f.get("reason")) if n]
    period = (f.get("period") or {}).get("label", model.period_12m_label)
    return Table("Funnel", f"Funnel plot key: % of cases disposed of within 26 weeks against cases disposed of, {period}",
                 columns, rows, description="Each board's point and its limits, and the centre line.", notes=notes)


def drivers_table(model: ComparisonModel) -> Table:
    d = model.drivers or {}
    names = _names(model)
    slugs = list(d.get("boards") or [b["slug"] for b in model.boards])
    slugs = [s if isinstance(s, str) else s.get("slug") for s in slugs]
    headers = {s: f"{names.get(s, s)} (cases)" for s in slugs}
    columns = [Column("Delay driver")] + [Column(headers[s], COUNT) for s in slugs]
    columns += [Column("All boards (cases)", COUNT), Column("Boards citing it (number)", COUNT)]
    rows: list[list[Value]] = []
    for r in d.get("rows", []):
        hidden = r.get("suppressed") or {}
        rows.append([r["label"]] + [figure(r["by_board"].get(s), suppressed=s in hidden) for s in slugs]
                    + [_cell(r, "total"), figure(r.get("boards_citing"))])
    window = d.get("window") or {}
    notes = ["A board whose extract records no delay drivers shows [x]."]
    return Table("Drivers", f"Cases citing each delay driver, by board, {window.get('months', 12)} months to "
                            f"{model.month.label}", columns, rows,
                 description="Cases disposed of in the 12 months that cite each driver (a case may cite several).", notes=notes)


def driver_shares_table(model: ComparisonModel) -> Table:
    """Issue 22: each driver as a share of each board's cases disposed of in the 12 months, with the bases
    (a first row) and all boards' share; what the PDF prints, for every driver and board."""
    d = model.drivers or {}
    names = _names(model)
    tops = {t["slug"]: t for t in d.get("top_by_board") or []}
    slugs = [s for s in (d.get("boards") or []) if isinstance(s, str)] or list(tops)
    columns = ([Column("Delay driver")] + [Column(f"{names.get(s, s)} (% of cases)", ONE_PLACE) for s in slugs]
               + [Column("All boards (% of cases)", ONE_PLACE)])
    rows: list[list[Value]] = [["Base: cases disposed of, 12 months (number)"]
                               + [_cell(tops.get(s, {}), "cases_disposed") for s in slugs] + [figure(d.get("base_total"))]]
    for r in d.get("rows", []):
        hidden = r.get("share_suppressed") or {}
        rows.append([r["label"]] + [figure((r.get("share_by_board") or {}).get(s), suppressed=s in hidden) for s in slugs]
                    + [figure(r.get("share_total"))])
    return Table("Driver_shares", f"Share of each board's cases citing each delay driver, {model.period_12m_label}",
                 columns, rows, description="The first row is each board's base: its cases disposed of in the 12 months. "
                 "A case may cite several drivers, so a column can add up to more than 100%.",
                 notes=["A board whose extract records no delay drivers shows [x]."])


def journey_table(model: ComparisonModel) -> Table:
    """Issue 21: each board's median weeks for each stage of the journey and its CMHs by day 12."""
    j = model.journey or {}
    stages = j.get("stages") or []
    columns = [Column("Board")]
    for s in stages:
        columns += [Column(f"{s['label']}: median (weeks)", ONE_PLACE), Column(f"{s['label']}: cases (number)", COUNT)]
    columns += [Column("First CMH held by day 12 (%)", ONE_PLACE), Column("First CMHs (number)", COUNT)]
    rows: list[list[Value]] = []
    for r in j.get("rows") or []:
        hidden = r.get("suppressed") or {}
        row: list[Value] = [r["short_name"]]
        for s in stages:
            f = r["stages"].get(s["id"]) or {}
            row += [figure(f.get("median_weeks"), suppressed=s["id"] in hidden), figure(f.get("cases"))]
        day12 = r.get("cmh_by_day_12") or {}
        row += [figure(day12.get("share"), suppressed="cmh_by_day_12" in hidden),
                figure(day12.get("cases"), suppressed="cmh_by_day_12" in hidden)]
        rows.append(row)
    return Table("Journey", f"The child's journey by board: median weeks of each stage, cases disposed of in the "
                            f"{model.period_12m_label}, and first CMHs held by day 12", columns, rows,
                 description="One row per board in league order.",
                 notes=["A stage shows [x] where the board's data cannot give it: the stages between issue and the final "
                        "order need hearing dates; letter before proceedings to issue needs a pre-proceedings log that "
                        "carries the court's case id."])


def top_drivers_table(model: ComparisonModel) -> Table:
    columns = [Column("Board"), Column("Cases disposed of, 12 months (number)", COUNT), Column("Most-cited delay driver"),
               Column("Cases citing it (number)", COUNT), Column("Share of cases disposed of (%)", ONE_PLACE),
               Column("Open actions on it (number)", COUNT)]
    rows: list[list[Value]] = []
    for t in (model.drivers or {}).get("top_by_board", []):
        if not t.get("top"):
            rows.append([t["short_name"], _cell(t, "cases_disposed"), NOT_AVAILABLE, NOT_AVAILABLE, NOT_AVAILABLE, NOT_AVAILABLE])
        for e in t.get("top", []):
            rows.append([t["short_name"], _cell(t, "cases_disposed"), e["label"], _cell(e, "cases"), _cell(e, "share"),
                         figure(e.get("open_actions"))])
    return Table("Top_drivers", f"Each board's most-cited delay driver, {model.period_12m_label}", columns, rows,
                 description="Ties give a board more than one row.")


def case_progression_table(model: ComparisonModel) -> Table:
    cp = model.case_progression or {}
    outcomes = cp.get("outcomes") or []
    labels = cp.get("labels") or {}
    columns = [Column("Board"), Column("Cases issued after pre-proceedings (%)", ONE_PLACE),
               Column("Families diverted from court, pre-proceedings log (%)", ONE_PLACE),
               Column("Open cases rated red (%)", ONE_PLACE)]
    columns += [Column(f"Final order: {labels.get(o, o)} (% of cases disposed of)", ONE_PLACE) for o in outcomes]
    rows: list[list[Value]] = []
    for r in cp.get("rows", []):
        shares = r.get("outcome_shares")
        rows.append([r["short_name"], figure(r.get("pre_proceedings_share")), figure(r.get("diversion_rate")),
                     figure(r.get("red_share"))] + [NOT_AVAILABLE if shares is None else figure(shares.get(o)) for o in outcomes])
    return Table("Case_progression", f"Case progression by board: pre-proceedings, diversion, red open cases and final "
                                     f"orders, {model.period_12m_label}", columns, rows,
                 description="Shares only; [x] where a board's extract or pack does not have the figure.")


GROUPS = (("trailblazer", "Trailblazers"), ("comparator", "Comparators"))


def _unit(kpm: dict) -> str:
    return {"weeks": "weeks", "%": "% or percentage points", "hearings": "hearings"}.get(kpm.get("unit", ""), kpm.get("unit", ""))


def pilot_tables(model: ComparisonModel) -> list[Table]:
    pilot = model.pilot or {}
    if not pilot.get("kpms"):
        return []
    base, during = pilot["baseline"]["label"], pilot["pilot"]["label"]
    groups_columns = [Column("Measure"), Column("Unit"), Column("Group"), Column("Boards (number)", COUNT),
                      Column(f"Baseline, {base}", TWO_PLACES), Column(f"Pilot period, {during}", TWO_PLACES),
                      Column("Change", TWO_PLACES), Column("Cases in the baseline (number)", COUNT),
                      Column("Cases in the pilot period (number)", COUNT)]
    group_rows: list[list[Value]] = []
    estimate_rows: list[list[Value]] = []
    for k in pilot["kpms"]:
        for group, label in GROUPS:
            g = k.get(group) or {}
            group_rows.append([k["label"], _unit(k), label, len(g.get("boards") or []), _cell(g, "baseline"),
                               _cell(g, "pilot"), _cell(g, "change"), _cell(g, "cases_baseline"), _cell(g, "cases_pilot")])
        interval = k.get("interval") or [None, None]
        only = k.get("interval_cases_only") or [None, None]
        hidden = k.get("suppressed") or {}
        placebo = k.get("placebo") or {}
        randomisation = k.get("randomisation") or {}
        estimate_rows.append([
            k["label"], _unit(k), _cell(k, "did"),
            figure(interval[0], suppressed="interval" in hidden), figure(interval[1], suppressed="interval" in hidden),
            figure(only[0], suppressed="interval_cases_only" in hidden), figure(only[1], suppressed="interval_cases_only" in hidden),
            _cell(k, "did_case_weighted"), figure(randomisation.get("p_value")),
            figure(randomisation.get("p_value_adjusted")), _cell(placebo, "estimate"),
            text(k.get("reason"), NOT_APPLICABLE)])
    estimate_columns = [Column("Measure"), Column("Unit"), Column("Difference-in-differences, boards counted the same", TWO_PLACES),
                        Column("95% interval, lower (wild cluster bootstrap; indicative under 5 boards a group)", TWO_PLACES),
                        Column("95% interval, upper (wild cluster bootstrap; indicative under 5 boards a group)", TWO_PLACES),
                        Column("95% interval, lower (cases only)", TWO_PLACES),
                        Column("95% interval, upper (cases only)", TWO_PLACES),
                        Column("Difference-in-differences, cases pooled", TWO_PLACES),
                        Column("Randomisation p-value", THREE_PLACES),
                        Column("Randomisation p-value allowing for the measures tested (Holm)", THREE_PLACES),
                        Column("Placebo estimate (baseline split in two)", TWO_PLACES), Column("Why not available")]
    tables = [
        Table("Pilot", f"Pilot view: Trailblazers and comparators, {base} against {during}", groups_columns, group_rows,
              description="Each group's average of its boards' figures.", notes=[pilot.get("method") or ""][: 1 if pilot.get("method") else 0]),
        Table("Pilot_estimates", "Pilot view: difference-in-differences and its intervals", estimate_columns, estimate_rows,
              description="Trailblazers' change less comparators' change; see the notes before reading it as an effect.",
              notes=list(pilot.get("caveats") or [])),
    ]
    quarter_rows: list[list[Value]] = []
    for q in pilot.get("quarters") or []:
        for k in pilot["kpms"]:
            figures = q.get(k["kpi"]) or {}
            quarter_rows.append([q["label"], text(q.get("phase")), k["label"],
                                 *[_cell(figures.get(g) or {}, "value") for g, _ in GROUPS], _cell(figures, "gap")])
    if quarter_rows:
        tables.append(Table("Pilot_quarters", "Pilot view: each group's figure quarter by quarter",
                            [Column("Quarter"), Column("Phase"), Column("Measure"), Column("Trailblazers", TWO_PLACES),
                             Column("Comparators", TWO_PLACES), Column("Gap, Trailblazers less comparators", TWO_PLACES)],
                            quarter_rows, description="The parallel-trends check's figures."))
    board_rows: list[list[Value]] = []
    for b in pilot.get("boards") or []:
        for k in pilot["kpms"]:
            board_rows.append([b.get("short_name", b["slug"]), text(b.get("programme_label")), k["label"],
                               figure((b.get("baseline") or {}).get(k["kpi"])), figure((b.get("pilot") or {}).get(k["kpi"])),
                               figure((b.get("change") or {}).get(k["kpi"])), figure((b.get("baseline") or {}).get("cases")),
                               figure((b.get("pilot") or {}).get("cases"))])
    if board_rows:
        tables.append(Table("Pilot_boards", "Pilot view: each board's baseline and pilot-period figures",
                            [Column("Board"), Column("Programme"), Column("Measure"), Column(f"Baseline, {base}", TWO_PLACES),
                             Column(f"Pilot period, {during}", TWO_PLACES), Column("Change", TWO_PLACES),
                             Column("Cases in the baseline (number)", COUNT), Column("Cases in the pilot period (number)", COUNT)],
                            board_rows, description="Not published: the group figures are."))
    return tables


def pooled_table(model: ComparisonModel) -> Table | None:
    pooled = model.pooled_within_26
    if not pooled or not pooled.get("points"):
        return None
    rows = [[str(p.month), p["value"], figure(p.get("lower"), missing=NOT_APPLICABLE), figure(p.get("upper"), missing=NOT_APPLICABLE),
             SPC_TYPES.get(p.get("type"), {}).get("point", p.get("type") or "Usual")] for p in pooled["points"]]
    return Table("Pooled", f"{pooled['label']}, month by month, with Laney p′ chart limits",
                 [Column("Month"), Column("Disposed of within 26 weeks, all boards (%)", ONE_PLACE),
                  Column("Lower limit (%)", ONE_PLACE), Column("Upper limit (%)", ONE_PLACE), Column("Point")],
                 rows, description="All boards' cases pooled each month.", notes=[pooled.get("summary") or ""][: 1 if pooled.get("summary") else 0])


def national_table(model: ComparisonModel) -> Table | None:
    """England and Wales by quarter, from FCSQ's national timeliness file (published statistics, shown as they are)."""
    bench = model.benchmark or {}
    if bench.get("kind") != "national" or not bench.get("quarters"):
        return None
    columns = [Column("Quarter"), Column("Cases disposed of (number)", COUNT), Column("Average duration (weeks)", ONE_PLACE),
               Column("Median duration (weeks)", ONE_PLACE), Column("Disposed of within 26 weeks (%)", ONE_PLACE)]
    rows = [[q["quarter"], figure(q.get("disposed")), figure(q.get("mean_weeks")), figure(q.get("median_weeks")),
             figure(q.get("pct_within_26"))] for q in bench["quarters"]]
    rows.append([bench["period"]["label"], figure(bench.get("disposed")), figure(bench.get("mean_weeks")),
                 figure(bench.get("median_weeks")), figure(bench.get("pct_within_26"))])
    return Table("National", f"England and Wales care and supervision timeliness by quarter, {bench['period']['label']} (FCSQ)",
                 columns, rows, description="The national benchmark, quarter by quarter and pooled.",
                 notes=[n for n in (bench.get("median_note"),) if n])


def fcsq_areas_table(model: ComparisonModel) -> Table | None:
    """FCSQ's DFJ-level counts: national, regional and DFJ rows (published statistics)."""
    refs = model.references or {}
    if not refs.get("rows"):
        return None
    fields = (("started", "Cases started"), ("ended", "Cases closed"), ("orders_applied", "Orders applied for"),
              ("orders_made", "Orders made"))
    columns = [Column("Area"), Column("Level")] + [Column(f"{label} (number)", COUNT) for _, label in fields]
    columns += [Column("Boards in the area"), Column("Basis")]
    rows = [[r["name"], text(r.get("level_label") or r.get("level"))] + [figure(r.get(f)) for f, _ in fields]
            + [text(", ".join(r.get("board_names") or []), NOT_APPLICABLE), text(r.get("basis"), NOT_AVAILABLE)]
            for r in refs["rows"]]
    period = refs.get("period") or {}
    return Table("FCSQ_areas", f"Public law cases and orders by area, {period.get('label', '')} (FCSQ DFJ-level file)",
                 columns, rows, description="Published official statistics, shown as they are.",
                 notes=[n for n in (refs.get("note"),) if n])


def reconciliation_table(model: ComparisonModel) -> Table | None:
    """Each board's own quarterly counts beside FCSQ's (a data-quality check; never published)."""
    recon = model.reconciliation or {}
    if not recon.get("available") or not recon.get("areas"):
        return None
    columns = [Column("DFJ area"), Column("Boards"), Column("Quarter"), Column("Board: cases issued (number)", COUNT),
               Column("FCSQ: public law cases started (number)", COUNT), Column("Issued less started (%)", ONE_PLACE),
               Column("Board: cases disposed of (number)", COUNT), Column("FCSQ: public law cases closed (number)", COUNT),
               Column("Disposed less closed (%)", ONE_PLACE), Column("Differs by more than the threshold")]
    rows: list[list[Value]] = []
    for area in recon["areas"]:
        boards = area.get("board_names")
        boards = ", ".join(boards) if isinstance(boards, list) else boards
        for q in area.get("quarters") or []:
            rows.append([area["name"], text(boards), q["label"], figure(q.get("board_issued")), figure(q.get("fcsq_started")),
                         figure((q.get("issued") or {}).get("difference_pct")), figure(q.get("board_disposed")),
                         figure(q.get("fcsq_ended")), figure((q.get("disposed") or {}).get("difference_pct")),
                         "Yes" if q.get("is_flagged") else "No"])
    return Table("Reconciliation", "Boards' own quarterly counts beside FCSQ's public law counts for their DFJ area",
                 columns, rows, description="A data-quality check for boards and MoJ.",
                 notes=[f"Flagged when a board's count differs from FCSQ's by more than {recon.get('threshold_pct', 10):.0f}%."])


def _source(model: ComparisonModel) -> str:
    source = model.source or {}
    boards = source.get("boards", len(model.boards))
    if source.get("kind") == "packs":
        text_ = f"{boards} boards' pack files (JSON) for {model.month.label}"
    else:
        text_ = f"{boards} boards' case-level extracts and action logs, read with their terms of reference"
    bench = model.benchmark or {}
    if bench.get("kind") == "national" and bench.get("source"):
        text_ += f"; the national benchmark from Ministry of Justice Family Court Statistics Quarterly ({PurePath(str(bench['source'])).name})"
    return f"{text_}. Computed by lfjb {model.lfjb_version}."


def comparison_workbook(model: ComparisonModel) -> Workbook:
    """The comparison as a Workbook: cover, contents, notes and every table (see the module's docstring)."""
    tables = [league_table(model), month_table(model), trends_table(model)]
    if model.funnel:
        tables.append(funnel_table(model))
    if (model.drivers or {}).get("rows"):
        tables += [drivers_table(model), driver_shares_table(model), top_drivers_table(model)]
    if (model.case_progression or {}).get("rows"):
        tables.append(case_progression_table(model))
    if (model.journey or {}).get("rows"):
        tables.append(journey_table(model))
    tables += pilot_tables(model)
    tables += [t for t in (pooled_table(model), national_table(model), fcsq_areas_table(model),
                           reconciliation_table(model)) if t is not None]
    how = [
        "Each table is on its own sheet, from cell A1: the table's title, then a header row, then one row per board "
        "(and, where there is one, per region, all boards and the benchmark). Each header gives the unit.",
        "Figures are stored unrounded and shown rounded. Percentages are out of 100.",
        "Where a cell holds no number it holds a shorthand in square brackets, explained on the Notes sheet.",
    ]
    suppression = model.suppression or {}
    if model.publish:
        how.append(f"This is the published version: disclosure control is applied, and a withheld figure is shown as "
                   f"{SUPPRESSED.code}, exactly as in the published PDF.")
    notes = [n for n in (suppression.get("note"),) if n]
    if model.publish and suppression.get("not_published"):
        notes.append("Not published: " + "; ".join(suppression["not_published"]) + ".")
    if model.publish and model.pooled_within_26 is None:
        notes.append("All boards pooled, month by month, is not published: a month pools few enough cases that its "
                      "chart limits would give its number of cases away.")
    return Workbook(
        title=model.title,
        period=f"{model.month.label}, and the {model.period_12m_label}",
        source=_source(model),
        marking=model.marking,
        how_to_read=how,
        tables=tables,
        notes=notes,
    )

