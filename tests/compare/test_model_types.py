"""The comparison's typed, frozen model (lfjb/compare/model_types.py): sections refuse changes, publishing
makes a new model, the JSON is the one the dict model wrote, and months are Month values."""

from __future__ import annotations

import dataclasses

import pytest

from compare_data import BASELINE, MONTH, PILOT, three_boards

from lfjb.compare.disclosure import publishable
from lfjb.compare.model import add_words, build_comparison
from lfjb.compare.model_types import (Benchmark, BoardRow, BoardTopDriver, DriverRow, Drivers, Funnel, FunnelLimits,
                                      PooledChart, TotalRow, TrendPoint)
from lfjb.compare.pilot import pilot_from_packs
from lfjb.month import Month


@pytest.fixture(scope="module")
def packs():
    return three_boards()


@pytest.fixture(scope="module")
def raw(packs):
    source = {"kind": "packs", "files": [], "boards": 3}
    return add_words(build_comparison(packs, MONTH, source, pilot=pilot_from_packs(packs, BASELINE, PILOT)))


def test_a_comparison_and_its_sections_refuse_changes(raw):
    with pytest.raises(dataclasses.FrozenInstanceError):
        raw.boards = ()  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        raw.boards[0].mean_weeks_12m = 1.0  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        raw.funnel.points[0].pct = 1.0  # type: ignore[union-attr,misc]
    with pytest.raises(TypeError):
        raw.trends["small"] = ()  # type: ignore[index]
    with pytest.raises(TypeError):
        raw.drivers["rows"] = ()  # type: ignore[index]
    with pytest.raises(TypeError):
        raw.pilot["kpms"][0]["did"] = 0.0  # type: ignore[index]
    assert isinstance(raw.boards, tuple) and isinstance(raw.trends["small"], tuple)


def test_publishing_makes_a_new_model_and_leaves_the_unpublished_one_as_it_was(raw):
    before = raw.to_json()
    published = publishable(raw, min_cases=10)
    assert published is not raw and published.publish and not raw.publish
    assert raw.to_json() == before
    small = next(r for r in raw.boards if r.slug == "small")
    assert small.issued == 3 and small.suppressed is None and small.within_26_12m is not None
    hidden = next(r for r in published.boards if r.slug == "small")
    assert hidden.issued is None and hidden.suppressed["issued"] == "suppressed"
    assert hidden.within_26_12m is None  # not published


def test_the_json_keeps_its_keys_in_order_with_their_values(raw):
    data = raw.to_json()
    row = next(r for r in data["boards"] if r["slug"] == "big")
    keys = list(row)
    assert keys[:3] == ["slug", "name", "short_name"] and "suppressed" not in row
    assert keys[-6:] == ["rank", "rank_of", "region_rank", "region_of", "diff_mean_weeks_12m", "diff_pct_within_26_12m"]
    assert row["period_12m"] == {"start": "2024-04", "end": "2025-03"}
    assert row["issued"] == 30 and row["disposed"] == 40 and row["pct_within_26"] == 35.0
    assert row["spc"]["mean_weeks"]["month"] == "2025-03"
    assert data["trends"]["big"][-1] == {"month": "2025-03", "disposed": 40, "mean_weeks": 38.3, "pct_within_26": 35.0}
    assert list(data["all_boards"])[:4] == ["slug", "name", "short_name", "issued"]
    assert data["all_boards"]["issued"] == 45 and "region" not in data["all_boards"]
    assert data["funnel"]["period"] == {"start": "2024-04", "end": "2025-03", "label": "12 months to March 2025"}
    assert "not_shown" not in data["funnel"] and set(data["funnel"]["curve"][0]) == {
        "n", "lower_95", "upper_95", "lower_998", "upper_998"}
    assert data["benchmark"]["kind"] == "all_boards" and "suppressed" not in data["benchmark"]


def test_the_published_json_leaves_out_what_is_never_published(raw):
    data = publishable(raw, min_cases=10).to_json()
    assert all("within_26_12m" not in r and "within_26" not in r for r in data["boards"])
    assert "within_26_12m" not in data["all_boards"]
    assert all("disposed" not in p for points in data["trends"].values() for p in points)
    row = next(r for r in data["boards"] if r["slug"] == "small")
    assert list(row).index("suppressed") == list(row).index("rank") - 1  # where the dict model put it


def test_sections_are_typed_and_hold_months(raw):
    assert all(isinstance(r, BoardRow) for r in raw.boards)
    assert isinstance(raw.all_boards, TotalRow) and all(isinstance(r, TotalRow) for r in raw.regions)
    assert isinstance(raw.benchmark, Benchmark) and isinstance(raw.funnel, Funnel)
    assert all(isinstance(c, FunnelLimits) for c in raw.funnel.curve)
    points = raw.trends["mid"]
    assert all(isinstance(p, TrendPoint) and isinstance(p.month, Month) for p in points)
    assert points[-1].month == MONTH
    big = next(r for r in raw.boards if r.slug == "big")
    assert big.period_12m.start == MONTH.shift(-11) and big.period_12m.end == MONTH
    assert big.spc["mean_weeks"].month == MONTH
    assert raw.funnel.period.end == MONTH and raw.funnel.period.label == "12 months to March 2025"
    assert isinstance(raw.drivers, Drivers) and raw.drivers.window.end == MONTH
    assert all(isinstance(r, DriverRow) for r in raw.drivers.rows)
    assert all(isinstance(t, BoardTopDriver) for t in raw.drivers.top_by_board)
    court = next(r for r in raw.drivers.rows if r.driver == "court_capacity")
    base = next(t for t in raw.drivers.top_by_board if t.slug == "big").cases_disposed
    assert court.by_board["big"] == 15 and court.share_by_board["big"] == pytest.approx(100 * 15 / base)


def test_the_pooled_chart_holds_months(packs):
    from lfjb.compare.pooled import pooled_within_26

    raw = add_words(build_comparison(packs, MONTH, {"kind": "packs", "files": [], "boards": 3}))
    pooled = raw.pooled_within_26
    assert isinstance(pooled, PooledChart) and pooled.latest.month == MONTH and pooled.points[-1].month == MONTH
    assert all(isinstance(p.month, Month) for p in pooled.points) and isinstance(pooled.first, Month)
    assert raw.to_json()["pooled_within_26"] == pooled_within_26(packs)  # the JSON the dict section wrote


def test_a_section_given_as_data_is_read_into_its_type(raw):
    # dataclasses.replace with JSON-ready data (as a test or a step might give it) still makes a typed model.
    data = raw.to_json()
    model = dataclasses.replace(raw, boards=data["boards"], trends=data["trends"], pilot={"kpms": [{"did": 1.0}]})
    assert isinstance(model.boards[0], BoardRow) and model.boards == raw.boards
    assert model.trends["big"][-1].month == MONTH and model.trends == raw.trends
    with pytest.raises(TypeError):
        model.pilot["kpms"][0]["did"] = 0.0  # type: ignore[index]


def test_no_record_of_the_comparison_shares_a_name_with_one_of_the_pack(raw):
    # Two records named DriverWindow, of different shapes (the pack's: dates and cases; the comparison's:
    # months and an end), read as one in a search or an import. The comparison's is MonthsEnding.
    import lfjb.compare.model_types as comparison_types
    import lfjb.pack_model as pack_types
    from lfjb.compare.model_types import MonthsEnding
    from lfjb.pack_model import Record

    def records(module) -> set[str]:
        return {name for name, value in vars(module).items()
                if isinstance(value, type) and issubclass(value, Record) and value.__module__ == module.__name__}

    assert records(comparison_types) and not records(comparison_types) & records(pack_types)
    assert raw.drivers.window == MonthsEnding(months=12, end=MONTH)
    assert raw.to_json()["drivers"]["window"] == {"months": 12, "end": "2025-03"}


def test_a_board_pack_does_not_import_the_comparison():
    """The pack uses one rule of suppression.py; importing it must not build the comparison's modules
    (a twentieth of a second of every `lfjb pack`). The package's names still import on demand."""
    import subprocess
    import sys

    code = ("import sys, lfjb.cli, lfjb.workflows.pack, lfjb.pack; "
            "print(sorted(m for m in sys.modules if m.startswith('lfjb.compare')))")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert shown == "['lfjb.compare', 'lfjb.compare.suppression']"
    from lfjb.compare import DEFAULT_PILOT, ComparisonModel

    assert ComparisonModel.__name__ == "ComparisonModel" and DEFAULT_PILOT
