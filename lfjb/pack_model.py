"""The board pack's sections as typed, frozen values: what `lfjb.pack.build_pack` assembles, what the
templates, charts and the comparison read, and the one reader and writer of the pack JSON (SPEC.md
"The pack JSON").

Every uniform section is a frozen dataclass with named fields, holding `Month` and `date` values (not
'YYYY-MM' text) and tuples (not lists): the board, the month's KPIs, the trend, quarterly and rolling
12-month rows, the local authorities, the duration bands and open-age profile, the Kaplan-Meier
median, the SPC rules, the KPI tiles, the actions summary, the delay drivers, signals, headlines,
governance, the case tracker and the child's journey. The order of a record's fields is the order of
its keys in the JSON.

Kept as read-only mappings (`FrozenMap`, lists as tuples), because their keys are the board's own or
their shape varies with what the extract records, and typing them buys nothing today: the board's
people, sub-groups and branding (the terms of reference as written), `data_quality` (the inputs'
report), `cost_of_delay`, `definitions`, `unavailable`, `pre_proceedings`, `outcomes`, `experts` and
`after_proceedings` (each has an "unavailable" shape with fewer keys). `spc` holds
`lfjb.metrics.spc.SpcResult`s, typed already (and mutable: lfjb.metrics.spc owns it).

Records also answer `record["field"]` and `record.get("field")`, read-only, so the templates (Jinja
falls back between the two anyway), charts and spreadsheets written against the dicts keep working;
new code uses attributes.

`to_plain` turns any of these values into JSON-ready data; `from_plain(type, data)` reads JSON-ready
data (a metric's output in build_pack, or a pack file a board sent) into a type, and is the only place
a pack's months and dates are parsed. A value of the wrong shape is
a `PackShapeError` naming its key (`trend[3].month`), never a traceback.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any, Union

from lfjb.metrics.spc import MIN_POINTS_FOR_FIRM_LIMITS, SpcResult, SpcShapeError
from lfjb.inputs.errors import PackShapeError  # where the pack-file reader catches it
from lfjb.month import Month
from lfjb.vocab import COUNT_KPIS, DEFAULT_MIN_CASES, KPI_IDS

# A record field with this metadata is left out of the JSON when it is None (a key only some rows carry).
OMIT_WHEN_NONE = {"omit_when_none": True}


class FrozenMap(Mapping):
    """A read-only dict (picklable and comparable, unlike MappingProxyType's pickling)."""

    __slots__ = ("_data",)

    def __init__(self, data: Mapping | None = None):
        object.__setattr__(self, "_data", dict(data or {}))

    def __getitem__(self, key):
        return self._data[key]

    def __iter__(self) -> Iterator:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __eq__(self, other: object) -> bool:
        return self._data == (other._data if isinstance(other, FrozenMap) else other)

    def __hash__(self) -> int:
        return hash(tuple(self._data.items()))

    def __setattr__(self, name, value):
        raise AttributeError("a FrozenMap cannot be changed")

    def __reduce__(self):
        return (FrozenMap, (self._data,))

    def __repr__(self) -> str:
        return f"FrozenMap({self._data!r})"


class Record:
    """Base of the pack's records: read-only item access by field name (see the module docstring)."""

    __slots__ = ()

    def __getitem__(self, key: str):
        if key not in self.__dataclass_fields__:  # type: ignore[attr-defined]
            raise KeyError(key)
        return getattr(self, key)

    def get(self, key: str, default=None):
        return getattr(self, key, default) if key in self.__dataclass_fields__ else default  # type: ignore[attr-defined]

    def __contains__(self, key: object) -> bool:
        return key in self.__dataclass_fields__  # type: ignore[attr-defined]

    @classmethod
    def from_json(cls, data: object, key: str = ""):
        return from_plain(cls, data, key)

    def to_json(self) -> dict:
        return to_plain(self)


record = dataclass(frozen=True, slots=True)

# --- JSON <-> values -----------------------------------------------------------------------------------


def freeze(value: object) -> object:
    """JSON data made read-only: objects as FrozenMaps, lists as tuples."""
    if isinstance(value, dict):
        return FrozenMap({k: freeze(v) for k, v in value.items()})
    if isinstance(value, (list, tuple)):
        return tuple(freeze(v) for v in value)
    return value


def to_plain(value: object) -> object:
    """Any pack value as JSON-ready data: records and maps as dicts (keys in field order), tuples as
    lists, months as 'YYYY-MM', dates as 'YYYY-MM-DD', SPC charts by their own to_dict."""
    if isinstance(value, Record):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)  # type: ignore[arg-type]
                if not (f.metadata.get("omit_when_none") and getattr(value, f.name) is None)}
    if isinstance(value, Mapping):
        return {k: to_plain(v) for k, v in value.items()}
    if isinstance(value, (tuple, list)):
        return [to_plain(v) for v in value]
    if isinstance(value, Month):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, SpcResult):
        return value.to_dict()
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_plain(kind: Any, value: object, key: str = ""):
    """`value` (JSON data) read as `kind`; PackShapeError naming `key` when it does not fit."""
    if value is None:
        return None
    origin = typing.get_origin(kind)
    if origin in (Union, types.UnionType):
        options = [a for a in typing.get_args(kind) if a is not type(None)]
        return from_plain(options[0] if len(options) == 1 else Any, value, key)
    if kind is Any:
        return freeze(value)
    if kind is Month:
        if isinstance(value, Month):
            return value
        try:
            return Month.parse(value)  # type: ignore[arg-type]
        except ValueError:
            raise PackShapeError(key, value, "a month as YYYY-MM") from None
    if kind is date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise PackShapeError(key, value, "a date as YYYY-MM-DD") from None
    if kind is SpcResult:
        if isinstance(value, SpcResult):
            return value
        try:
            return SpcResult.from_dict(_object(value, key))
        except SpcShapeError as exc:
            raise PackShapeError(f"{key}.{exc.key}" if key and exc.key else key or exc.key, exc.value, exc.expected) from None
    if origin is tuple:
        item = typing.get_args(kind)[0]
        if not isinstance(value, (list, tuple)):
            raise PackShapeError(key, value, "a list")
        return tuple(from_plain(item, v, f"{key}[{i}]") for i, v in enumerate(value))
    if origin is Mapping:
        item = typing.get_args(kind)[1]
        return FrozenMap({k: from_plain(item, v, f"{key}.{k}") for k, v in _object(value, key).items()})
    if isinstance(kind, type) and issubclass(kind, Record):
        if isinstance(value, kind):
            return value
        data = _object(value, key)
        hints = _hints(kind)
        return kind(**{f.name: from_plain(hints[f.name], data.get(f.name), f"{key}.{f.name}" if key else f.name)
                       for f in dataclasses.fields(kind)})
    return value  # numbers, text, true/false: as they are


def _object(value: object, key: str) -> Mapping:
    if not isinstance(value, Mapping):
        raise PackShapeError(key, value, "an object")
    return value


# --- the sections ---------------------------------------------------------------------------------------


@record
class BoardInfo(Record):
    """The board as its terms of reference name it (people, sub-groups and branding as written)."""

    slug: str
    name: str | None
    dfj_area: str | None
    region: str | None
    programme: str | None
    local_authorities: tuple[str, ...]
    chair: Any
    vice_chair: Any
    secretariat: Any
    sub_groups: tuple[Any, ...]
    protective_marking: str | None
    branding: Any


# The 12 KPIs' value types in lfjb.vocab.KPI_IDS order (counts whole, the rest unrounded): the one list the
# records holding a row of KPIs are built from, so a new KPI in vocab reaches every one of them.
KPI_TYPES: dict[str, Any] = {kpi: int | None if kpi in COUNT_KPIS else float | None for kpi in KPI_IDS}


def _kpi_record(name: str, doc: str, before: tuple = (), after: tuple = ()) -> type:
    """A frozen record of `before` fields, the 12 KPIs (KPI_TYPES), then `after` fields, in that order (the
    order of its keys in the JSON)."""
    return dataclasses.make_dataclass(
        name, [*before, *KPI_TYPES.items(), *after], bases=(Record,), frozen=True, slots=True,
        namespace={"__doc__": doc, "__module__": __name__})


KpiFigures = _kpi_record("KpiFigures", "The 12 KPIs (lfjb.vocab.KPI_IDS) for one month.")
TrendRow = _kpi_record("TrendRow", "One month of the 24-month trend: the month and its 12 KPIs.", (("month", Month),))


QuarterRow = _kpi_record(
    "QuarterRow", "One financial-year quarter's 12 KPIs.",
    (("quarter", str), ("start", Month), ("end", Month), ("complete", bool)))


Rolling12 = _kpi_record(
    "Rolling12", "The 12 KPIs over the 12 months ending at the pack's month.",
    (("start", Month), ("end", Month)))


@record
class LocalAuthorityRolling12(Record):
    mean_weeks: float | None
    pct_within_26: float | None
    disposed: int | None
    issued: int | None


LocalAuthorityRow = _kpi_record(
    "LocalAuthorityRow", "A local authority's month (12 KPIs), its 12 months, and the figures resting on few cases.",
    (("local_authority", str),),
    (("rolling_12", LocalAuthorityRolling12), ("few_cases", tuple[str, ...])))


@record
class Band(Record):
    """A duration band (cases disposed of) or an age band (cases open)."""

    band: str
    id: str
    cases: int
    children: int
    share: float | None


@record
class KaplanMeier(Record):
    median_weeks: float | None
    cases: int
    censored: int
    disposed: int
    start: Month
    end: Month
    note: str


@record
class SpcRulesUsed(Record):
    """The SPC rules the pack's charts used (SpcRules.to_dict), the months the limits restart, the source."""

    shift: int
    trend: int
    two_in_three: bool
    limit_factor: float
    screen_factor: float
    in_words: tuple[str, ...]
    rebase: tuple[Month, ...]
    source: str


@record
class SparkPoint(Record):
    month: Month
    value: float | None


@record
class KpiTile(Record):
    """One KPI's tile: value, target and RAG, changes, SPC icons and words, sparkline."""

    id: str
    label: str
    unit: str
    better: str
    value: float | None
    previous: float | None
    year_ago: float | None
    change_month: float | None
    change_month_direction: str | None
    change_year: float | None
    change_year_direction: str | None
    target: float | None
    rag: str | None
    rag_words: str
    variation: str | None
    assurance: str | None
    spc_summary: str | None
    spc_steps: str
    sparkline: tuple[SparkPoint, ...]
    unavailable: str | None


@record
class ActionRow(Record):
    """One action from the log as known at the pack's date; `reasons` and `is_overdue` only in the
    open list and the on-track list."""

    id: str
    title: str
    sub_group: str | None
    sub_group_name: str | None
    owner: str | None
    raised: date | None
    due: date | None
    days_overdue: int | None
    status: str
    completed: date | None
    theme: str | None
    drivers: tuple[str, ...]
    kpis: tuple[str, ...]
    last_update: date | None
    days_since_update: int | None
    latest_note: str | None
    reasons: tuple[str, ...] | None = field(default=None, metadata=OMIT_WHEN_NONE)
    is_overdue: bool | None = field(default=None, metadata=OMIT_WHEN_NONE)


@record
class SubGroupActions(Record):
    name: str
    open: int
    overdue: int
    due_soon: int
    stale: int
    completed_since_meeting: int


@record
class ActionsSummary(Record):
    as_of: date
    total: int
    open: int
    overdue: tuple[ActionRow, ...]
    overdue_over_60: int
    due_soon: tuple[ActionRow, ...]
    due_soon_days: int
    stale: tuple[ActionRow, ...]
    stale_after_days: int
    previous_meeting: date | None
    next_meeting: date | None
    completed_since_meeting: tuple[ActionRow, ...]
    by_sub_group: Mapping[str, SubGroupActions]
    open_list: tuple[ActionRow, ...]
    on_track: tuple[ActionRow, ...]


@record
class Initiative(Record):
    id: str
    name: str
    summary: str


@record
class DriverWindow(Record):
    start: Month
    end: Month
    cases_disposed: int | None
    cases_citing_any: int | None


@record
class DriverGap(Record):
    driver: str
    label: str
    cases: int
    share: float | None
    initiatives: tuple[Initiative, ...]


@record
class DriverSummary(Record):
    """Delay drivers over the 12 months: cases citing each (null with a reason when not recorded),
    open actions on each by sub-group, the gaps, and known initiatives."""

    matrix: Mapping[str, Mapping[str, int]]
    cases_unavailable: str | None
    cases: Mapping[str, int] | None
    share: Mapping[str, float | None] | None
    mean_weeks: Mapping[str, float | None] | None
    mean_weeks_no_driver: float | None
    window: DriverWindow
    open_actions: Mapping[str, int]
    gaps: tuple[DriverGap, ...]
    gap_min_share: float
    labels: Mapping[str, str]
    initiatives: Mapping[str, tuple[Initiative, ...]]


@record
class Signal(Record):
    kpi: str
    label: str
    reasons: tuple[str, ...]
    linked_actions: tuple[str, ...]
    unaddressed: bool


@record
class Headline(Record):
    """One line of the summary page, with the section it belongs to (and the KPI or driver it is about)."""

    text: str
    tone: str
    section: str
    kpi: str | None = field(default=None, metadata=OMIT_WHEN_NONE)  # a KPI's headline names it
    driver: str | None = field(default=None, metadata=OMIT_WHEN_NONE)  # a driver gap's headline names it


@record
class GovernanceCheck(Record):
    id: str
    title: str
    passed: bool
    detail: str


@record
class Governance(Record):
    checks: tuple[GovernanceCheck, ...]
    passed: int
    total: int
    source: str


@record
class RagCounts(Record):
    red: int
    amber: int
    green: int


@record
class TrackerLocalAuthority(Record):
    local_authority: str
    open: int
    red: int
    amber: int
    green: int


@record
class TrackerAgeBin(Record):
    from_weeks: int
    to_weeks: int | None
    red: int
    amber: int
    green: int


@record
class TrackerRules(Record):
    amber_weeks: int
    red_fcmh: int
    amber_fcmh: int


@record
class RagWords(Record):
    red: str
    amber: str
    green: str


@record
class CaseTracker(Record):
    """Open cases rated as a case tracker rates them, counts only (issue 14)."""

    as_of: date
    open: int
    by_rag: RagCounts
    red_past_26_weeks: int
    red_fcmh_only: int
    fcmh_judged: bool
    fcmh_not_recorded: int | None
    hearing_counts_at_date: bool
    extract_latest: date | None
    by_local_authority: tuple[TrackerLocalAuthority, ...]
    age_profile: tuple[TrackerAgeBin, ...]
    oldest_weeks: float | None
    rules: TrackerRules
    rule_words: RagWords
    unavailable: str | None


@record
class Window(Record):
    start: Month
    end: Month


@record
class JourneyStage(Record):
    id: str
    label: str
    short_label: str
    median_weeks: float | None
    cases: int
    unavailable: str | None


@record
class JourneyLocalAuthority(Record):
    local_authority: str
    cases: int
    stages: Mapping[str, float | None]
    counts: Mapping[str, int]
    cmh_by_day_12: float | None


@record
class CmhLocalAuthority(Record):
    local_authority: str
    cases: int
    by_day_12: int
    share: float | None


@record
class CmhByDay12(Record):
    cases: int
    by_day_12: int
    share: float | None
    median_days: float | None
    day: int
    by_local_authority: tuple[CmhLocalAuthority, ...]


@record
class Journey(Record):
    """The child's journey stage by stage (issue 21)."""

    unavailable: str | None
    window: Window
    stages: tuple[JourneyStage, ...]
    bar_stages: tuple[str, ...]
    by_local_authority: tuple[JourneyLocalAuthority, ...]
    cmh_by_day_12: CmhByDay12 | None
    weeks_26: int
    has_hearing_dates: bool


# --- the pack -------------------------------------------------------------------------------------------

ROLLING_MONTHS = 12  # the rolling figures: the 12 months ending at M
# The measures with a trend page in the pack (the others have sparklines, and SPC in the JSON).
TREND_PAGE_KPIS = ("mean_weeks", "median_weeks", "pct_within_26", "open_over_52", "mean_fcmh")
# Issue 19 item 5: a local authority's percentage on a handful of cases ("25%" on 4) is marked, by the
# comparison's rule for withholding them (fewer than DEFAULT_MIN_CASES cases; suppression.average_reason).
FEW_CASES_NOTE = (f"[low]: fewer than {DEFAULT_MIN_CASES} cases behind the figure, the number below which the "
                  "cross-board comparison withholds it; on so few cases one case moves it a lot, so read it with care.")


@dataclass(frozen=True)
class PackModel:
    """A board's pack for one month, frozen. `to_json()` is the pack JSON (SPEC.md), `from_json` reads
    it back (a pack file a board sent, lfjb.inputs.packs); the logo is not in the JSON.

    A section an older pack file lacks is None (the comparison reads around it)."""

    # The sections the comparison needs (lfjb.inputs.packs.REQUIRED_SECTIONS); the rest default to None
    # (or empty) for an older pack file that lacks them.
    board: BoardInfo
    month: Month
    kpis: KpiFigures
    trend: tuple[TrendRow, ...]
    rolling_12: Rolling12
    spc: Mapping[str, SpcResult]
    drivers: DriverSummary
    as_of: date | None = None
    kpi_tiles: Mapping[str, KpiTile] = FrozenMap()
    quarterly: tuple[QuarterRow, ...] = ()
    by_local_authority: tuple[LocalAuthorityRow, ...] = ()
    duration_bands: tuple[Band, ...] = ()
    open_age_profile: tuple[Band, ...] = ()
    kaplan_meier: KaplanMeier | None = None
    spc_rules: SpcRulesUsed | None = None
    actions: ActionsSummary | None = None
    cost_of_delay: Any = None
    governance: Governance | None = None
    signals: tuple[Signal, ...] = ()
    headlines: tuple[Headline, ...] = ()
    data_quality: Any = None
    definitions: Any = FrozenMap()
    # Figures that cannot be worked out from this board's extract, with the reason in words.
    unavailable: Mapping[str, str] = FrozenMap()
    logo: Any = None  # the board's logo (lfjb.inputs.logo.Logo), read with the inputs (not in the JSON)
    # Case progression (issue 14): counts only, never a case id (the named list is `lfjb cases`).
    case_tracker: CaseTracker | None = None
    pre_proceedings: Any = FrozenMap()
    outcomes: Any = FrozenMap()  # each with `unavailable`: None, or why it cannot be given
    experts: Any = FrozenMap()
    journey: Journey | None = None  # stage by stage (issue 21): SPEC.md `journey.stages`
    after_proceedings: Any = FrozenMap()  # children returning to court (issue 21)
    lfjb_version: str = ""

    @property
    def slug(self) -> str:
        return self.board.slug

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

    @property
    def has_pre_proceedings(self) -> bool:
        """Whether the pre-proceedings section has something to show: figures from the extract or from
        the pre-proceedings log. Without either, the case progression section says so in a line and
        there is no section, nor a line in the contents (issue 22)."""
        pre = self.pre_proceedings or {}
        return any(part is not None and not part.get("unavailable") for part in (pre.get("extract"), pre.get("log")))

    @property
    def local_authorities_slowest_first(self) -> tuple[LocalAuthorityRow, ...]:
        """The local authorities in the order the chart and the table show them: longest average duration
        over the 12 months first (ties as listed, by name); those with no case disposed of in the 12
        months after them."""
        def average(row: LocalAuthorityRow) -> float | None:
            return row.rolling_12.mean_weeks if row.rolling_12 is not None else None

        measured = sorted((r for r in self.by_local_authority if average(r) is not None), key=lambda r: -average(r))  # type: ignore[operator]
        return (*measured, *(r for r in self.by_local_authority if average(r) is None))

    def to_json(self) -> dict:
        """The pack JSON: SPEC.md's keys first, then the extra sections; numbers unrounded."""
        return {key: to_plain(getattr(self, key)) for key in JSON_KEYS}

    @classmethod
    def from_json(cls, data: Mapping) -> PackModel:
        """The model from pack JSON (PackShapeError naming the key when a value is not the pack's shape)."""
        hints = _hints(cls)
        data = _object(data, "")
        return cls(**{key: from_plain(hints[key], data.get(key), key) for key in JSON_KEYS if key in data})


# The pack JSON's keys in their order (SPEC.md "The pack JSON": its keys first, then the extra sections).
JSON_KEYS = ("board", "month", "as_of", "kpis", "trend", "actions", "drivers", "spc", "data_quality", "headlines",
             "kpi_tiles", "quarterly", "rolling_12", "by_local_authority", "duration_bands", "open_age_profile",
             "kaplan_meier", "spc_rules", "signals", "cost_of_delay", "governance", "definitions", "unavailable",
             "case_tracker", "pre_proceedings", "outcomes", "experts", "journey", "after_proceedings", "lfjb_version")
