"""`lfjb init`: a new board's terms of reference, action-log spreadsheet and extract template."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from string import Template

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from lfjb.dfj import dfj_area_names, find_dfj_area
from lfjb.inputs.actions import ACTION_COLUMNS
from lfjb.inputs.board import REQUIRED_COLUMNS
from lfjb.naming import is_slug
from lfjb.inputs.errors import InputError, Problem, did_you_mean, display_path
from lfjb.vocab import ACTION_STATUSES, DRIVERS, THEMES

TEMPLATE_SUB_GROUPS = ("pre-proceedings", "court-progression", "data-performance")
_MAX_ROWS = 500  # rows of the action log with drop-down lists


def _board_name(dfj_area: str) -> str:
    return f"{dfj_area} Local Family Justice Board"


def action_log_workbook(sub_groups: tuple[str, ...] = TEMPLATE_SUB_GROUPS) -> Workbook:
    """An empty action log with lfjb's headers and drop-down lists for sub-group, status, theme and driver."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Actions"
    ws.append(list(ACTION_COLUMNS))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    lists = wb.create_sheet("Lists")
    columns = {"sub_group": list(sub_groups), "status": list(ACTION_STATUSES), "theme": list(THEMES), "drivers": list(DRIVERS)}
    for i, (name, values) in enumerate(columns.items(), start=1):
        letter = chr(ord("A") + i - 1)
        lists.cell(row=1, column=i, value=name).font = Font(bold=True)
        for r, value in enumerate(values, start=2):
            lists.cell(row=r, column=i, value=value)
        target = chr(ord("A") + ACTION_COLUMNS.index(name))
        rule = DataValidation(type="list", formula1=f"=Lists!${letter}$2:${letter}${len(values) + 1}", allow_blank=True)
        if name == "drivers":  # several drivers go in one cell separated by ';', so only warn
            rule.errorStyle = "information"
            rule.error = "Pick a driver id; for several, separate them with ';'."
        rule.add(f"{target}2:{target}{_MAX_ROWS}")
        ws.add_data_validation(rule)
    for column, width in zip("ABCDEFGHIJKL", (8, 50, 20, 30, 12, 12, 14, 12, 16, 30, 20, 40), strict=True):
        ws.column_dimensions[column].width = width
    lists.sheet_state = "hidden"
    return wb


def create_board(slug: str, dfj_area: str, config_dir: Path) -> list[Path]:
    """Write board_config/<slug>.yaml, <slug>/actions.xlsx and <slug>/extract.csv; refuses to overwrite."""
    problems = []
    if not is_slug(slug):
        problems.append(Problem(slug, "", "slug", "a slug may use only lowercase letters, digits and single hyphens (e.g. north-wales)."))
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
    action_log_workbook().save(actions)
    # The required columns and the optional ones most boards have (SPEC.md "Data extract").
    extract.write_text(",".join((*REQUIRED_COLUMNS, "hearings", "fcmh", "outcome", "delay_drivers")) + "\n", encoding="utf-8")
    return [config, actions, extract]
