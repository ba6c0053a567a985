"""No case number in any pack output (issue 20.6): a pack goes to members and its JSON to MoJ.

Every sample board's pack and a pack from each real-layout fixture are laid out as PDF, HTML and JSON,
and no case id (nor pre-proceedings family id) of the board's files may appear in any of them; the
data-quality section names rows set aside by file and row number only. The Wolverhampton sample sets
three rows aside (WV22C50028's negative hearings among them) and the child-level fixture one case, so
the section is exercised, not empty.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from lfjb.inputs import load_board
from lfjb.month import Month
from lfjb.pack import build_pack
from lfjb.render.files import json_text
from lfjb.render.html import render_html
from lfjb.render.pdf import render_pdf

ROOT = Path(__file__).parents[2]
REAL = ROOT / "tests" / "fixtures" / "real_layouts"
BOARDS = sorted((ROOT / "board_config").glob("*.yaml")) + [
    REAL / "court_tracker" / "court_tracker.yaml", REAL / "mi_export" / "mi_export.yaml",
    REAL / "child_level" / "child_level.yaml", REAL / "month_first" / "month_first_fixed.yaml",
    REAL / "messy_las" / "messy_las.yaml",
]


def _ids(board) -> set[str]:
    """Every case and family id the board's files hold, the rows set aside included."""
    ids = set(board.extract.cases["case_id"]) | {p["case_id"] for p in board.extract.data_quality.problems}
    if board.pre_proceedings is not None:
        ids |= set(board.pre_proceedings.families["family_id"]) | {p["family_id"] for p in board.pre_proceedings.problems}
    return {i for i in ids if i}


@pytest.mark.slow
@pytest.mark.parametrize("path", BOARDS, ids=[f"{p.parent.name}/{p.stem}" for p in BOARDS])
def test_no_case_id_appears_in_the_pdf_html_or_json(path):
    board = load_board(path)
    ids = _ids(board)
    assert len(ids) > 40  # the files were read: a board with no ids would prove nothing
    pack = build_pack(board, Month(2025, 3))
    pdf_text = " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(render_pdf(pack))).pages)
    outputs = {"JSON": json_text(pack.to_json()), "HTML": render_html(pack), "PDF": pdf_text}
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(i) for i in sorted(ids, key=len, reverse=True)) + r")(?![\w-])")
    for kind, text in outputs.items():
        found = sorted(set(pattern.findall(text)))
        assert not found, f"{kind} of {path.name} names cases: {found[:10]}"
    if board.extract.data_quality.problems:  # the rows set aside are there, by row number
        first = board.extract.data_quality.problems[0]["row"]
        assert re.search(rf"\b{first}\b", outputs["HTML"].split('id="app-data-quality"')[1].split("</section>")[0])
