"""Where Sidra finds its shipped scenarios and keeps the user's files."""

from __future__ import annotations

import os
import re
from pathlib import Path

from game.errors import SidraError
from game.resources import scenarios_dir

DEFAULT_SCENARIO = "oil_crescent_2014.toml"

SHIPPED_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}(?:\.toml)?")
"""A word that may name a scenario file by its name alone, with or without ``.toml``
(the names ``sidra new`` gives; never a path, so nothing outside the current folder
or the shipped one is reached through it)."""


def shipped_scenarios_dir() -> Path:
    """The ``scenarios/`` folder that ships inside Sidra (see game/resources.py)."""
    return scenarios_dir()


def default_scenario_path() -> Path:
    """The default scenario file, The Oil Crescent, December 2014."""
    path = shipped_scenarios_dir() / DEFAULT_SCENARIO
    if not path.is_file():
        raise SidraError(
            f"the default scenario is missing ({path}); reinstall Sidra "
            "(`pip install .`, or `pip install -e .` from a checkout)"
        )
    return path


def scenario_file(given: str | None) -> Path:
    """The scenario file a command was given: a path, or a scenario's name.

    A player who installed Sidra as an app has no ``scenarios/`` folder at hand, so a
    bare name (``tutorial``, ``serre_delta.toml``) may name a shipped scenario. What is
    here comes first: anything but a folder called ``NAME`` or ``NAME.toml`` in the
    current folder (a file, or a broken link or a pipe the reader will refuse by name),
    then the shipped ``NAME.toml``. Anything else (a path, a name found nowhere) is
    returned as typed, so the reader reports it as usual. None means the default
    scenario.
    """
    if given is None:
        return default_scenario_path()
    path = Path(given)
    if SHIPPED_NAME.fullmatch(given) is None:
        return path
    name = given if given.endswith(".toml") else f"{given}.toml"
    for here in (path, Path(name)):
        if _here(here):
            return here
    try:
        shipped = shipped_scenarios_dir() / name
    except SidraError:  # no data installed: the reader says the file is missing
        return path
    return shipped if shipped.is_file() else path


def _here(path: Path) -> bool:
    """Whether something other than a folder is at ``path`` in the current folder (a
    link counts even when it leads nowhere); False when the folder cannot be searched."""
    try:
        return os.path.lexists(path) and not path.is_dir()
    except OSError:
        return False


def shipped_scenario_names() -> list[str]:
    """The names of the shipped scenarios (their file names without ``.toml``), sorted;
    none if the data is not installed."""
    try:
        folder = shipped_scenarios_dir()
    except SidraError:
        return []
    return sorted(p.stem for p in folder.glob("*.toml") if SHIPPED_NAME.fullmatch(p.name))
