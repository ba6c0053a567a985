"""Shared test fixtures: paths to the tiny hand-worked board and the broken-input files."""

from __future__ import annotations

from pathlib import Path

import shutil

import pytest

FIXTURES = Path(__file__).parent / "fixtures"

# The quick loop (`pytest -m "not slow"`) leaves out what lays out PDFs, drives Chromium or runs whole
# commands over the sample boards: these modules, and any test marked @pytest.mark.slow. The README's
# test command runs everything.
SLOW_MODULES = {
    "tests/render/test_accessibility.py",
    "tests/render/test_comparison_print.py",
    "tests/render/test_html.py",
    "tests/render/test_pdf.py",
    "tests/render/test_print_layout.py",
    "tests/compare/test_render.py",
    "tests/compare/test_run.py",
    "tests/test_properties.py",
}


def pytest_collection_modifyitems(config, items):
    root = Path(__file__).parent.parent
    for item in items:
        if Path(item.fspath).relative_to(root).as_posix() in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def tiny_board_path() -> Path:
    return FIXTURES / "tiny" / "tiny.yaml"


@pytest.fixture
def broken() -> Path:
    return FIXTURES / "broken"


@pytest.fixture
def config_dir(tmp_path, tiny_board_path) -> Path:
    """A board_config folder holding the tiny board, its inputs in a data/ folder beside it."""
    folder = tmp_path / "board_config"
    (folder / "data").mkdir(parents=True)
    for name in ("actions.yaml", "extract.csv"):
        shutil.copy(tiny_board_path.parent / name, folder / "data" / name)
    text = tiny_board_path.read_text().replace("actions: actions.yaml", "actions: data/actions.yaml")
    (folder / "tiny.yaml").write_text(text.replace("extract: extract.csv", "extract: data/extract.csv"))
    return folder


@pytest.fixture
def disk_full_when(monkeypatch):
    """`disk_full_when(matches)`: from then on, writing a file whose path `matches` fails as a full disk does
    (lfjb.render.files writes every output through `_write_part`)."""
    import errno

    from lfjb.render import files

    real = files._write_part

    def install(matches) -> None:
        def write(path, data):
            if matches(path):
                raise OSError(errno.ENOSPC, "No space left on device")
            return real(path, data)

        monkeypatch.setattr(files, "_write_part", write)

    return install
