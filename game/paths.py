"""Where Sidra finds its shipped scenarios and keeps the user's files."""

from __future__ import annotations

from pathlib import Path

from game.errors import SidraError
from game.resources import scenarios_dir

DEFAULT_SCENARIO = "oil_crescent_2014.toml"


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
