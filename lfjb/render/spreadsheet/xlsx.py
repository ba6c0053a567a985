"""The laid-out workbook (lfjb.render.spreadsheet.workbook) as an Excel file, with openpyxl.

Only copies cells: every rule of the layout lives in workbook.py. Each table is marked up as an
Excel table (the checklist's "mark up tables"), named after its sheet; links on the contents
sheet go to A1 of each sheet.
"""

from __future__ import annotations

import io
from copy import copy
from datetime import datetime

from openpyxl import Workbook as ExcelWorkbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.table import Table, TableStyleInfo

from lfjb.render.spreadsheet.workbook import HEADER, HEADING, LINK, TITLE, Cell, Sheet, Workbook, layout

FONTS = {TITLE: Font(bold=True, size=14), HEADING: Font(bold=True, size=12), HEADER: Font(bold=True),
         LINK: Font(color="0563C1", underline="single")}
LINE_HEIGHT = 15  # points: one line of Excel's default 11 pt font
# A fixed creation time, so that the same figures give the same document properties.
CREATED = datetime(2000, 1, 1)


def number_format(places: int) -> str:
    return "#,##0" if places == 0 else "#,##0." + "0" * places


WRAP = Alignment(wrap_text=True, vertical="top")


def _style(target, cell: Cell, made: dict) -> None:
    """Font, number format and wrapping for `cell`: set once per kind of cell, then copied (openpyxl's
    own way of copying a cell's style; setting each attribute costs a look-up in the workbook's style
    lists, most of the time of a large workbook)."""
    key = (cell.style, cell.places if cell.is_number else None)
    if key in made:
        target._style = copy(made[key])
        return
    if cell.style in FONTS:
        target.font = FONTS[cell.style]
    if cell.is_number:
        target.number_format = number_format(cell.places or 0)
    if cell.style != TITLE:
        target.alignment = WRAP
    made[key] = copy(target._style)


def _write_sheet(ws, sheet: Sheet, made: dict) -> None:
    for r, row in enumerate(sheet.rows, start=1):
        for c, cell in enumerate(row, start=1):
            if cell is None:
                continue
            target = ws.cell(row=r, column=c, value=cell.value)
            if isinstance(cell.value, str):
                # Text is text: openpyxl would store "=1+2" or a board's "=HYPERLINK(...)" as a live
                # formula (formula injection); a string cell keeps exactly what was typed.
                target.data_type = "s"
            _style(target, cell, made)
            if cell.link:
                target.hyperlink = Hyperlink(ref=target.coordinate, location=f"'{cell.link}'!A1", display=str(cell.value))
    for c, width in enumerate(sheet.widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    for r, lines in enumerate(sheet.lines, start=1):
        if lines > 1:
            ws.row_dimensions[r].height = LINE_HEIGHT * lines
    if sheet.table_rows and sheet.table_columns:
        first, last = sheet.table_rows
        if last > first:  # Excel refuses a table with a header and no rows
            ref = f"A{first}:{get_column_letter(sheet.table_columns)}{last}"
            table = Table(displayName=sheet.table_name, ref=ref)
            table.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=False)
            ws.add_table(table)


def xlsx_bytes(workbook: Workbook) -> bytes:
    """The workbook as an .xlsx file's bytes: Cover, Contents, Notes, then one sheet per table."""
    book = ExcelWorkbook()
    book.remove(book.active)
    made: dict = {}
    for sheet in layout(workbook):
        _write_sheet(book.create_sheet(sheet.name), sheet, made)
    book.active = 0
    book.properties.title = workbook.title
    book.properties.creator = "lfjb"
    book.properties.created = book.properties.modified = CREATED
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
