"""Each board's own counts against FCSQ's public law counts (lfjb/compare/reconciliation.py), on a
hand-made FCSQ file and hand-set monthly figures."""

from __future__ import annotations

from pathlib import Path

import pytest
from compare_data import MONTH, fake_pack, fake_pack_json

from lfjb.inputs.fcsq import read_fcsq
from lfjb.compare.reconciliation import compare_counts, reconciliation
from lfjb.pack_model import PackModel

DFJ = Path(__file__).resolve().parents[1] / "fixtures" / "fcsq" / "dfj_real_layout.csv"


def _set_months(pack: dict, figures: dict[str, tuple[int, int]]) -> PackModel:
    """The pack with the trend's issued and disposed for the given months ('YYYY-MM': (issued, disposed))."""
    for row in pack["trend"]:
        if row["month"] in figures:
            row["issued"], row["disposed"] = figures[row["month"]]
    return PackModel.from_json(pack)


@pytest.fixture
def worcester() -> PackModel:
    """Worcester's extract: Oct-Dec 2024 issued 15 + 20 + 15 = 50, disposed 12 + 12 + 12 = 36;
    Jan-Mar 2025 issued 20 + 20 + 19 = 59, disposed 15 + 15 + 20 = 50.
    FCSQ (tests/fixtures/fcsq/dfj_real_layout.csv): started 50 and 59, closed 40 and 44."""
    return _set_months(fake_pack_json("worcester", dfj_area="Worcester"), {
        "2024-10": (15, 12), "2024-11": (20, 12), "2024-12": (15, 12),
        "2025-01": (20, 15), "2025-02": (20, 15), "2025-03": (19, 20)})


def test_known_answer_quarter_by_quarter(worcester):
    result = reconciliation([worcester], read_fcsq(DFJ).frame, MONTH, "dfj_real_layout.csv")
    area = result["areas"][0]
    assert area["name"] == "Worcester DFJ" and area["fcsq_names"] == ["Worcester DFJ"]
    q4, q1 = area["quarters"]
    # 2024 Q4: issued 50 = 50 started; disposed 36 against 40 closed: -4, exactly -10%, not over 10%.
    assert (q4["board_issued"], q4["fcsq_started"], q4["issued"]["difference"]) == (50, 50, 0)
    assert q4["disposed"]["difference"] == -4 and q4["disposed"]["difference_pct"] == pytest.approx(-10.0)
    assert q4["is_flagged"] is False
    # 2025 Q1: issued 59 = 59; disposed 50 against 44 closed: +6, 13.6% -> flagged.
    assert q1["issued"]["difference"] == 0
    assert q1["disposed"]["difference"] == 6 and q1["disposed"]["difference_pct"] == pytest.approx(600 / 44)
    assert q1["disposed"]["is_flagged"] and q1["is_flagged"] and area["flags"] == 1
    assert q1["sentence"] == ("Extract for Worcester: 59 applications issued and 50 disposed of in January–March 2025; "
                              "FCSQ: 59 public law cases started and 44 closed.")
    assert result["flagged"] == 1
    assert "emergency protection" in result["note"] and "some difference is expected" in result["note"]


def test_regional_and_national_totals_are_given_as_context(worcester):
    """Midlands 2025 Q1: Worcester 59 + the unknown 'Wolverhamptn DFJ' left out = 59 started;
    England and Wales (sum of areas): 59 + 16 (Oxford) + 12 + 4 (North Wales) = 91."""
    result = reconciliation([worcester], read_fcsq(DFJ).frame, MONTH, "dfj_real_layout.csv")
    region, national = result["context"]
    assert (region["level"], region["name"]) == ("region", "Midlands")
    assert region["quarters"][1]["fcsq_started"] == 59
    assert (national["level"], national["quarters"][1]["fcsq_started"]) == ("national", 91)
    # The closed cases include Caernarfon's '*': a floor, marked incomplete, not a total with a 0 in it.
    assert national["quarters"][1]["fcsq_ended"] == 44 + 18 + 11
    assert national["quarters"][1]["incomplete"] == {"fcsq_ended": 1}


def test_a_marked_fcsq_figure_is_not_compared(tmp_path):
    path = tmp_path / "fcsq.csv"
    path.write_text("category,stage,year,quarter,dfj_new,region,count,cases\n"
                    "Public Law,Start,2025,1,Worcester DFJ,MIDLANDS,30,[c]\n"
                    "Public Law,End,2025,1,Worcester DFJ,MIDLANDS,30,20\n", encoding="utf-8")
    result = reconciliation([fake_pack("w", dfj_area="Worcester")], read_fcsq(path).frame, MONTH, "fcsq.csv")
    q = result["areas"][0]["quarters"][0]
    assert q["fcsq_started"] is None and q["issued"] == {"difference": None, "difference_pct": None, "is_flagged": False}
    assert "not available" in q["sentence"]


def test_boards_sharing_an_area_are_added_together(tmp_path):
    path = tmp_path / "fcsq.csv"
    path.write_text("category,stage,year,quarter,dfj_new,region,count,cases\n"
                    "Public Law,Start,2025,1,Worcester DFJ,MIDLANDS,200,120\n", encoding="utf-8")
    packs = [fake_pack("a", dfj_area="Worcester"), fake_pack("b", dfj_area="Worcester DFJ")]
    area = reconciliation(packs, read_fcsq(path).frame, MONTH, "fcsq.csv")["areas"][0]
    # fake_pack: 20 issued a month, but the reporting month's own figure is `issued` (20): 60 each.
    assert area["boards"] == ["a", "b"] and area["quarters"][0]["board_issued"] == 120
    assert area["quarters"][0]["is_flagged"] is False


def test_compare_counts_flags_only_beyond_the_threshold():
    assert compare_counts(111, 100)["is_flagged"] is True
    assert compare_counts(110, 100)["is_flagged"] is False
    assert compare_counts(5, 0) == {"difference": 5, "difference_pct": None, "is_flagged": True}
    assert compare_counts(None, 100)["difference"] is None


def test_a_provisional_latest_quarter_is_reconciled_and_said_so(worcester, tmp_path):
    """MoJ writes the latest quarter 'Q1 (p)': the March 2025 reconciliation is of 2024 Q4 and 2025 Q1 (not of
    the year before), and says that 2025 Q1 is provisional."""
    path = tmp_path / "fcsq.csv"
    path.write_text("category,stage,year,quarter,dfj_new,region,count,cases\n"
                    "Public Law,Start,2024,Q4,Worcester DFJ,MIDLANDS,90,50\n"
                    "Public Law,Start,2025,Q1 (p),Worcester DFJ,MIDLANDS,101,59\n"
                    "Public Law,Start,2024,Q1,Worcester DFJ,MIDLANDS,90,40\n", encoding="utf-8")
    result = reconciliation([worcester], read_fcsq(path).frame, MONTH, "fcsq.csv")
    assert result["quarters"] == ["2024 Q4", "2025 Q1"]
    q1 = result["areas"][0]["quarters"][-1]
    assert (q1["quarter"], q1["fcsq_started"], q1["fcsq_status"]) == ("2025 Q1", 59, "provisional")
    assert result["areas"][0]["quarters"][0]["fcsq_status"] is None
    assert result["provisional_quarters"] == ["2025 Q1"] and result["revised_quarters"] == []
    assert "2025 Q1 are provisional (p): used" in result["note"]


def test_a_revised_quarter_is_said_so(worcester, tmp_path):
    path = tmp_path / "fcsq.csv"
    path.write_text("category,stage,year,quarter,dfj_new,region,count,cases,status\n"
                    "Public Law,Start,2024,4,Worcester DFJ,MIDLANDS,90,50,R\n"
                    "Public Law,Start,2025,1,Worcester DFJ,MIDLANDS,101,59,\n", encoding="utf-8")
    result = reconciliation([worcester], read_fcsq(path).frame, MONTH, "fcsq.csv")
    assert result["revised_quarters"] == ["2024 Q4"] and "2024 Q4 are revised (r)" in result["note"]
    assert [q["fcsq_status"] for q in result["areas"][0]["quarters"]] == ["revised", None]


def test_one_quarters_national_row_is_not_the_context_for_the_others(worcester, tmp_path):
    """England and Wales 2025 Q1 has a national row (6,000); 2024 Q4 has none, so it is the areas added up (50)."""
    path = tmp_path / "fcsq.csv"
    path.write_text("category,stage,year,quarter,dfj_new,region,count,cases\n"
                    "Public Law,Start,2024,4,Worcester DFJ,MIDLANDS,90,50\n"
                    "Public Law,Start,2025,1,Worcester DFJ,MIDLANDS,101,59\n"
                    "Public Law,Start,2025,1,England and Wales,,9000,6000\n", encoding="utf-8")
    national = reconciliation([worcester], read_fcsq(path).frame, MONTH, "fcsq.csv")["context"][-1]
    assert [q["fcsq_started"] for q in national["quarters"]] == [50, 6000]


def test_the_comparison_page_marks_provisional_quarters(did_boards, tmp_path):
    """The reconciliation table shows '(p)' beside FCSQ's provisional quarter and says what it means."""
    from lfjb.workflows.compare import compare_model
    from lfjb.render.comparison import render_comparison_html

    path = tmp_path / "fcsq.csv"
    path.write_text("category,stage,year,quarter,dfj_new,region,count,cases\n"
                    "Public Law,Start,2024,4,Worcester DFJ,MIDLANDS,90,50\n"
                    "Public Law,Start,2025,Q1 (p),Worcester DFJ,MIDLANDS,101,59\n", encoding="utf-8")
    model = compare_model(MONTH, None, did_boards, fcsq=path)
    html = render_comparison_html(model, charts={})
    assert "Jan–Mar 2025 (p)</td>" in html and "Oct–Dec 2024</td>" in html
    assert "(p) FCSQ&#39;s figure is provisional." in html or "(p) FCSQ's figure is provisional." in html


def test_a_file_that_stops_before_the_months_quarter_says_so(worcester, tmp_path):
    """A March 2025 comparison with a file ending in 2024 Q4 reconciles to December 2024, and says 2025 Q1 is
    not in the file rather than doing so in silence."""
    path = tmp_path / "fcsq.csv"
    path.write_text("category,stage,year,quarter,dfj_new,region,count,cases\n"
                    "Public Law,Start,2024,4,Worcester DFJ,MIDLANDS,90,50\n", encoding="utf-8")
    result = reconciliation([worcester], read_fcsq(path).frame, MONTH, "fcsq.csv")
    assert result["quarters"] == ["2024 Q4"] and result["latest_missing"] == "2025 Q1"
    assert "no figures for 2025 Q1, the latest quarter up to March 2025" in result["note"]
    complete = reconciliation([worcester], read_fcsq(DFJ).frame, MONTH, "dfj_real_layout.csv")
    assert complete["latest_missing"] is None and "no figures for" not in complete["note"]
