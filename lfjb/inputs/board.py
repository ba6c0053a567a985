"""The board's terms of reference (`board_config/<slug>.yaml`, SPEC.md "Inputs")."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationError,
    field_validator,
    model_validator,
)

from lfjb.dfj import dfj_area_names, find_dfj_area
from lfjb.inputs.dates import DATE_EXAMPLE, parse_date_text
from lfjb.inputs.errors import InputError, Problem, did_you_mean, display_path
from lfjb.inputs.validation import problems_from_validation_error
from lfjb.inputs.yaml_source import read_yaml
from lfjb.naming import slug_problem
from lfjb.vocab import DEFAULT_PROTECTIVE_MARKING, DRIVERS, KPIS, OUTCOMES, SECTORS, SPC_RUN_DEFAULT, SPC_RUN_RANGE, THEMES
from lfjb.vocab import STATUTORY_WEEKS  # the default target for average duration

DriverId = Literal[tuple(DRIVERS)]  # type: ignore[valid-type]
ThemeId = Literal[tuple(THEMES)]  # type: ignore[valid-type]
KpiId = Literal[tuple(KPIS)]  # type: ignore[valid-type]
SectorId = Literal[tuple(SECTORS)]  # type: ignore[valid-type]

# Canonical extract columns (SPEC.md "Data extract"); the board may map its own headers onto them.
# `children` is not needed when each row is a child (`inputs.rows: child`).
REQUIRED_COLUMNS = ("case_id", "local_authority", "issue_date", "disposal_date", "children")
OPTIONAL_COLUMNS = ("hearings", "fcmh", "outcome", "delay_drivers", "court", "pre_proceedings", "experts")
# A hearing list (`rows: hearing`, issue 21) has one row per hearing: the case's columns plus these.
HEARING_COLUMNS = ("hearing_date", "hearing_type", "hearing_outcome")
# With one row per child (`rows: child`), the child's own id follows a child into a later application.
CHILD_COLUMNS = ("child_id",)
CanonicalColumn = Literal[REQUIRED_COLUMNS + OPTIONAL_COLUMNS + HEARING_COLUMNS + CHILD_COLUMNS]  # type: ignore[valid-type]
# Hearing types (SPEC.md "Data extract"): the first case management hearing, further CMHs, the issues
# resolution hearing, the final hearing, anything else. A hearing is held unless vacated, adjourned or
# cancelled (those are listed in hearing lists but did not take place).
HEARING_TYPES = ("cmh", "fcmh", "irh", "final", "other")
HEARING_OUTCOMES = ("held", "vacated", "adjourned", "cancelled")
HearingType = Literal[HEARING_TYPES]  # type: ignore[valid-type]
HearingOutcome = Literal[HEARING_OUTCOMES]  # type: ignore[valid-type]
ROWS = ("case", "child", "hearing")
RowsKind = Literal[ROWS]  # type: ignore[valid-type]
OutcomeId = Literal[tuple(OUTCOMES)]  # type: ignore[valid-type]

# \Z, not $: `$` also matches before a trailing newline, so "wolverhampton\n" would pass.


def parse_uk_date(value: Any) -> Any:
    """Accept ISO dates and UK day-first text dates (03/04/2024 is 3 April 2024)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        parsed = parse_date_text(value)
        if parsed is None:
            raise ValueError(f"expected {DATE_EXAMPLE}")
        return parsed
    return value


UKDate = Annotated[date, BeforeValidator(parse_uk_date)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Person(Strict):
    name: str
    role: str | None = None
    organisation: str | None = None
    sector: SectorId | None = None  # type: ignore[valid-type]

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        # `chair: HHJ Jane Smith` is as good as `chair: {name: HHJ Jane Smith}`.
        return {"name": value} if isinstance(value, str) else value


class SubGroup(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    name: str
    lead: str | None = None
    link_member: str | None = None
    remit: str | None = None
    themes: list[ThemeId] = []  # type: ignore[valid-type]
    drivers: list[DriverId] = []  # type: ignore[valid-type]


class Meeting(Strict):
    date: UKDate
    attendance: int | None = Field(default=None, ge=0, description="members present")

    @model_validator(mode="before")
    @classmethod
    def _from_date(cls, value: Any) -> Any:
        return value if isinstance(value, dict) else {"date": value}


class Branding(Strict):
    primary_colour: str = Field(default="#1d4f91", pattern=r"^#[0-9a-fA-F]{6}$")
    accent_colour: str = Field(default="#00703c", pattern=r"^#[0-9a-fA-F]{6}$")
    logo: str | None = None
    protective_marking: str = DEFAULT_PROTECTIVE_MARKING


class SpcSettings(Strict):
    # SPEC.md "SPC": 7 for both, as NHSRplotthedots; the NHS England Excel tool allows 6.
    shift: int = Field(default=SPC_RUN_DEFAULT, ge=SPC_RUN_RANGE[0], le=SPC_RUN_RANGE[1])
    trend: int = Field(default=SPC_RUN_DEFAULT, ge=SPC_RUN_RANGE[0], le=SPC_RUN_RANGE[1])
    rebase: list[str] = []
    # The chart for a percentage: XmR (Making Data Count's default) or Laney p′, whose limits follow
    # each month's number of cases disposed of (`spc: {chart: {pct_within_26: pprime}}`).
    chart: dict[Literal["pct_within_26"], Literal["xmr", "pprime"]] = {}

    @field_validator("rebase")
    @classmethod
    def _months(cls, value: list[str]) -> list[str]:
        from lfjb.month import Month

        return [str(Month.parse(str(v))) for v in value]


class CostOfDelay(Strict):
    """Assumptions behind the cost-of-delay estimate; every one can be overridden per board."""

    # DFJ Trailblazers programme page: "approximately £18.5 million across all English local
    # authorities" per week cut from the average duration. The source states no period.
    benefit_per_week_gbp: float = Field(default=18_500_000, gt=0, allow_inf_nan=False)
    period: str = "a year"
    # Roughly the number of public law (s31) cases started a year in England and Wales (MoJ Family Court
    # Statistics Quarterly, 2023-24). An assumption used to scale the national figure to a board.
    national_annual_cases: int = Field(default=17_000, gt=0, le=10_000_000)
    source: str = "DFJ Trailblazers programme (Department for Education / Mutual Ventures)"


def _check_date_format(value: str) -> str:
    sample = date(2024, 4, 3)
    try:
        ok = "%" in value and datetime.strptime(sample.strftime(value), value).date() == sample
    except ValueError:
        ok = False
    if not ok:
        raise ValueError('expected a date format such as "%d/%m/%Y" (day/month/year) or "%m/%d/%Y" (month first)')
    return value


DateFormat = Annotated[str, AfterValidator(_check_date_format)]


class ValueWords(Strict):
    """The extract's own words for lfjb's ids (`inputs.values`), matched ignoring case and spaces."""

    delay_drivers: dict[str, DriverId] = {}  # type: ignore[valid-type]
    local_authority: dict[str, str] = {}
    outcome: dict[str, OutcomeId] = {}  # type: ignore[valid-type]
    hearing_type: dict[str, HearingType] = {}  # type: ignore[valid-type]
    hearing_outcome: dict[str, HearingOutcome] = {}  # type: ignore[valid-type]

    def merged_over(self, board_wide: "ValueWords") -> "ValueWords":
        """These words on top of the board-wide ones (a source's own words win)."""
        return ValueWords(**{name: {**getattr(board_wide, name), **getattr(self, name)} for name in type(self).model_fields})


# A target is a real number: NaN or infinity would pass here and break the pack's JSON and charts.
Target = Annotated[float, Field(ge=0, le=100_000, allow_inf_nan=False)]
# Zero makes sense only as "no case open this long"; a zero duration, share or hearings target cannot be
# met and its amber band (within 10% of the target) would be empty.
ZERO_TARGET_ALLOWED = ("open_over_26", "open_over_38", "open_over_52")


# The pre-proceedings log (`inputs.pre_proceedings`): one row per family in the PLO pre-proceedings
# process, with how and when it ended (SPEC.md "pre_proceedings"; issue 14).
PRE_PROCEEDINGS_COLUMNS = ("family_id", "local_authority", "plo_letter_date", "end_date", "end_reason")
# Optional: the court's case id of a family whose case was issued, which links the letter to the case
# (the journey's stage from letter to issue, issue 21).
PRE_PROCEEDINGS_OPTIONAL = ("case_id",)
PreProceedingsColumn = Literal[PRE_PROCEEDINGS_COLUMNS + PRE_PROCEEDINGS_OPTIONAL]  # type: ignore[valid-type]
END_REASONS = ("diverted", "issued", "other")
EndReason = Literal[END_REASONS]  # type: ignore[valid-type]


class PreProceedingsWords(Strict):
    """The log's own words for lfjb's ids, as `inputs.values` does for the extract."""

    end_reason: dict[str, EndReason] = {}  # type: ignore[valid-type]
    local_authority: dict[str, str] = {}


class PreProceedingsLog(Strict):
    """Where the pre-proceedings log is and how to read it; `pre_proceedings: plo_log.csv` is enough."""

    file: str
    columns: dict[PreProceedingsColumn, str] = {}  # type: ignore[valid-type]
    values: PreProceedingsWords = PreProceedingsWords()
    date_format: DateFormat | None = None
    sheet: str | None = None
    header_row: int = Field(default=1, ge=1, le=1000)

    @model_validator(mode="before")
    @classmethod
    def _from_path(cls, value: Any) -> Any:
        return {"file": value} if isinstance(value, str) else value


class CaseTrackerSettings(Strict):
    """The case tracker's red/amber/green rules (`lfjb cases`), after Worcester's legal case tracker
    (Good Practice Guide): red past 26 weeks or with `red_fcmh` further CMHs; amber within
    `amber_weeks` of 26 weeks or with `amber_fcmh` further CMHs."""

    amber_weeks: int = Field(default=8, ge=1, le=26)
    red_fcmh: int = Field(default=2, ge=1, le=50)
    amber_fcmh: int = Field(default=1, ge=1, le=50)

    @model_validator(mode="after")
    def _amber_before_red(self) -> "CaseTrackerSettings":
        if self.amber_fcmh > self.red_fcmh:
            raise ValueError(f"amber_fcmh ({self.amber_fcmh}) is more than red_fcmh ({self.red_fcmh}); amber must come first")
        return self


class Source(Strict):
    """One file of several that make up the extract (`inputs.extract` as a list, issue 21): the first is
    the spine and decides which cases exist; later ones add columns to its cases, matched by case id.
    `extract: [court_list.csv, ...]` is enough for a file with lfjb's own headers."""

    file: str
    columns: dict[CanonicalColumn, str] = {}  # type: ignore[valid-type]
    values: ValueWords = ValueWords()
    rows: RowsKind = "case"  # type: ignore[valid-type]
    sheet: str | None = None
    header_row: int = Field(default=1, ge=1, le=1000)
    date_format: DateFormat | None = None
    date_formats: dict[str, DateFormat] = {}

    @model_validator(mode="before")
    @classmethod
    def _from_path(cls, value: Any) -> Any:
        return {"file": value} if isinstance(value, str) else value


# With several sources, how each file is read belongs to that file; only the words and date formats
# may be given once for the board (each source's own come first).
_PER_SOURCE = ("columns", "sheet", "header_row", "rows")


class Inputs(Strict):
    actions: str
    # One file, or a list of sources. The discriminator picks the branch from the value's type, so a
    # mistake inside a source is reported once, not also as "should be a string"; branch tags with
    # brackets are left out of the key a user sees (lfjb.inputs.validation), as pydantic's own are.
    extract: Annotated[
        Annotated[str, Tag("one[file]")] | Annotated[list[Source], Tag("list[sources]")],
        Discriminator(lambda v: "list[sources]" if isinstance(v, list) else "one[file]"),
    ]
    columns: dict[CanonicalColumn, str] = {}  # type: ignore[valid-type]
    date_format: DateFormat | None = None
    # A date format for one local authority's rows, when only that authority's system writes
    # month-first dates (the rest of the file is read as `date_format` or day-first).
    date_formats: dict[str, DateFormat] = {}
    sheet: str | None = None
    # The spreadsheet row holding the column headers, when a title or notes sit above it (1 = first row).
    header_row: int = Field(default=1, ge=1, le=1000)
    rows: RowsKind = "case"  # type: ignore[valid-type]
    values: ValueWords = ValueWords()
    pre_proceedings: PreProceedingsLog | None = None

    @field_validator("extract")
    @classmethod
    def _some_sources(cls, value: str | list[Source]) -> str | list[Source]:
        if isinstance(value, list) and not value:
            raise ValueError("lists no files; give the extract's file, or a list of sources (the first is the court's list)")
        return value

    @model_validator(mode="after")
    def _settings_per_source(self) -> "Inputs":
        if isinstance(self.extract, list) and (given := [k for k in _PER_SOURCE if k in self.model_fields_set]):
            raise ValueError(f"with several extract sources, {', '.join(given)} belong under each source in inputs.extract "
                             f"(e.g. extract: [{{file: court_list.csv, {given[0]}: ...}}]), not under inputs")
        return self

    def sources(self) -> list[Source]:
        """The extract as a list of sources: one file read with the inputs' own settings, or each
        source of a list with the board-wide words and date formats beneath its own."""
        if isinstance(self.extract, str):
            return [Source(file=self.extract, columns=self.columns, values=self.values, rows=self.rows, sheet=self.sheet,
                           header_row=self.header_row, date_format=self.date_format, date_formats=self.date_formats)]
        return [source.model_copy(update={
            "values": source.values.merged_over(self.values),
            "date_format": source.date_format or self.date_format,
            "date_formats": {**self.date_formats, **source.date_formats},
        }) for source in self.extract]


class BoardConfig(Strict):
    name: str
    slug: str | None = None
    dfj_area: str
    programme: Literal["trailblazer", "comparator"] | None = None
    local_authorities: list[str] = []
    chair: Person | None = None
    vice_chair: Person | None = None
    secretariat: Person | None = None
    members: list[Person] = []
    quorum: int | None = Field(default=None, ge=1)
    meetings: list[Meeting] = []
    statement_of_expectations: bool | UKDate | None = None
    terms_reviewed: UKDate | None = None
    sub_groups: list[SubGroup] = Field(min_length=1)
    targets: dict[KpiId, Target] = {}  # type: ignore[valid-type]
    branding: Branding = Branding()
    spc: SpcSettings = SpcSettings()
    stale_after_days: int = Field(default=60, ge=1, le=3650)
    cost_of_delay: CostOfDelay = CostOfDelay()
    case_tracker: CaseTrackerSettings = CaseTrackerSettings()
    inputs: Inputs

    @field_validator("targets")
    @classmethod
    def _targets(cls, targets: dict[str, float]) -> dict[str, float]:
        for kpi, value in targets.items():
            if value == 0 and kpi not in ZERO_TARGET_ALLOWED:
                raise ValueError(f"the target for {kpi} is 0; a target must be more than 0 (only the open-case counts may be 0)")
            if kpi == "pct_within_26" and value > 100:
                raise ValueError(f"the target for pct_within_26 is {value:g}; a percentage is at most 100")
        return targets

    @field_validator("dfj_area")
    @classmethod
    def _dfj_area(cls, value: str) -> str:
        area = find_dfj_area(value)
        if area is None:
            hint = did_you_mean(value, dfj_area_names()) or "See the list of 43 DFJ areas in the README."
            raise ValueError(f"is not one of the 43 DFJ areas. {hint}")
        return area.name

    @field_validator("sub_groups")
    @classmethod
    def _unique_sub_groups(cls, groups: list[SubGroup]) -> list[SubGroup]:
        ids = [g.id for g in groups]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"sub-group ids must be unique; repeated: {', '.join(dupes)}")
        return groups

    @property
    def sub_group_ids(self) -> list[str]:
        return [g.id for g in self.sub_groups]

    @property
    def region(self) -> str:
        area = find_dfj_area(self.dfj_area)
        return area.region if area else ""


def default_targets(config: BoardConfig) -> dict[str, float]:
    """The board's targets with the national default (26 weeks, the statutory limit) filled in."""
    return {"mean_weeks": float(STATUTORY_WEEKS), **config.targets}


class BoardFile(BaseModel):
    """A validated terms of reference and where it came from."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    path: Path
    slug: str
    config: BoardConfig

    @property
    def folder(self) -> Path:
        return self.path.parent

    def input_path(self, relative: str) -> Path:
        """An input path from the terms of reference, relative to the YAML file."""
        return (self.folder / relative).resolve()


def load_board_config(path: Path) -> BoardFile:
    """Read and validate `board_config/<slug>.yaml`; InputError listing every problem."""
    doc = read_yaml(path)
    shown = display_path(path)
    if not isinstance(doc.data, dict):
        raise InputError([Problem(shown, "line 1", "", "should be a set of 'key: value' lines (a YAML mapping).")])
    if "actions" in doc.data and "name" not in doc.data:
        raise InputError([Problem(shown, "line 1", "", "looks like an action log, not a board's terms of reference.",
                                  "Keep action logs outside board_config/ (e.g. in sample_data/<board>/) and point inputs.actions at them.")])
    paths = [("inputs", "actions"), ("inputs", "extract"), ("branding", "logo")]
    if unsafe := [loc for loc in doc.cleaned if loc in paths]:
        raise InputError([Problem(shown, f"line {doc.line_of(loc)}", ".".join(loc),
                                  "the file name contains a control character (such as NUL); write the path as plain text.")
                          for loc in unsafe])
    # The slug, set or from the file's name, checked by lfjb init's rule and words (lfjb.naming); one set in the
    # file beside every other problem, one from the file's name once the file is otherwise sound.
    set_slug = doc.data.get("slug")
    problems = []
    if isinstance(set_slug, str) and (problem := slug_problem(set_slug)):
        problems.append(Problem(shown, f"line {doc.line_of(('slug',))}", "slug", f"the board's slug: {problem}",
                                "Set 'slug:' in the terms of reference to one that is."))
    try:
        config = BoardConfig.model_validate(doc.data)
    except ValidationError as exc:
        problems += problems_from_validation_error(exc, BoardConfig, shown, lambda loc: f"line {doc.line_of(loc)}")
    if problems:
        raise InputError(sorted(problems, key=lambda p: _line(p.where))) from None
    slug = config.slug or path.stem
    if problem := slug_problem(slug):
        raise InputError([Problem(shown, "", "slug", f"the board's slug (from the file name): {problem}",
                                  "Rename the file or set 'slug:' in it.")])
    return BoardFile(path=path.resolve(), slug=slug, config=config)


def _line(where: str) -> int:
    return int(where.split()[-1]) if where.startswith("line ") and where.split()[-1].isdigit() else 0
