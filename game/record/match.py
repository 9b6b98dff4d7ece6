"""The match: one game's world, seats and history, and the only place a turn is played.

Everything that plays turns goes through :meth:`Match.play_turn`: the terminal UI,
``sidra simulate``, the benchmark, ``sidra verify`` (which replays saved orders) and
the what-if fan (which plays bot continuations from a turn). A match plays on one line
of its history at a time; :meth:`Match.branch` starts a variation and moves onto it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from game.ai.base import Bot, Choice
from game.ai.registry import Seat, make_bot, parse_bot
from game.ai.search_bot import ROLLOUT_POLICY, Clock
from game.engine.dice import Dice
from game.engine.order_model import Order
from game.engine.resolve import canonical_key, resolve_turn
from game.engine.state import RULES_VERSION, GameState, new_game
from game.engine.world import World
from game.record.history import MAIN, GivenOrder, History, Line, TurnNode, make_node


@dataclass(frozen=True, slots=True)
class ScenarioText:
    """The exact scenario text a match is played on, with its file name and sha256."""

    file: str
    sha256: str
    text: str


class Match:
    """A game in play or in replay: world, seats per line, and the history tree."""

    def __init__(
        self,
        world: World,
        scenario: ScenarioText,
        seed: int,
        history: History,
        rules_version: int = RULES_VERSION,
        line: str = MAIN,
    ) -> None:
        self.world = world
        self.scenario = scenario
        self.seed = seed
        self.history = history
        self.rules_version = rules_version
        self.line = line
        self.clock: Clock | None = None
        """Turns the bots' time budgets on (the UI sets it; games without it are the
        same for the same seed)."""
        self._bots: dict[tuple[str, str], Bot] = {}

    @classmethod
    def new(cls, world: World, scenario: ScenarioText, seed: int, seats: Sequence[Seat]) -> Match:
        """A fresh game of ``world`` keyed by ``seed``, with one seat per faction."""
        if [s.faction for s in seats] != list(world.faction_ids):
            raise ValueError("a match needs one seat per faction, in scenario order")
        return cls(world, scenario, seed, History.begin(new_game(world, seed), list(seats)))

    # -- where the match stands -------------------------------------------------------

    @property
    def current(self) -> Line:
        """The line being played."""
        return self.history.line(self.line)

    @property
    def state(self) -> GameState:
        """The state at the end of the line being played."""
        return self.history.tip(self.line)

    @property
    def seats(self) -> list[Seat]:
        """Who plays each faction on the current line."""
        return self.current.seats

    @property
    def turns(self) -> list[TurnNode]:
        """Every turn of the current line from the start."""
        return self.history.path(self.line)

    @property
    def frozen(self) -> str | None:
        """Why this game can only be viewed (played under other rules), or None."""
        if self.rules_version == RULES_VERSION:
            return None
        return (
            f"this game was played under rules version {self.rules_version} and this Sidra "
            f"plays version {RULES_VERSION}: it opens for viewing from its saved turns, but "
            "it cannot be continued or re-verified"
        )

    def humans(self) -> list[str]:
        """Factions played by people on the current line, in scenario order."""
        return [s.faction for s in self.seats if s.human]

    # -- playing ----------------------------------------------------------------------

    def bot(self, seat: Seat) -> Bot:
        """The bot playing ``seat`` (made once and kept: bots may be costly to build)."""
        assert seat.bot is not None
        key = (seat.faction, seat.word)
        if key not in self._bots:
            self._bots[key] = make_bot(
                seat.faction, seat.bot, playout=play_forward, clock=self.clock
            )
        return self._bots[key]

    def bot_choices(self, state: GameState | None = None) -> list[Choice]:
        """Every bot seat's orders, with reasons, for the current turn (or ``state``)."""
        state = state or self.state
        choices: list[Choice] = []
        for seat in self.seats:
            if seat.bot is not None:
                choices.extend(self.bot(seat).choose(state))
        return choices

    def play_turn(
        self,
        human_orders: Sequence[Order] = (),
        bot_choices: Sequence[Choice] | None = None,
        *,
        intents: dict[str, str] | None = None,
        order_notes: dict[Order, str] | None = None,
        dice: Dice | None = None,
        log: bool = True,
    ) -> TurnNode:
        """Ask the bots (unless their choices are given), resolve the turn and record it.

        ``intents`` and ``order_notes`` are the people's "why" for the turn and for single
        orders. ``log=False`` is the quiet mode of fast rollouts (same state, no prose).
        IllegalOrder, GameOver from the engine; ValueError if the game is view-only.
        """
        if self.frozen is not None:
            raise ValueError(self.frozen)
        before = self.state
        if bot_choices is None:
            bot_choices = self.bot_choices(before)
        notes = order_notes or {}
        given = [GivenOrder(o, intent=notes.get(o, "")) for o in human_orders]
        given += [GivenOrder(c.order, reason=c.reason) for c in bot_choices]
        after, entries = resolve_turn(before, [g.order for g in given], dice, log=log)
        # A quiet turn's state hash is worked out only if someone asks for it.
        node = make_node(before, _canonical(before, given), after, entries, intents, hashed=log)
        self.history.append(self.line, node)
        return node

    def play_out(self, *, log: bool = True, limit: int = 10_000) -> GameState:
        """Play bot turns until the game ends (every seat must be a bot)."""
        if any(s.human for s in self.seats):
            raise ValueError("play_out needs a bot in every seat")
        for _ in range(limit):
            if self.state.finished:
                break
            self.play_turn(log=log)
        return self.state

    def branch(
        self, position: int, name: str | None = None, seats: Sequence[Seat] | None = None
    ) -> Line:
        """Leave the current line after ``position`` on a new variation and play on it."""
        line = self.history.branch(self.line, position, name, list(seats) if seats else None)
        self.line = line.name
        return line


def play_forward(state: GameState, faction: str, plan: Sequence[Choice], turns: int) -> GameState:
    """A search bot's rollout: ``state`` played on through the match loop, quietly.

    This turn ``faction`` gives ``plan`` and every other seat the rollout policy's
    orders; then every seat is played by the rollout policy until the game ends or
    ``turns`` turns have been played (0: to the end). ``state`` is not changed.
    """
    world = state.w
    policy = parse_bot(ROLLOUT_POLICY)
    seats = [Seat(f, policy) for f in world.faction_ids]
    # The history begins mid-game: its main line is numbered on from the state's turn.
    history = History(state, {MAIN: Line(MAIN, None, state.turn - 1, seats)})
    match = Match(world, ScenarioText("", world.digest, ""), state.seed, history)
    others = [c for s in seats if s.faction != faction for c in match.bot(s).choose(state)]
    match.play_turn(bot_choices=[*plan, *others], log=False)
    match.play_out(log=False, limit=turns - 1 if turns else 10_000)
    return match.state


def _canonical(state: GameState, given: list[GivenOrder]) -> list[GivenOrder]:
    """The given orders in the engine's canonical order (as the turn resolved them).

    Sorted by the engine's own key; the sort is stable, so orders that tie (the same
    order given twice) keep the order they were given in, as in the turn.
    """
    key = canonical_key(state.w)
    return sorted(given, key=lambda g: key(g.order))
