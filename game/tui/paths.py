"""Where the UI keeps the player's files, and the paths the player types.

Everything lives under one per-user data folder (platformdirs), so a test or a
classroom machine can point the whole app at another folder with one argument. A data
folder that cannot be written (read-only, or ``XDG_DATA_HOME`` naming a file) does not
stop the game: :func:`prepare_autosaves` says why, once, and games run without
autosave. A path typed into the UI is checked by :func:`typed_path` (and, for Save as,
:func:`save_target`) before it is used, so a mistyped path is a sentence, not a crash.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import platformdirs

from game import resources
from game.errors import SidraError

# game.record is imported inside the functions that need it: importing it loads the
# engine, and this module is imported before the title's first frame.

APP_NAME = "sidra"

NAME_MAX = 255
"""The longest file or folder name (in bytes) common file systems allow."""

PATH_MAX = 4095
"""The longest whole path (in bytes) Linux allows."""


class PathProblem(SidraError):
    """A typed path that cannot be used; the message says why, naming it."""


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
    """The ASCII banner of the title screen (``assets/title.txt``, shipped in the package)."""
    return resources.title_art_path()


def prepare_autosaves(data_dir: Path | None = None) -> str | None:
    """Make the autosave folder ready at start; None if games can autosave, else why not.

    A file is really written and removed (permission bits do not tell). Temporary files
    that killed runs left in it are removed once they are a minute old.
    """
    from game.record.files import OLDER, check_writable_folder, remove_stale_temp_files

    folder = autosave_dir(data_dir)
    try:
        check_writable_folder(folder)
    except OSError as exc:
        blocker = blocking_file(folder)
        if blocker is not None:
            return f"{blocker} is not a folder, so the folder {folder} cannot be made"
        return f"the folder {folder} cannot be written ({exc.strerror or exc})"
    for place in (folder, folder / OLDER):
        remove_stale_temp_files(place)
    return None


def blocking_file(path: Path) -> Path | None:
    """The nearest existing ancestor of ``path`` (or itself) if it is not a folder: the
    file that stops a folder being made there."""
    for place in (path, *path.parents):
        try:
            mode = os.stat(place).st_mode
        except (FileNotFoundError, NotADirectoryError):
            continue  # missing, or below a file: look further up
        except OSError:
            return None
        return None if stat.S_ISDIR(mode) else place
    return None


# -- paths typed by the player ------------------------------------------------------------


def shown(raw: str, limit: int = 60) -> str:
    """A typed path as a message quotes it: control characters replaced, long ones cut."""
    text = "".join(c if c.isprintable() else "?" for c in raw)
    return text if len(text) <= limit else text[: limit // 2 - 1] + "…" + text[-(limit // 2) :]


def typed_path(raw: str, what: str = "file") -> Path:
    """The path the player typed (``~`` expanded), or PathProblem saying why it is none."""
    text = raw.strip()
    if not text:
        raise PathProblem(f"Type the path of a {what}.")
    if "\0" in text:
        raise PathProblem(f"'{shown(text)}': a path cannot hold a NUL character.")
    try:
        path = Path(text).expanduser()
    except RuntimeError:
        user = text[1:].split("/", 1)[0]
        if user:
            raise PathProblem(
                f"'{shown(text)}': there is no user '{shown(user, 30)}' on this computer."
            ) from None
        raise PathProblem(f"'{shown(text)}': your home folder cannot be found.") from None
    _check_lengths(text, path)
    return path


def _check_lengths(text: str, path: Path) -> None:
    try:
        if len(os.fsencode(path)) > PATH_MAX:
            raise PathProblem(
                f"'{shown(text)}' is too long for a path (at most {PATH_MAX:,} bytes)."
            )
        for part in path.parts:
            size = len(os.fsencode(part))
            if size > NAME_MAX:
                raise PathProblem(
                    f"'{shown(text)}': the name '{shown(part, 24)}' is {size} bytes long; "
                    f"a file or folder name can have at most {NAME_MAX}."
                )
    except UnicodeEncodeError:
        raise PathProblem(f"'{shown(text)}' holds characters no file name can.") from None


def save_target(raw: str, default: Path) -> Path:
    """Where Save as should write for what the player typed (``.json`` added if missing).

    PathProblem for a folder (``/`` included), a name too long, an unknown ``~user``,
    an existing link, pipe or device, or a file where a folder should be. ``default``
    is the suggested save, used to show what a file name could be.
    """
    from game.record.files import FileRefused, check_target

    path = typed_path(raw, "save file")
    text = raw.strip()
    if text.endswith(("/", os.sep)) or path.name in ("", ".", "..") or _is_folder(path):
        raise PathProblem(
            f"'{shown(text)}' is a folder: add a file name, e.g. {path / default.name}"
        )
    if path.suffix.lower() != ".json":
        path = path.with_name(path.name + ".json")
        _check_lengths(text + ".json", path)
    blocker = blocking_file(path.parent)
    if blocker is not None:
        raise PathProblem(f"{blocker} is not a folder, so {path.name} cannot be saved there.")
    try:
        check_target(path)
    except FileRefused as exc:
        raise PathProblem(f"{path} {exc.strerror}.") from None
    except OSError as exc:
        raise PathProblem(f"{path}: {exc.strerror or exc}.") from None
    return path


def _is_folder(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False
