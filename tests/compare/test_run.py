"""`compare_boards` end to end (lfjb/workflows/compare.py): files written, --from-packs equal to configs, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from compare_data import BASELINE, MONTH, PILOT

from lfjb.workflows.compare import compare_boards, compare_model, parse_period
from lfjb.workflows.pack import build_packs, load_boards
from lfjb.inputs.errors import InputError
from lfjb.month import Month
from lfjb.pack_model import PackModel
from lfjb.render.files import json_text, pack_paths, write_atomic

REPO = Path(__file__).resolve().parents[2]
SAMPLE_CONFIG = REPO / "board_config"
FCSQ = REPO / "lfjb" / "data" / "fcsq_sample.csv"
FCSQ_TIMELINESS = REPO / "lfjb" / "data" / "fcsq_timeliness_sample.csv"
# What must be the same whichever way the comparison is computed (the pilot interval is not: it
# needs case-level data).
LEAGUE_SECTIONS = ("boards", "all_boards", "trends", "funnel", "drivers")


def write_pack_files(config_dir: Path, folder: Path, month: Month = MONTH) -> None:
    """Each board's pack JSON where `lfjb pack` would write it, via PackModel.to_json()."""
    for pack in build_packs(load_boards(None, config_dir), month):
        write_atomic(pack_paths(folder, pack.board["slug"], month)["json"], json_text(pack.to_json()))


def _league(model) -> dict:
    data = json.loads(json_text(model.to_json()))
    return {k: data[k] for k in LEAGUE_SECTIONS}


@pytest.fixture(scope="module")
def packs_folder(did_boards, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("packs")
    write_pack_files(did_boards, folder)
    return folder


def test_writes_the_three_files(did_boards, tmp_path):
    steps = []
    paths = compare_boards(month=MONTH, boards=None, config_dir=did_boards, out=tmp_path, fcsq=FCSQ, progress=steps.append).files
    folder = tmp_path / "comparison" / "2025-03"
    assert paths == {fmt: folder / f"comparison-2025-03.{fmt}" for fmt in ("json", "html", "pdf")}
    assert all(p.is_file() and p.stat().st_size > 0 for p in paths.values())
    assert not [p for p in folder.iterdir() if p.name.endswith(".part")]
    data = json.loads(paths["json"].read_text())
    assert {b["slug"] for b in data["boards"]} == {"alpha", "bravo", "charlie", "delta"}
    assert data["funnel"]["curve"] and all("lower_998" in p["limits"] for p in data["funnel"]["points"])
    assert data["suppression"]["applied"] is False and data["protective_marking"] == "OFFICIAL-SENSITIVE"
    assert data["references"]["rows"][0]["name"] == "England and Wales"
    assert steps and "Rendering PDF" in steps


def test_only_the_formats_asked_for(did_boards, tmp_path):
    paths = compare_boards(month=MONTH, boards=["alpha", "charlie"], config_dir=did_boards, out=tmp_path, formats=("json",)).files
    assert list(paths) == ["json"]
    assert {b["slug"] for b in json.loads(paths["json"].read_text())["boards"]} == {"alpha", "charlie"}


def test_from_packs_gives_the_same_league_table(did_boards, packs_folder):
    from_configs = compare_model(MONTH, None, did_boards)
    from_packs = compare_model(MONTH, None, did_boards, from_packs=packs_folder)
    assert _league(from_packs) == _league(from_configs)
    assert from_packs.source["kind"] == "packs" and len(from_packs.source["files"]) == 4
    did_cases = next(k for k in from_configs.pilot["kpms"] if k["kpi"] == "mean_weeks")
    did_packs = next(k for k in from_packs.pilot["kpms"] if k["kpi"] == "mean_weeks")
    assert did_packs["did"] == pytest.approx(did_cases["did"]) == pytest.approx(-3.0)
    # From packs the interval resamples boards and their months (issue 13), not cases.
    assert did_cases["interval"] and did_packs["interval"]
    assert "months within each board" in from_packs.pilot["bootstrap"]["resampled"]


def test_published_from_packs_equals_published_from_configs(did_boards, packs_folder):
    a = compare_model(MONTH, None, did_boards, publish=True)
    b = compare_model(MONTH, None, did_boards, from_packs=packs_folder, publish=True)
    assert _league(a) == _league(b)
    assert a.suppression["cells"] == b.suppression["cells"]


def test_bad_options_are_input_errors_and_nothing_is_written(did_boards, tmp_path):
    with pytest.raises(InputError) as exc:
        compare_boards(month=MONTH, boards=None, config_dir=did_boards, out=tmp_path, baseline=PILOT, pilot=BASELINE, min_cases=0).files
    keys = {p.key for p in exc.value.problems}
    assert {"--baseline", "--min-cases"} <= keys
    with pytest.raises(InputError, match="no board called 'zulu'"):
        compare_boards(month=MONTH, boards=["zulu"], config_dir=did_boards, out=tmp_path).files
    assert not (tmp_path / "comparison").exists()


def test_a_month_before_the_pilot_says_why_there_is_no_pilot_view(did_boards):
    model = compare_model(Month(2024, 2), None, did_boards)
    assert model.pilot["kpms"] == () and "before it" in model.pilot["reason"]
    assert any(f.startswith("Pilot:") for f in model.findings)


def test_a_pilot_period_after_the_month_is_cut_at_the_month(did_boards):
    model = compare_model(Month(2024, 12), None, did_boards)
    assert model.pilot["pilot"]["end"] == "2024-12"
    assert "cut at the reporting month" in model.pilot["shortened_note"]


# --- the shipped sample boards (issue 6, "Done when") ----------------------------------------------------


@pytest.fixture(scope="module")
def sample_packs(tmp_path_factory) -> Path:
    if not any(SAMPLE_CONFIG.glob("*.yaml")):
        pytest.skip("sample boards not generated")
    folder = tmp_path_factory.mktemp("sample-packs")
    write_pack_files(SAMPLE_CONFIG, folder)
    return folder


def test_sample_boards_from_packs_give_the_same_league_table(sample_packs):
    from_configs = compare_model(MONTH, None, SAMPLE_CONFIG)
    from_packs = compare_model(MONTH, None, SAMPLE_CONFIG, from_packs=sample_packs)
    assert _league(from_packs) == _league(from_configs)
    programmes = {b["programme"] for b in from_configs.boards}
    assert programmes == {"trailblazer", "comparator"}
    assert len(from_configs.boards) >= 7


def test_sample_boards_write_all_three_files(tmp_path):
    if not any(SAMPLE_CONFIG.glob("*.yaml")):
        pytest.skip("sample boards not generated")
    paths = compare_boards(month=MONTH, boards=None, config_dir=SAMPLE_CONFIG, out=tmp_path, publish=True, fcsq=FCSQ).files
    data = json.loads(paths["json"].read_text())
    assert len(data["boards"]) >= 7
    assert data["funnel"]["points"] and data["funnel"]["tau2"] >= 0
    assert data["suppression"]["applied"] is True
    assert paths["pdf"].read_bytes().startswith(b"%PDF")


def test_fcsq_files_give_a_national_benchmark_a_reconciliation_and_warnings(tmp_path):
    if not any(SAMPLE_CONFIG.glob("*.yaml")):
        pytest.skip("sample boards not generated")
    warned = []
    paths = compare_boards(month=MONTH, boards=None, config_dir=SAMPLE_CONFIG, out=tmp_path, fcsq=[FCSQ, FCSQ_TIMELINESS], warn=warned.append).files
    data = json.loads(paths["json"].read_text())
    assert data["benchmark"]["kind"] == "national" and data["funnel"]["target_kind"] == "national"
    assert data["funnel"]["target"] == pytest.approx(data["benchmark"]["pct_within_26"])
    assert data["reconciliation"]["available"] and len(data["reconciliation"]["areas"]) == 7
    assert warned == data["fcsq"]["warnings"] and any("other case types skipped" in w for w in warned)
    html = paths["html"].read_text()
    assert "Boards&#39; own counts against FCSQ" in html or "Boards' own counts against FCSQ" in html
    assert "England and Wales (FCSQ, Apr 2024 to Mar 2025)" in html


def test_cli_compare_with_both_fcsq_files(tmp_path):
    if not any(SAMPLE_CONFIG.glob("*.yaml")):
        pytest.skip("sample boards not generated")
    from typer.testing import CliRunner

    from lfjb.cli import app

    result = CliRunner().invoke(app, ["compare", "--month", "2025-03", "--config-dir", str(SAMPLE_CONFIG),
                                      "--out", str(tmp_path), "--format", "json",
                                      "--fcsq", str(FCSQ), "--fcsq", str(FCSQ_TIMELINESS)])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "comparison" / "2025-03" / "comparison-2025-03.json").read_text())
    assert data["benchmark"]["kind"] == "national"
    assert data["reconciliation"]["available"] is True
    # The skipped rows are named on the terminal too, not only in the JSON.
    assert "other case types skipped" in result.output


def test_cli_compare_takes_the_users_own_dfj_aliases(tmp_path):
    if not any(SAMPLE_CONFIG.glob("*.yaml")):
        pytest.skip("sample boards not generated")
    from typer.testing import CliRunner

    from lfjb.cli import app

    # A DFJ name lfjb does not know ("Gotham DFJ") is warned about; with the user's alias it is read.
    fcsq = tmp_path / "fcsq.csv"
    text = FCSQ.read_text(encoding="utf-8")
    fcsq.write_text(text.replace("Wolverhampton DFJ", "Gotham DFJ"), encoding="utf-8")
    common = ["compare", "--month", "2025-03", "--config-dir", str(SAMPLE_CONFIG), "--format", "json", "--fcsq", str(fcsq)]
    result = CliRunner().invoke(app, [*common, "--out", str(tmp_path / "a")])
    assert result.exit_code == 0, result.output
    assert "Gotham" in result.output
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("name,alias\nWolverhampton,Gotham DFJ\n", encoding="utf-8")
    result = CliRunner().invoke(app, [*common, "--out", str(tmp_path / "b"), "--dfj-aliases", str(aliases)])
    assert result.exit_code == 0, result.output
    assert "Gotham" not in result.output


def test_cli_compare_with_an_fcsq_file_exits_0(tmp_path):
    if not any(SAMPLE_CONFIG.glob("*.yaml")):
        pytest.skip("sample boards not generated")
    from typer.testing import CliRunner

    from lfjb.cli import app

    result = CliRunner().invoke(app, ["compare", "--month", "2025-03", "--config-dir", str(SAMPLE_CONFIG),
                                      "--out", str(tmp_path), "--format", "json", "--fcsq", str(FCSQ)])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "comparison" / "2025-03" / "comparison-2025-03.json").read_text())
    assert data["reconciliation"]["available"] is True and data["benchmark"]["kind"] == "all_boards"


def test_parse_period_for_the_command_line():
    assert parse_period("2023-04:2024-03") == (Month(2023, 4), Month(2024, 3))
    for bad in ("2023-04", "2024-03:2023-04", "2023-13:2024-01", "April:May"):
        with pytest.raises(ValueError):
            parse_period(bad)


def test_published_files_have_their_own_names_and_leave_the_unpublished_ones(did_boards, tmp_path):
    plain = compare_boards(month=MONTH, boards=None, config_dir=did_boards, out=tmp_path, formats=("json",)).files
    published = compare_boards(month=MONTH, boards=None, config_dir=did_boards, out=tmp_path, publish=True, formats=("json",)).files
    folder = tmp_path / "comparison" / "2025-03"
    assert plain["json"] == folder / "comparison-2025-03.json"
    assert published["json"] == folder / "comparison-2025-03-published.json"
    assert json.loads(plain["json"].read_text())["publish"] is False
    assert json.loads(published["json"].read_text())["publish"] is True


def test_highlight_names_a_board_in_the_comparison(did_boards):
    model = compare_model(MONTH, None, did_boards, highlight=["charlie"])
    assert [p["slug"] for p in model.funnel["points"] if p["is_highlighted"]] == ["charlie"]
    assert next(p for p in model.funnel["points"] if p["slug"] == "charlie")["is_labelled"]
    with pytest.raises(InputError, match="no board 'zulu'"):
        compare_model(MONTH, None, did_boards, highlight=["zulu"])


def test_boards_read_in_two_processes_give_what_one_process_gives(did_boards, monkeypatch):
    """From PARALLEL_FROM boards, half are read and computed in a spawned worker: the packs, cases and
    files are the same, in the same order, as reading them all here."""
    import lfjb.workflows.compare as run

    one = run.packs_from_configs_in_one(None, did_boards, MONTH)
    monkeypatch.setattr(run, "PARALLEL_FROM", 2)
    monkeypatch.setattr(run.os, "cpu_count", lambda: 2)
    two = run.packs_from_configs(None, did_boards, MONTH)
    # The worker sends its PackModels back pickled, as they are: equal to those built here.
    assert all(isinstance(p, PackModel) for p in two[0]) and two[0] == one[0]
    assert list(two[1]) == list(one[1]) and all(two[1][s].equals(one[1][s]) for s in one[1])
    assert two[2] == one[2]


def test_a_bad_board_read_in_the_worker_is_still_a_located_problem(did_boards, tmp_path, monkeypatch):
    import shutil

    import lfjb.workflows.compare as run

    shutil.copytree(did_boards.parent, tmp_path / "boards")  # the terms of reference and their extracts
    folder = tmp_path / "boards" / did_boards.name
    last = sorted(folder.glob("*.yaml"))[-1]  # the worker reads the second half
    last.write_text(last.read_text() + "\nnot_a_key: 1\n")
    monkeypatch.setattr(run, "PARALLEL_FROM", 2)
    monkeypatch.setattr(run.os, "cpu_count", lambda: 2)
    with pytest.raises(InputError) as exc:
        run.packs_from_configs(None, folder, MONTH)
    assert len(exc.value.problems) == 1 and "not_a_key" in f"{exc.value.problems[0].key} {exc.value.problems[0].message}"


# --- the PDF laid out in a second process (lfjb.render.pdf_worker) -----------------------------------------


def _page_texts(pdf: bytes) -> list[str]:
    import io

    from pypdf import PdfReader

    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def test_the_pdf_from_the_second_process_is_the_same_document(did_boards):
    """The PDF laid out in the second process, its charts sent on after the HTML, has the same pages and
    words as the one laid out here, charts included (their axis text is drawn as text)."""
    from lfjb.workflows.compare import SecondProcess, render_comparison

    model = compare_model(MONTH, None, did_boards)
    here = render_comparison(model, ["pdf"])["pdf"]
    with SecondProcess() as second:
        there = render_comparison(model, ["pdf", "html"], second=second)
    assert _page_texts(there["pdf"]) == _page_texts(here)
    assert "Trailblazer" in " ".join(_page_texts(there["pdf"]))


def test_the_second_process_stops_when_the_charts_never_come(did_boards):
    """A run that fails after sending the PDF's HTML but before drawing its charts does not hang: leaving
    the SecondProcess tells the waiting layout to stop, and the PDF job fails saying why."""
    from lfjb.charts.comparison import comparison_chart_specs
    from lfjb.workflows.compare import SecondProcess
    from lfjb.render import pdf_worker
    from lfjb.render.comparison import comparison_html_for_pdf

    model = compare_model(MONTH, None, did_boards)
    html = comparison_html_for_pdf(model, pdf_worker.placeholders(comparison_chart_specs(model)))
    with SecondProcess() as second:
        job = second.pool.submit(pdf_worker.comparison_pdf, html)
    with pytest.raises(RuntimeError, match="stopped before its charts were drawn"):
        job.result(timeout=60)


def test_from_case_data_the_second_process_gives_the_same_files(did_boards, tmp_path, monkeypatch):
    """From PARALLEL_FROM boards compare_boards hands half the boards and then the PDF to a second process:
    the JSON is the same as computed all here, and the PDF has the same pages and words."""
    from lfjb.workflows import compare as run

    monkeypatch.setattr(run, "PARALLEL_FROM", 100)
    here = compare_boards(month=MONTH, boards=None, config_dir=did_boards, out=tmp_path / "here", formats=("json", "pdf")).files
    monkeypatch.setattr(run, "PARALLEL_FROM", 2)
    shared = compare_boards(month=MONTH, boards=None, config_dir=did_boards, out=tmp_path / "shared", formats=("json", "pdf")).files
    assert shared["json"].read_text() == here["json"].read_text()
    assert _page_texts(shared["pdf"].read_bytes()) == _page_texts(here["pdf"].read_bytes())


def test_out_a_file_is_a_plain_message_before_any_work(did_boards, tmp_path):
    from typer.testing import CliRunner

    from lfjb.cli import app

    (tmp_path / "packs").write_text("not a folder")
    result = CliRunner().invoke(app, ["compare", "--month", "2025-03", "--config-dir", str(did_boards),
                                      "--out", str(tmp_path / "packs"), "--format", "json"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "packs is a file, not a folder; nothing was written" in " ".join(result.output.split())


def test_a_full_disk_leaves_no_comparison_file_at_all(did_boards, tmp_path, disk_full_when):
    # Issue 24.16: the JSON and HTML were left without the PDF; now all or none.
    from typer.testing import CliRunner

    from lfjb.cli import app

    disk_full_when(lambda path: path.suffix == ".html")
    result = CliRunner().invoke(app, ["compare", "--month", "2025-03", "--board", "alpha", "--board", "bravo",
                                      "--config-dir", str(did_boards), "--out", str(tmp_path), "--format", "json,html"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    said = " ".join(result.output.split())
    assert "comparison-2025-03.html could not be written: the disk is full; none of its files were written" in said
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]  # no JSON without the HTML, no .part


def test_comparators_rest_is_a_compare_option_and_a_bad_value_is_an_input_error(did_boards, tmp_path):
    from lfjb.workflows.compare import compare_boards, compare_model

    model = compare_model(MONTH, ["alpha", "charlie"], did_boards, comparators="rest")
    assert model.pilot["comparators"] == "rest" and "--comparators rest" in model.pilot["comparators_note"]
    with pytest.raises(InputError) as exc:
        compare_boards(month=MONTH, out=tmp_path, config_dir=did_boards, comparators="others", formats=("json",))
    assert {p.key for p in exc.value.problems} == {"--comparators"}


def test_the_cli_passes_comparators_on(did_boards, tmp_path):
    from typer.testing import CliRunner

    from lfjb.cli import app

    common = ["compare", "--month", "2025-03", "--config-dir", str(did_boards), "--out", str(tmp_path), "--format", "json"]
    result = CliRunner().invoke(app, [*common, "--comparators", "others"])
    assert result.exit_code == 2 and "--comparators" in result.output
    result = CliRunner().invoke(app, [*common, "--comparators", "rest"])
    assert result.exit_code == 0
    data = json.loads((tmp_path / "comparison" / "2025-03" / "comparison-2025-03.json").read_text())
    assert data["pilot"]["comparators"] == "rest"


def test_comparators_rest_as_a_comparison_setting_and_the_command_line_wins(did_boards, tmp_path):
    # Issue 19: `--comparators rest` also as a comparison setting, board_config/comparison/settings.yaml.
    import shutil

    from typer.testing import CliRunner

    from lfjb.cli import app

    shutil.copytree(did_boards.parent, tmp_path / "did")  # the boards' data sits beside their config folder
    config = tmp_path / "did" / did_boards.name
    (config / "comparison").mkdir()
    (config / "comparison" / "settings.yaml").write_text("comparators: rest\n", encoding="utf-8")
    common = ["compare", "--month", "2025-03", "--config-dir", str(config), "--format", "json"]
    written = tmp_path / "out" / "comparison" / "2025-03" / "comparison-2025-03.json"
    assert CliRunner().invoke(app, [*common, "--out", str(tmp_path / "out")]).exit_code == 0
    assert json.loads(written.read_text())["pilot"]["comparators"] == "rest"
    assert CliRunner().invoke(app, [*common, "--out", str(tmp_path / "out"), "--comparators", "marked"]).exit_code == 0
    assert json.loads(written.read_text())["pilot"]["comparators"] == "marked"
    (config / "comparison" / "settings.yaml").write_text("comparators: everyone\n", encoding="utf-8")
    result = CliRunner().invoke(app, [*common, "--out", str(tmp_path / "again")])
    assert result.exit_code == 2 and "settings.yaml" in result.output and "comparators" in result.output
