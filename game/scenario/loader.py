"""Load a scenario from TOML: parse, validate the models, run the semantic checks.

Every problem is collected, located at ``file:line:col`` of the offending key, and
raised together as one :class:`ScenarioError`, so an author fixes a file in one pass.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from pathlib import Path
from typing import Any, Union

import tomli
from pydantic import BaseModel, ValidationError

from game.scenario.checks import Salvage, semantic_problems
from game.scenario.errors import Problem, ScenarioError, did_you_mean
from game.scenario.locate import KeyLocator
from game.scenario.models import FORMAT_VERSION, Scenario

KeyPath = tuple[str | int, ...]


def load_scenario(path: str | Path) -> Scenario:
    """Read and fully check the scenario at ``path``; raise ScenarioError listing every problem."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ScenarioError([Problem(str(path), 1, 1, f"cannot read file: {reason}")]) from None
    except ValueError as exc:  # e.g. a NUL byte in the path
        raise ScenarioError([Problem(str(path), 1, 1, f"cannot read file: {exc}")]) from None
    return parse_scenario(raw, str(path))


def parse_scenario(raw: bytes | str, filename: str = "<scenario>") -> Scenario:
    """Check scenario text (as read from ``filename``) and return the validated model.

    Never lets a parser or validator exception escape: every failure is a ScenarioError
    whose problems are located at ``file:line:col``.
    """
    if isinstance(raw, bytes):
        # Editors on Windows may save a byte-order mark; it is not content.
        raw = raw.removeprefix(b"\xef\xbb\xbf")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line_start = raw.rfind(b"\n", 0, exc.start) + 1
            line = raw[: exc.start].count(b"\n") + 1
            col = len(raw[line_start : exc.start].decode("utf-8", errors="replace")) + 1
            raise ScenarioError(
                [Problem(filename, line, col, "file is not valid UTF-8 (save it as UTF-8)")]
            ) from None
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
        problems = [_model_problem(filename, locator, err) for err in exc.errors()]
        # Still check references among the parts that are valid, so that one run lists
        # every problem of the file, not the type errors first and the rest next time.
        partial, salvage, kept = _salvage(data)
        for loc, message in semantic_problems(partial, salvage):
            problems.append(Problem(filename, *locator.position(_original(loc, kept)), message))
        raise ScenarioError(_unique(early + problems)) from None

    problems = [
        Problem(filename, *locator.position(loc), message)
        for loc, message in semantic_problems(scenario)
    ]
    if early or problems:
        raise ScenarioError(_unique(early + problems))
    return scenario


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
    else:
        msg = f"TOML parser failed: {type(exc).__name__}: {exc}"
    return Problem(filename, line, col, msg)


def _syntax_problem(filename: str, exc: tomli.TOMLDecodeError) -> Problem:
    line = getattr(exc, "lineno", 1) or 1
    col = getattr(exc, "colno", 1) or 1
    msg = getattr(exc, "msg", str(exc))
    return Problem(filename, line, col, f"TOML syntax error: {msg}")


def _model_problem(filename: str, locator: KeyLocator, err: Any) -> Problem:
    """Turn one pydantic error into a located, plain-language problem."""
    toml_path, parent, annotation = _toml_path(tuple(err["loc"]))
    where = _describe(toml_path)
    kind = err["type"]
    if kind == "extra_forbidden":
        key = str(toml_path[-1])
        allowed = list(parent.model_fields) if parent is not None else []
        msg = f"unknown key '{key}' in {_describe(toml_path[:-1]) or 'the file'}"
        msg += did_you_mean(key, allowed)
    elif kind == "missing":
        msg = f"missing required key '{toml_path[-1]}' in {_describe(toml_path[:-1]) or 'the file'}"
        toml_path = toml_path[:-1]
    elif kind in ("union_tag_invalid", "union_tag_not_found"):
        ctx = err.get("ctx", {})
        tag = str(ctx.get("tag", ""))
        expected = _tags(annotation) or [
            t.strip().strip("'") for t in str(ctx.get("expected_tags", "")).split(",")
        ]
        if kind == "union_tag_not_found":
            msg = f"{where}: needs a 'type' (one of {', '.join(expected)})"
        else:
            msg = f"{where}: unknown type '{tag}'{did_you_mean(tag, expected)}"
            toml_path = (*toml_path, "type")
    elif kind in _EXPECTED:
        msg = f"{where}: expected {_EXPECTED[kind]}, found {_toml_type(err.get('input'))}"
    else:
        text = str(err["msg"])
        if kind == "value_error":
            text = text.removeprefix("Value error, ")
        msg = f"{where}: {text}"
        if kind == "literal_error":
            given = err.get("input")
            listed = str(err.get("ctx", {}).get("expected", "")).replace(" or ", ",")
            expected = [t.strip().strip("'") for t in listed.split(",")]
            if isinstance(given, str):
                msg += did_you_mean(given, expected)
    line, col = locator.position(toml_path)
    return Problem(filename, line, col, msg)


_EXPECTED = {
    "model_type": "a table",
    "model_attributes_type": "a table",
    "dict_type": "a table",
    "list_type": "an array",
    "int_type": "an integer",
    "int_parsing": "an integer",
    "float_type": "a number",
    "float_parsing": "a number",
    "string_type": "a string",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "date_type": "a date (unquoted, like 2014-12-13)",
    "date_parsing": "a date (unquoted, like 2014-12-13)",
}
"""Plain-language expectations for pydantic's type errors, in TOML's own terms."""


def _toml_type(value: Any) -> str:
    """What a parsed TOML value is, as an author would call it."""
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if isinstance(value, int):
        return f"{value} (an integer)"
    if isinstance(value, float):
        return f"{value} (a float)"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"{shown!r} (a string)"
    if isinstance(value, dt.datetime):
        return f"{value.isoformat()} (a date-time)"
    if isinstance(value, dt.date):
        return f"{value.isoformat()} (a date)"
    if isinstance(value, dt.time):
        return f"{value.isoformat()} (a time)"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    return type(value).__name__


def _describe(path: KeyPath) -> str:
    """A readable location such as ``region[3].facilities.oil_tanks``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out


def _toml_path(loc: KeyPath) -> tuple[KeyPath, type[BaseModel] | None, Any]:
    """Map a pydantic error location to a TOML key path.

    Pydantic puts the tag of a discriminated union into the location (``effects.0.track.add``)
    and has ``[key]`` wrappers for function validators; TOML has neither. Walking the model
    structure tells which parts to drop and which model owns the last key; the annotation
    reached at the end is returned too (a tagged union names its tags).
    """
    path: list[str | int] = []
    annotation: Any = Scenario
    parent: type[BaseModel] | None = None
    for part in loc:
        annotation = _unwrap_optional(annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            parent = annotation
            field = annotation.model_fields.get(str(part))
            path.append(part)
            annotation = field.annotation if field is not None else None
            continue
        origin = typing.get_origin(annotation)
        if origin is list and isinstance(part, int):
            path.append(part)
            annotation = typing.get_args(annotation)[0]
            continue
        members = _union_members(annotation)
        if members:
            match = _member_for_tag(members, part)
            if match is not None:
                annotation = match
                continue
        if isinstance(part, str) and part.startswith("function-"):
            continue
        path.append(part)
        annotation = None
    return tuple(path), parent, annotation


def _tags(annotation: Any) -> list[str]:
    """The ``type`` tags a tagged union accepts, in declaration order ([] if not a union)."""
    tags: list[str] = []
    for member in _union_members(_unwrap_optional(annotation)):
        member = _unwrap_optional(member)
        if _union_members(member):
            tags.extend(_tags(member))
        elif isinstance(member, type) and issubclass(member, BaseModel):
            type_field = member.model_fields.get("type")
            if type_field is not None:
                tags.extend(str(t) for t in typing.get_args(type_field.annotation))
    return tags


def _unwrap_optional(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    members = _union_members(annotation)
    non_none = [m for m in members if m is not type(None)]
    if members and len(non_none) == 1:
        return _unwrap_optional(non_none[0])
    return annotation


def _union_members(annotation: Any) -> list[Any]:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    origin = typing.get_origin(annotation)
    if origin is Union or origin is types.UnionType:
        return list(typing.get_args(annotation))
    return []


def _member_for_tag(members: list[Any], tag: str | int) -> Any:
    for member in members:
        member = _unwrap_optional(member)
        inner = _union_members(member)
        if inner:
            found = _member_for_tag(inner, tag)
            if found is not None:
                return found
            continue
        if isinstance(member, type) and issubclass(member, BaseModel):
            type_field = member.model_fields.get("type")
            if type_field is not None and tag in typing.get_args(type_field.annotation):
                return member
    return None
