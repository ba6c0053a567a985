"""The shipped sample boards (sample_data/generate.py): reproducible, valid against the input models,
and plausible enough to demonstrate every part of a pack."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from lfjb.inputs.actions import load_action_log
from lfjb.inputs.board import BoardFile, load_board_config
from lfjb.inputs.sources import load_sources

ROOT = Path(__file__).resolve().parents[1]
GENERATOR = ROOT / "sample_data" / "generate.py"
NOT_GENERATED = {"generate.py", "README.md"}
AS_OF = date(2025, 3, 31)  # the action logs' "as at" date
TRAILBLAZERS = ["wolverhampton", "cheshire-merseyside", "guildford", "central-london", "essex-suffolk"]
COMPARATORS = ["worcester", "cleveland-south-durham"]
SLUGS = TRAILBLAZERS + COMPARATORS


def _generator():
    spec = importlib.util.spec_from_file_location("lfjb_sample_data_generate", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


def _generated_files(root: Path) -> list[Path]:
    """Files the generator owns under root, relative to it."""
    files = []
    for folder in ("board_config", "sample_data"):
        for path in (root / folder).rglob("*"):
            if path.is_file() and path.name not in NOT_GENERATED and not {"__pycache__", "preview"} & set(path.parts):
                files.append(path.relative_to(root))
    return sorted(files)


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("regenerated")
    _generator().main(["--out-root", str(root)])
    return root


@pytest.fixture(scope="module")
def boards() -> dict[str, BoardFile]:
    return {slug: load_board_config(ROOT / "board_config" / f"{slug}.yaml") for slug in SLUGS}


@pytest.fixture(scope="module")
def cases(boards) -> dict[str, pd.DataFrame]:
    """Each board's valid cases, read by lfjb's own extract loader; durations in weeks."""
    out = {}
    for slug, board in boards.items():
        extract = load_sources(board)  # Wolverhampton's several sources merged, the others one file
        frame = extract.cases.copy()
        frame["weeks"] = (frame["disposal_date"] - frame["issue_date"]).dt.days / 7
        frame.attrs["data_quality"] = extract.data_quality
        out[slug] = frame
    return out


@pytest.fixture(scope="module")
def actions(boards):
    return {
        slug: load_action_log(board.input_path(board.config.inputs.actions), board.config.sub_group_ids).actions
        for slug, board in boards.items()
    }


def _disposed_between(frame: pd.DataFrame, first: str, last: str) -> pd.DataFrame:
    return frame[frame["disposal_date"].between(pd.Timestamp(first), pd.Timestamp(last))]


# --- reproducible ----------------------------------------------------------------------------------

def test_regenerating_writes_exactly_the_shipped_files(regenerated):
    shipped = _generated_files(ROOT)
    assert shipped, "no sample data is shipped"
    assert _generated_files(regenerated) == shipped
    for relative in shipped:
        ours, theirs = ROOT / relative, regenerated / relative
        if relative.suffix == ".xlsx":  # the bytes carry a timestamp; compare the cells
            a, b = pd.read_excel(ours, sheet_name=None, engine="openpyxl"), pd.read_excel(theirs, sheet_name=None, engine="openpyxl")
            assert list(a) == list(b), relative
            for sheet in a:
                pd.testing.assert_frame_equal(a[sheet], b[sheet], obj=f"{relative} [{sheet}]")
        elif relative.suffix == ".parquet":
            assert pq.read_table(ours).equals(pq.read_table(theirs)), relative
        else:
            assert ours.read_text(encoding="utf-8") == theirs.read_text(encoding="utf-8"), (
                f"{relative} differs from the generator's output; run `python sample_data/generate.py`"
            )


# --- valid -----------------------------------------------------------------------------------------

def test_board_config_holds_the_seven_sample_boards(boards):
    assert sorted(p.stem for p in (ROOT / "board_config").glob("*.yaml")) == sorted(SLUGS)
    assert [s for s, b in boards.items() if b.config.programme == "trailblazer"] == TRAILBLAZERS
    assert [s for s, b in boards.items() if b.config.programme == "comparator"] == COMPARATORS


@pytest.mark.parametrize("slug", SLUGS)
def test_each_board_validates_and_its_inputs_exist(slug, boards, actions):
    config = boards[slug].config
    assert 3 <= len(config.sub_groups) <= 5
    assert 8 <= len(config.members) <= 14
    assert config.chair.sector == "judiciary" and config.secretariat.sector == "hmcts"
    assert {"judiciary", "cafcass", "hmcts", "local_authority", "legal", "health"} <= {m.sector for m in config.members}
    assert all(boards[slug].input_path(source.file).is_file() for source in config.inputs.sources())
    assert 25 <= len(actions[slug]) <= 60


@pytest.mark.parametrize("slug", SLUGS)
def test_each_action_log_has_overdue_stale_due_soon_and_done_actions(slug, boards, actions):
    log = actions[slug]
    stale_after = boards[slug].config.stale_after_days
    open_actions = [a for a in log if not a.is_done]
    overdue = [a for a in log if a.is_overdue(AS_OF)]
    stale = [a for a in open_actions if (AS_OF - (a.last_update or a.raised)).days > stale_after]
    assert overdue, "no action is overdue at 31 March 2025"
    assert any((AS_OF - a.due).days > 60 for a in overdue), "no action is more than 60 days overdue"
    assert len(stale) >= 2
    assert any(0 < (a.due - AS_OF).days <= 30 for a in open_actions), "nothing is due in the next 30 days"
    assert any(a.status == "on_hold" for a in log)
    assert all(a.completed and a.completed <= AS_OF for a in log if a.status == "complete")
    assert all(a.raised <= AS_OF and all(u.date <= AS_OF for u in a.updates) for a in log)


# --- plausible -------------------------------------------------------------------------------------

@pytest.mark.parametrize("slug", SLUGS)
def test_every_month_from_april_2022_to_march_2025_has_cases(slug, cases):
    frame = cases[slug]
    wanted = pd.period_range("2022-04", "2025-03", freq="M")
    assert set(wanted) <= set(frame["issue_date"].dt.to_period("M"))
    assert set(wanted) <= set(frame["disposal_date"].dropna().dt.to_period("M"))
    # A snapshot taken on 4 April 2025: nothing issued or disposed of after it.
    assert frame["issue_date"].max() <= pd.Timestamp("2025-03-31")
    assert frame["disposal_date"].max() <= pd.Timestamp("2025-04-04")
    assert frame["disposal_date"].isna().sum() > 50  # an open backlog at the end
    monthly = frame["issue_date"].dt.to_period("M").value_counts()[wanted]
    assert 12 <= monthly.mean() <= 60 and monthly.nunique() > 5


def test_only_wolverhampton_has_bad_rows_and_they_are_the_three_planted(cases):
    for slug, frame in cases.items():
        quality = frame.attrs["data_quality"]
        if slug != "wolverhampton":
            assert quality.rows_rejected == 0, (slug, quality.problems)
    problems = {p["column"]: p for p in cases["wolverhampton"].attrs["data_quality"].problems}
    # Read from its court's list, whose third planted error is a negative number of children (the list
    # has no hearing counts; extract.csv's negative hearings count: tests/test_sample_sources.py).
    assert sorted(problems) == ["children", "disposal_date", "issue_date"]
    assert problems["issue_date"]["value"] == "31/02/2024"
    assert problems["children"]["value"] == "-2"
    assert "before the issue date" in problems["disposal_date"]["message"]


def test_durations_match_the_published_picture(cases):
    # SPEC.md "Reference figures": nationally about 40-43 weeks and about a third within 26 weeks in
    # 2023-25; London slower; Worcester about 24 weeks.
    national = pd.concat(
        _disposed_between(cases[s], "2023-01-01", "2025-03-31") for s in SLUGS if s != "central-london"
    )
    assert 38 <= national["weeks"].mean() <= 43
    assert 28 <= 100 * (national["weeks"] <= 26).mean() <= 40
    london = _disposed_between(cases["central-london"], "2024-04-01", "2025-03-31")
    assert 50 <= london["weeks"].mean() <= 62
    worcester = _disposed_between(cases["worcester"], "2024-04-01", "2025-03-31")
    assert 20 <= worcester["weeks"].mean() <= 28 and (worcester["weeks"] <= 26).mean() > 0.5
    assert national["weeks"].min() >= 6


def test_trailblazers_improve_more_than_comparators_after_april_2024(cases):
    def change(slug: str) -> float:
        before = _disposed_between(cases[slug], "2023-04-01", "2024-03-31")["weeks"].mean()
        after = _disposed_between(cases[slug], "2024-04-01", "2025-03-31")["weeks"].mean()
        return after - before

    trailblazers = sum(change(s) for s in TRAILBLAZERS) / len(TRAILBLAZERS)
    comparators = sum(change(s) for s in COMPARATORS) / len(COMPARATORS)
    assert trailblazers - comparators <= -1.5, (trailblazers, comparators)


def test_guildford_alone_leaves_its_most_cited_driver_without_an_open_action(cases, actions):
    for slug in SLUGS:
        recent = _disposed_between(cases[slug], "2024-04-01", "2025-03-31")
        most_cited = recent["delay_drivers"].explode().value_counts().index[0]
        addressed = {d for a in actions[slug] if not a.is_done for d in a.drivers}
        if slug == "guildford":
            assert most_cited == "workforce_capacity" and most_cited not in addressed
        else:
            assert most_cited in addressed, slug


# --- terms of reference: variety for the governance checks and the pack's look --------------------

def _contrast_with_white(colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (luminance + 0.05)


def test_branding_is_distinct_and_readable_under_white_text(boards):
    primaries = [b.config.branding.primary_colour for b in boards.values()]
    assert len(set(primaries)) == len(primaries)
    for board in boards.values():
        branding = board.config.branding
        assert _contrast_with_white(branding.primary_colour) >= 4.5, board.slug
        assert _contrast_with_white(branding.accent_colour) >= 4.5, board.slug
        if branding.logo:
            assert (board.folder / branding.logo).read_text().startswith("<svg")
    assert sum(1 for b in boards.values() if b.config.branding.logo) == 1


def test_terms_of_reference_give_the_governance_checks_something_to_find(boards):
    configs = {slug: b.config for slug, b in boards.items()}
    assert [s for s, c in configs.items() if c.statement_of_expectations is False] == ["guildford"]
    assert {s for s, c in configs.items() if (AS_OF - c.terms_reviewed).days > 365} == {"central-london", "worcester"}
    below_quorum = {s for s, c in configs.items() for m in c.meetings if m.attendance is not None and m.attendance < c.quorum}
    assert below_quorum == {"central-london"}
    assert [(s, g.id) for s, c in configs.items() for g in c.sub_groups if not g.link_member] == [("wolverhampton", "workforce")]
    assert configs["wolverhampton"].spc.rebase == ["2024-04"]
    assert (configs["cheshire-merseyside"].spc.shift, configs["cheshire-merseyside"].spc.trend) == (6, 6)
    assert [s for s, c in configs.items() if c.stale_after_days != 60] == ["cheshire-merseyside"]
    for config in configs.values():
        held = [m for m in config.meetings if m.date <= AS_OF]
        assert held and all(m.attendance is not None for m in held)
        assert any(m.date > AS_OF for m in config.meetings)
