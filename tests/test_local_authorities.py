"""Tests for lfjb/local_authorities.py: the shipped list and the name/code resolver."""

from __future__ import annotations

from collections import Counter
from importlib import resources

import pytest

from lfjb import local_authorities as la_module
from lfjb.local_authorities import (
    LocalAuthority,
    _build_index,
    children_services_bodies,
    councils_served,
    find_local_authority,
    local_authorities,
    local_authority_names,
)

AUTHORITIES = local_authorities()


def _name(text) -> str | None:
    found = find_local_authority(text)
    return found.name if found else None


@pytest.mark.parametrize(
    "text",
    [
        "City of Wolverhampton Council",
        "Wolverhampton City Council",
        "Wolverhampton",
        "WOLVERHAMPTON ",
        "  wolverhampton  ",
        "E08000031",
        "e08000031",
        "336",
        " 336 ",
        "336.0",
        336,
        336.0,
        "Wolverhampton City Council Children's Services",
        "Wolverhampton Childrens Services",
    ],
)
def test_wolverhampton_in_every_form_an_extract_uses(text):
    assert _name(text) == "Wolverhampton"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Essex County Council", "Essex"),
        ("London Borough of Camden", "Camden"),
        ("Camden Council", "Camden"),
        ("Bristol", "Bristol, City of"),
        ("City of Bristol", "Bristol, City of"),
        ("Bristol City Council", "Bristol, City of"),
        ("Hull", "Kingston upon Hull, City of"),
        ("Hull City Council", "Kingston upon Hull, City of"),
        ("Kingston upon Hull, City of", "Kingston upon Hull, City of"),
        ("Herefordshire Council", "Herefordshire, County of"),
        ("Durham", "County Durham"),
        ("Durham County Council", "County Durham"),
        ("St Helens", "St. Helens"),
        ("St. Helens Borough Council", "St. Helens"),
        ("Southend", "Southend-on-Sea"),
        ("Southend on Sea", "Southend-on-Sea"),
        ("Southend-on-Sea City Council", "Southend-on-Sea"),
        ("BCP", "Bournemouth, Christchurch and Poole"),
        ("Bournemouth Christchurch & Poole Council", "Bournemouth, Christchurch and Poole"),
        ("Telford & Wrekin Council", "Telford and Wrekin"),
        ("Royal Borough of Kingston upon Thames", "Kingston upon Thames"),
        ("London Borough of Richmond upon Thames", "Richmond upon Thames"),
        ("Metropolitan Borough of Wirral", "Wirral"),
        ("City of London", "City of London"),
        ("City of London Corporation", "City of London"),
        ("Ynys Môn", "Isle of Anglesey"),
        ("Ynys Mon", "Isle of Anglesey"),
        ("Isle of Anglesey County Council", "Isle of Anglesey"),
        ("City and County of Swansea", "Swansea"),
        ("Bridgend County Borough Council", "Bridgend"),
        ("W06000015", "Cardiff"),
    ],
)
def test_common_spellings_resolve(text, name):
    assert _name(text) == name


@pytest.mark.parametrize("text", ["London", "Kingston", "Nowhereshire", "", "   ", "999", "E99999999", None])
def test_nonsense_or_ambiguous_text_resolves_to_nothing(text):
    assert find_local_authority(text) is None


def test_nan_from_a_spreadsheet_resolves_to_nothing():
    assert find_local_authority(float("nan")) is None


def test_stripping_a_wrapper_never_joins_the_two_kingstons():
    assert _name("Kingston upon Thames Council") == "Kingston upon Thames"
    assert _name("Kingston upon Hull Council") == "Kingston upon Hull, City of"


@pytest.mark.parametrize(
    ("text", "name", "dfe_code"),
    [
        ("Bournemouth", "Bournemouth", "837"),
        ("Borough of Poole", "Poole", "836"),
        ("Northamptonshire County Council", "Northamptonshire", "928"),
        ("Cumbria", "Cumbria", "909"),
        ("835", "Dorset County Council (to 2019)", "835"),
        ("E10000009", "Dorset County Council (to 2019)", "835"),
        ("Pre-LGR 2019 Dorset", "Dorset County Council (to 2019)", "835"),
    ],
)
def test_abolished_councils_still_resolve_as_terminated(text, name, dfe_code):
    found = find_local_authority(text)
    assert found is not None
    assert (found.name, found.dfe_code, found.status) == (name, dfe_code, "terminated")


def test_a_council_that_changed_ons_code_resolves_by_its_old_code_to_the_live_row():
    # las.csv: Gateshead E08000020 -> E08000037 (2013), both DfE 390; Durham E10000010 -> E06000047.
    assert find_local_authority("E08000020") == find_local_authority("E08000037")
    assert find_local_authority("E08000020").is_live
    assert _name("E10000010") == "County Durham"
    assert _name("E10000002") == "Buckinghamshire"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Dudley MBC", "Dudley"),
        ("Dudley M.B.C.", "Dudley"),
        ("Walsall Metropolitan Borough Council", "Walsall"),
        ("Walsall Metropolitan Borough", "Walsall"),
        ("Sandwell Borough Council", "Sandwell"),
        ("Birmingham City Council", "Birmingham"),
        ("Worcestershire County Council", "Worcestershire"),
        ("Sandwell Council", "Sandwell"),
        ("336 - Wolverhampton", "Wolverhampton"),
        ("336-Wolverhampton", "Wolverhampton"),
        ("Sandwell (333)", "Sandwell"),
        ("Walsall [335]", "Walsall"),
        ("E08000027 Dudley", "Dudley"),
        ("Dudley (E08000027)", "Dudley"),
        ("00CW - Wolverhampton MBC", "Wolverhampton"),
        ("City of Doncaster Council", "Doncaster"),
    ],
)
def test_councils_as_they_write_themselves(text, name):
    assert _name(text) == name


def test_a_code_and_a_name_that_disagree_resolve_to_nothing():
    # 336 is Wolverhampton: "336 - Walsall" may be either, so it is neither.
    assert find_local_authority("336 - Walsall") is None
    assert find_local_authority("Sandwell (336)") is None


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("00CW", "Wolverhampton"),
        ("00cw", "Wolverhampton"),
        ("00CR", "Dudley"),  # 00CR is Dudley; Walsall is 00CU (alphagov/location-data-importer)
        ("00CU", "Walsall"),
        ("00CS", "Sandwell"),
        ("00CN", "Birmingham"),
        ("00AG", "Camden"),
        ("00EJ", "County Durham"),
        ("00NA", "Isle of Anglesey"),
        ("00HN", "Bournemouth"),  # the council abolished in 2019: the code is the old council's
    ],
)
def test_pre_2011_ons_codes_resolve(code, name):
    assert _name(code) == name


def test_the_old_codes_file_names_its_source_and_commit():
    text = resources.files("lfjb.data").joinpath("local_authority_old_codes.csv").read_text(encoding="utf-8")
    assert "alphagov/location-data-importer" in text
    assert "0c76ac65a091784140332d037e85343fad226985" in text
    # Every metropolitan district and London borough had a 00xx code.
    old = {alias for a in AUTHORITIES for alias in a.aliases if alias.startswith("00")}
    assert len(old) == 147
    mets = [a for a in AUTHORITIES if a.is_live and a.ons_code[:3] in ("E08", "E09")]
    assert all(any(alias.startswith("00") for alias in a.aliases) for a in mets)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Sandwell Children's Trust", "Sandwell"),
        ("Sandwell Childrens Trust", "Sandwell"),
        ("Birmingham Children's Trust", "Birmingham"),
        ("Slough Children First", "Slough"),
        ("Slough Children's Services Trust", "Slough"),
        ("Together for Children", "Sunderland"),
        ("Together for Children - Sunderland", "Sunderland"),
        ("Worcestershire Children First", "Worcestershire"),
        ("Doncaster Children's Services Trust", "Doncaster"),
    ],
)
def test_a_trust_that_serves_one_council_names_it(text, name):
    assert _name(text) == name
    assert councils_served(text) is None


@pytest.mark.parametrize(
    ("text", "councils"),
    [
        ("Achieving for Children", ["Kingston upon Thames", "Richmond upon Thames", "Windsor and Maidenhead"]),
        ("AfC", ["Kingston upon Thames", "Richmond upon Thames", "Windsor and Maidenhead"]),
        ("Northamptonshire Children's Trust", ["North Northamptonshire", "West Northamptonshire"]),
    ],
)
def test_a_trust_that_serves_several_councils_names_none(text, councils):
    assert find_local_authority(text) is None
    assert [c.name for c in councils_served(text).councils] == councils


def test_every_trust_names_its_source():
    for body in children_services_bodies():
        assert body.source.startswith("http"), body


@pytest.mark.parametrize(
    ("text", "ended", "successors"),
    [
        ("Northamptonshire", "2021-04-01", ("North Northamptonshire", "West Northamptonshire")),
        ("Cumbria County Council", "2023-04-01", ("Cumberland", "Westmorland and Furness")),
        ("Bournemouth", "2019-04-01", ("Bournemouth, Christchurch and Poole",)),
        ("Poole", "2019-04-01", ("Bournemouth, Christchurch and Poole",)),
        ("Dorset County Council", "2019-04-01", ("Dorset", "Bournemouth, Christchurch and Poole")),
    ],
)
def test_reorganised_councils_resolve_to_the_old_council_and_name_their_successors(text, ended, successors):
    found = find_local_authority(text)
    assert found.status == "terminated"
    assert (found.ended.isoformat(), found.successors) == (ended, successors)
    assert all(find_local_authority(s).is_live for s in successors)


def test_dorset_county_council_by_name_and_by_code_is_one_council():
    # Issue 24: the name resolved to today's Dorset while 835 and E10000009 resolved to the abolished one.
    old = find_local_authority("E10000009")
    assert find_local_authority("Dorset County Council") == old == find_local_authority("835")
    assert find_local_authority("Dorset Council") == find_local_authority("838") != old


def test_todays_dorset_keeps_its_name():
    # The abolished county council shares the name "Dorset"; the live council must win it.
    assert _name("Dorset") == "Dorset"
    assert find_local_authority("Dorset").dfe_code == "838"


@pytest.mark.parametrize("authority", AUTHORITIES, ids=lambda a: a.ons_code)
def test_every_row_resolves_by_its_name_and_codes(authority):
    assert find_local_authority(authority.name) == authority
    assert find_local_authority(authority.name.upper()) == authority
    assert find_local_authority(authority.ons_code) == authority
    assert find_local_authority(authority.ons_code.lower()) == authority
    if authority.dfe_code:
        assert find_local_authority(authority.dfe_code) == authority
        assert find_local_authority(int(authority.dfe_code)) == authority
        assert find_local_authority(float(authority.dfe_code)) == authority
    for alias in authority.aliases:
        assert find_local_authority(alias) == authority, alias


@pytest.mark.parametrize("authority", [a for a in AUTHORITIES if a.is_live], ids=lambda a: a.ons_code)
def test_every_live_row_resolves_with_council_wrappers(authority):
    assert find_local_authority(f"{authority.name} Council") == authority
    assert find_local_authority(f"{authority.name} Children's Services") == authority
    if authority.region == "London":
        assert find_local_authority(f"London Borough of {authority.name}") == authority


def test_counts_by_country():
    live = Counter(a.country for a in AUTHORITIES if a.is_live)
    assert live["England"] >= 150
    assert live["Wales"] == 22
    assert set(Counter(a.country for a in AUTHORITIES)) == {"England", "Wales"}


def test_no_two_rows_share_a_code_or_a_name():
    codes = [a.ons_code for a in AUTHORITIES]
    codes += [a.dfe_code for a in AUTHORITIES if a.dfe_code]
    codes += [alias for a in AUTHORITIES for alias in a.aliases if alias[:1] in "EW" and alias[1:].isdigit()]
    assert [c for c, n in Counter(codes).items() if n > 1] == []
    names = [a.name for a in AUTHORITIES]
    assert [n for n, count in Counter(names).items() if count > 1] == []


def test_codes_are_well_formed():
    for a in AUTHORITIES:
        assert a.ons_code[:3] in {"E06", "E08", "E09", "E10", "W06"} and len(a.ons_code) == 9, a
        assert a.dfe_code is None or (a.dfe_code.isdigit() and len(a.dfe_code) == 3), a
        assert a.status in {"live", "terminated"}, a
        assert a.country == ("Wales" if a.ons_code.startswith("W") else "England"), a


def test_shipped_file_names_its_sources_and_licence():
    text = resources.files("lfjb.data").joinpath("local_authorities.csv").read_text(encoding="utf-8")
    comments = "\n".join(line for line in text.splitlines() if line.startswith("#"))
    assert "dfe-analytical-services/dfe-published-data-qa" in comments
    assert "dfe-analytical-services/dfeR" in comments
    assert "Open Government Licence" in comments


def test_names_for_hints_are_the_live_names():
    names = local_authority_names()
    assert "Wolverhampton" in names
    assert "Poole" not in names
    assert len(names) == len(set(names)) == sum(a.is_live for a in AUTHORITIES)


def _authority(name: str, ons_code: str, *aliases: str) -> LocalAuthority:
    return LocalAuthority(name, ons_code, None, "England", "Test", "live", aliases)


def test_a_key_shared_by_two_authorities_is_dropped_from_the_index():
    # Both claim "Newtown"; a third claim must not bring the key back.
    first = _authority("Newtown North", "E06900001", "Newtown")
    second = _authority("Newtown South", "E06900002", "Newtown")
    third = _authority("Newtown East", "E06900003", "Newtown")
    index = _build_index([first, second, third])
    assert "newtown" not in index
    assert index["newtown north"] == first
    assert index["e06900002"] == second


def test_the_same_key_twice_on_one_authority_is_not_ambiguous():
    one = _authority("Newtown", "E06900001", "NEWTOWN", "New-town")
    assert _build_index([one])["newtown"] == one


def test_two_authorities_reached_by_stripping_different_wrappers_resolve_to_nothing(monkeypatch):
    # "City of Foo Council" loses "City of" (-> "foo council") or "Council" (-> "city of foo") in
    # one step; each names a different authority, so neither wins.
    a = _authority("Alpha", "E06900001", "Foo Council")
    b = _authority("Beta", "E06900002", "City of Foo")
    monkeypatch.setattr(la_module, "_index", lambda: _build_index([a, b]))
    assert find_local_authority("City of Foo Council") is None
    assert find_local_authority("Foo Council") == a
    assert find_local_authority("City of Foo") == b


def test_a_very_long_cell_is_not_searched_for_a_code_beside_a_name():
    # The code-beside-name patterns backtrack over runs of spaces; no authority's name needs them this long.
    assert find_local_authority("Sandwell" + " -" * 5000 + " (333)") is None
    assert find_local_authority("Sandwell (333)") is not None
