"""Where each key of a TOML scenario is written: key path -> 1-based ``(line, col)``.

tomli returns plain dicts with no source positions, yet a scenario problem must be
reported as ``file:line:col`` of the offending key so an author can jump to it. This
module scans the TOML *text* (it never evaluates a value) and records, for every key
path in the document, where that key is written.

Paths have the shape pydantic uses for error locations on the tomli-parsed dict: table
and key names as ``str`` (quoted keys unquoted and unescaped), array indices as ``int``:

* ``[meta]`` gives ``("meta",)`` at the ``[``; ``id = 1`` below it ``("meta", "id")`` at ``id``.
* The k-th ``[[region]]`` (0-based) gives ``("region", k)`` at its ``[[``, and ``("region",)``
  at the first one; ``[region.facilities]`` and ``[[region.x]]`` below it continue from
  ``("region", k)``, as TOML attaches them to the last element.
* ``a.b.c = 1`` gives ``("a",)`` at ``a``, ``("a", "b")`` at ``b`` and the leaf ``("a", "b", "c")``
  at ``c``.
* Inline tables and arrays are followed to any depth: array element ``i`` is recorded at
  its first character (the ``{`` of an inline table), keys of inline tables at the key.

When a path occurs more than once (a table implied by ``[a.b]`` and later defined by
``[a]``, or by several dotted keys), the first place that *defines* it wins over places
that only imply it, and otherwise the first place wins.

The scanner never raises. Scenario text comes from authors and may be broken; the loader
reports syntax errors itself with tomli's message. When the scanner meets something it
cannot follow, it keeps what it has found, skips to the next line and carries on.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Final

Path = tuple[str | int, ...]
"""A key path: table and key names, and 0-based indices into arrays (of tables)."""

_MAX_DEPTH: Final = 100
"""Deepest nesting of arrays / inline tables followed; deeper values are skipped unrecorded.

It bounds Python recursion (about three frames per level) so that absurd input cannot
raise RecursionError; real scenarios nest a handful of levels.
"""

_WS: Final = re.compile(r"[ \t]*+")
_WS_NEWLINES_COMMENTS: Final = re.compile(r"(?:[ \t\r\n]++|#[^\n]*+)*+")
_LINE_END: Final = re.compile(r"[ \t]*+(?:#[^\n]*+)?(?:\r?\n|\Z)")

_BARE_KEY: Final = re.compile(r"[A-Za-z0-9_-]++")
_BASIC_KEY: Final = re.compile(r'"((?:[^"\\\n]++|\\.)*+)"')
_LITERAL_KEY: Final = re.compile(r"'([^'\n]*+)'")

_BASIC_STR: Final = re.compile(r'"(?:[^"\\\n]++|\\.)*+"')
_LITERAL_STR: Final = re.compile(r"'[^'\n]*+'")
# A multi-line string ends at the first unescaped triple quote; up to two more quotes
# right after it still belong to the content (TOML allows `""""` to end `..."`).
_ML_BASIC_STR: Final = re.compile(r'"""(?:[^"\\]++|\\.|"(?!""))*+"""(?:"{0,2}+)', re.DOTALL)
_ML_LITERAL_STR: Final = re.compile(r"'''.*?'''(?:'{0,2}+)", re.DOTALL)
# Numbers, booleans, inf/nan, dates and times; a date-time may use a space as separator.
_SCALAR: Final = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}[0-9A-Za-z_+\-.:]*+|[0-9A-Za-z_+\-.:]++"
)
# Everything inside a too-deep value that is neither a bracket, a string nor a comment.
_PLAIN_RUN: Final = re.compile(r"[^\[\]{}\"'#]*+")

_ESCAPE: Final = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|x([0-9A-Fa-f]{2})|(.))")
_SIMPLE_ESCAPES: Final = {
    "b": "\b",
    "t": "\t",
    "n": "\n",
    "f": "\f",
    "r": "\r",
    "e": "\x1b",
    '"': '"',
    "\\": "\\",
}


class _Malformed(Exception):
    """Internal: the text cannot be followed here; the statement is abandoned."""


def _unescape_match(match: re.Match[str]) -> str:
    """The character one escape sequence of a basic string stands for (itself if invalid)."""
    hex_digits = match.group(1) or match.group(2) or match.group(3)
    if hex_digits is not None:
        code = int(hex_digits, 16)
        if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF:
            return chr(code)
        return match.group(0)
    return _SIMPLE_ESCAPES.get(match.group(4), match.group(0))


def _unescape(raw: str) -> str:
    """The key a basic-quoted key stands for, so paths match tomli's dict keys."""
    if "\\" not in raw:
        return raw
    return _ESCAPE.sub(_unescape_match, raw)


class _Scanner:
    """One pass over the text, recording the character offset of every key path."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.end = len(text)
        self.pos = 0
        self.found: dict[Path, int] = {}
        self.implied_only: set[Path] = set()
        # Element count of every array of tables seen, by its path (indices included).
        self.table_arrays: dict[Path, int] = {}

    # Recording ----------------------------------------------------------------------

    def define(self, path: Path, offset: int) -> None:
        """Record where ``path`` is defined; the first definition wins over implications."""
        if path not in self.found or path in self.implied_only:
            self.found[path] = offset
            self.implied_only.discard(path)

    def imply(self, path: Path, offset: int) -> None:
        """Record where ``path`` is first implied (by a dotted key or header), unless known."""
        if path not in self.found:
            self.found[path] = offset
            self.implied_only.add(path)

    # Statements ---------------------------------------------------------------------

    def run(self) -> dict[Path, int]:
        """Scan the whole text: table headers and key/value lines, skipping what is broken."""
        text = self.text
        table: Path = ()
        while True:
            self.pos = self._match(_WS_NEWLINES_COMMENTS)
            if self.pos >= self.end:
                return self.found
            try:
                if text[self.pos] == "[":
                    table = self._header()
                else:
                    self._key_value(table, 0)
                line_end = _LINE_END.match(text, self.pos)
                if line_end is None:
                    raise _Malformed
                self.pos = line_end.end()
            except _Malformed:
                newline = text.find("\n", self.pos)
                self.pos = self.end if newline < 0 else newline + 1

    def _header(self) -> Path:
        """Read ``[a.b]`` or ``[[a.b]]`` at ``pos`` and return the table it opens."""
        text = self.text
        start = self.pos
        is_array = text.startswith("[[", start)
        self.pos = start + (2 if is_array else 1)
        self.pos = self._match(_WS)
        segments = self._key()
        self.pos = self._match(_WS)
        close = "]]" if is_array else "]"
        if not text.startswith(close, self.pos):
            raise _Malformed
        self.pos += len(close)

        path: list[str | int] = []
        for name, offset in segments[:-1]:
            path.append(name)
            self.imply(tuple(path), offset)
            count = self.table_arrays.get(tuple(path))
            if count:  # A header below an array of tables continues its last element.
                path.append(count - 1)
                self.imply(tuple(path), offset)
        path.append(segments[-1][0])
        if is_array:
            array = tuple(path)
            self.imply(array, start)
            index = self.table_arrays.get(array, 0)
            self.table_arrays[array] = index + 1
            path.append(index)
        table = tuple(path)
        self.define(table, start)
        return table

    def _key_value(self, base: Path, depth: int) -> None:
        """Read ``key = value`` at ``pos``, the key relative to table ``base``."""
        segments = self._key()
        path = base
        for name, offset in segments[:-1]:
            path = (*path, name)
            self.imply(path, offset)
        name, offset = segments[-1]
        path = (*path, name)
        self.define(path, offset)
        self.pos = self._match(_WS)
        if not self.text.startswith("=", self.pos):
            raise _Malformed
        self.pos = self._match(_WS, self.pos + 1)
        self._value(path, depth)

    def _key(self) -> list[tuple[str, int]]:
        """Read a (dotted) key at ``pos``: each segment's name and offset."""
        text = self.text
        segments: list[tuple[str, int]] = []
        while True:
            offset = self.pos
            first = text[offset : offset + 1]
            if first == '"':
                match = _BASIC_KEY.match(text, offset)
                name = "" if match is None else _unescape(match.group(1))
            elif first == "'":
                match = _LITERAL_KEY.match(text, offset)
                name = "" if match is None else match.group(1)
            else:
                match = _BARE_KEY.match(text, offset)
                name = "" if match is None else match.group(0)
            if match is None:
                raise _Malformed
            segments.append((name, offset))
            self.pos = match.end()
            after = self._match(_WS)
            if not text.startswith(".", after):
                return segments
            self.pos = self._match(_WS, after + 1)

    # Values -------------------------------------------------------------------------

    def _value(self, path: Path, depth: int) -> None:
        """Skip the value at ``pos``, recording the keys and elements inside it."""
        text = self.text
        first = text[self.pos : self.pos + 1]
        if first in ("[", "{"):
            if depth >= _MAX_DEPTH:
                self._skip_nested()
            elif first == "[":
                self._array(path, depth + 1)
            else:
                self._inline_table(path, depth + 1)
            return
        if first == '"':
            if text.startswith('"""', self.pos):
                self.pos = self._match_or_give_up(_ML_BASIC_STR)
                return
            match = _BASIC_STR.match(text, self.pos)
        elif first == "'":
            if text.startswith("'''", self.pos):
                self.pos = self._match_or_give_up(_ML_LITERAL_STR)
                return
            match = _LITERAL_STR.match(text, self.pos)
        else:
            match = _SCALAR.match(text, self.pos)
        if match is None:
            raise _Malformed
        self.pos = match.end()

    def _array(self, path: Path, depth: int) -> None:
        """Skip ``[ ... ]`` at ``pos``, recording element ``i`` as ``path + (i,)``."""
        text = self.text
        self.pos += 1
        index = 0
        while True:
            self.pos = self._match(_WS_NEWLINES_COMMENTS)
            if text.startswith("]", self.pos):
                self.pos += 1
                return
            if self.pos >= self.end:
                raise _Malformed
            element = (*path, index)
            self.define(element, self.pos)
            self._value(element, depth)
            self.pos = self._match(_WS_NEWLINES_COMMENTS)
            if text.startswith(",", self.pos):
                self.pos += 1
                index += 1
            elif text.startswith("]", self.pos):
                self.pos += 1
                return
            else:
                raise _Malformed

    def _inline_table(self, path: Path, depth: int) -> None:
        """Skip ``{ ... }`` at ``pos``, recording its keys below ``path``.

        Newlines, comments and a trailing comma are accepted (TOML 1.1, which tomli reads).
        """
        text = self.text
        self.pos += 1
        while True:
            self.pos = self._match(_WS_NEWLINES_COMMENTS)
            if text.startswith("}", self.pos):
                self.pos += 1
                return
            self._key_value(path, depth)
            self.pos = self._match(_WS_NEWLINES_COMMENTS)
            if text.startswith(",", self.pos):
                self.pos += 1
            elif text.startswith("}", self.pos):
                self.pos += 1
                return
            else:
                raise _Malformed

    def _skip_nested(self) -> None:
        """Skip a too-deeply nested array or inline table without recursion or recording."""
        text = self.text
        depth = 0
        while self.pos < self.end:
            self.pos = self._match(_PLAIN_RUN)
            char = text[self.pos : self.pos + 1]
            if char in ("[", "{"):
                depth += 1
                self.pos += 1
            elif char in ("]", "}"):
                depth -= 1
                self.pos += 1
                if depth == 0:
                    return
            elif char == "#":
                newline = text.find("\n", self.pos)
                self.pos = self.end if newline < 0 else newline
            elif char in ('"', "'"):
                self._value((), _MAX_DEPTH)
        raise _Malformed

    # Helpers ------------------------------------------------------------------------

    def _match(self, pattern: re.Pattern[str], pos: int | None = None) -> int:
        """End of ``pattern`` (which always matches, possibly empty) at ``pos``."""
        match = pattern.match(self.text, self.pos if pos is None else pos)
        assert match is not None  # Every pattern passed here can match the empty string.
        return match.end()

    def _match_or_give_up(self, pattern: re.Pattern[str]) -> int:
        """End of a multi-line string; an unterminated one runs to the end of the text."""
        match = pattern.match(self.text, self.pos)
        if match is None:
            self.pos = self.end  # As in tomli: the rest of the file is inside the string.
            raise _Malformed
        return match.end()


class KeyLocator:
    """Source positions of the keys of one TOML text, for ``file:line:col`` reports.

    Built once per file (the scan is a single linear pass); ``position`` then answers
    the location of any pydantic or semantic-check error path.
    """

    def __init__(self, text: str) -> None:
        """Scan ``text`` (never raises, even on malformed TOML)."""
        offsets = _Scanner(text).run()
        line_starts = [0]
        line_starts.extend(match.end() for match in re.finditer("\n", text))
        self._positions: dict[Path, tuple[int, int]] = {}
        for path, offset in offsets.items():
            line = bisect_right(line_starts, offset)
            self._positions[path] = (line, offset - line_starts[line - 1] + 1)

    def position(self, path: Path) -> tuple[int, int]:
        """Best (line, col) for path: exact key if known, else the nearest known ancestor
        (e.g. the start of its table / array element), else (1, 1).

        The fallback matters for errors about something *absent* (a missing key is
        reported on the table that lacks it) and for paths with parts TOML does not have.
        """
        path = tuple(path)
        for length in range(len(path), 0, -1):
            found = self._positions.get(path[:length])
            if found is not None:
                return found
        return (1, 1)

    def positions(self) -> dict[Path, tuple[int, int]]:
        """Every key path found, with its 1-based (line, col); a copy the caller may keep."""
        return dict(self._positions)


def locate_keys(text: str) -> dict[Path, tuple[int, int]]:
    """Map every key path of TOML ``text`` to the 1-based (line, col) where it is written."""
    return KeyLocator(text).positions()
