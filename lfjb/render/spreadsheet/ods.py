"""The laid-out workbook (lfjb.render.spreadsheet.workbook) as an OpenDocument spreadsheet, with odfpy.

Only copies cells: every rule of the layout lives in workbook.py. A number is a float cell (its
value unrounded) with a number style giving its decimal places; text and shorthand are string
cells; a link is a text:a to "#Sheet.A1", as LibreOffice writes links between sheets; each table is
a database range with a header row (the ODS counterpart of an Excel table's markup).
"""

from __future__ import annotations

import io

from odf.namespaces import OFFICENS, TABLENS
from odf.number import Number, NumberStyle
from odf.opendocument import OpenDocumentSpreadsheet
from odf.style import (
    ParagraphProperties,
    Style,
    TableCellProperties,
    TableColumnProperties,
    TableRowProperties,
    TextProperties,
)
from odf.table import DatabaseRange, DatabaseRanges, Table, TableCell, TableColumn, TableRow
from odf.text import A, P

from lfjb.render.spreadsheet.workbook import HEADER, HEADING, LINK, TITLE, Cell, Sheet, Workbook, layout

CM_PER_CHARACTER = 0.21  # a character of the default 10 pt font is about 2 mm wide
CM_PER_LINE = 0.45  # a line of the default 10 pt font


class _Styles:
    """The document's cell styles, made once: one per text style and one per number of decimal places."""

    def __init__(self, doc: OpenDocumentSpreadsheet) -> None:
        self.doc = doc
        self.text: dict[str, Style] = {}
        for name, props in ((TITLE, {"fontweight": "bold", "fontsize": "14pt"}),
                            (HEADING, {"fontweight": "bold", "fontsize": "12pt"}),
                            (HEADER, {"fontweight": "bold"}), (LINK, {"color": "#0563c1", "textunderlinestyle": "solid",
                                                                      "textunderlinewidth": "auto", "textunderlinecolor": "font-color"}),
                            ("body", {})):
            style = Style(name=f"lfjb-{name}", family="table-cell")
            if name != TITLE:
                style.addElement(TableCellProperties(wrapoption="wrap", verticalalign="top"))
            if props:
                style.addElement(TextProperties(**props))
            doc.automaticstyles.addElement(style)
            self.text[name] = style
        self.numbers: dict[int, Style] = {}
        self.columns: dict[float, Style] = {}
        self.rows: dict[int, Style] = {}

    def number(self, places: int) -> Style:
        if places not in self.numbers:
            data = NumberStyle(name=f"lfjb-n{places}")
            data.addElement(Number(decimalplaces=places, minintegerdigits=1, grouping="true"))
            self.doc.automaticstyles.addElement(data)
            style = Style(name=f"lfjb-number{places}", family="table-cell", datastylename=data)
            style.addElement(TableCellProperties(verticalalign="top"))
            style.addElement(ParagraphProperties(textalign="end"))
            self.doc.automaticstyles.addElement(style)
            self.numbers[places] = style
        return self.numbers[places]

    def row(self, lines: int) -> Style:
        if lines not in self.rows:
            style = Style(name=f"lfjb-row{lines}", family="table-row")
            style.addElement(TableRowProperties(rowheight=f"{lines * CM_PER_LINE:.2f}cm", useoptimalrowheight="false"))
            self.doc.automaticstyles.addElement(style)
            self.rows[lines] = style
        return self.rows[lines]

    def column(self, width: float) -> Style:
        key = round(width, 1)
        if key not in self.columns:
            style = Style(name=f"lfjb-col{len(self.columns)}", family="table-column")
            style.addElement(TableColumnProperties(columnwidth=f"{key * CM_PER_CHARACTER:.2f}cm"))
            self.doc.automaticstyles.addElement(style)
            self.columns[key] = style
        return self.columns[key]


def _table_cell(attributes: dict) -> TableCell:
    """A table:table-cell with these (namespace, name) attributes, already valid: set on the element's
    attribute map directly, because odfpy's check of each value (a style name against its pattern) was
    most of the time of a 43-board comparison's ~8,000 cells."""
    out = TableCell(check_grammar=False)
    out.attributes.update(attributes)
    return out


def _cell(cell: Cell | None, styles: _Styles) -> TableCell:
    if cell is None:
        return TableCell()
    if cell.is_number:
        style = styles.number(cell.places or 0).getAttribute("name")
        out = _table_cell({(OFFICENS, "value-type"): "float", (OFFICENS, "value"): repr(float(cell.value)),
                           (TABLENS, "style-name"): style})
        out.addElement(P(text=cell.shown))
        return out
    style = styles.text.get(cell.style, styles.text["body"]).getAttribute("name")
    out = _table_cell({(OFFICENS, "value-type"): "string", (TABLENS, "style-name"): style})
    paragraph = P()
    if cell.link:
        paragraph.addElement(A(href=f"#{cell.link}.A1", type="simple", text=str(cell.value)))
    else:
        paragraph.addText(str(cell.value))
    out.addElement(paragraph)
    return out


def _write_sheet(doc: OpenDocumentSpreadsheet, sheet: Sheet, styles: _Styles) -> None:
    table = Table(name=sheet.name)
    for width in sheet.widths:
        table.addElement(TableColumn(stylename=styles.column(width)))
    for row, lines in zip(sheet.rows, sheet.lines):
        out = TableRow(stylename=styles.row(lines)) if lines > 1 else TableRow()
        for cell in row:
            out.addElement(_cell(cell, styles))
        table.addElement(out)
    doc.spreadsheet.addElement(table)


def column_letters(number: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _database_range(sheet: Sheet) -> DatabaseRange | None:
    """The table marked up as a named range with a header row (what LibreOffice calls a database
    range: the ODS counterpart of an Excel table)."""
    if not sheet.table_rows or not sheet.table_columns:
        return None
    first, last = sheet.table_rows
    end = column_letters(sheet.table_columns)
    return DatabaseRange(name=sheet.table_name, containsheader="true",
                         targetrangeaddress=f"{sheet.name}.A{first}:{sheet.name}.{end}{last}")


def ods_bytes(workbook: Workbook) -> bytes:
    """The workbook as an .ods file's bytes: Cover, Contents, Notes, then one sheet per table."""
    from odf.dc import Title

    doc = OpenDocumentSpreadsheet()
    doc.meta.addElement(Title(text=workbook.title))
    styles = _Styles(doc)
    sheets = layout(workbook)
    for sheet in sheets:
        _write_sheet(doc, sheet, styles)
    ranges = [r for r in (_database_range(s) for s in sheets) if r is not None]
    if ranges:
        holder = DatabaseRanges()
        for r in ranges:
            holder.addElement(r)
        doc.spreadsheet.addElement(holder)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
