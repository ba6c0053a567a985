"""The action list as CSV or JSON for `lfjb actions` (spreadsheet-safe)."""

from __future__ import annotations

import csv
import io
import json

CSV_COLUMNS = ("id", "title", "sub_group", "owner", "raised", "due", "status", "days_overdue", "days_since_update", "completed", "theme", "drivers", "kpis", "latest_note")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> str:
    """A cell that cannot run as a formula: text starting with = + - @ gets a leading apostrophe
    (OWASP CSV injection advice). Numbers are left alone."""
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    if value is None:
        return ""
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def actions_csv(rows: list[dict]) -> str:
    """CSV text of action rows (as produced by metrics.actions.action_row)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow([spreadsheet_safe(row.get(c)) for c in CSV_COLUMNS])
    return buffer.getvalue()


def actions_json(summary: dict, slug: str) -> str:
    return json.dumps({"board": slug, **summary}, indent=2, ensure_ascii=False) + "\n"
