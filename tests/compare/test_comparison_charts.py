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
    assert set(charts) == {"trends", "funnel"}
    assert charts["funnel"].title == model.titles["funnel"]
    assert charts["trends"].title.startswith("Average duration fell in")
    for board in model.boards:
        assert f"{board['short_name']} ({board['programme_label']}) {board['mean_weeks_12m']:.1f} weeks" in charts["trends"].alt
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
