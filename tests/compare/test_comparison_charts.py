"""The comparison's charts (lfjb/charts/comparison.py): titles from the model, figures in the alt text,
board names on the funnel plot that do not overlap."""

from __future__ import annotations

import pytest
from compare_data import MONTH

from lfjb.charts.comparison import CHAR_WIDTH, LABEL_HEIGHT, comparison_charts, place_labels
from lfjb.comparison_run import compare_model


@pytest.fixture(scope="module")
def model(did_boards):
    return compare_model(MONTH, None, did_boards)


def test_charts_carry_the_models_titles_and_figures(model):
    charts = comparison_charts(model)
    # One trends chart per region (the four boards are in the Midlands, South East and North East).
    trends = {k: c for k, c in charts.items() if k.startswith("trends-")}
    assert set(charts) == {*trends, "funnel", "pilot-gap"}
    assert set(trends) == {"trends-midlands", "trends-south-east", "trends-north-east"}
    assert charts["funnel"].title == model.titles["funnel"]
    alt = " ".join(c.alt for c in trends.values())
    for board in model.boards:
        assert f"{board['short_name']} ({board['programme_label']}) {board['mean_weeks_12m']:.1f} weeks" in alt
    # Every funnel point is numbered in the alt text as in the table.
    for p in model.funnel["points"]:
        assert f"{p['number']}. {p['short_name']}" in charts["funnel"].alt
    assert charts["funnel"].svg.lstrip().startswith("<svg") and "<title>" in charts["funnel"].svg


def test_labels_of_close_boards_do_not_overlap():
    """Three boards within a few pixels of each other get three separate label boxes."""
    points = [{"board": "Alpha", "n": 300, "pct": 35.0}, {"board": "Bravo", "n": 305, "pct": 34.0},
              {"board": "Charlie", "n": 310, "pct": 35.5}]
    labels = place_labels(points, 600, 300, 600)
    boxes = []
    for label, point in zip(labels, sorted(points, key=lambda p: (p["n"], -p["pct"]))):
        left = label["label_n"] / 600 * 600
        middle = (1 - label["label_pct"] / 100) * 300
        boxes.append((left, middle - LABEL_HEIGHT / 2, left + CHAR_WIDTH * len(point["board"]), middle + LABEL_HEIGHT / 2))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])


def test_funnel_hotspots_sit_on_the_points_and_name_every_board(model):
    from lfjb.charts.comparison import FUNNEL_HEIGHT, FUNNEL_PADDING, FUNNEL_WIDTH, funnel_hotspots

    spots = funnel_hotspots(model)
    assert spots["width"] == FUNNEL_WIDTH + FUNNEL_PADDING["left"] + FUNNEL_PADDING["right"]
    # The SVG is exactly that size (fixed margins), so the hotspots line up with the drawn points.
    svg = comparison_charts(model)["funnel"].svg
    assert f'width="{spots["width"]}"' in svg and f'height="{FUNNEL_HEIGHT + FUNNEL_PADDING["top"] + FUNNEL_PADDING["bottom"]}"' in svg
    top_n = model.funnel["curve"][-1]["n"]
    for spot, point in zip(spots["spots"], model.funnel["points"]):
        assert spot["slug"] == point["slug"] and point["short_name"] in spot["text"]
        assert spot["x"] == pytest.approx(FUNNEL_PADDING["left"] + point["n"] / top_n * FUNNEL_WIDTH, abs=0.1)
        assert spot["y"] == pytest.approx(FUNNEL_PADDING["top"] + (1 - point["pct"] / 100) * FUNNEL_HEIGHT, abs=0.1)


def test_only_outliers_and_highlighted_boards_are_named(did_boards):
    model = compare_model(MONTH, None, did_boards, highlight=["alpha"])
    labelled = {p["slug"] for p in model.funnel["points"] if p["is_labelled"]}
    outside = {p["slug"] for p in model.funnel["points"] if p["position"] != "inside"}
    assert labelled >= outside | {"alpha"}
    spec = __import__("lfjb.charts.comparison", fromlist=["funnel_spec"]).funnel_spec(model)
    named = [l["board"] for l in spec.datasets["labels"]]
    numbers = [l["board"] for l in spec.datasets["numbers"]]
    assert len(named) + len(numbers) == len(model.funnel["points"])
    assert any(n.endswith(" Alpha") for n in named)
