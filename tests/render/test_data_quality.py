"""The pack's data-quality section (templates/appendix.html): bounded however many rows were set aside
(issue 24.14: 20,000 rows gave an 852-page PDF), rows named by number, never by case (issue 20.6)."""

from __future__ import annotations

import dataclasses
import functools
import json
import re
from pathlib import Path

from lfjb.inputs import load_board
from lfjb.inputs.extract import MAX_EXAMPLE_ROWS, DataQuality
from lfjb.month import Month
from lfjb.pack import build_pack
from lfjb.pack_model import freeze
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


@functools.cache
def _wolverhampton():
    return build_pack(load_board(Path(__file__).resolve().parents[2] / "board_config" / "wolverhampton.yaml"), Month(2025, 3))


def test_the_appendix_names_files_by_name_and_fields_in_words():
    # Wolverhampton's appendix printed "sample_data/wolverhampton/court_list.csv" and the columns' ids
    # ("disposal_date", "children"); the chair reads the file's own name and the field in words. The rows stay
    # here, where the secretariat finds them.
    pack = _wolverhampton()
    html = render_html(pack)
    section = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.split('id="app-data-quality"')[1].split('id="app-km"')[0]))
    assert "sample_data" not in section and not re.search(r"[A-Za-z_]/[A-Za-z_]", section), section  # no folder
    assert not re.search(r"\b[a-z]+(?:_[a-z0-9]+)+\b(?![.\w])", section), section
    assert "walsall_tracker.csv 410 408 0 disposal date: 1 (row 119)" in section
    assert "sandwell_tracker.csv 574 572 2 (rows 574, 575)" in section
    assert "The number of children is negative number of children 1 court_list.csv: 790" in section
    # The JSON keeps its machine keys and paths.
    assert pack.data_quality["reasons"][0]["column"] == "children"
    assert pack.data_quality["sources"][0]["file"].endswith("wolverhampton/court_list.csv")


def test_the_pre_proceedings_page_says_why_log_rows_were_set_aside_without_rows_or_folders():
    # The page listed "rows 12 (...), 40 (...)" and the log's path; it now gives the reasons with their counts and
    # the file's own name, and leaves the rows to validating the inputs.
    pack = _wolverhampton()
    log = {**pack.pre_proceedings["log"], "data_quality": freeze({
        **pack.pre_proceedings["log"]["data_quality"], "rows_rejected": 3,
        "problems": [{"file": "sample_data/wolverhampton/pre_proceedings.csv", "row": r, "column": "end_date", "value": None,
                      "message": "the end date is before the letter date"} for r in (12, 40)]
                    + [{"file": "sample_data/wolverhampton/pre_proceedings.csv", "row": 77, "column": "end_reason", "value": None,
                        "message": "an end reason is given but the end date is empty"}],
        "reasons": [{"file": "sample_data/wolverhampton/pre_proceedings.csv", "column": "end_date",
                     "reason": "the end date is before the letter date", "rows": 2, "examples": [12, 40]},
                    {"file": "sample_data/wolverhampton/pre_proceedings.csv", "column": "end_reason",
                     "reason": "an end reason is given but the end date is empty", "rows": 1, "examples": [77]}]})}
    html = render_html(dataclasses.replace(pack, pre_proceedings=freeze({**pack.pre_proceedings, "log": log})))
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert ("3 rows of the pre-proceedings log (pre_proceedings.csv) were set aside and left out: 2 because the end date "
            "is before the letter date; 1 because an end reason is given but the end date is empty. Validating the inputs "
            "lists them by row.") in text
    assert "sample_data" not in html and "rows 12" not in text


def test_the_appendix_reasons_start_with_a_capital():
    pack = build_pack(load_board(TINY), Month(2025, 3))
    reasons = [{"file": "extract.csv", "column": "children", "reason": "the number of children is negative",
                "rows": 2, "examples": [4, 9]}]
    pack = dataclasses.replace(pack, data_quality={**pack.data_quality, "reasons": reasons})
    section = render_html(pack).split('id="app-data-quality"')[1]
    assert ">The number of children is negative</th>" in section
