"""Load a scenario from TOML: read, parse, validate the models, run the semantic checks.

This is the one place scenario files are read. A scenario is outside data, so only a
regular file is read (a named pipe, a device such as ``/dev/zero`` or a folder is
refused before a byte is read), and only up to ``MAX_FILE_BYTES``: larger files are
refused rather than parsed into gigabytes of memory.

Every problem is collected, located at ``file:line:col`` of the offending key, and
raised together as one :class:`ScenarioError`, so an author fixes a file in one pass
(the error lists the first ``MAX_PROBLEMS`` and counts the rest).

A file that ``extends`` another (a variant, see :mod:`game.scenario.extends`) is read
with its bases, merged, and the merged scenario checked as one file would be; each
problem is located in the file that wrote the value concerned. Every caller that opens a
scenario by path goes through :func:`open_scenario` (or the functions built on it), so
variants work wherever a scenario does.
"""

from __future__ import annotations

import dataclasses
import typing
from pathlib import Path
from typing import Any, NamedTuple

import tomli
from pydantic import BaseModel, ValidationError

from game.scenario.bounds import MAX_FILE_BYTES
from game.scenario.chain import read_chain
from game.scenario.check_ids import Salvage
from game.scenario.checks import semantic_problems, semantic_warnings
from game.scenario.errors import Problem, ScenarioError, Severity
from game.scenario.extends import CHANGE, EXTENDS, REMOVE, Layer, Where
from game.scenario.locate import KeyLocator
from game.scenario.merge import merge_layers
from game.scenario.messages import model_problems
from game.scenario.models import FORMAT_VERSION, Scenario
from game.scenario.story_files import story_problems
from game.scenario.toml_read import layer_of, not_utf8, read_layer
from game.scenario.toml_read import read_scenario_bytes as read_scenario_bytes
from game.scenario.toml_text import toml_document

KeyPath = tuple[str | int, ...]

_FACTS: KeyPath = ("story", "facts")
"""Where a scenario names its fact sheet."""
_PACK: KeyPath = ("story", "pack")
"""Where a scenario names its teacher's pack."""


MERGED_HEADER = (
    "# A variant merged with its bases into one scenario: the scenario as played.\n"
    "# (Sidra wrote this from the files; edit those, not this.)\n"
)
"""The first lines of a merged variant's text, as a save embeds it."""


class Checked(NamedTuple):
    """A scenario that loads, with the warnings found in it (file order)."""

    scenario: Scenario
    warnings: list[Problem]


class Opened(NamedTuple):
    """A scenario file read and checked: the scenario, its warnings, the text a game is
    played on and a save embeds (the file's own text; for a variant, the merged scenario
    written as TOML, so a save never needs the base again), the files read (the file
    first, then its bases), and where ``[story] facts`` and ``[story] pack`` are written
    (file, line, column: in a variant, the file of the chain that wrote each), for
    problems with the fact sheet and the teacher's pack."""

    scenario: Scenario
    warnings: list[Problem]
    text: str
    files: tuple[str, ...]
    facts_at: tuple[str, int, int]
    pack_at: tuple[str, int, int]


def load_scenario(path: str | Path) -> Scenario:
    """Read and fully check the scenario at ``path``; raise ScenarioError listing every problem."""
    return load_checked(path).scenario


def open_scenario(path: str | Path) -> Opened:
    """Read and fully check the scenario file at ``path``, following ``extends``.

    ScenarioError lists every problem, each in the file that has it (the variant or one
    of its bases), with the warnings found beside them.
    """
    name = str(path)
    top = read_layer(Path(path), name)
    if EXTENDS not in top.data:
        checked = _check_plain(top, embedded=False)
        at = top.locate(_FACTS), top.locate(_PACK)
        return Opened(checked.scenario, checked.warnings, top.text, (name,), *at)
    layers = read_chain(Path(path), top, read_layer)
    root = layers[0]
    early = [root.at((key,), _ALONE[key]) for key in (CHANGE, REMOVE) if key in root.data]
    merged = merge_layers(layers)
    checked = _check(merged.data, merged, early + merged.problems, embedded=False)
    text = MERGED_HEADER + toml_document(merged.data)
    size = len(text.encode("utf-8"))
    if size > MAX_FILE_BYTES:
        raise ScenarioError(
            [
                top.at(
                    (EXTENDS,),
                    f"extends: merged with its bases this scenario is {size:,} bytes; a "
                    f"scenario is at most {MAX_FILE_BYTES:,}",
                )
            ]
        )
    files = tuple(x.file for x in layers[::-1])
    at = merged.locate(_FACTS), merged.locate(_PACK)
    return Opened(checked.scenario, checked.warnings, text, files, *at)


def load_checked(path: str | Path) -> Checked:
    """Read and fully check the scenario at ``path``, keeping its warnings (for ``validate``).

    The files it names in ``[story]`` are checked too, read from its own folder only (see
    :mod:`game.scenario.story_files`).
    """
    opened = open_scenario(path)
    found = story_problems(opened.scenario, path, opened.facts_at, opened.pack_at)
    warnings = [*opened.warnings, *(p for p in found if p.severity == "warning")]
    problems = [p for p in found if p.severity != "warning"]
    if problems:
        raise ScenarioError(problems, warnings)
    return Checked(opened.scenario, warnings)


def read_scenario_text(path: str | Path) -> str:
    """The text of the scenario file at ``path`` (ScenarioError if it cannot be read as one).

    For callers that keep the exact text (saves embed it); check it with
    :func:`parse_scenario`. For a variant it is the merged scenario (see
    :attr:`Opened.text`), checked already: :func:`open_scenario` gives both at once.
    """
    raw = read_scenario_bytes(path).removeprefix(b"\xef\xbb\xbf")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ScenarioError([not_utf8(str(path), raw, exc)]) from None
    try:
        extends = EXTENDS in tomli.loads(text)
    except Exception:  # parse_scenario reports what is wrong with it
        extends = False
    return open_scenario(path).text if extends else text


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
    return _check_plain(layer_of(raw, filename), embedded=embedded)


_ALONE = {
    EXTENDS: "extends: this scenario text was not read from its file, so its base cannot be "
    "found beside it; open the variant from its file",
    CHANGE: "change: only a variant changes elements of its base; start the file with "
    'extends = "BASE.toml", or write the elements whole',
    REMOVE: "remove: only a variant removes elements of its base; start the file with "
    'extends = "BASE.toml", or leave the elements out',
}
"""What the variant-only keys mean in a file that extends nothing."""


def _check_plain(layer: Layer, *, embedded: bool) -> Checked:
    """Check one file's document, which must not use what only variants may."""
    data = layer.data
    early = [layer.at((key,), _ALONE[key]) for key in (EXTENDS, CHANGE, REMOVE) if key in data]
    if early:
        data = {k: v for k, v in data.items() if k not in _ALONE}
    return _check(data, layer, early, embedded=embedded)


def _check(data: dict[str, Any], where: Where, early: list[Problem], *, embedded: bool) -> Checked:
    """Validate a parsed document; ``where`` locates its values in the file(s) that wrote
    them, ``early`` are problems found before. ScenarioError if there is any error."""
    early = list(early)
    version = data.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool):
        filename, line, col = where.locate(("format_version",))
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
        problems = _model_problems(where, errors)
        # Still check references among the parts that are valid, so that one run lists
        # every problem of the file, not the type errors first and the rest next time.
        partial, salvage, kept = _salvage(data)
        for loc, message in semantic_problems(partial, salvage, embedded=embedded):
            problems.append(_at(where, _original(loc, kept), message))
        warnings = [
            _at(where, _original(loc, kept), message, "warning")
            for loc, message in semantic_warnings(partial, salvage, embedded=embedded)
        ]
        raise ScenarioError(_unique(early + problems), _unique(warnings)) from None

    problems = [
        _at(where, loc, message) for loc, message in semantic_problems(scenario, embedded=embedded)
    ]
    warnings = [
        _at(where, loc, message, "warning")
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
    seen: dict[tuple[str, int, int, str], Problem] = {}
    for p in problems:
        seen.setdefault((p.file, p.line, p.col, p.message), p)
    return list(seen.values())


def _at(where: Where, path: KeyPath, message: str, severity: Severity = "error") -> Problem:
    """A semantic problem at ``path``, in the file that wrote it."""
    return Problem(*where.locate(path), where.hint(path, message), severity)


class _Recorder(KeyLocator):
    """Stands in for a file's locator while pydantic's errors are put in words: it records
    each key path asked for and answers with its number as the line, so each problem
    says which path it is about; :func:`_model_problems` then locates that path."""

    def __init__(self) -> None:
        super().__init__("")
        self.paths: list[KeyPath] = []

    def position(self, path: KeyPath) -> tuple[int, int]:
        self.paths.append(tuple(path))
        return (len(self.paths), 1)


def _model_problems(where: Where, errors: list[Any]) -> list[Problem]:
    """pydantic's errors in words (:func:`model_problems`), each located where ``where``
    says the value it is about was written, with what the merge did that explains it."""
    recorder = _Recorder()
    found = []
    # An array with too many elements is located at its first one past the bound: the
    # file (a variant, or its base) and the line that went over, not the array's start.
    first_over = {
        tuple(err["loc"]): high
        for err in errors
        if err["type"] == "too_long"
        and isinstance(high := err.get("ctx", {}).get("max_length"), int)
    }
    for problem in model_problems("", recorder, errors):
        path = recorder.paths[problem.line - 1]
        over = first_over.get(path)
        file, line, col = where.locate(path if over is None else (*path, over))
        missing = problem.message.startswith("missing required key")
        message = where.hint(path, problem.message, missing)
        found.append(dataclasses.replace(problem, file=file, line=line, col=col, message=message))
    return found
