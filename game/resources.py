"""Sidra's shipped data, found with ``importlib.resources`` wherever Sidra is installed.

The scenarios, the title art and the seeds (the article and its fact sheet) live in the
``scenarios/``, ``assets/`` and ``seeds/`` folders at the top of the source tree, the
project's agreed layout. ``pyproject.toml`` maps them into the package as
``game.data.scenarios``, ``game.data.assets`` and ``game.data.seeds`` (each folder holds
an ``__init__.py`` for that), beside ``game.data`` itself, which holds the starter of
``sidra new``. So a wheel (pip, pipx, ``uv tool install``) carries them inside
``game/data/``, and an editable install's import finder points the same package names at
the source folders: one way to find them, whatever the install.

The files are returned as real paths because the game needs them: a scenario's fact sheet
and teacher's pack are read from the scenario's folder, ``extends`` names a sibling file,
and those reads resolve links and check the file stays inside the folder. An installed
wheel is unpacked into real files, so this always holds; a zipped install is refused
with a sentence rather than failing later.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from game.errors import SidraError

SCENARIOS = "game.data.scenarios"
ASSETS = "game.data.assets"
SEEDS = "game.data.seeds"
DATA = "game.data"


def folder(package: str) -> Path:
    """The folder of the data package ``package`` as a real path.

    SidraError if it cannot be imported (an install made before the data was packaged)
    or is not a folder on disk (a zipped install), saying how to reinstall.
    """
    try:
        found = files(package)
    except ModuleNotFoundError:
        raise SidraError(
            f"Sidra's data ({package}) is not installed; reinstall Sidra "
            "(`pip install .`, or `pip install -e .` from a checkout)"
        ) from None
    if not isinstance(found, Path) or not found.is_dir():
        raise SidraError(
            f"Sidra's data ({package}) is not a folder on disk ({found}); install Sidra "
            "unpacked, e.g. with pip, pipx or uv"
        )
    return found


def scenarios_dir() -> Path:
    """The shipped scenarios (``scenarios/`` in the source tree)."""
    return folder(SCENARIOS)


def assets_dir() -> Path:
    """The shipped assets such as the title art (``assets/`` in the source tree)."""
    return folder(ASSETS)


def seeds_dir() -> Path:
    """The seeds the default scenario was built from (``seeds/`` in the source tree)."""
    return folder(SEEDS)


def title_art_path() -> Path:
    """The ASCII banner of the title screen."""
    return assets_dir() / "title.txt"


def starter_path() -> Path:
    """The scenario ``sidra new`` starts from when no base is given."""
    return folder(DATA) / "starter.toml"
