"""The typed pack model (lfjb/pack_model.py): the JSON written and read back is the same model, the
model is frozen, months are Months, and a value of the wrong shape names its key."""

from __future__ import annotations

import dataclasses
import json
import pickle
from pathlib import Path

import pytest

from lfjb.inputs import load_board
from lfjb.month import Month
from lfjb.pack import build_pack
from lfjb.pack_model import FrozenMap, PackModel, PackShapeError, TrendRow
from lfjb.render.files import json_text

ROOT = Path(__file__).resolve().parents[1]
MARCH = Month(2025, 3)
SAMPLE_BOARDS = sorted((ROOT / "board_config").glob("*.yaml"))
# The tiny board lacks columns the samples have: its sections take their "unavailable" shapes.
BOARDS = [*SAMPLE_BOARDS, ROOT / "tests/fixtures/tiny/tiny.yaml"]


@pytest.fixture(scope="module", params=BOARDS, ids=lambda p: p.stem)
def built(request) -> PackModel:
    return build_pack(load_board(request.param), MARCH)


def test_every_board_reads_back_as_the_model_it_was(built):
    data = built.to_json()
    again = PackModel.from_json(data)
    assert again == dataclasses.replace(built, logo=None)  # the logo is not in the JSON
    assert again.to_json() == data


def test_the_json_text_reads_back_to_the_same_json(built):
    # As a board's file would: through the text, where tuples became lists and Months text.
    data = json.loads(json_text(built.to_json()))
    assert PackModel.from_json(data).to_json() == data
    assert list(data) == list(built.to_json())  # keys in SPEC.md's order, unchanged


def test_months_and_dates_are_values_not_text(built):
    assert all(isinstance(row.month, Month) for row in built.trend)
    assert isinstance(built.rolling_12.start, Month) and built.rolling_12.end == MARCH
    assert isinstance(built.trend, tuple) and isinstance(built.kpi_tiles["mean_weeks"].sparkline, tuple)
    assert built.to_json()["trend"][-1]["month"] == "2025-03"


def test_the_model_refuses_changes(built):
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.month = Month(2025, 4)  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.trend[0].issued = 0  # type: ignore[misc]
    with pytest.raises(TypeError):
        built.data_quality["warnings"] = []  # type: ignore[index]


def test_a_model_survives_pickling_as_a_second_process_sends_it(built):
    assert pickle.loads(pickle.dumps(dataclasses.replace(built, logo=None))) == dataclasses.replace(built, logo=None)


def test_records_answer_item_access_read_only():
    row = TrendRow.from_json({"month": "2025-03", "issued": 4})
    assert row["issued"] == row.issued == 4 and row.get("disposed") is None and row.get("nope", 1) == 1
    with pytest.raises(KeyError):
        row["nope"]
    assert FrozenMap({"a": 1}) == {"a": 1}


def test_a_value_of_the_wrong_shape_names_its_key():
    data = build_pack(load_board(ROOT / "tests/fixtures/tiny/tiny.yaml"), MARCH).to_json()
    data["trend"][3]["month"] = "March"
    with pytest.raises(PackShapeError) as caught:
        PackModel.from_json(data)
    assert caught.value.key == "trend[3].month" and caught.value.expected == "a month as YYYY-MM"


# --- decisions the templates and charts take from the model (issue 23: one home each) ----------------------


def test_pre_proceedings_has_something_to_show_with_either_source():
    pack = build_pack(load_board(ROOT / "tests/fixtures/tiny/tiny.yaml"), MARCH)
    neither = FrozenMap({"extract": FrozenMap({"unavailable": "not recorded", "share": None}),
                         "log": FrozenMap({"unavailable": "no log", "diversion_rate": None})})
    extract_only = FrozenMap({**neither, "extract": FrozenMap({"unavailable": None, "share": 40.0})})
    log_only = FrozenMap({**neither, "log": FrozenMap({"unavailable": None, "diversion_rate": 10.0})})
    assert not dataclasses.replace(pack, pre_proceedings=neither).has_pre_proceedings
    assert dataclasses.replace(pack, pre_proceedings=extract_only).has_pre_proceedings
    assert dataclasses.replace(pack, pre_proceedings=log_only).has_pre_proceedings
    assert not dataclasses.replace(pack, pre_proceedings=None).has_pre_proceedings  # an older pack


def test_local_authorities_longest_12_month_average_first_then_those_without_one():
    from lfjb.charts.bars import local_authority_spec
    from lfjb.pack_model import LocalAuthorityRow

    pack = build_pack(load_board(ROOT / "board_config/wolverhampton.yaml"), MARCH)
    row = pack.by_local_authority[0]
    rows = tuple(dataclasses.replace(row, local_authority=name, rolling_12=dataclasses.replace(row.rolling_12, mean_weeks=weeks))
                 for name, weeks in (("Alpha", 30.0), ("Bravo", None), ("Charlie", 45.5), ("Delta", 30.0), ("Echo", 41.0)))
    ordered = dataclasses.replace(pack, by_local_authority=rows).local_authorities_slowest_first
    assert [r.local_authority for r in ordered] == ["Charlie", "Echo", "Alpha", "Delta", "Bravo"]
    assert all(isinstance(r, LocalAuthorityRow) for r in ordered)
    # The chart draws its bars in that order (the table's loop reads the same property).
    bars = local_authority_spec(dataclasses.replace(pack, by_local_authority=rows)).datasets["bars"]
    assert [b["name"] for b in bars] == ["Charlie", "Echo", "Alpha", "Delta", "Bravo"]


def test_every_record_holding_a_row_of_kpis_has_the_12_kpis_in_vocabs_order():
    # One home for the list of KPIs (lfjb.vocab.KPI_IDS): the records that hold a row of them are built from it.
    import dataclasses

    from lfjb.pack_model import KpiFigures, LocalAuthorityRow, QuarterRow, Rolling12
    from lfjb.vocab import KPI_IDS

    for record in (KpiFigures, TrendRow, QuarterRow, Rolling12, LocalAuthorityRow):
        names = [f.name for f in dataclasses.fields(record)]
        assert [n for n in names if n in KPI_IDS] == list(KPI_IDS), record.__name__
        assert record.__module__ == "lfjb.pack_model"
    assert [f.name for f in dataclasses.fields(TrendRow)][0] == "month"


def test_an_spc_chart_of_the_wrong_shape_names_its_key_in_the_pack():
    # The chart's own reader (SpcResult.from_dict) names the key within the chart; the pack names it in full.
    data = build_pack(load_board(ROOT / "tests/fixtures/tiny/tiny.yaml"), MARCH).to_json()
    data["spc"]["issued"]["points"][2]["month"] = "March"
    with pytest.raises(PackShapeError) as caught:
        PackModel.from_json(data)
    assert caught.value.key == "spc.issued.points[2].month" and caught.value.expected == "a month as YYYY-MM"
