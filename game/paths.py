"""Where Sidra finds its shipped scenarios and keeps the user's files."""

from __future__ import annotations

import re
from pathlib import Path

from game.errors import SidraError
from game.resources import scenarios_dir

DEFAULT_SCENARIO = "oil_crescent_2014.toml"

SHIPPED_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}(?:\.toml)?")
"""A word that may name a shipped scenario: its file name, with or without ``.toml``
(never a path, so nothing outside the shipped folder is reached through it)."""


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
    """The scenario file a command was given: a path, or the name of a shipped scenario.

    A player who installed Sidra as an app has no ``scenarios/`` folder at hand, so a
    bare name that is no file here (``tutorial``, ``serre_delta.toml``) means the
    shipped scenario of that name. A file of that name in the current folder wins,
    and anything else is returned as it was typed, so a missing file is reported by
    the reader as usual. None means the default scenario.
    """
    if given is None:
        return default_scenario_path()
    path = Path(given)
    if SHIPPED_NAME.fullmatch(given) is None or path.exists():
        return path
    name = given if given.endswith(".toml") else f"{given}.toml"
    shipped = shipped_scenarios_dir() / name
    return shipped if shipped.is_file() else path
