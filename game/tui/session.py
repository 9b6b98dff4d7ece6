"""A game being played in the UI: players, pending orders, bots, autosave.

This module holds no widgets and imports no Textual, so it is tested directly. The
screens only read from it and call its methods; the state itself lives in the engine.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from game.ai.base import Choice
from game.ai.registry import make_bot, parse_bot
from game.engine.log import LogEntry
from game.engine.orders import IllegalOrder, Order, check_order, options
from game.engine.resolve import resolve_turn
from game.engine.state import GameState
from game.record.changes import TurnChanges, turn_changes
from game.record.save import GameRecord, Player, SaveError


@dataclass(frozen=True, slots=True)
class Seat:
    """Who plays a faction: ``human``, or a bot with a difficulty."""

    faction: str
    human: bool
    difficulty: str = "normal"


@dataclass(slots=True)
class TurnResult:
    """What the last End Turn produced."""

    before: GameState
    after: GameState
    log: list[LogEntry]
    changes: TurnChanges
    bot_choices: list[Choice]


@dataclass(slots=True)
class GameSession:
    """The game in progress: record, current state, seats and orders being entered."""

    record: GameRecord
    state: GameState
    seats: list[Seat]
    autosave_dir: Path | None = None
    autosave_name: str = ""
    pending: dict[str, list[Order]] = field(default_factory=dict)
    last: TurnResult | None = None

    @classmethod
    def new(
        cls,
        scenario_text: str,
        scenario_file: str,
        seats: list[Seat],
        seed: int,
        autosave_dir: Path | None = None,
    ) -> GameSession:
        """Start a new game and record it from turn 1."""
        players = [
            Player(
                faction=s.faction,
                kind="human" if s.human else parse_bot(s.difficulty).kind,
                difficulty="" if s.human else parse_bot(s.difficulty).difficulty,
            )
            for s in seats
        ]
        record, state = GameRecord.start(scenario_text, scenario_file, seed, players)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        name = f"{record.world.scenario.meta.id}-{stamp}-{seed}.json"
        session = cls(record, state, seats, autosave_dir, name)
        # Saved from the start, so quitting before the first End Turn loses nothing.
        session.autosave()
        return session

    @classmethod
    def resume(cls, record: GameRecord, path: Path | None = None) -> GameSession:
        """Continue a saved game from its last turn with the seats it was saved with."""
        seats = [
            Seat(
                p.faction,
                p.kind == "human",
                (p.difficulty or "normal") if p.kind in ("human", "rule") else p.kind,
            )
            for p in record.save.players
        ]
        session = cls(record, record.latest_state(), seats)
        if path is not None:
            session.autosave_dir = path.parent
            session.autosave_name = path.name
        return session

    # -- seats ------------------------------------------------------------------

    def humans(self) -> list[str]:
        """Factions played by people, in scenario order."""
        return [s.faction for s in self.seats if s.human]

    def bots(self) -> list[Seat]:
        """Seats played by bots."""
        return [s for s in self.seats if not s.human]

    # -- orders -----------------------------------------------------------------

    def orders_of(self, faction: str) -> list[Order]:
        """Orders a faction has entered this turn."""
        return self.pending.setdefault(faction, [])

    def add_order(self, order: Order) -> None:
        """Queue an order; IllegalOrder says why it cannot be given."""
        if self.frozen is not None:
            raise IllegalOrder(order, self.frozen)
        queue = self.orders_of(order.faction)
        check_order(self.state, order, queue)
        queue.append(order)

    def remove_order(self, faction: str, index: int) -> Order:
        """Take back a queued order."""
        return self.orders_of(faction).pop(index)

    def options(self, faction: str) -> list[tuple[Order, str | None]]:
        """Every order the faction could add, each with None or the reason it is illegal."""
        return options(self.state, faction, self.orders_of(faction))

    @property
    def frozen(self) -> str | None:
        """Why this game can only be viewed (saved under other rules), or None."""
        return self.record.frozen

    def has_unsent_orders(self) -> bool:
        """True when a human has entered orders that End Turn has not resolved yet."""
        return any(self.pending.get(f) for f in self.humans())

    # -- turns ------------------------------------------------------------------

    def bot_choices(self) -> list[Choice]:
        """Every bot's orders for this turn (slow: run it in a worker)."""
        choices: list[Choice] = []
        for seat in self.bots():
            choices.extend(make_bot(seat.faction, parse_bot(seat.difficulty)).choose(self.state))
        return choices

    def end_turn(self, bot_choices: list[Choice] | None = None) -> TurnResult:
        """Resolve the turn with the humans' orders and the bots', record it and autosave.

        SaveError if the game was saved under other rules: it can only be viewed.
        """
        if self.frozen is not None:
            raise SaveError(self.frozen)
        if bot_choices is None:
            bot_choices = self.bot_choices()
        orders = [o for f in self.humans() for o in self.orders_of(f)]
        orders += [c.order for c in bot_choices]
        reasons = {
            (c.order.faction, c.order.order, c.order.target, c.order.origin): c.reason
            for c in bot_choices
        }
        before = self.state
        after, log = resolve_turn(before, orders)
        self.record.add_turn(before, orders, after, log, reasons)
        self.state = after
        self.pending = {}
        self.last = TurnResult(before, after, log, turn_changes(before, after), bot_choices)
        self.autosave()
        return self.last

    def history(self) -> list[GameState]:
        """The state at the start and after every turn so far (for charts)."""
        return [self.record.initial_state()] + [
            self.record.state_after(t.turn) for t in self.record.save.turns
        ]

    # -- saving -----------------------------------------------------------------

    def autosave_path(self) -> Path | None:
        """Where this game autosaves, if autosave is on."""
        if self.autosave_dir is None:
            return None
        return self.autosave_dir / self.autosave_name

    def autosave(self) -> Path | None:
        """Write the record to the autosave file (atomically)."""
        path = self.autosave_path()
        if path is not None:
            self.record.write(path)
        return path

    def save_as(self, path: Path) -> None:
        """Write the record to ``path`` (atomically)."""
        self.record.write(path)


def saves_in(folder: Path) -> list[Path]:
    """The ``*.json`` saves in ``folder``, newest first (none if it does not exist)."""
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.json"), key=lambda p: (p.stat().st_mtime_ns, p.name), reverse=True)


def latest_autosave(folder: Path) -> Path | None:
    """The most recently written save in ``folder``, or None."""
    saves = saves_in(folder)
    return saves[0] if saves else None
