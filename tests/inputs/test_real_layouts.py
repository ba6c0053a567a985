"""Extracts in the layouts boards really receive them, read through nothing but an `inputs:` block.

The fixtures live in tests/fixtures/real_layouts/ and are written by make_fixtures.py in that folder
(run `.venv/bin/python tests/fixtures/real_layouts/make_fixtures.py` to regenerate). Each folder's
`expected.json` holds the known answers, computed from the generator's own records of each case (the
truth it then wrote out in the folder's layout), never by reading the files back with lfjb:

- court_tracker/  a court's XLSX tracker (sheet "Tracker" second, after "Notes"): Excel date cells and
                  typed dd/mm/yyyy text, delay reasons in the court's own words, outcomes as words.
- mi_export/      a SQL Server MI export: DfE and ONS codes, NULLs, `2023-01-05 00:00:00.000` dates,
                  outcome codes; no fcmh or delay_drivers columns.
- child_level/    one row per child (`rows: child`); one case's rows disagree on the issue date.
- month_first/    Walsall's rows are month-first; month_first_fixed.yaml declares it in `date_formats`.
- messy_las/      Wolverhampton written four ways; Staffordshire (outside the board); Westshire (unknown).
"""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from lfjb.cli import app
from lfjb.inputs.errors import InputError
from lfjb.inputs.loader import load_board

REAL = Path(__file__).parents[1] / "fixtures" / "real_layouts"
BOARD_LAS = ["Dudley", "Sandwell", "Walsall", "Wolverhampton"]

# (folder, terms of reference) for every board that must load cleanly.
LOADS = [
    ("court_tracker", "court_tracker.yaml"),
    ("mi_export", "mi_export.yaml"),
    ("child_level", "child_level.yaml"),
    ("month_first", "month_first_fixed.yaml"),
    ("messy_las", "messy_las.yaml"),
]
# Boards whose every row is designed to be usable: nothing may be set aside.
CLEAN = [board for board in LOADS if board[0] != "child_level"]


def expected(folder: str) -> dict:
    """The generator's known answers for a folder (make_fixtures.py, expected_summary and friends)."""
    return json.loads((REAL / folder / "expected.json").read_text(encoding="utf-8"))


def load(folder: str, yaml_name: str):
    return load_board(REAL / folder / yaml_name)


def _day(value) -> str | None:
    return None if pd.isna(value) else pd.Timestamp(value).date().isoformat()


def _count(value) -> int | None:
    return None if pd.isna(value) else int(value)


def as_read(board, keys) -> dict[str, dict]:
    """Every case as lfjb read it, in the shape of expected.json's `case_detail` (only `keys`)."""
    convert = {
        "local_authority": str,
        "issue_date": _day,
        "disposal_date": _day,
        "children": int,
        "hearings": _count,
        "fcmh": _count,
        "outcome": str,
        "delay_drivers": lambda drivers: sorted(drivers),
    }
    return {
        str(row["case_id"]): {key: convert[key](row[key]) for key in keys}
        for _, row in board.extract.cases.iterrows()
    }


def open_at_end_of_march(cases: pd.DataFrame) -> int:
    """SPEC.md `open_end` for 2025-03: issued by 31 March and not disposed by then."""
    end = pd.Timestamp("2025-03-31")
    return int(((cases["issue_date"] <= end) & ~(cases["disposal_date"] <= end)).sum())


# ------------------------------------------------------------------------------------------ every board


@pytest.mark.parametrize(("folder", "yaml_name"), LOADS, ids=[f for f, _ in LOADS])
def test_board_loads_and_its_counts_are_the_generators(folder, yaml_name):
    want = expected(folder)
    board = load(folder, yaml_name)  # no InputError
    cases = board.extract.cases
    # expected.json "cases": the cases generated (child_level: without the one set aside by design).
    assert len(cases) == want["cases"]
    assert cases["case_id"].is_unique
    # expected.json "open_at_2025_03_31": generated cases with no disposal date (all disposals are by 31 March 2025).
    assert open_at_end_of_march(cases) == want["open_at_2025_03_31"]
    assert int(cases["disposal_date"].isna().sum()) == want["open_at_2025_03_31"]
    # expected.json "children": the generator's children per case, summed (child_level: rows per case).
    assert int(cases["children"].sum()) == want["children"]
    # expected.json "cases_by_la": the authority each case was generated for, before it was written
    # as a name, code or council title. The board's four authorities must match exactly.
    by_la = Counter(cases["local_authority"])
    assert {la: by_la.get(la, 0) for la in BOARD_LAS} == {la: want["cases_by_la"].get(la, 0) for la in BOARD_LAS}
    open_by_la = Counter(cases.loc[cases["disposal_date"].isna(), "local_authority"])
    assert {la: open_by_la.get(la, 0) for la in BOARD_LAS} == {la: want["open_by_la"].get(la, 0) for la in BOARD_LAS}


@pytest.mark.parametrize(("folder", "yaml_name"), LOADS, ids=[f for f, _ in LOADS])
def test_every_case_reads_as_the_generator_wrote_it(folder, yaml_name):
    """Case by case: dates (Excel cells, text, ISO with a time, dd-Mon-yyyy, month-first Walsall),
    authorities, counts, outcomes and drivers, against expected.json "case_detail"."""
    want = expected(folder)["case_detail"]
    keys = list(next(iter(want.values())))
    assert as_read(load(folder, yaml_name), keys) == want


@pytest.mark.parametrize(("folder", "yaml_name"), [b for b in LOADS if b[0] != "mi_export"], ids=[f for f, _ in LOADS if f != "mi_export"])
def test_driver_counts_are_the_generators(folder, yaml_name):
    # expected.json "driver_cases": for each driver id, the generated cases citing it (once per case).
    # court_tracker writes them as the court's words, half needing `inputs.values`; the others as ids.
    cases = load(folder, yaml_name).extract.cases
    got = Counter(d for drivers in cases["delay_drivers"] for d in set(drivers))
    assert {d: got.get(d, 0) for d in expected(folder)["driver_cases"]} == expected(folder)["driver_cases"]


@pytest.mark.parametrize(("folder", "yaml_name"), [b for b in LOADS if expected(b[0])["outcomes"]], ids=[f for f, _ in LOADS if expected(f)["outcomes"]])
def test_outcome_counts_are_the_generators(folder, yaml_name):
    # expected.json "outcomes": canonical outcome ids of the disposed cases. The tracker wrote them as
    # words ("Care Order", "SGO"), the MI export as codes ("CO", "WDN") mapped in `inputs.values`.
    cases = load(folder, yaml_name).extract.cases
    assert dict(Counter(o for o in cases["outcome"] if o)) == expected(folder)["outcomes"]
    assert (cases.loc[cases["disposal_date"].isna(), "outcome"] == "").all()


@pytest.mark.parametrize(("folder", "yaml_name"), CLEAN, ids=[f for f, _ in CLEAN])
def test_no_row_is_set_aside_when_none_was_designed_to_be(folder, yaml_name):
    dq = load(folder, yaml_name).extract.data_quality
    # expected.json "rows_read": rows the generator wrote below the header.
    assert dq.rows_read == expected(folder)["rows_read"]
    assert dq.problems == []


# ------------------------------------------------------------------------------------------ court tracker


def test_court_tracker_reads_the_second_sheet_and_both_kinds_of_date():
    want = expected("court_tracker")
    board = load("court_tracker", "court_tracker.yaml")
    # The "Tracker" sheet, not the "Notes" sheet before it: 110 rows (expected.json "rows_read").
    assert board.extract.data_quality.rows_read == want["rows_read"]
    # Some date cells are typed text (expected.json "text_date_cells"), the rest real Excel dates;
    # all read to the generator's dates (see test_every_case_reads_as_the_generator_wrote_it).
    assert want["text_date_cells"] > 0
    assert pd.api.types.is_datetime64_any_dtype(board.extract.cases["issue_date"])
    assert pd.api.types.is_datetime64_any_dtype(board.extract.cases["disposal_date"])


def test_an_unmapped_delay_word_is_an_error_naming_it(tmp_path):
    source = REAL / "court_tracker"
    for name in ("tracker.xlsx", "actions.yaml"):
        shutil.copy(source / name, tmp_path / name)
    text = (source / "court_tracker.yaml").read_text(encoding="utf-8")
    line = "      Expert delay: expert_assessments\n"
    assert line in text
    (tmp_path / "court_tracker.yaml").write_text(text.replace(line, ""), encoding="utf-8")
    # expected.json "driver_words": the tracker really uses "Expert delay".
    assert expected("court_tracker")["driver_words"]["Expert delay"] > 0

    with pytest.raises(InputError) as caught:
        load_board(tmp_path / "court_tracker.yaml")
    naming = [p for p in caught.value.problems if "Expert delay" in str(p)]
    assert naming, [str(p) for p in caught.value.problems]
    assert any("inputs.values" in p.hint for p in naming)
    # Only the word left unmapped is a problem: the other two tracker words still have their entries.
    assert not any("Court availability" in str(p) or "Late family member" in str(p) for p in caught.value.problems)


# ------------------------------------------------------------------------------------------ MI export


def test_mi_export_has_no_fcmh_or_drivers_and_that_is_fine():
    want = expected("mi_export")
    board = load("mi_export", "mi_export.yaml")
    extract = board.extract
    # The export has no fcmh or delay_drivers columns (nor court, pre_proceedings, experts).
    assert {"fcmh", "delay_drivers"} <= set(extract.missing_columns)
    assert set(extract.missing_columns) == set(want["missing_columns"])
    assert extract.cases["fcmh"].isna().all()
    # NULL DisposalDate is an open case, NULL HearingCount a missing count: neither is a problem.
    assert extract.data_quality.problems == []
    assert int(extract.cases["disposal_date"].isna().sum()) == want["open_at_2025_03_31"]
    # expected.json "null_hearing_rows": HearingCount written NULL.
    assert int(extract.cases["hearings"].isna().sum()) == want["null_hearing_rows"]


def test_mi_export_codes_resolve_to_authorities():
    # DfE codes 332/333/335/336 on most rows and ONS codes (E08...) on expected.json "ons_code_rows" rows.
    want = expected("mi_export")
    cases = load("mi_export", "mi_export.yaml").extract.cases
    assert want["ons_code_rows"] > 0
    assert set(cases["local_authority"]) == set(BOARD_LAS)
    assert dict(Counter(cases["local_authority"])) == want["cases_by_la"]


# ------------------------------------------------------------------------------------------ child level


def test_child_level_rows_make_cases_and_the_disagreeing_case_is_set_aside():
    want = expected("child_level")
    board = load("child_level", "child_level.yaml")
    extract = board.extract
    # 104 child rows (expected.json "rows_read") make 48 cases, of which CN1017's rows disagree on
    # the issue date (make_fixtures.py DISAGREEING_CASE), leaving 47 (expected.json "cases").
    assert extract.data_quality.rows_read == want["rows_read"]
    assert want["cases_in_file"] == want["cases"] + 1
    assert want["set_aside_case"] not in set(extract.cases["case_id"])
    problems = extract.data_quality.problems
    assert problems, "the disagreeing case must be listed in data_quality"
    assert {p["case_id"] for p in problems} == {want["set_aside_case"]}
    assert {p["row"] for p in problems} <= set(want["set_aside_rows"])
    assert any(p["column"] == "issue_date" for p in problems)
    # No children column: children = the rows of each case (checked case by case in case_detail).
    assert "children" in set(extract.cases.columns)


# ------------------------------------------------------------------------------------------ month first


def test_month_first_walsall_is_an_error_pointing_at_date_formats():
    want = expected("month_first")
    with pytest.raises(InputError) as caught:
        load("month_first", "month_first.yaml")
    # Every one of Walsall's 25 rows (expected.json "walsall_rows") has an issue date with a day after
    # the 12th written month-first (e.g. 01/22/2023), so cannot be read day-first.
    n = want["walsall_rows"]
    found = [
        p for p in caught.value.problems
        if "Walsall" in str(p) and re.search(rf"\b{n}\b", str(p)) and "date_formats" in p.hint
    ]
    assert found, [str(p) for p in caught.value.problems]


def test_month_first_fixed_reads_walsall_month_first_and_the_rest_day_first():
    want = expected("month_first")
    cases = load("month_first", "month_first_fixed.yaml").extract.cases.set_index("case_id")
    walsall = {cid: d for cid, d in want["case_detail"].items() if d["local_authority"] == "Walsall"}
    assert len(walsall) == want["walsall_rows"]
    for case_id, truth in walsall.items():
        assert _day(cases.loc[case_id, "issue_date"]) == truth["issue_date"], case_id
        assert _day(cases.loc[case_id, "disposal_date"]) == truth["disposal_date"], case_id
    # The other authorities stay day-first (covered case by case in case_detail); spot check one.
    others = {cid: d for cid, d in want["case_detail"].items() if d["local_authority"] != "Walsall"}
    case_id, truth = next(iter(others.items()))
    assert _day(cases.loc[case_id, "issue_date"]) == truth["issue_date"]


# ------------------------------------------------------------------------------------------ messy LAs


def test_messy_las_every_wolverhampton_spelling_resolves():
    want = expected("messy_las")
    cases = load("messy_las", "messy_las.yaml").extract.cases.set_index("case_id")
    # expected.json "wolverhampton_written_as": 8 rows each of "City of Wolverhampton Council",
    # "Wolverhampton", "WOLVERHAMPTON " and "E08000031".
    assert set(want["wolverhampton_written_as"].values()) == {"City of Wolverhampton Council", "Wolverhampton", "WOLVERHAMPTON ", "E08000031"}
    for case_id, written in want["wolverhampton_written_as"].items():
        assert cases.loc[case_id, "local_authority"] == "Wolverhampton", written
    assert int((cases["local_authority"] == "Wolverhampton").sum()) == want["cases_by_la"]["Wolverhampton"]


def test_messy_las_outside_and_unknown_authorities_are_warnings_not_rejections():
    want = expected("messy_las")
    extract = load("messy_las", "messy_las.yaml").extract
    warnings = extract.data_quality.warnings
    # 3 rows for Staffordshire, a real authority outside the board's four (expected.json "outside_board").
    assert any("Staffordshire" in w and re.search(r"\b3\b", w) for w in warnings), warnings
    # 2 rows for Westshire, which is no authority at all (expected.json "not_known").
    assert any("Westshire" in w and re.search(r"\b2\b", w) for w in warnings), warnings
    # Still counted: all 80 rows are cases, none set aside.
    cases = extract.cases.set_index("case_id")
    assert len(cases) == want["cases"] == want["rows_read"]
    assert extract.data_quality.problems == []
    assert (cases.loc[want["outside_board_cases"], "local_authority"] == "Staffordshire").all()
    assert set(want["not_known_cases"]) <= set(cases.index)
    assert not cases.loc[want["not_known_cases"], "local_authority"].isin(BOARD_LAS).any()


# ------------------------------------------------------------------------------------------ command line

runner = CliRunner()
CLI_BOARDS = [("court_tracker", "court_tracker.yaml"), ("mi_export", "mi_export.yaml"), ("child_level", "child_level.yaml")]


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.mark.parametrize(("folder", "yaml_name"), CLI_BOARDS, ids=[f for f, _ in CLI_BOARDS])
def test_cli_validate_passes(folder, yaml_name):
    result = run("validate", "--board", REAL / folder / yaml_name)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("folder", "yaml_name"), CLI_BOARDS, ids=[f for f, _ in CLI_BOARDS])
def test_cli_pack_json_for_march_2025(folder, yaml_name, tmp_path):
    want = expected(folder)
    slug = want["board"]
    result = run("pack", "--month", "2025-03", "--board", REAL / folder / yaml_name, "--out", tmp_path, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / slug / "2025-03" / f"{slug}-pack-2025-03.json").read_text())
    # expected.json "month_2025_03": issued, children issued and disposed in March 2025, open at its end.
    kpis = data["kpis"]
    assert {k: kpis[k] for k in want["month_2025_03"]} == want["month_2025_03"]
    if folder == "mi_export":
        # No fcmh column in the MI export: the figure is null ("not in this board's extract"), never 0.
        assert kpis["mean_fcmh"] is None
    if folder == "child_level":
        # 104 child rows read; the disagreeing case's rows are set aside, so the pack says so.
        assert data["data_quality"]["rows_read"] == want["rows_read"]
        assert data["data_quality"]["rows_rejected"] == len(want["set_aside_rows"])


def test_cli_compare_with_both_fcsq_files_as_moj_publishes_them(tmp_path):
    # "Done when" of the Real data in issue: the three extract shapes and MoJ's two FCSQ files go
    # through compare without editing any file. All three boards are in the Wolverhampton DFJ area,
    # so the reconciliation sets each beside FCSQ's Wolverhampton DFJ rows.
    data_dir = Path(__file__).parents[2] / "lfjb" / "data"
    boards = [arg for folder, name in CLI_BOARDS for arg in ("--board", REAL / folder / name)]
    result = run("compare", "--month", "2025-03", *boards, "--out", tmp_path, "--format", "json,html",
                 "--fcsq", data_dir / "fcsq_sample.csv", "--fcsq", data_dir / "fcsq_timeliness_sample.csv")
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "comparison" / "2025-03" / "comparison-2025-03.json").read_text())
    assert data["benchmark"]["kind"] == "national"
    assert data["reconciliation"]["available"] is True
    assert len(data["boards"]) == 3
    # The MI export records no delay drivers: a dash in the drivers table (None), never 0, and it is
    # left out of the totals; its league row still stands with the measures it has.
    rows = data["drivers"]["rows"]
    assert all(r["by_board"]["mi-export"] is None for r in rows)
    assert data["drivers"]["not_recorded_names"]
    assert all(r["total"] == r["by_board"]["court-tracker"] + r["by_board"]["child-level"] for r in rows)
    # The same boards published (disclosure control) and from their packs go through too.
    assert run("compare", "--month", "2025-03", *boards, "--out", tmp_path / "pub", "--format", "json", "--publish").exit_code == 0
    packs = tmp_path / "packs"
    for folder, name in CLI_BOARDS:
        assert run("pack", "--month", "2025-03", "--board", REAL / folder / name, "--out", packs, "--format", "json").exit_code == 0
    result = run("compare", "--month", "2025-03", "--from-packs", packs, "--out", tmp_path / "fp", "--format", "json,html")
    assert result.exit_code == 0, result.output


# --- A case id shifted into another column is kept out of the pack by its shape, not only when a row has it -----


@pytest.mark.parametrize("folder, yaml_name", LOADS)
def test_no_cell_of_a_real_layout_is_taken_for_a_case_id_but_the_ids(folder, yaml_name):
    from lfjb.inputs.tables import read_table

    board = load(folder, yaml_name)
    quality = board.extract.data_quality
    assert len(quality.case_id_shapes) == 1  # each layout numbers its cases one way
    names_a_case, _ = quality._case_id_filter()
    source = board.config.inputs.sources()[0]
    raw = read_table(board.file.input_path(source.file), folder, sheet=source.sheet)
    id_column = source.columns.get("case_id", "case_id")
    for column in raw.columns:
        if column == id_column:
            continue
        # Free text and dates alike: a place, a court, an outcome, a reason for delay, an ONS or DfE code, a child id.
        assert [v for v in raw[column].dropna().unique() if names_a_case(v)] == [], column


SHIFTED = [("messy_las", "messy_las.yaml", "extract.csv", "ML999"), ("month_first", "month_first_fixed.yaml", "extract.csv", "MF999"),
           ("mi_export", "mi_export.yaml", "mi_export.csv", "319999")]


@pytest.mark.parametrize("folder, yaml_name, file, stray", SHIFTED)
def test_a_case_id_no_row_has_is_kept_out_of_the_pack_by_its_shape(tmp_path, folder, yaml_name, file, stray):
    shutil.copytree(REAL / folder, tmp_path / folder)
    path = tmp_path / folder / file
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    # Row 2's local authority and disposal date hold the id of a case that is not in the extract (cells shifted).
    cells = lines[1].split(",")
    cells[1] = stray
    cells[3] = stray
    lines[1] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    board = load_board(tmp_path / folder / yaml_name)
    assert stray not in set(board.extract.cases["local_authority"])  # not a row of the by-authority table
    dq = board.extract.data_quality.to_dict()
    assert stray not in json.dumps(dq), header
    assert any("a case id in the local authority column" in w for w in dq["warnings"])
    [problem] = [p for p in dq["problems"] if p["row"] == 2]  # the row is set aside for its disposal date, not echoed
    assert (problem["column"], problem["value"]) == ("disposal_date", None)
