"""The spreadsheets open in LibreOffice (issue 22's "Done when"): converted headless to CSV, every sheet
comes out with its title, header row and numbers. Skipped where LibreOffice is not installed
(`apt-get install libreoffice-calc-nogui`)."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest
from spreadsheet_rules import read

from lfjb.workflows.compare import compare_model
from lfjb.month import Month
from lfjb.render.spreadsheet import comparison_spreadsheets

REPO = Path(__file__).resolve().parents[3]
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# LibreOffice's CSV filter: comma, double quote, UTF-8, from row 1, ..., and -1 at the end for one CSV
# per sheet (<name>-<Sheet>.csv), LibreOffice 7.2 and later.
EVERY_SHEET = "csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,false,true,false,false,false,-1"

pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    folder = tmp_path_factory.mktemp("soffice")
    model = compare_model(Month(2025, 3), ["worcester", "guildford", "wolverhampton"], REPO / "board_config", publish=True)
    out = {}
    for fmt, data in comparison_spreadsheets(model, ["ods", "xlsx"]).items():
        source = folder / f"release-{fmt}.{fmt}"
        source.write_bytes(data)
        target = folder / fmt
        target.mkdir()
        profile = (folder / f"profile-{fmt}").as_uri()  # its own profile: no clash with another LibreOffice
        done = subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", EVERY_SHEET,
                               "--outdir", str(target), str(source)], capture_output=True, text=True, timeout=180)
        assert done.returncode == 0, done.stderr
        out[fmt] = (source, target)
    return out


@pytest.mark.parametrize("fmt", ["ods", "xlsx"])
def test_libreoffice_opens_every_sheet(converted, fmt):
    source, target = converted[fmt]
    names = read(source).names
    for name in names:
        path = target / f"{source.stem}-{name}.csv"
        assert path.is_file(), (name, sorted(p.name for p in target.iterdir()))
    with (target / f"{source.stem}-League.csv").open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][0].startswith("Table 1: Boards ranked")
    assert rows[1][:2] == ["Row type", "Board or area"]
    disposed = rows[1].index("Cases disposed of, 12 months (number)")
    boards = [r for r in rows[2:] if r[0] == "Board"]
    assert len(boards) == 3
    assert all(float(r[disposed]) > 0 for r in boards)  # numbers, read as numbers by LibreOffice
    with (target / f"{source.stem}-Notes.csv").open(encoding="utf-8") as handle:
        assert any(r and r[0] == "[c]" for r in csv.reader(handle))


def test_libreoffice_shows_text_that_looks_like_a_formula_as_typed(tmp_path):
    """Formula injection: LibreOffice reads "=1+2" typed by a board as the text, not as 3."""
    from lfjb.render.spreadsheet import spreadsheet_files
    from test_workbook import FORMULAS, _formula_workbook

    for fmt, data in spreadsheet_files(_formula_workbook(), ["ods", "xlsx"]).items():
        source = tmp_path / f"f-{fmt}.{fmt}"
        source.write_bytes(data)
        target = tmp_path / fmt
        profile = (tmp_path / f"profile-{fmt}").as_uri()
        done = subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", EVERY_SHEET,
                               "--outdir", str(target), str(source)], capture_output=True, text=True, timeout=180)
        assert done.returncode == 0, done.stderr
        with (target / f"{source.stem}-Actions.csv").open(encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        assert rows[1][0] == "=Owner"
        assert [r[0] for r in rows[2:2 + len(FORMULAS)]] == FORMULAS, fmt
