"""Crash reports: what is kept when the game stops on an error nobody expected.

When the UI meets an error no screen handles, the app writes one plain-text report and
says where it is, so the player can send it with a bug report. A report holds what is
needed to find the fault and nothing else of the player's: when it happened, the
versions of Sidra, Python, the platform and the UI libraries, the command line, and the
traceback. It goes to ``crashes/`` in the user's data folder or, when that folder cannot
be written (read-only, full, not a folder), to the system's temporary folder.

Writing a report never raises: a crash while reporting a crash helps nobody.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import platform
import shlex
import sys
import tempfile
import traceback
from importlib import metadata
from pathlib import Path

from game import __version__

CRASH_FOLDER = "crashes"
"""The folder, in the user's data folder, that holds crash reports."""

LIBRARIES = ("textual", "rich", "numpy", "pydantic")
"""The libraries whose versions a report gives."""


def crash_report_text(error: BaseException, when: dt.datetime | None = None) -> str:
    """The report of ``error``: time, versions, command line and the traceback."""
    stamp = (when or dt.datetime.now()).isoformat(timespec="seconds")
    lines = [
        "Sidra crash report",
        "",
        f"time:     {stamp}",
        f"sidra:    {__version__}",
        f"python:   {platform.python_version()} ({platform.python_implementation()})",
        f"platform: {platform.platform()}",
    ]
    for name in LIBRARIES:
        lines.append(f"{name + ':':<10}{_version(name)}")
    lines.append(f"command:  {_command_line()}")
    lines += ["", "traceback:", ""]
    lines += traceback.format_exception(error)
    return "\n".join(line.rstrip("\n") for line in lines) + "\n"


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def _command_line() -> str:
    """The command as typed: the program's name and its arguments."""
    argv = list(sys.argv) or ["sidra"]
    argv[0] = Path(argv[0]).name or "sidra"
    try:
        return shlex.join(argv)
    except TypeError:  # pragma: no cover - argv holds only strings
        return " ".join(map(str, argv))


def write_crash_report(error: BaseException, data_dir: Path | None) -> Path | None:
    """Write the report of ``error``; its path, or None if no folder would take it.

    Tried in order: ``data_dir/crashes``, then the temporary folder. A report is a new
    private file (created exclusively, never through a link, readable by its owner).
    """
    try:
        text = crash_report_text(error)
    except Exception:  # a broken traceback or platform call: keep the bare minimum
        text = f"Sidra crash report\n\n{type(error).__name__}: {error!r}\n"
    now = dt.datetime.now()
    name = f"crash-{now:%Y%m%d-%H%M%S}-{os.getpid()}"
    folders: list[tuple[Path, str]] = []
    if data_dir is not None:
        folders.append((data_dir / CRASH_FOLDER, name))
    folders.append((Path(tempfile.gettempdir()), f"sidra-{name}"))
    for folder, stem in folders:
        written = _write_new(folder, stem, text)
        if written is not None:
            return written
    return None


def _write_new(folder: Path, stem: str, text: str) -> Path | None:
    """Write ``text`` to a new file ``stem[-n].txt`` in ``folder``; None if it cannot."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    flags |= getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (OSError, ValueError):
        return None
    for n in range(100):
        path = folder / (f"{stem}.txt" if n == 0 else f"{stem}-{n}.txt")
        try:
            fd = os.open(path, flags, 0o600)
        except FileExistsError:
            continue
        except (OSError, ValueError):
            return None
        try:
            with os.fdopen(fd, "w", encoding="utf-8", errors="replace") as handle:
                handle.write(text)
        except (OSError, ValueError):
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        return path
    return None
