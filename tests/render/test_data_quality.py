"""The pack's data-quality section (templates/appendix.html): bounded however many rows were set aside
(issue 24.14: 20,000 rows gave an 852-page PDF), rows named by number, never by case (issue 20.6)."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

from lfjb.inputs import load_board
from lfjb.inputs.extract import MAX_EXAMPLE_ROWS, DataQuality
from lfjb.month import Month
from lfjb.pack import build_pack
from lfjb.render.html import render_html

TINY = Path(__file__).parent.parent / "fixtures" / "tiny" / "tiny.yaml"


def _many_problems() -> DataQuality:
    # 20,000 rows set aside: rows 2-15,001 with an unreadable issue date, rows 15,002-20,001 repeating
    # an earlier case id (each said with its own first row, grouped under one reason).
    problems = [{"row": r, "case_id": f"WV22C{r:05d}", "column": "issue_date", "value": "31/02/2025",
                 "message": "the issue date is not a date"} for r in range(2, 15_002)]
    problems += [{"row": r, "case_id": "WV22C00002", "column": "case_id", "value": "WV22C00002",
                  "message": "the case id repeats row 2", "reason": "the case id repeats an earlier row"} for r in range(15_002, 20_002)]
    return DataQuality(rows_read=20_000, problems=problems, file="extract.csv")


def test_reasons_are_grouped_with_a_few_example_rows():
    reasons = _many_problems().to_dict()["reasons"]
    # Known answer: two reasons, the commoner first, each with its first ten rows.
    assert [(r["reason"], r["rows"]) for r in reasons] == [("the issue date is not a date", 15_000),
                                                          ("the case id repeats an earlier row", 5_000)]
    assert reasons[0]["examples"] == list(range(2, 2 + MAX_EXAMPLE_ROWS))
    assert reasons[1]["examples"] == list(range(15_002, 15_002 + MAX_EXAMPLE_ROWS))


def test_the_json_keeps_every_row_by_number_and_no_case_id():
    dq = _many_problems().to_dict()
    assert len(dq["problems"]) == 20_000 and dq["rows_rejected"] == 20_000
    assert dq["problems"][0] == {"file": "extract.csv", "row": 2, "column": "issue_date", "value": "31/02/2025",
                                 "message": "the issue date is not a date"}
    assert "WV22C" not in json.dumps(dq)  # neither as a case id nor as the value of the case id column


def test_the_appendix_is_bounded_and_names_no_case():
    pack = build_pack(load_board(TINY), Month(2025, 3))
    pack = dataclasses.replace(pack, data_quality=_many_problems().to_dict())
    html = render_html(pack)
    section = html.split('id="app-data-quality"')[1].split("</section>")[0]
    assert section.count("<tr") == 1 + 2  # the header and one row per reason, not 20,000
    assert "15,000" in section and "14,990 more" in section and "4,990 more" in section
    assert "WV22C" not in html
    assert re.search(r"2, 3, 4, 5, 6, 7, 8, 9, 10, 11\b", section)


def test_the_summary_and_the_appendix_say_rows_of_which_file():
    # Issue 21's several sources added every file's rows into one "3 of 14,180"; the words say rows of what.
    pack = build_pack(load_board(TINY), Month(2025, 3))
    words = "3 of 1,808 rows of court_list.csv; none of the 12,372 rows of the 5 other files"
    pack = dataclasses.replace(pack, data_quality={**pack.data_quality, "rows_rejected": 3, "rows_read": 14_180,
                                                   "rows_rejected_words": words})
    html = render_html(pack)
    # The tile's figure is the count; the words (rows of which file) are its note, not a paragraph in tile type.
    assert re.search(r"Data rows set aside</dt>\s*<dd>3</dd>\s*<dd class=\"note\">" + re.escape(words) + "</dd>", html)
    assert f"left out of every figure: {words}." in html.split('id="app-data-quality"')[1]
    assert "14,180" not in html
