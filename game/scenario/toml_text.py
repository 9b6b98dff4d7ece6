"""Writing scenario-shaped data as TOML text (the project reads TOML but has no writer).

A variant merged with its base is written here to be embedded in saves, and generated
scenarios (the worst valid scenario, the scenarios of the bounds and hostile-text tests)
are built as plain data and written here too: top-level values first,
then each section as a ``[name]`` table or one ``[[name]]`` table per element, every
value inside written inline. Strings are written as TOML basic strings with every
control character escaped, so any text, hostile or not, round-trips exactly: reading
the text back with tomli gives the same data.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from typing import Any


def toml_value(value: Any) -> str:
    """``value`` as an inline TOML value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return _basic_string(value)
    if isinstance(value, dt.date | dt.time):  # a datetime is a date too
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_key(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"no TOML form for {type(value).__name__}")


def toml_table(header: str, fields: Mapping[str, Any]) -> str:
    """A ``[header]`` or ``[[header]]`` line and one ``key = value`` line per field."""
    lines = [header] + [f"{_key(k)} = {toml_value(v)}" for k, v in fields.items()]
    return "\n".join(lines) + "\n\n"


def toml_document(data: Mapping[str, Any]) -> str:
    """A whole document: top-level values, then a table per section.

    A mapping becomes ``[name]``; a list of mappings becomes one ``[[name]]`` per element;
    anything else is a top-level value. Values inside a section are written inline.
    """
    top = [
        f"{_key(k)} = {toml_value(v)}\n"
        for k, v in data.items()
        if not isinstance(v, Mapping) and not _is_tables(v)
    ]
    out = "".join(top) + "\n"
    for key, value in data.items():
        if isinstance(value, Mapping):
            out += toml_table(f"[{_key(key)}]", value)
        elif _is_tables(value):
            for item in value:
                out += toml_table(f"[[{_key(key)}]]", item)
    return out


def _is_tables(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, Mapping) for v in value)


def _key(key: str) -> str:
    bare = key and all(c.isascii() and (c.isalnum() or c in "_-") for c in key)
    return key if bare else _basic_string(key)


def _basic_string(text: str) -> str:
    out = ['"']
    for char in text:
        code = ord(char)
        if char == '"':
            out.append('\\"')
        elif char == "\\":
            out.append("\\\\")
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\u{code:04x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)
