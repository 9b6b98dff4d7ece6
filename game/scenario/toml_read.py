"""Reading one scenario file: its bytes, its text and its TOML, every failure located.

Only a regular file is read (a named pipe, a device such as ``/dev/zero`` or a folder is
refused before a byte is read), and only up to ``MAX_FILE_BYTES``: larger files are
refused rather than parsed into gigabytes of memory. A file that is not UTF-8 or not
TOML is one problem at the line and column where it goes wrong. What is read is a
:class:`~game.scenario.extends.Layer`: a file of a scenario, alone or in a chain of
variants; checking what it says is the loader's job.
"""

from __future__ import annotations

from pathlib import Path

import tomli

from game.reading import FileRefused, read_limited, too_large
from game.scenario.bounds import MAX_FILE_BYTES
from game.scenario.errors import Problem, ScenarioError
from game.scenario.extends import Layer
from game.scenario.locate import KeyLocator


def read_layer(path: Path, name: str) -> Layer:
    """Read and parse the scenario file at ``path`` (``name`` in problems)."""
    return layer_of(read_scenario_bytes(path, name), name)


def layer_of(raw: bytes | str, filename: str) -> Layer:
    """Scenario text (as read from ``filename``) decoded and parsed; ScenarioError with the
    one problem that stops it (too large, not UTF-8, not TOML)."""
    if isinstance(raw, bytes) or len(raw) > MAX_FILE_BYTES:
        size = len(raw)  # for text, at least this many bytes
    else:
        size = len(raw.encode("utf-8", errors="surrogatepass"))
    if size > MAX_FILE_BYTES:
        raise ScenarioError(
            [
                Problem(
                    filename,
                    1,
                    1,
                    "cannot read file: it " + too_large(size, MAX_FILE_BYTES, "scenario file"),
                )
            ]
        )
    if isinstance(raw, bytes):
        # Editors on Windows may save a byte-order mark; it is not content.
        raw = raw.removeprefix(b"\xef\xbb\xbf")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ScenarioError([not_utf8(filename, raw, exc)]) from None
    else:
        text = raw.removeprefix("\ufeff")
    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        raise ScenarioError([_syntax_problem(filename, exc)]) from None
    except Exception as exc:
        # tomli raises RecursionError (not TOMLDecodeError) on absurdly nested values or
        # keys with too many parts; any other parser failure is reported the same way.
        raise ScenarioError([_parser_failure(filename, text, exc)]) from None
    return Layer(filename, text, data, KeyLocator(text))


def read_scenario_bytes(path: str | Path, name: str | None = None) -> bytes:
    """The bytes of the scenario file at ``path``: a regular file of at most MAX_FILE_BYTES.

    Anything else is a ScenarioError naming the file: a missing or unreadable file, a
    folder, a named pipe (opened without waiting for a writer), a device, or a file too
    large. The size is checked before reading and again while reading, so a file that
    grows meanwhile cannot slip through. ``name`` is the file's name in problems (the
    path as given by default).
    """
    name = str(path) if name is None else name
    try:
        return read_limited(Path(path), MAX_FILE_BYTES, "scenario file")
    except FileRefused as exc:
        raise ScenarioError([Problem(name, 1, 1, f"cannot read file: it {exc.strerror}")]) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ScenarioError([Problem(name, 1, 1, f"cannot read file: {reason}")]) from None
    except ValueError as exc:  # e.g. a NUL byte in the path
        raise ScenarioError([Problem(name, 1, 1, f"cannot read file: {exc}")]) from None


def not_utf8(filename: str, raw: bytes, exc: UnicodeDecodeError) -> Problem:
    """The problem of a file that is not UTF-8, at the first byte that is not.

    A file that starts with UTF-16's byte-order mark (what some Windows editors write for
    "Unicode") is named as such: every byte of it would otherwise be the problem.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Problem(filename, 1, 1, 'file is saved as UTF-16 ("Unicode"); save it as UTF-8')
    line_start = raw.rfind(b"\n", 0, exc.start) + 1
    line = raw[: exc.start].count(b"\n") + 1
    col = len(raw[line_start : exc.start].decode("utf-8", errors="replace")) + 1
    return Problem(filename, line, col, "file is not valid UTF-8 (save it as UTF-8)")


def _parser_failure(filename: str, text: str, exc: Exception) -> Problem:
    """Locate a parser exception that carries no position (tomli's RecursionError...).

    tomli reads the text from the start and fails as soon as it has read the offending
    part, so the shortest prefix that still fails the same way ends right there; a binary
    search finds it with a few parses. The search is bounded, so it always ends.
    """
    kind = type(exc)

    def fails_here(end: int) -> bool:
        try:
            tomli.loads(text[:end])
        except kind:
            return True
        except Exception:
            return False
        return False

    low, high = 0, len(text)
    for _ in range(64):
        if low >= high:
            break
        middle = (low + high) // 2
        if fails_here(middle):
            high = middle
        else:
            low = middle + 1
    offset = max(0, min(high, len(text)) - 1)
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    if isinstance(exc, RecursionError):
        detail = str(exc) if str(exc).startswith("TOML") else "nested too deeply for the parser"
        msg = f"TOML syntax error: {detail}"
    elif isinstance(exc, ValueError) and "digits" in str(exc):
        msg = "TOML syntax error: a number too long to read (thousands of digits)"
    else:
        msg = f"TOML parser failed: {type(exc).__name__}: {exc}"
    return Problem(filename, line, col, msg)


def _syntax_problem(filename: str, exc: tomli.TOMLDecodeError) -> Problem:
    line = getattr(exc, "lineno", 1) or 1
    col = getattr(exc, "colno", 1) or 1
    msg = getattr(exc, "msg", str(exc))
    return Problem(filename, line, col, f"TOML syntax error: {msg}")
