"""The working context of one turn's resolution, shared by the phase modules."""

from __future__ import annotations

from dataclasses import dataclass, field

from game.engine.conditions import Happening
from game.engine.dice import Dice, address
from game.engine.log import LogEntry, Roll
from game.engine.orders import Order
from game.engine.state import GameState
from game.engine.world import World
from game.scenario.models import OrderType

ATTACKS = frozenset({"air_strike", "mig_raid", "naval_raid"})
"""Happenings that make a turn violent even without a battle."""


@dataclass(frozen=True, slots=True)
class Push:
    """Escalation caused by one act this turn, and whose act it was (None: nobody's)."""

    faction: str | None
    points: int
    why: str
    phase: str


@dataclass(slots=True)
class Turn:
    """Mutable scratch space for resolving one turn into ``state`` (a fresh clone)."""

    state: GameState
    dice: Dice
    orders: list[Order]
    log: list[LogEntry] = field(default_factory=list)
    happened: list[Happening] = field(default_factory=list)
    pushes: list[Push] = field(default_factory=list)
    fought: list[str] = field(default_factory=list)
    phase: str = "declarations"
    rolled: dict[str, int] = field(default_factory=dict)
    powers: dict[Order, int] = field(default_factory=dict)
    keep_log: bool = True

    @property
    def w(self) -> World:
        """The compiled scenario."""
        return self.state.w

    @property
    def number(self) -> int:
        """The turn being resolved."""
        return self.state.turn

    def of_kind(self, *kinds: str) -> list[tuple[Order, OrderType]]:
        """This turn's orders whose catalogue kind is one of ``kinds``, in canonical order."""
        out = []
        for order in self.orders:
            otype = self.w.orders[order.order]
            if otype.kind in kinds:
                out.append((order, otype))
        return out

    def note(self, what: str, faction: str | None = None, region: str | None = None) -> None:
        """Record a happening for event conditions."""
        self.happened.append(Happening(what, faction, region))

    def roll(self, site: str, purpose: str) -> Roll:
        """Roll the scenario's die at ``site`` (a region or faction id) for ``purpose``.

        The die is keyed by (turn, phase, site, purpose), so it does not depend on any
        other roll of the turn; the decision is filled in when the roll is logged.
        """
        key = address(self.number, self.phase, site, purpose)
        seen = self.rolled.get(key, 0)
        self.rolled[key] = seen + 1
        if seen:
            key = address(self.number, self.phase, site, purpose, seen)
        sides = self.w.tuning.die
        return Roll(purpose, sides, self.dice.value(key, sides), "")

    @property
    def quiet(self) -> bool:
        """True when no battle was fought and nothing was struck or raided this turn."""
        return not self.fought and not any(h.what in ATTACKS for h in self.happened)

    def once(self, key: str, faction: str | None = None, region: str | None = None) -> bool:
        """True the first time ``key`` is asked for this turn (and notes it), False after."""
        if any(h.what == key for h in self.happened):
            return False
        self.note(key, faction, region)
        return True

    def escalate(self, faction: str | None, points: int, why: str) -> None:
        """Book ``points`` of escalation (negative calms) to the faction whose act caused it."""
        if points:
            self.pushes.append(Push(faction, points, why, self.phase))

    def entry(
        self,
        kind: str,
        text: str,
        *,
        faction: str | None = None,
        region: str | None = None,
        source: str | None = None,
        rule: str = "",
        rolls: list[Roll] | None = None,
    ) -> LogEntry:
        """Append a log entry for the current phase and return it.

        With ``keep_log`` off (fast rollouts) the entry is made but not kept: the rules
        run exactly the same, only the turn's log comes back empty.
        """
        item = LogEntry(
            turn=self.number,
            phase=self.phase,
            kind=kind,
            text=text,
            faction=faction,
            region=region,
            source=source,
            rule=rule,
            rolls=rolls or [],
        )
        if self.keep_log:
            self.log.append(item)
        return item

    def who(self, faction: str | None) -> str:
        """Display name of a faction id (``nobody`` for None, ``neutral`` as is)."""
        if faction is None:
            return "nobody"
        fdef = self.w.factions.get(faction)
        return fdef.name if fdef is not None else faction

    def where(self, region: str | None) -> str:
        """Display name of a region id."""
        if region is None:
            return "nowhere"
        rdef = self.w.regions.get(region)
        return rdef.name if rdef is not None else region
