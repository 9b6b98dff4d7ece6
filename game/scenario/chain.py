"""Following ``extends`` from a variant to its root base: the files of one chain.

A base is read only from the folder of the file that names it: ``extends`` is a bare
file name ending in ``.toml`` (no folder, no ``..``, not absolute), and the file it
names, links resolved, must still be in that folder; the name is at most
:data:`~game.scenario.story.MAX_PATH` characters, and a name the system refuses or a link
that leads nowhere is a problem like a missing file. A chain holds at most
:data:`~game.scenario.extends.MAX_CHAIN` files and never the same file twice. Each
problem names the file whose ``extends`` is wrong, at that key.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from game.scenario.errors import ScenarioError, did_you_mean
from game.scenario.extends import EXTENDS, MAX_CHAIN, Layer, toml_type
from game.scenario.story import MAX_PATH

ReadLayer = Callable[[Path, str], Layer]
"""Reads and parses one scenario file (path, name for problems); ScenarioError if it
cannot (unreadable, not UTF-8, not TOML)."""


def read_chain(path: Path, top: Layer, read: ReadLayer) -> list[Layer]:
    """The chain of files from the variant at ``path`` (read already: ``top``) to its root
    base, root first.

    ScenarioError if a file of the chain cannot be read or an ``extends`` is wrong: a
    missing base, a path leaving the folder, a cycle or a chain that is too long.
    """
    layers = [top]
    seen = [_identity(path)]
    names = [Path(top.file).name]  # the chain's files share one folder: names suffice
    current_path = path
    while EXTENDS in layers[-1].data:
        layer = layers[-1]
        base_name = _base_name(layer)
        base_path = current_path.parent / base_name
        shown = str(Path(layer.file).parent / base_name)
        absent = _absent(layer, base_path, base_name)
        if absent is not None:
            raise ScenarioError([layer.at((EXTENDS,), absent)])
        folder = _identity(current_path.parent)
        found = _identity(base_path)
        if found.parent != folder:
            raise ScenarioError(
                [
                    layer.at(
                        (EXTENDS,),
                        f"extends: '{base_name}' is a link to a file outside this folder "
                        f"({found}); a base is read only from the variant's own folder",
                    )
                ]
            )
        if found in seen:
            loop = " → ".join([*names[seen.index(found) :], base_name])
            raise ScenarioError(
                [
                    layer.at(
                        (EXTENDS,),
                        f"extends: the chain of bases loops ({loop}); a scenario cannot "
                        "extend itself, directly or through others",
                    )
                ]
            )
        if len(layers) >= MAX_CHAIN:
            chain = " → ".join([*names, base_name])
            raise ScenarioError(
                [
                    layer.at(
                        (EXTENDS,),
                        f"extends: the chain of bases is too long ({chain}): at most "
                        f"{MAX_CHAIN} files, the variant included",
                    )
                ]
            )
        layers.append(read(base_path, shown))
        seen.append(found)
        names.append(base_name)
        current_path = base_path
    layers.reverse()
    return layers


def _base_name(layer: Layer) -> str:
    """The base file name a layer's ``extends`` gives, checked to stay in its folder."""
    value = layer.data[EXTENDS]
    example = 'like extends = "oil_crescent_2014.toml"'
    if not isinstance(value, str):
        raise ScenarioError(
            [
                layer.at(
                    (EXTENDS,),
                    f"extends: expected a string (the base's file name, {example}), "
                    f"found {toml_type(value)}",
                )
            ]
        )
    if not value.strip():
        raise ScenarioError([layer.at((EXTENDS,), f"extends: the file name is empty ({example})")])
    shown = value if len(value) <= 80 else value[:79] + "…"
    if len(value) > MAX_PATH:
        raise ScenarioError(
            [
                layer.at(
                    (EXTENDS,),
                    f"extends: the file name is {len(value):,} characters long; a base's name "
                    f"is at most {MAX_PATH} (found {shown!r})",
                )
            ]
        )
    if (
        "/" in value
        or "\\" in value
        or "\0" in value
        or value in (".", "..")
        or Path(value).is_absolute()
        or (len(value) > 1 and value[1] == ":")
    ):
        raise ScenarioError(
            [
                layer.at(
                    (EXTENDS,),
                    f"extends: the base must be a file in the same folder as this one: give "
                    f"its name alone, {example} (found {shown!r})",
                )
            ]
        )
    if not value.endswith(".toml"):
        raise ScenarioError(
            [
                layer.at(
                    (EXTENDS,),
                    f"extends: the base must be a scenario file ending in .toml (found {shown!r})",
                )
            ]
        )
    return value


def _absent(layer: Layer, base_path: Path, base_name: str) -> str | None:
    """Why the base at ``base_path`` cannot be followed (None if something is there).

    Looked at without following a link first, so a link that leads nowhere, or round in
    a loop, is told as such rather than as a missing file; a name the system refuses
    (too long in bytes) or a folder that cannot be searched is a message, not an error.
    """
    try:
        base_path.lstat()
    except FileNotFoundError:
        return _missing(layer, base_path, base_name)
    except (OSError, ValueError) as exc:
        return f"extends: '{_short(base_name)}' cannot be opened ({_reason(exc)})"
    try:
        base_path.stat()
    except FileNotFoundError:
        return f"extends: '{_short(base_name)}' is a symbolic link to a file that is not there"
    except (OSError, ValueError) as exc:
        return f"extends: '{_short(base_name)}' cannot be opened ({_reason(exc)})"
    return None


def _short(name: str) -> str:
    """A file name as a message shows it: at most 80 characters."""
    return name if len(name) <= 80 else name[:79] + "…"


def _reason(exc: Exception) -> str:
    """Why a file could not be looked at, in the system's words."""
    return (exc.strerror if isinstance(exc, OSError) else None) or str(exc)


def _missing(layer: Layer, base_path: Path, base_name: str) -> str:
    """The message for a base that is not there, with the nearest file name if any."""
    try:
        there = sorted(p.name for p in base_path.parent.glob("*.toml"))
    except OSError:
        there = []
    own = Path(layer.file).name
    others = [n for n in there if n != own]
    return f"extends: no file '{_short(base_name)}' beside {own}{did_you_mean(base_name, others)}"


def _identity(path: Path) -> Path:
    """The file a path names, links resolved (as written if it cannot be resolved)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):
        return path.absolute()
