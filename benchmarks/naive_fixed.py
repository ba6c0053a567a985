"""The fixed naive reference for a cold board pack (issue 22): 20 A4 pages with 12 Altair charts.

`naive_pack.py` draws as many pages and charts as lfjb's pack for the same board, so it moves when the
pack does; this one never moves, so a ratio to it measured one week can be read against the next. It
is the same naive code (pandas, Altair + vl-convert, Jinja2, WeasyPrint as tagged PDF/UA-1, none of
lfjb's), always with 20 pages and 12 charts from the board's own extract.

Run: python benchmarks/naive_fixed.py EXTRACT OUT.pdf
"""

from __future__ import annotations

import sys
from pathlib import Path

PAGES = 20  # benchmarks/run.py imports these two, so what the reference draws is said only here
CHARTS = 12


def main() -> None:
    if len(sys.argv) != 3:
        raise SystemExit(__doc__.strip().splitlines()[-1])
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from naive_pack import naive_pack  # beside this file; no lfjb code (imported here: importing PAGES stays light)

    naive_pack(Path(sys.argv[1]), Path(sys.argv[2]), PAGES, CHARTS)


if __name__ == "__main__":
    main()
