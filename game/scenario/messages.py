"""Pydantic's validation errors as plain-language problems located in the TOML file.

A scenario author reads ``region[3].damage: 150 is out of range: from 0 to 100``, not
pydantic's internal wording: every error is mapped to the TOML key path it concerns
(tagged unions and validator wrappers removed), located at ``file:line:col``, and
phrased in TOML's own terms. Out-of-range numbers, texts and lists name the field's
whole range, read from the model itself, so the message and the schema agree.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import types
import typing
from collections.abc import Callable
from typing import Any, Union

import annotated_types
from pydantic import BaseModel

from game.scenario.base import ID_PATTERN, KEY_PATTERN, SOURCE_PATTERN
from game.scenario.errors import Problem, did_you_mean
from game.scenario.locate import KeyLocator
from game.scenario.models import Scenario

KeyPath = tuple[str | int, ...]

COLOUR_PATTERN = r"^#[0-9a-fA-F]{6}$"
"""The pattern of a faction's colour (as the model writes it)."""


SUGGEST_LIMIT = 1000
"""Above this many errors in one file no "did you mean" is worked out: a file that broken
needs its structure mended, not its spelling, and the guesses would cost seconds (a crafted
2 MB file of unknown keys took 10 s to validate with them)."""


def model_problems(filename: str, locator: KeyLocator, errors: list[Any]) -> list[Problem]:
    """Every pydantic error as a located problem, without the echo of a misspelt key.

    A misspelt required key (``nmae`` for ``name``) is two errors to pydantic, an unknown
    key and a missing one; the author made one mistake, so the "missing" error is dropped
    when an unknown key beside it is the misspelling of that very key. Spelling is only
    looked at up to :data:`SUGGEST_LIMIT` errors.
    """
    suggest = len(errors) <= SUGGEST_LIMIT
    misspelt: set[tuple[KeyPath, str]] = set()
    for err in errors if suggest else ():
        if err["type"] == "extra_forbidden":
            path, parent, _ = _toml_path(tuple(err["loc"]))
            if parent is not None and path:
                close = difflib.get_close_matches(str(path[-1]), list(parent.model_fields), 1, 0.6)
                if close:
                    misspelt.add((path[:-1], close[0]))
    kept = []
    for err in errors:
        if err["type"] == "missing":
            path, _, _ = _toml_path(tuple(err["loc"]))
            if path and (path[:-1], str(path[-1])) in misspelt:
                continue
        kept.append(model_problem(filename, locator, err, suggest=suggest))
    return kept


def model_problem(filename: str, locator: KeyLocator, err: Any, *, suggest: bool = True) -> Problem:
    """Turn one pydantic error into a located, plain-language problem (with a "did you
    mean" for a near miss, if ``suggest``)."""
    hint = did_you_mean if suggest else _no_hint
    toml_path, parent, annotation = _toml_path(tuple(err["loc"]))
    where = _describe(toml_path)
    kind = err["type"]
    if kind == "extra_forbidden":
        key = str(toml_path[-1])
        allowed = list(parent.model_fields) if parent is not None else []
        msg = f"unknown key '{key}' in {_describe(toml_path[:-1]) or 'the file'}"
        msg += hint(key, allowed)
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
            msg = f"{where}: unknown type '{tag}'{hint(tag, expected)}"
            toml_path = (*toml_path, "type")
    elif kind in _EXPECTED:
        msg = f"{where}: expected {_EXPECTED[kind]}, found {_toml_type(err.get('input'))}"
    elif kind in ("recursion_loop", "recursion_depth_exceeded"):
        msg = f"{where}: nested too deeply to read"
    elif kind in _OUT_OF_RANGE:
        msg = f"{where}: {_out_of_range(kind, err, parent, toml_path)}"
    elif kind == "literal_error":
        msg = f"{where}: {_not_allowed(err, hint)}"
    elif kind == "string_pattern_mismatch":
        pattern = str(err.get("ctx", {}).get("pattern", ""))
        words = PATTERN_WORDS.get(pattern, f"text of the form {pattern}")
        msg = f"{where}: {_toml_type(err.get('input'))} is not {words}"
    else:
        text = str(err["msg"])
        if kind == "value_error":
            text = text.removeprefix("Value error, ")
        msg = f"{where}: {text}"
    line, col = locator.position(toml_path)
    return Problem(filename, line, col, msg)


def _no_hint(word: str, candidates: list[str]) -> str:
    """No "did you mean": the file has too many errors for guesses to help."""
    return ""


def _not_allowed(err: Any, hint: Callable[[str, list[str]], str]) -> str:
    """A value outside a fixed set: what was given, every allowed value, the closest one."""
    given = err.get("input")
    allowed = re.findall(r"'([^']*)'", str(err.get("ctx", {}).get("expected", "")))
    listed = ", ".join(allowed)
    if isinstance(given, str):
        shown = given if len(given) <= 40 else given[:37] + "..."
        return f"unknown value {shown!r}{hint(given, allowed)}; the allowed values are: {listed}"
    return f"expected one of these strings: {listed}; found {_toml_type(given)}"


PATTERN_WORDS = {
    ID_PATTERN: "an id: a lowercase letter, then lowercase letters, digits or _ (like 'es_sider')",
    KEY_PATTERN: "an id: lowercase letters, digits, _ or -, starting with a letter or digit "
    "(like 'oil-crescent-2014')",
    SOURCE_PATTERN: "a citation: source ids separated by commas (like 'p1,p9'), or 'design'",
    COLOUR_PATTERN: "a colour written #rrggbb (like '#4f8fe0')",
}
"""Plain words for the patterns of the scenario's texts (ids, citations, colours)."""

_EXPECTED = {
    "model_type": "a table",
    "model_attributes_type": "a table",
    "dict_type": "a table",
    "list_type": "an array",
    "int_type": "an integer",
    "int_parsing": "an integer",
    "float_type": "a number",
    "float_parsing": "a number",
    "finite_number": "a finite number",
    "string_type": "a string",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "date_type": "a date (unquoted, like 2014-12-13)",
    "date_parsing": "a date (unquoted, like 2014-12-13)",
}
"""Plain-language expectations for pydantic's type errors, in TOML's own terms."""

_OUT_OF_RANGE = frozenset(
    {
        "greater_than",
        "greater_than_equal",
        "less_than",
        "less_than_equal",
        "too_short",
        "too_long",
        "string_too_short",
        "string_too_long",
    }
)
"""Pydantic's errors for a number, a text or a list outside its bounds."""


def _out_of_range(kind: str, err: Any, parent: type[BaseModel] | None, path: KeyPath) -> str:
    """What is out of range and the whole range it must be in."""
    ctx = err.get("ctx", {})
    if kind == "string_too_long":
        given = err.get("input")
        found = f"{len(given):,} characters" if isinstance(given, str) else "the text"
        return f"{found} is too long: at most {ctx.get('max_length', 0):,} characters"
    if kind == "string_too_short":
        return f"the text is too short: at least {ctx.get('min_length', 0):,} characters"
    if kind in ("too_short", "too_long"):
        size = ctx.get("actual_length")
        low, high = ctx.get("min_length"), ctx.get("max_length")
        found = f"{size:,} items" if isinstance(size, int) else "too many items"
        if kind == "too_long":
            return f"{found}: at most {high:,}" if isinstance(high, int) else found
        return f"{found}: at least {low:,}" if isinstance(low, int) else found
    low, high = _bounds(parent, path)
    return f"{_number(err.get('input'))} is out of range: {_range_words(low, high)}"


def _range_words(low: object, high: object) -> str:
    if low is not None and high is not None:
        return f"from {_number(low)} to {_number(high)}"
    if low is not None:
        return f"at least {_number(low)}"
    return f"at most {_number(high)}"


def _number(value: object) -> str:
    """A number as an author reads it: 1,000,000; a huge one by its number of digits."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, int) and abs(value) >= 10**30:
        digits = value.bit_length() * 30103 // 100000 + 1  # about log10, no huge str()
        return f"{'-' if value < 0 else ''}a number of about {digits:,} digits"
    return f"{value:,}"


def _bounds(parent: type[BaseModel] | None, path: KeyPath) -> tuple[object, object]:
    """The inclusive (low, high) bounds of the field at the end of ``path`` (None: open)."""
    if parent is None or not path:
        return None, None
    info = parent.model_fields.get(str(path[-1]))
    if info is None:
        return None, None
    low: object = None
    high: object = None
    for item in info.metadata:
        if isinstance(item, annotated_types.Ge):
            low = item.ge
        elif isinstance(item, annotated_types.Gt):
            low = f"more than {item.gt}"
        elif isinstance(item, annotated_types.Le):
            high = item.le
        elif isinstance(item, annotated_types.Lt):
            high = f"less than {item.lt}"
    return low, high


def _toml_type(value: Any) -> str:
    """What a parsed TOML value is, as an author would call it."""
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if isinstance(value, int):
        return f"{_number(value)} (an integer)"
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
    """A readable location such as ``region[3].facilities.oil_tanks``.

    A path hundreds of keys deep (absurdly nested conditions) is shortened in the middle.
    """
    out = ""
    if len(path) > 12:
        return f"{_describe(path[:6])}...({len(path) - 8} more)...{_describe(path[-2:])}"
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
