"""The cross-board comparison for one month: everything its PDF, HTML and JSON draw from.

`build_comparison` assembles it from the boards' `PackModel`s (computed from configurations, or read
from the pack files boards sent) plus, when available, the pilot view from case-level data and FCSQ reference rows.
`lfjb.compare.disclosure.publishable` turns it into the version that may be published. The findings
and chart titles are written last, from the figures that are actually shown, so a published
sentence never mentions a suppressed number.
"""

from __future__ import annotations

import math

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace

from lfjb import __version__
from lfjb.compare import funnel as funnel_maths
from lfjb.compare.case_progression import case_progression_rows
from lfjb.compare.drivers import driver_summary
from lfjb.compare.journey import journey_rows, withhold_journey
from lfjb.compare.league import league_table, region_rows, trend_points
from lfjb.compare.model_types import (Benchmark, BoardRow, Drivers, FrozenMap, Funnel, PooledChart, TotalRow, TrendPoint, published_plain,
                                      thaw, typed_sections)
from lfjb.compare.pooled import pooled_within_26
from lfjb.formatting import signed as _signed
from lfjb.month import Month
from lfjb.pack_model import PackModel
from lfjb.vocab import DEFAULT_MIN_CASES, MARKING_ORDER, DEFAULT_PROTECTIVE_MARKING as DEFAULT_MARKING

RANKING_NOTE = (
    "Boards are ranked on the 12 months to the reporting month, shortest average duration first (ties: "
    "higher % within 26 weeks). A single month holds few cases per board and moves a lot by chance, so it "
    "is shown for context but not ranked."
)
NATIONAL_BENCHMARK_NAME = "England and Wales (FCSQ)"
POOLED_BENCHMARK_NAME = "All boards pooled"
POSITION_LABELS = {
    funnel_maths.INSIDE: "Within the limits",
    funnel_maths.ABOVE_95: "Above the 95% limit",
    funnel_maths.BELOW_95: "Below the 95% limit",
    funnel_maths.ABOVE_998: "Above the 99.8% limit",
    funnel_maths.BELOW_998: "Below the 99.8% limit",
}


@dataclass(frozen=True)
class ComparisonModel:
    """All boards side by side for one month, frozen: a step that changes it (the words, disclosure
    control) returns a new model (dataclasses.replace). Numbers unrounded.

    The sections are typed records or read-only maps (lfjb/compare/model_types.py says which and why):
    given as JSON-ready data (a new model, or dataclasses.replace), each is read into its type here, the
    one place a section is typed (build_comparison, add_words and disclosure.publishable hand over plain
    data or records as they come)."""

    month: Month
    source: FrozenMap
    boards: tuple[BoardRow, ...]
    all_boards: TotalRow
    trends: Mapping[str, tuple[TrendPoint, ...]]
    funnel: Funnel | FrozenMap | None  # a FrozenMap when published and withheld
    drivers: Drivers
    pilot: FrozenMap | None
    references: FrozenMap | None
    benchmark: Benchmark | None = None
    regions: tuple[TotalRow, ...] = ()
    highlight: tuple[str, ...] = ()
    spc_rules: FrozenMap = field(default_factory=FrozenMap)
    fcsq: FrozenMap | None = None
    reconciliation: FrozenMap | None = None
    publish: bool = False
    min_cases: int = DEFAULT_MIN_CASES
    marking: str = DEFAULT_MARKING
    suppression: FrozenMap = field(default_factory=FrozenMap)
    # Why each cell was withheld, by cell key (("board", slug, field), ...): for checking the rules
    # only. Never written to a file: published files must not say which cell is the small count.
    withheld_reasons: FrozenMap = field(default_factory=FrozenMap, repr=False)
    # Pre-proceedings, diversion, red open cases and outcomes by board (issue 14; lfjb/compare/case_progression.py).
    case_progression: FrozenMap = field(default_factory=FrozenMap)
    # Each board's journey stage medians and CMHs by day 12 (issue 21; lfjb/compare/journey.py).
    journey: FrozenMap = field(default_factory=FrozenMap)
    # All boards pooled, % within 26 weeks month by month on a Laney p′ chart (lfjb/compare/pooled.py).
    pooled_within_26: PooledChart | None = None
    findings: tuple[str, ...] = ()
    titles: FrozenMap = field(default_factory=FrozenMap)
    ranking_note: str = RANKING_NOTE
    lfjb_version: str = __version__

    def __post_init__(self) -> None:
        sections = {f.name: getattr(self, f.name) for f in fields(self)}
        for name, value in typed_sections(**sections).items():
            if value is not sections[name]:
                object.__setattr__(self, name, value)  # frozen: its own sections, typed, before anyone reads them
        if not isinstance(self.withheld_reasons, FrozenMap):
            object.__setattr__(self, "withheld_reasons", FrozenMap(self.withheld_reasons))

    @property
    def title(self) -> str:
        return f"Local Family Justice Boards compared: {self.month.label}"

    @property
    def period_12m_label(self) -> str:
        return f"12 months to {self.month.label}"

    def board_names(self) -> dict[str, str]:
        return {b.slug: b.name for b in self.boards}

    def to_json(self) -> dict:
        """The comparison JSON: every board's figures, the funnel limits, the suppression applied."""
        def plain(name: str) -> object:
            return published_plain(name, getattr(self, name), self.publish)

        return {
            "month": str(self.month),
            "title": self.title,
            "publish": self.publish,
            "protective_marking": self.marking,
            "source": plain("source"),
            "ranking": {"basis": "mean_weeks_12m", "note": self.ranking_note},
            "findings": plain("findings"),
            "titles": plain("titles"),
            "boards": plain("boards"),
            "regions": plain("regions"),
            "all_boards": plain("all_boards"),
            "highlight": list(self.highlight),
            "spc_rules": plain("spc_rules"),
            "trends": plain("trends"),
            "funnel": plain("funnel"),
            "drivers": plain("drivers"),
            "pilot": plain("pilot"),
            "references": plain("references"),
            "benchmark": plain("benchmark") if self.benchmark is not None else {},
            "fcsq": plain("fcsq"),
            "reconciliation": plain("reconciliation"),
            "suppression": plain("suppression"),
            "case_progression": plain("case_progression"),
            "journey": plain("journey"),
            "pooled_within_26": plain("pooled_within_26"),
            "lfjb_version": self.lfjb_version,
        }


def public_source(source: dict) -> dict:
    """The comparison's `source` without a machine path (issue 22): the folder by its own name, and each
    file by its path inside that folder (else its file name). A comparison goes to MoJ; where it was
    made on someone's computer is no part of it."""
    from pathlib import PurePath

    out = dict(source)
    folder = PurePath(str(source["folder"])) if source.get("folder") else None
    if folder is not None:
        out["folder"] = folder.name or str(folder)
    files = []
    for f in source.get("files") or []:
        path = PurePath(str(f))
        try:
            files.append(str(path.relative_to(folder)) if folder is not None else path.name)
        except ValueError:
            files.append(path.name)
    if "files" in source:
        out["files"] = files
    return out


def _public_fcsq(fcsq: dict | None) -> dict | None:
    """What reading the --fcsq files found, naming the DFJ aliases files by name only (no machine path)."""
    from pathlib import PurePath

    if fcsq and fcsq.get("aliases_files"):
        fcsq = dict(fcsq, aliases_files=[PurePath(str(f)).name for f in fcsq["aliases_files"]])
    return fcsq


def comparison_marking(markings: Sequence[str | None]) -> str:
    """The most restrictive of the packs' protective markings (OFFICIAL-SENSITIVE when none is given)."""
    known = [m.strip().upper() for m in markings if m]
    if not known:
        return DEFAULT_MARKING
    unknown = sorted({m for m in known if m not in MARKING_ORDER})
    if unknown:
        return " / ".join(unknown)
    return max(known, key=MARKING_ORDER.index)


def benchmark_section(national: dict | None, total: dict, period: dict) -> dict:
    """What boards are compared against: England and Wales from FCSQ's national care timeliness when it
    was given (`national`, from lfjb.compare.fcsq.national_timeliness), else the boards' own pooled figure."""
    if national is not None:
        label = f"England and Wales (FCSQ, {national['period']['label']})"
        return {
            "kind": "national",
            "name": NATIONAL_BENCHMARK_NAME,
            "label": label,
            "short_label": "England and Wales",
            "source": national["source"],
            "period": national["period"],
            "disposed": national["disposed"],
            "mean_weeks": national["mean_weeks"],
            "median_weeks": national["median_weeks"],
            "pct_within_26": national["pct_within_26"],
            "median_note": national["median_note"],
            "not_available_quarters": national["not_available_quarters"],
            "quarters": national["quarters"],
            "note": (f"National benchmark: Ministry of Justice Family Court Statistics Quarterly, care and supervision "
                     f"proceedings in England and Wales disposed of {national['period']['label']} "
                     f"({', '.join(national['period']['quarters'])}; file {national['source']}). Average and % within "
                     f"26 weeks are pooled over the quarters by cases disposed of; {national['median_note']}. FCSQ "
                     "measures from the start of the case to its first disposal, so it is close to, but not the same "
                     "as, a board's issue-to-disposal duration."),
        }
    return {
        "kind": "all_boards",
        "name": POOLED_BENCHMARK_NAME,
        "label": f"All boards pooled ({period['label']})",
        "short_label": "All boards pooled",
        "source": None,
        "period": period,
        "disposed": total.get("disposed_12m"),
        "mean_weeks": total.get("mean_weeks_12m"),
        "median_weeks": None,
        "pct_within_26": total.get("pct_within_26_12m"),
        "median_note": "medians cannot be combined across boards",
        "not_available_quarters": [],
        "quarters": [],
        "note": ("Benchmark: all boards compared, pooled over their cases (no national timeliness file was given; "
                 "add MoJ's national care timeliness with a second --fcsq for an England and Wales benchmark)."),
    }


def funnel_numbers(points: Sequence[Mapping], rows: Sequence[Mapping]) -> dict[str, int]:
    """Each funnel point's number, by slug: its board's rank in the league table (issue 19: one numbering
    for the plot and the table); a board without a published rank continues after the last rank, in table
    order. Worked out again for the published model, whose ranks are taken among the published boards."""
    ranks = {r["slug"]: r.get("rank") for r in rows}
    last = max((r for r in ranks.values() if r), default=0)
    order = {r["slug"]: i for i, r in enumerate(rows)}
    numbers = {}
    for p in sorted((p for p in points if not ranks.get(p["slug"])), key=lambda p: order.get(p["slug"], len(order))):
        last += 1
        numbers[p["slug"]] = last
    for p in points:
        if ranks.get(p["slug"]):
            numbers[p["slug"]] = ranks[p["slug"]]
    return numbers


def funnel_section(rows: Sequence[dict], period: dict, benchmark: dict | None = None,
                   highlight: Sequence[str] = ()) -> dict | None:
    """The funnel plot of % within 26 weeks over the 12 months (disposed cases as the denominator),
    centred on the national rate when the benchmark is national, else on the all-boards rate.

    Points are listed highest % first and numbered by the board's league-table rank; boards outside the 95%
    limits (adjusted, or plain ones too when there are too few boards to trust the adjustment) and
    boards named with --highlight carry their name on the chart (`is_labelled`).
    """
    usable = [r for r in rows if r.get("disposed_12m") and r.get("within_26_12m") is not None]
    if not usable:
        return None
    is_national = bool(benchmark and benchmark["kind"] == "national" and benchmark.get("pct_within_26") is not None)
    target = benchmark["pct_within_26"] / 100.0 if is_national else None  # type: ignore[index]
    result = funnel_maths.funnel([r["slug"] for r in usable], [r["within_26_12m"] for r in usable],
                                 [r["disposed_12m"] for r in usable], target=target)
    is_reliable = result.is_adjustment_reliable
    shows_both = result.is_adjusted and not is_reliable

    def pct(lim: funnel_maths.FunnelLimits | None) -> dict | None:
        return None if lim is None else {k: (v * 100.0 if k != "n" else v) for k, v in lim.to_dict().items()}

    by_slug = {r["slug"]: r for r in usable}
    points = []
    for p in sorted(result.points, key=lambda p: (-p.rate, by_slug[p.label]["short_name"])):
        row = by_slug[p.label]
        is_outside = p.position != funnel_maths.INSIDE or (shows_both and p.unadjusted_position != funnel_maths.INSIDE)
        points.append({
            "number": None,  # the board's league-table rank (funnel_numbers)
            "slug": p.label, "name": row["name"], "short_name": row["short_name"], "programme": row["programme"],
            "programme_label": row["programme_label"], "region": row["region"],
            "n": p.denominator, "pct": p.rate * 100.0, "z": p.z, "z_adjusted": p.z_adjusted,
            "limits": pct(p.limits), "position": p.position, "position_label": POSITION_LABELS[p.position],
            "unadjusted_limits": pct(p.unadjusted_limits), "unadjusted_position": p.unadjusted_position,
            "unadjusted_position_label": POSITION_LABELS[p.unadjusted_position] if p.unadjusted_position else None,
            "is_highlighted": p.label in highlight,
            "is_labelled": is_outside or p.label in highlight,
        })
    numbers = funnel_numbers(points, rows)
    for p in points:
        p["number"] = numbers[p["slug"]]
    target_label = benchmark["short_label"] if is_national else POOLED_BENCHMARK_NAME  # type: ignore[index]
    return {
        "measure": "pct_within_26_12m",
        "label": "% of cases disposed of within 26 weeks",
        "period": period,
        "target": result.target * 100.0,
        "target_kind": "national" if is_national else "all_boards",
        "target_label": target_label,
        "target_note": (benchmark["label"] if is_national else f"the boards' own pooled rate ({period['label']})"),  # type: ignore[index]
        "k": result.k,
        "phi": result.phi,
        "tau2": result.tau2,
        "winsorising": result.winsorising,
        "is_adjusted": result.is_adjusted,
        "is_adjustment_reliable": is_reliable,
        "min_boards_for_adjustment": funnel_maths.MIN_BOARDS_FOR_ADJUSTMENT,
        "shows_both_limits": shows_both,
        "reliability_note": (None if is_reliable else
                             f"With {result.k} boards (fewer than about {funnel_maths.MIN_BOARDS_FOR_ADJUSTMENT}) the "
                             "over-dispersion adjustment is unreliable: phi and tau-squared rest on too few boards. "
                             + ("Both the plain limits (chance alone) and the adjusted limits are shown; a board "
                                "outside the plain limits but inside the adjusted ones may or may not be unusual."
                                if result.is_adjusted else "No adjustment was needed, so the limits shown are the plain ones.")),
        "highlight": [s for s in highlight if s in by_slug],
        "points": points,
        "curve": [pct(c) for c in result.curve],
        "unadjusted_curve": [pct(c) for c in result.unadjusted_curve],
        "left_out": [r["name"] for r in rows if r not in usable],
        "method": (
            f"Limits at 95% and 99.8% around {'the national rate from FCSQ' if is_national else 'the all-boards rate'}, on the arcsine square-root scale (the normal "
            "approximation to the binomial FunnelPlotR uses for proportions). Spiegelhalter's over-dispersion "
            f"adjustment: z-scores Winsorised at {result.winsorising.get('by', funnel_maths.WINSORISE_BY):.0%} each end, "
            "phi = sum of squared z-scores / number of boards; "
            "when boards vary more than chance allows (number of boards x phi > number of boards - 1), the limits "
            "are widened by the between-board variance tau-squared (DerSimonian-Laird), so routine variation "
            "between areas is not called an outlier."
        ),
    }


def spc_rules_by_board(packs: Sequence[PackModel], rows: Sequence[dict]) -> dict:
    """The SPC rules each board's pack used: the usual ones (with lfjb.metrics.spc's words for them,
    SpcRules.in_words, the one wording the packs use too), the boards whose runs or rebasing differ
    (issue 11: the comparison must not say runs of 7 where a board uses 6), and the boards whose
    % within 26 weeks is on a Laney p′ chart rather than XmR."""
    from lfjb.metrics.spc import SpcRules

    names = {r["slug"]: r["short_name"] for r in rows}
    rules = SpcRules()
    usual = {"shift": rules.shift, "trend": rules.trend, "in_words": rules.in_words()}
    differing = []
    for p in sorted(packs, key=lambda p: names.get(p.slug, p.slug)):
        own = p.spc_rules  # None in an older pack: the usual rules
        shift = own.shift if own is not None and own.shift is not None else usual["shift"]
        trend = own.trend if own is not None and own.trend is not None else usual["trend"]
        rebase = list(own.rebase or ()) if own is not None else []
        if (shift, trend) != (usual["shift"], usual["trend"]) or rebase:
            parts = []
            if (shift, trend) != (usual["shift"], usual["trend"]):
                parts.append(f"a shift is {shift} months, a trend {trend}")
            if rebase:
                parts.append("limits restarted from " + ", ".join(m.short_label for m in rebase))
            slug = p.slug
            differing.append({"slug": slug, "name": names.get(slug, slug), "shift": shift, "trend": trend,
                              "rebase": [str(m) for m in rebase], "text": f"{names.get(slug, slug)}: " + "; ".join(parts)})
    pprime = sorted(names.get(p.slug, p.slug) for p in packs
                    if p.spc.get("pct_within_26") is not None and p.spc["pct_within_26"].chart == "pprime")
    return {"usual": usual, "differing": differing, "pprime_boards": pprime}


def _in_rank_order(packs: Sequence[PackModel], rows: Sequence[dict]) -> list[PackModel]:
    order = {r["slug"]: i for i, r in enumerate(rows)}
    return sorted(packs, key=lambda p: order[p.slug])


REFERENCE_LEVELS = {"national": "National", "region": "Region", "dfj": "DFJ area"}


def _decorate_pilot(pilot: dict | None, rows: Sequence[dict]) -> dict | None:
    """Names for the pilot view's boards and each board's change (figures unchanged)."""
    if not pilot or not pilot.get("kpms"):
        return pilot
    by_slug = {r["slug"]: r for r in rows}
    name = {slug: r["short_name"] for slug, r in by_slug.items()}
    for board in pilot.get("boards", []):
        row = by_slug.get(board["slug"], {})
        board["short_name"] = row.get("short_name", board["slug"])
        board["programme_label"] = row.get("programme_label", "Not stated")
        if board.get("programme") == "comparator" and pilot.get("comparators") == "rest" and board["programme_label"] == "Not stated":
            board["programme_label"] = "Comparator (not a Trailblazer)"
        board["change"] = {
            kpi: (board["pilot"][kpi] - board["baseline"][kpi]
                  if board["pilot"].get(kpi) is not None and board["baseline"].get(kpi) is not None else None)
            for kpi in ("mean_weeks", "pct_within_26", "mean_hearings")
        }
    pilot["group_names"] = {g: [name.get(s, s) for s in info["boards"]] for g, info in pilot["groups"].items()}
    pilot["not_in_a_group_names"] = [name.get(s, s) for s in pilot.get("not_in_a_group", [])]
    return pilot


def _decorate_references(references: dict | None, rows: Sequence[dict]) -> dict | None:
    """Display labels for the FCSQ rows: the level, and for a DFJ row the boards it covers."""
    if references:
        names = {r["slug"]: r["short_name"] for r in rows}
        for row in references["rows"]:
            row["level_label"] = REFERENCE_LEVELS.get(row["level"], row["level"])
            row["board_names"] = [names.get(s, s) for s in row.get("boards", [])]
    return references


def build_comparison(
    packs: Sequence[PackModel],
    month: Month,
    source: dict,
    pilot: dict | None = None,
    references: dict | None = None,
    min_cases: int = DEFAULT_MIN_CASES,
    national: dict | None = None,
    fcsq: dict | None = None,
    reconciliation: dict | None = None,
    highlight: Sequence[str] = (),
) -> ComparisonModel:
    """The unsuppressed comparison of `packs` (one PackModel per board, all for `month`).

    `national` is FCSQ's national timeliness for the period (the benchmark), `fcsq` what reading the
    --fcsq files found (files, warnings), `reconciliation` each board's extract against FCSQ's counts.
    """
    rows, total = league_table(packs)
    period = {"start": str(month.shift(-11)), "end": str(month), "label": f"12 months to {month.label}"}
    benchmark = benchmark_section(national, total, period)
    marking = comparison_marking([p.board.protective_marking for p in packs])
    return ComparisonModel(  # its __post_init__ types the sections
        month=month, highlight=tuple(highlight), min_cases=min_cases, marking=marking,
        source=public_source(source),
        boards=rows,
        all_boards=total,
        trends={p.slug: trend_points(p) for p in sorted(packs, key=lambda p: p.slug)},
        funnel=funnel_section(rows, period, benchmark, highlight),
        regions=region_rows(rows),
        spc_rules=spc_rules_by_board(packs, rows),
        drivers=driver_summary(_in_rank_order(packs, rows)),
        pilot=_decorate_pilot(pilot, rows),
        references=_decorate_references(references, rows),
        benchmark=benchmark,
        fcsq=_public_fcsq(fcsq),
        reconciliation=reconciliation,
        case_progression=case_progression_rows(_in_rank_order(packs, rows), publish=False, min_cases=min_cases),
        pooled_within_26=pooled_within_26(packs, min_cases),
        journey=journey_rows(_in_rank_order(packs, rows)),
        suppression={
            "applied": False,
            "note": (
                f"These figures are not suppressed and carry the boards' protective marking ({marking}). "
                "Use --publish for a version with disclosure control applied."
            ),
        },
    )


# --- Words: findings and chart titles from the figures shown ----------------------------------------------


def _num(x: float, places: int = 1) -> str:
    return f"{x:,.{places}f}"


def _names(names: Sequence[str]) -> str:
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _away(difference: float, unit: str) -> str:
    """'4.2 weeks above' / '3.0 points below' / 'level with' for a difference from the benchmark."""
    if round(difference, 1) == 0:
        return "level with"
    return f"{_num(abs(difference))} {unit} {'above' if difference > 0 else 'below'}"


def _shown(rows: Sequence[dict], key: str) -> list[dict]:
    return [r for r in rows if r.get(key) is not None]


def changed_in(rows: Sequence[Mapping], key: str, places: int = 1) -> str | None:
    """How many boards' `key` fell, rose or stayed, as the tables print the change (lfjb.formatting.signed,
    to `places` decimals): "fell in 5 of 7 boards", or with any unchanged "fell in 4 of 7 boards, rose in 2,
    and was unchanged in 1". A change that prints as "no change" (−0.04 weeks) is not a fall, so the words
    never contradict the table beside them. None when no board's change is shown. The one home of this
    count: the trends' title and the findings both use it."""
    printed = [_signed(r[key], places) for r in _shown(rows, key)]
    if not printed:
        return None
    unchanged = printed.count("no change")
    fell = sum(1 for p in printed if p.startswith("−"))
    rose = len(printed) - fell - unchanged
    text = f"fell in {fell} of {len(printed)} boards"
    if not unchanged:
        return text
    parts = [text] + ([f"rose in {rose}"] if rose else []) + [f"was unchanged in {unchanged}"]
    return f"{parts[0]} and {parts[1]}" if len(parts) == 2 else f"{parts[0]}, {parts[1]}, and {parts[2]}"


def trend_title(model: ComparisonModel) -> str:
    changed = changed_in(model.boards, "change_mean_weeks_12m")
    if changed is None:
        return f"Average duration by board, month by month to {model.month.label}"
    return (f"Average duration {changed} over the 12 months to {model.month.label}, "
            f"compared with the year before")


def funnel_title(model: ComparisonModel) -> str:
    f = model.funnel
    if not f or not f.get("points"):
        return "Funnel plot not available"
    outside = [p for p in f["points"] if p["position"] in (funnel_maths.ABOVE_998, funnel_maths.BELOW_998)]
    above = [p["short_name"] for p in outside if p["position"] == funnel_maths.ABOVE_998]
    below = [p["short_name"] for p in outside if p["position"] == funnel_maths.BELOW_998]
    adjusted = " once the spread between areas is allowed for" if f["is_adjusted"] else ""
    if not outside:
        return f"No board is outside the 99.8% limits for % within 26 weeks{adjusted}"
    parts = []
    if above:
        parts.append(f"{_names(above)} above")
    if below:
        parts.append(f"{_names(below)} below")
    return f"{' and '.join(parts)} the 99.8% limits for % within 26 weeks{adjusted}"


def _pilot_reading(kpm: dict) -> str | None:
    """Sentences reading a KPM's difference-in-differences (None when it is not shown)."""
    did = kpm.get("did")
    if did is None:
        return None
    unit = {"mean_weeks": "weeks", "pct_within_26": "percentage points", "mean_hearings": "hearings"}[kpm["kpi"]]
    places = 2 if kpm["kpi"] == "mean_hearings" else 1
    size = _num(abs(did), places)
    if float(size) == 0:
        text = f"Both groups' {_phrase(kpm)} changed by about the same amount."
    else:
        better = (did < 0) if kpm["better"] == "lower" else (did > 0)
        text = (f"Relative to the comparators, the Trailblazers' {_phrase(kpm)} moved {size} {unit} "
                f"{'lower' if did < 0 else 'higher'} from the baseline to the pilot period "
                f"({'the better' if better else 'the worse'} direction; each board counted the same).")
    text += " " + pilot_inference_words(kpm, places)
    weighted = kpm.get("did_case_weighted")
    if weighted is not None:
        text += f" Pooling cases instead (large areas counting more), the estimate is {_signed(weighted, places)} {unit}."
    trends = kpm.get("parallel_trends") or {}
    if trends.get("summary"):
        text += " " + trends["summary"]
    return text


def _p(p: float) -> str:
    return f"{p:.3f}" if p >= 0.001 else f"{p:.4f}"


def _adjusted_p_words(rand: dict, brief: bool = False) -> str:
    """The randomisation p allowing for the measures tested (Holm), as a clause; empty for one measure."""
    measures = rand.get("measures_tested") or 1
    if measures < 2:
        return ""
    adjusted = rand["p_value_adjusted"]
    if _p(adjusted) == _p(rand["p_value"]):
        return f", the same allowing for the {measures} measures tested" if brief else (
            f"; the same allowing for the {measures} measures tested (Holm)")
    return (f", {_p(adjusted)} allowing for the {measures} measures tested" if brief
            else f"; allowing for the {measures} measures tested (Holm), p = {_p(adjusted)}")


def pilot_inference_words(kpm: dict, places: int = 1) -> str:
    """The randomisation test, the wild-bootstrap interval and the secondary intervals in words, then the
    verdict (pilot_verdict_words: issue 19's rule, decided once in lfjb.compare.pilot.pilot_verdict)."""
    parts = []
    rand = kpm.get("randomisation")
    if rand:
        among = (f"all {rand['assignments']:,} ways" if rand.get("is_exhaustive", True)
                 else f"{rand['assignments']:,} of the {rand['possible']:,} ways (drawn at random, seeded)")
        floor = (_p(rand["smallest_p"]) if rand["smallest_p"] >= 0.001
                 else f"2 in {rand.get('possible') or round(2 / rand['smallest_p']):,}")
        parts.append(f"Randomisation test: among {among} of splitting these boards into groups of the same sizes, "
                     f"{rand['rank']:,} {'gives' if rand['rank'] == 1 else 'give'} a difference as far out on this side; "
                     f"two-sided p = {_p(rand['p_value'])} (the smallest this design can give is {floor})"
                     + _adjusted_p_words(rand) + ".")
    interval = kpm.get("interval")
    if interval:
        parts.append(f"{'Indicative 95%' if kpm.get('interval_is_indicative') else '95%'} interval from a wild cluster "
                     f"bootstrap (each board one cluster): {_signed(interval[0], places)} to {_signed(interval[1], places)}."
                     + (f" {kpm['interval_note']}" if kpm.get("interval_note") else ""))
    elif kpm.get("wild_bootstrap") and not kpm["wild_bootstrap"].get("is_bounded", True):
        parts.append("The wild cluster bootstrap cannot bound the interval: there are too few boards in an arm.")
    parts.append(pilot_verdict_words(kpm))
    pairs, only = kpm.get("interval_boards_resampled"), kpm.get("interval_cases_only")
    secondary = []
    if pairs:
        from lfjb.compare.inference import MIN_ARM_BOARDS

        fewest = min(len(kpm[g].get("boards") or []) for g in ("trailblazer", "comparator"))
        secondary.append(f"resampling whole boards, {_signed(pairs[0], places)} to {_signed(pairs[1], places)}"
                         + (f" (too narrow with only {fewest} boards in an arm: resampled with replacement they make "
                            f"only {math.comb(2 * fewest - 1, fewest)} distinct groups)" if fewest < MIN_ARM_BOARDS else ""))
    if only:
        # No "narrower": at 43 areas the cases-only interval (-4.2 to -0.8) was wider than the primary one.
        secondary.append(f"resampling cases only, {_signed(only[0], places)} to {_signed(only[1], places)} (it holds "
                         "these boards fixed, as if they were the only ones that matter, so it leaves out the "
                         "differences between areas)")
    if secondary:
        parts.append("Secondary intervals: " + "; ".join(secondary) + ".")
    return " ".join(parts)


def pilot_verdict_words(kpm: dict, in_summary: bool = False) -> str:
    """The pilot's verdict on a measure (lfjb.compare.pilot.pilot_verdict decides it) in words: for the
    measure's reading, or `in_summary` for the comparison's findings, which give the design note in full
    and say that even a difference unlikely to be chance does not show the pilot caused it."""
    from lfjb.compare.pilot import CANNOT_SHOW, SIGNIFICANCE, UNLIKELY_CHANCE, pilot_verdict

    verdict = pilot_verdict(kpm)
    if verdict == CANNOT_SHOW:
        return (kpm["design_note"] if in_summary
                else "On its own this comparison cannot show a difference (the design is too small: see above).")
    if verdict == UNLIKELY_CHANCE:
        return (f"The difference is unlikely to be chance alone (p below {SIGNIFICANCE}"
                + (", allowing for the measures tested" if (kpm.get("randomisation") or {}).get("measures_tested", 1) > 1 else "") + ")"
                + (", but on its own this does not show the pilot caused it." if in_summary else "."))
    return "The difference could be chance" + ("; on its own this does not show the pilot caused anything."
                                               if in_summary else ".")


def _phrase(kpm: dict) -> str:
    return kpm.get("phrase") or kpm["label"].lower()


def findings(model: ComparisonModel) -> list[str]:
    """Plain sentences for the summary, each from figures the reader can find in the tables."""
    out = []
    ranked = [r for r in model.boards if r.get("rank") and r.get("mean_weeks_12m") is not None]
    period = model.period_12m_label
    bench = model.benchmark or {}
    reference = bench.get("mean_weeks")
    if reference is not None:
        within = f", {_num(bench['pct_within_26'])}% within 26 weeks" if bench.get("pct_within_26") is not None else ""
        what = ("England and Wales" if bench.get("kind") == "national" else "All boards pooled")
        text = f"{what} ({bench['period']['label']}): {_num(reference)} weeks on average{within}."
        if ranked:
            shorter = [r for r in ranked if r["mean_weeks_12m"] < reference]
            text += (f" {len(shorter)} of {len(ranked)} boards had a shorter average duration over the {period}"
                     + ("." if bench.get("kind") == "national" else " than all boards together (no national file was given: --fcsq)."))
        out.append(text)
    if ranked:
        best, worst = ranked[0], ranked[-1]
        against = "England and Wales" if bench.get("kind") == "national" else "all boards"
        far = ((lambda r: f" ({_away(r['mean_weeks_12m'] - reference, 'weeks')} {against})") if reference is not None
               else (lambda r: ""))
        out.append(f"Shortest average duration: {best['short_name']}, {_num(best['mean_weeks_12m'])} weeks{far(best)}; "
                   f"longest: {worst['short_name']}, {_num(worst['mean_weeks_12m'])} weeks{far(worst)}.")
    changed = changed_in(model.boards, "change_mean_weeks_12m")
    if changed is not None:
        out.append(f"Average duration {changed} compared with the 12 months before.")
    f = model.funnel
    if f and f.get("points"):
        outside95 = [p for p in f["points"] if p["position"] != funnel_maths.INSIDE]
        outside998 = [p for p in outside95 if p["position"] in (funnel_maths.ABOVE_998, funnel_maths.BELOW_998)]
        if not f["is_adjusted"]:
            spread = "Boards vary no more than chance would explain. "
        elif funnel_maths.is_clearly_overdispersed(f["k"], f["phi"], centre_given=f.get("target_kind") == "national"):
            spread = "Boards vary more than chance alone would explain, so the funnel limits allow for that spread. "
        else:  # k x phi above k - 1 (the adjustment is on) but within what chance gives 19 times in 20
            spread = ("Boards vary a little more than chance alone would on average, though within what chance could "
                      "give; the funnel limits allow for that spread. ")
        if not f.get("is_adjustment_reliable", True):
            spread = (spread.rstrip(". ") + f", though with only {f['k']} boards (fewer than about "
                      f"{f['min_boards_for_adjustment']}) this judgement of the spread between boards is unreliable. ")
        centre = "England and Wales" if f.get("target_kind") == "national" else "all boards"

        def placed(points: list[dict]) -> str:
            return _names([f"{p['short_name']} ({_num(p['pct'])}%, {_away(p['pct'] - f['target'], 'points')} {centre})"
                           for p in points])
        if outside998:
            out.append(f"{spread}Outside the 99.8% limits for % within 26 weeks: {placed(outside998)}.")
        elif outside95:
            out.append(f"{spread}No board is outside the 99.8% limits for % within 26 weeks; "
                       f"outside the 95% limits only: {placed(outside95)}.")
        else:
            out.append(f"{spread}No board is outside the funnel limits for % within 26 weeks.")
    recon = model.reconciliation or {}
    if recon.get("available") and recon.get("areas"):
        flagged = [a["name"] for a in recon["areas"] if a["flags"]]
        if flagged:
            out.append(f"Boards' own counts differ from FCSQ's public law counts by more than "
                       f"{recon['threshold_pct']:.0f}% in at least one quarter for: {_names(flagged)} (see the reconciliation).")
        else:
            out.append(f"Every board's own counts are within {recon['threshold_pct']:.0f}% of FCSQ's public law counts "
                       "for its DFJ area in each quarter compared.")
    rows = model.drivers.get("rows") or []
    if rows and rows[0].get("total"):
        top = rows[0]
        out.append(f"The delay driver cited on most cases across the boards is '{top['label']}' "
                   f"({_num(top['total'], 0)} cases in the {period}).")
    names = {b["slug"]: b["short_name"] for b in model.boards}
    missing = [names.get(s, s) for s in model.drivers.get("no_open_action_on_top_driver", [])]
    if missing:
        out.append(f"No open action on their own most-cited delay driver: {_names(missing)}.")
    pilot = model.pilot
    if pilot and pilot.get("kpms"):
        kpm = next((k for k in pilot["kpms"] if k["kpi"] == "mean_weeks"), None)
        if kpm and kpm.get("did") is not None:
            text = (f"Pilot ({pilot['pilot']['label']} against {pilot['baseline']['label']}): Trailblazers' average "
                    f"duration changed by {_signed(kpm['trailblazer']['change'])} weeks and comparators' by "
                    f"{_signed(kpm['comparator']['change'])} weeks, a difference-in-differences of {_signed(kpm['did'])} weeks")
            rand = kpm.get("randomisation")
            details = []
            if rand:
                details.append(f"randomisation p = {_p(rand['p_value'])}{_adjusted_p_words(rand, brief=True)}")
            if kpm.get("interval"):
                low, high = kpm["interval"]
                details.append(f"{'indicative ' if kpm.get('interval_is_indicative') else ''}95% interval {_signed(low)} "
                               f"to {_signed(high)} from a wild cluster bootstrap")
            if details:
                text += f" ({'; '.join(details)})"
            if kpm.get("did_case_weighted") is not None:
                text += f"; pooling cases instead, {_signed(kpm['did_case_weighted'])} weeks"
            text += ". " + pilot_verdict_words(kpm, in_summary=True)
            if pilot.get("comparators_note"):
                text += " " + pilot["comparators_note"]
            trends = kpm.get("parallel_trends") or {}
            if trends.get("is_diverging"):
                from lfjb.compare.pilot import gap_changing_words

                indicative = bool(trends.get("is_placebo_indicative", trends.get("is_indicative")))
                text += (f" {gap_changing_words(indicative)} (the parallel-trends check's interval excludes zero"
                         + (", but it is only indicative with so few boards" if indicative else "")
                         + "); the pilot-year difference may partly reflect that.")
            elif trends.get("is_gap_against"):
                text += (" Before the pilot, the gap between the arms moved the other way by more than this estimate, "
                         "so the estimate is within the gap's ordinary movement (see the parallel-trends check).")
            elif trends.get("is_gap_moving"):
                text += (" Before the pilot, the gap between the arms moved by more than this estimate (see the "
                         "parallel-trends check).")
            elif trends.get("is_level_apart"):
                text += " The arms started from very different levels (see the parallel-trends check)."
            out.append(text)
        elif kpm:
            out.append(f"Pilot: {kpm.get('reason') or 'the comparison is not available.'}")
    elif pilot and pilot.get("reason"):
        out.append(f"Pilot: {pilot['reason']}")
    return out


# Each board's difference from the benchmark (the national figure with --fcsq, else all boards pooled),
# beside the figure it is taken from: (board field, benchmark field, difference field).
DIFFERENCES = (("mean_weeks_12m", "mean_weeks", "diff_mean_weeks_12m"),
               ("pct_within_26_12m", "pct_within_26", "diff_pct_within_26_12m"))


def add_differences(model: ComparisonModel) -> tuple[BoardRow, ...]:
    """The board rows with `diff_mean_weeks_12m` (weeks) and `diff_pct_within_26_12m` (percentage points):
    each board's 12-month figure less the benchmark's. None where either is not shown (a suppressed
    figure's difference is suppressed with it, marked derived)."""
    bench = model.benchmark or {}
    out = []
    for row in model.boards:
        changes: dict = {}
        suppressed = dict(row.suppressed) if row.suppressed is not None else None
        for field_, bench_field, diff in DIFFERENCES:
            value, reference = row[field_], bench.get(bench_field)
            changes[diff] = None if value is None or reference is None else value - reference
            if suppressed is not None and field_ in suppressed:
                suppressed[diff] = "derived"
        if suppressed is not None:
            changes["suppressed"] = FrozenMap(suppressed)
        out.append(replace(row, **changes))
    return tuple(out)


def add_words(model: ComparisonModel) -> ComparisonModel:
    """A new model with the findings and chart titles written from its (possibly suppressed) figures,
    each board's difference from the benchmark, the drivers' shares, the funnel's numbers and the pilot's
    readings: one new model (one dataclasses.replace, whose __post_init__ types the sections).

    The words read the figures `model` already shows; what this step adds (differences, shares, numbers)
    is worked out from those same figures and withheld with them, so no sentence rests on it
    (tests/compare/test_model.py checks the words of the new model are those of its own figures)."""
    from lfjb.compare.drivers import add_driver_shares

    changes: dict = {"boards": add_differences(model)}
    if not model.publish:  # published, lfjb.compare.disclosure.publishable has withheld them already
        changes["drivers"] = add_driver_shares(model.drivers)
        if model.journey:
            journey = thaw(model.journey)
            withhold_journey(journey, False)
            changes["journey"] = journey
    if isinstance(model.funnel, Funnel) and model.funnel.points:
        numbers = funnel_numbers(model.funnel.points, changes["boards"])
        changes["funnel"] = replace(model.funnel, points=tuple(replace(p, number=numbers[p.slug])
                                                                for p in model.funnel.points))
    if (model.pilot or {}).get("kpms"):
        pilot = thaw(model.pilot)
        for kpm in pilot["kpms"]:
            kpm["reading"] = _pilot_reading(kpm)
        changes["pilot"] = pilot
    changes["findings"] = tuple(findings(model))
    changes["titles"] = {"trends": trend_title(model), "funnel": funnel_title(model)}
    return replace(model, **changes)  # the model is frozen: a new one with its words
