"""The board's action log (SPEC.md "Action log"): YAML with `actions:`, or CSV/XLSX, one row per action."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any, Literal

import pandas as pd
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from lfjb.inputs.board import DriverId, KpiId, Strict, ThemeId, UKDate
from lfjb.inputs.errors import InputError, Problem, display_path, valid_ids_hint
from lfjb.inputs.tables import SPREADSHEET_SUFFIXES
from lfjb.inputs.text import clean_text
from lfjb.inputs.validation import problems_from_validation_error
from lfjb.inputs.yaml_source import read_yaml
from lfjb.vocab import ACTION_STATUSES, DONE_STATUSES

StatusId = Literal[tuple(ACTION_STATUSES)]  # type: ignore[valid-type]
ACTION_COLUMNS = (
    "id", "title", "sub_group", "owner", "raised", "due", "status",
    "completed", "theme", "drivers", "kpis", "updates",
)


class Update(Strict):
    date: UKDate
    note: str


class Action(Strict):
    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    sub_group: str = Field(min_length=1)
    owner: str = Field(min_length=1)
    raised: UKDate
    due: UKDate
    status: StatusId  # type: ignore[valid-type]
    completed: UKDate | None = None
    theme: ThemeId | None = None  # type: ignore[valid-type]
    drivers: list[DriverId] = []  # type: ignore[valid-type]
    kpis: list[KpiId] = []  # type: ignore[valid-type]
    updates: list[Update] = []

    @field_validator("id", mode="before")
    @classmethod
    def _id_text(cls, value: Any) -> Any:
        # Spreadsheets turn an id such as 12 into a number; an id is text.
        return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value

    @field_validator("status", mode="before")
    @classmethod
    def _status_words(cls, value: Any) -> Any:
        # "In progress" in a spreadsheet means in_progress.
        return value.strip().lower().replace(" ", "_").replace("-", "_") if isinstance(value, str) else value

    @model_validator(mode="after")
    def _dates_in_order(self) -> Action:
        if self.due < self.raised:
            raise ValueError(f"the due date {self.due} is before the date raised {self.raised}")
        return self

    @property
    def is_done(self) -> bool:
        return self.status in DONE_STATUSES

    def is_overdue(self, at: date) -> bool:
        """SPEC.md: overdue at D when not complete/closed and due < D."""
        return not self.is_done and self.due < at

    @property
    def last_update(self) -> date | None:
        return max((u.date for u in self.updates), default=None)


class ActionLog(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)
    path: Path
    actions: list[Action] = Field(default_factory=list)


def _split_list(value: Any) -> Any:
    """'court_capacity; plo_tracking' in a spreadsheet cell is a list of ids."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.replace(",", ";").split(";") if part.strip()]
    return value


def _split_updates(value: Any) -> Any:
    """Spreadsheet updates: one per line, 'dd/mm/yyyy: note' (or 'yyyy-mm-dd: note')."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return []
    if not isinstance(value, str):
        return value
    updates = []
    for line in value.splitlines():
        line = line.strip()
        if not line:
            continue
        when, sep, note = line.partition(":")
        updates.append({"date": when.strip(), "note": note.strip()} if sep else {"date": "", "note": line})
    return updates


def _rows_from_table(path: Path, shown: str) -> tuple[list[dict[str, Any]], list[str]]:
    """Rows of a CSV/XLSX action log as dicts, and the spreadsheet row label of each (header = row 1)."""
    from lfjb.inputs.tables import (
        read_table,
        without_blank_rows,
        without_unnamed_empty_columns,
    )

    frame = without_unnamed_empty_columns(read_table(path, shown, dtype=str))
    frame.columns = [str(c).strip().lower().replace(" ", "_") for c in frame.columns]
    missing = [c for c in ("id", "title", "sub_group", "owner", "raised", "due", "status") if c not in frame.columns]
    unknown = [c for c in frame.columns if c not in ACTION_COLUMNS]
    problems = [Problem(shown, "row 1", c, "required column is missing.") for c in missing]
    problems += [
        Problem(shown, "row 1", c, "is not a column lfjb knows.", valid_ids_hint(c, ACTION_COLUMNS).replace("ids", "columns"))
        for c in unknown
    ]
    if problems:
        raise InputError(problems)
    frame = without_blank_rows(frame)  # keeps the original index: row = index + 2
    rows = []
    for record in frame.to_dict(orient="records"):
        # Control and bidi characters removed (lfjb.inputs.text): titles and owners reach the pack.
        row = {k: clean_text(v).strip() if isinstance(v, str) else v for k, v in record.items()}
        row = {k: v for k, v in row.items() if not (v is None or (isinstance(v, float) and pd.isna(v)) or v == "")}
        for key in ("drivers", "kpis"):
            if key in row:
                row[key] = _split_list(row[key])
        if "updates" in row:
            row["updates"] = _split_updates(row["updates"])
        rows.append(row)
    return rows, [f"row {i + 2}" for i in frame.index]


def load_action_log(path: Path, sub_group_ids: list[str]) -> ActionLog:
    """Read and validate an action log; InputError listing every problem in every row."""
    shown = display_path(path)
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        doc = read_yaml(path)
        if not isinstance(doc.data, dict) or not isinstance(doc.data.get("actions"), list):
            raise InputError([Problem(shown, "line 1", "actions", "should hold a list of actions under 'actions:'.")])
        unknown_top = [k for k in doc.data if k != "actions"]
        if unknown_top:
            raise InputError([Problem(shown, f"line {doc.line_of((k,))}", str(k), "is not a key lfjb knows; the file holds only 'actions:'.") for k in unknown_top])
        rows = doc.data["actions"]
        where = [f"line {doc.line_of(('actions', i))}" for i in range(len(rows))]
        locate = lambda i: (lambda loc: f"line {doc.line_of(('actions', i, *loc))}")  # noqa: E731
        key_prefix = lambda i: ("actions", i)  # noqa: E731
    elif suffix in SPREADSHEET_SUFFIXES:
        rows, where = _rows_from_table(path, shown)  # read only: the drop-downs are kept current by lfjb.init
        locate = lambda i: (lambda loc: where[i])  # noqa: E731
        key_prefix = lambda i: ()  # noqa: E731
    else:
        raise InputError([Problem(shown, "", "", f"is a '{suffix}' file; an action log must be .yaml, .csv (or .txt/.tsv as Excel saves text) or .xlsx.")])

    problems: list[Problem] = []
    actions: list[Action] = []
    first_seen: dict[str, str] = {}
    for i, row in enumerate(rows):
        if not isinstance(row, dict):
            problems.append(Problem(shown, where[i], "", "each action should be a set of 'key: value' lines."))
            continue
        try:
            action = Action.model_validate(row)
        except ValidationError as exc:
            found = problems_from_validation_error(exc, Action, shown, locate(i), key_prefix(i))
            if row.get("id") not in (None, ""):  # name the action as the secretariat knows it
                found = [replace(p, message=f"action {row['id']}: {p.message}") for p in found]
            problems += found
            continue
        def key(name: str, i: int = i) -> str:
            return f"actions[{i + 1}].{name}" if key_prefix(i) else name

        if action.sub_group not in sub_group_ids:
            problems.append(Problem(
                shown, locate(i)(("sub_group",)), key("sub_group"),
                f"'{action.sub_group}' is not one of this board's sub-groups (action {action.id}).",
                valid_ids_hint(action.sub_group, sub_group_ids),
            ))
        if action.id in first_seen:
            problems.append(Problem(shown, locate(i)(("id",)), key("id"), f"action id '{action.id}' is used twice (first at {first_seen[action.id]}); ids must be unique."))
        else:
            first_seen[action.id] = where[i]
        actions.append(action)
    if problems:
        raise InputError(problems)
    return ActionLog(path=path, actions=actions)
