"""The comparison reads PackModels from case data and from pack files alike (issue 23 item 2): a pack file
reads back as the model `lfjb pack` built, so the comparison is the same either way. (A second process
sends its boards' models back pickled: tests/compare/test_run.py.)"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from lfjb.month import Month
from lfjb.pack_model import PackModel
from lfjb.render.files import json_text
from lfjb.workflows.compare import compare_model, packs_from_configs_in_one

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "board_config"
MARCH = Month(2025, 3)


@pytest.mark.slow
def test_the_comparison_from_pack_files_is_the_comparison_from_configurations(tmp_path):
    built, _, _ = packs_from_configs_in_one(None, CONFIG, MARCH)
    for pack in built:
        (tmp_path / f"{pack.slug}-pack-{MARCH}.json").write_text(json_text(pack.to_json()), encoding="utf-8")
    from_files = compare_model(MARCH, None, CONFIG, from_packs=tmp_path)
    from_configs = compare_model(MARCH, None, CONFIG)
    skip = {"source", "pilot", "findings", "titles"}  # where the figures came from, and the pilot's method
    a, b = from_files.to_json(), from_configs.to_json()
    assert {k: v for k, v in a.items() if k not in skip} == {k: v for k, v in b.items() if k not in skip}
    assert [dataclasses.replace(p, logo=None) for p in built] == [
        PackModel.from_json(p.to_json()) for p in built]
