"""A game being played in the UI: players, pending orders, bots, autosave.

This module holds no widgets and imports no Textual, so it is tested directly. The
screens only read from it and call its methods; the state itself lives in the engine.
"""

from __future__ import annotations

import datetime as dt
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from game.ai.base import Choice
from game.ai.registry import Seat
from game.engine.forces import Board
from game.engine.log import LogEntry
from game.engine.menu import Menu
from game.engine.order_model import Order
from game.engine.orders import IllegalOrder, check_order, make, options, spent, why_illegal
from game.engine.state import GameState
from game.engine.target_lists import candidates_of
from game.record.changes import TurnChanges, turn_changes
from game.record.files import older_versions
from game.record.match import Match
from game.record.save import SaveError, new_match, write_save

NOTE_LIMIT = 200
"""A player's note on an order or a turn is one line, at most this long."""


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
    """The game in progress: the match, the orders being entered, and where it autosaves."""

    match: Match
    autosave_dir: Path | None = None
    autosave_name: str = ""
    pending: dict[str, list[Order]] = field(default_factory=dict)
    order_notes: dict[Order, str] = field(default_factory=dict)
    intents: dict[str, str] = field(default_factory=dict)
    last: TurnResult | None = None
    autosave_problem: str | None = None
    """Why the last autosave could not be written (None when it was, or autosave is off)."""
    warn: Callable[[str], object] | None = None
    """Told each new autosave problem, and when autosave works again (the UI notifies)."""

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
        match = new_match(scenario_text, scenario_file, seed, seats)
        match.clock = time.monotonic  # a person waits: the search bots' time budgets apply
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        name = f"{match.world.scenario.meta.id}-{stamp}-{seed}.json"
        session = cls(match, autosave_dir, name)
        # Saved from the start, so quitting before the first End Turn loses nothing.
        session.try_autosave()
        return session

    @classmethod
    def resume(cls, match: Match, path: Path | None = None) -> GameSession:
        """Continue a saved game at the end of its current line, with that line's seats."""
        match.clock = time.monotonic  # a person waits: the search bots' time budgets apply
        session = cls(match)
        if path is not None:
            session.autosave_dir = path.parent
            session.autosave_name = path.name
        session.last = last_turn(match)
        return session

    @property
    def state(self) -> GameState:
        """The state the players are giving orders in."""
        return self.match.state

    @property
    def seats(self) -> list[Seat]:
        """Who plays each faction on the line being played."""
        return self.match.seats

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
        """Take back a queued order (and the note on it)."""
        order = self.orders_of(faction).pop(index)
        self.order_notes.pop(order, None)
        return order

    def options(self, faction: str) -> list[tuple[Order, str | None]]:
        """Every order the faction could add, each with None or the reason it is illegal."""
        return options(self.state, faction, self.orders_of(faction))

    def options_of(self, faction: str, kind: str) -> list[tuple[Order, str | None]]:
        """The candidates of the order type ``kind`` only, as :meth:`options` gives them."""
        state = self.state
        otype = state.w.orders.get(kind)
        if otype is None or faction not in otype.factions:
            return []
        queue = self.orders_of(faction)
        board = Board(state)
        return [
            (order, why_illegal(state, order, queue, board))
            for order in (
                make(faction, kind, target, origin)
                for target, origin in candidates_of(state, board, faction, otype)
            )
        ]

    @property
    def frozen(self) -> str | None:
        """Why this game can only be viewed (saved under other rules), or None."""
        return self.match.frozen

    def note_order(self, order: Order, text: str) -> None:
        """Attach a player's one-line "why" to a queued order (empty text removes it)."""
        text = " ".join(text.split())[:NOTE_LIMIT]
        if text:
            self.order_notes[order] = text
        else:
            self.order_notes.pop(order, None)

    def set_intent(self, faction: str, text: str) -> None:
        """A player's one-line "why" for the whole turn (kept private until it resolves)."""
        text = " ".join(text.split())[:NOTE_LIMIT]
        if text:
            self.intents[faction] = text
        else:
            self.intents.pop(faction, None)

    def end_turn_question(self, faction: str) -> str | None:
        """What to ask before ``faction``'s player ends the turn early, or None if nothing.

        Asked when the player could still add an order and has points left or nothing
        queued: points no legal order can use are not a slip, so they are not asked about.
        """
        state = self.state
        queued = self.orders_of(faction)
        if state.finished or faction not in state.w.factions:
            return None
        points = state.w.factions[faction].action_points
        left = points - spent(state, queued)[0]
        if (queued and left <= 0) or not Menu(state, faction).after(queued).any():
            return None
        if not queued:
            return "You have queued no orders this turn. End the turn anyway?"
        plural = "" if points == 1 else "s"
        return f"You have {left} of {points} action point{plural} unspent. End the turn anyway?"

    def has_unsent_orders(self) -> bool:
        """True when a human has entered orders that End Turn has not resolved yet."""
        return any(self.pending.get(f) for f in self.humans())

    # -- turns ------------------------------------------------------------------

    def bot_choices(self) -> list[Choice]:
        """Every bot's orders for this turn (slow: run it in a worker)."""
        return self.match.bot_choices()

    def end_turn(self, bot_choices: list[Choice] | None = None) -> TurnResult:
        """Resolve the turn with the humans' orders and the bots', record it and autosave.

        SaveError if the game was saved under other rules: it can only be viewed.
        """
        if self.frozen is not None:
            raise SaveError(self.frozen)
        if bot_choices is None:
            bot_choices = self.bot_choices()
        orders = [o for f in self.humans() for o in self.orders_of(f)]
        before = self.state
        notes = {o: n for o, n in self.order_notes.items() if o in orders}
        intents = {f: t for f, t in self.intents.items() if f in self.humans()}
        node = self.match.play_turn(orders, bot_choices, intents=intents, order_notes=notes)
        self.pending = {}
        self.order_notes = {}
        self.intents = {}
        after = node.state
        self.last = TurnResult(before, after, node.log, turn_changes(before, after), bot_choices)
        self.try_autosave()  # the turn is played either way; a failure is said, not raised
        return self.last

    def history(self) -> list[GameState]:
        """The state at the start and after every turn so far (for charts)."""
        return [self.match.history.initial] + [n.state for n in self.match.turns]

    # -- saving -----------------------------------------------------------------

    def autosave_path(self) -> Path | None:
        """Where this game autosaves, if autosave is on."""
        if self.autosave_dir is None:
            return None
        return self.autosave_dir / self.autosave_name

    def autosave(self) -> Path | None:
        """Write the record to the autosave file (atomically); OSError if it cannot."""
        path = self.autosave_path()
        if path is not None:
            write_save(self.match, path, keep_older=True)
        return path

    def try_autosave(self) -> Path | None:
        """Autosave, or play on without: a failure is kept in ``autosave_problem`` and
        told to ``warn`` once (not raised), so an unwritable data folder never stops a
        game. Returns the path written, or None."""
        try:
            path = self.autosave()
        except (OSError, SaveError) as exc:
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            problem = (
                f"Autosave is off: {self.autosave_path()} cannot be written "
                f"({why}). The game goes on; ctrl+s saves a copy elsewhere."
            )
            if problem != self.autosave_problem and self.warn is not None:
                self.warn(problem)
            self.autosave_problem = problem
            return None
        if self.autosave_problem is not None and path is not None and self.warn is not None:
            self.warn(f"Autosave works again: {path}")
        self.autosave_problem = None
        return path

    def save_as(self, path: Path) -> None:
        """Write the game to ``path`` (atomically)."""
        write_save(self.match, path)


def last_turn(match: Match) -> TurnResult | None:
    """The last turn of the line being played, as End Turn would have returned it, so a
    continued game shows that turn's log at once (None at the start of a game)."""
    turns = match.turns
    if not turns:
        return None
    node = turns[-1]
    before = match.history.state(match.line, len(turns) - 1)
    humans = {s.faction for s in match.seats if s.human}
    bots = [Choice(g.order, g.reason) for g in node.orders if g.order.faction not in humans]
    return TurnResult(before, node.state, node.log, turn_changes(before, node.state), bots)


def saves_in(folder: Path) -> list[Path]:
    """The ``*.json`` files in ``folder``, newest first (none if it cannot be listed).

    Only regular files (a link to one counts): a folder, a pipe or a link that leads
    nowhere named ``*.json`` is not a save, and listing never fails on one.
    """
    try:
        names = list(folder.glob("*.json"))
    except OSError:
        return []
    found: list[tuple[int, str, Path]] = []
    for path in names:
        try:
            info = path.stat()
        except (OSError, ValueError):
            continue
        if stat.S_ISREG(info.st_mode):
            found.append((info.st_mtime_ns, path.name, path))
    return [path for _, _, path in sorted(found, reverse=True)]


def earlier_autosaves(path: Path) -> list[Path]:
    """The kept earlier versions of the autosave ``path``, newest first."""
    return older_versions(path)


def latest_autosave(folder: Path) -> Path | None:
    """The most recently written save in ``folder``, or None."""
    saves = saves_in(folder)
    return saves[0] if saves else None
