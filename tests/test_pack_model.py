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
