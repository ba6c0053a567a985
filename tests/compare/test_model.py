"""The benchmark boards are compared against (lfjb/compare/model.py): England and Wales from FCSQ's
national timeliness when given, else all boards pooled, labelled as such."""

from __future__ import annotations

import dataclasses

import pytest
from compare_data import MONTH, fake_pack

from lfjb.compare.disclosure import publishable
from lfjb.compare.model import add_words, build_comparison, findings

NATIONAL = {
    "source": "CARE_FINAL.csv", "period": {"start": "2024-04", "end": "2025-03", "label": "Apr 2024 to Mar 2025",
                                           "quarters": ["2024 Q2", "2024 Q3", "2024 Q4", "2025 Q1"]},
    "disposed": 16000.0, "mean_weeks": 40.5, "median_weeks": 36.0, "pct_within_26": 50.0,
    "median_note": "median of 2025 Q1 only", "not_available_quarters": [], "quarters": [],
}


def _packs() -> list[dict]:
    return [fake_pack("a", dfj_area="Worcester", disposed_12m=200, pct_12m=30.0, mean_weeks_12m=38.0),
            fake_pack("b", dfj_area="Guildford", disposed_12m=300, pct_12m=40.0, mean_weeks_12m=42.0)]


def test_the_national_timeliness_sets_the_benchmark_and_the_funnel_target():
    model = add_words(build_comparison(_packs(), MONTH, {"kind": "packs", "files": []}, national=NATIONAL))
    b = model.benchmark
    assert b["kind"] == "national" and b["mean_weeks"] == 40.5 and b["median_weeks"] == 36.0
    assert b["label"] == "England and Wales (FCSQ, Apr 2024 to Mar 2025)" and "CARE_FINAL.csv" in b["note"]
    assert model.funnel["target"] == pytest.approx(50.0) and model.funnel["target_kind"] == "national"
    assert model.funnel["target_label"] == "England and Wales"
    # Issue 22: the summary opens with the national figure, then how far the notable boards are from it.
    assert model.findings[0].startswith("England and Wales (Apr 2024 to Mar 2025): 40.5 weeks on average")
    assert "England and Wales)" in model.findings[1] and ("weeks below" in model.findings[1] or "weeks above" in model.findings[1])
    assert model.to_json()["benchmark"]["kind"] == "national"


def test_without_it_the_benchmark_is_all_boards_pooled():
    """(200 x 30% + 300 x 40%) / 500 = 36% within 26 weeks; (200 x 38 + 300 x 42) / 500 = 40.4 weeks."""
    model = build_comparison(_packs(), MONTH, {"kind": "packs", "files": []})
    b = model.benchmark
    assert b["kind"] == "all_boards" and b["label"] == "All boards pooled (12 months to March 2025)"
    assert b["pct_within_26"] == pytest.approx(36.0) and b["mean_weeks"] == pytest.approx(40.4)
    assert b["median_weeks"] is None and "cannot be combined" in b["median_note"]
    assert model.funnel["target"] == pytest.approx(36.0) and model.funnel["target_label"] == "All boards pooled"


def test_a_pooled_benchmark_hides_what_the_all_boards_row_hides_when_published():
    packs = [fake_pack("a", disposed_12m=8, pct_12m=25.0), fake_pack("b", disposed_12m=1, pct_12m=100.0)]
    model = publishable(build_comparison(packs, MONTH, {"kind": "packs", "files": []}), 10)
    assert "pct_within_26_12m" in model.all_boards["suppressed"]  # 9 cases, under --min-cases 10
    assert model.benchmark["pct_within_26"] is None and "pct_within_26" in model.benchmark["suppressed"]


def test_the_reconciliation_is_not_published():
    recon = {"available": True, "areas": [{"name": "Worcester DFJ", "flags": 0, "quarters": []}], "threshold_pct": 10.0}
    model = publishable(build_comparison(_packs(), MONTH, {"kind": "packs", "files": []}, reconciliation=recon), 10)
    assert model.reconciliation["available"] is False and model.reconciliation["areas"] == ()
    assert any("reconciliation" in item for item in model.suppression["not_published"])


def test_spc_rules_are_worded_by_lfjbs_spc_module_and_p_prime_boards_are_named():
    from compare_data import MONTH, fake_pack, fake_pack_json

    from lfjb.compare.model import build_comparison
    from lfjb.metrics.spc import SpcRules
    from lfjb.pack_model import PackModel

    six = fake_pack_json("bravo")
    six["spc_rules"] = {"shift": 6, "trend": 6}
    laney = fake_pack_json("charlie")
    laney["spc"]["pct_within_26"]["chart"] = "pprime"
    packs = [fake_pack("alpha"), PackModel.from_json(six), PackModel.from_json(laney)]
    model = build_comparison(packs, MONTH, {"kind": "packs", "boards": 3})
    rules = model.spc_rules
    assert rules["usual"]["in_words"] == tuple(SpcRules().in_words())
    assert [d["slug"] for d in rules["differing"]] == ["bravo"] and "a shift is 6 months" in rules["differing"][0]["text"]
    assert rules["pprime_boards"] == ("Charlie",)


# --- the pilot's words follow the randomisation test (issue 19) ---------------------------------------------


def _kpm(p_value: float, interval: list[float], design_note: str | None) -> dict:
    return {"kpi": "mean_weeks", "better": "lower", "phrase": "average duration", "label": "Average duration (weeks)",
            "did": -2.9, "did_case_weighted": -2.4, "interval": interval, "interval_boards_resampled": [-5.8, -0.2],
            "interval_cases_only": [-5.4, -0.4], "design_note": design_note,
            "trailblazer": {"boards": ["a", "b", "c", "d", "e"]}, "comparator": {"boards": ["f", "g"]},
            "randomisation": {"p_value": p_value, "smallest_p": 2 / 21, "assignments": 21, "possible": 21,
                              "is_exhaustive": True, "rank": 1}}


def test_no_excludes_zero_verdict_unless_the_randomisation_p_is_below_005():
    from lfjb.compare.model import _pilot_reading

    # The case: the pairs bootstrap's -5.8 to -0.2 "excluded zero", but p = 2/21 = 0.095.
    small = _pilot_reading(_kpm(2 / 21, [-6.5, 0.7], "This comparison cannot show a difference on its own: ..."))
    assert "excludes zero" not in small and "unlikely to be chance" not in small
    assert "p = 0.095" in small and "smallest this design can give is 0.095" in small
    assert "cannot show a difference" in small
    assert "−5.8 to −0.2 (too narrow with only 2 boards in an arm" in small
    # Even an interval clear of zero is no verdict while p is 0.095 (no design note: a larger design).
    clear = _pilot_reading(_kpm(0.095, [-5.0, -1.0], None))
    assert "excludes zero" not in clear and "could be chance" in clear
    # p below 0.05: then, and only then, unlikely to be chance.
    assert "unlikely to be chance alone" in _pilot_reading(_kpm(0.01, [-5.0, -1.0], None))


# --- the statistician's review of issue 19: words that claim no more than the numbers ---------------------


def test_the_design_floor_is_reported_when_assignments_are_sampled_and_one_split_gives():
    from lfjb.compare.model import pilot_inference_words

    # 5 Trailblazers among 43 areas: C(43, 5) = 962,598 splits, of which 10,000 were drawn. The design's floor is
    # 2 / 962,598, not the sample's 2 / 10,000 = 0.0002.
    kpm = _kpm(0.0002, [-5.0, -1.0], None)
    kpm["randomisation"] = {"p_value": 0.0002, "smallest_p": 2 / 962_598, "assignments": 10_000,
                            "possible": 962_598, "is_exhaustive": False, "rank": 1}
    words = pilot_inference_words(kpm)
    assert "0.0002)" not in words
    assert "the smallest this design can give is 2 in 962,598" in words
    assert "1 gives a difference" in words and "1 give " not in words


def test_an_indicative_interval_is_called_indicative():
    from lfjb.compare.model import _pilot_reading

    kpm = _kpm(2 / 21, [-6.5, 0.7], "This comparison cannot show a difference on its own: ...")
    kpm["interval_note"] = "Indicative only: with 2 boards in the smaller group this bootstrap is not reliable."
    kpm["interval_is_indicative"] = True
    words = _pilot_reading(kpm)
    assert "Indicative 95% interval from a wild cluster bootstrap" in words
    assert "Indicative only: with 2 boards in the smaller group" in words


def test_the_pilot_finding_says_when_the_baseline_gap_moved_the_other_way():
    model = build_comparison(_packs(), MONTH, {"kind": "packs", "files": []})
    kpm = {**_kpm(2 / 21, [-6.5, 0.7], None), "trailblazer": {"boards": ["a"], "change": -4.0},
           "comparator": {"boards": ["b"], "change": -1.1}, "parallel_trends": {"is_gap_moving": True, "is_gap_against": True}}
    model = dataclasses.replace(model, pilot={"kpms": [kpm], "pilot": {"label": "Apr 2024 to Mar 2025"},
                                              "baseline": {"label": "Apr 2023 to Mar 2024"}})
    finding = next(f for f in findings(model) if f.startswith("Pilot"))
    assert "moved the other way by more than this estimate" in finding
    kpm["parallel_trends"]["is_gap_against"] = False  # the model holds its own frozen copy: a new model
    model = dataclasses.replace(model, pilot={**model.pilot, "kpms": [kpm]})
    finding = next(f for f in findings(model) if f.startswith("Pilot"))
    assert "moved by more than this estimate" in finding and "other way" not in finding


def test_the_funnel_finding_keeps_the_over_dispersion_caveat_with_few_boards():
    # 2 boards: far fewer than the 15 the over-dispersion adjustment needs.
    model = build_comparison(_packs(), MONTH, {"kind": "packs", "files": []})
    assert model.funnel["is_adjustment_reliable"] is False
    finding = next(f for f in findings(model) if "funnel" in f or "limits for % within 26 weeks" in f)
    assert "though with only 2 boards (fewer than about 15) this judgement of the spread between boards is unreliable" in finding


def test_the_pilot_verdict_is_decided_once_for_the_reading_and_the_summary(monkeypatch):
    # The reading of a measure and the comparison's summary follow one rule with one threshold
    # (lfjb.compare.pilot.pilot_verdict and lfjb.compare.inference.SIGNIFICANCE): moving the threshold to
    # 0.10 moves both, so p = 0.08 becomes "unlikely to be chance alone" in each.
    import lfjb.compare.pilot as pilot
    from lfjb.compare.model import _pilot_reading

    model = build_comparison(_packs(), MONTH, {"kind": "packs", "files": []})
    kpm = {**_kpm(0.08, [-5.0, -1.0], None), "trailblazer": {"boards": list("abcde"), "change": -4.0},
           "comparator": {"boards": list("fghij"), "change": -1.1}}
    model = dataclasses.replace(model, pilot={"kpms": [kpm], "pilot": {"label": "Apr 2024 to Mar 2025"},
                                              "baseline": {"label": "Apr 2023 to Mar 2024"}})

    def summary() -> str:
        return next(f for f in findings(model) if f.startswith("Pilot"))

    assert "could be chance" in _pilot_reading(kpm) and "could be chance" in summary()
    monkeypatch.setattr(pilot, "SIGNIFICANCE", 0.10)
    assert "unlikely to be chance alone (p below 0.1)" in _pilot_reading(kpm)
    assert "unlikely to be chance alone (p below 0.1), but on its own this does not show the pilot caused it" in summary()
    # A design note wins over any p: the summary gives it in full, the reading points to it.
    kpm["design_note"] = "This comparison cannot show a difference on its own: the comparator group has only 2 boards."
    model = dataclasses.replace(model, pilot={**model.pilot, "kpms": [kpm]})  # the model holds a frozen copy
    assert kpm["design_note"] in summary() and "chance" not in summary().split(kpm["design_note"])[1]
    assert "On its own this comparison cannot show a difference" in _pilot_reading(kpm)


def test_the_pilot_finding_hedges_a_placebo_on_an_indicative_interval():
    model = build_comparison(_packs(), MONTH, {"kind": "packs", "files": []})
    kpm = {**_kpm(2 / 21, [-6.5, 0.7], None), "trailblazer": {"boards": ["a"], "change": -4.0},
           "comparator": {"boards": ["b"], "change": -1.1},
           "parallel_trends": {"is_diverging": True, "is_indicative": True}}
    model = dataclasses.replace(model, pilot={"kpms": [kpm], "pilot": {"label": "Apr 2024 to Mar 2025"},
                                              "baseline": {"label": "Apr 2023 to Mar 2024"}})
    finding = next(f for f in findings(model) if f.startswith("Pilot"))
    assert ("There is weak evidence that the gap between the arms was already changing before the pilot (the "
            "parallel-trends check's interval excludes zero, but it is only indicative with so few boards)") in finding
    assert "the pilot-year difference may partly reflect that." in finding and "were not moving together" not in finding
    kpm["parallel_trends"]["is_indicative"] = False  # the model holds its own frozen copy: a new model
    model = dataclasses.replace(model, pilot={**model.pilot, "kpms": [kpm]})
    finding = next(f for f in findings(model) if f.startswith("Pilot"))
    assert ("There is some evidence that the gap between the arms was already changing before the pilot (the parallel-trends "
            "check's interval excludes zero); the pilot-year difference may partly reflect that.") in finding
    assert "weak evidence" not in finding and "only indicative" not in finding


def test_the_funnel_finding_says_more_than_chance_only_when_the_spread_is_beyond_chance():
    # 2 boards: k - 1 = 1, and chi-square's 95% point on 1 degree of freedom is about 3.8. phi 1.5 (k x phi =
    # 3.0) turns the adjustment on but is within chance; phi 3.0 (6.0) is beyond it.
    model = build_comparison(_packs(), MONTH, {"kind": "packs", "files": []})
    model = dataclasses.replace(model, funnel=dataclasses.replace(model.funnel, is_adjusted=True, phi=1.5))
    finding = next(f for f in findings(model) if "limits for % within 26 weeks" in f)
    assert "within what chance could give" in finding and "more than chance alone would explain" not in finding
    model = dataclasses.replace(model, funnel=dataclasses.replace(model.funnel, phi=3.0))
    finding = next(f for f in findings(model) if "limits for % within 26 weeks" in f)
    assert finding.startswith("Boards vary more than chance alone would explain")


def test_the_cases_only_interval_is_not_called_narrower_when_it_is_not():
    # The 43-area sample with --comparators rest: primary (wild) -4.2 to -0.9, cases only -4.2 to -0.8: wider.
    from lfjb.compare.model import pilot_inference_words

    kpm = {**_kpm(0.0008, [-4.2, -0.9], None), "interval_boards_resampled": [-4.7, -0.5],
           "interval_cases_only": [-4.2, -0.8], "trailblazer": {"boards": list("abcde")},
           "comparator": {"boards": [f"c{i}" for i in range(38)]}}
    words = pilot_inference_words(kpm)
    assert "resampling cases only, −4.2 to −0.8 (it holds these boards fixed" in words
    assert "narrower" not in words and "too narrow" not in words


def test_the_comparison_is_frozen_and_publishing_returns_a_new_model():
    model = add_words(build_comparison(_packs(), MONTH, {"kind": "packs", "files": []}))
    before = model.to_json()
    with pytest.raises(dataclasses.FrozenInstanceError):
        model.publish = True  # type: ignore[misc]
    published = publishable(model, 10)
    assert published is not model and published.publish and not model.publish
    assert model.to_json() == before  # publishing changed nothing of the unpublished model
    assert published.suppression["applied"] is True and model.suppression["applied"] is False


def test_a_change_that_prints_as_no_change_is_not_counted_as_a_fall():
    # -0.04 weeks prints as "no change" in the league table (one decimal), so the trends' title and the
    # findings count it as unchanged, not as a fall: 1 fell (-1.0), 1 rose (+2.0), 1 unchanged (-0.04).
    from lfjb.compare.model import trend_title

    packs = [fake_pack(s, dfj_area=a) for s, a in (("a", "Worcester"), ("b", "Guildford"), ("c", "Wolverhampton"))]
    model = build_comparison(packs, MONTH, {"kind": "packs", "files": []})
    changes = {"a": -0.04, "b": -1.0, "c": 2.0}
    model = dataclasses.replace(model, boards=tuple(dataclasses.replace(r, change_mean_weeks_12m=changes[r.slug])
                                                    for r in model.boards))
    said = "Average duration fell in 1 of 3 boards, rose in 1, and was unchanged in 1"
    assert trend_title(model) == f"{said} over the 12 months to March 2025, compared with the year before"
    assert f"{said} compared with the 12 months before." in findings(model)
    # -0.05 prints as -0.1 (a fall); with none unchanged the sentence is as it was.
    model = dataclasses.replace(model, boards=tuple(dataclasses.replace(r, change_mean_weeks_12m=-0.05 if r.slug == "a"
                                                                        else r.change_mean_weeks_12m) for r in model.boards))
    assert trend_title(model).startswith("Average duration fell in 2 of 3 boards over the 12 months")
    assert "Average duration fell in 2 of 3 boards compared with the 12 months before." in findings(model)


def test_the_sections_are_typed_once_per_new_model(monkeypatch):
    # One place types the sections (ComparisonModel.__post_init__): building the comparison types them once
    # (it typed them first as well), add_words makes one new model (it made four), publishing two (its
    # own and add_words').
    import lfjb.compare.disclosure as disclosure
    import lfjb.compare.model as model_module

    calls = []
    real = model_module.typed_sections
    monkeypatch.setattr(model_module, "typed_sections", lambda **s: calls.append(sorted(s)) or real(**s))
    model = build_comparison(_packs(), MONTH, {"kind": "packs", "files": []}, national=NATIONAL)
    assert len(calls) == 1
    calls.clear()
    worded = add_words(model)
    assert len(calls) == 1
    calls.clear()
    publishable(model, 10)
    assert len(calls) == 2 and not hasattr(disclosure, "typed_sections")
    # The words are those of the figures the new model shows (they are written from the model handed in).
    assert worded.findings == tuple(findings(worded)) and worded.findings
    published = publishable(model, 10)
    assert published.findings == tuple(findings(published))
