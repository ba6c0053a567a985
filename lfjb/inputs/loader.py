"""Load a board: its terms of reference, action log and data extract, with every problem collected.

Every problem in every input is collected before anything is reported (SPEC.md "Inputs").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lfjb.inputs.actions import Action, load_action_log
from lfjb.inputs.board import BoardConfig, BoardFile, load_board_config
from lfjb.inputs.errors import InputError, Problem, did_you_mean, display_path
from lfjb.inputs.extract import Extract
from lfjb.inputs.sources import load_sources
from lfjb.inputs.tables import ReadProgress
from lfjb.inputs.logo import Logo, read_logo
from lfjb.inputs.pre_proceedings import PreProceedingsData, load_pre_proceedings

DEFAULT_CONFIG_DIR = Path("board_config")


@dataclass
class Board:
    """A board's validated inputs, ready for the metrics."""

    file: BoardFile
    actions: list[Action]
    actions_path: Path
    extract: Extract
    logo: Logo | None = None  # read once here, so rendering reads no files
    pre_proceedings: PreProceedingsData | None = None  # the optional pre-proceedings log (inputs.pre_proceedings)
    # role -> SHA-256 of the input file's bytes as they were before it was read (lfjb.workflows.pack fills it), so
    # a file replaced during a run is never recorded as the one the pack was made from.
    read_sha256: dict[str, str] = field(default_factory=dict)

    @property
    def slug(self) -> str:
        return self.file.slug

    @property
    def config(self) -> BoardConfig:
        return self.file.config

    @property
    def logo_path(self) -> Path | None:
        logo = self.config.branding.logo
        return self.file.input_path(logo) if logo else None


def find_board_files(boards: list[str] | None, config_dir: Path = DEFAULT_CONFIG_DIR) -> list[Path]:
    """The YAML files named by `--board` (slugs or paths), or every board in `config_dir`."""
    paths, problems = resolve_board_files(boards, config_dir)
    if problems:
        raise InputError(problems)
    return paths


def resolve_board_files(boards: list[str] | None, config_dir: Path = DEFAULT_CONFIG_DIR) -> tuple[list[Path], list[Problem]]:
    """The YAML files that exist among those named, and a problem for each name that matches none."""
    if not boards:
        if not config_dir.is_dir():
            raise InputError([Problem(display_path(config_dir), "", "", "folder not found; run lfjb from the folder that holds board_config/, or name a board file with --board.")])
        found = sorted(p for p in config_dir.glob("*.y*ml") if p.suffix in (".yaml", ".yml"))
        if not found:
            raise InputError([Problem(display_path(config_dir), "", "", "holds no board files (*.yaml).")])
        return found, []
    paths, problems = [], []
    known = sorted(p.stem for p in config_dir.glob("*.yaml")) if config_dir.is_dir() else []
    for name in boards:
        as_path = Path(name)
        if as_path.suffix in (".yaml", ".yml") or as_path.exists():
            if as_path.is_file():
                paths.append(as_path)
            else:
                problems.append(Problem(name, "", "--board", "file not found."))
        elif (config_dir / f"{name}.yaml").is_file():
            paths.append(config_dir / f"{name}.yaml")
        else:
            hint = did_you_mean(name, known) or (f"Boards here: {', '.join(known)}." if known else "")
            problems.append(Problem(display_path(config_dir / f"{name}.yaml"), "", "--board", f"no board called '{name}'.", hint))
    return paths, problems


def load_board(path: Path, strict: bool = False, actions: Path | None = None, extract: Path | None = None,
               progress: ReadProgress | None = None) -> Board:
    """A board's validated inputs; InputError listing every problem in all three files.

    `actions` and `extract` override the paths in the terms of reference (the command line may);
    `progress` hears how far through a large extract the reading is.
    """
    return load_board_inputs(load_board_config(path), strict, actions, extract, progress)


def load_board_inputs(file: BoardFile, strict: bool = False, actions: Path | None = None, extract: Path | None = None,
                      progress: ReadProgress | None = None) -> Board:
    """The board's action log and extract, read as its validated terms of reference say (see load_board)."""
    path = file.path
    config = file.config
    problems: list[Problem] = []
    logo = None
    if config.branding.logo:
        logo, logo_problems = read_logo(config.branding.logo, file.folder, display_path(path))
        problems += logo_problems
    action_list: list[Action] = []
    loaded_extract = None
    actions_path = actions or file.input_path(config.inputs.actions)
    try:
        action_list = load_action_log(actions_path, config.sub_group_ids).actions
    except InputError as exc:
        problems += exc.problems
    try:
        # One file, or several sources merged into one dataset (lfjb.inputs.sources, issue 21).
        loaded_extract = load_sources(file, strict, extract, progress)
    except InputError as exc:
        problems += exc.problems
    log = None
    if config.inputs.pre_proceedings is not None:
        try:
            log = load_pre_proceedings(file.input_path(config.inputs.pre_proceedings.file), config.inputs.pre_proceedings,
                                       config.local_authorities, strict)
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    assert loaded_extract is not None
    return Board(file=file, actions=action_list, actions_path=actions_path, extract=loaded_extract, logo=logo,
                 pre_proceedings=log)



