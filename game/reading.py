"""Reading a file a user names: only a regular file, and never more than a limit.

The one reader below every layer (scenarios, saves, handouts) so that a named pipe,
``/dev/zero``, a folder or a huge file given as input is refused the same way
everywhere: before a byte is read, without waiting on a pipe's writer, with a message
that says what the path is instead.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from game.errors import SidraError


class FileRefused(SidraError, OSError):
    """A path Sidra will not read or replace: not a regular file, or too large.

    An OSError (callers that report ``exc.strerror`` say the reason) and a SidraError.
    """

    def __init__(self, path: Path | str, reason: str) -> None:
        OSError.__init__(self, None, reason, str(path))

    def __str__(self) -> str:
        return f"{self.filename}: {self.strerror}"


def kind_of(mode: int) -> str | None:
    """What a file of this mode is, in words, unless it is a regular file (None)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_limited(path: Path, limit: int, what: str = "file") -> bytes:
    """The bytes of the regular file ``path``, refused (FileRefused) if it holds more
    than ``limit``; OSError if it cannot be read. Symbolic links are followed.

    A named pipe is opened without waiting for a writer and refused; so are devices,
    folders and sockets, before a byte is read.
    """
    fd, info = _open_regular(path, what)
    try:
        if info.st_size > limit:
            raise FileRefused(path, too_large(info.st_size, limit, what))
        chunks: list[bytes] = []
        total = 0
        while chunk := os.read(fd, min(1 << 20, limit + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise FileRefused(path, too_large(total, limit, what))
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_head(path: Path, size: int) -> bytes:
    """The first ``size`` bytes of the regular file ``path`` (FileRefused for anything
    else, without waiting on a named pipe; OSError if it cannot be read)."""
    fd, _ = _open_regular(path)
    try:
        return os.read(fd, size)
    finally:
        os.close(fd)


def _open_regular(path: Path, what: str = "file") -> tuple[int, os.stat_result]:
    """A descriptor of the regular file ``path``, opened without blocking, and its stat."""
    _refuse_odd(path, os.stat(path).st_mode, what)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)  # the file opened may not be the one looked at
        _refuse_odd(path, info.st_mode, what)
    except BaseException:
        os.close(fd)
        raise
    return fd, info


def _refuse_odd(path: Path, mode: int, what: str) -> None:
    kind = kind_of(mode)
    if kind is not None:
        raise FileRefused(path, f"is {kind}, not a {what}")


def too_large(size: int, limit: int, what: str) -> str:
    """Why a file of ``size`` bytes is refused where a ``what`` holds at most ``limit``."""
    megabytes = f" ({limit / (1 << 20):g} MB)" if limit >= 1 << 20 else ""
    return f"is {size:,} bytes; a {what} is at most {limit:,} bytes{megabytes}"
