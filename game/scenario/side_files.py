"""The one reader of the files a scenario names in ``[story]`` (its fact sheet, its
teacher's pack), from its own folder.

A scenario is outside data and so are the files beside it. They are read here with the
same care as the scenario itself: the name is relative (checked by the scenario's model,
see :func:`game.scenario.story.relative_file`), the file must resolve inside the
scenario's folder (a symbolic link that leads out of it is refused), be a regular file
no larger than its kind's cap, be UTF-8 TOML, and match its model exactly (unknown keys
are errors). Every problem is a :class:`~game.scenario.errors.Problem` naming the file
and the place in it, worded in TOML's terms as the scenario's own problems are; a
problem with the name is located at the ``[story]`` key that wrote it.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Final, TypeVar

import tomli
from pydantic import BaseModel, ValidationError

from game.reading import FileRefused, read_limited
from game.scenario import bounds
from game.scenario.errors import Problem, ScenarioError, did_you_mean
from game.scenario.extends import toml_type
from game.scenario.locate import KeyLocator
from game.scenario.sources import cited, is_design

Location = tuple[str, int, int]
"""A file, line and column."""
KeyPath = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)


class SideFileMissing(ScenarioError):
    """A file a scenario names in ``[story]`` is not in its folder.

    The story's files are commentary, not rules: the scenario plays without them (a copy
    made elsewhere, a save opened on another machine) and the screens that show them say
    they are missing. :func:`game.scenario.story_files.story_problems` reports this as a
    warning; anything else wrong with the file is an error.
    """


def read_side_file(
    kind: str,
    key: str,
    name: str,
    scenario_file: str | Path,
    limit: int,
    *,
    text: str | None = None,
    at: Location | None = None,
) -> tuple[bytes, str]:
    """The bytes of the file ``name`` (the value of ``[story] key``, a ``kind`` such as
    "fact sheet") in the folder of ``scenario_file``, and the file name to locate its
    problems in. ScenarioError (SideFileMissing if it is not there) when it cannot be
    read: a problem with the name is located at ``at`` (file, line, column) if given,
    else at the key in ``text`` (the scenario's own text) in ``scenario_file``."""
    if at is not None:
        where, line, col = at
    else:
        where = str(scenario_file)
        line, col = KeyLocator(text).position(("story", key)) if text is not None else (1, 1)

    def refuse(reason: str, error: type[ScenarioError] = ScenarioError) -> ScenarioError:
        return error([Problem(where, line, col, f"{kind} '{name}': {reason}")])

    folder = Path(scenario_file).parent
    try:
        home = folder.resolve(strict=True)
        path = (home / name).resolve(strict=True)
    except FileNotFoundError:
        missing = f"no such file in the scenario's folder ({folder / name})"
        raise refuse(missing, SideFileMissing) from None
    except (OSError, RuntimeError, ValueError) as exc:  # a link loop, a NUL byte ...
        raise refuse(f"cannot be opened: {exc}") from None
    if not path.is_relative_to(home):
        raise refuse(
            "leads out of the scenario's folder (through a symbolic link); keep the file "
            "in the scenario's folder or below it"
        ) from None
    try:
        raw = read_limited(path, limit, kind)
    except FileRefused as exc:
        raise refuse(str(exc.strerror)) from None
    except OSError as exc:
        raise refuse(f"cannot be read: {exc.strerror or exc}") from None
    return raw, str(folder / name)


def side_file_toml(raw: bytes, filename: str) -> tuple[str, dict[str, Any]]:
    """The text and TOML tables of a file beside a scenario (a fact sheet, a teacher's
    pack); ScenarioError naming the file and line if it is not UTF-8 or not TOML."""
    try:
        text = raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problem = Problem(filename, line, 1, "not valid UTF-8 (save it as UTF-8)")
        raise ScenarioError([problem]) from None
    try:
        return text, tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        line, col = getattr(exc, "lineno", 1) or 1, getattr(exc, "colno", 1) or 1
        msg = getattr(exc, "msg", str(exc))
        raise ScenarioError([Problem(filename, line, col, f"TOML syntax error: {msg}")]) from None
    except Exception as exc:  # tomli's RecursionError on absurd nesting, and the like
        raise ScenarioError([Problem(filename, 1, 1, f"TOML parser failed: {exc}")]) from None


def check_model(
    model: type[M], raw: bytes, filename: str, kind: str, patterns: Mapping[str, str]
) -> tuple[M, KeyLocator]:
    """``raw`` (read from ``filename``) as TOML checked strictly against ``model``, and a
    locator of its keys; ScenarioError listing every problem in TOML's words (``kind``
    names the whole file, ``patterns`` words each field pattern for an author)."""
    text, data = side_file_toml(raw, filename)
    locator = KeyLocator(text)
    try:
        return model.model_validate(data, strict=True), locator
    except ValidationError as exc:
        problems = [
            Problem(
                filename,
                *locator.position(tuple(err["loc"])),
                _message(dict(err), model, kind, patterns),
            )
            for err in exc.errors(include_url=False)
        ]
        raise ScenarioError(problems) from None


def undeclared(loc: KeyPath, source: str, known: list[str]) -> Iterator[tuple[KeyPath, str]]:
    """A problem (key path, message) for each source id ``source`` cites that is not one
    of the scenario's ``known`` ``[[source]]`` ids; none when it declares none (its
    citations are then not checked, and the scenario's checks warn of that)."""
    if not known:
        return
    for source_id in cited(source):
        if not is_design(source_id) and source_id not in known:
            yield (
                loc,
                f"source '{source_id}' is not declared in the scenario's [[source]] "
                f"tables{did_you_mean(source_id, known)}",
            )


def where(loc: KeyPath) -> str:
    """A key path as an author writes it: ``fact[1].kind``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out


def _inner(annotation: Any) -> Any:
    """The type inside ``list[X]`` or ``X | None``; the annotation itself otherwise."""
    origin = typing.get_origin(annotation)
    if origin is list:
        return typing.get_args(annotation)[0]
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return args[0] if len(args) == 1 else annotation
    return annotation


def _field(model: type[BaseModel], loc: KeyPath) -> tuple[type[BaseModel] | None, Any]:
    """The model whose table ``loc`` names (None if none) and the annotation of the
    field at ``loc`` (None if ``loc`` is not a field)."""
    current: type[BaseModel] | None = model
    annotation: Any = None
    for part in loc:
        if isinstance(part, int):
            continue
        if current is None or part not in current.model_fields:
            return None, None
        annotation = _inner(current.model_fields[part].annotation)
        current = (
            annotation
            if isinstance(annotation, type) and issubclass(annotation, BaseModel)
            else None
        )
    return current, annotation


def _message(
    err: dict[str, Any], model: type[BaseModel], kind: str, patterns: Mapping[str, str]
) -> str:
    """A pydantic error on a file of ``model`` in TOML words (a table, a string, the
    allowed values and ranges), as the scenario's own problems are put."""
    loc = tuple(err["loc"])
    error = err["type"]
    ctx = err.get("ctx") or {}
    if error == "extra_forbidden":
        key = str(loc[-1])
        table, _ = _field(model, loc[:-1])
        allowed = list(table.model_fields) if table is not None else []
        return f"unknown key '{key}' in {where(loc[:-1]) or 'the ' + kind}" + did_you_mean(
            key, allowed
        )
    if error == "missing":
        return f"missing required key '{loc[-1]}' in {where(loc[:-1]) or 'the ' + kind}"
    at = where(loc) or f"the {kind}"
    found = _found(err.get("input"))
    if error in _EXPECTED:
        return f"{at}: expected {_EXPECTED[error]}, found {found}"
    if error == "literal_error":
        values = [str(v) for v in typing.get_args(_field(model, loc)[1])]
        hint = did_you_mean(str(err.get("input")), values)
        return f"{at}: {found} is not one of {', '.join(map(repr, values))}{hint}"
    if error == "string_pattern_mismatch":
        words = patterns.get(str(ctx.get("pattern")), "text of the allowed form")
        return f"{at}: {found} is not {words}"
    if error == "string_too_short":
        return f"{at}: the text is empty; write at least {ctx.get('min_length', 1)} character"
    if error == "string_too_long":
        return f"{at}: too long: at most {ctx.get('max_length', 0):,} characters"
    if error == "too_long":
        size = ctx.get("actual_length")
        given = f"{size:,} entries" if isinstance(size, int) else "too many entries"
        return f"{at}: {given}: at most {ctx.get('max_length', 0):,}"
    if error in ("less_than_equal", "greater_than_equal"):
        low, high = -bounds.MAX_TRACK, bounds.MAX_TRACK
        return f"{at}: {found} is out of range: from {low:,} to {high:,}"
    text = str(err["msg"]).removeprefix("Value error, ")
    return f"{at}: {text}"


_EXPECTED: Final = {
    "model_type": "a table",
    "dict_type": "a table",
    "list_type": "an array",
    "string_type": "a string",
    "int_type": "an integer",
    "date_type": "a date (unquoted, like 2014-12-28)",
}
"""What a field of the wrong TOML type should have been, by pydantic's error type."""


def _found(value: object) -> str:
    """A parsed TOML value as an author calls it: ``'x' (a string)``, ``5 (an integer)``."""
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"{shown!r} (a string)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if isinstance(value, int) and abs(value) >= 10**30:
        return f"a number of about {value.bit_length() * 30103 // 100000 + 1:,} digits"
    if isinstance(value, int | float):
        return f"{value:,} ({toml_type(value)})"
    return toml_type(value)
