"""Pack JSON files that boards send in (`--from-packs DIR`), read and checked, so MoJ never needs extracts.

A pack is `<slug>-pack-<YYYY-MM>.json` (SPEC.md), anywhere under DIR. Every problem is collected and
raised together as one InputError naming the file: a pack that is not JSON, lacks a section the
comparison needs, is for another month than its name says, two packs for one board, or a board named
with --board that sent no pack for the month.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

from lfjb.inputs.errors import InputError, Problem, did_you_mean, display_path
from lfjb.month import Month

# The sections of the pack JSON the comparison reads (SPEC.md "The pack JSON", plus rolling_12).
REQUIRED_SECTIONS = ("board", "month", "kpis", "trend", "rolling_12", "spc", "drivers")
# `lfjb pack` moves a superseded pack into previous/<when>/ beside the new one (lfjb.build.PREVIOUS_DIR);
# those are history, not a second pack for the month.
SUPERSEDED_DIR = "previous"
_PACK_NAME = re.compile(r"^(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)-pack-(?P<month>\d{4}-\d{2})\.json$")


def pack_file_names(folder: Path) -> dict[str, dict[str, list[Path]]]:
    """{slug: {month: [paths]}} for every file under `folder` named like a pack (superseded ones left out)."""
    found: dict[str, dict[str, list[Path]]] = defaultdict(lambda: defaultdict(list))
    for path in sorted(folder.rglob("*-pack-*.json")):
        match = _PACK_NAME.match(path.name)
        if match and path.is_file() and SUPERSEDED_DIR not in path.relative_to(folder).parts[:-1]:
            found[match["slug"]][match["month"]].append(path)
    return found


def _section_problems(data: object, shown: str, slug: str, month: Month) -> list[Problem]:
    if not isinstance(data, dict):
        return [Problem(shown, "", "", "is not a board pack: expected a JSON object at the top.")]
    problems = []
    missing = [key for key in REQUIRED_SECTIONS if key not in data]
    if missing:
        problems.append(Problem(
            shown, "", ", ".join(missing), f"the pack has no {', '.join(missing)} section{'s' if len(missing) > 1 else ''}.",
            "Ask the board to re-run `lfjb pack` with this version of lfjb and send the new JSON.",
        ))
    if data.get("month") not in (None, str(month)):
        problems.append(Problem(shown, "", "month", f"the pack is for {data['month']}, but its file name says {month}.",
                                "Send the pack for the right month, without renaming it."))
    board = data.get("board")
    if isinstance(board, dict) and board.get("slug") not in (None, slug):
        problems.append(Problem(shown, "", "board.slug", f"the pack is for board '{board['slug']}', but its file name says '{slug}'."))
    return problems


def read_pack_files(folder: Path, month: Month, boards: list[str] | None = None) -> list[tuple[Path, dict]]:
    """Every board's pack JSON for `month` under `folder`, sorted by slug: [(path, pack dict)].

    With `boards` (slugs), exactly those boards, each of which must have sent a pack for the month.
    Without, every board that has a pack for the month; a board with packs for other months but not
    this one is reported, so nobody is left out of the comparison without saying so.
    """
    shown_folder = display_path(folder)
    if not folder.is_dir():
        raise InputError([Problem(shown_folder, "", "--from-packs", "folder not found.")])
    found = pack_file_names(folder)
    wanted = [Path(b).stem if b.endswith((".yaml", ".yml")) else b for b in boards] if boards else sorted(found)
    problems: list[Problem] = []
    if not found:
        raise InputError([Problem(shown_folder, "", "--from-packs", f"holds no pack JSON files (named <board>-pack-{month}.json).")])
    if not boards and not any(str(month) in months for months in found.values()):
        available = sorted({m for months in found.values() for m in months})
        raise InputError([Problem(shown_folder, "", "--month", f"holds no packs for {month}; the packs here are for "
                                  + ", ".join(available) + ".")])
    chosen: list[Path] = []
    for slug in wanted:
        months = found.get(slug, {})
        paths = months.get(str(month), [])
        if len(paths) == 1:
            chosen.append(paths[0])
        elif len(paths) > 1:
            problems.append(Problem(shown_folder, "", slug, f"has {len(paths)} packs for {month}: "
                                    + ", ".join(display_path(p) for p in paths) + ".", "Keep only the one to compare."))
        elif months:
            problems.append(Problem(shown_folder, "", slug, f"board '{slug}' sent no pack for {month}; its packs are for "
                                    + ", ".join(sorted(months)) + ".",
                                    "Ask the board for its pack, or leave it out by naming the boards to compare with --board."))
        else:
            hint = did_you_mean(slug, found) or f"Boards with packs here: {', '.join(sorted(found))}."
            problems.append(Problem(shown_folder, "", slug, f"no pack from board '{slug}'.", hint))
    packs = []
    for path in chosen:
        shown = display_path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(shown, "", "", f"cannot be read: {exc}."))
            continue
        except json.JSONDecodeError as exc:
            problems.append(Problem(shown, f"line {exc.lineno}", "", f"is not valid JSON: {exc.msg}."))
            continue
        slug = _PACK_NAME.match(path.name)["slug"]  # type: ignore[index]
        section_problems = _section_problems(data, shown, slug, month)
        problems += section_problems
        if not section_problems:
            packs.append((path, data))
    if problems:
        raise InputError(problems)
    return packs
