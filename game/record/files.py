"""The player's files, handled as a database would handle its own.

Writing: a file is written to a temporary file in the same folder, flushed to disk and
renamed over the old one, so a crash at any moment leaves the old file or the new one,
never a mix. Only a regular file is ever replaced: a folder, a named pipe, a device or
a symbolic link at the target is refused with a message naming it (a link is refused
rather than followed, so a save never lands somewhere other than the name typed, and
never turns the link itself into a file). Temporary files in flight are registered, so
:func:`remove_temp_files` can remove them on any exit, and :func:`install_exit_handlers`
makes SIGTERM and SIGHUP (what closing a terminal sends) a clean exit that does so. A
killed run's leftovers (SIGKILL cannot be caught) are removed by the next write beside
them and, for autosaves, at start (:func:`remove_stale_temp_files`).

Reading: only regular files, and their size is checked before reading (a named pipe or
``/dev/zero`` given as a save must not hang or fill memory): :mod:`game.reading`, the
one reader every layer shares, re-exported here.

Autosaves keep the last few versions of each game in a hidden ``.older`` folder beside
it, and a damaged one can be set aside into a hidden ``.broken`` folder with a note.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import os
import re
import secrets
import shutil
import signal
import stat
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType

from game.reading import FileRefused as FileRefused
from game.reading import kind_of
from game.reading import read_head as read_head
from game.reading import read_limited as read_limited

KEEP = 3
"""How many earlier versions of each autosave are kept."""

OLDER = ".older"
"""The hidden folder, beside the autosaves, holding their earlier versions."""

BROKEN = ".broken"
"""The hidden folder, beside the autosaves, where damaged ones are set aside."""

STALE_AFTER = 60.0
"""A temporary file untouched for this many seconds belongs to a run that was killed."""

TEMP_NAME = re.compile(r"^\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp$")
"""Temporary files of an atomic write: ``.NAME.XXXXXXXX.tmp`` beside ``NAME``."""

EXIT_SIGNALS = ("SIGTERM", "SIGHUP")
"""Signals turned into a clean exit (SIGINT is Ctrl+C: KeyboardInterrupt already is)."""


# -- writing ----------------------------------------------------------------------------


_IN_FLIGHT: set[Path] = set()
"""Temporary files being written now. Plain set operations only (atomic under the GIL,
no lock), so a signal handler can read it while the writer is interrupted."""


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file in the same folder, fsync and rename.

    FileRefused if ``path`` exists and is not a regular file (checked before anything is
    written, and again just before the rename); OSError if it cannot be written.
    """
    check_target(path)
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    remove_stale_temp_files(folder, name=path.name)
    mode = _mode_for(path)
    tmp, fd = _create_temp(folder, path.name)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        check_target(path)
        os.replace(tmp, path)
    except BaseException:
        _unlink(tmp)
        raise
    finally:
        _IN_FLIGHT.discard(tmp)
    _sync_folder(folder)


def check_target(path: Path) -> None:
    """FileRefused unless ``path`` is missing or a regular file (a link is not followed)."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except (OSError, ValueError) as exc:  # a name too long, a NUL, a folder not searchable
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise FileRefused(path, f"cannot be used as a file name here ({why})") from None
    if stat.S_ISLNK(mode):
        try:
            points = f" to {os.readlink(path)}"
        except OSError:
            points = ""
        raise FileRefused(
            path,
            f"is a symbolic link{points}; Sidra replaces only plain files, so give the "
            "file's own path",
        )
    kind = kind_of(mode)
    if kind is not None:
        raise FileRefused(path, f"is {kind}, not a file; Sidra replaces only plain files")


def _create_temp(folder: Path, name: str) -> tuple[Path, int]:
    """A new private temporary file beside ``name`` in ``folder``, registered first.

    The name is registered before the file exists, so a signal arriving at any moment
    finds every temporary file that may exist.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    flags |= getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        tmp = folder / f".{name}.{secrets.token_hex(4)}.tmp"
        _IN_FLIGHT.add(tmp)
        try:
            return tmp, os.open(tmp, flags, 0o600)
        except FileExistsError:
            _IN_FLIGHT.discard(tmp)
        except BaseException:
            _IN_FLIGHT.discard(tmp)
            raise
    raise FileExistsError(f"{folder}: no free temporary file name for {name}")


def _unlink(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


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


def check_writable_folder(folder: Path) -> None:
    """Make ``folder`` if needed and prove a file can be written in it (OSError if not).

    A real write is tried: permission bits do not tell (the superuser ignores them, a
    read-only file system does not).
    """
    folder.mkdir(parents=True, exist_ok=True)
    tmp, fd = _create_temp(folder, "probe")
    try:
        os.close(fd)
    finally:
        _unlink(tmp)
        _IN_FLIGHT.discard(tmp)


# -- exits and leftovers ------------------------------------------------------------------


def remove_temp_files() -> None:
    """Remove every temporary file this process is writing now (on exit or a signal).

    The interrupted writer never renames a removed file over its target, so the target
    keeps its old content.
    """
    for tmp in list(_IN_FLIGHT):
        _unlink(tmp)


_HANDLERS = {"atexit": False}


def install_exit_handlers(then: Callable[[int], object] | None = None) -> bool:
    """Make SIGTERM and SIGHUP remove the temporary files in flight, then exit cleanly.

    Call once at start, from the main thread (False elsewhere: Python allows signal
    handlers only there). After the clean-up the handler calls ``then(signum)`` if given
    (a UI that wants to close itself); otherwise it raises ``SystemExit(128 + signum)``,
    so ``finally`` blocks run and the exit status says which signal ended the run.
    """
    if threading.current_thread() is not threading.main_thread():
        return False

    def on_signal(signum: int, frame: FrameType | None) -> None:
        remove_temp_files()
        if then is not None:
            then(signum)
            return
        raise SystemExit(128 + signum)

    for name in EXIT_SIGNALS:
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, on_signal)
    if not _HANDLERS["atexit"]:
        atexit.register(remove_temp_files)
        _HANDLERS["atexit"] = True
    return True


def remove_stale_temp_files(
    folder: Path, *, name: str | None = None, older_than: float = STALE_AFTER
) -> list[Path]:
    """Remove temporary files of killed writers from ``folder``; return those removed.

    Only regular files named like our temporary files (beside ``name`` if given) and
    untouched for ``older_than`` seconds: a younger one may be another run's write in
    progress. Problems are skipped silently: this is housekeeping.
    """
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    now = time.time()
    removed: list[Path] = []
    for entry in entries:
        found = TEMP_NAME.match(entry.name)
        if found is None or (name is not None and found["name"] != name):
            continue
        path = Path(entry.path)
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode) or now - info.st_mtime < older_than:
            continue
        if path in _IN_FLIGHT:
            continue
        try:
            os.unlink(path)
        except OSError:
            continue
        removed.append(path)
    return removed


# -- autosave versions --------------------------------------------------------------------


def older_versions(path: Path) -> list[Path]:
    """The kept earlier versions of the autosave ``path``, newest first."""
    folder = path.parent / OLDER
    found = [folder / f"{path.stem}.{n}{path.suffix}" for n in range(1, KEEP + 1)]
    return [p for p in found if p.is_file()]


def rotate_and_write(path: Path, text: str) -> None:
    """Keep the current ``path`` as its newest earlier version, then write ``text`` over it."""
    check_target(path)
    if path.is_file():
        folder = path.parent / OLDER
        folder.mkdir(exist_ok=True)
        names = [folder / f"{path.stem}.{n}{path.suffix}" for n in range(1, KEEP + 1)]
        for newer, older in zip(reversed(names[:-1]), reversed(names[1:]), strict=True):
            if newer.is_file():
                os.replace(newer, older)
        tmp, fd = _create_temp(folder, names[0].name)
        try:
            with open(path, "rb") as source, os.fdopen(fd, "wb") as copy:
                shutil.copyfileobj(source, copy)
            os.replace(tmp, names[0])
        except BaseException:
            _unlink(tmp)
            raise
        finally:
            _IN_FLIGHT.discard(tmp)
    write_atomic(path, text)


def set_aside(path: Path, why: str) -> Path:
    """Move the damaged file ``path`` into the hidden ``.broken`` folder beside it.

    Nothing is lost: the file keeps its content under its own name (numbered if that is
    taken) and a ``.txt`` note beside it says where it came from, when and why. Returns
    the new path; OSError if it cannot be moved.
    """
    folder = path.parent / BROKEN
    folder.mkdir(exist_ok=True)
    target = folder / path.name
    number = 1
    while os.path.lexists(target):
        number += 1
        target = folder / f"{path.stem}-{number}{path.suffix}"
    os.rename(path, target)
    stamp = dt.datetime.now().isoformat(timespec="seconds")
    note = f"{path}\nset aside on {stamp} because it could not be loaded:\n{why}\n"
    with contextlib.suppress(OSError):  # the file itself is safe; the note is a courtesy
        write_atomic(target.with_name(target.name + ".txt"), note)
    return target
