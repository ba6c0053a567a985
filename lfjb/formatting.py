"""How numbers, changes and dates are written for people: one formatter for every output.

The pack's tiles and tables, the headlines, the chart titles and text alternatives, and the
comparison all write a figure through these functions, so a figure is rounded one way wherever a
chair sees it: weeks and hearings to one decimal place, percentages whole, counts whole, changes in
percentage points to one decimal place. Figures themselves are never changed (the JSON keeps them
unrounded); this is display only.
"""

from __future__ import annotations

import calendar
import math
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from lfjb.month import Month
from lfjb.vocab import COUNT_UNITS

DASH = "–"  # shown where there is no figure (a KPI with no cases is null, never 0)
DECIMAL_UNITS = ("weeks", "hearings")  # shown to one decimal place
_SINGULAR = {"cases": "case", "children": "child", "hearings": "hearing"}


def number(value: float | int | None, decimals: int = 0) -> str:
    """12,345 or 12.3 (thousands separators; rounded for display only); an en dash for no value."""
    if value is None:
        return DASH
    return f"{value:,.{decimals}f}"


def kpi_value(value: float | None, unit: str, whole: bool = False) -> str:
    """A KPI as a reader sees it: weeks and hearings to 1 decimal, percentages whole, counts whole.

    `whole=True` drops the decimals of a whole number of weeks (for targets: 'Target 35 weeks')."""
    if value is None:
        return DASH
    if unit == "%":
        return f"{value:,.0f}%"
    if unit in DECIMAL_UNITS and not (whole and float(value).is_integer()):
        return f"{value:,.1f}"
    return number(value, 0 if float(value).is_integer() else 1)


def kpi_value_unit(value: float | None, unit: str, whole: bool = False) -> str:
    """kpi_value with its unit in words: '29.5 weeks', '52%', '41 cases', '1 child'."""
    if value is None:
        return "no figure"
    shown = kpi_value(value, unit, whole)
    if unit == "%":
        return shown
    return f"{shown} {unit_word(value if shown != '1' else 1, unit)}"


def unit_word(value: float | None, unit: str) -> str:
    """The unit as it reads after the value: '1 case', '3 cases', '1 child', '1.0 hearings'."""
    if value is not None and unit in COUNT_UNITS and float(value) == 1:
        return _SINGULAR[unit]
    return unit


def signed(delta: float | None, places: int = 1, suffix: str = "") -> str:
    """A change with its sign, to `places` decimal places, then `suffix`: '+2.5 weeks', '−1.7 points',
    '+1,204'; 'no change' when it rounds to 0; an en dash for none. The minus is a real minus sign.

    The one formatter of signed changes: the pack's tiles and headlines (through kpi_change) and the
    comparison's tables, readings and chart descriptions all write a change through it; each chooses
    only the places (the comparison shows hearings to 2, the pack to 1)."""
    if delta is None:
        return DASH
    size = number(abs(delta), places)
    if float(size.replace(",", "")) == 0:
        return "no change"
    return f"{'+' if delta > 0 else '−'}{size}{suffix}"


def kpi_change(delta: float | None, unit: str) -> str:
    """A KPI's change with its sign and unit: '+2.5 weeks', '−1.7 points', 'no change'; an en dash for none.

    Percentage-point changes have one decimal place everywhere (tiles, headlines, charts), so a
    change is never shown rounded two ways."""
    if delta is None:
        return DASH
    return signed(delta, change_places(delta, unit), change_suffix(unit))


def change_places(delta: float, unit: str) -> int:
    """The decimal places a KPI's change is shown to: 1 for percentage points, weeks and hearings;
    whole for a whole change in a count, else 1."""
    return 1 if unit == "%" or unit in DECIMAL_UNITS or not float(delta).is_integer() else 0


def change_suffix(unit: str) -> str:
    """The unit after a KPI's change: ' points' for a percentage, ' weeks', ' hearings', none for a count."""
    return " points" if unit == "%" else f" {unit}" if unit in DECIMAL_UNITS else ""


def change_size(delta: float, unit: str) -> tuple[str, str]:
    """The size of a change without its sign, and its unit suffix: ('1.7', ' points'), ('3', '')."""
    return number(abs(delta), change_places(delta, unit)), change_suffix(unit)


def percent(value: float | None) -> str:
    """A 0–100 share as a whole percentage."""
    return DASH if value is None else f"{value:.0f}%"


def weeks(value: float | None) -> str:
    """Weeks to one decimal place, with the unit."""
    return DASH if value is None else f"{value:,.1f} weeks"


def money(value: float | None) -> str:
    """£18.5 million, £376,529: pounds for people (estimates, so no pence)."""
    if value is None:
        return DASH
    if abs(value) >= 1_000_000:
        return f"£{value / 1_000_000:,.1f} million"
    return f"£{value:,.0f}"


def significant(value: float, figures: int = 2) -> float:
    """`value` rounded half up to `figures` significant figures (363,470.6 -> 360,000.0; 18,500,000 ->
    19,000,000, where round() would give 18,000,000); 0 stays 0."""
    if value == 0:
        return 0.0
    exponent = math.floor(math.log10(abs(value))) - (figures - 1)
    step = Decimal(1).scaleb(exponent)
    return float((Decimal(repr(float(value))) / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step)


def money_estimate(value: float | None, figures: int = 2) -> str:
    """A rough estimate in pounds, to `figures` significant figures: '£360,000', '£1.5 million',
    '£19 million'. For figures that are a guide to scale, where £363,471 would claim too much."""
    if value is None:
        return DASH
    rounded = significant(value, figures)
    if abs(rounded) >= 1_000_000:
        millions = rounded / 1_000_000
        places = max(0, figures - 1 - math.floor(math.log10(abs(millions))))
        return f"£{millions:,.{places}f} million"
    return f"£{rounded:,.0f}"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """'1 action', '3 actions', '1,204 cases'."""
    return f"{number(count)} {singular if count == 1 else (plural_form or singular + 's')}"


def file_name(path: str | None) -> str:
    """A file as a chair reads it: its own name, without its folders ('sample_data/wolverhampton/court_list.csv'
    -> 'court_list.csv'); either slash, since a path may have been written on Windows."""
    return str(path or "").replace("\\", "/").rsplit("/", 1)[-1]


def lower_first(text: str) -> str:
    """'Average duration' -> 'average duration' (keeps acronyms such as 'PLO' and 'LA')."""
    first = text.split(" ", 1)[0]
    return text if first.isupper() and len(first) > 1 else text[:1].lower() + text[1:]


def upper_first(text: str) -> str:
    """'the disposal date is before the issue date' -> 'The disposal …' (only the first letter: unlike
    Jinja's capitalize, the rest keeps its capitals, such as 'PLO' or a file's name)."""
    return text[:1].upper() + text[1:]


# --- dates and months ----------------------------------------------------------------------------------


def _as_date(value: date | str | None) -> date | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _as_month(value: Month | str) -> Month:
    return value if isinstance(value, Month) else Month.parse(str(value))


def long_date(value: date | str | None) -> str:
    """'26 September 2024' from a date or 'YYYY-MM-DD'."""
    d = _as_date(value)
    return DASH if d is None else f"{d.day} {d:%B %Y}"


def short_date(value: date | str | None) -> str:
    """'26 Sep 2024' for table cells."""
    d = _as_date(value)
    return DASH if d is None else f"{d.day} {d:%b %Y}"


def month_label(value: Month | str) -> str:
    """'March 2025' from a Month or 'YYYY-MM'."""
    return _as_month(value).label


def month_end(value: Month | str) -> str:
    """'31 March 2025': the last day of a Month or 'YYYY-MM', in words."""
    return long_date(_as_month(value).last_day)


def month_short(value: Month | str) -> str:
    """'Mar 2025' from a Month or 'YYYY-MM'."""
    return _as_month(value).short_label


def month_tick(value: Month | str) -> str:
    """'Apr 24' for 2024-04: a month on a chart's axis."""
    m = _as_month(value)
    return f"{calendar.month_abbr[m.month]} {m.year % 100:02d}"
