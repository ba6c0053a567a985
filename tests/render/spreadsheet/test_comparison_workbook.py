"""The comparison as spreadsheets (lfjb/render/spreadsheet/comparison.py): every table, every board,
and under --publish [c] exactly where the published PDF suppresses.

The sample boards (board_config/, March 2025) give the realistic run; three hand-built packs (the
disclosure tests' small, mid and big, from tests/compare/compare_data.py) give known answers:

    board   issued  open > 26 weeks   court capacity cases
    small        3          4                 3      <- counts of 1 to 5: [c]
    mid         12         30                 9      <- secondary suppression: [c]
    big         30         50                15
    all         45         84                27
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from spreadsheet_rules import SHORTHAND, check_pandas, check_release, read

from lfjb.workflows.compare import compare_boards, compare_model
from lfjb.compare.disclosure import publishable
from lfjb.compare.model import add_words, build_comparison
from lfjb.month import Month
from lfjb.render.spreadsheet import comparison_spreadsheets
from lfjb.render.spreadsheet.comparison import comparison_workbook

REPO = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO / "tests" / "compare"))
from compare_data import MONTH, fake_pack  # noqa: E402

TABLES = ["League", "Month", "Trends", "Funnel", "Drivers", "Driver_shares", "Top_drivers", "Case_progression", "Journey", "Pilot",
          "Pilot_estimates", "Pilot_quarters", "Pooled"]
# League / Month columns and the board-row field each shows.
SHOWN_FIELDS = {
    "League": {"Cases issued, 12 months (number)": "issued_12m", "Cases disposed of, 12 months (number)": "disposed_12m",
               "Average duration, 12 months (weeks)": "mean_weeks_12m",
               "Disposed of within 26 weeks, 12 months (%)": "pct_within_26_12m",
               "Median duration, 12 months (weeks)": "median_weeks_12m",
               "Average hearings per case, 12 months (number)": "mean_hearings_12m"},
    "Month": {"Cases issued (number)": "issued", "Cases disposed of (number)": "disposed",
              "Average duration (weeks)": "mean_weeks", "Median duration (weeks)": "median_weeks",
              "Disposed of within 26 weeks (%)": "pct_within_26", "Open cases at month end (number)": "open_end",
              "Open over 26 weeks (number)": "open_over_26", "Open over 52 weeks (number)": "open_over_52"},
}


@pytest.fixture(scope="module")
def sample_models():
    month = Month(2025, 3)
    return {publish: compare_model(month, None, REPO / "board_config", publish=publish) for publish in (False, True)}


@pytest.fixture(scope="module")
def written(sample_models, tmp_path_factory):
    folder = tmp_path_factory.mktemp("comparison")
    paths = {}
    for publish, model in sample_models.items():
        for fmt, data in comparison_spreadsheets(model, ["ods", "xlsx"]).items():
            paths[(publish, fmt)] = folder / f"comparison{'-published' if publish else ''}.{fmt}"
            paths[(publish, fmt)].write_bytes(data)
    return paths


@pytest.mark.parametrize("publish", [False, True], ids=["unpublished", "published"])
@pytest.mark.parametrize("fmt", ["ods", "xlsx"])
def test_every_rule_and_every_table_with_all_boards(written, sample_models, publish, fmt):
    model = sample_models[publish]
    path = written[(publish, fmt)]
    release = check_release(path, model.marking)
    frames = check_pandas(path, release)
    # Board-level pilot figures are not published (the group figures are).
    assert release.names[3:] == (TABLES if publish else [*TABLES[:-1], "Pilot_boards", TABLES[-1]])
    names = [b["short_name"] for b in model.boards]
    assert len(names) == 7
    league = frames["League"]
    assert list(league.loc[league["Row type"] == "Board", "Board or area"]) == names  # rank order
    assert list(league.loc[league["Row type"] == "Region", "Board or area"]) == [r["short_name"] for r in model.regions]
    assert list(league.loc[league["Row type"] == "All boards", "Board or area"]) == ["All boards"]
    assert set(frames["Month"]["Board or area"]) >= set(names) | {"All boards"}
    assert set(frames["Trends"]["Board"]) == set(names)
    assert [f"{n} (cases)" for n in names] == [h for h in frames["Drivers"].columns if h.endswith("(cases)") and not h.startswith("All")]
    assert set(frames["Case_progression"]["Board"]) == set(names)
    assert set(frames["Top_drivers"]["Board"]) == set(names)
    assert {n for n in frames["Funnel"]["Board or centre line"] if not n.startswith("Centre")} == set(names)
    assert frames["Funnel"]["Board or centre line"].iloc[-1].startswith("Centre line")
    assert release.cell("Cover", 1, 1) == model.title


def test_unpublished_figures_are_the_models_unrounded(written, sample_models):
    model = sample_models[False]
    release = read(written[(False, "xlsx")])
    for b in model.boards:
        row = release.row_by("League", "Board or area", b["short_name"])
        assert row["Average duration, 12 months (weeks)"] == pytest.approx(b["mean_weeks_12m"], rel=1e-12)
        assert row["Cases disposed of, 12 months (number)"] == b["disposed_12m"]
        assert row["Rank (of 7 boards)"] == b["rank"]
    everything = [v for grid in release.sheets.values() for row in grid for v in row]
    assert "[c]" not in everything


@pytest.mark.parametrize("fmt", ["ods", "xlsx"])
def test_published_shows_c_exactly_where_the_pdf_suppresses(written, sample_models, fmt):
    """A board-row cell is [c] if and only if disclosure control hid it (`suppressed`, which the PDF's
    `cell` shows as [c]), for every column of the league and month tables."""
    model = sample_models[True]
    release = read(written[(True, fmt)])
    hidden = 0
    for sheet, fields in SHOWN_FIELDS.items():
        for b in model.boards:
            row = release.row_by(sheet, "Board or area", b["short_name"])
            for header, field in fields.items():
                is_hidden = field in (b.get("suppressed") or {})
                assert (row[header] == "[c]") is is_hidden, (sheet, b["short_name"], header, row[header])
                hidden += is_hidden
    # Month by month: each board's points, as the trend charts and their tables hide them.
    names = {b["slug"]: b["short_name"] for b in model.boards}
    headers, rows = release.table("Trends")
    by_point = {(r[0], r[1]): dict(zip(headers, r)) for r in rows}
    for slug, points in model.trends.items():
        for p in points:
            row = by_point[(names[slug], str(p.month))]
            for header, field in (("Average duration (weeks)", "mean_weeks"), ("Disposed of within 26 weeks (%)", "pct_within_26")):
                is_hidden = field in (p.get("suppressed") or {})
                assert (row[header] == "[c]") is is_hidden, (slug, p["month"], field, row[header])
                hidden += is_hidden
    assert "Cases disposed of (number)" not in headers  # monthly counts are not published
    assert hidden >= 30  # the sample's published comparison withholds dozens of figures
    assert "[c]" in [r[0] for r in release.table("Notes")[1]]


@pytest.fixture(scope="module")
def small_boards():
    packs = [
        fake_pack("small", "trailblazer", "Worcester", issued=3, disposed=7, mean_weeks=31.234567, pct=300 / 7,
                  open_over_26=4, driver_cases={"court_capacity": 3, "changes_in_plan": 12}),
        fake_pack("mid", "trailblazer", "Wolverhampton", issued=12, disposed=25, mean_weeks=40.111111, pct=28.0,
                  open_over_26=30, driver_cases={"court_capacity": 9, "changes_in_plan": 20}),
        fake_pack("big", "comparator", "Guildford", issued=30, disposed=40, mean_weeks=38.3, pct=35.0,
                  open_over_26=50, driver_cases={"court_capacity": 15, "changes_in_plan": 40}),
    ]
    raw = add_words(build_comparison(packs, MONTH, {"kind": "packs", "files": [], "boards": 3}))
    return raw, publishable(raw, min_cases=10)


def test_known_answer_small_counts_and_their_secondaries_are_c(small_boards, tmp_path):
    raw, published = small_boards
    names = {b["slug"]: b["short_name"] for b in published.boards}
    for fmt in ("ods", "xlsx"):
        path = tmp_path / f"p.{fmt}"
        path.write_bytes(comparison_spreadsheets(published, [fmt])[fmt])
        release = check_release(path, "OFFICIAL")
        month = {slug: release.row_by("Month", "Board or area", names[slug]) for slug in names}
        assert [month[s]["Cases issued (number)"] for s in ("small", "mid", "big")] == ["[c]", "[c]", 30]
        assert [month[s]["Open over 26 weeks (number)"] for s in ("small", "mid", "big")] == ["[c]", "[c]", 50]
        assert release.row_by("Month", "Row type", "All boards")["Cases issued (number)"] == 45
        court = release.row_by("Drivers", "Delay driver", "Court capacity")
        assert [court[f"{names[s]} (cases)"] for s in ("small", "mid", "big")] == ["[c]", "[c]", 15]
        assert court["All boards (cases)"] == 27
        # The hidden values appear nowhere in the file.
        everything = [v for grid in release.sheets.values() for row in grid for v in row]
        assert 31.234567 not in everything and 3 not in [month["small"][h] for h in month["small"]]
    unpublished = comparison_workbook(raw)
    month_rows = {r[1]: r for r in next(t for t in unpublished.tables if t.name == "Month").rows}
    assert month_rows[names["small"]][2] == 3  # the same cell, unpublished: the count itself


def test_run_compare_writes_the_spreadsheets_beside_the_others(tmp_path):
    paths = compare_boards(month=MONTH, boards=["worcester", "guildford"], config_dir=REPO / "board_config", out=tmp_path,
                           formats=("json", "ods", "xlsx"), publish=True).files
    folder = tmp_path / "comparison" / "2025-03"
    assert paths == {fmt: folder / f"comparison-2025-03-published.{fmt}" for fmt in ("json", "ods", "xlsx")}
    for fmt in ("ods", "xlsx"):
        release = check_release(paths[fmt], "OFFICIAL")
        assert set(release.column("League", "Board or area")) >= {"Worcester", "Surrey (Guildford)", "All boards"}


def test_shorthand_is_the_analysis_functions():
    assert SHORTHAND == {"[c]", "[x]", "[z]", "[low]"}


def test_with_fcsq_the_national_figure_sits_beside_the_boards(tmp_path):
    """--fcsq: England and Wales is a row of the league table (the benchmark), with its own sheet by
    quarter and FCSQ's area counts; the reconciliation is a data-quality check, never published."""
    fcsq = [REPO / "lfjb" / "data" / "fcsq_sample.csv", REPO / "lfjb" / "data" / "fcsq_timeliness_sample.csv"]
    for publish in (False, True):
        model = compare_model(MONTH, ["worcester", "guildford"], REPO / "board_config", publish=publish, fcsq=fcsq)
        bench = model.benchmark
        path = tmp_path / f"f{publish}.xlsx"
        path.write_bytes(comparison_spreadsheets(model, ["xlsx"])["xlsx"])
        release = check_release(path, model.marking)
        row = release.row_by("League", "Row type", "Benchmark")
        assert row["Board or area"] == bench["label"]
        assert row["Average duration, 12 months (weeks)"] == pytest.approx(bench["mean_weeks"])
        assert row["Disposed of within 26 weeks, 12 months (%)"] == pytest.approx(bench["pct_within_26"])
        worcester = release.row_by("League", "Board or area", "Worcester")
        assert worcester["Difference from England and Wales average (weeks)"] == pytest.approx(
            model.boards[0]["mean_weeks_12m"] - bench["mean_weeks"])
        assert release.column("National", "Quarter")[:-1] == [q["quarter"] for q in bench["quarters"]]
        assert "England and Wales" in release.column("FCSQ_areas", "Area")
        assert ("Reconciliation" in release.names) is (not publish)
