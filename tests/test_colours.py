"""lfjb/colours.py: the contrast maths, and the colours with meaning defined there and nowhere else."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lfjb.colours import (RAG_COLOURS, RAG_FILLS, RAG_INK, RAG_RULES, RAG_TINTS, contrast_ratio, darken_for,
                          palette_css, text_on)
from lfjb.render.templates import stylesheet

ROOT = Path(__file__).parent.parent


def test_contrast_of_black_on_white_is_21_and_of_a_colour_on_itself_1():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1.0)


def test_darken_for_reaches_the_ratio_and_text_on_picks_the_readable_one():
    # #fab428 (Making Data Count orange) is about 1.8:1 on white; darkened it reaches 4.5:1.
    assert contrast_ratio("#fab428") < 2
    assert contrast_ratio(darken_for("#fab428")) >= 4.5
    assert text_on("#0b0c0c") == "#ffffff" and text_on("#ffdd00") == "#0b0c0c"


@pytest.mark.parametrize("rag", ["red", "amber", "green"])
def test_rag_text_reads_on_white_on_its_fill_and_on_its_tint(rag):
    for background in ("#ffffff", RAG_FILLS[rag], RAG_TINTS[rag]):
        assert contrast_ratio(RAG_INK[rag], background) >= 6, (rag, background)
    assert contrast_ratio(RAG_COLOURS[rag]) >= 3  # a bar or a border: WCAG 1.4.11


def test_every_stylesheet_starts_with_the_palette():
    for name in ("pack.css", "summary.css", "comparison/comparison.css"):
        assert stylesheet(name).startswith(palette_css())
    assert "--rag-amber-ink:#6b4200" in palette_css()


def test_red_amber_and_green_are_written_only_in_colours_py():
    """Issue 23: amber was #b86e00, #6b4200, #c27a00 or 594D00 depending on the file. (GOV.UK green
    #00703c is also the default board accent, so it is left out of the search.)"""
    palette = {*RAG_INK.values(), *RAG_RULES.values(), *RAG_TINTS.values(), *RAG_FILLS.values(),
               RAG_COLOURS["red"], RAG_COLOURS["amber"]}
    retired = {"#c27a00", "#b10e1e", "#594d00", "#b00020"}
    wanted = {c.lstrip("#").lower() for c in palette | retired}
    pattern = re.compile(r"#?\b([0-9a-fA-F]{6})\b")
    found = []
    files = [*(ROOT / "lfjb").rglob("*.py"), *(ROOT / "templates").rglob("*.css"), *(ROOT / "templates").rglob("*.html")]
    assert len(files) > 50
    for path in files:
        if path.name == "colours.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            found += [f"{path.relative_to(ROOT)}:{number}: {m}" for m in pattern.findall(line) if m.lower() in wanted]
    assert found == []
