"""Reading a written spreadsheet back (XLSX with openpyxl, ODS with odfpy) and checking it against the
Analysis Function's "Releasing statistics in spreadsheets" rules (imported by the tests here).

Both formats are read into the same shape, `Release`: each sheet's cells as a grid of values (None
for an empty cell, int or float for a number, str otherwise), its links, and its merged cells, so
one checker serves both and a rule cannot pass in one format and fail in the other unnoticed.
"""

from __future__ import annotations

import numbers
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

SHORTHAND = {"[c]", "[x]", "[z]", "[low]"}
UNIT = re.compile(r"\((number|weeks|%|percentage points|cases|open actions|days)\)$")


@dataclass
class Release:
    sheets: dict[str, list[list[object]]]
    links: dict[str, dict[tuple[int, int], str]] = field(default_factory=dict)  # sheet -> (row, col) -> sheet
    merged: dict[str, int] = field(default_factory=dict)
    marked_up_tables: dict[str, str] = field(default_factory=dict)  # sheet -> ref (xlsx only)

    @property
    def names(self) -> list[str]:
        return list(self.sheets)

    def cell(self, sheet: str, row: int, col: int) -> object:
        """1-based, as a spreadsheet counts."""
        grid = self.sheets[sheet]
        if row > len(grid) or col > len(grid[row - 1]):
            return None
        return grid[row - 1][col - 1]

    def table(self, sheet: str) -> tuple[list[str], list[list[object]]]:
        """(header row, data rows) of a table sheet: header in row 2, rows from 3."""
        grid = self.sheets[sheet]
        header = [h for h in grid[1] if h is not None]
        return header, [row[: len(header)] for row in grid[2:]]

    def column(self, sheet: str, header: str) -> list[object]:
        headers, rows = self.table(sheet)
        i = headers.index(header)
        return [r[i] for r in rows]

    def row_by(self, sheet: str, first: str, value: str) -> dict[str, object]:
        headers, rows = self.table(sheet)
        i = headers.index(first)
        matches = [r for r in rows if r[i] == value]
        assert len(matches) == 1, (sheet, value, len(matches))
        return dict(zip(headers, matches[0]))


def _trim(grid: list[list[object]]) -> list[list[object]]:
    rows = [list(r) for r in grid]
    for r in rows:
        while r and r[-1] is None:
            r.pop()
    while rows and not rows[-1]:
        rows.pop()
    return rows


def read_xlsx(path: Path) -> Release:
    from openpyxl import load_workbook

    book = load_workbook(path)
    release = Release({})
    for ws in book.worksheets:
        grid = [[c.value for c in row] for row in ws.iter_rows()]
        release.sheets[ws.title] = _trim(grid)
        release.merged[ws.title] = len(ws.merged_cells.ranges)
        release.links[ws.title] = {}
        for row in ws.iter_rows():
            for c in row:
                if c.hyperlink is not None:
                    location = c.hyperlink.location or (c.hyperlink.target or "").lstrip("#")
                    release.links[ws.title][(c.row, c.column)] = location.split("!")[0].strip("'")
        for name, table in ws.tables.items():
            release.marked_up_tables[ws.title] = table.ref if hasattr(table, "ref") else table
    return release


def read_ods(path: Path) -> Release:
    from odf import teletype
    from odf.namespaces import TABLENS, XLINKNS
    from odf.opendocument import load
    from odf.table import Table, TableRow
    from odf.text import A

    doc = load(str(path))
    release = Release({})
    for table in doc.spreadsheet.getElementsByType(Table):
        name = table.getAttribute("name")
        grid: list[list[object]] = []
        links: dict[tuple[int, int], str] = {}
        merged = 0
        for r, row in enumerate(table.getElementsByType(TableRow), start=1):
            repeat_rows = int(row.attributes.get((TABLENS, "number-rows-repeated"), 1))
            values: list[object] = []
            for cell in row.childNodes:
                if cell.qname[1] == "covered-table-cell":
                    merged += 1
                if cell.qname[1] not in ("table-cell", "covered-table-cell"):
                    continue
                if cell.attributes.get((TABLENS, "number-columns-spanned")) or cell.attributes.get((TABLENS, "number-rows-spanned")):
                    merged += 1
                repeat = int(cell.attributes.get((TABLENS, "number-columns-repeated"), 1))
                kind = cell.getAttribute("valuetype") if cell.qname[1] == "table-cell" else None
                if kind == "float":
                    number = float(cell.getAttribute("value"))
                    value: object = int(number) if number.is_integer() else number
                elif kind == "string":
                    value = teletype.extractText(cell)
                else:
                    value = None
                for link in cell.getElementsByType(A):
                    href = link.attributes.get((XLINKNS, "href"), "")
                    if href.startswith("#"):
                        links[(r, len(values) + 1)] = href[1:].split(".")[0].strip("'")
                values += [value] * min(repeat, 50)
            grid += [values] * min(repeat_rows, 50)
        release.sheets[name] = _trim(grid)
        release.links[name] = links
        release.merged[name] = merged
    return release


def read(path: Path) -> Release:
    return read_ods(path) if path.suffix == ".ods" else read_xlsx(path)


def is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def looks_numeric(text: str) -> bool:
    return bool(re.fullmatch(r"[−+-]?[\d,]+(\.\d+)?%?", text.strip()))


def check_release(path: Path, marking: str) -> Release:
    """Every rule of the guidance that can be checked on the file; returns what was read."""
    release = read(path)
    names = release.names
    # Cover first, then contents, then notes.
    assert names[:3] == ["Cover", "Contents", "Notes"], names
    cover = [row[0] for row in release.sheets["Cover"] if row]
    for heading in ("Period", "Source", "Protective marking", "How to read it"):
        assert heading in cover, heading
        assert cover[cover.index(heading) + 1], heading  # followed by its text
    assert cover[cover.index("Protective marking") + 1] == marking
    assert isinstance(cover[0], str) and cover[0]  # the title in A1
    # No merged cells anywhere.
    assert all(n == 0 for n in release.merged.values()), release.merged
    # Contents links to every sheet after it (the notes and each table), from column A.
    targets = {target for (row, col), target in release.links["Contents"].items() if col == 1}
    assert targets == set(names[2:]), set(names[2:]) ^ targets
    for (row, col), target in release.links["Contents"].items():
        assert release.cell("Contents", row, col) == target  # the link's text names its sheet
    used: set[str] = set()
    for position, name in enumerate(names[1:], start=0):
        grid = release.sheets[name]
        # The title in A1, alone in its row; the header row in row 2, every header text and unique.
        assert isinstance(grid[0][0], str) and len(grid[0]) == 1, (name, grid[0])
        if position >= 2:
            assert grid[0][0].startswith(f"Table {position - 1}: "), (name, grid[0][0])
        header = grid[1]
        assert header and all(isinstance(h, str) and h for h in header), (name, header)
        assert len(set(header)) == len(header), (name, header)
        for number, row in enumerate(grid[2:], start=3):
            # No blank cell, row or column inside the table, and nothing beside it.
            assert len(row) == len(header), (name, number, row)
            assert all(v is not None and v != "" for v in row), (name, number, row)
            for h, v in zip(header, row):
                if isinstance(v, str):
                    if v.startswith("["):
                        assert v in SHORTHAND or v.startswith("[note"), (name, number, h, v)
                        used |= {v} & SHORTHAND
                    # Numbers stored as numbers: no number written as text.
                    assert not looks_numeric(v) or not UNIT.search(h), (name, number, h, v)
                if UNIT.search(h) and not h.startswith("Rows"):
                    assert is_number(v) or v in SHORTHAND, (name, number, h, v)
    # Every shorthand used is explained on the notes sheet.
    notes = {row[0]: row[1] for row in release.sheets["Notes"][2:]}
    assert used <= set(notes), used - set(notes)
    assert all(len(notes[s]) > 20 for s in used)
    return release


def check_pandas(path: Path, release: Release) -> dict:
    """pandas reads every sheet with its header on row 2, and the unit columns come back as numbers
    (or shorthand)."""
    import pandas as pd

    frames = pd.read_excel(path, sheet_name=None, header=1, engine="odf" if path.suffix == ".ods" else "openpyxl")
    assert list(frames)[1:] == release.names[1:]
    for name, frame in list(frames.items())[1:]:
        headers, rows = release.table(name)
        assert list(frame.columns) == headers, name
        assert len(frame) == len(rows), name
        for h in headers:
            if UNIT.search(h) and not h.startswith("Rows"):
                for v in frame[h]:
                    assert isinstance(v, numbers.Real) or v in SHORTHAND, (name, h, v)
    return frames


def zip_names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        return z.namelist()
