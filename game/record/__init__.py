"""A game as a record: the match loop, its history tree, saves, and verification.

The names below are loaded on first use, not when the package is imported: importing
a light module of the package (``game.record.files``, which every front end needs at
start for its exit handlers) must not load the engine and the save models with it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from game.record.history import MAIN, Annotation, History, TurnNode
    from game.record.match import Match
    from game.record.save import SaveError, load_save, new_match, parse_save, write_save
    from game.record.verify import Divergence, verify_match

_HOMES = {
    "MAIN": "history",
    "Annotation": "history",
    "History": "history",
    "TurnNode": "history",
    "Match": "match",
    "SaveError": "save",
    "load_save": "save",
    "new_match": "save",
    "parse_save": "save",
    "write_save": "save",
    "Divergence": "verify",
    "verify_match": "verify",
}

__all__ = [
    "MAIN",
    "Annotation",
    "Divergence",
    "History",
    "Match",
    "SaveError",
    "TurnNode",
    "load_save",
    "new_match",
    "parse_save",
    "verify_match",
    "write_save",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'game.record' has no attribute {name!r}")
    return getattr(importlib.import_module(f"game.record.{home}"), name)
