"""Pack JSON files that boards send in (`--from-packs DIR`), read and checked into `PackModel`s (the
same model `lfjb pack` builds, lfjb/pack_model.py, whose reader the caller passes in), so MoJ never needs
extracts.

A pack is `<slug>-pack-<YYYY-MM>.json` (SPEC.md), anywhere under DIR. Every problem is collected and
raised together as one InputError naming the file: a pack that is not JSON, lacks a section the
comparison needs, is for another month than its name says, two packs for one board, or a board named
with --board that sent no pack for the month. A pack that reads as JSON but is not a pack's shape
(`kpis: []`, text where a number belongs, NaN or Infinity, a number thousands of digits long, nesting
hundreds deep, `board` as text) is a problem naming the file and the key, never a traceback.
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from itertools import accumulate
from pathlib import Path
from typing import Callable, TypeVar

from lfjb.inputs.errors import InputError, PackShapeError, Problem, did_you_mean, display_path
from lfjb.inputs.tables import check_input_file
from lfjb.month import Month
from lfjb.naming import PREVIOUS_DIR
from lfjb.vocab import COUNT_KPIS, KPI_IDS

T = TypeVar("T")
RESEND = "Ask the board to re-run `lfjb pack` and send the JSON file it writes, unedited."

# The sections of the pack JSON the comparison reads (SPEC.md "The pack JSON", plus rolling_12).
REQUIRED_SECTIONS = ("board", "month", "kpis", "trend", "rolling_12", "spc", "drivers")
# `lfjb pack` moves a superseded pack into previous/<when>/ beside the new one (lfjb.naming.PREVIOUS_DIR);
# those are history, not a second pack for the month.
SUPERSEDED_DIR = PREVIOUS_DIR
# Nesting deeper than this is not a pack (a pack is at most five levels deep); refused before
# Python's own recursion limit turns it into a traceback.
MAX_DEPTH = 32
# A count or figure beyond this is not a board's (and may not fit a float): refused with its key.
MAX_MAGNITUDE = 10**12
# A board's pack JSON is a few hundred KB; a file far larger is not one, and is refused before it is read.
MAX_PACK_BYTES = 32 * 2**20
PROGRAMMES = ("trailblazer", "comparator")
# Rolling 12-month figures the league table reads.
ROLLING_FIELDS = ("issued", "disposed", "mean_weeks", "median_weeks", "pct_within_26", "mean_hearings")
_MONTH_TEXT = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
# ASCII digits only (JSON's numbers are), which re scans several times faster than \d.
_LONG_NUMBER = re.compile(r"[0-9]{200,}")
# A JSON string (escapes included), and anything that is not a bracket: max_depth strips both.
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_PACK_NAME = re.compile(r"^(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)-pack-(?P<month>\d{4}-\d{2})\.json$")


def pack_file_names(folder: Path) -> dict[str, dict[str, list[Path]]]:
    """{slug: {month: [paths]}} for every file under `folder` named like a pack (superseded ones left out)."""
    found: dict[str, dict[str, list[Path]]] = defaultdict(lambda: defaultdict(list))
    for path in sorted(folder.rglob("*-pack-*.json")):
        match = _PACK_NAME.match(path.name)
        if match and path.is_file() and SUPERSEDED_DIR not in path.relative_to(folder).parts[:-1]:
            found[match["slug"]][match["month"]].append(path)
    return found


def _section_problems(data: object, shown: str, slug: str, month: Month) -> list[Problem]:
    if not isinstance(data, dict):
        return [Problem(shown, "", "", "is not a board pack: expected a JSON object at the top.")]
    problems = []
    missing = [key for key in REQUIRED_SECTIONS if key not in data]
    if missing:
        problems.append(Problem(
            shown, "", ", ".join(missing), f"the pack has no {', '.join(missing)} section{'s' if len(missing) > 1 else ''}.",
            "Ask the board to re-run `lfjb pack` with this version of lfjb and send the new JSON.",
        ))
    if isinstance(data.get("month"), str) and data["month"] != str(month):
        problems.append(Problem(shown, "", "month", f"the pack is for {data['month']}, but its file name says {month}.",
                                "Send the pack for the right month, without renaming it."))
    board = data.get("board")
    if isinstance(board, dict) and isinstance(board.get("slug"), str) and board.get("slug") != slug:
        problems.append(Problem(shown, "", "board.slug", f"the pack is for board '{board['slug']}', but its file name says '{slug}'."))
    return problems


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number a pack can hold")


def parse_pack_text(text: str, shown: str) -> tuple[object | None, list[Problem]]:
    """The JSON value of a pack file, or the problems that stop it being read: invalid JSON, NaN or
    Infinity, a number too long to read, nesting too deep. Never raises for bad content."""
    hint = RESEND
    depth = max_depth(text)
    if depth > MAX_DEPTH:
        return None, [Problem(shown, "", "", f"is nested {depth} levels deep; a board pack is at most a few levels deep.", hint)]
    long_number = _LONG_NUMBER.search(text)
    if long_number:
        line = text.count("\n", 0, long_number.start()) + 1
        return None, [Problem(shown, f"line {line}", "", f"holds a number {len(long_number.group(0).lstrip('-')):,} digits long, "
                              "which no figure in a pack can be.", hint)]
    try:
        return json.loads(text, parse_constant=_reject_constant), []
    except json.JSONDecodeError as exc:
        return None, [Problem(shown, f"line {exc.lineno}", "", f"is not valid JSON: {exc.msg}.", hint)]
    except ValueError as exc:  # NaN / Infinity, or a number Python refuses to convert
        return None, [Problem(shown, "", "", f"is not a valid pack: {exc}.", hint)]
    except RecursionError:
        return None, [Problem(shown, "", "", "is nested too deeply to be a board pack.", hint)]


def max_depth(text: str) -> int:
    """How deeply `[` and `{` nest in JSON text (brackets inside strings are skipped; an unterminated
    string runs to the end). Regular expressions do the scanning: a character loop in Python took a
    second and a half over 43 boards' packs."""
    bare = _JSON_STRING.sub("", text).split('"', 1)[0]
    brackets = _NOT_BRACKET.sub("", bare)
    return max(0, max(accumulate(1 if char in "[{" else -1 for char in brackets), default=0))


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return f"the text {json.dumps(value[:40])}"
    return "a list" if isinstance(value, list) else "an object"


class _Checker:
    """Collects located problems while checking the pack's shape (only the parts the comparison reads)."""

    def __init__(self, shown: str):
        self.shown = shown
        self.problems: list[Problem] = []

    def fail(self, key: str, value: object, expected: str) -> None:
        self.problems.append(Problem(self.shown, "", key, f"expected {expected}, found {_kind(value)}.",
                                     RESEND))

    def object(self, value: object, key: str) -> dict:
        if not isinstance(value, dict):
            self.fail(key, value, "an object ({...})")
            return {}
        return value

    def list(self, value: object, key: str) -> list:
        if not isinstance(value, list):
            self.fail(key, value, "a list ([...])")
            return []
        return value

    def number(self, value: object, key: str, nullable: bool = True, whole: bool = False) -> None:
        if value is None and nullable:
            return
        is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
        if not is_number or not math.isfinite(value) or abs(value) > MAX_MAGNITUDE:  # type: ignore[arg-type]
            self.fail(key, value, ("a whole number" if whole else "a number") + (" or null" if nullable else ""))
        elif whole and (value < 0 or float(value) != int(value)):  # type: ignore[operator, arg-type]
            self.fail(key, value, "a whole number, 0 or more")

    def text(self, value: object, key: str, nullable: bool = True) -> None:
        if not (isinstance(value, str) or (value is None and nullable)):
            self.fail(key, value, "text" + (" or null" if nullable else ""))


def _check_kpis(check: _Checker, values: dict, prefix: str) -> None:
    for kpi in KPI_IDS:
        if kpi in values:
            check.number(values[kpi], f"{prefix}.{kpi}", whole=kpi in COUNT_KPIS)


def pack_shape_problems(data: dict, shown: str) -> list[Problem]:
    """Every value the comparison reads that has the wrong type, located by its key (e.g.
    `trend[3].mean_weeks`): objects where objects belong, numbers (finite, not text) where numbers do."""
    check = _Checker(shown)
    board = check.object(data.get("board"), "board")
    if board:
        check.text(board.get("slug"), "board.slug", nullable=False)
        for key in ("name", "dfj_area", "region", "protective_marking"):
            check.text(board.get(key), f"board.{key}")
        if board.get("programme") not in (None, *PROGRAMMES):
            check.fail("board.programme", board.get("programme"), "trailblazer, comparator or null")
    if not (isinstance(data.get("month"), str) and _MONTH_TEXT.match(data["month"])):
        check.fail("month", data.get("month"), "a month as YYYY-MM")
    _check_kpis(check, check.object(data.get("kpis"), "kpis"), "kpis")
    for i, row in enumerate(check.list(data.get("trend"), "trend")):
        row = check.object(row, f"trend[{i}]")
        if row:
            if not (isinstance(row.get("month"), str) and _MONTH_TEXT.match(row["month"])):
                check.fail(f"trend[{i}].month", row.get("month"), "a month as YYYY-MM")
            _check_kpis(check, row, f"trend[{i}]")
    rolling = check.object(data.get("rolling_12"), "rolling_12")
    for key in ROLLING_FIELDS:
        if key in rolling:
            check.number(rolling[key], f"rolling_12.{key}", whole=key in ("issued", "disposed"))
    spc = check.object(data.get("spc"), "spc")
    for kpi, entry in spc.items():
        entry = check.object(entry, f"spc.{kpi}")
        for i, point in enumerate(check.list(entry.get("points", []), f"spc.{kpi}.points")):
            point = check.object(point, f"spc.{kpi}.points[{i}]")
            if point:
                check.text(point.get("type"), f"spc.{kpi}.points[{i}].type")
                check.text(point.get("month"), f"spc.{kpi}.points[{i}].month")
        check.text(entry.get("assurance"), f"spc.{kpi}.assurance")
    drivers = check.object(data.get("drivers"), "drivers")
    if drivers:
        cases = drivers.get("cases")
        if cases is not None:
            for driver, value in check.object(cases, "drivers.cases").items():
                check.number(value, f"drivers.cases.{driver}", whole=True)
        for driver, value in check.object(drivers.get("open_actions", {}), "drivers.open_actions").items():
            check.number(value, f"drivers.open_actions.{driver}", nullable=False, whole=True)
        for driver, row in check.object(drivers.get("matrix", {}), "drivers.matrix").items():
            for group, value in check.object(row, f"drivers.matrix.{driver}").items():
                check.number(value, f"drivers.matrix.{driver}.{group}", whole=True)
        window = check.object(drivers.get("window", {}), "drivers.window")
        check.number(window.get("cases_disposed"), "drivers.window.cases_disposed", whole=True)
    rules = data.get("spc_rules")
    if rules is not None:
        rules = check.object(rules, "spc_rules")
        for key in ("shift", "trend"):
            if key in rules:
                check.number(rules[key], f"spc_rules.{key}", nullable=False, whole=True)
        for i, month in enumerate(check.list(rules.get("rebase", []), "spc_rules.rebase")):
            if not (isinstance(month, str) and _MONTH_TEXT.match(month)):
                check.fail(f"spc_rules.rebase[{i}]", month, "a month as YYYY-MM")
    return check.problems


def pack_model(data: dict, shown: str, model: Callable[[dict], T]) -> tuple[T | None, list[Problem]]:
    """`model(data)` (PackModel.from_json) of a pack's JSON that passed pack_shape_problems, or the problem
    of a part the model holds typed that the checks above do not look at (a section of the wrong shape, a
    date that is not one), named by its key."""
    try:
        return model(data), []
    except PackShapeError as exc:
        check = _Checker(shown)
        check.fail(exc.key, exc.value, exc.expected)
        return None, check.problems
    except (TypeError, ValueError) as exc:  # a value the model's types cannot hold (e.g. SPC rules out of range)
        return None, [Problem(shown, "", "", f"is not a valid pack: {exc}.",
                              RESEND)]


def read_pack_files(folder: Path, month: Month, boards: list[str] | None, model: Callable[[dict], T]) -> list[tuple[Path, T]]:
    """Every board's pack for `month` under `folder`, sorted by slug: [(path, model(pack JSON))], `model`
    being PackModel.from_json (passed in: the pack's model is downstream of the inputs, which import
    nothing of metrics, and the model holds the metrics' SPC charts).

    With `boards` (slugs), exactly those boards, each of which must have sent a pack for the month.
    Without, every board that has a pack for the month; a board with packs for other months but not
    this one is reported, so nobody is left out of the comparison without saying so.
    """
    shown_folder = display_path(folder)
    if not folder.is_dir():
        raise InputError([Problem(shown_folder, "", "--from-packs", "folder not found.")])
    found = pack_file_names(folder)
    wanted = [Path(b).stem if b.endswith((".yaml", ".yml")) else b for b in boards] if boards else sorted(found)
    problems: list[Problem] = []
    if not found:
        raise InputError([Problem(shown_folder, "", "--from-packs", f"holds no pack JSON files (named <board>-pack-{month}.json).")])
    if not boards and not any(str(month) in months for months in found.values()):
        available = sorted({m for months in found.values() for m in months})
        raise InputError([Problem(shown_folder, "", "--month", f"holds no packs for {month}; the packs here are for "
                                  + ", ".join(available) + ".")])
    chosen: list[Path] = []
    for slug in wanted:
        months = found.get(slug, {})
        paths = months.get(str(month), [])
        if len(paths) == 1:
            chosen.append(paths[0])
        elif len(paths) > 1:
            problems.append(Problem(shown_folder, "", slug, f"has {len(paths)} packs for {month}: "
                                    + ", ".join(display_path(p) for p in paths) + ".", "Keep only the one to compare."))
        elif months:
            problems.append(Problem(shown_folder, "", slug, f"board '{slug}' sent no pack for {month}; its packs are for "
                                    + ", ".join(sorted(months)) + ".",
                                    "Ask the board for its pack, or leave it out by naming the boards to compare with --board."))
        else:
            hint = did_you_mean(slug, found) or f"Boards with packs here: {', '.join(sorted(found))}."
            problems.append(Problem(shown_folder, "", slug, f"no pack from board '{slug}'.", hint))
    packs = []
    for path in chosen:
        shown = display_path(path)
        try:
            check_input_file(path, shown, MAX_PACK_BYTES)
            text = path.read_text(encoding="utf-8")
        except InputError as exc:
            problems += exc.problems
            continue
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(shown, "", "", f"cannot be read: {exc}."))
            continue
        data, parse_problems = parse_pack_text(text, shown)
        if parse_problems:
            problems += parse_problems
            continue
        slug = _PACK_NAME.match(path.name)["slug"]  # type: ignore[index]
        section_problems = _section_problems(data, shown, slug, month)
        if not section_problems:
            section_problems = pack_shape_problems(data, shown)  # type: ignore[arg-type]
        problems += section_problems
        if not section_problems:
            read, model_problems = pack_model(data, shown, model)  # type: ignore[arg-type]
            problems += model_problems
            if read is not None:
                packs.append((path, read))
    if problems:
        raise InputError(problems)
    return packs
