"""lfjb/naming.py: the slug rule and every output path (SPEC.md "Command line"), as they are on main."""

from __future__ import annotations

from pathlib import Path

import pytest

from lfjb.month import Month
from lfjb.naming import comparison_paths, is_slug, pack_paths

MARCH = Month(2025, 3)


@pytest.mark.parametrize("slug", ["wolverhampton", "essex-suffolk", "cleveland-south-durham", "a", "board-2"])
def test_a_slug_is_lowercase_letters_digits_and_single_hyphens(slug):
    assert is_slug(slug)


@pytest.mark.parametrize("slug", ["", "Essex", "essex--suffolk", "-essex", "essex-", "essex suffolk", "essex_suffolk",
                                  "../etc", "a/b", "essex\n", "café", None, 3])
def test_anything_else_is_refused(slug):
    assert not is_slug(slug)


def test_pack_paths_follow_spec():
    paths = pack_paths(Path("packs"), "essex-suffolk", MARCH)
    assert paths == {
        "pdf": Path("packs/essex-suffolk/2025-03/essex-suffolk-board-pack-2025-03.pdf"),
        "html": Path("packs/essex-suffolk/2025-03/essex-suffolk-summary-2025-03.html"),
        "json": Path("packs/essex-suffolk/2025-03/essex-suffolk-pack-2025-03.json"),
        "ods": Path("packs/essex-suffolk/2025-03/essex-suffolk-pack-2025-03.ods"),
        "xlsx": Path("packs/essex-suffolk/2025-03/essex-suffolk-pack-2025-03.xlsx"),
    }


@pytest.mark.parametrize("slug", ["../../etc", "a/b", "Wolverhampton", ""])
def test_pack_paths_refuse_a_slug_that_could_leave_the_output_folder(slug):
    with pytest.raises(ValueError, match="is not a valid board slug"):
        pack_paths(Path("packs"), slug, MARCH)


def test_comparison_paths_and_the_published_files_beside_them():
    assert comparison_paths(Path("out"), MARCH) == {
        fmt: Path(f"out/comparison/2025-03/comparison-2025-03.{fmt}") for fmt in ("pdf", "html", "json", "ods", "xlsx")}
    published = comparison_paths(Path("out"), MARCH, publish=True)
    assert published["json"] == Path("out/comparison/2025-03/comparison-2025-03-published.json")
    assert set(published.values()).isdisjoint(comparison_paths(Path("out"), MARCH).values())


def test_one_slug_rule_with_its_length_and_one_message():
    from lfjb.naming import SLUG_MAX_LENGTH, SLUG_RULE, slug_problem

    assert is_slug("a" * SLUG_MAX_LENGTH) and not is_slug("a" * (SLUG_MAX_LENGTH + 1))
    assert slug_problem("north-wales") is None
    assert slug_problem("a" * 61) == f"'{'a' * 20}…' is 61 characters long: {SLUG_RULE}."
    assert slug_problem("North Wales") == f"'North Wales' is not a slug: {SLUG_RULE}."
