"""The comparison's sections as typed, frozen values, in the style of the pack's (lfjb/pack_model.py,
whose `Record`, `record`, `FrozenMap`, `to_plain` and `from_plain` these use): what
`lfjb.compare.model.ComparisonModel` holds and its charts, templates and spreadsheets read.

Typed records (named fields, `Month` values, tuples): a board's league row (`BoardRow`, with its SPC
signals and 12-month period), the all-boards row and each region's sub-total (`TotalRow`), the trends'
monthly points (`TrendPoint`), the funnel plot (`Funnel`, its `FunnelPoint`s and `FunnelLimits`), the
benchmark (`Benchmark`), the delay drivers (`Drivers`: a `DriverRow` per driver, each board's
`BoardTopDriver`) and the pooled p′ chart (`PooledChart`, its `PooledPoint`s). A record's field order
is the order of its keys in the comparison JSON; keys that only a published row carries (`suppressed`)
are left out when None.

Kept as read-only mappings (`FrozenMap`, lists as tuples), because their shape varies and typing them
buys nothing today: the pilot view (nested readings per measure, an "unavailable" shape, quarters by
measure), `fcsq` and `reconciliation` (what reading MoJ's files found; the reconciliation has a
"not published" shape), `references` (FCSQ rows), `case_progression` and `journey` (columns by
outcome and by stage, which depend on the packs), `spc_rules`, `source`, `suppression` and `titles`.
A withheld funnel (`{"withheld": true, "reason": ...}`) is a FrozenMap too. Steps that change a
free-form section (disclosure control, the pilot's readings) work on a new plain copy (`thaw`).

Fields not published (the counts within 26 weeks, the trends' monthly cases) are None in a published
model and left out of its JSON (`published_plain`), as disclosure control has always left them out.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lfjb.month import Month
from lfjb.pack_model import OMIT_WHEN_NONE, FrozenMap, Record, freeze, from_plain, record, to_plain
from dataclasses import field

__all__ = ["BoardRow", "BoardTopDriver", "Benchmark", "DriverRow", "Drivers", "MonthsEnding", "TopDriver", "PooledChart", "PooledPoint", "Funnel", "FunnelLimits", "FunnelPoint", "Period", "SpcSignal", "TotalRow",
           "TrendPoint", "FrozenMap", "to_plain", "typed_sections", "published_plain", "thaw"]


@record
class Period(Record):
    """The months a figure covers (`label` only where the comparison writes one)."""

    start: Month | None
    end: Month | None
    label: str | None = field(default=None, metadata=OMIT_WHEN_NONE)


@record
class SpcSignal(Record):
    """A board's latest SPC point for a KPM, in a few words (lfjb.compare.league.spc_signal)."""

    type: str | None
    month: Month | None
    label: str
    assurance: str | None
    assurance_label: str
    provisional: bool
    chart: str


@record
class BoardRow(Record):
    """One board's row of the league table (lfjb.compare.league.board_row); numbers unrounded."""

    slug: str
    name: str
    short_name: str
    dfj_area: str | None
    dfj_note: str | None
    region: str
    programme: str | None
    programme_label: str
    protective_marking: str | None
    period_12m: Period
    issued_12m: int | None
    disposed_12m: int | None
    mean_weeks_12m: float | None
    median_weeks_12m: float | None
    pct_within_26_12m: float | None
    within_26_12m: int | None  # not published
    mean_hearings_12m: float | None
    disposed_12m_prev: int | None
    mean_weeks_12m_prev: float | None
    pct_within_26_12m_prev: float | None
    change_mean_weeks_12m: float | None
    change_pct_within_26_12m: float | None
    issued: int | None
    disposed: int | None
    mean_weeks: float | None
    median_weeks: float | None
    pct_within_26: float | None
    within_26: int | None  # not published
    open_end: int | None
    open_over_26: int | None
    open_over_52: int | None
    disposed_year_ago: int | None
    mean_weeks_year_ago: float | None
    pct_within_26_year_ago: float | None
    change_mean_weeks: float | None
    change_pct_within_26: float | None
    spc: Mapping[str, SpcSignal]
    # Published only: why each withheld cell is withheld, by field.
    suppressed: Mapping[str, str] | None = field(default=None, metadata=OMIT_WHEN_NONE)
    rank: int | None = None
    rank_of: int | None = None
    region_rank: int | None = None
    region_of: int | None = None
    # Against the benchmark (lfjb.compare.model.add_differences).
    diff_mean_weeks_12m: float | None = None
    diff_pct_within_26_12m: float | None = None


@record
class TotalRow(Record):
    """The all-boards row, or a region's sub-total (`region` and `boards` set): counts summed, averages
    pooled over the cases (lfjb.compare.league.all_boards_row, region_rows)."""

    slug: str
    name: str
    short_name: str
    issued: int | None
    disposed: int | None
    open_end: int | None
    open_over_26: int | None
    open_over_52: int | None
    issued_12m: int | None
    disposed_12m: int | None
    mean_weeks_12m: float | None
    pct_within_26_12m: float | None
    within_26_12m: int | None  # not published
    mean_weeks: float | None
    pct_within_26: float | None
    median_weeks_12m: float | None
    median_weeks: float | None
    region: str | None = field(default=None, metadata=OMIT_WHEN_NONE)
    boards: tuple[str, ...] | None = field(default=None, metadata=OMIT_WHEN_NONE)
    suppressed: Mapping[str, str] | None = field(default=None, metadata=OMIT_WHEN_NONE)


@record
class TrendPoint(Record):
    """A board's month in the trends' small multiples."""

    month: Month
    disposed: int | None  # not published
    mean_weeks: float | None
    pct_within_26: float | None
    suppressed: Mapping[str, str] | None = field(default=None, metadata=OMIT_WHEN_NONE)


@record
class FunnelLimits(Record):
    """The funnel's limits (%) at `n` cases."""

    n: float
    lower_95: float
    upper_95: float
    lower_998: float
    upper_998: float


@record
class FunnelPoint(Record):
    """A board on the funnel plot: % within 26 weeks over the 12 months against cases disposed of."""

    number: int | None
    slug: str
    name: str
    short_name: str
    programme: str | None
    programme_label: str
    region: str
    n: int
    pct: float
    z: float
    z_adjusted: float
    limits: FunnelLimits | None
    position: str
    position_label: str
    unadjusted_limits: FunnelLimits | None
    unadjusted_position: str | None
    unadjusted_position_label: str | None
    is_highlighted: bool
    is_labelled: bool


@record
class Funnel(Record):
    """The funnel plot of % within 26 weeks (lfjb.compare.model.funnel_section)."""

    measure: str
    label: str
    period: Period
    target: float
    target_kind: str
    target_label: str
    target_note: str
    k: int
    phi: float
    tau2: float
    winsorising: Mapping[str, Any]
    is_adjusted: bool
    is_adjustment_reliable: bool
    min_boards_for_adjustment: int
    shows_both_limits: bool
    reliability_note: str | None
    highlight: tuple[str, ...]
    points: tuple[FunnelPoint, ...]
    curve: tuple[FunnelLimits, ...]
    unadjusted_curve: tuple[FunnelLimits, ...]
    left_out: tuple[str, ...]
    method: str
    # Published only: boards left off because a figure they rest on is withheld.
    not_shown: tuple[str, ...] | None = field(default=None, metadata=OMIT_WHEN_NONE)


@record
class Benchmark(Record):
    """What boards are compared against: England and Wales (FCSQ) or all boards pooled
    (lfjb.compare.model.benchmark_section). `period` and `quarters` are FCSQ's own shapes."""

    kind: str
    name: str
    label: str
    short_label: str
    source: str | None
    period: Mapping[str, Any]
    disposed: int | None
    mean_weeks: float | None
    median_weeks: float | None
    pct_within_26: float | None
    median_note: str
    not_available_quarters: tuple[Any, ...]
    quarters: tuple[Any, ...]
    note: str
    suppressed: Mapping[str, str] | None = field(default=None, metadata=OMIT_WHEN_NONE)


@record
class DriverRow(Record):
    """A delay driver across the boards: cases citing it in each board (None where a board's extract
    records no drivers) and in all, and (lfjb.compare.drivers.add_driver_shares) as shares of each
    board's cases disposed of."""

    driver: str
    label: str
    by_board: Mapping[str, int | None]
    total: int | None
    boards_citing: int
    boards_top: int
    suppressed: Mapping[str, str] | None = field(default=None, metadata=OMIT_WHEN_NONE)
    share_by_board: Mapping[str, float | None] | None = None
    share_suppressed: Mapping[str, str] | None = None
    share_total: float | None = None


@record
class TopDriver(Record):
    """One of a board's most-cited drivers, with the cases and share citing it and its open actions."""

    driver: str
    label: str
    cases: int | None
    share: float | None
    open_actions: int
    suppressed: Mapping[str, str] | None = field(default=None, metadata=OMIT_WHEN_NONE)


@record
class BoardTopDriver(Record):
    """A board's own most-cited driver(s) (several when tied) and whether it has an open action on one."""

    slug: str
    name: str
    short_name: str
    cases_disposed: int | None
    top: tuple[TopDriver, ...]
    has_open_action: bool | None
    drivers_recorded: bool
    suppressed: Mapping[str, str] | None = field(default=None, metadata=OMIT_WHEN_NONE)


@record
class MonthsEnding(Record):
    """The months the drivers' counts cover: `months` months ending with `end` (the reporting month).
    Not the pack's `lfjb.pack_model.DriverWindow`, which holds dates and the cases behind the counts."""

    months: int
    end: Month | None


@record
class Drivers(Record):
    """The delay drivers across boards (lfjb.compare.drivers.driver_summary); `base_total` (all boards'
    cases disposed of behind the shares) is set with the shares."""

    rows: tuple[DriverRow, ...]
    columns_in_print: int
    not_in_print: tuple[str, ...]
    boards: tuple[str, ...]
    top_by_board: tuple[BoardTopDriver, ...]
    no_open_action_on_top_driver: tuple[str, ...]
    no_open_action_names: tuple[str, ...]
    not_recorded_names: tuple[str, ...]
    window: MonthsEnding
    base_total: int | None = None


@record
class PooledPoint(Record):
    """A month on the pooled p′ chart: % within 26 weeks, its limits and its SPC type (`label`: the
    latest month's type in words)."""

    month: Month
    value: float | None
    lower: float | None
    upper: float | None
    type: str | None
    label: str | None = field(default=None, metadata=OMIT_WHEN_NONE)


@record
class PooledChart(Record):
    """All boards pooled, % within 26 weeks month by month on a Laney p′ chart (lfjb.compare.pooled)."""

    label: str
    chart: str
    centre: float
    sigma_z: float
    sigma_z_used: float
    sigma_z_chance: float | None
    sigma_z_note: str | None
    first: Month
    months: int
    latest: PooledPoint
    points: tuple[PooledPoint, ...]
    summary: str | None
    rules: Mapping[str, Any]
    has_small_numbers: bool


# The comparison's sections by type; the rest are read-only maps (see the module docstring).
SECTION_TYPES: dict[str, Any] = {
    "boards": tuple[BoardRow, ...],
    "all_boards": TotalRow,
    "regions": tuple[TotalRow, ...],
    "trends": Mapping[str, tuple[TrendPoint, ...]],
    "benchmark": Benchmark,
    "drivers": Drivers,
    "pooled_within_26": PooledChart,
    "findings": tuple[str, ...],
}
FREE_FORM = ("source", "pilot", "references", "spc_rules", "fcsq", "reconciliation", "suppression",
             "case_progression", "journey", "titles")
# Fields left out of the published JSON (None in a published model): section -> fields.
NOT_PUBLISHED = {"boards": ("within_26_12m", "within_26"), "all_boards": ("within_26_12m",),
                 "regions": ("within_26_12m",), "trends": ("disposed",)}


def _funnel(value: object) -> Funnel | FrozenMap | None:
    if value is None or isinstance(value, (Funnel, FrozenMap)):
        return value  # type: ignore[return-value]
    if isinstance(value, Mapping) and value.get("withheld"):
        return freeze(value)  # type: ignore[return-value]
    return from_plain(Funnel, value, "funnel")


def typed_sections(**sections: object) -> dict[str, object]:
    """The comparison's sections (JSON-ready data or typed values) as the model holds them: records
    for the typed sections, read-only maps for the free-form ones; other arguments as they are."""
    out: dict[str, object] = {}
    for name, value in sections.items():
        if name in SECTION_TYPES:
            out[name] = from_plain(SECTION_TYPES[name], value, name)
        elif name == "funnel":
            out[name] = _funnel(value)
        elif name in FREE_FORM:
            out[name] = freeze(value)
        else:
            out[name] = value
    return out


def thaw(value: object) -> Any:
    """A section as plain, new JSON-ready data (dicts and lists), for a step that works on a copy."""
    return to_plain(value)


def published_plain(name: str, value: object, publish: bool) -> object:
    """A section as JSON-ready data; published, without the fields that are never published."""
    plain = to_plain(value)
    fields = NOT_PUBLISHED.get(name) if publish else None
    if not fields or plain is None:
        return plain

    def strip(row: dict) -> dict:
        return {k: v for k, v in row.items() if k not in fields}

    if name == "trends":
        return {slug: [strip(p) for p in points] for slug, points in plain.items()}  # type: ignore[union-attr]
    if isinstance(plain, list):
        return [strip(r) for r in plain]
    return strip(plain)  # type: ignore[arg-type]
