"""Users' own DFJ spellings: a CSV with a `name,alias` header, read into {alias: area name}.

`name` is one of the 43 DFJ areas (or a spelling lfjb already knows for one); `alias` is the spelling
to accept, e.g. `Reading,Oxon DFJ`. Lines starting with '#' are comments. The result is passed to
`lfjb.dfj.find_dfj_area(..., extra_aliases=...)`. A file of this kind named `dfj_aliases.csv` beside an
FCSQ file is read too (`lfjb compare --fcsq`).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from lfjb.dfj import dfj_areas, dfj_key, find_dfj_area
from lfjb.inputs.errors import InputError, Problem, did_you_mean, display_path
from lfjb.inputs.tables import check_input_file, csv_delimiter, decode_csv_bytes
from lfjb.inputs.text import clean_text

# A file of this name beside an FCSQ file is read as extra aliases (lfjb compare --fcsq).
ALIASES_FILE_NAME = "dfj_aliases.csv"
# A list of spellings for 43 areas is a few KB; anything this large is not one.
MAX_ALIASES_BYTES = 2**20


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


@dataclass(frozen=True)
class DfjAliases:
    """A user's alias file as read: {alias: area name} and what is worth telling the user about it."""

    aliases: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def read_dfj_aliases(path: Path, key: str = "--dfj-aliases") -> DfjAliases:
    """The aliases in a CSV with a `name,alias` header; InputError naming each bad row.

    Read as the extract is: a regular file (a pipe or device is refused at once) within MAX_ALIASES_BYTES,
    UTF-8, UTF-16 or Windows-1252, commas, semicolons or tabs, control characters removed. Row numbers are
    the file's own line numbers, comments and blank lines included. The same alias given to two areas is a
    problem naming both rows; an alias that is already lfjb's name for another area is not used, and said.
    """
    shown = display_path(path)
    check_input_file(path, shown, MAX_ALIASES_BYTES, key)
    try:
        text, warnings = decode_csv_bytes(path.read_bytes(), shown)
    except OSError as exc:
        raise InputError([Problem(shown, "", key, f"cannot be read: {exc}")]) from None
    lines = [(number, line) for number, line in enumerate(clean_text(text).splitlines(), start=1)
             if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        raise InputError([Problem(shown, "row 1", "name, alias", "the file is empty; the header must have the columns "
                                  "name and alias.", "For example: name,alias then Reading,Oxford DFJ")])
    header_number, header_line = lines[0]
    sep = csv_delimiter(header_line)
    header = [h.strip().lower() for h in next(csv.reader([header_line], delimiter=sep))]
    if "name" not in header or "alias" not in header:
        raise InputError([Problem(shown, f"row {header_number}", "name, alias", "the header must have the columns name and alias.",
                                  "For example: name,alias then Reading,Oxford DFJ")])
    at_name, at_alias = header.index("name"), header.index("alias")
    aliases: dict[str, str] = {}
    first_row: dict[str, tuple[int, str, str]] = {}
    problems: list[Problem] = []
    for number, line in lines[1:]:
        row = next(csv.reader([line], delimiter=sep), [])
        name = row[at_name].strip() if at_name < len(row) else ""
        alias = row[at_alias].strip() if at_alias < len(row) else ""
        area = find_dfj_area(name) if name else None
        if area is None:
            problems.append(Problem(shown, f"row {number}", "name", f"'{name}' is not one of the 43 DFJ areas.",
                                    nearest_dfj_area(name) or "Use a name from lfjb/data/dfj_areas.csv."))
            continue
        if not alias:
            problems.append(Problem(shown, f"row {number}", "alias", "is empty."))
            continue
        shipped = find_dfj_area(alias)
        if shipped is not None:
            if shipped.name != area.name:
                warnings.append(f"{shown}, row {number}: '{alias}' is already lfjb's name for {shipped.name}, so the line "
                                f"giving it to {area.name} is not used (lfjb's own names come first). If MoJ's file "
                                f"really means {area.name} by it, tell the lfjb maintainers.")
            continue
        earlier = first_row.get(dfj_key(alias))
        if earlier is not None and earlier[2] != area.name:
            problems.append(Problem(shown, f"rows {earlier[0]} and {number}", "alias",
                                    f"'{alias}' is given to two areas: {earlier[2]} (row {earlier[0]}) and {area.name} "
                                    f"(row {number}).", "Keep the line for the area MoJ means and delete the other."))
            continue
        first_row.setdefault(dfj_key(alias), (number, alias, area.name))
        aliases[alias] = area.name
    if problems:
        raise InputError(problems)
    return DfjAliases(aliases, warnings)


def load_dfj_aliases(path: Path) -> dict[str, str]:
    """{alias: area name} from a `name,alias` CSV (see `read_dfj_aliases`, which also gives its warnings)."""
    return read_dfj_aliases(path).aliases


def aliases_beside(path: Path) -> tuple[DfjAliases, Path | None]:
    """The aliases in a dfj_aliases.csv in the same folder as `path` (none, and None, when there is none)."""
    candidate = path.parent / ALIASES_FILE_NAME
    if candidate.is_file():
        return read_dfj_aliases(candidate, ""), candidate
    return DfjAliases(), None
