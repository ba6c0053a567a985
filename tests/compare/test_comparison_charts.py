"""The comparison's charts (lfjb/charts/comparison.py): titles from the model, figures in the alt text,
board names on the funnel plot that do not overlap."""

from __future__ import annotations

import pytest
from compare_data import MONTH

from lfjb.charts.comparison import CHAR_WIDTH, LABEL_HEIGHT, comparison_charts, place_labels
from lfjb.workflows.compare import compare_model


@pytest.fixture(scope="module")
def model(did_boards):
    return compare_model(MONTH, None, did_boards)


def test_charts_carry_the_models_titles_and_figures(model):
    charts = comparison_charts(model)
    # One trends chart per region (the four boards are in the Midlands, South East and North East).
    trends = {k: c for k, c in charts.items() if k.startswith("trends-")}
    assert set(charts) == {*trends, "pooled-within-26", "funnel", "pilot-gap"}
    assert set(trends) == {"trends-midlands", "trends-south-east", "trends-north-east"}
    assert charts["funnel"].title == model.titles["funnel"]
    alt = " ".join(c.alt for c in trends.values())
    for board in model.boards:
        assert f"{board['short_name']} ({board['programme_label']}) {board['mean_weeks_12m']:.1f} weeks" in alt
    # Every funnel point is numbered in the alt text as in the table.
    assert len(model.funnel["points"]) == len(model.boards)
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


def test_no_funnel_label_covers_another_label_or_any_point():
    """The densest cluster (issue 13: numbers touched there): 40 boards as the 43 DFJ areas spread,
    between 160 and 600 cases and 17% and 43%, a few of them named. Names and numbers are placed in
    two passes; neither may cover the other's labels or any board's point, whichever pass labels it."""
    import numpy as np

    from lfjb.charts.comparison import (
        FUNNEL_HEIGHT,
        FUNNEL_WIDTH,
        NUMBER_CHAR_WIDTH,
        NUMBER_HEIGHT,
        _overlaps,
        marker_box,
    )

    top_n = 650
    rng = np.random.default_rng(43)
    points = [{"board": f"Board {i}", "n": float(n), "pct": float(pct)}
              for i, (n, pct) in enumerate(zip(rng.uniform(160, 600, 40), rng.uniform(17, 43, 40)))]
    def px(p):
        return p["n"] / top_n * FUNNEL_WIDTH, (1 - p["pct"] / 100) * FUNNEL_HEIGHT
    markers = [marker_box(*px(p)) for p in points]
    named = [{**p, "board": f"{i + 1} {p['board']}"} for i, p in enumerate(points) if i % 8 == 0]
    numbered = [{**p, "board": str(i + 1)} for i, p in enumerate(points) if i % 8]
    names = place_labels(named, FUNNEL_WIDTH, FUNNEL_HEIGHT, top_n, reserved=list(markers))

    def box(label, char_width, height):
        left = label["label_n"] / top_n * FUNNEL_WIDTH
        middle = (1 - label["label_pct"] / 100) * FUNNEL_HEIGHT
        return (left, middle - height / 2, left + char_width * len(label["board"]), middle + height / 2)

    name_boxes = [box(l, CHAR_WIDTH, LABEL_HEIGHT) for l in names]
    numbers = place_labels(numbered, FUNNEL_WIDTH, FUNNEL_HEIGHT, top_n, reserved=[*name_boxes, *markers],
                           char_width=NUMBER_CHAR_WIDTH, label_height=NUMBER_HEIGHT)
    boxes = name_boxes + [box(l, NUMBER_CHAR_WIDTH, NUMBER_HEIGHT) for l in numbers]
    for i, a in enumerate(boxes):
        assert not any(_overlaps(a, b) for b in boxes[i + 1:])
        assert not any(_overlaps(a, m) for m in markers)
    # A label placed away from its point is joined to it by a leader line, starting at the point.
    from lfjb.charts.comparison import LEADER_FROM

    from lfjb.charts.comparison import box_distance

    for group, labels, char_width, height in ((named, names, CHAR_WIDTH, LABEL_HEIGHT),
                                              (numbered, numbers, NUMBER_CHAR_WIDTH, NUMBER_HEIGHT)):
        for point, label in zip(sorted(group, key=lambda p: (p["n"], -p["pct"])), labels):
            is_far = box_distance(box(label, char_width, height), *px(point)) > LEADER_FROM
            assert ("leader" in label) == is_far
            if is_far:
                assert (label["leader"]["n"], label["leader"]["pct"]) == (point["n"], point["pct"])


def test_trend_reference_lines_are_drawn_once_per_panel(model):
    """A rule inside a facet is drawn once per row of its panel unless aggregated: each panel has its
    26-week line and its benchmark line, two rules, not two per month."""
    import re

    charts = comparison_charts(model)
    for key, chart in charts.items():
        if not key.startswith("trends-"):
            continue
        panels = len(re.findall(r'class="mark-line role-mark', chart.svg))
        rule_groups = re.findall(r'<g class="mark-rule role-mark[^"]*"[^>]*>(.*?)</g>', chart.svg)
        assert sum(group.count("<line") for group in rule_groups) == 2 * panels


def test_parallel_trends_chart_draws_a_point_for_every_quarter(model):
    import re

    chart = comparison_charts(model)["pilot-gap"]
    quarters = [q for q in model.pilot["quarters"] if q["mean_weeks"]["gap"] is not None]
    symbols = re.findall(r'<g class="mark-symbol role-mark[^"]*"[^>]*>(.*?)</g>', chart.svg)
    assert sum(group.count("<path") for group in symbols) == len(quarters) >= 2


def test_pooled_chart_shows_each_month_and_says_it_is_laney(model):
    chart = comparison_charts(model)["pooled-within-26"]
    assert "Laney p′" in chart.title and "sigma-z" in chart.alt
    for p in model.pooled_within_26["points"]:
        assert f"{p['value']:.1f}%" in chart.alt


# --- the drawn funnel names the right board (issue 19) ------------------------------------------------------

# (cases disposed of, of which within 26 weeks) over the 12 months, as the sample boards have them: the
# 7 shipped ones and the 43-area run (sample_data/generate.py --all-dfj-areas), where label "7" once sat
# beside board 4's point and board 7 had none.
SAMPLE_7 = [(226, 165), (223, 87), (481, 178), (374, 128), (343, 115), (548, 179), (507, 56)]
SAMPLE_43 = [(226, 165), (396, 169), (536, 214), (482, 189), (223, 87), (195, 75), (481, 178), (165, 59), (374, 128),
             (534, 182), (414, 141), (392, 132), (343, 115), (548, 179), (240, 77), (203, 65), (450, 144), (457, 145),
             (592, 186), (555, 173), (574, 178), (360, 108), (364, 109), (428, 121), (210, 59), (258, 72), (212, 59),
             (313, 84), (505, 133), (581, 153), (465, 122), (195, 51), (341, 89), (295, 73), (466, 115), (415, 94),
             (203, 44), (236, 50), (576, 118), (240, 47), (266, 51), (199, 34), (507, 56)]


def _drawn(svg: str, layer: int, tag: str) -> list[tuple[float, float, str, float]]:
    """(x, y, text, font px) of each mark drawn in Vega's layer `layer` (its translate, in the plot's px)."""
    import re

    start = svg.index(f'role-mark layer_{layer}_marks"')
    group = svg[start:svg.index("</g>", start)]
    out = []
    for m in re.finditer(rf'<{tag}[^>]*?transform="translate\(([-\d.e]+),([-\d.e]+)\)"([^>]*)>([^<]*)', group):
        size = re.search(r'font-size="([\d.]+)px"', m.group(3))
        out.append((float(m.group(1)), float(m.group(2)), m.group(4), float(size.group(1)) if size else 0.0))
    return out


@pytest.mark.parametrize("pairs", [SAMPLE_7, SAMPLE_43], ids=["7 boards", "43 boards"])
def test_every_funnel_label_is_nearest_its_own_boards_point_in_the_drawn_svg(pairs):
    from compare_data import fake_pack

    from lfjb.charts.comparison import (
        FUNNEL_HEIGHT,
        FUNNEL_PADDING,
        FUNNEL_PRINT_HEIGHT_MM,
        FUNNEL_WIDTH,
        LEADER_FROM,
        NUMBER_CHAR_WIDTH,
        NUMBER_HEIGHT,
        box_distance,
        draw_charts,
        funnel_spec,
    )
    from lfjb.compare.model import add_words, build_comparison

    packs = [fake_pack(f"board-{i:02d}", None, disposed_12m=n, pct_12m=100 * k / n, mean_weeks_12m=30.0 + 0.37 * i)
             for i, (n, k) in enumerate(pairs)]
    model = add_words(build_comparison(packs, MONTH, {"kind": "packs"}))
    spec = funnel_spec(model)
    svg = draw_charts({"funnel": spec})["funnel"].svg
    layers = {layer.get("data", {}).get("name"): i for i, layer in enumerate(spec.spec["layer"])}
    drawn_points = [(x, y) for x, y, _, _ in _drawn(svg, layers["points"], "path")]
    labels = _drawn(svg, layers["labels"], "text") + _drawn(svg, layers["numbers"], "text")
    top_n = model.funnel["curve"][-1]["n"]
    where = {p["number"]: (p["n"] / top_n * FUNNEL_WIDTH, (1 - p["pct"] / 100) * FUNNEL_HEIGHT) for p in model.funnel["points"]}
    assert len(drawn_points) == len(pairs)
    # One numbering: each point's number is its board's rank in the league table.
    ranks = {r["slug"]: r["rank"] for r in model.boards}
    assert all(p["number"] == ranks[p["slug"]] for p in model.funnel["points"])

    def numbers(text: str) -> list[int]:
        # "12", "3 Worcester", or "25, 27" for points drawn on top of one another.
        return [int(t) for t in text.replace(",", " ").split() if t.isdigit()] if "," in text else [int(text.split()[0])]

    # Every board's number appears exactly once.
    assert sorted(n for _, _, text, _ in labels for n in numbers(text)) == list(range(1, len(pairs) + 1))
    names = {text for _, _, text, _ in _drawn(svg, layers["labels"], "text")}
    # The PDF prints the image FUNNEL_PRINT_HEIGHT_MM tall (comparison.css): its points a px.
    pt_per_px = FUNNEL_PRINT_HEIGHT_MM / 25.4 * 72 / (FUNNEL_HEIGHT + FUNNEL_PADDING["top"] + FUNNEL_PADDING["bottom"])
    for x, y, text, size in labels:
        # At least 7 pt in print (it was 0.65 pt a px here when the image printed at 0.5).
        assert size * pt_per_px >= 7.0
        # Vega writes a middle-baseline text's translate about 0.3 em below its middle.
        middle = y - 0.3 * size
        half = (LABEL_HEIGHT if text in names else NUMBER_HEIGHT) / 2
        box = (x, middle - half, x + (CHAR_WIDTH if text in names else NUMBER_CHAR_WIDTH) * len(text), middle + half)
        own = [where[n] for n in numbers(text)]
        own_distance = min(box_distance(box, *o) for o in own)
        if text in names or own_distance > LEADER_FROM:
            # A name, or a label moved away on a leader line, is read from its end by the point (where
            # the leader joins it): that end is nearest its own board's point.
            ox, oy = min(own, key=lambda o: box_distance(box, *o))
            end = (min(max(ox, box[0]), box[2]), min(max(oy, box[1]), box[3]))
            distance = lambda p: ((p[0] - end[0]) ** 2 + (p[1] - end[1]) ** 2) ** 0.5  # noqa: E731
        else:
            # A number beside its point: the whole label is nearer its own point than any other.
            distance = lambda p: box_distance(box, *p)  # noqa: E731
        mine = [p for p in drawn_points if any(p == pytest.approx(o, abs=0.5) for o in own)]
        theirs = [p for p in drawn_points if p not in mine]
        assert len(mine) == len(own)
        assert min(map(distance, mine)) < min(map(distance, theirs)), f"label {text!r} is nearest another board's point"


def test_the_funnels_print_height_is_the_one_the_css_gives():
    # The label test above reckons the printed size from FUNNEL_PRINT_HEIGHT_MM; the CSS is what prints it.
    import re

    from lfjb.charts.comparison import FUNNEL_PRINT_HEIGHT_MM
    from lfjb.render.templates import templates_dir

    css = (templates_dir() / "comparison" / "comparison.css").read_text(encoding="utf-8")
    assert re.findall(r"#chart-funnel img \{ max-height: (\d+)mm; \}", css) == [str(FUNNEL_PRINT_HEIGHT_MM)]
