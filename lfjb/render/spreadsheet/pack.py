"""A board pack's figures as a Workbook (lfjb.render.spreadsheet.workbook).

Tables: the key measures for the month (with previous month, a year earlier, target, status, SPC
and the 12 months), each measure month by month and by quarter, by local authority with the board's
own row beside them, durations by band (and the case journey when the pack has it), the SPC limits and every point, delay drivers (cases, and open actions by
sub-group), actions by sub-group and the overdue list, the case tracker's counts, pre-proceedings
(extract and log) and final orders. Figures come unrounded from the pack JSON (PackModel.to_json),
so the spreadsheet and the JSON agree figure for figure. A board pack is never suppressed: it carries
the board's protective marking.
"""

from __future__ import annotations

from lfjb.month import Month
from lfjb.pack import PackModel
from lfjb.render.spreadsheet.workbook import (
    AUTO,
    COUNT,
    NOT_APPLICABLE,
    NOT_AVAILABLE,
    ONE_PLACE,
    TWO_PLACES,
    Column,
    Table,
    Value,
    Workbook,
    figure,
    text,
)
from lfjb.vocab import ACTION_STATUSES, ASSURANCE, COUNT_UNITS, DEFAULT_PROTECTIVE_MARKING, KPI_IDS, KPIS, SPC_TYPES

UNIT_WORDS = {"cases": "number", "children": "number", "weeks": "weeks", "%": "%", "hearings": "number"}
BOARD_ROW = "All local authorities (the board)"


def _kpi_header(kpi: str, prefix: str = "") -> str:
    spec = KPIS[kpi]
    return f"{prefix}{spec['label']} ({UNIT_WORDS[spec['unit']]})"


def _places(kpi: str) -> int:
    unit = KPIS[kpi]["unit"]
    return COUNT if unit in COUNT_UNITS else TWO_PLACES if unit == "hearings" else ONE_PLACE


def _kpi_value(row: dict, kpi: str, unavailable: dict) -> Value:
    """A KPI from a month's row: [x] when the extract cannot give it, [z] when there were no cases to average."""
    return figure(row.get(kpi), missing=NOT_AVAILABLE if kpi in unavailable else NOT_APPLICABLE)


def kpis_table(data: dict, month: Month) -> Table:
    tiles, rolling, unavailable = data["kpi_tiles"], data["rolling_12"], data.get("unavailable") or {}
    columns = [Column("Measure"), Column("Unit"), Column(f"{month.label}", AUTO),
               Column(f"{month.shift(-1).label}", AUTO), Column(f"{month.shift(-12).label}", AUTO),
               Column(f"12 months to {month.label}", AUTO), Column("Target", AUTO),
               Column("Status against the target"), Column("SPC: latest month"), Column("SPC: assurance against the target")]
    rows: list[list[Value]] = []
    for kpi in KPI_IDS:
        t = tiles.get(kpi) or {}
        missing = NOT_AVAILABLE if kpi in unavailable else NOT_APPLICABLE
        has_target = t.get("target") is not None
        assurance = ASSURANCE.get(t.get("assurance") or "", {}).get("short")
        rows.append([KPIS[kpi]["label"], UNIT_WORDS[KPIS[kpi]["unit"]], figure(t.get("value"), missing=missing),
                     figure(t.get("previous"), missing=missing), figure(t.get("year_ago"), missing=missing),
                     figure(rolling.get(kpi), missing=missing), figure(t.get("target"), missing=NOT_APPLICABLE),
                     text(t.get("rag_words") if has_target else None, NOT_APPLICABLE),
                     text(SPC_TYPES.get(t.get("variation") or "", {}).get("short"), missing),
                     text(assurance, NOT_APPLICABLE)])
    notes = [f"{KPIS[k]['label']}: {why}" for k, why in unavailable.items() if k in KPIS]
    if (data.get("definitions") or {}).get("rag_rule"):
        notes.append(data["definitions"]["rag_rule"])
    return Table("KPIs", f"Key measures in {month.label}, with the month before, a year earlier, the 12 months and targets",
                 columns, rows, description="One row per measure; the Unit column gives each row's unit.", notes=notes)


def trend_table(data: dict, unavailable: dict) -> Table:
    trend = data["trend"]
    columns = [Column("Month")] + [Column(_kpi_header(k), _places(k)) for k in KPI_IDS]
    rows = [[p["month"]] + [_kpi_value(p, k, unavailable) for k in KPI_IDS] for p in trend]
    span = f"{trend[0]['month']} to {trend[-1]['month']}" if trend else ""
    return Table("Trend", f"Key measures month by month, {span}", columns, rows,
                 description="The 24 months ending at the reporting month (the trend charts' figures).")


def quarterly_table(data: dict, unavailable: dict) -> Table:
    columns = [Column("Quarter"), Column("First month"), Column("Last month"), Column("Complete quarter")]
    columns += [Column(_kpi_header(k), _places(k)) for k in KPI_IDS]
    rows = [[q["quarter"], q["start"], q["end"], "Yes" if q.get("complete") else "No"]
            + [_kpi_value(q, k, unavailable) for k in KPI_IDS] for q in data.get("quarterly") or []]
    return Table("Quarterly", "Key measures by financial-year quarter", columns, rows,
                 description="Open cases are as at the quarter's last month end.")


LA_FIELDS = ("issued", "disposed", "mean_weeks", "pct_within_26", "open_end", "open_over_26", "open_over_52")


def local_authority_table(data: dict, month: Month, unavailable: dict) -> Table:
    columns = [Column("Local authority")] + [Column(_kpi_header(k, f"{month.short_label}: "), _places(k)) for k in LA_FIELDS]
    columns += [Column("12 months: cases disposed of (number)", COUNT), Column("12 months: average duration (weeks)", ONE_PLACE),
                Column("12 months: disposed within 26 weeks (%)", ONE_PLACE)]
    rows: list[list[Value]] = []
    for la in data.get("by_local_authority") or []:
        rolling = la.get("rolling_12") or {}
        rows.append([la["local_authority"]] + [_kpi_value(la, k, unavailable) for k in LA_FIELDS]
                    + [figure(rolling.get("disposed")), _kpi_value(rolling, "mean_weeks", unavailable),
                       _kpi_value(rolling, "pct_within_26", unavailable)])
    rolling = data["rolling_12"]
    rows.append([BOARD_ROW] + [_kpi_value(data["kpis"], k, unavailable) for k in LA_FIELDS]
                + [figure(rolling.get("disposed")), _kpi_value(rolling, "mean_weeks", unavailable),
                   _kpi_value(rolling, "pct_within_26", unavailable)])
    return Table("Local_authorities", f"Key measures by local authority, {month.label} and the 12 months to it", columns, rows,
                 description="One row per local authority, then the board as a whole.")


def durations_table(data: dict) -> Table | None:
    """Disposed cases (12 months) and open cases (at the month's end) by duration band, side by side."""
    disposed = {b["id"]: b for b in data.get("duration_bands") or []}
    open_ = {b["id"]: b for b in data.get("open_age_profile") or []}
    if not disposed and not open_:
        return None
    order = list(disposed) + [k for k in open_ if k not in disposed]
    columns = [Column("Duration band"), Column("Cases disposed of, 12 months (number)", COUNT),
               Column("Children in them (number)", COUNT), Column("Share of cases disposed of (%)", ONE_PLACE),
               Column("Open cases at month end, by age (number)", COUNT), Column("Children in open cases (number)", COUNT),
               Column("Share of open cases (%)", ONE_PLACE)]
    rows: list[list[Value]] = []
    for key in order:
        d, o = disposed.get(key) or {}, open_.get(key) or {}
        rows.append([(d or o)["band"], figure(d.get("cases"), missing=NOT_APPLICABLE),
                     figure(d.get("children"), missing=NOT_APPLICABLE), figure(d.get("share"), missing=NOT_APPLICABLE),
                     figure(o.get("cases"), missing=NOT_APPLICABLE), figure(o.get("children"), missing=NOT_APPLICABLE),
                     figure(o.get("share"), missing=NOT_APPLICABLE)])
    rows.append(["All bands", sum(b.get("cases") or 0 for b in disposed.values()),
                 sum(b.get("children") or 0 for b in disposed.values()), 100.0 if disposed else NOT_APPLICABLE,
                 sum(b.get("cases") or 0 for b in open_.values()), sum(b.get("children") or 0 for b in open_.values()),
                 100.0 if open_ else NOT_APPLICABLE])
    return Table("Durations", "Cases disposed of in the 12 months and cases open at the month's end, by weeks since issue",
                 columns, rows, description="Duration bands in weeks from issue.")


def journey_table(data: dict) -> Table | None:
    """The case journey's stages (median weeks), when the pack has them."""
    stages = (data.get("journey") or {}).get("stages") or []
    if not stages:
        return None
    rows = [[s.get("label") or s.get("id"), figure(s.get("median_weeks"), missing=NOT_AVAILABLE),
             figure(s.get("cases"), missing=NOT_AVAILABLE)] for s in stages]
    return Table("Journey", "The case journey: median weeks at each stage, cases disposed of in the 12 months",
                 [Column("Stage"), Column("Median time (weeks)", ONE_PLACE), Column("Cases (number)", COUNT)], rows,
                 description="From the dates in the extract; [x] where the extract has no date for a stage.")


def spc_table(data: dict) -> Table:
    columns = [Column("Measure"), Column("Unit"), Column("Chart"), Column("Centre line", TWO_PLACES),
               Column("Lower limit", TWO_PLACES), Column("Upper limit", TWO_PLACES), Column("Latest value", TWO_PLACES),
               Column("Latest month"), Column("Latest point"), Column("Assurance against the target"),
               Column("Limits provisional (fewer than 12 months)"), Column("Target", TWO_PLACES), Column("Summary")]
    rows: list[list[Value]] = []
    for kpi, s in data["spc"].items():
        if kpi not in KPIS:
            continue
        rows.append([KPIS[kpi]["label"], UNIT_WORDS[KPIS[kpi]["unit"]], "Laney p′" if s.get("chart") == "pprime" else "XmR",
                     figure(s.get("centre"), missing=NOT_APPLICABLE), figure(s.get("lower"), missing=NOT_APPLICABLE),
                     figure(s.get("upper"), missing=NOT_APPLICABLE), figure(s.get("latest"), missing=NOT_APPLICABLE),
                     text(s.get("latest_month"), NOT_APPLICABLE),
                     text(SPC_TYPES.get(s.get("variation") or "", {}).get("short"), NOT_APPLICABLE),
                     text(ASSURANCE.get(s.get("assurance") or "", {}).get("short"), NOT_APPLICABLE),
                     "Yes" if s.get("provisional") else "No", figure(s.get("target"), missing=NOT_APPLICABLE),
                     text(s.get("summary"), NOT_APPLICABLE)])
    rules = (data.get("spc_rules") or {}).get("in_words") or []
    return Table("SPC", "Statistical process control: each measure's limits and latest point", columns, rows,
                 description="NHS England's Making Data Count rules.", notes=[" ".join(rules)] if rules else [])


def spc_points_table(data: dict) -> Table:
    columns = [Column("Measure"), Column("Month"), Column("Value", TWO_PLACES), Column("Point"),
               Column("Centre line", TWO_PLACES), Column("Lower limit", TWO_PLACES), Column("Upper limit", TWO_PLACES)]
    rows = [[KPIS[kpi]["label"], p["month"], p["value"], SPC_TYPES.get(p["type"], {}).get("point", p["type"]),
             figure(p.get("centre"), missing=NOT_APPLICABLE), figure(p.get("lower"), missing=NOT_APPLICABLE),
             figure(p.get("upper"), missing=NOT_APPLICABLE)]
            for kpi, s in data["spc"].items() if kpi in KPIS for p in s.get("points") or []]
    return Table("SPC_points", "Statistical process control: every point on each chart", columns, rows,
                 description="Months with no figure are left out of a chart, never read as 0.")


def drivers_table(data: dict) -> Table:
    d = data["drivers"]
    window = d.get("window") or {}
    missing = NOT_AVAILABLE if d.get("cases_unavailable") else NOT_APPLICABLE
    columns = [Column("Delay driver"), Column("Cases citing it (number)", COUNT),
               Column("Share of cases disposed of (%)", ONE_PLACE), Column("Average duration of cases citing it (weeks)", ONE_PLACE),
               Column("Open actions tagged with it (number)", COUNT)]
    rows = [[d["labels"][k], figure((d.get("cases") or {}).get(k), missing=missing),
             figure((d.get("share") or {}).get(k), missing=missing), figure((d.get("mean_weeks") or {}).get(k), missing=missing),
             figure((d.get("open_actions") or {}).get(k), missing=NOT_APPLICABLE)] for k in d["labels"]]
    rows.append(["No driver cited", NOT_APPLICABLE, NOT_APPLICABLE, figure(d.get("mean_weeks_no_driver"), missing=missing),
                 NOT_APPLICABLE])
    notes = [f"Delay drivers: {d['cases_unavailable']}"] if d.get("cases_unavailable") else []
    if window:
        notes.append(f"Cases disposed of from {window.get('start')} to {window.get('end')}: {window.get('cases_disposed')}, "
                     f"of which {window.get('cases_citing_any')} cite at least one driver (a case may cite several).")
    return Table("Drivers", "Delay drivers: cases citing each, 12 months, and open actions tagged with it", columns, rows,
                 description="Cases disposed of in the 12 months ending at the reporting month.", notes=notes)


def driver_actions_table(data: dict) -> Table:
    d, groups = data["drivers"], data["actions"]["by_sub_group"]
    ids = list(groups)
    columns = [Column("Delay driver")] + [Column(f"{groups[g]['name']} (open actions)", COUNT) for g in ids]
    columns.append(Column("All sub-groups (open actions)", COUNT))
    rows = []
    for k, by_group in d["matrix"].items():
        values = [figure(by_group.get(g), missing=NOT_APPLICABLE) for g in ids]
        rows.append([d["labels"].get(k, k)] + values + [sum(v for v in by_group.values() if v is not None)])
    return Table("Driver_actions", "Open actions tagged with each delay driver, by sub-group", columns, rows,
                 description="An action tagged with two drivers counts under each.")


ACTION_COLUMNS = (("open", "Open actions"), ("overdue", "Overdue"), ("due_soon", "Due within 30 days"),
                  ("stale", "No update recently (stale)"), ("completed_since_meeting", "Completed since the last meeting"))


def actions_table(data: dict) -> Table:
    a = data["actions"]
    columns = [Column("Sub-group")] + [Column(f"{label} (number)", COUNT) for _, label in ACTION_COLUMNS]
    rows: list[list[Value]] = [[g["name"]] + [figure(g.get(k), missing=NOT_APPLICABLE) for k, _ in ACTION_COLUMNS]
                               for g in a["by_sub_group"].values()]
    rows.append(["All sub-groups"] + [sum(g.get(k) or 0 for g in a["by_sub_group"].values()) for k, _ in ACTION_COLUMNS])
    return Table("Actions", f"Actions by sub-group, as at {a['as_of']}", columns, rows,
                 description="One row per sub-group, then the board as a whole.",
                 notes=[f"Stale: no update in the {a.get('stale_after_days', 60)} days before the date."])


def overdue_table(data: dict) -> Table:
    a = data["actions"]
    columns = [Column("Action"), Column("Title"), Column("Sub-group"), Column("Owner"), Column("Due"),
               Column("Days overdue (days)", COUNT), Column("Status"), Column("Last update")]
    rows = [[x["id"], x["title"], text(x.get("sub_group_name") or x.get("sub_group")), text(x.get("owner")), text(x.get("due")),
             x["days_overdue"], ACTION_STATUSES.get(x.get("status"), x.get("status") or "") or NOT_AVAILABLE,
             text(x.get("last_update"), NOT_AVAILABLE)] for x in a.get("overdue") or []]
    return Table("Overdue_actions", f"Overdue actions, most overdue first, as at {a['as_of']}", columns, rows,
                 description="Open actions past their due date.")


def case_tracker_table(data: dict) -> Table | None:
    ct = data.get("case_tracker") or {}
    if not ct or ct.get("unavailable"):
        return None
    columns = [Column("Local authority"), Column("Open cases (number)", COUNT), Column("Red (number)", COUNT),
               Column("Amber (number)", COUNT), Column("Green (number)", COUNT)]
    rows: list[list[Value]] = [[la["local_authority"], la["open"], la["red"], la["amber"], la["green"]]
                               for la in ct.get("by_local_authority") or []]
    rag = ct.get("by_rag") or {}
    rows.append([BOARD_ROW, ct["open"], rag.get("red", 0), rag.get("amber", 0), rag.get("green", 0)])
    words = ct.get("rule_words") or {}
    notes = [f"{c.capitalize()}: {words[c]}." for c in ("red", "amber", "green") if words.get(c)]
    return Table("Case_tracker", f"Open cases by rating, by local authority, as at {ct.get('as_of')}", columns, rows,
                 description="Counts only: the named list is `lfjb cases`.", notes=notes)


def pre_proceedings_tables(data: dict) -> list[Table]:
    pre = data.get("pre_proceedings") or {}
    tables = []
    ex = pre.get("extract") or {}
    if ex and not ex.get("unavailable"):
        columns = [Column("Local authority"), Column("Cases issued (number)", COUNT),
                   Column("Issued after pre-proceedings (number)", COUNT), Column("Issued after pre-proceedings (%)", ONE_PLACE)]
        rows: list[list[Value]] = [[la["local_authority"], la["issued"], la["with_pre_proceedings"],
                                    figure(la.get("share"), missing=NOT_APPLICABLE)] for la in ex.get("by_local_authority") or []]
        rows.append([BOARD_ROW, ex["recorded"], ex["with_pre_proceedings"], figure(ex.get("share"), missing=NOT_APPLICABLE)])
        notes = [f"Cases issued with pre-proceedings not recorded: {ex.get('not_recorded', 0)} (left out)."]
        tables.append(Table("Pre_proceedings", f"Cases issued after pre-proceedings, by local authority, {ex['start']} to {ex['end']}",
                            columns, rows, description="From the case extract.", notes=notes))
    log = pre.get("log") or {}
    if log and not log.get("unavailable"):
        fields = (("ended", "Families leaving pre-proceedings (number)", COUNT), ("diverted", "Diverted from court (number)", COUNT),
                  ("issued", "Issued (number)", COUNT), ("other", "Other endings (number)", COUNT),
                  ("diversion_rate", "Diverted from court (%)", ONE_PLACE),
                  ("median_weeks", "Median time in pre-proceedings (weeks)", ONE_PLACE),
                  ("pct_within_16", f"Ended within {log.get('guide_weeks', 16)} weeks (%)", ONE_PLACE),
                  ("open", "Families still in pre-proceedings (number)", COUNT))
        columns = [Column("Local authority")] + [Column(h, p) for _, h, p in fields]
        rows = [[la["local_authority"]] + [figure(la.get(f), missing=NOT_APPLICABLE) for f, _, _ in fields]
                for la in log.get("by_local_authority") or []]
        rows.append([BOARD_ROW] + [figure(log.get(f), missing=NOT_APPLICABLE) for f, _, _ in fields])
        tables.append(Table("Pre_proceedings_log", f"Pre-proceedings log: families leaving, by local authority, "
                                                   f"{log['start']} to {log['end']}", columns, rows,
                            description="From the board's pre-proceedings log."))
    return tables


def outcomes_table(data: dict) -> Table | None:
    o = data.get("outcomes") or {}
    if not o or o.get("unavailable"):
        return None
    durations = {d["outcome"]: d for d in o.get("durations") or []}
    columns = [Column("Final order"), Column("Cases (number)", COUNT), Column("Share of cases with an outcome recorded (%)", ONE_PLACE),
               Column("Average duration (weeks)", ONE_PLACE), Column("Median duration (weeks)", ONE_PLACE),
               Column("Disposed of within 26 weeks (%)", ONE_PLACE)]
    rows: list[list[Value]] = []
    for key, label in (o.get("labels") or {}).items():
        d = durations.get(key) or {}
        rows.append([label, figure(o["counts"].get(key), missing=NOT_APPLICABLE), figure(o["shares"].get(key), missing=NOT_APPLICABLE),
                     figure(d.get("mean_weeks"), missing=NOT_APPLICABLE), figure(d.get("median_weeks"), missing=NOT_APPLICABLE),
                     figure(d.get("pct_within_26"), missing=NOT_APPLICABLE)])
    rows.append(["All outcomes recorded", o["recorded"], 100.0 if o["recorded"] else NOT_APPLICABLE,
                 NOT_APPLICABLE, NOT_APPLICABLE, NOT_APPLICABLE])
    return Table("Outcomes", f"Final orders of the cases disposed of, {o['start']} to {o['end']}", columns, rows,
                 description="Cases disposed of in the 12 months with an outcome recorded.",
                 notes=[f"Cases disposed of with no outcome recorded: {o.get('not_recorded', 0)} (left out)."])


def pack_workbook(pack: PackModel) -> Workbook:
    """The pack's figures as a Workbook: cover, contents, notes and every table (see the module's docstring)."""
    data = pack.to_json()
    month, unavailable = pack.month, data.get("unavailable") or {}
    tables = [kpis_table(data, month), trend_table(data, unavailable), quarterly_table(data, unavailable),
              local_authority_table(data, month, unavailable)]
    tables += [t for t in (durations_table(data), journey_table(data)) if t is not None]
    tables += [spc_table(data), spc_points_table(data), drivers_table(data), driver_actions_table(data),
               actions_table(data), overdue_table(data)]
    tables += [t for t in (case_tracker_table(data),) if t is not None]
    tables += pre_proceedings_tables(data)
    tables += [t for t in (outcomes_table(data),) if t is not None]
    notes = [f"{KPIS[k]['label']}: {v}" for k, v in ((data.get("definitions") or {}).get("kpis") or {}).items() if k in KPIS]
    for section, why in (("Case tracker", (data.get("case_tracker") or {}).get("unavailable")),
                         ("Pre-proceedings (extract)", ((data.get("pre_proceedings") or {}).get("extract") or {}).get("unavailable")),
                         ("Pre-proceedings (log)", ((data.get("pre_proceedings") or {}).get("log") or {}).get("unavailable")),
                         ("Final orders", (data.get("outcomes") or {}).get("unavailable"))):
        if why:
            notes.append(f"{section}: not available, so no table: {why}")
    board = data["board"]
    return Workbook(
        title=f"{board['name']}: board pack figures, {month.label}",
        period=f"{month.label} (as at {data['as_of']}), the 24 months to it, and the 12 months to it",
        source=(f"The board's case-level extract and action log{', and its pre-proceedings log' if (data.get('pre_proceedings') or {}).get('log') and not data['pre_proceedings']['log'].get('unavailable') else ''}, "
                f"read with its terms of reference. Computed by lfjb {data.get('lfjb_version', '')}."),
        marking=board.get("protective_marking") or DEFAULT_PROTECTIVE_MARKING,
        how_to_read=[
            "Each table is on its own sheet, from cell A1: the table's title, then a header row, then the rows. "
            "Tables by local authority or sub-group end with the board as a whole.",
            "Figures are stored unrounded and shown rounded. Percentages are out of 100.",
            "Where a cell holds no number it holds a shorthand in square brackets, explained on the Notes sheet.",
            "The same figures are in the pack's PDF, its HTML summary and its JSON file.",
        ],
        tables=tables,
        notes=notes,
    )
