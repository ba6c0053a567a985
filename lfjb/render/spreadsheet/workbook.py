"""An accessible spreadsheet, written once for both file formats: the workbook model and its layout.

The rules are the Analysis Function's "Releasing statistics in spreadsheets" (and its checklist of
the basics), as SPEC.md fixes them for `--format ods,xlsx`:
- the cover sheet comes first (title, period, source, protective marking, how to read it), then a
  contents sheet linking every sheet, then a notes sheet;
- one table per sheet, starting at A1: the table's title in A1, its header row in row 2 (HEADER_ROW),
  its rows from row 3, with no merged cells and no blank row, column or cell inside it;
- each header says the unit ("(weeks)", "(%)", "(number)"), and headers are unique within a table;
- numbers are stored as numbers (unrounded, as in the JSON; a display format rounds them), and a
  cell that holds no number holds a shorthand, each explained on the notes sheet: [c] suppressed
  under --publish, [x] not available, [z] not applicable, [low] withheld for too few cases.

`Workbook` is what lfjb.render.spreadsheet.pack and .comparison build from a PackModel or a
ComparisonModel; `layout` turns it into `Sheet`s, cell by cell, and the two writers
(lfjb.render.spreadsheet.xlsx and .ods) only copy those cells into a file.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from lfjb.compare.suppression import SUPPRESSED_MARK


@dataclass(frozen=True)
class Shorthand:
    """What a cell holds instead of a number, and what it means (for the notes sheet)."""

    code: str
    meaning: str


# The Analysis Function's "Using symbols and shorthand": letters in square brackets, which a screen
# reader reads out, never symbols such as * or -.
SUPPRESSED = Shorthand(SUPPRESSED_MARK, "Confidential: withheld by disclosure control (--publish), so that no count of "
                                        "1 to 5, and no figure from which one could be worked out, is published.")
NOT_AVAILABLE = Shorthand("[x]", "Not available: the figure is not in the board's extract, pack or log.")
NOT_APPLICABLE = Shorthand("[z]", "Not applicable: there is nothing to measure (for example an average over no cases, "
                                  "a median across boards, which cannot be combined, or a rank for a total row).")
LOW = Shorthand("[low]", "Withheld: the figure rests on too few cases to be meaningful.")
SHORTHANDS = (SUPPRESSED, NOT_AVAILABLE, NOT_APPLICABLE, LOW)

Value = str | int | float | Shorthand

# Column kinds: text, or a number shown with this many decimal places (the value itself is unrounded),
# or AUTO for a column whose rows are in different units: whole numbers with none, others with one.
TEXT = "text"
AUTO = "auto"
COUNT = 0
ONE_PLACE = 1
TWO_PLACES = 2
THREE_PLACES = 3

TITLE_ROW = 1
HEADER_ROW = 2  # where every table's header row is (tests and readers can rely on it)
FIRST_DATA_ROW = 3
MAX_SHEET_NAME = 31  # Excel's limit on a worksheet's name
MAX_WIDTH = 60  # characters: wider text wraps


@dataclass(frozen=True)
class Column:
    """A table column: its header (with the unit) and how its numbers are shown (`places`), or TEXT."""

    header: str
    places: int | str = TEXT


@dataclass
class Table:
    """One table on its own sheet. `name` is the sheet's name (short, no spaces); `description` says
    what a row is, on the contents sheet; `notes` are this table's notes, numbered on the notes sheet
    and named at the end of the title ("[note 2]")."""

    name: str
    title: str
    columns: list[Column]
    rows: list[list[Value]]
    description: str = ""
    notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", self.name) or len(self.name) > MAX_SHEET_NAME:
            raise ValueError(f"sheet name {self.name!r}: letters, digits and _ only, at most {MAX_SHEET_NAME}")
        headers = [c.header for c in self.columns]
        if len({h.casefold() for h in headers}) != len(headers) or not all(headers):  # Excel ignores case
            raise ValueError(f"table {self.name}: headers must be unique and not empty: {headers}")
        for number, row in enumerate(self.rows, start=1):
            if len(row) != len(self.columns):
                raise ValueError(f"table {self.name}, row {number}: {len(row)} cells for {len(self.columns)} columns")
            for value, column in zip(row, self.columns):
                if value is None or value == "" or isinstance(value, bool):
                    raise ValueError(f"table {self.name}, row {number}, {column.header!r}: a blank cell (use a shorthand)")
                if column.places != TEXT and isinstance(value, str):
                    raise ValueError(f"table {self.name}, row {number}, {column.header!r}: text {value!r} in a number column")


@dataclass
class Workbook:
    """A spreadsheet release: cover, contents and notes, then one sheet per table."""

    title: str
    period: str
    source: str
    marking: str
    how_to_read: list[str]
    tables: list[Table]
    notes: list[str] = field(default_factory=list)  # general notes, before the tables' own

    def __post_init__(self) -> None:
        names = [t.name.lower() for t in self.tables] + ["cover", "contents", "notes"]
        if len(set(names)) != len(names):
            raise ValueError(f"sheet names must be unique: {names}")


def figure(value: float | int | str | None, *, suppressed: bool = False, missing: Shorthand = NOT_AVAILABLE) -> Value:
    """A number cell: the value, SUPPRESSED when disclosure control hid it (or the model says
    "withheld"), `missing` when there is none."""
    if suppressed or value == "withheld":
        return SUPPRESSED
    if value is None:
        return missing
    return value


def text(value: str | None, missing: Shorthand = NOT_AVAILABLE) -> Value:
    """A text cell, or `missing` when there is no text."""
    return missing if value is None or str(value).strip() == "" else str(value)


# --- layout: the cells of each sheet ------------------------------------------------------------------------

TITLE = "title"
HEADING = "heading"
HEADER = "header"
BODY = "body"
LINK = "link"


@dataclass(frozen=True)
class Cell:
    """One cell as written: its value, its style (TITLE, HEADING, HEADER, BODY, LINK), the decimal
    places of a number, and for a link the sheet it goes to."""

    value: str | int | float
    style: str = BODY
    places: int | None = None
    link: str | None = None

    @property
    def is_number(self) -> bool:
        return isinstance(self.value, (int, float)) and not isinstance(self.value, bool)

    @property
    def shown(self) -> str:
        """The text a reader sees (numbers rounded to their places, with thousands separators)."""
        if self.is_number:
            return f"{self.value:,.{self.places or 0}f}"
        return str(self.value)


@dataclass
class Sheet:
    """A worksheet laid out: rows of cells from A1 (a None cell is empty: only outside a table),
    column widths in characters, and where its marked-up table is (header row to last row)."""

    name: str
    rows: list[list[Cell | None]]
    widths: list[float]
    table_name: str | None = None
    table_rows: tuple[int, int] | None = None  # first (header) and last row, 1-based
    table_columns: int = 0

    @property
    def lines(self) -> list[int]:
        """Lines of text each row needs once wrapped at its column widths, so a writer can set row
        heights (a spreadsheet does not always grow a row to fit wrapped text when it opens a file)."""
        out = []
        for row in self.rows:
            needed = 1
            for i, cell in enumerate(row):
                if cell is not None and cell.style != TITLE and i < len(self.widths):
                    needed = max(needed, math.ceil(len(cell.shown) / max(self.widths[i] - 2, 1)))
            out.append(needed)
        return out


def _cells(values: Sequence[Value], columns: Sequence[Column]) -> list[Cell | None]:
    out: list[Cell | None] = []
    for value, column in zip(values, columns):
        if isinstance(value, Shorthand):
            out.append(Cell(value.code))
        elif column.places == TEXT:
            out.append(Cell(str(value)))
        elif column.places == AUTO:
            out.append(Cell(value, places=0 if isinstance(value, int) else ONE_PLACE))
        else:
            out.append(Cell(value, places=int(column.places)))
    return out


def _widths(rows: list[list[Cell | None]], skip_rows: int = 1) -> list[float]:
    count = max((len(r) for r in rows), default=1)
    widths = [8.0] * count
    for row in rows[skip_rows:]:
        for i, cell in enumerate(row):
            if cell is not None:
                size = len(cell.shown) * (0.55 if cell.style == HEADER else 1.0)  # headers wrap onto ~2 lines
                widths[i] = min(MAX_WIDTH, max(widths[i], size + 2))
    return widths


def _table_sheet(name: str, title: str, columns: Sequence[Column], values: Sequence[Sequence[Value]],
                 links: Sequence[str | None] = ()) -> Sheet:
    rows: list[list[Cell | None]] = [[Cell(title, TITLE)], [Cell(c.header, HEADER) for c in columns]]
    for number, row in enumerate(values):
        cells = _cells(row, columns)
        link = links[number] if number < len(links) else None
        if link and cells[0] is not None:
            cells[0] = Cell(cells[0].value, LINK, link=link)
        rows.append(cells)
    return Sheet(name, rows, _widths(rows), table_name=f"{name}_table",
                 table_rows=(HEADER_ROW, HEADER_ROW + len(values)), table_columns=len(columns))


def numbered_notes(workbook: Workbook) -> tuple[list[str], dict[str, list[int]]]:
    """Every note in order (the workbook's, then each table's) and each table's note numbers."""
    notes = list(workbook.notes)
    by_table: dict[str, list[int]] = {}
    for table in workbook.tables:
        for note in table.notes:
            notes.append(note)
            by_table.setdefault(table.name, []).append(len(notes))
    return notes, by_table


def shorthands_used(workbook: Workbook) -> list[Shorthand]:
    """The shorthands any table holds, in SHORTHANDS order."""
    used = {v.code for t in workbook.tables for row in t.rows for v in row if isinstance(v, Shorthand)}
    return [s for s in SHORTHANDS if s.code in used]


def titled(table: Table, numbers: Sequence[int], position: int) -> str:
    """The title as shown in A1: 'Table N: title [note 1] [note 2]'."""
    marks = "".join(f" [note {n}]" for n in numbers)
    return f"Table {position}: {table.title}{marks}"


def layout(workbook: Workbook) -> list[Sheet]:
    """The workbook's sheets in order, cell by cell: Cover, Contents, Notes, then the tables."""
    notes, note_numbers = numbered_notes(workbook)
    titles = {t.name: titled(t, note_numbers.get(t.name, []), i) for i, t in enumerate(workbook.tables, start=1)}

    cover: list[list[Cell | None]] = [[Cell(workbook.title, TITLE)]]
    for heading, lines in (("Period", [workbook.period]), ("Source", [workbook.source]),
                           ("Protective marking", [workbook.marking]), ("How to read it", workbook.how_to_read),
                           ("Contents", ["The Contents sheet lists every table, with a link to it. Notes, and what "
                                         "each shorthand in square brackets means, are on the Notes sheet."])):
        cover.append([Cell(heading, HEADING)])
        cover += [[Cell(line)] for line in lines]
    cover_sheet = Sheet("Cover", cover, [100.0])

    contents_columns = [Column("Sheet"), Column("Title"), Column("About the table"), Column("Rows in the table (number)", COUNT)]
    contents_rows: list[list[Value]] = [["Notes", "Notes", "What each shorthand in square brackets means, and the notes "
                                         "that the tables' titles refer to.", len(notes) + len(shorthands_used(workbook))]]
    contents_rows += [[t.name, titles[t.name], t.description or "See the table's title.", len(t.rows)] for t in workbook.tables]
    contents = _table_sheet("Contents", "Contents", contents_columns, contents_rows,
                            links=["Notes"] + [t.name for t in workbook.tables])

    notes_columns = [Column("Note or shorthand"), Column("What it means")]
    notes_rows: list[list[Value]] = [[s.code, s.meaning] for s in shorthands_used(workbook)]
    notes_rows += [[f"[note {n}]", words] for n, words in enumerate(notes, start=1)]
    notes_sheet = _table_sheet("Notes", "Notes", notes_columns, notes_rows)
    notes_sheet.widths = [18.0, 100.0]

    sheets = [cover_sheet, contents, notes_sheet]
    for table in workbook.tables:
        sheets.append(_table_sheet(table.name, titles[table.name], table.columns, table.rows))
    return sheets
