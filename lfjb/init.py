"""`lfjb init`: a new board's terms of reference, action-log spreadsheet and extract template."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from string import Template
from typing import TYPE_CHECKING

from lfjb.dfj import dfj_area_names, find_dfj_area
from lfjb.inputs.actions import ACTION_COLUMNS
from lfjb.inputs.board import REQUIRED_COLUMNS
from lfjb.naming import slug_problem
from lfjb.inputs.errors import InputError, Problem, did_you_mean, display_path
from lfjb.inputs.tables import sheet_parts
from lfjb.vocab import ACTION_STATUSES, BOARD_SUFFIX, DRIVERS, THEMES

if TYPE_CHECKING:  # openpyxl is imported where an XLSX action log is made or read (a sixth of a second)
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

TEMPLATE_SUB_GROUPS = ("pre-proceedings", "court-progression", "data-performance")
_MAX_ROWS = 500  # rows of the action log with drop-down lists
LISTS_SHEET = "Lists"  # the hidden sheet the drop-downs read; its first column is sub_group


def _board_name(dfj_area: str) -> str:
    return f"{dfj_area} {BOARD_SUFFIX}"


def _lists(sub_groups: Sequence[str]) -> dict[str, list[str]]:
    """The drop-down lists of the action log, by the column each serves."""
    return {"sub_group": list(sub_groups), "status": list(ACTION_STATUSES), "theme": list(THEMES), "drivers": list(DRIVERS)}


def _write_lists(wb: Workbook, ws: Worksheet, sub_groups: Sequence[str]) -> None:
    """(Re)write the hidden "Lists" sheet and the drop-downs of `ws` that read it."""
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    if LISTS_SHEET in wb.sheetnames:
        del wb[LISTS_SHEET]
    lists = wb.create_sheet(LISTS_SHEET)
    # Drop-downs lfjb made before (they read the Lists sheet); any other validation the board added stays.
    ws.data_validations.dataValidation = [dv for dv in ws.data_validations.dataValidation
                                          if not str(dv.formula1 or "").startswith(f"={LISTS_SHEET}!")]
    for i, (name, values) in enumerate(_lists(sub_groups).items(), start=1):
        letter = chr(ord("A") + i - 1)
        lists.cell(row=1, column=i, value=name).font = Font(bold=True)
        for r, value in enumerate(values, start=2):
            lists.cell(row=r, column=i, value=value)
        target = chr(ord("A") + ACTION_COLUMNS.index(name))
        rule = DataValidation(type="list", formula1=f"={LISTS_SHEET}!${letter}$2:${letter}${max(len(values), 1) + 1}", allow_blank=True)
        if name == "drivers":  # several drivers go in one cell separated by ';', so only warn
            rule.errorStyle = "information"
            rule.error = "Pick a driver id; for several, separate them with ';'."
        rule.add(f"{target}2:{target}{_MAX_ROWS}")
        ws.add_data_validation(rule)
    lists.sheet_state = "hidden"


def action_log_workbook(sub_groups: Sequence[str] = TEMPLATE_SUB_GROUPS) -> Workbook:
    """An empty action log with lfjb's headers and drop-down lists for sub-group, status, theme and driver."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Actions"
    ws.append(list(ACTION_COLUMNS))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    _write_lists(wb, ws, sub_groups)
    for column, width in zip("ABCDEFGHIJKL", (8, 50, 20, 30, 12, 12, 14, 12, 16, 30, 20, 40), strict=True):
        ws.column_dimensions[column].width = width
    return wb


def _current_lists(path: Path) -> dict[str, list[str]] | None:
    """The drop-down lists an action log holds now, or None when it is not lfjb's spreadsheet."""
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    try:
        if LISTS_SHEET not in wb.sheetnames:
            return None
        rows = list(wb[LISTS_SHEET].iter_rows(values_only=True))
    finally:
        wb.close()
    if not rows or not rows[0] or rows[0][0] != "sub_group":
        return None
    return {str(name): [row[c] for row in rows[1:] if c < len(row) and row[c] not in (None, "")]
            for c, name in enumerate(rows[0]) if name is not None}


def refresh_action_lists(path: Path, sub_groups: Sequence[str]) -> bool:
    """Bring the drop-down lists of an action log made by `lfjb init` up to date with the terms of reference
    (sub-groups renamed, added or removed; lfjb's statuses, themes and drivers). True when the file was
    rewritten; False when it is already up to date or is not lfjb's spreadsheet (no "Lists" sheet whose
    first column is sub_group), which is left as it is. OSError when it cannot be written (e.g. open in
    Excel on Windows); the file is then unchanged, as it is replaced only once the new one is complete."""
    if path.suffix.lower() != ".xlsx" or _current_lists(path) in (None, _lists(sub_groups)):
        return False
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb["Actions"] if "Actions" in wb.sheetnames else next(s for s in wb.worksheets if s.title != LISTS_SHEET)
    _write_lists(wb, ws, sub_groups)
    wb.active = wb.worksheets.index(ws)
    part = path.with_name(f".{path.name}.part")
    try:
        wb.save(part)
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)
    return True


def keep_action_lists_current(path: Path, sub_groups: Sequence[str]) -> bool:
    """`refresh_action_lists` for the commands that read a board (validate, pack, compare, actions, cases), so a
    renamed sub-group is offered at once (issue 20.7); reading the log itself never writes it. A log that cannot
    be written now (open in Excel) or read as a workbook is left as it is (False): its rows were read, and
    `lfjb init --refresh-lists` says why it could not be updated."""
    if path.suffix.lower() != ".xlsx":
        return False
    try:
        with zipfile.ZipFile(path) as book:  # the sheet list alone: most logs are not lfjb's, and are not opened
            if LISTS_SHEET not in sheet_parts(book):
                return False
        return refresh_action_lists(path, sub_groups)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError):
        return False


def refresh_board_lists(slug: str, config_dir: Path) -> str | None:
    """`lfjb init --refresh-lists`: the board's action-log drop-downs taken from its terms of reference again.
    The action log's path (as shown to the user) if it was rewritten, None if it was up to date; InputError when the terms of
    reference are invalid or the log is not a spreadsheet made by `lfjb init`."""
    from lfjb.inputs.board import load_board_config
    from lfjb.inputs.loader import find_board_files

    file = load_board_config(find_board_files([slug], config_dir)[0])
    path = file.input_path(file.config.inputs.actions)
    shown = display_path(path)
    if path.suffix.lower() != ".xlsx" or not path.is_file():
        raise InputError([Problem(shown, "", "inputs.actions", "is not an .xlsx action log, so it has no drop-down lists to refresh.")])
    if _current_lists(path) is None:
        raise InputError([Problem(shown, "", "", "has no Lists sheet: it was not made by lfjb init, so lfjb leaves its drop-downs alone.")])
    try:
        rewritten = refresh_action_lists(path, file.config.sub_group_ids)
    except OSError as exc:
        raise InputError([Problem(shown, "", "", f"could not be rewritten ({exc.strerror or exc}).",
                                  "Close it in Excel and run the command again.")]) from None
    return shown if rewritten else None


def slug_problems(slug: str) -> list[Problem]:
    """The problem with a new board's slug (lfjb.naming's one rule and message), or []."""
    problem = slug_problem(slug)
    return [Problem("lfjb init", "", "slug", problem, "Give a short name, such as north-wales; the board's full name "
                    "goes in the terms of reference.")] if problem else []


def create_board(slug: str, dfj_area: str | None, config_dir: Path) -> list[Path]:
    """Write board_config/<slug>.yaml, <slug>/actions.xlsx and <slug>/extract.csv; refuses to overwrite."""
    problems = slug_problems(slug)
    if dfj_area is None:
        raise InputError([*problems, Problem("lfjb init", "", "--dfj-area", "is required to set up a new board.",
                                             'Give the board\'s DFJ area, e.g. --dfj-area "North Wales".')])
    area = find_dfj_area(dfj_area)
    if area is None:
        problems.append(Problem(dfj_area, "", "--dfj-area", "is not one of the 43 DFJ areas.", did_you_mean(dfj_area, dfj_area_names())))
    if problems:
        raise InputError(problems)
    config = config_dir / f"{slug}.yaml"
    actions, extract = config_dir / slug / "actions.xlsx", config_dir / slug / "extract.csv"
    existing = [p for p in (config, actions, extract) if p.exists()]
    if existing:
        raise InputError([Problem(display_path(p), "", "", "already exists; lfjb init never overwrites a file.") for p in existing])
    text = resources.files("lfjb.data").joinpath("board_template.yaml").read_text(encoding="utf-8")
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(Template(text).substitute(name=_board_name(area.name), dfj_area=area.name, region=area.region, slug=slug), encoding="utf-8")
    actions.parent.mkdir(parents=True, exist_ok=True)
    action_log_workbook(TEMPLATE_SUB_GROUPS).save(actions)
    # The required columns and the optional ones most boards have (SPEC.md "Data extract").
    extract.write_text(",".join((*REQUIRED_COLUMNS, "hearings", "fcmh", "outcome", "delay_drivers")) + "\n", encoding="utf-8")
    return [config, actions, extract]
