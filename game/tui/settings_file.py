"""Where the player's settings file lives, and the one setting read before the first frame.

Kept apart from :mod:`game.tui.settings` (whose model loads pydantic) so the app can
start in the theme the player chose without paying for the model first: the full,
strictly checked read comes later, when a setting is first needed.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import platformdirs

from game.reading import read_limited
from game.tui.paths import APP_NAME

CONFIG_ENV = "SIDRA_CONFIG_DIR"
"""Names another folder for the settings file (tests, shared machines)."""

FILE_NAME = "settings.json"

SIZE_LIMIT = 16_384
"""A settings file is a few dozen bytes; anything past this is not one."""


def config_dir() -> Path:
    """The folder of the settings file: ``$SIDRA_CONFIG_DIR`` or platformdirs' config folder."""
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def settings_path() -> Path:
    """Where the settings are read from and written to."""
    return config_dir() / FILE_NAME


def saved_high_contrast() -> bool:
    """True when the settings file says ``"high_contrast": true``; False for anything else
    (no file, a broken one, a pipe, a huge one: the full read reports those)."""
    try:
        data = parse_json(read_limited(settings_path(), SIZE_LIMIT, "settings file"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and data.get("high_contrast") is True


def parse_json(raw: bytes) -> object:
    """The JSON value in a settings file's bytes; ValueError for anything else: not UTF-8,
    not JSON, or nested deeper than the parser goes (a file of thousands of ``[`` fits
    the size cap, and json raises RecursionError on it, which is no ValueError)."""
    try:
        return json.loads(raw.decode("utf-8"))
    except RecursionError:
        raise ValueError("nested too deeply to be a settings file") from None
