"""The workbook model and its layout (lfjb/render/spreadsheet/workbook.py), written by both writers.

A hand-built workbook of one table whose cells are known:

    Table 1: Cases by board [note 2]        <- A1 (note 1 is the workbook's own)
    Board   | Cases (number) | Average (weeks)
    North   | 1234           | 26.456
    South   | [c]            | [z]
    All     | 1500           | [low]
"""

from __future__ import annotations

import pytest
from spreadsheet_rules import check_pandas, check_release, read

from lfjb.render.spreadsheet import spreadsheet_files
from lfjb.render.spreadsheet.workbook import (
    COUNT,
    HEADER_ROW,
    LOW,
    NOT_APPLICABLE,
    NOT_AVAILABLE,
    ONE_PLACE,
    SUPPRESSED,
    Column,
    Table,
    Workbook,
    figure,
    layout,
)


def _workbook() -> Workbook:
    table = Table("Cases", "Cases by board", [Column("Board"), Column("Cases (number)", COUNT), Column("Average (weeks)", ONE_PLACE)],
                  [["North", 1234, 26.456], ["South", SUPPRESSED, NOT_APPLICABLE], ["All", 1500, LOW]],
                  notes=["South's count is suppressed."])
    return Workbook("Test release", "March 2025", "Made up", "OFFICIAL", ["Read it."], [table], notes=["A general note."])


@pytest.fixture(scope="module", params=["ods", "xlsx"])
def written(request, tmp_path_factory):
    path = tmp_path_factory.mktemp("wb") / f"release.{request.param}"
    path.write_bytes(spreadsheet_files(_workbook(), [request.param])[request.param])
    return path


def test_both_files_keep_every_rule(written):
    release = check_release(written, "OFFICIAL")
    check_pandas(written, release)
    assert release.names == ["Cover", "Contents", "Notes", "Cases"]


def test_the_table_starts_at_a1_with_its_title_then_the_header(written):
    release = read(written)
    assert release.cell("Cases", 1, 1) == "Table 1: Cases by board [note 2]"
    assert HEADER_ROW == 2
    assert [release.cell("Cases", 2, c) for c in (1, 2, 3)] == ["Board", "Cases (number)", "Average (weeks)"]
    # Numbers stored as numbers, unrounded; what is not a number is shorthand.
    assert release.cell("Cases", 3, 2) == 1234 and release.cell("Cases", 3, 3) == pytest.approx(26.456)
    assert [release.cell("Cases", 4, c) for c in (2, 3)] == ["[c]", "[z]"]
    assert release.cell("Cases", 5, 3) == "[low]"


def test_notes_explain_exactly_the_shorthand_used_then_the_numbered_notes(written):
    release = read(written)
    _, rows = release.table("Notes")
    assert [r[0] for r in rows] == ["[c]", "[z]", "[low]", "[note 1]", "[note 2]"]  # no [x]: not used
    assert rows[3][1] == "A general note." and rows[4][1] == "South's count is suppressed."


def test_the_contents_links_to_the_notes_and_each_table(written):
    release = read(written)
    assert set(release.links["Contents"].values()) == {"Notes", "Cases"}
    assert release.row_by("Contents", "Sheet", "Cases")["Rows in the table (number)"] == 3


def test_the_excel_file_marks_up_the_table_and_shows_rounded_numbers(tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "r.xlsx"
    path.write_bytes(spreadsheet_files(_workbook(), ["xlsx"])["xlsx"])
    ws = load_workbook(path)["Cases"]
    assert ws.tables["Cases_table"].ref == "A2:C5"  # the header row and the three rows
    assert ws["B3"].number_format == "#,##0" and ws["C3"].number_format == "#,##0.0"


def test_the_ods_file_shows_rounded_numbers_and_keeps_the_value():
    from lfjb.render.spreadsheet.workbook import Cell

    cell = layout(_workbook())[3].rows[2][2]
    assert cell == Cell(26.456, places=1) and cell.shown == "26.5"
    assert Cell(1234, places=0).shown == "1,234"


@pytest.mark.parametrize(("rows", "words"), [
    ([["North", None, 1.0]], "blank cell"),
    ([["", 1, 1.0]], "blank cell"),
    ([["North", "12", 1.0]], "text '12' in a number column"),
    ([["North", 1]], "2 cells for 3 columns"),
])
def test_a_table_refuses_what_would_break_a_rule(rows, words):
    with pytest.raises(ValueError, match=words):
        Table("T", "t", [Column("A"), Column("B (number)", COUNT), Column("C (weeks)", ONE_PLACE)], rows)


def test_a_table_refuses_repeated_headers_and_bad_sheet_names():
    with pytest.raises(ValueError, match="unique"):
        Table("T", "t", [Column("A"), Column("A")], [])
    with pytest.raises(ValueError, match="sheet name"):
        Table("Two words", "t", [Column("A")], [])


def test_figure_picks_the_shorthand():
    assert figure(3.5) == 3.5 and figure(0) == 0
    assert figure(None) is NOT_AVAILABLE and figure(None, missing=NOT_APPLICABLE) is NOT_APPLICABLE
    assert figure(12, suppressed=True) is SUPPRESSED and figure("withheld") is SUPPRESSED


def _merge_title(wb):
    wb["Cases"].merge_cells("A1:C1")


def _number_as_text(wb):
    wb["Cases"]["B3"] = "1234"


def _blank_cell(wb):
    wb["Cases"]["C3"] = None


def _unlinked_table(wb):
    wb["Contents"]["A4"].hyperlink = None


def _notes_first(wb):
    wb.move_sheet("Notes", offset=-2)


def _unexplained_shorthand(wb):
    wb["Cases"]["C3"] = "[x]"


def _header_in_row_three(wb):
    wb["Cases"].insert_rows(2)


@pytest.mark.parametrize("spoil", [_merge_title, _number_as_text, _blank_cell, _unlinked_table, _notes_first,
                                   _unexplained_shorthand, _header_in_row_three])
def test_the_rule_checker_catches_a_spoilt_file(tmp_path, spoil):
    """The checker the comparison and pack tests rely on fails on a file that breaks one rule."""
    from openpyxl import load_workbook

    path = tmp_path / "r.xlsx"
    path.write_bytes(spreadsheet_files(_workbook(), ["xlsx"])["xlsx"])
    check_release(path, "OFFICIAL")
    book = load_workbook(path)
    spoil(book)
    book.save(path)
    with pytest.raises(AssertionError):
        check_release(path, "OFFICIAL")


def test_headers_differing_only_in_case_are_refused():
    """Excel's table markup treats 'Cases' and 'cases' as one column name."""
    with pytest.raises(ValueError, match="unique"):
        Table("T", "t", [Column("Cases (number)", COUNT), Column("cases (number)", COUNT)], [])


def test_the_ods_file_marks_up_the_table_as_a_range_with_a_header(tmp_path):
    """LibreOffice's database range: what it turns into an Excel table when it saves as .xlsx."""
    import zipfile

    from lfjb.render.spreadsheet.ods import column_letters

    path = tmp_path / "r.ods"
    path.write_bytes(spreadsheet_files(_workbook(), ["ods"])["ods"])
    content = zipfile.ZipFile(path).read("content.xml").decode("utf-8")
    assert ('<table:database-range table:name="Cases_table" table:contains-header="true" '
            'table:target-range-address="Cases.A2:Cases.C5"/>') in content
    assert [column_letters(n) for n in (1, 3, 26, 27, 52)] == ["A", "C", "Z", "AA", "AZ"]


FORMULAS = ["=HYPERLINK(\"http://x.example\",\"click\")", "=1+2", "+1+2", "-1+2", "@SUM(A1)"]


def _formula_workbook() -> Workbook:
    """Text a board typed that a spreadsheet would read as a formula: in a title, a header and cells."""
    table = Table("Actions", "=1+2 actions", [Column("=Owner"), Column("Cases (number)", COUNT)],
                  [[text, i] for i, text in enumerate(FORMULAS)])
    return Workbook("=Board pack", "March 2025", "Made up", "OFFICIAL", ["Read it."], [table])


def test_the_excel_file_writes_text_that_looks_like_a_formula_as_text(tmp_path):
    from openpyxl import load_workbook

    import warnings

    path = tmp_path / "f.xlsx"
    with warnings.catch_warnings():  # openpyxl warned "column headings must be strings" on the terminal
        warnings.simplefilter("error")
        path.write_bytes(spreadsheet_files(_formula_workbook(), ["xlsx"])["xlsx"])
    book = load_workbook(path)
    formulas = [c.coordinate for ws in book for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []
    ws = book["Actions"]
    assert ws["A1"].value.startswith("Table 1: =1+2 actions")
    assert ws["A2"].value == "=Owner"
    assert [ws.cell(row=r, column=1).value for r in range(3, 3 + len(FORMULAS))] == FORMULAS
    assert ws["B3"].value == 0 and ws["B3"].data_type == "n"  # numbers stay numbers


def test_the_ods_file_writes_text_that_looks_like_a_formula_as_text(tmp_path):
    path = tmp_path / "f.ods"
    path.write_bytes(spreadsheet_files(_formula_workbook(), ["ods"])["ods"])
    release = read(path)
    assert [release.cell("Actions", r, 1) for r in range(3, 3 + len(FORMULAS))] == FORMULAS
    import zipfile

    assert "table:formula" not in zipfile.ZipFile(path).read("content.xml").decode()
