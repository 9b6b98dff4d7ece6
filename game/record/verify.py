"""Proof that a saved game is the game its orders produce: re-simulate and compare hashes.

Every line of the history is replayed from the seed and its orders through the one
match loop; the first turn whose state differs from the saved one is reported with
the fields that differ (saved → re-simulated), so a hand-edited order, a changed roll
or a doctored snapshot is named precisely.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from game.engine.orders import IllegalOrder
from game.engine.state import GameOver, new_game, state_hash, state_to_dict
from game.record.history import MAIN, History, Line, TurnNode
from game.record.match import Match

MAX_DIFFERENCES = 40
"""At most this many differing fields are listed; the rest are counted."""


@dataclass(slots=True)
class Divergence:
    """Where a saved game stops being what its orders produce."""

    line: str
    turn: int
    why: str
    differences: list[str] = field(default_factory=list)

    def describe(self) -> str:
        """Plain text for the command line: where, why, and each differing field."""
        where = "the start" if self.turn == 0 else f"turn {self.turn}"
        head = f"line '{self.line}', {where}: {self.why}"
        return "\n".join([head, *(f"  {d}" for d in self.differences)])


def verify_match(match: Match) -> Divergence | None:
    """Re-simulate every line of ``match``; the first divergence, or None if exact.

    ValueError if the game was played under other rules: it cannot be re-simulated.
    """
    if match.frozen is not None:
        raise ValueError(match.frozen)
    history = match.history
    start = new_game(match.world, match.seed)
    if state_hash(start) != state_hash(history.initial):
        return Divergence(
            "main",
            0,
            "the saved start is not the scenario's start for this seed",
            diff(state_to_dict(history.initial), state_to_dict(start)),
        )
    for line in history.lines.values():
        found = _verify_line(match, history, line)
        if found is not None:
            return found
    return None


def _verify_line(match: Match, history: History, line: Line) -> Divergence | None:
    """Replay ``line`` from its branch point (already verified as part of its parent)."""
    shared = history.path(line.parent)[: line.branch] if line.parent else []
    replay = Match(
        match.world,
        match.scenario,
        match.seed,
        History(history.initial, {MAIN: Line(MAIN, None, 0, line.seats, list(shared))}),
    )
    for node in line.turns:
        try:
            # Every saved order is replayed as given: the bots are not asked again.
            again = replay.play_turn([g.order for g in node.orders], [])
        except IllegalOrder as exc:
            return Divergence(line.name, node.turn, f"an order cannot be given: {exc}")
        except GameOver:
            return Divergence(line.name, node.turn, "the game was already over before this turn")
        after = again.state
        rolls = _rolls(node)
        if rolls and rolls != _rolls(again):
            return Divergence(
                line.name,
                node.turn,
                "the saved dice are not the dice of this game",
                diff(rolls, _rolls(again)),
            )
        if state_hash(after) != node.state_hash:
            saved = node.snapshot if node.snapshot is not None else state_to_dict(node.state)
            return Divergence(
                line.name,
                node.turn,
                "the saved state is not what the saved orders and the dice produce",
                diff(saved, state_to_dict(after)),
            )
        # Go on from the saved state (equal to the replayed one, by its hash).
        replay.history.line(MAIN).turns[-1] = node
    return None


def _rolls(node: TurnNode) -> list[str]:
    """Every roll of a turn as ``phase purpose: value``, in the order they were logged."""
    return [f"{e.phase} {r.purpose}: {r.value}" for e in node.log for r in e.rolls]


def diff(old: Any, new: Any, where: str = "") -> list[str]:
    """Readable differences between two JSON-like values: ``path: old → new``."""
    out: list[str] = []
    _diff(old, new, where, out)
    if len(out) > MAX_DIFFERENCES:
        extra = len(out) - MAX_DIFFERENCES
        out = [*out[:MAX_DIFFERENCES], f"… and {extra} more"]
    return out


def _diff(old: Any, new: Any, where: str, out: list[str]) -> None:
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted(set(old) | set(new), key=str):
            path = f"{where}.{key}" if where else str(key)
            if key not in old:
                out.append(f"{path}: (absent) → {_short(new[key])}")
            elif key not in new:
                out.append(f"{path}: {_short(old[key])} → (absent)")
            else:
                _diff(old[key], new[key], path, out)
    elif isinstance(old, list) and isinstance(new, list):
        if len(old) != len(new) and not _keyed(old, new):
            out.append(f"{where}: {len(old)} items → {len(new)} items")
            return
        if _keyed(old, new):
            olds = {item["id"]: item for item in old}
            news = {item["id"]: item for item in new}
            for key in [*olds, *(k for k in news if k not in olds)]:
                path = f"{where}[{key}]"
                if key not in news:
                    out.append(f"{path}: present → (absent)")
                elif key not in olds:
                    out.append(f"{path}: (absent) → present")
                else:
                    _diff(olds[key], news[key], path, out)
            return
        for index, (a, b) in enumerate(zip(old, new, strict=True)):
            _diff(a, b, f"{where}[{index}]", out)
    elif old != new or type(old) is not type(new):
        out.append(f"{where}: {_short(old)} → {_short(new)}")


def _keyed(old: list[Any], new: list[Any]) -> bool:
    """Lists of objects with unique ``id`` fields are compared by id, not by position."""
    items = [*old, *new]
    if not items or not all(isinstance(i, dict) and "id" in i for i in items):
        return False
    return len({i["id"] for i in old}) == len(old) and len({i["id"] for i in new}) == len(new)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"
