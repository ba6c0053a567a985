"""The comparison renders with Python's cyclic collector paused (lfjb.collector), in this process and in
the second process that lays out its PDF (lfjb/render/pdf_worker.py), and the collector is back after."""

from __future__ import annotations

import gc

import pytest

from lfjb.workflows.compare import render_comparison


class _Model:
    """Stands in for a ComparisonModel: only its JSON is asked for, and it notes the collector's state."""

    def __init__(self, fail: bool = False) -> None:
        self.seen: list[bool] = []
        self.fail = fail

    def to_json(self) -> dict:
        self.seen.append(gc.isenabled())
        if self.fail:
            raise RuntimeError("renderer crashed")
        return {}


def test_the_comparison_renders_with_the_collector_paused_and_restores_it():
    model, failing = _Model(), _Model(fail=True)
    assert gc.isenabled()
    assert render_comparison(model, ["json"]) == {"json": "{}\n"}
    assert gc.isenabled()
    with pytest.raises(RuntimeError, match="renderer crashed"):
        render_comparison(failing, ["json"])
    assert gc.isenabled() and model.seen == [False] and failing.seen == [False]


def test_the_pdf_worker_lays_out_with_the_collector_paused(monkeypatch):
    import lfjb.render.comparison as comparison
    from lfjb.render import pdf_worker

    seen = []

    def layout(html, fetcher):
        seen.append(gc.isenabled())
        return b"%PDF"

    monkeypatch.setattr(comparison, "comparison_pdf_of_html", layout)
    assert pdf_worker.comparison_pdf("<p>x</p>") == b"%PDF"
    assert seen == [False] and gc.isenabled()
