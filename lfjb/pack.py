"""Assemble one PackModel per board and month: everything the PDF, HTML and JSON draw from.

The JSON in SPEC.md ("The pack JSON") is `PackModel.to_json_dict()`; templates only format it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from lfjb import __version__
from lfjb.compare.suppression import average_reason
from lfjb.inputs import Board
from lfjb.inputs.board import default_targets
from lfjb.inputs.errors import InputError, Problem, display_path
from lfjb.inputs.logo import Logo
from lfjb.metrics import kpis as kpi_metrics
from lfjb.metrics.actions import action_summary, known_at
from lfjb.inputs.hearings import cases_as_at, has_hearing_dates, hearing_list
from lfjb.metrics.case_tracker import case_tracker
from lfjb.metrics.experts import expert_summary
from lfjb.metrics.returning import returning_children
from lfjb.metrics.journey import NO_PLO_CASE_ID, NO_PLO_LOG, journey_summary, plo_letters
from lfjb.metrics.outcomes import outcome_summary
from lfjb.metrics.pre_proceedings import extract_pre_proceedings, log_pre_proceedings
from lfjb.metrics.cost import cost_of_delay
from lfjb.metrics.drivers import driver_summary
from lfjb.metrics.governance import governance_checks
from lfjb.metrics.headlines import headlines
from lfjb.metrics.signals import kpi_signals
from lfjb.metrics.spc import MIN_POINTS_FOR_FIRM_LIMITS, SpcResult, SpcRules, pprime, xmr
from lfjb.metrics.targets import (
    RAG_WORDS,
    change,
    change_direction,
    rag_rule,
    rag_status,
)
from lfjb.month import Month
from lfjb.vocab import DEFAULT_MIN_CASES, GLOSSARY, KPI_IDS, KPIS

TREND_MONTHS = 24  # SPEC.md: the 24 months ending at M
SPARKLINE_MONTHS = 13
ROLLING_MONTHS = 12  # the rolling figures: the 12 months ending at M
# The measures with a trend page in the pack (the others have sparklines, and SPC in the JSON).
TREND_PAGE_KPIS = ("mean_weeks", "median_weeks", "pct_within_26", "open_over_52", "mean_fcmh")
# The extract column each measure needs beyond the required ones (SPEC.md: a figure whose column is
# missing is null with a reason, never 0).
KPI_COLUMNS = {"mean_hearings": "hearings", "mean_fcmh": "fcmh"}
_COLUMN_WORDS = {"hearings": "the number of hearings", "fcmh": "further case management hearings",
                 "delay_drivers": "the delay drivers cited on each case"}


@dataclass
class PackModel:
    """A board's pack for one month. Sections are JSON-ready dicts; see SPEC.md for the fixed keys."""

    board: dict
    month: Month
    as_of: date
    kpis: dict
    kpi_tiles: dict[str, dict]
    trend: list[dict]
    quarterly: list[dict]
    rolling_12: dict
    by_local_authority: list[dict]
    duration_bands: list[dict]
    open_age_profile: list[dict]
    kaplan_meier: dict
    spc: dict[str, SpcResult]  # typed on the model; dicts only in to_json_dict
    spc_rules: dict
    actions: dict
    drivers: dict
    cost_of_delay: dict
    governance: dict
    signals: list[dict]
    headlines: list[dict]
    data_quality: dict
    definitions: dict = field(default_factory=dict)
    # Figures that cannot be worked out from this board's extract, with the reason in words.
    unavailable: dict[str, str] = field(default_factory=dict)
    logo: Logo | None = None  # the board's logo, read with the inputs (not in the JSON)
    # Case progression (issue 14): counts only, never a case id (the named list is `lfjb cases`).
    case_tracker: dict = field(default_factory=dict)
    pre_proceedings: dict = field(default_factory=dict)
    outcomes: dict = field(default_factory=dict)  # each with `unavailable`: None, or why it cannot be given
    experts: dict = field(default_factory=dict)
    journey: dict = field(default_factory=dict)  # stage by stage (issue 21): SPEC.md `journey.stages`
    after_proceedings: dict = field(default_factory=dict)  # children returning to court (issue 21)
    lfjb_version: str = __version__

    @property
    def trend_months(self) -> int:
        """Months on each trend chart (SPEC.md: the 24 months ending at M)."""
        return len(self.trend)

    @property
    def rolling_months(self) -> int:
        """Months in the rolling figures (durations, local authorities, drivers, cost)."""
        return ROLLING_MONTHS

    @property
    def firm_limit_months(self) -> int:
        """Months with figures needed before SPC limits stop being provisional."""
        return MIN_POINTS_FOR_FIRM_LIMITS

    @property
    def few_cases_note(self) -> str:
        """What the [low] mark beside a percentage or average means."""
        return FEW_CASES_NOTE

    @property
    def trend_kpis(self) -> list[str]:
        """The measures given a trend page: those with SPC that the extract can give."""
        return [k for k in TREND_PAGE_KPIS if k in self.spc and k not in self.unavailable]

    def to_json_dict(self) -> dict:
        """The pack JSON: SPEC.md's keys first, then the extra sections; numbers unrounded."""
        return {
            "board": self.board,
            "month": str(self.month),
            "as_of": self.as_of.isoformat(),
            "kpis": self.kpis,
            "trend": self.trend,
            "actions": self.actions,
            "drivers": self.drivers,
            "spc": {kpi: chart.to_dict() for kpi, chart in self.spc.items()},
            "data_quality": self.data_quality,
            "headlines": self.headlines,
            "kpi_tiles": self.kpi_tiles,
            "quarterly": self.quarterly,
            "rolling_12": self.rolling_12,
            "by_local_authority": self.by_local_authority,
            "duration_bands": self.duration_bands,
            "open_age_profile": self.open_age_profile,
            "kaplan_meier": self.kaplan_meier,
            "spc_rules": self.spc_rules,
            "signals": self.signals,
            "cost_of_delay": self.cost_of_delay,
            "governance": self.governance,
            "definitions": self.definitions,
            "unavailable": self.unavailable,
            "case_tracker": self.case_tracker,
            "pre_proceedings": self.pre_proceedings,
            "outcomes": self.outcomes,
            "experts": self.experts,
            "journey": self.journey,
            "after_proceedings": self.after_proceedings,
            "lfjb_version": self.lfjb_version,
        }


def check_month_in_range(board: Board, month: Month) -> None:
    """InputError when the extract has no data for `month` (outside its range, or empty)."""
    cases = board.extract.cases
    span = kpi_metrics.months_with_data(cases)
    shown = display_path(board.extract.path)
    if span is None:
        raise InputError([Problem(shown, "", "", "has no valid cases, so there is nothing to report.")])
    first, last = span
    if not first <= month <= last:
        raise InputError([Problem(
            shown, "", "--month",
            f"the extract has cases issued or disposed from {first.label} to {last.label}; {month.label} is outside that.",
            f"Choose a month from {first} to {last}, or ask for a newer extract.",
        )])


def coverage_warnings(cases: pd.DataFrame, month: Month) -> list[str]:
    """Plain-English warnings when the extract may not cover the whole month (taken before it ended)."""
    last_issue = cases["issue_date"].max()
    if pd.isna(last_issue) or last_issue >= pd.Timestamp(month.first_day):
        return []
    return [
        f"The extract has no applications issued in {month.label} (the latest was issued on "
        f"{last_issue:%d %B %Y}). It may have been taken before the month ended, so this month's figures may be incomplete."
    ]


def _board_info(board: Board) -> dict:
    c = board.config
    return {
        "slug": board.slug,
        "name": c.name,
        "dfj_area": c.dfj_area,
        "region": c.region,
        "programme": c.programme,
        "local_authorities": list(c.local_authorities),
        "chair": c.chair.model_dump() if c.chair else None,
        "vice_chair": c.vice_chair.model_dump() if c.vice_chair else None,
        "secretariat": c.secretariat.model_dump() if c.secretariat else None,
        "sub_groups": [g.model_dump() for g in c.sub_groups],
        "protective_marking": c.branding.protective_marking,
        "branding": c.branding.model_dump(),
    }


def _pprime_chart(trend: list[dict], kpi: str, target: float | None, rules: SpcRules, rebase: list[Month]) -> SpcResult:
    """A Laney p′ chart of `pct_within_26`: each month's cases within 26 weeks out of those disposed of."""
    series = [(Month.parse(row["month"]), None if row[kpi] is None else round(row[kpi] * row["disposed"] / 100), row["disposed"])
              for row in trend]
    return pprime(series, better=KPIS[kpi]["better"], target=target, rules=rules, rebase=rebase, kpi=kpi)


def unavailable_figures(board: Board) -> dict[str, str]:
    """The measures (and `drivers.cases`) the extract cannot give, with the reason in words."""
    extract = board.extract
    why = {kpi: f"not in this board's extract (it does not record {_COLUMN_WORDS[column]})"
           for kpi, column in KPI_COLUMNS.items() if not extract.has_column(column)}
    if not extract.has_column("delay_drivers"):
        why["drivers.cases"] = f"not in this board's extract (it does not record {_COLUMN_WORDS['delay_drivers']})"
    return why


# Issue 19 item 5: a local authority's percentage on a handful of cases ("25%" on 4) is marked, by the
# comparison's rule for withholding them (fewer than DEFAULT_MIN_CASES cases; suppression.average_reason).
FEW_CASES_NOTE = (f"[low]: fewer than {DEFAULT_MIN_CASES} cases behind the figure, the number below which the "
                  "cross-board comparison withholds it; on so few cases one case moves it a lot, so read it with care.")
LA_FEW_CASES = {"mean_weeks": "disposed", "pct_within_26": "disposed",
                "rolling_12.mean_weeks": "rolling_12.disposed", "rolling_12.pct_within_26": "rolling_12.disposed"}


def _at(row: dict, path: str):
    for key in path.split("."):
        row = row.get(key) if isinstance(row, dict) else None
    return row


def mark_few_cases(rows: list[dict], bases: dict[str, str], min_cases: int = DEFAULT_MIN_CASES) -> list[dict]:
    """`rows`, each with "few_cases": the keys of `bases` (figure -> the count it rests on; dotted for a
    nested key) whose figure rests on fewer than `min_cases` cases. A figure with no cases is not marked."""
    return [{**row, "few_cases": [key for key, base in bases.items()
                                  if _at(row, key) is not None and _at(row, base)
                                  and average_reason(_at(row, base), min_cases) is not None]}
            for row in rows]


_PROGRESSION_COLUMN_WORDS = {"outcome": "the final order of each case", "experts": "expert assessments",
                             "pre_proceedings": "whether a case went through pre-proceedings"}
NO_PRE_PROCEEDINGS_LOG = ("not available: this board keeps no pre-proceedings log "
                          "(add it under inputs.pre_proceedings in the terms of reference)")


def _not_in_extract(column: str, **nulls: None) -> dict:
    """A section the extract cannot give: its headline figures null, with the reason in words."""
    return {"unavailable": f"not in this board's extract (it does not record {_PROGRESSION_COLUMN_WORDS[column]})", **nulls}


def case_progression(board: Board, month: Month) -> tuple[dict, dict, dict, dict]:
    """(case_tracker, pre_proceedings, outcomes, experts): the case progression sections (issue 14),
    from the extract and the optional pre-proceedings log. A section or part whose column or input is
    missing has `unavailable` (the reason in words) and null figures; otherwise `unavailable` is None."""
    extract, cases = board.extract, board.extract.cases
    fcmh = extract.has_column("fcmh")
    rules = board.config.case_tracker
    # A past month rates by age alone when the extract's hearing counts are from a later date (issue 19),
    # unless a hearing list gives dates: then hearings and further CMHs are those held by the month's end (issue 21).
    _, tracker = case_tracker(cases_as_at(extract, month.last_day), month.last_day, rules, fcmh, has_hearing_dates(extract))
    log = board.pre_proceedings
    pre = {
        "extract": ({"unavailable": None, **extract_pre_proceedings(cases, month)} if extract.has_column("pre_proceedings")
                    else _not_in_extract("pre_proceedings", share=None)),
        "log": ({"unavailable": None, **log_pre_proceedings(log.families, month), "data_quality": log.data_quality()}
                if log is not None else {"unavailable": NO_PRE_PROCEEDINGS_LOG, "diversion_rate": None}),
    }
    if not pre["extract"]["unavailable"]:
        pre["extract"]["by_local_authority"] = mark_few_cases(pre["extract"]["by_local_authority"], {"share": "issued"})
    if not pre["log"]["unavailable"]:
        pre["log"]["by_local_authority"] = mark_few_cases(pre["log"]["by_local_authority"], {"diversion_rate": "ended"})
    outcomes = ({"unavailable": None, **outcome_summary(cases, month)} if extract.has_column("outcome")
                else _not_in_extract("outcome", counts=None, shares=None, most_common=None))
    experts = ({"unavailable": None, **expert_summary(cases, month)} if extract.has_column("experts")
               else _not_in_extract("experts", share=None))
    return tracker, pre, outcomes, experts


def _plo_letters(board: Board) -> tuple:
    """(each case's letter before proceedings or None, why there are none) for the journey's first stage."""
    log = board.pre_proceedings
    letters = plo_letters(log.families if log is not None else None, board.extract.cases)
    return letters, None if letters is not None else NO_PLO_LOG if log is None else NO_PLO_CASE_ID


def _tiles(trend: list[dict], spc: dict[str, SpcResult], targets: dict[str, float], unavailable: dict[str, str]) -> dict[str, dict]:
    """One tile per KPI: value, target, RAG, changes on last month and last year, SPC icons, sparkline."""
    latest, previous, year_ago = trend[-1], trend[-2], trend[-13]
    tiles = {}
    for kpi in KPI_IDS:
        value = latest[kpi]
        target = targets.get(kpi)
        rag = rag_status(kpi, value, target)
        d_month, d_year = change(value, previous[kpi]), change(value, year_ago[kpi])
        chart = spc.get(kpi)
        tiles[kpi] = {
            "id": kpi,
            "label": KPIS[kpi]["label"],
            "unit": KPIS[kpi]["unit"],
            "better": KPIS[kpi]["better"],
            "value": value,
            "previous": previous[kpi],
            "year_ago": year_ago[kpi],
            "change_month": d_month,
            "change_month_direction": change_direction(kpi, d_month),
            "change_year": d_year,
            "change_year_direction": change_direction(kpi, d_year),
            "target": target,
            "rag": rag,
            "rag_words": RAG_WORDS[rag] if target is not None else RAG_WORDS[None],
            "variation": chart.variation if chart else None,
            "assurance": chart.assurance if chart else None,
            "spc_summary": chart.summary if chart else None,
            "spc_steps": chart.step_words if chart else "",
            "sparkline": [{"month": row["month"], "value": row[kpi]} for row in trend[-SPARKLINE_MONTHS:]],
            "unavailable": unavailable.get(kpi),
        }
    return tiles


def build_pack(board: Board, month: Month, as_of: date | None = None) -> PackModel:
    """The PackModel for `board` and `month`; `as_of` (default the last day of M) dates the actions."""
    check_month_in_range(board, month)
    cases: pd.DataFrame = board.extract.cases
    config = board.config
    at = as_of or month.last_day
    targets = default_targets(config)

    trend = kpi_metrics.kpi_trend(cases, month, TREND_MONTHS)
    rules = SpcRules(shift=config.spc.shift, trend=config.spc.trend)
    rebase = [Month.parse(m) for m in config.spc.rebase]
    # SPC for every measure; the counts (applications, children, disposals, open cases) have no better
    # direction, so their unusual months are high or low, never an improvement or a concern, and they
    # have no assurance (NHSRplotthedots' improvement_direction = "neutral").
    spc = {
        kpi: _pprime_chart(trend, kpi, targets.get(kpi), rules, rebase) if config.spc.chart.get(kpi) == "pprime" else xmr(
            [(Month.parse(row["month"]), row[kpi]) for row in trend],
            better=KPIS[kpi]["better"], target=targets.get(kpi), rules=rules, rebase=rebase, kpi=kpi,
        )
        for kpi in KPI_IDS
    }
    unavailable = unavailable_figures(board)
    for kpi in unavailable.keys() & spc.keys():
        spc[kpi].summary = f"{KPIS[kpi]['label']}: {unavailable[kpi]}."
    tiles = _tiles(trend, spc, targets, unavailable)
    known = known_at(board.actions, at)
    actions = action_summary(known, config, at)
    drivers = driver_summary(cases, known, config.sub_group_ids, month, cases_unavailable=unavailable.get("drivers.cases"))
    rolling = kpi_metrics.rolling_12(cases, month)
    signals = kpi_signals(tiles, known)
    dq = board.extract.data_quality.to_dict()
    dq["warnings"] = [*coverage_warnings(cases, month), *dq["warnings"]]
    tracker, pre_proceedings, outcomes, experts = case_progression(board, month)
    return PackModel(
        board=_board_info(board),
        month=month,
        as_of=at,
        kpis={k: trend[-1][k] for k in KPI_IDS},
        kpi_tiles=tiles,
        trend=trend,
        quarterly=kpi_metrics.quarterly_kpis(cases, month),
        rolling_12=rolling,
        by_local_authority=mark_few_cases(kpi_metrics.by_local_authority(cases, month), LA_FEW_CASES),
        duration_bands=kpi_metrics.duration_bands(cases, month),
        open_age_profile=kpi_metrics.open_age_profile(cases, month),
        kaplan_meier=kpi_metrics.km_median_weeks(cases, month),
        spc=spc,
        spc_rules={**rules.to_dict(), "rebase": [str(m) for m in rebase], "source": "NHS England 'Making Data Count' rules for statistical process control charts, as the NHSRplotthedots package applies them"},
        actions=actions,
        drivers=drivers,
        cost_of_delay=cost_of_delay(config.cost_of_delay, rolling["issued"], rolling["mean_weeks"], targets.get("mean_weeks")),
        governance=governance_checks(config, known, at),
        signals=signals,
        headlines=headlines(month, tiles, actions, drivers, signals, dq, tracker),
        data_quality=dq,
        definitions={"kpis": kpi_metrics.KPI_DEFINITIONS, "rag_rule": rag_rule(targets), "glossary": dict(GLOSSARY),
                     "few_cases": {"min_cases": DEFAULT_MIN_CASES, "note": FEW_CASES_NOTE}},
        unavailable=unavailable,
        logo=board.logo,
        case_tracker=tracker,
        pre_proceedings=pre_proceedings,
        outcomes=outcomes,
        experts=experts,
        journey=journey_summary(cases, month, hearing_list(board.extract), *_plo_letters(board)),
        after_proceedings=returning_children(cases, getattr(board.extract, "child_list", None), month),
    )
