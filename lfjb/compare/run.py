"""`lfjb compare` as a library call: read the boards (or their pack JSON), compare, render, write.

Every input problem (boards, packs, the FCSQ files, the options) is collected and raised as one
InputError before anything is written; all formats render in memory first, then each file is
written atomically, so a failed run never leaves half a comparison behind. Rows of a published FCSQ
file that lfjb cannot use are not errors: they are warnings, kept in the comparison JSON (`fcsq`)
and passed to `warn` for the terminal.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path

from lfjb.compare.disclosure import publishable
from lfjb.compare.fcsq import FcsqInputs, load_fcsq
from lfjb.compare.model import ComparisonModel, add_words, build_comparison
from lfjb.compare.packs import read_pack_files
from lfjb.compare.pilot import pilot_from_cases, pilot_from_packs
from lfjb.compare.reconciliation import reconciliation
from lfjb.compare.suppression import DEFAULT_MIN_CASES
from lfjb.dfj import load_dfj_aliases
from lfjb.inputs.errors import InputError, Problem, display_path
from lfjb.month import Month
from lfjb.render.files import FORMATS, comparison_paths, json_text, write_atomic

Progress = Callable[[str], None]
Warn = Callable[[str], None]
DEFAULT_BASELINE = (Month(2023, 4), Month(2024, 3))  # issue 6: the year before the pilot
DEFAULT_PILOT = (Month(2024, 4), Month(2025, 3))  # DFJ Trailblazers piloted April 2024 to March 2025


def parse_period(text: str) -> tuple[Month, Month]:
    """'2023-04:2024-03' -> (Month(2023, 4), Month(2024, 3)), for --baseline and --pilot; ValueError
    with a plain message otherwise."""
    parts = str(text).split(":")
    if len(parts) != 2:
        raise ValueError(f"'{text}' is not a period in the form YYYY-MM:YYYY-MM (for example 2023-04:2024-03)")
    start, end = (Month.parse(part) for part in parts)
    if end < start:
        raise ValueError(f"the period '{text}' ends before it starts")
    return start, end


def _option_problems(month: Month, baseline: tuple[Month, Month], pilot: tuple[Month, Month], min_cases: int,
                     formats: Sequence[str]) -> list[Problem]:
    problems = []
    for name, (start, end) in (("--baseline", baseline), ("--pilot", pilot)):
        if end < start:
            problems.append(Problem("command line", "", name, f"the period ends ({end}) before it starts ({start})."))
    if baseline[1] >= pilot[0]:
        problems.append(Problem("command line", "", "--baseline", f"the baseline ({baseline[0]} to {baseline[1]}) must end "
                                f"before the pilot period starts ({pilot[0]})."))
    if min_cases < 1:
        problems.append(Problem("command line", "", "--min-cases", f"must be at least 1, got {min_cases}."))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        problems.append(Problem("command line", "", "--format", f"unknown format {', '.join(unknown) or '(none)'}; "
                                f"choose from {', '.join(FORMATS)}."))
    return problems


def _clip(period: tuple[Month, Month], month: Month) -> tuple[Month, Month] | None:
    """The period cut at the reporting month (nothing after M is used); None when it starts after M."""
    start, end = period
    return None if start > month else (start, min(end, month))


def _pilot_view(month: Month, baseline: tuple[Month, Month], pilot: tuple[Month, Month], packs: list[dict],
                cases: dict | None) -> dict:
    clipped_base, clipped_pilot = _clip(baseline, month), _clip(pilot, month)
    if clipped_base is None or clipped_pilot is None:
        first = pilot[0] if clipped_pilot is None else baseline[0]
        return {"available": False, "kpms": [], "reason": f"The pilot view needs the reporting month to be after the "
                f"pilot began ({first.label}); {month.label} is before it.", "caveats": []}
    programmes = {p["board"]["slug"]: p["board"].get("programme") for p in packs}
    if cases is not None:
        view = pilot_from_cases(programmes, cases, clipped_base, clipped_pilot)
    else:
        view = pilot_from_packs(packs, clipped_base, clipped_pilot)
    view["available"] = any(k["available"] for k in view["kpms"])
    if clipped_pilot != pilot:
        view["shortened_note"] = (f"The pilot period is cut at the reporting month: {clipped_pilot[0].short_label} to "
                                  f"{clipped_pilot[1].short_label} instead of to {pilot[1].short_label}.")
    return view


def _fcsq_paths(fcsq: Path | Sequence[Path] | None) -> list[Path]:
    """--fcsq as a list, whether the command line gave one file or several."""
    if fcsq is None:
        return []
    if isinstance(fcsq, (str, Path)):
        return [Path(fcsq)]
    return [Path(p) for p in fcsq]


def _read_fcsq(paths: list[Path], dfj_aliases: Path | None, month: Month, packs: list[dict]) -> FcsqInputs:
    extra = load_dfj_aliases(dfj_aliases) if dfj_aliases is not None else None
    board_areas = {p["board"]["slug"]: p["board"].get("dfj_area") or "" for p in packs}
    return load_fcsq(paths, month, board_areas, extra)


def compare_model(
    month: Month,
    boards: list[str] | None,
    config_dir: Path,
    from_packs: Path | None = None,
    baseline: tuple[Month, Month] = DEFAULT_BASELINE,
    pilot: tuple[Month, Month] = DEFAULT_PILOT,
    publish: bool = False,
    min_cases: int = DEFAULT_MIN_CASES,
    fcsq: Path | Sequence[Path] | None = None,
    progress: Progress | None = None,
    *,
    dfj_aliases: Path | None = None,
    warn: Warn | None = None,
) -> ComparisonModel:
    """The comparison for `month` (published version with `publish`); InputError listing every problem.

    `fcsq`: MoJ's FCSQ files (one path or several: the DFJ-level CSV and/or the national care timeliness,
    told apart by their headers). `dfj_aliases`: a CSV of extra DFJ spellings (`name,alias`), read on top
    of lfjb's own and of any dfj_aliases.csv beside an FCSQ file. `warn` receives each FCSQ warning.
    """
    say = progress or (lambda _text: None)
    problems = _option_problems(month, baseline, pilot, min_cases, FORMATS)
    if problems:
        raise InputError(problems)
    cases = None
    if from_packs is not None:
        say("Reading pack files")
        found = read_pack_files(from_packs, month, boards)
        packs = [data for _, data in found]
        source = {"kind": "packs", "folder": display_path(from_packs), "files": [display_path(p) for p, _ in found]}
    else:
        from lfjb.build import (  # the pack workflow, only when computing from configs
            build_packs,
            load_boards,
        )

        say("Reading board inputs")
        loaded = load_boards(boards, config_dir)
        say("Computing each board's figures")
        # Through JSON and back, so figures computed here are exactly those a pack file would carry.
        packs = [json.loads(json_text(p.to_json_dict())) for p in build_packs(loaded, month)]
        cases = {b.slug: b.extract.cases for b in loaded}
        source = {"kind": "configurations", "folder": display_path(config_dir),
                  "files": [display_path(b.file.path) for b in loaded]}
    source["boards"] = len(packs)
    official = None
    if _fcsq_paths(fcsq):
        say("Reading official statistics (FCSQ)")
        official = _read_fcsq(_fcsq_paths(fcsq), dfj_aliases, month, packs)
        for text in official.warnings:
            (warn or (lambda _text: None))(text)
    say("Comparing boards")
    view = _pilot_view(month, baseline, pilot, packs, cases)
    recon = None
    if official is not None and official.dfj is not None:
        recon = reconciliation(packs, official.dfj.frame, month, official.dfj.path.name, official.aliases)
    model = build_comparison(
        packs, month, source, pilot=view, min_cases=min_cases,
        references=official.references if official else None,
        national=official.national if official else None,
        fcsq=official.summary() if official else None,
        reconciliation=recon,
    )
    return publishable(model, min_cases) if publish else add_words(model)


def render_comparison(model: ComparisonModel, formats: Sequence[str], progress: Progress | None = None) -> dict[str, bytes | str]:
    """The comparison's files in memory, keyed by format."""
    say = progress or (lambda _text: None)
    rendered: dict[str, bytes | str] = {}
    if "json" in formats:
        rendered["json"] = json_text(model.to_json_dict())
    if "html" in formats:
        from lfjb.render.comparison import render_comparison_html

        say("Rendering HTML")
        rendered["html"] = render_comparison_html(model)
    if "pdf" in formats:
        from lfjb.render.comparison import render_comparison_pdf

        say("Rendering PDF")
        rendered["pdf"] = render_comparison_pdf(model)
    return rendered


def run_compare(
    month: Month,
    boards: list[str] | None,
    config_dir: Path,
    out: Path,
    from_packs: Path | None = None,
    baseline: tuple[Month, Month] = DEFAULT_BASELINE,
    pilot: tuple[Month, Month] = DEFAULT_PILOT,
    publish: bool = False,
    min_cases: int = DEFAULT_MIN_CASES,
    fcsq: Path | Sequence[Path] | None = None,
    formats: Sequence[str] = FORMATS,
    progress: Progress | None = None,
    *,
    dfj_aliases: Path | None = None,
    warn: Warn | None = None,
) -> dict[str, Path]:
    """Write `out/comparison/<YYYY-MM>/comparison-<YYYY-MM>.{pdf,html,json}`; returns {format: path}.

    Boards come from `config_dir` (all, or those named in `boards`), or from the pack JSON files under
    `from_packs`. InputError (exit 2) for any bad input, before anything is written. `fcsq`,
    `dfj_aliases` and `warn` as for `compare_model`.
    """
    problems = _option_problems(month, baseline, pilot, min_cases, formats)
    if problems:
        raise InputError(problems)
    model = compare_model(month, boards, config_dir, from_packs, baseline, pilot, publish, min_cases, fcsq, progress,
                          dfj_aliases=dfj_aliases, warn=warn)
    rendered = render_comparison(model, [f for f in FORMATS if f in formats], progress)
    paths = comparison_paths(out, month)
    for fmt, content in rendered.items():
        write_atomic(paths[fmt], content)
    return {fmt: paths[fmt] for fmt in rendered}
