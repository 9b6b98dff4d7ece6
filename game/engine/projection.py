"""What a faction's queued orders would do if the turn ended now, measured by the engine.

Orders interact with dice and with everyone else's orders, so no single number is "the"
effect of a plan. The projection answers a narrower question honestly: *what difference
do my orders make?* The turn is resolved from the current state twice for each of a
small fixed set of dice — once with the faction's queued orders, once without — and the
other sides give no orders in both (their plans are secret). The same dice serve both
runs (common random numbers), so the difference is the orders' doing, not luck; the
mean and the range of that difference over the dice sets are reported.

The dice are derived from the game's seed and turn with numpy's ``SeedSequence`` under
a key of their own, so they are independent of the game's real dice (a projection never
peeks at the rolls the turn will actually use) and the same state and orders always
give the same projection. Pure: no I/O, no clock.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.random import SeedSequence

from game.engine.dice import Dice
from game.engine.order_model import Order
from game.engine.resolve import resolve_turn
from game.engine.state import GameState
from game.engine.victory import margins

SAMPLES = 12
"""Dice sets a projection is measured over (each costs two quiet turn resolutions)."""

_TAG = 0x5052_4F4A  # "PROJ": keeps projection dice apart from every other derived seed
_MASK = (1 << 64) - 1
_KEPT = 256
"""Projections one :class:`Projector` remembers before it starts afresh."""

ESCALATION = "escalation"
"""The escalation meter (a track every scenario declares; the engine's phases use it)."""


def assumption(samples: int = SAMPLES) -> str:
    """What a projection assumed, in one phrase for the player."""
    return f"the others give no orders (the same {samples} sets of dice for both)"


@dataclass(frozen=True, slots=True)
class Change:
    """How one number moves: its value now, where the orders take it, and their doing.

    ``lowest`` and ``highest`` are the least and greatest value *with* the orders over the
    dice sets (the others giving none); ``mean``, ``low`` and ``high`` are the mean, least
    and greatest of (value with the orders − value without), the part the orders make.
    """

    current: int
    lowest: int
    highest: int
    mean: float
    low: int
    high: int
    without: float = 0.0
    """The mean value *without* the orders: where the turn would take it by itself."""

    @property
    def certain(self) -> bool:
        """True when every dice set gives the same value with the orders."""
        return self.lowest == self.highest

    @property
    def moved(self) -> bool:
        """True when the orders make a difference in at least one dice set."""
        return self.low != 0 or self.high != 0


@dataclass(frozen=True, slots=True)
class Projection:
    """The difference a faction's queued orders make to the numbers that decide the game."""

    faction: str
    orders: tuple[Order, ...]
    samples: int
    margin: Change
    """The faction's victory margin (score − target)."""
    escalation: Change
    """The escalation meter (everyone's)."""
    caused: Change
    """The escalation booked to this faction."""
    legitimacy: Change
    treasury: Change
    rivals: dict[str, Change]
    """Every other faction's margin, in scenario order."""
    catastrophes: int
    """Dice sets in which the game ends in catastrophe with the orders but not without."""
    wins: int
    """Dice sets in which the orders win the game for the faction now (at an assessment) and
    no orders would not."""


def projection_dice(state: GameState, samples: int = SAMPLES) -> list[Dice]:
    """The dice sets a projection uses for this state: fixed by the game's seed and turn."""
    seq = SeedSequence([state.seed & _MASK, state.seed >> 64, state.turn, _TAG])
    words = seq.generate_state(2 * samples, np.uint64)
    return [Dice(int(words[2 * k]) | int(words[2 * k + 1]) << 64) for k in range(samples)]


def _change(current: int, pairs: Sequence[tuple[int, int]]) -> Change:
    """A change from (value with the orders, value without) for every dice set."""
    diffs = [a - b for a, b in pairs]
    after = [a for a, _ in pairs]
    without = sum(b for _, b in pairs) / len(pairs)
    return Change(
        current,
        min(after),
        max(after),
        sum(diffs) / len(diffs),
        min(diffs),
        max(diffs),
        without,
    )


def _catastrophe(state: GameState) -> bool:
    return state.outcome is not None and state.outcome.result == "catastrophe"


def _won(state: GameState, faction: str) -> bool:
    outcome = state.outcome
    return outcome is not None and outcome.result == "win" and outcome.winner == faction


class Projector:
    """Projections for one state: the runs without orders are made once and reused.

    Building one is free; the first projection resolves the turn without orders for
    every dice set (kept for later calls), and each new set of orders costs one quiet
    resolution per dice set. Results are remembered by faction and orders.
    """

    def __init__(self, state: GameState, samples: int = SAMPLES) -> None:
        if samples < 1:
            raise ValueError("a projection needs at least one set of dice")
        self.state = state
        self.samples = samples
        self._dice = projection_dice(state, samples)
        self._without: list[GameState] | None = None
        self._made: dict[tuple[str, tuple[Order, ...]], Projection] = {}

    def _baseline(self) -> list[GameState]:
        if self._without is None:
            self._without = [resolve_turn(self.state, [], d, log=False)[0] for d in self._dice]
        return self._without

    def project(self, faction: str, orders: Sequence[Order]) -> Projection:
        """The difference ``orders`` (all given by ``faction``) make to this turn.

        ValueError for an order of another faction; the engine's IllegalOrder for an
        order the rules refuse; GameOver if the game has ended.
        """
        if any(o.faction != faction for o in orders):
            raise ValueError(f"a projection is of one faction's orders ({faction})")
        key = (faction, tuple(sorted(orders, key=Order.sort_key)))
        made = self._made.get(key)
        if made is None:
            made = self._measure(faction, key[1])
            if len(self._made) >= _KEPT:
                self._made.clear()
            self._made[key] = made
        return made

    def _measure(self, faction: str, orders: tuple[Order, ...]) -> Projection:
        state = self.state
        without = self._baseline()
        if orders:
            with_orders = [resolve_turn(state, orders, d, log=False)[0] for d in self._dice]
        else:
            with_orders = without
        pairs = list(zip(with_orders, without, strict=True))
        before = margins(state)
        m_pairs = [(margins(a), margins(b)) for a, b in pairs]

        def both(value: Callable[[GameState], int]) -> list[tuple[int, int]]:
            return [(value(a), value(b)) for a, b in pairs]

        rivals = {
            f: _change(before[f], [(a[f], b[f]) for a, b in m_pairs])
            for f in state.w.faction_ids
            if f != faction
        }
        fs = state.faction(faction)
        return Projection(
            faction=faction,
            orders=orders,
            samples=self.samples,
            margin=_change(before[faction], [(a[faction], b[faction]) for a, b in m_pairs]),
            escalation=_change(state.tracks[ESCALATION], both(lambda s: s.tracks[ESCALATION])),
            caused=_change(fs.escalation, both(lambda s: s.faction(faction).escalation)),
            legitimacy=_change(fs.legitimacy, both(lambda s: s.faction(faction).legitimacy)),
            treasury=_change(fs.treasury, both(lambda s: s.faction(faction).treasury)),
            rivals=rivals,
            catastrophes=sum(1 for a, b in pairs if _catastrophe(a) and not _catastrophe(b)),
            wins=sum(1 for a, b in pairs if _won(a, faction) and not _won(b, faction)),
        )


def project(
    state: GameState, faction: str, orders: Sequence[Order], samples: int = SAMPLES
) -> Projection:
    """The difference ``faction``'s ``orders`` make if the turn ends now (see the module)."""
    return Projector(state, samples).project(faction, orders)
