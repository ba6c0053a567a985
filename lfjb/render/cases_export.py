"""The case tracker (`lfjb cases`) as CSV, JSON or XLSX: a working list for case progression officers.

It names cases, so it is never part of a board pack. CSV cells and XLSX text cannot run as formulas
(a case id or court name starting with '=' stays text), as for `lfjb actions`.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

import pandas as pd

from lfjb.colours import RAG_FILLS, RAG_INK
from lfjb.render.actions_export import spreadsheet_safe
from lfjb.vocab import DRIVERS

CSV_COLUMNS = ("case_id", "local_authority", "court", "issue_date", "age_weeks", "weeks_to_26", "hearings", "fcmh",
               "delay_drivers", "rag", "rag_reason")
# Headers a person reads in the spreadsheet, in CSV_COLUMNS order.
HEADERS = ("Case", "Local authority", "Court", "Issued", "Age (weeks)", "Weeks until 26 (negative: past)",
           "Hearings", "Further CMHs", "Delay drivers", "RAG", "Why")
RAG_WORDS = {"red": "Red", "amber": "Amber", "green": "Green"}
# GOV.UK tag colours (lfjb.colours): a light fill with dark text (at least 6:1), and the word in the cell too.
XLSX_RAG_FILL = {rag: colour.lstrip("#").upper() for rag, colour in RAG_FILLS.items()}
XLSX_RAG_INK = {rag: colour.lstrip("#").upper() for rag, colour in RAG_INK.items()}
COLUMN_WIDTHS = (14, 18, 26, 11, 9, 12, 9, 9, 40, 8, 60)


def _count(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def case_records(listed: pd.DataFrame) -> list[dict]:
    """The open-case list (lfjb.metrics.case_tracker.open_cases) as plain records, worst first;
    numbers unrounded, dates ISO, drivers as their ids."""
    return [
        {
            "case_id": str(row.case_id),
            "local_authority": str(row.local_authority),
            "court": None if row.court is None or pd.isna(row.court) else str(row.court),
            "issue_date": row.issue_date.isoformat(),
            "age_weeks": float(row.age_weeks),
            "weeks_to_26": float(row.weeks_to_26),
            "hearings": _count(row.hearings),
            "fcmh": _count(row.fcmh),
            "delay_drivers": list(row.delay_drivers or ()),
            "rag": row.rag,
            "rag_reason": row.rag_reason,
        }
        for row in listed.itertuples(index=False)  # the open cases of one board: hundreds, not millions
    ]


def cases_csv(records: list[dict]) -> str:
    """CSV text, spreadsheet-safe; weeks to one decimal place."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in records:
        shown = {**r, "age_weeks": round(r["age_weeks"], 1), "weeks_to_26": round(r["weeks_to_26"], 1)}
        writer.writerow([spreadsheet_safe(shown[c]) for c in CSV_COLUMNS])
    return buffer.getvalue()


def cases_json(records: list[dict], header: dict) -> str:
    """JSON: the board, the date, the rules and counts (`header`), then every open case."""
    return json.dumps({**header, "cases": records}, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


# What XML 1.0 cannot hold (controls, surrogates, U+FFFE/U+FFFF): the writer would stop on it. Inputs are
# cleaned when read (lfjb.inputs.text); this keeps the spreadsheet writable whatever reaches it.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _text_cell(cell, value: object) -> None:
    """Text that openpyxl must not read as a formula ('=...' stays text) nor refuse as XML."""
    cell.value = _NOT_XML.sub("", value) if isinstance(value, str) else value
    if cell.data_type == "f":
        cell.data_type = "s"


def cases_xlsx(records: list[dict], header: dict) -> bytes:
    """An XLSX workbook: the list on the first sheet (frozen header, a filter on every column, the
    RAG as a coloured cell with its word) and what it is on an 'About' sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "Open cases"
    for col, text in enumerate(HEADERS, start=1):
        cell = sheet.cell(row=1, column=col, value=text)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for i, r in enumerate(records, start=2):
        values = {**r, "delay_drivers": "; ".join(DRIVERS.get(d, d) for d in r["delay_drivers"])}
        for col, name in enumerate(CSV_COLUMNS, start=1):
            cell = sheet.cell(row=i, column=col)
            if name == "issue_date":
                cell.value = date.fromisoformat(values[name])
                cell.number_format = "dd/mm/yyyy"
            elif name in ("age_weeks", "weeks_to_26"):
                cell.value = round(values[name], 1)
                cell.number_format = "0.0"
            elif name in ("hearings", "fcmh"):
                cell.value = values[name]
            elif name == "rag":
                cell.value = RAG_WORDS[values[name]]
                cell.fill = PatternFill("solid", fgColor=XLSX_RAG_FILL[values[name]])
                cell.font = Font(bold=True, color=XLSX_RAG_INK[values[name]])
            else:
                _text_cell(cell, values[name])
            if name == "rag_reason":
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for col, width in enumerate(COLUMN_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(HEADERS))}{max(len(records) + 1, 2)}"

    about = book.create_sheet("About")
    lines = [
        ("Board", header["board_name"]),
        ("Open cases as at", date.fromisoformat(header["as_of"])),
        ("Open cases", header["open"]),
        *((f"{RAG_WORDS[r]}", f"{header['by_rag'][r]} cases: {header['rule_words'][r]}") for r in RAG_WORDS),
        ("Further CMHs", header["fcmh_note"]),
        ("Handling", "Names cases: for case progression only. Do not attach to a board pack."),
    ]
    for row, (label, value) in enumerate(lines, start=1):
        about.cell(row=row, column=1, value=label).font = Font(bold=True)
        cell = about.cell(row=row, column=2)
        _text_cell(cell, value)
        if isinstance(value, date):
            cell.number_format = "dd/mm/yyyy"
    about.column_dimensions["A"].width = 18
    about.column_dimensions["B"].width = 100
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
