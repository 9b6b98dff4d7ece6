"""A game's history as a tree of lines, like a chess game with its variations.

The *main* line is the game as played. A *variation* leaves another line after one of
its turns ("what if Tobruk had not bombed Misrata?") and goes on with its own orders,
and may have variations of its own. Every turn of every line is one :class:`TurnNode`:
the orders given (with the bots' reasons and the players' intent notes), the log with
every roll, the events that fired and the state it led to.

Lines share their common past: the state after turn *t* of a variation that branched
after turn *b* >= *t* is the parent line's. Positions count turns resolved: position 0
is the start, position *t* the state after turn *t*.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from game.ai.registry import Seat
from game.engine.log import LogEntry
from game.engine.order_model import Order
from game.engine.state import GameState
from game.engine.state import state_hash as hash_of

MAIN = "main"
"""The name of the line played first."""


class HistoryError(ValueError):
    """A move through the history that does not exist (no such line or turn)."""


@dataclass(frozen=True, slots=True)
class GivenOrder:
    """An order as given: by a bot with its reason, or by a person with an optional note."""

    order: Order
    reason: str = ""
    intent: str = ""


@dataclass(slots=True, init=False)
class TurnNode:
    """One resolved turn of one line.

    ``state_hash`` may be left out (None) when the turn is recorded: it is then worked
    out from ``state`` the first time it is asked for and kept. Quiet rollouts, which
    never ask, so skip hashing every turn; the value is the same either way.
    """

    turn: int
    orders: list[GivenOrder]
    log: list[LogEntry]
    events: list[str]
    state: GameState
    intents: dict[str, str]
    """A person's one-line "why" for the whole turn, by faction."""
    snapshot: dict[str, Any] | None
    """The state as saved (kept from the file, so a save is rewritten exactly)."""
    _hash: str | None = field(repr=False, compare=False)

    def __init__(
        self,
        turn: int,
        orders: list[GivenOrder],
        log: list[LogEntry],
        events: list[str],
        state: GameState,
        state_hash: str | None = None,
        intents: dict[str, str] | None = None,
        snapshot: dict[str, Any] | None = None,
    ) -> None:
        self.turn = turn
        self.orders = orders
        self.log = log
        self.events = events
        self.state = state
        self._hash = state_hash
        self.intents = {} if intents is None else intents
        self.snapshot = snapshot

    @property
    def state_hash(self) -> str:
        """sha256 (hex) of ``state``'s canonical JSON (as ``engine.state.state_hash``)."""
        if self._hash is None:
            self._hash = hash_of(self.state)
        return self._hash

    @property
    def rolls(self) -> int:
        """How many dice were rolled in this turn."""
        return sum(len(e.rolls) for e in self.log)


@dataclass(slots=True)
class Line:
    """A sequence of turns: the main game, or a variation leaving ``parent`` after ``branch``."""

    name: str
    parent: str | None
    branch: int
    seats: list[Seat]
    turns: list[TurnNode] = field(default_factory=list)

    @property
    def end(self) -> int:
        """The position of this line's last state (turns resolved from the start)."""
        return self.branch + len(self.turns)


@dataclass(frozen=True, slots=True)
class Annotation:
    """A teacher's note on a turn of a line, optionally on one region."""

    line: str
    turn: int
    text: str
    region: str | None = None
    author: str = ""


@dataclass(slots=True)
class History:
    """The start state, every line of play and the notes written on them."""

    initial: GameState
    lines: dict[str, Line]
    annotations: list[Annotation] = field(default_factory=list)
    initial_snapshot: dict[str, Any] | None = None

    @classmethod
    def begin(cls, initial: GameState, seats: list[Seat]) -> History:
        """A history with an empty main line."""
        return cls(initial, {MAIN: Line(MAIN, None, 0, list(seats))})

    # -- reading ------------------------------------------------------------------

    def line(self, name: str) -> Line:
        """The line called ``name``; HistoryError if there is none."""
        try:
            return self.lines[name]
        except KeyError:
            raise HistoryError(f"there is no line '{name}'") from None

    def path(self, name: str) -> list[TurnNode]:
        """Every turn from the start to the end of line ``name``, shared past included."""
        line = self.line(name)
        if line.parent is None:
            return list(line.turns)
        return self.path(line.parent)[: line.branch] + line.turns

    def node(self, name: str, turn: int) -> TurnNode:
        """The record of ``turn`` as played on line ``name``."""
        path = self.path(name)
        if not 1 <= turn <= len(path):
            raise HistoryError(f"line '{name}' has no turn {turn} (it has {len(path)})")
        return path[turn - 1]

    def state(self, name: str, position: int) -> GameState:
        """The state at ``position`` of line ``name`` (0: the start)."""
        if position == 0:
            self.line(name)
            return self.initial
        return self.node(name, position).state

    def tip(self, name: str) -> GameState:
        """The last state of line ``name``."""
        path = self.path(name)
        return path[-1].state if path else self.initial

    def variations_at(self, name: str, position: int) -> list[str]:
        """Lines that leave the path of ``name`` after ``position`` (not ``name`` itself)."""
        ancestry = self.ancestry(name)
        out = []
        for other in self.lines.values():
            if other.name in ancestry or other.parent is None or other.branch != position:
                continue
            if other.parent in ancestry and self._shares(name, other.parent, position):
                out.append(other.name)
        return out

    def branch_points(self, name: str) -> list[int]:
        """Positions on line ``name`` where some variation leaves it."""
        return sorted({p for p in range(self.line_end(name) + 1) if self.variations_at(name, p)})

    def line_end(self, name: str) -> int:
        """The number of turns on line ``name`` from the start."""
        return self.line(name).end

    def ancestry(self, name: str) -> list[str]:
        """``name`` and the lines it descends from, nearest first."""
        out = []
        current: str | None = name
        while current is not None:
            out.append(current)
            current = self.line(current).parent
        return out

    def divergence(self, a: str, b: str) -> int:
        """The first position at which lines ``a`` and ``b`` differ (their shared past ends)."""
        pa, pb = self.path(a), self.path(b)
        shared = 0
        for x, y in zip(pa, pb, strict=False):
            if x is not y and x.state_hash != y.state_hash:
                break
            shared += 1
        return shared + 1

    def notes_at(self, name: str, turn: int) -> list[Annotation]:
        """Annotations shown at ``turn`` of line ``name`` (notes on the shared past included)."""
        ancestry = self.ancestry(name)
        return [
            a
            for a in self.annotations
            if a.turn == turn and a.line in ancestry and self._shares(name, a.line, turn)
        ]

    def _shares(self, name: str, other: str, position: int) -> bool:
        """True when line ``name`` passes through ``other``'s state at ``position``."""
        if name == other:
            return True
        line = self.line(name)
        while line.parent is not None:
            if position > line.branch:
                return False
            if line.parent == other:
                return True
            line = self.line(line.parent)
        return False

    # -- changing -------------------------------------------------------------------

    def append(self, name: str, node: TurnNode) -> None:
        """Add the next turn to the end of line ``name``."""
        line = self.line(name)
        if node.turn != line.end + 1:
            raise HistoryError(f"turn {node.turn} does not follow turn {line.end} of '{name}'")
        line.turns.append(node)

    def branch(
        self, parent: str, position: int, name: str | None = None, seats: list[Seat] | None = None
    ) -> Line:
        """Start a new line leaving ``parent`` after ``position``; returns it (still empty)."""
        base = self.line(parent)
        if not 0 <= position <= base.end:
            raise HistoryError(f"line '{parent}' has no position {position}")
        if self.state(parent, position).finished:
            raise HistoryError(f"the game on line '{parent}' is over at turn {position}")
        name = name or self.fresh_name(position)
        if name in self.lines:
            raise HistoryError(f"there is already a line '{name}'")
        # Branch from the line that owns the turn, so that shared turns have one parent.
        owner = parent
        while True:
            line = self.line(owner)
            if line.parent is None or position >= line.branch:
                break
            owner = line.parent
        created = Line(name, owner, position, list(seats or base.seats))
        self.lines[name] = created
        return created

    def fresh_name(self, position: int) -> str:
        """An unused name for a variation leaving after ``position``."""
        base = f"from turn {position}"
        if base not in self.lines:
            return base
        n = 2
        while f"{base} ({n})" in self.lines:
            n += 1
        return f"{base} ({n})"

    def annotate(self, note: Annotation) -> None:
        """Add a teacher's note."""
        self.line(note.line)
        self.annotations.append(note)

    def replace_note(self, old: Annotation, new: Annotation) -> None:
        """Put ``new`` in the place of ``old`` (an edit keeps the notes' order)."""
        self.annotations[self.annotations.index(old)] = new

    def remove_note(self, note: Annotation) -> None:
        """Delete a note."""
        self.annotations.remove(note)


def make_node(
    before: GameState,
    orders: list[GivenOrder],
    after: GameState,
    log: list[LogEntry],
    intents: dict[str, str] | None = None,
    *,
    hashed: bool = True,
) -> TurnNode:
    """The record of the turn that led from ``before`` to ``after``.

    ``hashed=False`` leaves the state hash to be worked out when first asked for (quiet
    rollouts, whose states nobody changes afterwards and whose hashes are rarely read).
    """
    return TurnNode(
        turn=before.turn,
        orders=orders,
        log=log,
        events=[e for e in after.fired if e not in before.fired],
        state=after,
        state_hash=hash_of(after) if hashed else None,
        intents=dict(intents or {}),
    )
