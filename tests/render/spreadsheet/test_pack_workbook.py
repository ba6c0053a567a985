"""A board pack's figures as spreadsheets (lfjb/render/spreadsheet/pack.py): the sample Wolverhampton
pack for March 2025, each figure checked against the pack JSON it comes from (the same PackModel)."""

from __future__ import annotations

from pathlib import Path

import pytest
from spreadsheet_rules import check_pandas, check_release, read

from lfjb.workflows.pack import build_packs, load_boards, render_pack
from lfjb.month import Month
from lfjb.render.files import pack_paths
from lfjb.vocab import KPIS

REPO = Path(__file__).resolve().parents[3]
MONTH = Month(2025, 3)
TABLES = ["KPIs", "Trend", "Quarterly", "Local_authorities", "Durations", "Journey", "SPC", "SPC_points", "Drivers", "Driver_actions", "Actions",
          "Overdue_actions", "Case_tracker", "Pre_proceedings", "Pre_proceedings_log", "Outcomes"]


@pytest.fixture(scope="module")
def pack():
    return build_packs(load_boards(["wolverhampton"], REPO / "board_config"), MONTH)[0]


@pytest.fixture(scope="module")
def written(pack, tmp_path_factory):
    files = render_pack(pack, ["ods", "xlsx"])  # the pack workflow's own call
    assert set(files) == {"ods", "xlsx"}
    folder = tmp_path_factory.mktemp("pack")
    paths = pack_paths(folder, "wolverhampton", MONTH)
    for fmt in ("ods", "xlsx"):
        paths[fmt].parent.mkdir(parents=True, exist_ok=True)
        paths[fmt].write_bytes(files[fmt])
    return paths


def test_the_spreadsheets_sit_beside_the_json_with_its_name(written):
    assert written["ods"].name == "wolverhampton-pack-2025-03.ods"
    assert written["xlsx"].name == "wolverhampton-pack-2025-03.xlsx"
    assert written["ods"].parent == written["json"].parent


@pytest.mark.parametrize("fmt", ["ods", "xlsx"])
def test_every_rule_and_every_table(written, pack, fmt):
    release = check_release(written[fmt], pack.board["protective_marking"])
    check_pandas(written[fmt], release)
    assert release.names[3:] == TABLES
    assert release.cell("Cover", 1, 1) == "Wolverhampton Local Family Justice Board: board pack figures, March 2025"


@pytest.mark.parametrize("fmt", ["ods", "xlsx"])
def test_figures_are_the_packs_unrounded(written, pack, fmt):
    release = read(written[fmt])
    data = pack.to_json()
    for kpi in ("issued", "mean_weeks", "pct_within_26", "open_over_52"):
        row = release.row_by("KPIs", "Measure", KPIS[kpi]["label"])
        assert row["March 2025"] == pytest.approx(data["kpis"][kpi], rel=1e-12)
        assert row["12 months to March 2025"] == pytest.approx(data["rolling_12"][kpi], rel=1e-12)
    trend = release.table("Trend")[1]
    assert [r[0] for r in trend] == [p["month"] for p in data["trend"]]  # the 24 months, oldest first
    assert release.column("Trend", "Average duration (weeks)")[-1] == pytest.approx(data["kpis"]["mean_weeks"])


@pytest.mark.parametrize("fmt", ["ods", "xlsx"])
def test_the_boards_own_row_sits_beside_its_local_authorities(written, pack, fmt):
    release = read(written[fmt])
    data = pack.to_json()
    authorities = [la["local_authority"] for la in data["by_local_authority"]]
    names = release.column("Local_authorities", "Local authority")
    assert names == [*authorities, "All local authorities (the board)"]
    board = release.row_by("Local_authorities", "Local authority", "All local authorities (the board)")
    assert board["Mar 2025: Applications issued (number)"] == data["kpis"]["issued"]
    tracker = release.row_by("Case_tracker", "Local authority", "All local authorities (the board)")
    assert tracker["Open cases (number)"] == data["case_tracker"]["open"]
    assert tracker["Red (number)"] == data["case_tracker"]["by_rag"]["red"]
    actions = release.row_by("Actions", "Sub-group", "All sub-groups")
    assert actions["Open actions (number)"] == data["actions"]["open"]
    assert actions["Overdue (number)"] == len(data["actions"]["overdue"])
    assert release.column("Overdue_actions", "Action") == [a["id"] for a in data["actions"]["overdue"]]
    durations = release.row_by("Durations", "Duration band", "All bands")
    assert durations["Cases disposed of, 12 months (number)"] == data["rolling_12"]["disposed"]
    assert durations["Open cases at month end, by age (number)"] == data["kpis"]["open_end"]


def test_a_measure_the_extract_cannot_give_is_x_and_a_note_says_why(pack, tmp_path):
    """SPEC.md: a figure whose column is missing is null with a reason, never 0: [x] in the sheet."""

    from dataclasses import replace

    from lfjb.pack_model import FrozenMap
    from lfjb.render.spreadsheet import pack_spreadsheets

    tile = replace(pack.kpi_tiles["mean_hearings"], value=None, previous=None, year_ago=None)
    broken = replace(pack, unavailable=FrozenMap({"mean_hearings": "The extract has no hearings column."}),
                     kpi_tiles=FrozenMap({**pack.kpi_tiles, "mean_hearings": tile}),
                     rolling_12=replace(pack.rolling_12, mean_hearings=None))
    path = tmp_path / "p.xlsx"
    path.write_bytes(pack_spreadsheets(broken, ["xlsx"])["xlsx"])
    release = check_release(path, pack.board["protective_marking"])
    row = release.row_by("KPIs", "Measure", KPIS["mean_hearings"]["label"])
    assert row["March 2025"] == row["12 months to March 2025"] == "[x]"
    notes = dict(release.table("Notes")[1])
    assert "[x]" in notes and any("no hearings column" in str(v) for v in notes.values())


def test_the_pack_and_compare_commands_write_spreadsheets_for_a_tiny_board(config_dir, tmp_path):
    """Through the command line, on the five-case board: most figures are [x] or [z], and every rule holds."""
    from typer.testing import CliRunner

    from lfjb.cli import app

    runner = CliRunner()
    out = tmp_path / "out"
    result = runner.invoke(app, ["pack", "--month", "2025-03", "--config-dir", str(config_dir), "--out", str(out),
                                 "--format", "json,ods,xlsx"])
    assert result.exit_code == 0, result.output
    assert "Spreadsheet (ODS)" in result.output and "Spreadsheet (Excel)" in result.output
    for fmt in ("ods", "xlsx"):
        path = out / "tiny" / "2025-03" / f"tiny-pack-2025-03.{fmt}"
        check_pandas(path, check_release(path, "OFFICIAL-SENSITIVE"))
    result = runner.invoke(app, ["compare", "--month", "2025-03", "--config-dir", str(config_dir), "--out", str(out),
                                 "--format", "ods,xlsx", "--publish"])
    assert result.exit_code == 0, result.output
    for fmt in ("ods", "xlsx"):
        path = out / "comparison" / "2025-03" / f"comparison-2025-03-published.{fmt}"
        assert path.name in result.output.replace("\n", "")
        release = check_release(path, "OFFICIAL")
        assert "[c]" in [r[0] for r in release.table("Notes")[1]]  # five cases: small counts suppressed
    result = runner.invoke(app, ["pack", "--month", "2025-03", "--config-dir", str(config_dir), "--format", "pdf,xls"])
    assert result.exit_code == 2 and "xls" in result.output and "ods, xlsx" in result.output


def test_the_journey_table_when_the_pack_has_stages():
    from lfjb.render.spreadsheet.pack import journey_table
    from lfjb.render.spreadsheet.workbook import NOT_AVAILABLE

    assert journey_table({}) is None
    table = journey_table({"journey": {"stages": [
        {"id": "plo_to_issue", "label": "PLO letter to issue", "median_weeks": 14.5, "cases": 40},
        {"id": "issue_to_cmh", "label": "Issue to CMH", "median_weeks": None, "cases": 0}]}})
    assert table.rows == [["PLO letter to issue", 14.5, 40], ["Issue to CMH", NOT_AVAILABLE, 0]]
