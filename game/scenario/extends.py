"""Variants: a scenario that ``extends`` another and writes only what differs.

A variant is a scenario file whose first key names its *base*, a scenario file in the
same folder::

    extends = "oil_crescent_2014.toml"

Everything the variant does not mention is the base's. What it writes is merged into the
base by these rules, always the same way, so the same files give the same scenario:

* **Tables merge key by key.** ``[meta]`` with only ``id`` and ``title`` changes those two
  keys; the base's ``start``, ``turns``... stay. This holds at any depth (``[map.labels]``,
  ``victory`` inside a change below). An array value (``situation``, ``supply``,
  ``terms``...) is replaced whole.
* **Arrays of tables merge by id** (``[[region]]``, ``[[faction]]``, ``[[order]]``,
  ``[[event]]``...; a ``[[link]]`` is known by its two ends, in either order). An element
  whose id the base has *replaces* that element whole, in its place; an element with a
  new id is *added* after the base's.
* **Remove by id**: ``[remove]`` lists the ids to take out, by section; for a table it
  lists keys to take out (the key goes back to its default, or the entry is gone)::

      [remove]
      order = ["intervene"]
      link = [["misrata", "sirte"]]
      map.labels = ["sicily"]

* **Change some keys of one element**: ``[change.SECTION.ID]`` holds only the keys that
  differ; the rest of the element stays as in the base::

      [change.faction.dawn]
      cohesion = 40
      victory.target = 14

In one file the removals come first, then the elements given whole, then the changes,
then the tables. A base may itself extend another (at most :data:`MAX_CHAIN` files in all);
only the final, merged scenario has to be complete and valid, and it is checked exactly
as a single file is. A problem is reported at the line that wrote the offending value:
in the variant if the variant wrote it, in the base if it comes from the base.

This module holds the rules' words and the merged document's types; the merge itself is
in ``game.scenario.merge`` and following ``extends`` from file to file in
``game.scenario.chain``. All of it is pure but the reading of files, done by
``game.scenario.loader``; the merged document remembers, for every part of it, which
file and key wrote it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Final, Protocol

from game.scenario.errors import Problem
from game.scenario.locate import KeyLocator

EXTENDS: Final = "extends"
"""The key naming a variant's base."""
CHANGE: Final = "change"
"""The table of changes to single elements: ``[change.SECTION.ID]``."""
REMOVE: Final = "remove"
"""The table of ids to remove: ``[remove] SECTION = [ids]``."""
DIRECTIVES: Final = (EXTENDS, CHANGE, REMOVE)
"""Keys that only a variant may write; none of them is part of the merged scenario."""

MAX_CHAIN: Final = 5
"""Files in one chain of variants, the variant and its bases together."""

ENDS: Final = {"link": ("a", "b")}
"""Sections whose elements have no id and are known by their two ends instead."""

KeyPath = tuple[str | int, ...]
Origin = tuple[int, KeyPath]
"""Where a value was written: the index of its file in the chain and its key path there."""


@dataclass(frozen=True)
class Layer:
    """One file of a chain, read and parsed: its name (as problems give it), text,
    parsed document and the position of each of its keys."""

    file: str
    text: str
    data: dict[str, Any]
    locator: KeyLocator

    def at(self, path: KeyPath, message: str) -> Problem:
        """A problem located at ``path`` of this file."""
        line, col = self.locator.position(path)
        return Problem(self.file, line, col, message)

    def locate(self, path: KeyPath) -> tuple[str, int, int]:
        """This file, and the line and column of ``path`` in it (see :class:`Where`)."""
        return (self.file, *self.locator.position(path))

    def hint(self, path: KeyPath, message: str, missing: bool = False) -> str:
        """``message`` as it is: a single file has no merge to explain (see :class:`Where`)."""
        return message


class Where(Protocol):
    """Where the values of a document to check were written: one file (:class:`Layer`) or
    the files of a chain (:class:`Merged`)."""

    def locate(self, path: KeyPath) -> tuple[str, int, int]:
        """The file, line and column that wrote the value at ``path``."""
        ...

    def hint(self, path: KeyPath, message: str, missing: bool = False) -> str:
        """``message`` about ``path``, with what explains it (``missing``: a key is)."""
        ...


@dataclass
class Merged:
    """The merged document of a chain, and where each of its parts was written."""

    data: dict[str, Any]
    layers: list[Layer]
    """The chain, the root base first and the variant last."""
    origins: dict[KeyPath, Origin]
    removed: dict[str, Origin] = field(default_factory=dict)
    """Every id removed, with where its removal is written."""
    replaced: dict[KeyPath, str] = field(default_factory=dict)
    """Element paths (section, index) of elements that replaced a base element whole."""
    problems: list[Problem] = field(default_factory=list)
    """Problems with the variants' own directives (unknown ids, wrong shapes...)."""
    _hinted: set[KeyPath] = field(default_factory=set)
    _quoting: list[str] | None = None

    def _quoting_ids(self) -> list[str]:
        """The removed ids that hold a quote themselves (link ends may), found once."""
        if self._quoting is None:
            self._quoting = sorted(i for i in self.removed if "'" in i)
        return self._quoting

    def locate(self, path: KeyPath) -> tuple[str, int, int]:
        """The file, line and column that wrote the value at ``path`` of the merged data.

        The longest part of the path whose origin is known decides the file; the rest of
        the path is followed inside that file (down to its nearest written ancestor).
        """
        path = tuple(path)
        for length in range(len(path), -1, -1):
            origin = self.origins.get(path[:length])
            if origin is not None:
                index, source = origin
                layer = self.layers[index]
                return (layer.file, *layer.locator.position(source + path[length:]))
        top = self.layers[-1]
        return (top.file, 1, 1)

    def hint(self, path: KeyPath, message: str, missing: bool = False) -> str:
        """``message`` with what the merge did that explains it, where that helps.

        A reference to an id a variant removed says where it was removed; a key missing
        from an element that replaced a base element says how to change a few keys only.
        """
        # The quoted words of the message that name a removed id (the first in sorted
        # order, as the message may quote several); looked up, not searched for each of
        # the thousands of ids a file may remove.
        quoted = re.findall(r"'([^']*)'", message)
        named = sorted({word for word in quoted if word in self.removed})
        odd = [i for i in self._quoting_ids() if f"'{i}'" in message]
        for ident in sorted([*named, *odd])[:1]:
            index, source = self.removed[ident]
            layer = self.layers[index]
            line, _ = layer.locator.position(source)
            return f"{message} ('{ident}' is removed at {layer.file}:{line})"
        if missing and len(path) >= 2 and path[:2] not in self._hinted:
            whole = self.replaced.get(path[:2])
            if whole is not None:
                self._hinted.add(path[:2])  # said once per element, not per missing key
                section = path[0]
                return (
                    f"{message}; this [[{section}]] replaces the base's '{whole}' whole: to "
                    f"change only some keys, write them under [change.{section}.{whole}]"
                )
        return message


def element_key(section: str, item: dict[str, Any]) -> str | None:
    """The name an element is matched by: its id, or for links its two ends ("a-b", in
    sorted order); None if it has none (it can only be added)."""
    ends = ENDS.get(section)
    if ends is not None:
        a, b = (item.get(end) for end in ends)
        if isinstance(a, str) and isinstance(b, str):
            return "-".join(sorted((a, b)))
        return None
    ident = item.get("id")
    return ident if isinstance(ident, str) else None


def toml_type(value: object) -> str:
    """A TOML value's type in TOML's words, for messages."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a float"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    return "a date or time"


def directive_keys(data: dict[str, Any]) -> Iterator[str]:
    """The variant-only keys present in a document, in file order."""
    return (key for key in data if key in DIRECTIVES)


def forget_below(origins: dict[KeyPath, Origin], path: KeyPath, old: object) -> None:
    """Drop the origins recorded below ``path``, whose value was ``old`` (a new value
    replaces all of it).

    Origins are recorded only for the keys of tables, so walking the old value finds
    every one there is: the work is the size of what is replaced, not of the whole
    document for each key written (which made a file of many keys take minutes).
    """
    stack = [(path, old)]
    while stack:
        at, value = stack.pop()
        if isinstance(value, dict):
            for key, inner in value.items():
                below = (*at, key)
                origins.pop(below, None)
                stack.append((below, inner))


def removal_key(section: str, given: object) -> str | None:
    """The key an entry of ``[remove]`` names, or None if it has the wrong shape."""
    if section in ENDS:
        if (
            isinstance(given, list)
            and len(given) == 2
            and all(isinstance(end, str) for end in given)
        ):
            return "-".join(sorted(given))
        return None
    return given if isinstance(given, str) else None


def removal_shape(section: str, given: object) -> str:
    """What an entry of ``[remove]`` of the wrong shape should have been."""
    if section in ENDS:
        return (
            f"remove.{section}: a {section} is named by its two ends, like "
            f'["misrata", "sirte"]; found {toml_type(given)}'
        )
    return f"remove.{section}: expected an id (a string), found {toml_type(given)}"
