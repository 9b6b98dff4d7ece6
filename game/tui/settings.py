"""The player's settings: a small JSON file in the per-user config folder.

Three things live here: whether ending a turn with action points unspent (or nothing
queued) asks first, whether the game starts in the high-contrast theme, and whether the
title screen has offered a first-time player the tutorial. The file is
outside data like a save, so it is read with a size cap, checked by a pydantic model
that forbids unknown keys, and a file that is broken, too large, not a file or
unreadable never stops the game: the defaults are used and the problem is kept for the
UI to say once. Writes are atomic (a crash leaves the old file or the new one); a write
that fails keeps the choice for this run and says why.

The folder is platformdirs' config folder (``~/.config/sidra`` on Linux); the
environment variable ``SIDRA_CONFIG_DIR`` points it elsewhere (a classroom machine, the
tests). This module imports no Textual, so it is tested directly.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from game.record.files import read_limited, write_atomic
from game.tui.settings_file import CONFIG_ENV as CONFIG_ENV
from game.tui.settings_file import FILE_NAME as FILE_NAME
from game.tui.settings_file import SIZE_LIMIT as SIZE_LIMIT
from game.tui.settings_file import config_dir as config_dir
from game.tui.settings_file import parse_json, settings_path


class Settings(BaseModel):
    """Every setting, with its default. Unknown keys are refused, not ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    confirm_end_turn: bool = True
    """Ask before ending a turn with action points unspent or no order queued."""

    high_contrast: bool = False
    """Start in the high-contrast theme (the palette's toggle remembers the choice)."""

    tutorial_offered: bool = False
    """The title screen has offered the tutorial (whatever the answer): never ask again."""


class SettingsStore:
    """The settings in force, where they live, and a problem not yet told to the player."""

    def __init__(
        self, path: Path, settings: Settings, problem: str | None = None, *, fresh: bool = False
    ) -> None:
        self.path = path
        self.settings = settings
        self._problem = problem
        self.fresh = fresh
        """No settings file was there when this run read it: a first start, as far as the
        settings know (the title screen also looks for autosaves)."""

    @classmethod
    def load(cls, path: Path) -> SettingsStore:
        """Read ``path``; defaults (and a problem to tell) if it is missing or unusable."""
        try:
            raw = read_limited(path, SIZE_LIMIT, "settings file")
        except FileNotFoundError:
            return cls(path, Settings(), fresh=True)
        except OSError as exc:
            return cls(
                path, Settings(), f"{path} cannot be read ({_why(exc)}); using the defaults."
            )
        try:
            data = parse_json(raw)
        except ValueError:
            return cls(path, Settings(), f"{path} is not a JSON settings file; using the defaults.")
        try:
            settings = Settings.model_validate(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(part) for part in first["loc"]) or "the file"
            problem = f"{path}: {where}: {first['msg']}; using the defaults."
            return cls(path, Settings(), problem)
        return cls(path, settings)

    def take_problem(self) -> str | None:
        """The problem met reading the file, once: later calls return None."""
        problem, self._problem = self._problem, None
        return problem

    def update(self, **changes: object) -> str | None:
        """Change settings now and write them; None when saved, else why they were not.

        The change applies for this run either way. ValidationError for a value of the
        wrong type (a programming error, not outside data).
        """
        self.settings = Settings.model_validate({**self.settings.model_dump(), **changes})
        text = json.dumps(self.settings.model_dump(), indent=2, sort_keys=True) + "\n"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, text)
        except OSError as exc:
            return f"{self.path} cannot be written ({_why(exc)}); the setting holds until you quit."
        return None


def _why(exc: OSError) -> str:
    """The reason in an OSError, without repeating the path the message already names."""
    return exc.strerror if exc.strerror else str(exc)


_CURRENT: dict[Path, SettingsStore] = {}


def current() -> SettingsStore:
    """The settings of this run, read from :func:`settings_path` the first time asked."""
    path = settings_path()
    store = _CURRENT.get(path)
    if store is None:
        store = _CURRENT[path] = SettingsStore.load(path)
    return store


def forget() -> None:
    """Drop the settings read so far, so the next :func:`current` reads the file again."""
    _CURRENT.clear()
