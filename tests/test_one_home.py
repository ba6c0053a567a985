"""Each rule with meaning is written once (issue 23 item 4; STYLE.md: "Constants with meaning live in one
place, named, with their source"). These tests read the package's source, so a new copy of a rule fails
the suite: import the named constant or function instead.

Prose is allowed to say "26 weeks" or "OFFICIAL-SENSITIVE"; what is searched is code (numbers, string
literals that are the whole value, and assignments), read with Python's tokenizer.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest

from lfjb import vocab
from lfjb.formatting import kpi_change, signed
from lfjb.month import Month, financial_quarter_label

PACKAGE = Path(__file__).parent.parent / "lfjb"
SOURCES = sorted(PACKAGE.rglob("*.py"))


def _tokens(path: Path) -> list[tokenize.TokenInfo]:
    return [t for t in tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
            if t.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT)]


def _where(path: Path, token: tokenize.TokenInfo) -> str:
    return f"{path.relative_to(PACKAGE.parent)}:{token.start[0]}: {token.line.strip()}"


def _outside(*homes: str) -> list[Path]:
    return [p for p in SOURCES if p.relative_to(PACKAGE.parent).as_posix() not in homes]


def test_the_search_reads_the_whole_package():
    # A search over no files would pass whatever was written.
    names = {p.relative_to(PACKAGE).as_posix() for p in SOURCES}
    assert {"vocab.py", "metrics/kpis.py", "metrics/case_tracker.py", "compare/model.py"} <= names


def test_the_day_counts_of_26_38_and_52_weeks_are_written_only_in_vocab():
    """182, 266 and 364 days, or 26 * 7 and the like: vocab.WITHIN_26_DAYS, OVER_38_DAYS, OVER_52_DAYS."""
    found = []
    for path in _outside("lfjb/vocab.py"):
        tokens = _tokens(path)
        for i, t in enumerate(tokens):
            if t.type != tokenize.NUMBER:
                continue
            value = ast.literal_eval(t.string)
            if value in (182, 266, 364):
                found.append(_where(path, t))
            after = tokens[i + 1 : i + 3]
            if (value in (26, 38, 52) and len(after) == 2 and after[0].string == "*"
                    and after[1].type == tokenize.NUMBER and ast.literal_eval(after[1].string) == 7):
                found.append(_where(path, t))
    assert not found, "Import the day counts from lfjb.vocab:\n" + "\n".join(found)


def test_the_26_week_limit_and_the_rules_defaults_are_named_only_in_vocab():
    """A second `STATUTORY_WEEKS = 26`, `DEFAULT_MIN_CASES = 10`, a `min_cases: int = 10` default, or a
    26-week constant under another name."""
    names = ("STATUTORY_WEEKS", "WITHIN_26_DAYS", "OVER_26_DAYS", "OVER_38_DAYS", "OVER_52_DAYS", "WEEKS_26_DAYS",
             "DAYS_PER_WEEK", "DEFAULT_MIN_CASES", "DEFAULT_PROTECTIVE_MARKING", "DEFAULT_MARKING",
             "PUBLISHED_MARKING", "MARKING_ORDER")
    assignment = re.compile(rf"^\s*({'|'.join(names)})\s*(:[^=]+)?=(?!=)")
    min_cases_default = re.compile(r"\bmin_cases\s*(:\s*int\s*)?=\s*\d")
    found = []
    for path in _outside("lfjb/vocab.py"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if assignment.match(line) or min_cases_default.search(line):
                found.append(f"{path.relative_to(PACKAGE.parent)}:{number}: {line.strip()}")
    assert not found, "Import these from lfjb.vocab:\n" + "\n".join(found)


def test_protective_markings_are_written_only_in_vocab():
    markings = set(vocab.MARKING_ORDER)
    found = []
    for path in _outside("lfjb/vocab.py"):
        for t in _tokens(path):
            if t.type == tokenize.STRING and not t.string.lstrip("rbuRBU").startswith(("f", "F")):
                try:
                    value = ast.literal_eval(t.string)
                except (ValueError, SyntaxError):
                    continue
                if value in markings:
                    found.append(_where(path, t))
    assert not found, "Use vocab.DEFAULT_PROTECTIVE_MARKING, PUBLISHED_MARKING or MARKING_ORDER:\n" + "\n".join(found)
    assert vocab.DEFAULT_PROTECTIVE_MARKING == "OFFICIAL-SENSITIVE" and vocab.DEFAULT_MIN_CASES == 10


def test_the_financial_quarter_is_worked_out_only_in_month_py():
    """The label '2024-25 Q4' and pandas' 'Q-MAR' were each written in kpis.py and pre_proceedings.py."""
    label = re.compile(r"% 100:02d\}\s*Q\{")
    found = [f"{p.relative_to(PACKAGE.parent)}: {m.group(0)}" for p in _outside("lfjb/month.py")
             for m in label.finditer(p.read_text(encoding="utf-8"))]
    found += [_where(p, t) for p in SOURCES for t in _tokens(p) if t.type == tokenize.STRING and "Q-MAR" in t.string]
    assert not found, "Use lfjb.month.financial_quarter_label / financial_quarter_start:\n" + "\n".join(found)


def test_signed_changes_are_written_only_by_formatting_signed():
    sign_choice = re.compile(r"""['"]\+['"]\s+if\b""")
    found = [f"{p.relative_to(PACKAGE.parent)}:{n}: {line.strip()}" for p in _outside("lfjb/formatting.py")
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if sign_choice.search(line)]
    assert not found, "Use lfjb.formatting.signed:\n" + "\n".join(found)


def test_the_spc_judgement_has_one_copy_of_each_rule():
    source = (PACKAGE / "metrics" / "spc.py").read_text(encoding="utf-8")
    # the two-sigma line's fraction is worked out once, in close_to_limits
    assert len(re.findall(r"=\s*TWO_SIGMA_FACTOR / LIMIT_FACTOR", source)) == 1
    # each rule's words live in RULE_WORDS (the appendix's rule, the reason beside a point, the reading's
    # clause): nowhere else in the module says "months in a row" or "close to the"
    start = source.index("RULE_WORDS: dict")
    rest = source[:start] + source[source.index("\n}\n", start):]
    assert "months in a row" in source and "months in a row" not in rest and "close to the" not in rest
    for path in _outside("lfjb/metrics/spc.py"):
        assert "months in a row on the same side" not in path.read_text(encoding="utf-8"), path


# --- the homes give the figures they replaced ------------------------------------------------------------


def test_the_named_day_counts():
    assert (vocab.WITHIN_26_DAYS, vocab.OVER_26_DAYS, vocab.OVER_38_DAYS, vocab.OVER_52_DAYS) == (182, 182, 266, 364)
    assert vocab.STATUTORY_WEEKS == 26 and vocab.DAYS_PER_WEEK == 7


@pytest.mark.parametrize(("delta", "places", "suffix", "shown"), [
    (2.46, 1, " weeks", "+2.5 weeks"),
    (-1.74, 1, " points", "−1.7 points"),  # a real minus sign, U+2212
    (0.04, 1, " weeks", "no change"),  # rounds to 0.0
    (-0.04, 1, "", "no change"),
    (0.05, 2, "", "+0.05"),  # the comparison's hearings: two places
    (1204, 0, "", "+1,204"),
    (None, 1, "", "–"),
])
def test_signed(delta, places, suffix, shown):
    assert signed(delta, places, suffix) == shown


def test_the_packs_changes_are_the_signed_formatter_at_the_units_places():
    assert kpi_change(-1.74, "%") == "−1.7 points" and kpi_change(3, "cases") == "+3"
    assert kpi_change(2.5, "cases") == "+2.5" and kpi_change(0.2, "hearings") == "+0.2 hearings"
    assert kpi_change(0.0, "weeks") == "no change" and kpi_change(None, "%") == "–"


def test_the_financial_quarter_label():
    assert financial_quarter_label(Month(2025, 3)) == "2024-25 Q4"
    assert financial_quarter_label(Month(2025, 4)) == "2025-26 Q1"


def test_templates_take_the_day_counts_from_vocab():
    templates = sorted((PACKAGE.parent / "templates").rglob("*.html"))
    assert templates
    found = [f"{t.relative_to(PACKAGE.parent)}:{n}" for t in templates
             for n, line in enumerate(t.read_text(encoding="utf-8").splitlines(), 1) if re.search(r"\b(182|266|364)\b", line)]
    assert not found, "Write {{ DAYS.within_26 }}, {{ DAYS.over_38 }} or {{ DAYS.over_52 }}:\n" + "\n".join(found)


def test_the_count_kpis_are_listed_only_in_vocab_and_derived_from_their_units():
    """The KPIs that are whole numbers: one list (vocab.COUNT_KPIS), read by the pack's model and the pack-file
    reader, worked out from the units so a new count KPI joins it."""
    from lfjb.inputs import packs
    from lfjb.pack_model import KPI_TYPES

    assert vocab.COUNT_KPIS == ("issued", "children_issued", "disposed", "open_end", "open_over_26", "open_over_38",
                                "open_over_52")
    assert tuple(k for k, kind in KPI_TYPES.items() if kind == int | None) == vocab.COUNT_KPIS
    assert packs.COUNT_KPIS is vocab.COUNT_KPIS
    assignment = re.compile(r"^\s*(COUNT_KPIS|COUNT_UNITS)\s*(:[^=]+)?=(?!=)")
    found = [f"{path.relative_to(PACKAGE.parent)}:{number}: {line.strip()}"
             for path in _outside("lfjb/vocab.py")
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if assignment.match(line)]
    assert not found, "Import COUNT_KPIS and COUNT_UNITS from lfjb.vocab:\n" + "\n".join(found)
