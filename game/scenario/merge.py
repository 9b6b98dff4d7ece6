"""The merge of a chain of scenario files, by the rules in :mod:`game.scenario.extends`.

The document is built section by section from the root base; an array of tables is kept
as a list of elements, each remembering which file and key wrote each of its parts, so
that the merged document can say where any value of it was written.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from game.scenario.errors import MAX_PROBLEMS, Problem, did_you_mean
from game.scenario.extends import (
    CHANGE,
    DIRECTIVES,
    ENDS,
    REMOVE,
    KeyPath,
    Layer,
    Merged,
    Origin,
    element_key,
    forget_below,
    removal_key,
    removal_shape,
    toml_type,
)


def merge_layers(layers: list[Layer]) -> Merged:
    """Merge a chain (root base first) into one document, by the rules of this module."""
    merge = _Merge(layers)
    for index in range(1, len(layers)):
        merge.apply(index)
    return merge.finish()


@dataclass
class _Element:
    """One element of an array of tables while merging, with where each part came from
    (paths relative to the element; ``()`` is the element itself)."""

    data: dict[str, Any]
    origins: dict[KeyPath, Origin]
    replaced: str = ""
    """The id or ends of the base element this one replaced whole ('' if none)."""


def _is_tables(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


class _Merge:
    """The state of a merge: the document so far, section by section."""

    def __init__(self, layers: list[Layer]) -> None:
        self.layers = layers
        self.values: dict[str, Any] = {}
        """Top-level values; an array of tables is a list of :class:`_Element`."""
        self.origins: dict[KeyPath, Origin] = {}
        """Origins of everything outside arrays of tables, by full path."""
        self.removed: dict[str, Origin] = {}
        self.problems: list[Problem] = []
        root = layers[0]
        for key, value in root.data.items():
            if key in DIRECTIVES:
                continue  # the root extends nothing; the loader reports these
            if _is_tables(value):
                self.values[key] = [
                    _Element(copy.deepcopy(item), {(): (0, (key, i))})
                    for i, item in enumerate(value)
                ]
            else:
                self.values[key] = copy.deepcopy(value)
            self.origins[(key,)] = (0, (key,))

    # One layer -------------------------------------------------------------------------

    def apply(self, index: int) -> None:
        """Apply the file ``layers[index]`` to the document: remove, give, change, merge."""
        layer = self.layers[index]
        removed_here = self._remove(index, layer)
        for key, value in layer.data.items():
            if key in DIRECTIVES:
                continue
            current = self.values.get(key)
            if _is_tables(value) and (current is None or _is_elements(current)):
                self._give(index, layer, key, value, removed_here)
            elif isinstance(value, dict) and isinstance(current, dict):
                self._merge_table(current, value, (key,), index, (key,), self.origins)
            else:
                self.values[key] = (
                    [
                        _Element(copy.deepcopy(v), {(): (index, (key, i))})
                        for i, v in enumerate(value)
                    ]
                    if _is_tables(value)
                    else copy.deepcopy(value)
                )
                forget_below(self.origins, (key,), current)
                self.origins[(key,)] = (index, (key,))
        self._change(index, layer)

    def _remove(self, index: int, layer: Layer) -> set[tuple[str, str]]:
        """Take out the elements ``[remove]`` lists; returns (section, key) of each."""
        done: set[tuple[str, str]] = set()
        table = layer.data.get(REMOVE)
        if table is None:
            return done
        if not isinstance(table, dict):
            self.problems.append(
                layer.at(
                    (REMOVE,),
                    f'remove: expected a table of ids by section (like `order = ["x"]`), '
                    f"found {toml_type(table)}",
                )
            )
            return done
        for section, ids in table.items():
            current = self.values.get(section)
            if isinstance(current, dict):
                self._remove_keys(layer, current, ids, (REMOVE, section), (section,))
                continue
            elements = self._section(layer, (REMOVE, section), section)
            if elements is None:
                continue
            if not isinstance(ids, list):
                self.problems.append(
                    layer.at(
                        (REMOVE, section),
                        f"remove.{section}: expected an array of ids, found {toml_type(ids)}",
                    )
                )
                continue
            # Each element's place by its key, found once: a file may remove thousands.
            places: dict[str, list[int]] = {}
            for i, element in enumerate(elements):
                key = element_key(section, element.data)
                if key is not None:
                    places.setdefault(key, []).append(i)
            gone: set[int] = set()
            for j, given in enumerate(ids):
                where = (REMOVE, section, j)
                wanted = removal_key(section, given)
                if wanted is None:
                    self.problems.append(layer.at(where, removal_shape(section, given)))
                    continue
                left = places.get(wanted)
                if not left:
                    known = (k for k, at in places.items() if at)
                    self.problems.append(
                        layer.at(
                            where,
                            f"remove.{section}: no {section} '{wanted}' to remove"
                            f"{self._suggest(wanted, known)}",
                        )
                    )
                    continue
                gone.add(left.pop(0))
                self.removed[wanted] = (index, where)
                done.add((section, wanted))
            if gone:
                elements[:] = [e for i, e in enumerate(elements) if i not in gone]
        return done

    def _remove_keys(
        self, layer: Layer, table: dict[str, Any], keys: object, where: KeyPath, at: KeyPath
    ) -> None:
        """Take keys out of a table (``[remove] map.labels = ["x"]``): the table goes back
        to the default for each, or loses the entry."""
        name = ".".join(map(str, where))
        if isinstance(keys, dict):
            for key, inner in keys.items():
                below = table.get(key)
                if isinstance(below, dict):
                    self._remove_keys(layer, below, inner, (*where, key), (*at, key))
                else:
                    self.problems.append(
                        layer.at((*where, key), f"{name}: no table '{key}' to remove keys from")
                    )
            return
        if not isinstance(keys, list):
            self.problems.append(
                layer.at(where, f"{name}: expected an array of keys, found {toml_type(keys)}")
            )
            return
        for j, key in enumerate(keys):
            if not isinstance(key, str):
                self.problems.append(
                    layer.at(
                        (*where, j), f"{name}: expected a key (a string), found {toml_type(key)}"
                    )
                )
            elif key not in table:
                self.problems.append(
                    layer.at(
                        (*where, j),
                        f"{name}: no key '{key}' to remove{did_you_mean(key, list(table))}",
                    )
                )
            else:
                forget_below(self.origins, (*at, key), table.pop(key))
                self.origins.pop((*at, key), None)

    def _give(
        self,
        index: int,
        layer: Layer,
        section: str,
        items: list[dict[str, Any]],
        removed_here: set[tuple[str, str]],
    ) -> None:
        """Elements given whole: each replaces the element with its key, or is added."""
        elements: list[_Element] = self.values.setdefault(section, [])
        self.origins.setdefault((section,), (index, (section,)))
        given: set[str] = set()
        place: dict[str, int] = {}
        for i, current in enumerate(elements):
            current_key = element_key(section, current.data)
            if current_key is not None:
                place.setdefault(current_key, i)
        for j, item in enumerate(items):
            element = _Element(copy.deepcopy(item), {(): (index, (section, j))})
            key = element_key(section, item)
            if key is not None and key in given:
                self.problems.append(
                    layer.at((section, j), f"{section} '{key}' is given twice in this file")
                )
                continue
            if key is not None and (section, key) in removed_here:
                self.problems.append(
                    layer.at(
                        (section, j),
                        f"{section} '{key}' is both removed and given in this file: to "
                        "replace it, give it without removing it",
                    )
                )
                continue
            if key is not None:
                given.add(key)
            if key is not None and key in place:
                element.replaced = key
                elements[place[key]] = element
            else:
                if key is not None:
                    place[key] = len(elements)
                elements.append(element)

    def _change(self, index: int, layer: Layer) -> None:
        """Merge ``[change.SECTION.ID]`` tables into the elements they name."""
        table = layer.data.get(CHANGE)
        if table is None:
            return
        if not isinstance(table, dict):
            self.problems.append(
                layer.at(
                    (CHANGE,),
                    f"change: expected tables like [change.faction.dawn], found {toml_type(table)}",
                )
            )
            return
        for section, by_id in table.items():
            elements = self._section(layer, (CHANGE, section), section)
            if elements is None:
                continue
            if section in ENDS:
                self.problems.append(
                    layer.at(
                        (CHANGE, section),
                        f"change.{section}: a {section} has no id to change it by; give it "
                        f"again as [[{section}]] with the same ends (it replaces the old one)",
                    )
                )
                continue
            if not isinstance(by_id, dict):
                self.problems.append(
                    layer.at(
                        (CHANGE, section),
                        f"change.{section}: expected tables like [change.{section}.ID], "
                        f"found {toml_type(by_id)}",
                    )
                )
                continue
            place: dict[str, int] = {}
            for i, element in enumerate(elements):
                key = element_key(section, element.data)
                if key is not None:
                    place.setdefault(key, i)
            for ident, keys_given in by_id.items():
                where: KeyPath = (CHANGE, section, ident)
                if ident not in place:
                    self.problems.append(
                        layer.at(
                            where,
                            f"change.{section}: no {section} '{ident}' to change"
                            f"{self._suggest(ident, place)}",
                        )
                    )
                    continue
                if not isinstance(keys_given, dict):
                    self.problems.append(
                        layer.at(
                            where,
                            f"change.{section}.{ident}: expected a table of the keys to "
                            f"change, found {toml_type(keys_given)}",
                        )
                    )
                    continue
                if "id" in keys_given and keys_given["id"] != ident:
                    self.problems.append(
                        layer.at(
                            (*where, "id"),
                            f"change.{section}.{ident}: an id cannot be changed; remove "
                            f"'{ident}' and give the {section} with its new id",
                        )
                    )
                    continue
                element = elements[place[ident]]
                self._merge_table(element.data, keys_given, (), index, where, element.origins)

    # Helpers ---------------------------------------------------------------------------

    def _suggest(self, word: str, known: Iterable[str]) -> str:
        """A "did you mean" for ``word`` among ``known``, while the problems are still few
        enough to be listed (past that, nobody reads it) and the ids few enough to search
        (far more than any section may hold: the search costs a comparison with each)."""
        if len(self.problems) >= MAX_PROBLEMS:
            return ""
        candidates = list(known)
        return did_you_mean(word, candidates) if len(candidates) <= _MAX_SUGGESTED else ""

    def _section(self, layer: Layer, where: KeyPath, section: str) -> list[_Element] | None:
        """The elements of ``section`` for a removal or change (None, reported, if it is
        not an array of tables of the document so far)."""
        current = self.values.get(section)
        if _is_elements(current):
            assert isinstance(current, list)
            return current
        sections = sorted(k for k, v in self.values.items() if _is_elements(v))
        if isinstance(current, dict):
            detail = (
                f"[{section}] is a table, not an array of tables: write the keys to change "
                f"under [{section}] itself"
            )
        else:
            detail = f"no array of tables '{section}'{did_you_mean(section, sections)}"
        self.problems.append(layer.at(where, f"{'.'.join(map(str, where))}: {detail}"))
        return None

    def _merge_table(
        self,
        target: dict[str, Any],
        given: dict[str, Any],
        at: KeyPath,
        index: int,
        source: KeyPath,
        origins: dict[KeyPath, Origin],
    ) -> None:
        """Merge ``given`` into ``target`` key by key, recording each key written.

        ``at`` is the path of ``target`` in ``origins``' terms, ``source`` the path of
        ``given`` in the file ``index``.
        """
        for key, value in given.items():
            here = (*at, key)
            if isinstance(value, dict) and isinstance(target.get(key), dict):
                self._merge_table(target[key], value, here, index, (*source, key), origins)
            else:
                forget_below(origins, here, target.get(key))
                target[key] = copy.deepcopy(value)
                origins[here] = (index, (*source, key))

    def finish(self) -> Merged:
        """The merged document, its origins by merged path, and what was done."""
        data: dict[str, Any] = {}
        origins = dict(self.origins)
        replaced: dict[KeyPath, str] = {}
        for key, value in self.values.items():
            if not _is_elements(value) or not value:
                data[key] = value
                continue
            data[key] = [element.data for element in value]
            for i, element in enumerate(value):
                for rel, origin in element.origins.items():
                    origins[(key, i, *rel)] = origin
                if element.replaced:
                    replaced[(key, i)] = element.replaced
        return Merged(data, self.layers, origins, self.removed, replaced, self.problems)


_MAX_SUGGESTED = 1000
"""Ids searched for a "did you mean" (a section of the scenario holds at most a few hundred)."""


def _is_elements(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, _Element) for v in value)
