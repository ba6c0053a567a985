"""The pack JSON: every SPEC.md key for every sample board, and the tiny board's hand-worked figures."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from lfjb.inputs import load_board
from lfjb.month import Month
from lfjb.pack import build_pack
from lfjb.render.files import json_text
from lfjb.vocab import DRIVERS, KPI_IDS

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_BOARDS = sorted((ROOT / "board_config").glob("*.yaml"))
MARCH = Month(2025, 3)


@pytest.fixture(scope="module")
def tiny_pack():
    return json.loads(json_text(build_pack(load_board(ROOT / "tests/fixtures/tiny/tiny.yaml"), MARCH).to_json()))


@cache
def _sample_json(path: Path) -> dict:
    """A sample board's March 2025 pack as its JSON file has it (built once for the tests that read it)."""
    return json.loads(json_text(build_pack(load_board(path), MARCH).to_json()))


@pytest.mark.parametrize("path", SAMPLE_BOARDS, ids=lambda p: p.stem)
def test_sample_board_json_has_every_spec_key(path):
    pack = _sample_json(path)
    assert {"board", "month", "as_of", "kpis", "trend", "actions", "drivers", "spc", "data_quality"} <= set(pack)
    assert set(pack["board"]) >= {"slug", "name"} and pack["board"]["slug"] == path.stem
    assert pack["month"] == "2025-03" and pack["as_of"] == "2025-03-31"
    assert list(pack["kpis"]) == list(KPI_IDS)
    assert [row["month"] for row in pack["trend"]] == [str(m) for m in MARCH.range_back(24)]
    assert all(set(row) == {"month", *KPI_IDS} for row in pack["trend"])
    assert {"open", "overdue", "by_sub_group"} <= set(pack["actions"])
    for row in pack["actions"]["overdue"]:
        assert {"id", "title", "sub_group", "owner", "due", "days_overdue", "status"} <= set(row)
        assert row["days_overdue"] > 0
    for counts in pack["actions"]["by_sub_group"].values():
        assert {"open", "overdue"} <= set(counts)
    assert set(pack["drivers"]["matrix"]) == set(DRIVERS) and set(pack["drivers"]["cases"]) == set(DRIVERS)
    for kpi in ("mean_weeks", "pct_within_26"):
        spc = pack["spc"][kpi]
        assert {"centre", "lower", "upper", "latest", "assurance", "points"} <= set(spc)
        assert all({"month", "value", "type"} <= set(p) for p in spc["points"])
    assert {"rows_read", "rows_rejected", "problems"} <= set(pack["data_quality"])


def test_tiny_kpis_worked_by_hand(tiny_pack):
    # Disposed in March 2025: C1 182 days (within 26), C2 183 days, C5 38 days.
    kpis = tiny_pack["kpis"]
    assert kpis["disposed"] == 3 and kpis["issued"] == 1 and kpis["children_issued"] == 3
    assert kpis["mean_weeks"] == pytest.approx(403 / 21)  # (182 + 183 + 38) / 3 / 7, unrounded
    assert kpis["median_weeks"] == 26.0
    assert kpis["pct_within_26"] == pytest.approx(200 / 3)
    # Open on 31 March: C3 (16 days old) and C4 (issued 1 January 2024: 455 days).
    assert (kpis["open_end"], kpis["open_over_26"], kpis["open_over_38"], kpis["open_over_52"]) == (2, 1, 1, 1)
    assert kpis["mean_hearings"] == 5.0 and kpis["mean_fcmh"] == 1.0  # C5's hearings are empty
    # February 2025 disposed nothing: averages are null, not 0.
    february = tiny_pack["trend"][-2]
    assert february["disposed"] == 0 and february["mean_weeks"] is None and february["pct_within_26"] is None


def test_tiny_actions_worked_by_hand(tiny_pack):
    actions = tiny_pack["actions"]
    # At 31 March: A1 due 31 January (59 days overdue), A2 due 15 March (16), A3 complete, A4 on hold due 20 April.
    assert actions["open"] == 3
    assert [(a["id"], a["days_overdue"]) for a in actions["overdue"]] == [("A1", 59), ("A2", 16)]
    assert actions["by_sub_group"]["pre-proceedings"] == {**actions["by_sub_group"]["pre-proceedings"], "open": 2, "overdue": 1}
    assert actions["by_sub_group"]["court"] == {**actions["by_sub_group"]["court"], "open": 1, "overdue": 1}
    assert [a["id"] for a in actions["due_soon"]] == ["A4"]
    # Stale after 60 days: A2 raised 15 November with no update (136 days), A4 raised 10 January (80 days).
    assert sorted(a["id"] for a in actions["stale"]) == ["A2", "A4"]
    assert actions["previous_meeting"] == "2025-03-12" and actions["completed_since_meeting"] == []


def test_tiny_drivers_worked_by_hand(tiny_pack):
    drivers = tiny_pack["drivers"]
    # Open actions: A1 plo_tracking (pre-proceedings); A2 court_capacity + plo_tracking (court).
    assert drivers["matrix"]["plo_tracking"] == {"pre-proceedings": 1, "court": 1}
    assert drivers["matrix"]["court_capacity"] == {"pre-proceedings": 0, "court": 1}
    assert drivers["matrix"]["expert_assessments"] == {"pre-proceedings": 0, "court": 0}  # A3 is complete
    # Disposed April 2024 - March 2025: C1 (court_capacity), C2 (court_capacity, plo_tracking), C5 (none).
    assert drivers["cases"]["court_capacity"] == 2 and drivers["cases"]["plo_tracking"] == 1
    assert drivers["cases"]["changes_in_plan"] == 0  # C4 cites it but is still open
    assert drivers["gaps"] == []  # both cited drivers have open actions


def test_tiny_governance_flags_quorum_and_cadence(tiny_pack):
    checks = {c["id"]: c for c in tiny_pack["governance"]["checks"]}
    assert not checks["quorum"]["passed"] and "12 Feb 2025" in checks["quorum"]["detail"]
    assert not checks["meeting_cadence"]["passed"]  # 3 meetings in the year to 31 March 2025
    assert checks["cross_sector"]["passed"] and checks["hmcts_secretariat"]["passed"]


def test_tiny_tiles_rag_and_changes(tiny_pack):
    tile = tiny_pack["kpi_tiles"]["mean_weeks"]
    assert tile["target"] == 26.0 and tile["rag"] == "green"
    pct = tiny_pack["kpi_tiles"]["pct_within_26"]
    assert pct["target"] == 50 and pct["rag"] == "green"
    assert tiny_pack["kpi_tiles"]["open_end"]["rag"] is None  # no target, neutral measure


def test_month_outside_the_extract_is_a_clear_error():
    from lfjb.inputs.errors import InputError

    board = load_board(ROOT / "tests/fixtures/tiny/tiny.yaml")
    with pytest.raises(InputError) as caught:
        build_pack(board, Month(2023, 6))
    assert "January 2024 to March 2025" in caught.value.problems[0].message


def test_no_tile_judges_a_common_cause_months_change():
    # The headlines stopped calling a change within the usual range better or worse (statistician's review of
    # issue 19); the tiles said "(worse)" beside "No unusual change". Now neither does: a common-cause month's
    # change has no direction (null in the JSON); an unusual month's change keeps its direction.
    common, special = [], []
    for path in SAMPLE_BOARDS:
        for tile in _sample_json(path)["kpi_tiles"].values():
            (common if tile["variation"] == "common_cause" else special).append((path.stem, tile))
    changed = [(board, t["id"]) for board, t in common if t["change_month"] or t["change_year"]]
    assert changed, "no common-cause tile with a change: this test would prove nothing"
    for board, tile in common:
        assert tile["change_month_direction"] is None and tile["change_year_direction"] is None, (board, tile["id"])
    judged = [(board, t) for board, t in special if t["better"] != "neutral" and t["change_month"]]
    assert judged, "no unusual month with a change in the sample packs"
    for board, tile in judged:
        assert tile["change_month_direction"] in ("better", "worse"), (board, tile["id"])


def test_a_past_month_ignores_actions_raised_since():
    # At 31 December 2024 the tiny log's A4 (raised 10 January 2025) did not exist yet, and A3
    # (completed 20 February 2025) was still open. Open actions by due date: A1, A3, A2.
    pack = build_pack(load_board(ROOT / "tests/fixtures/tiny/tiny.yaml"), Month(2024, 12))
    ids = [a["id"] for a in pack.actions["open_list"]]
    assert ids == ["A1", "A3", "A2"] and pack.actions["open"] == 3
    assert pack.actions.overdue == ()  # A1 was due 31 January 2025


def test_a_month_the_extract_only_partly_covers_is_flagged():
    # Guildford's extract was taken on 4 April 2025: April has disposals but no applications issued.
    pack = build_pack(load_board(ROOT / "board_config/guildford.yaml"), Month(2025, 4))
    [warning] = pack.data_quality["warnings"]
    assert "no applications issued in April 2025" in warning
    assert any(h["text"] == warning for h in pack.headlines)
    assert build_pack(load_board(ROOT / "board_config/guildford.yaml"), MARCH).data_quality["warnings"] == ()


def test_spc_for_every_measure_the_counts_neutral(tiny_pack):
    # The four counts have no better direction: their unusual months are high or low, with no
    # assurance; the other measures' are improvements or concerns.
    assert set(tiny_pack["spc"]) == set(KPI_IDS)
    counts = {"issued", "children_issued", "disposed", "open_end"}
    count_types = {p["type"] for k in counts for p in tiny_pack["spc"][k]["points"]}
    other_types = {p["type"] for k, s in tiny_pack["spc"].items() if k not in counts for p in s["points"]}
    assert count_types <= {"common_cause", "special_cause_neutral_high", "special_cause_neutral_low"}
    assert other_types <= {"common_cause", "special_cause_improvement", "special_cause_concern"}
    assert all(tiny_pack["spc"][k]["assurance"] is None for k in counts)


def test_figures_the_extract_cannot_give_are_null_with_a_reason(tmp_path):
    # The tiny board's extract without its fcmh and delay_drivers columns: those figures are null
    # with the reason in words (never 0), the trend page for further CMHs is dropped, and no driver
    # is called a gap.
    import pandas as pd

    tiny = ROOT / "tests/fixtures/tiny"
    raw = pd.read_csv(tiny / "extract.csv", dtype=str, keep_default_na=False)
    raw.drop(columns=["fcmh", "delay_drivers"]).to_csv(tmp_path / "extract.csv", index=False)
    board = load_board(tiny / "tiny.yaml", extract=tmp_path / "extract.csv")
    model = build_pack(board, MARCH)
    pack = json.loads(json_text(model.to_json()))
    assert pack["kpis"]["mean_fcmh"] is None and pack["kpis"]["mean_hearings"] is not None
    assert set(pack["unavailable"]) == {"mean_fcmh", "drivers.cases"}
    assert "further case management hearings" in pack["unavailable"]["mean_fcmh"]
    assert set(pack["drivers"]["cases"].values()) == {None} and pack["drivers"]["gaps"] == []
    assert pack["kpi_tiles"]["mean_fcmh"]["unavailable"] == pack["unavailable"]["mean_fcmh"]
    assert "mean_fcmh" not in model.trend_kpis and "mean_weeks" in model.trend_kpis
    # With every column, nothing is unavailable.
    assert build_pack(load_board(tiny / "tiny.yaml"), MARCH).unavailable == {}


def test_a_board_may_chart_the_percentage_within_26_weeks_as_laney_pprime():
    from lfjb.inputs.board import SpcSettings

    # The terms of reference say `spc: {chart: {pct_within_26: pprime}}`; anything else is refused.
    assert SpcSettings.model_validate({"chart": {"pct_within_26": "pprime"}}).chart == {"pct_within_26": "pprime"}
    with pytest.raises(ValueError):
        SpcSettings.model_validate({"chart": {"pct_within_26": "p-chart"}})
    board = load_board(ROOT / "board_config" / "wolverhampton.yaml")
    board.config.spc.chart = {"pct_within_26": "pprime"}
    pack = build_pack(board, MARCH)
    chart = pack.spc["pct_within_26"]
    assert chart.chart == "pprime" and pack.spc["mean_weeks"].chart == "xmr"
    # Limits per month: they differ with the months' numbers of cases disposed of.
    assert len({round(p.upper - p.lower, 6) for p in chart.points}) > 1
    data = json.loads(json_text(pack.to_json()))["spc"]
    assert data["pct_within_26"]["chart"] == "pprime"
    # issue 19: the measured σz and the one used (never below 1) are in the JSON, for p′ charts only.
    assert data["pct_within_26"]["sigma_z"] == pytest.approx(chart.sigma_z) and chart.sigma_z > 0
    assert data["pct_within_26"]["sigma_z_used"] == max(1.0, chart.sigma_z)
    assert "sigma_z" not in data["mean_weeks"]


def test_percentages_and_averages_on_few_cases_are_marked_by_the_comparisons_rule():
    """Issue 19 item 5: a local authority's "25%" on 4 cases carried no warning. The rule is the
    comparison's (fewer than DEFAULT_MIN_CASES cases: lfjb.compare.suppression.average_reason)."""
    from lfjb.pack import mark_few_cases
    from lfjb.vocab import DEFAULT_MIN_CASES

    assert DEFAULT_MIN_CASES == 10
    rows = [{"disposed": 4, "pct_within_26": 25.0, "mean_weeks": 30.0, "rolling_12": {"disposed": 40, "mean_weeks": 31.0}},
            {"disposed": 10, "pct_within_26": 50.0, "mean_weeks": 28.0, "rolling_12": {"disposed": 9, "mean_weeks": 27.0}},
            {"disposed": 0, "pct_within_26": None, "mean_weeks": None, "rolling_12": {"disposed": 0}}]
    marked = mark_few_cases(rows, {"mean_weeks": "disposed", "pct_within_26": "disposed",
                                   "rolling_12.mean_weeks": "rolling_12.disposed"})
    # 4 < 10: both marked; 10 is enough, but 9 over the 12 months is not; 0 cases has no figure to mark.
    assert [r["few_cases"] for r in marked] == [["mean_weeks", "pct_within_26"], ["rolling_12.mean_weeks"], []]


def test_wolverhamptons_local_authority_figures_on_few_cases_are_marked():
    pack = build_pack(load_board(ROOT / "board_config" / "wolverhampton.yaml"), MARCH)
    few = [row for row in pack.by_local_authority if 0 < row["disposed"] < 10]
    assert few, "the sample's authorities each dispose of a handful of cases a month"
    for row in pack.by_local_authority:
        assert ("pct_within_26" in row["few_cases"]) == (0 < row["disposed"] < 10), row["local_authority"]
    assert pack.few_cases_note.startswith("[low]: fewer than 10 cases")


def test_cases_a_hearing_list_leaves_without_any_count_are_said_in_the_data_quality_notes(tmp_path):
    # The tiny board with a hearing list for C1 and C2 only, and C3's and C4's own counts blanked: their hearings
    # are not recorded (deliberately not 0), and the pack's data-quality notes say how many and why.
    import shutil

    import yaml

    for name in ("tiny.yaml", "actions.yaml", "extract.csv"):
        shutil.copy(ROOT / "tests/fixtures/tiny" / name, tmp_path / name)
    extract = (tmp_path / "extract.csv").read_text(encoding="utf-8")
    extract = extract.replace("15/03/2025,,3,1,0,", "15/03/2025,,3,,,").replace("01/01/2024,,1,9,3,", "01/01/2024,,1,,,")
    (tmp_path / "extract.csv").write_text(extract, encoding="utf-8")
    (tmp_path / "hearings.csv").write_text("Case,Date,Type\nC1,10/09/2024,CMH\nC2,11/09/2024,CMH\n", encoding="utf-8")
    doc = yaml.safe_load((tmp_path / "tiny.yaml").read_text(encoding="utf-8"))
    doc["inputs"]["extract"] = [{"file": "extract.csv"}, {"file": "hearings.csv", "rows": "hearing", "columns": {
        "case_id": "Case", "hearing_date": "Date", "hearing_type": "Type"}}]
    (tmp_path / "tiny.yaml").write_text(yaml.safe_dump(doc), encoding="utf-8")
    pack = build_pack(load_board(tmp_path / "tiny.yaml"), MARCH)
    [note] = [w for w in pack.data_quality["warnings"] if "not recorded" in w]
    assert note == ("2 cases have no hearing in hearings.csv and no hearing count in any other file: their hearings "
                    "show as not recorded, not 0, because a case missing from a hearing list may still have had hearings.")
