"""Load a scenario from TOML: read, parse, validate the models, run the semantic checks.

This is the one place scenario files are read. A scenario is outside data, so only a
regular file is read (a named pipe, a device such as ``/dev/zero`` or a folder is
refused before a byte is read), and only up to ``MAX_FILE_BYTES``: larger files are
refused rather than parsed into gigabytes of memory.

Every problem is collected, located at ``file:line:col`` of the offending key, and
raised together as one :class:`ScenarioError`, so an author fixes a file in one pass
(the error lists the first ``MAX_PROBLEMS`` and counts the rest).
"""

from __future__ import annotations

import typing
from pathlib import Path
from typing import Any, NamedTuple

import tomli
from pydantic import BaseModel, ValidationError

from game.reading import FileRefused, read_limited, too_large
from game.scenario.bounds import MAX_FILE_BYTES
from game.scenario.check_ids import Salvage
from game.scenario.checks import semantic_problems, semantic_warnings
from game.scenario.errors import Problem, ScenarioError
from game.scenario.locate import KeyLocator
from game.scenario.messages import model_problem
from game.scenario.models import FORMAT_VERSION, Scenario
from game.scenario.story_files import story_problems

KeyPath = tuple[str | int, ...]


class Checked(NamedTuple):
    """A scenario that loads, with the warnings found in it (file order)."""

    scenario: Scenario
    warnings: list[Problem]


def load_scenario(path: str | Path) -> Scenario:
    """Read and fully check the scenario at ``path``; raise ScenarioError listing every problem."""
    return load_checked(path).scenario


def load_checked(path: str | Path) -> Checked:
    """Read and fully check the scenario at ``path``, keeping its warnings (for ``validate``).

    The files it names in ``[story]`` are checked too, read from its own folder only (see
    :mod:`game.scenario.story_files`).
    """
    raw = read_scenario_bytes(path)
    checked = check_scenario(raw, str(path))
    text = raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8", errors="replace")
    problems = story_problems(checked.scenario, path, text)
    if problems:
        raise ScenarioError(problems, checked.warnings)
    return checked


def read_scenario_text(path: str | Path) -> str:
    """The text of the scenario file at ``path`` (ScenarioError if it cannot be read as one).

    For callers that keep the exact text (saves embed it); check it with
    :func:`parse_scenario`.
    """
    raw = read_scenario_bytes(path).removeprefix(b"\xef\xbb\xbf")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ScenarioError([_not_utf8(str(path), raw, exc)]) from None


def read_scenario_bytes(path: str | Path) -> bytes:
    """The bytes of the scenario file at ``path``: a regular file of at most MAX_FILE_BYTES.

    Anything else is a ScenarioError naming the file: a missing or unreadable file, a
    folder, a named pipe (opened without waiting for a writer), a device, or a file too
    large. The size is checked before reading and again while reading, so a file that
    grows meanwhile cannot slip through.
    """
    name = str(path)
    try:
        return read_limited(Path(path), MAX_FILE_BYTES, "scenario file")
    except FileRefused as exc:
        raise ScenarioError([Problem(name, 1, 1, f"cannot read file: it {exc.strerror}")]) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ScenarioError([Problem(name, 1, 1, f"cannot read file: {reason}")]) from None
    except ValueError as exc:  # e.g. a NUL byte in the path
        raise ScenarioError([Problem(name, 1, 1, f"cannot read file: {exc}")]) from None


def _not_utf8(filename: str, raw: bytes, exc: UnicodeDecodeError) -> Problem:
    line_start = raw.rfind(b"\n", 0, exc.start) + 1
    line = raw[: exc.start].count(b"\n") + 1
    col = len(raw[line_start : exc.start].decode("utf-8", errors="replace")) + 1
    return Problem(filename, line, col, "file is not valid UTF-8 (save it as UTF-8)")


def parse_scenario(
    raw: bytes | str, filename: str = "<scenario>", *, embedded: bool = False
) -> Scenario:
    """Check scenario text (as read from ``filename``) and return the validated model.

    Never lets a parser or validator exception escape: every failure is a ScenarioError
    whose problems are located at ``file:line:col``. Warnings do not stop a scenario
    from loading; :func:`check_scenario` returns them too. ``embedded``: the text comes
    from a save (see :func:`game.scenario.checks.semantic_problems`).
    """
    return check_scenario(raw, filename, embedded=embedded).scenario


def check_scenario(
    raw: bytes | str, filename: str = "<scenario>", *, embedded: bool = False
) -> Checked:
    """:func:`parse_scenario`, returning the warnings found beside the scenario."""
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
            raise ScenarioError([_not_utf8(filename, raw, exc)]) from None
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

    locator = KeyLocator(text)
    early: list[Problem] = []
    version = data.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool):
        line, col = locator.position(("format_version",))
        if version > FORMAT_VERSION:
            # A newer format may legitimately use keys this build does not know; listing
            # them would only hide the one problem that matters.
            raise ScenarioError(
                [
                    Problem(
                        filename,
                        line,
                        col,
                        f"format_version {version} is newer than this build of Sidra reads "
                        f"({FORMAT_VERSION}); update Sidra",
                    )
                ]
            )
        if version < 1:
            early.append(
                Problem(
                    filename,
                    line,
                    col,
                    f"format_version {version} is not a scenario format (versions start at 1; "
                    f"this build reads {FORMAT_VERSION})",
                )
            )
    try:
        # Strict: TOML values are typed, so `turns = true` or `turns = "12"` is a mistake
        # to report, not something to coerce silently.
        scenario = Scenario.model_validate(data, strict=True)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        if early:  # the format version's own problem says it better than its range
            errors = [e for e in errors if tuple(e["loc"]) != ("format_version",)]
        problems = [model_problem(filename, locator, err) for err in errors]
        # Still check references among the parts that are valid, so that one run lists
        # every problem of the file, not the type errors first and the rest next time.
        partial, salvage, kept = _salvage(data)
        for loc, message in semantic_problems(partial, salvage, embedded=embedded):
            problems.append(Problem(filename, *locator.position(_original(loc, kept)), message))
        warnings = [
            Problem(filename, *locator.position(_original(loc, kept)), message, "warning")
            for loc, message in semantic_warnings(partial, salvage, embedded=embedded)
        ]
        raise ScenarioError(_unique(early + problems), _unique(warnings)) from None

    problems = [
        Problem(filename, *locator.position(loc), message)
        for loc, message in semantic_problems(scenario, embedded=embedded)
    ]
    warnings = [
        Problem(filename, *locator.position(loc), message, "warning")
        for loc, message in semantic_warnings(scenario, embedded=embedded)
    ]
    if early or problems:
        raise ScenarioError(_unique(early + problems), _unique(warnings))
    return Checked(scenario, _unique(warnings))


def _salvage(data: dict[str, Any]) -> tuple[Scenario, Salvage, dict[str, list[int]]]:
    """A scenario built from the parts of ``data`` that validate on their own.

    Each top-level table and each element of a top-level array is validated alone; what
    fails is left out (its problems are reported from the full validation). Returns the
    partial scenario (built with ``model_construct``: only the semantic checks, told what
    is missing by the :class:`Salvage`, may read it), and for every array section the
    original index of each element kept, to locate problems in the file.
    """
    parts: dict[str, Any] = {}
    broken: set[str] = set()
    declared: dict[str, list[str]] = {}
    kept: dict[str, list[int]] = {}
    for name, info in Scenario.model_fields.items():
        annotation = info.annotation
        value = data.get(name)
        if typing.get_origin(annotation) is list:
            model = typing.get_args(annotation)[0]
            items: list[Any] = []
            kept[name] = []
            if name not in data:
                if info.is_required():
                    broken.add(name)
            elif not isinstance(value, list):
                broken.add(name)
            else:
                # A section longer than its bound is reported as such; its first elements
                # are still checked, the rest would only repeat the work.
                limit = _max_items(info)
                if limit is not None and len(value) > limit:
                    broken.add(name)
                    value = value[:limit]
                for i, item in enumerate(value):
                    try:
                        items.append(model.model_validate(item, strict=True))
                    except ValidationError:
                        broken.add(name)
                        if isinstance(item, dict) and isinstance(item.get("id"), str):
                            declared.setdefault(name, []).append(item["id"])
                    else:
                        kept[name].append(i)
            parts[name] = items
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            try:
                if name in data or info.is_required():
                    parts[name] = annotation.model_validate(value, strict=True)
                else:
                    parts[name] = info.get_default(call_default_factory=True)
            except ValidationError:
                broken.add(name)
                parts[name] = None
        else:
            parts[name] = value
    salvage = Salvage(broken=frozenset(broken), declared=declared)
    return Scenario.model_construct(**parts), salvage, kept


def _max_items(info: Any) -> int | None:
    """The ``max_length`` bound of a list field (None if it has none)."""
    for item in info.metadata:
        high = getattr(item, "max_length", None)
        if isinstance(high, int):
            return high
    return None


def _original(loc: KeyPath, kept: dict[str, list[int]]) -> KeyPath:
    """Map a path into the salvaged scenario back to the file's own element indices."""
    if len(loc) >= 2 and isinstance(loc[0], str) and isinstance(loc[1], int):
        indices = kept.get(loc[0])
        if indices is not None and loc[1] < len(indices):
            return (loc[0], indices[loc[1]], *loc[2:])
    return loc


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: dict[tuple[int, int, str], Problem] = {}
    for p in problems:
        seen.setdefault((p.line, p.col, p.message), p)
    return list(seen.values())


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
