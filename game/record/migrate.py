"""Older save formats, brought up to the current one as plain JSON data.

Format 1 held one flat list of turns, a ``players`` list (``kind`` + ``difficulty``)
and unused ``branches``. It becomes one main line with the same turns and seats; the
snapshots and hashes are kept exactly, so the migrated game verifies (under the same
rules) or opens for viewing (under older ones) just as before.
"""

from __future__ import annotations

from typing import Any

from game.ai.registry import HUMAN
from game.record.history import MAIN


class MigrationError(ValueError):
    """An older save whose shape is not what that format wrote."""


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` (a save document of any known format) in the current format."""
    if data.get("format_version") == 1:
        return _from_1(data)
    return data


def _from_1(data: dict[str, Any]) -> dict[str, Any]:
    players = data.get("players")
    turns = data.get("turns", [])
    notes = data.get("annotations", [])
    if not isinstance(players, list) or not isinstance(turns, list) or not isinstance(notes, list):
        raise MigrationError("format 1: 'players', 'turns' and 'annotations' must be lists")
    if data.get("branches"):
        raise MigrationError("format 1: saved branches were never written by Sidra")
    seats = [_seat_1(p) for p in players]
    out = {k: v for k, v in data.items() if k not in ("players", "turns", "branches")}
    out["format_version"] = 2
    out.setdefault("rules_version", 1)
    out["lines"] = [{"name": MAIN, "parent": None, "branch": 0, "seats": seats, "turns": turns}]
    out["annotations"] = [_note_1(a) for a in notes]
    return out


def _seat_1(player: Any) -> dict[str, Any]:
    if not isinstance(player, dict):
        raise MigrationError("format 1: every player must be an object")
    kind, difficulty = player.get("kind"), player.get("difficulty") or ""
    word: Any = kind
    if kind == HUMAN:
        word = HUMAN
    elif kind == "rule":
        word = difficulty or "normal"
    return {"faction": player.get("faction"), "player": word}


def _note_1(note: Any) -> dict[str, Any]:
    if not isinstance(note, dict):
        raise MigrationError("format 1: every annotation must be an object")
    return {**note, "line": MAIN}
