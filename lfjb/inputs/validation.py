"""Turn pydantic's validation errors into Problems a secretariat can act on; and what makes a board's
inputs fit to report on beyond each file being valid (an extract with a usable case)."""

from __future__ import annotations

import typing
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from lfjb.inputs.errors import Problem, did_you_mean, display_path, valid_ids_hint

if TYPE_CHECKING:
    from lfjb.inputs.extract import Extract


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside an annotation such as `list[Person] | None`, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found:
            return found
    return None


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model class that owns the last key of `loc` (for 'did you mean' on unknown keys)."""
    current: type[BaseModel] | None = model
    for part in loc[:-1]:
        if current is None:
            return None
        if isinstance(part, str):
            field = current.model_fields.get(part)
            current = _model_in(field.annotation) if field else None
    return current


def _key_path(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _describe(value: Any) -> str:
    if isinstance(value, list | dict) and len(repr(value)) > 60:
        return f"a {'list' if isinstance(value, list) else 'set of keys'}"
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "..."


def problems_from_validation_error(
    exc: ValidationError,
    model: type[BaseModel],
    file: str,
    where: Callable[[tuple], str],
    key_prefix: tuple = (),
) -> list[Problem]:
    """One Problem per pydantic error, with the key path, what was found and what was expected."""
    problems = []
    for err in exc.errors(include_url=False):
        # Drop pydantic's internal loc parts (union branch names such as 'function-before[...]').
        loc = tuple(p for p in err["loc"] if isinstance(p, int) or "[" not in str(p))
        key = _key_path((*key_prefix, *loc))
        kind = err["type"]
        hint = ""
        if kind == "extra_forbidden":
            owner = _model_at(model, loc)
            fields = list(owner.model_fields) if owner else []
            message = "is not a key lfjb knows."
            hint = did_you_mean(str(loc[-1]), fields) or (
                "Valid keys here: " + ", ".join(fields) + "." if fields else ""
            )
        elif kind == "missing":
            message = "is required but missing."
        elif kind == "literal_error":
            expected = err.get("ctx", {}).get("expected", "")
            choices = [c.strip().strip("'") for c in expected.replace(" or ", ",").split(",") if c.strip()]
            message = f"{_describe(err['input'])} is not a valid value."
            hint = valid_ids_hint(str(err["input"]), choices)
        elif kind.startswith("date_") or kind.startswith("datetime_"):
            message = f"{_describe(err['input'])} is not a date."
            hint = "Write dates as 12/03/2025 or 2025-03-12."
        else:
            msg = err["msg"]
            if msg.startswith("Value error, "):
                msg = msg[len("Value error, ") :]
            msg, _, rest = msg.partition(". ")
            hint = rest.strip()
            found = "" if isinstance(err["input"], list | dict) else f"; found {_describe(err['input'])}"
            message = f"{msg[0].lower()}{msg[1:].rstrip('.')}{found}."
        problems.append((loc, Problem(file, where(loc), key, message, hint)))
    return [p for _, p in sorted(problems, key=lambda lp: _line_number(lp[1].where))]


def _line_number(where: str) -> int:
    digits = "".join(ch for ch in where if ch.isdigit())
    return int(digits) if digits else 0




def unusable_extract_problems(extract: Extract) -> list[Problem]:
    """The problem with a board whose extract has no case lfjb can use (a new board's empty template, or
    every row set aside): there is nothing to report, so `validate` fails it as `pack` would. The one place
    that says so, for both."""
    if len(extract.cases):
        return []
    shown = display_path(extract.path)
    dq = extract.data_quality
    if dq.rows_read == 0:
        return [Problem(shown, "", "", "has no cases yet (only its header row), so there is nothing to report.",
                        "Save the case-level extract here, one row per case under the same headers, then run lfjb validate again.")]
    first = "; ".join(f"row {p['row']}: {p['message']}" for p in dq.problems[:3])
    return [Problem(shown, "", "", f"has {dq.rows_read:,} row{'s' if dq.rows_read != 1 else ''} but no case lfjb can use: "
                    "every row was set aside, so there is nothing to report.",
                    f"The first rows set aside: {first}. Run lfjb validate --strict to list every row.")]
