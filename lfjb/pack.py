"""Assemble one PackModel per board and month: everything the PDF, HTML and JSON draw from.

The metrics give each section as plain data; `build_pack` reads each into its typed, frozen section
(lfjb/pack_model.py, where `PackModel` and the sections live). The JSON in SPEC.md ("The pack JSON") is
`PackModel.to_json()`; templates only format it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import pandas as pd

from lfjb import __version__
from lfjb.compare.suppression import average_reason
from lfjb.inputs import Board
from lfjb.inputs.board import default_targets
from lfjb.inputs.errors import InputError, Problem, display_path
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
from lfjb.metrics.spc import SpcResult, SpcRules, pprime, xmr
from lfjb.metrics.targets import (
    RAG_WORDS,
    change,
    change_direction,
    rag_rule,
    rag_status,
)
from lfjb.month import Month
from lfjb.pack_model import (
    FEW_CASES_NOTE,
    ActionsSummary,
    Band,
    BoardInfo,
    CaseTracker,
    DriverSummary,
    Governance,
    Headline,
    Journey,
    KaplanMeier,
    KpiFigures,
    KpiTile,
    LocalAuthorityRow,
    PackModel,
    QuarterRow,
    Rolling12,
    Signal,
    SpcRulesUsed,
    TrendRow,
    freeze,
    from_plain,
)
from lfjb.vocab import DEFAULT_MIN_CASES, GLOSSARY, KPI_IDS, KPIS

TREND_MONTHS = 24  # SPEC.md: the 24 months ending at M
SPARKLINE_MONTHS = 13
# The extract column each measure needs beyond the required ones (SPEC.md: a figure whose column is
# missing is null with a reason, never 0).
KPI_COLUMNS = {"mean_hearings": "hearings", "mean_fcmh": "fcmh"}
_COLUMN_WORDS = {"hearings": "the number of hearings", "fcmh": "further case management hearings",
                 "delay_drivers": "the delay drivers cited on each case"}


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


def _pprime_chart(trend: tuple[TrendRow, ...], kpi: str, target: float | None, rules: SpcRules, rebase: list[Month]) -> SpcResult:
    """A Laney p′ chart of `pct_within_26`: each month's cases within 26 weeks out of those disposed of."""
    series = [(row.month, None if row[kpi] is None else round(row[kpi] * row.disposed / 100), row.disposed)
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


# Issue 19 item 5: a local authority's figure on fewer than DEFAULT_MIN_CASES cases is marked (FEW_CASES_NOTE).
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
                          "(the secretariat can add one to the board's terms of reference)")


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


def _tiles(trend: tuple[TrendRow, ...], spc: dict[str, SpcResult], targets: dict[str, float], unavailable: dict[str, str]) -> dict[str, dict]:
    """One tile per KPI: value, target, RAG, changes on last month and last year, SPC icons, sparkline."""
    latest, previous, year_ago = trend[-1], trend[-2], trend[-13]
    tiles = {}
    for kpi in KPI_IDS:
        value = latest[kpi]
        target = targets.get(kpi)
        rag = rag_status(kpi, value, target)
        d_month, d_year = change(value, previous[kpi]), change(value, year_ago[kpi])
        chart = spc.get(kpi)
        variation = chart.variation if chart else None
        tiles[kpi] = {
            "id": kpi,
            "label": KPIS[kpi]["label"],
            "unit": KPIS[kpi]["unit"],
            "better": KPIS[kpi]["better"],
            "value": value,
            "previous": previous[kpi],
            "year_ago": year_ago[kpi],
            "change_month": d_month,
            "change_month_direction": change_direction(kpi, d_month, variation),
            "change_year": d_year,
            "change_year_direction": change_direction(kpi, d_year, variation),
            "target": target,
            "rag": rag,
            "rag_words": RAG_WORDS[rag] if target is not None else RAG_WORDS[None],
            "variation": variation,
            "assurance": chart.assurance if chart else None,
            "spc_summary": chart.summary if chart else None,
            "spc_steps": chart.step_words if chart else "",
            "sparkline": [{"month": row.month, "value": row[kpi]} for row in trend[-SPARKLINE_MONTHS:]],
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

    trend = from_plain(tuple[TrendRow, ...], kpi_metrics.kpi_trend(cases, month, TREND_MONTHS), "trend")
    rules = SpcRules(shift=config.spc.shift, trend=config.spc.trend)
    rebase = [Month.parse(m) for m in config.spc.rebase]
    # SPC for every measure; the counts (applications, children, disposals, open cases) have no better
    # direction, so their unusual months are high or low, never an improvement or a concern, and they
    # have no assurance (NHSRplotthedots' improvement_direction = "neutral").
    spc = {
        kpi: _pprime_chart(trend, kpi, targets.get(kpi), rules, rebase) if config.spc.chart.get(kpi) == "pprime" else xmr(
            [(row.month, row[kpi]) for row in trend],
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
        board=from_plain(BoardInfo, _board_info(board), "board"),
        month=month,
        as_of=at,
        kpis=KpiFigures(**{k: trend[-1][k] for k in KPI_IDS}),
        kpi_tiles=from_plain(Mapping[str, KpiTile], tiles, "kpi_tiles"),
        trend=trend,
        quarterly=from_plain(tuple[QuarterRow, ...], kpi_metrics.quarterly_kpis(cases, month), "quarterly"),
        rolling_12=from_plain(Rolling12, rolling, "rolling_12"),
        by_local_authority=from_plain(tuple[LocalAuthorityRow, ...], mark_few_cases(kpi_metrics.by_local_authority(cases, month), LA_FEW_CASES), "by_local_authority"),
        duration_bands=from_plain(tuple[Band, ...], kpi_metrics.duration_bands(cases, month), "duration_bands"),
        open_age_profile=from_plain(tuple[Band, ...], kpi_metrics.open_age_profile(cases, month), "open_age_profile"),
        kaplan_meier=from_plain(KaplanMeier, kpi_metrics.km_median_weeks(cases, month), "kaplan_meier"),
        spc=freeze(spc),
        spc_rules=from_plain(SpcRulesUsed, {**rules.to_dict(), "rebase": rebase, "source": "NHS England 'Making Data Count' rules for statistical process control charts, as the NHSRplotthedots package applies them"}, "spc_rules"),
        actions=from_plain(ActionsSummary, actions, "actions"),
        drivers=from_plain(DriverSummary, drivers, "drivers"),
        cost_of_delay=freeze(cost_of_delay(config.cost_of_delay, rolling["issued"], rolling["mean_weeks"], targets.get("mean_weeks"))),
        governance=from_plain(Governance, governance_checks(config, known, at), "governance"),
        signals=from_plain(tuple[Signal, ...], signals, "signals"),
        headlines=from_plain(tuple[Headline, ...], headlines(month, tiles, actions, drivers, signals, dq, tracker), "headlines"),
        data_quality=freeze(dq),
        definitions=freeze({"kpis": kpi_metrics.KPI_DEFINITIONS, "rag_rule": rag_rule(targets), "glossary": dict(GLOSSARY),
                            "few_cases": {"min_cases": DEFAULT_MIN_CASES, "note": FEW_CASES_NOTE}}),
        unavailable=freeze(unavailable),
        logo=board.logo,
        case_tracker=from_plain(CaseTracker, tracker, "case_tracker"),
        pre_proceedings=freeze(pre_proceedings),
        outcomes=freeze(outcomes),
        experts=freeze(experts),
        journey=from_plain(Journey, journey_summary(cases, month, hearing_list(board.extract), *_plo_letters(board)), "journey"),
        after_proceedings=freeze(returning_children(cases, getattr(board.extract, "child_list", None), month)),
        lfjb_version=__version__,
    )
