"""Property-based tests (hypothesis): arbitrary extracts never crash the loader or the KPIs, every
row is either counted or listed in data quality, and totals add up."""

from __future__ import annotations

import csv
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lfjb.inputs.errors import InputError
from lfjb.inputs.extract import load_extract
from lfjb.metrics import kpis
from lfjb.month import Month
from lfjb.vocab import DRIVERS, OUTCOMES

HEADER = ["case_id", "local_authority", "issue_date", "disposal_date", "children", "hearings", "fcmh", "outcome", "delay_drivers"]
DAY0 = date(2022, 1, 1)

dates = st.one_of(
    st.integers(0, 1300).map(lambda n: (DAY0 + timedelta(days=n)).strftime("%d/%m/%Y")),
    st.integers(0, 1300).map(lambda n: (DAY0 + timedelta(days=n)).isoformat()),
    st.sampled_from(["", "31/02/2024", "not a date", "2024-13-01", "00/00/0000"]),
)
counts = st.one_of(st.integers(0, 12).map(str), st.sampled_from(["", "-1", "2.5", "three", "1e3"]))
text = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12)
drivers = st.lists(st.sampled_from(list(DRIVERS) + list(DRIVERS.values())), max_size=3).map("; ".join)
# Outcomes are mapped to ids (an unknown word is a structural error, tested in tests/inputs).
outcomes = st.sampled_from(["", "NULL", "-", *OUTCOMES, *OUTCOMES.values(), "SGO", "Care Order"])
rows = st.lists(
    st.tuples(st.sampled_from(["A", "B", "C", "D", "E", "F", ""]) | text, text, dates, dates, counts, counts, counts, outcomes, drivers),
    max_size=40,
)


def write_extract(path, data):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(data)
    return path


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=rows)
def test_every_row_is_counted_or_listed(tmp_path, data):
    try:
        extract = load_extract(write_extract(tmp_path / "extract.csv", data))
    except InputError as exc:  # most rows bad in a larger file: reported as a misread file instead
        assert len(data) >= 20 and "could not be used" in exc.problems[0].message
        return
    dq = extract.data_quality
    assert dq.rows_read == len(data)
    assert len(extract.cases) + dq.rows_rejected == len(data)
    kept = set(extract.cases["row"])
    rejected = {p["row"] for p in dq.problems}
    assert kept.isdisjoint(rejected) and kept | rejected == set(range(2, len(data) + 2))
    # What was kept obeys the rules.
    cases = extract.cases
    assert not cases["case_id"].duplicated().any()
    assert (cases["disposal_date"].isna() | (cases["disposal_date"] >= cases["issue_date"])).all()
    assert (cases["children"] >= 0).all()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=rows, month_offset=st.integers(0, 47))
def test_kpis_never_crash_and_totals_add_up(tmp_path, data, month_offset):
    try:
        cases = load_extract(write_extract(tmp_path / "extract.csv", data)).cases
    except InputError:
        return  # a misread file (most rows bad): covered above
    month = Month(2022, 1).shift(month_offset)
    trend = kpis.kpi_trend(cases, month, 24)
    assert trend[-1] == {"month": str(month), **kpis.monthly_kpis(cases, month)}
    for row in trend:
        assert row["open_end"] >= row["open_over_26"] >= row["open_over_38"] >= row["open_over_52"] >= 0
        assert (row["mean_weeks"] is None) == (row["disposed"] == 0)
        if row["pct_within_26"] is not None:
            assert 0 <= row["pct_within_26"] <= 100
    # Issued over the 24 months equals the cases issued in that window.
    start, end = month.shift(-23).first_day, month.last_day
    issued = cases["issue_date"].between(str(start), str(end)).sum()
    assert sum(r["issued"] for r in trend) == issued
    # The age profile of open cases covers every open case; the duration bands every disposal in 12 months.
    assert sum(b["cases"] for b in kpis.open_age_profile(cases, month)) == trend[-1]["open_end"]
    rolling = kpis.rolling_12(cases, month)
    assert sum(b["cases"] for b in kpis.duration_bands(cases, month)) == rolling["disposed"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(junk=st.binary(max_size=300))
def test_junk_files_end_in_a_clear_error_or_a_report(tmp_path, junk):
    for name in ("extract.csv", "extract.xlsx", "extract.parquet"):
        path = tmp_path / name
        path.write_bytes(junk)
        try:
            load_extract(path)
        except InputError as exc:
            assert exc.problems and all(p.file for p in exc.problems)
