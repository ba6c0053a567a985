"""A naive reference board pack, written with lfjb's stack but none of its code (issue 11, "Speed").

It does what a competent analyst would write in an afternoon: read the extract with pandas, work out
monthly figures with groupby, draw each chart with Altair and convert it to SVG with vl-convert one
by one, fill a Jinja2 template and lay it out with WeasyPrint as tagged PDF/UA-1. It renders a pack
with the same number of pages and charts as lfjb's pack for the same board, so `benchmarks/run.py`
can time both in the same run and print lfjb's time as a ratio to this one.

Run: python benchmarks/naive_pack.py EXTRACT.csv OUT.pdf --pages 18 --charts 21
"""

from __future__ import annotations

import argparse
import base64
from pathlib import Path

import altair as alt
import jinja2
import pandas as pd
import vl_convert as vlc
from weasyprint import HTML

TEMPLATE = jinja2.Template(
    """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title>
<style>@page { size: A4; margin: 18mm 16mm; } body { font-family: "DejaVu Sans", sans-serif; font-size: 9pt; }
section { page-break-after: always; } img { width: 100%; max-height: 80mm; object-fit: contain; } table { border-collapse: collapse; width: 100%; }
td, th { border-bottom: 1px solid #ccc; padding: 2px 4px; text-align: right; }</style></head><body>
<h1>{{ title }}</h1>
{% for page in pages %}<section><h2>{{ page.heading }}</h2>
{% for chart in page.charts %}<figure><img src="{{ chart.src }}" alt="{{ chart.alt }}"></figure>{% endfor %}
<table><thead><tr>{% for c in columns %}<th scope="col">{{ c }}</th>{% endfor %}</tr></thead><tbody>
{% for row in page.rows %}<tr>{% for c in columns %}<td>{{ row[c] }}</td>{% endfor %}</tr>{% endfor %}
</tbody></table></section>{% endfor %}</body></html>"""
)


def monthly_figures(extract: pd.DataFrame) -> pd.DataFrame:
    """Issued, disposed and average weeks per month, the way a notebook would do it."""
    issued = extract.groupby(extract["issue_date"].dt.to_period("M")).size().rename("issued")
    done = extract.dropna(subset=["disposal_date"])
    weeks = (done["disposal_date"] - done["issue_date"]).dt.days / 7
    by_month = done.assign(weeks=weeks).groupby(done["disposal_date"].dt.to_period("M"))
    table = pd.concat([issued, by_month.size().rename("disposed"), by_month["weeks"].mean().rename("mean_weeks")], axis=1)
    return table.sort_index().tail(24).reset_index(names="month").assign(month=lambda t: t["month"].astype(str))


def chart_svg(table: pd.DataFrame, column: str, i: int) -> str:
    """One line chart per call, converted to SVG on its own (no shared work between charts)."""
    spec = alt.Chart(table).mark_line(point=True).encode(x="month:O", y=f"{column}:Q").properties(
        width=560 if i % 4 == 0 else 120, height=160 if i % 4 == 0 else 32, title=f"{column} ({i})")
    svg = vlc.vegalite_to_svg(spec.to_dict())
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def naive_pack(extract_path: Path, out: Path, pages: int, charts: int) -> None:
    if extract_path.suffix == ".parquet":
        extract = pd.read_parquet(extract_path)
    elif extract_path.suffix == ".xlsx":
        extract = pd.read_excel(extract_path, engine="calamine")
    else:
        extract = pd.read_csv(extract_path, dtype=str, keep_default_na=False)
    for column in ("issue_date", "disposal_date"):
        if not pd.api.types.is_datetime64_any_dtype(extract[column]):
            extract[column] = pd.to_datetime(extract[column].replace("", None), dayfirst=True, errors="coerce")
    table = monthly_figures(extract)
    columns = list(table.columns)
    images = [{"src": chart_svg(table, ("mean_weeks", "issued", "disposed")[i % 3], i), "alt": f"chart {i}"} for i in range(charts)]
    per_page = -(-charts // pages)
    content = [{"heading": f"Section {p + 1}", "charts": images[p * per_page:(p + 1) * per_page],
                "rows": table.tail(6).to_dict("records")} for p in range(pages)]
    html = TEMPLATE.render(title="Board pack", pages=content, columns=columns)
    out.write_bytes(HTML(string=html).write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("extract", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--pages", type=int, default=18)
    parser.add_argument("--charts", type=int, default=21)
    args = parser.parse_args()
    naive_pack(args.extract, args.out, args.pages, args.charts)


if __name__ == "__main__":
    main()
