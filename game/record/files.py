"""Writing save files so that nothing is ever lost or half-written.

A save is written to a temporary file in the same folder, flushed to disk and renamed
over the old one: a crash at any moment leaves the old file or the new one, never a
mix. Autosaves also keep the last few versions of each game beside it, in a hidden
folder, so a bad write or a bad turn can be stepped back from.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

KEEP = 3
"""How many earlier versions of each autosave are kept."""

OLDER = ".older"
"""The hidden folder, beside the autosaves, holding their earlier versions."""


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file in the same folder, fsync and rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def _mode_for(path: Path) -> int:
    """The permissions a written file gets: those of the file it replaces, else the
    usual ones for a new file under the user's umask (a temporary file is private)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0o022)
        os.umask(mask)
        return 0o666 & ~mask


def _sync_folder(folder: Path) -> None:
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def older_versions(path: Path) -> list[Path]:
    """The kept earlier versions of the autosave ``path``, newest first."""
    folder = path.parent / OLDER
    found = [folder / f"{path.stem}.{n}{path.suffix}" for n in range(1, KEEP + 1)]
    return [p for p in found if p.is_file()]


def rotate_and_write(path: Path, text: str) -> None:
    """Keep the current ``path`` as its newest earlier version, then write ``text`` over it."""
    if path.is_file():
        folder = path.parent / OLDER
        folder.mkdir(exist_ok=True)
        names = [folder / f"{path.stem}.{n}{path.suffix}" for n in range(1, KEEP + 1)]
        for newer, older in zip(reversed(names[:-1]), reversed(names[1:]), strict=True):
            if newer.is_file():
                os.replace(newer, older)
        tmp = folder / f".{names[0].name}.tmp"
        shutil.copyfile(path, tmp)
        os.replace(tmp, names[0])
    write_atomic(path, text)
