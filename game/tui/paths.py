"""Where the UI keeps the player's files: autosaves and their own scenarios.

Everything lives under one per-user data folder (platformdirs), so a test or a
classroom machine can point the whole app at another folder with one argument.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "sidra"


def default_data_dir() -> Path:
    """The per-user data folder, e.g. ``~/.local/share/sidra`` on Linux.

    ``appauthor=False`` keeps Windows from nesting it as ``sidra\\sidra``.
    """
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def autosave_dir(data_dir: Path | None = None) -> Path:
    """Where games autosave after every turn (and where Continue looks).

    ``data_dir`` defaults to :func:`default_data_dir` (the CLI passes nothing).
    """
    return (data_dir if data_dir is not None else default_data_dir()) / "autosaves"


def user_scenarios_dir(data_dir: Path | None = None) -> Path:
    """Where the player's own ``*.toml`` scenarios are picked up by the title screen."""
    return (data_dir if data_dir is not None else default_data_dir()) / "scenarios"


def saves_dir(data_dir: Path | None = None) -> Path:
    """The default folder offered by Save as."""
    return (data_dir if data_dir is not None else default_data_dir()) / "saves"


def title_art_path() -> Path:
    """The ASCII banner of the title screen (``assets/title.txt`` beside the package)."""
    return Path(__file__).resolve().parent.parent.parent / "assets" / "title.txt"
