"""Load a scenario from TOML: parse, validate the models, run the semantic checks.

Every problem is collected, located at ``file:line:col`` of the offending key, and
raised together as one :class:`ScenarioError`, so an author fixes a file in one pass.
"""

from __future__ import annotations

import types
import typing
from pathlib import Path
from typing import Any, Union

import tomli
from pydantic import BaseModel, ValidationError

from game.scenario.checks import semantic_problems
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
        raise ScenarioError([Problem(str(path), 1, 1, f"cannot read file: {exc.strerror}")]) from None
    return parse_scenario(raw, str(path))


def parse_scenario(raw: bytes | str, filename: str = "<scenario>") -> Scenario:
    """Check scenario text (as read from ``filename``) and return the validated model."""
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise ScenarioError([Problem(filename, line, 1, "file is not valid UTF-8")]) from None
    else:
        text = raw
    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        raise ScenarioError([_syntax_problem(filename, exc)]) from None

    locator = KeyLocator(text)
    version = data.get("format_version")
    if isinstance(version, int) and version > FORMAT_VERSION:
        line, col = locator.position(("format_version",))
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
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        problems = [_model_problem(filename, locator, err) for err in exc.errors()]
        raise ScenarioError(_unique(problems)) from None

    problems = [
        Problem(filename, *locator.position(loc), message)
        for loc, message in semantic_problems(scenario)
    ]
    if problems:
        raise ScenarioError(_unique(problems))
    return scenario


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: dict[tuple[int, int, str], Problem] = {}
    for p in problems:
        seen.setdefault((p.line, p.col, p.message), p)
    return list(seen.values())


def _syntax_problem(filename: str, exc: tomli.TOMLDecodeError) -> Problem:
    line = getattr(exc, "lineno", 1) or 1
    col = getattr(exc, "colno", 1) or 1
    msg = getattr(exc, "msg", str(exc))
    return Problem(filename, line, col, f"TOML syntax error: {msg}")


def _model_problem(filename: str, locator: KeyLocator, err: Any) -> Problem:
    """Turn one pydantic error into a located, plain-language problem."""
    toml_path, parent = _toml_path(tuple(err["loc"]))
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
        expected = [t.strip().strip("'") for t in str(ctx.get("expected_tags", "")).split(",")]
        if kind == "union_tag_not_found":
            msg = f"{where}: needs a 'type' (one of {', '.join(expected)})"
        else:
            msg = f"{where}: unknown type '{tag}'{did_you_mean(tag, expected)}"
            toml_path = (*toml_path, "type")
    else:
        msg = f"{where}: {err['msg']}"
        if kind == "literal_error":
            given = err.get("input")
            expected = [t.strip().strip("'") for t in str(err.get("ctx", {}).get("expected", "")).replace(" or ", ",").split(",")]
            if isinstance(given, str):
                msg += did_you_mean(given, expected)
    line, col = locator.position(toml_path)
    return Problem(filename, line, col, msg)


def _describe(path: KeyPath) -> str:
    """A readable location such as ``region[3].facilities.oil_tanks``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out


def _toml_path(loc: KeyPath) -> tuple[KeyPath, type[BaseModel] | None]:
    """Map a pydantic error location to a TOML key path.

    Pydantic puts the tag of a discriminated union into the location (``effects.0.track.add``)
    and has ``[key]`` wrappers for function validators; TOML has neither. Walking the model
    structure tells which parts to drop and which model owns the last key.
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
    return tuple(path), parent


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
