"""Accessible spreadsheets (`--format ods,xlsx`) of a board pack or of the comparison (issue 22).

workbook.py holds the model and the layout rules (the Analysis Function's "Releasing statistics in
spreadsheets"), pack.py and comparison.py build a Workbook from a PackModel or a ComparisonModel,
and xlsx.py and ods.py write it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where used: a pack run without ods or xlsx loads none of this
    from lfjb.compare.model import ComparisonModel
    from lfjb.pack import PackModel
    from lfjb.render.spreadsheet.workbook import Workbook

SPREADSHEET_FORMATS = ("ods", "xlsx")


def spreadsheet_files(workbook: Workbook, formats: Sequence[str]) -> dict[str, bytes]:
    """{format: file bytes} for each of "ods" and "xlsx" in `formats`."""
    files: dict[str, bytes] = {}
    if "ods" in formats:
        from lfjb.render.spreadsheet.ods import ods_bytes

        files["ods"] = ods_bytes(workbook)
    if "xlsx" in formats:
        from lfjb.render.spreadsheet.xlsx import xlsx_bytes

        files["xlsx"] = xlsx_bytes(workbook)
    return files


def pack_spreadsheets(pack: PackModel, formats: Sequence[str]) -> dict[str, bytes]:
    """The pack's figures as spreadsheets, for each of "ods" and "xlsx" in `formats` ({} for neither)."""
    if not set(formats) & set(SPREADSHEET_FORMATS):
        return {}
    from lfjb.render.spreadsheet.pack import pack_workbook

    return spreadsheet_files(pack_workbook(pack), formats)


def comparison_spreadsheets(model: ComparisonModel, formats: Sequence[str]) -> dict[str, bytes]:
    """The comparison's tables as spreadsheets, for each of "ods" and "xlsx" in `formats` ({} for neither)."""
    if not set(formats) & set(SPREADSHEET_FORMATS):
        return {}
    from lfjb.render.spreadsheet.comparison import comparison_workbook

    return spreadsheet_files(comparison_workbook(model), formats)
