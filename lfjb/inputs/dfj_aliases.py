"""Users' own DFJ spellings: a CSV with a `name,alias` header, read into {alias: area name}.

`name` is one of the 43 DFJ areas (or a spelling lfjb already knows for one); `alias` is the spelling
to accept, e.g. `Reading,Oxon DFJ`. Lines starting with '#' are comments. The result is passed to
`lfjb.dfj.find_dfj_area(..., extra_aliases=...)`. A file of this kind named `dfj_aliases.csv` beside an
FCSQ file is read too (`lfjb compare --fcsq`).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from lfjb.dfj import dfj_areas, find_dfj_area
from lfjb.inputs.errors import InputError, Problem, did_you_mean, display_path

# A file of this name beside an FCSQ file is read as extra aliases (lfjb compare --fcsq).
ALIASES_FILE_NAME = "dfj_aliases.csv"


def nearest_dfj_area(name: str) -> str:
    """'Did you mean ...?' for a name that matches no area: the closest area name or alias, named by its area."""
    stem = re.sub(r"\s+(DFJ|DJF)$", "", str(name).strip(), flags=re.IGNORECASE)
    spellings = {n: a.name for a in dfj_areas() for n in (a.name, *a.aliases)}
    hint = did_you_mean(stem, spellings)
    if not hint:
        return ""
    close = hint.removeprefix("Did you mean '").removesuffix("'?")
    area = spellings[close]
    return hint if close == area else f"Did you mean '{close}' ({area})?"


def load_dfj_aliases(path: Path) -> dict[str, str]:
    """{alias: area name} from a CSV with a `name,alias` header; InputError naming each bad row."""
    shown = display_path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError([Problem(shown, "", "", f"cannot be read: {exc}")]) from None
    rows = list(csv.reader(line for line in text.splitlines() if not line.lstrip().startswith("#")))
    header = [h.strip().lower() for h in rows[0]] if rows else []
    if "name" not in header or "alias" not in header:
        raise InputError([Problem(shown, "row 1", "name, alias", "the header must have the columns name and alias.",
                                  "For example: name,alias then Reading,Oxford DFJ")])
    at_name, at_alias = header.index("name"), header.index("alias")
    aliases, problems = {}, []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        name = row[at_name].strip() if at_name < len(row) else ""
        alias = row[at_alias].strip() if at_alias < len(row) else ""
        area = find_dfj_area(name) if name else None
        if area is None:
            problems.append(Problem(shown, f"row {number}", "name", f"'{name}' is not one of the 43 DFJ areas.",
                                    nearest_dfj_area(name) or "Use a name from lfjb/data/dfj_areas.csv."))
        elif not alias:
            problems.append(Problem(shown, f"row {number}", "alias", "is empty."))
        else:
            aliases[alias] = area.name
    if problems:
        raise InputError(problems)
    return aliases


def aliases_beside(path: Path) -> tuple[dict[str, str], Path | None]:
    """The aliases in a dfj_aliases.csv in the same folder as `path` ({} and None when there is none)."""
    candidate = path.parent / ALIASES_FILE_NAME
    if candidate.is_file():
        return load_dfj_aliases(candidate), candidate
    return {}, None
