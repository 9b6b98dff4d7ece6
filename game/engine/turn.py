"""The working context of one turn's resolution, shared by the phase modules."""

from __future__ import annotations

from dataclasses import dataclass, field

from game.engine.conditions import Happening
from game.engine.dice import Dice, address
from game.engine.grammar import verb_for
from game.engine.kinds import ORDER_KINDS, Phase, kinds_in, kinds_with
from game.engine.ledger import (
    HELD,
    Raw,
    field_outputs,
    packed,
    packed_difference,
    reconcile,
    short_cause,
)
from game.engine.log import Change, LogEntry, Roll
from game.engine.order_model import Order
from game.engine.state import FactionState, GameState, RegionState
from game.engine.world import World
from game.scenario.models import OrderType

ATTACKS = frozenset(h for kind in kinds_with("strike") for h in ORDER_KINDS[kind].notes)
"""Happenings that make a turn violent even without a battle: whatever a strike or raid
notes (its kind's ``notes``)."""


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
    # Fixed for the whole turn, worked out once when it starts (the rules ask often):
    w: World = field(init=False, repr=False)
    """The compiled scenario."""
    number: int = field(init=False)
    """The turn being resolved."""
    typed: list[tuple[Order, OrderType]] = field(init=False, repr=False)
    """Every order with its catalogue entry, in canonical order."""
    regions_by_id: dict[str, RegionState] = field(init=False, repr=False)
    """Region id -> its state in ``state`` (the object ``state.region`` gives)."""
    factions_by_id: dict[str, FactionState] = field(init=False, repr=False)
    """Faction id -> its state in ``state`` (the object ``state.faction`` gives)."""
    oil_start: dict[str, int] = field(init=False, repr=False)
    """Each oil region's export as the turn starts (kept only with the log)."""
    _noted: set[str] = field(init=False, repr=False)
    _by_kind: dict[str, list[int]] = field(init=False, repr=False)
    _figures: Raw | None = field(init=False, repr=False)

    def __post_init__(self) -> None:
        state = self.state
        self.w = state.w
        self.number = state.turn
        orders = self.w.orders
        self.typed = [(order, orders[order.order]) for order in self.orders]
        self._by_kind = {}
        for i, (_, otype) in enumerate(self.typed):
            self._by_kind.setdefault(otype.kind, []).append(i)
        # The first of each id, as GameState.region and GameState.faction find them.
        self.regions_by_id = {}
        for r in state.regions:
            self.regions_by_id.setdefault(r.id, r)
        self.factions_by_id = {}
        for f in state.factions:
            self.factions_by_id.setdefault(f.id, f)
        self._noted = {h.what for h in self.happened}
        # The ledger (see game.engine.ledger): only a turn that keeps its log pays for it.
        self._figures = packed(state) if self.keep_log else None
        self.oil_start = field_outputs(state) if self.keep_log else {}

    def region(self, region_id: str) -> RegionState:
        """The state of one region (the same object ``state.region`` gives, found faster)."""
        return self.regions_by_id[region_id]

    def faction(self, faction_id: str) -> FactionState:
        """The state of one faction (the same object ``state.faction`` gives, found faster)."""
        return self.factions_by_id[faction_id]

    def of_kind(self, *kinds: str) -> list[tuple[Order, OrderType]]:
        """This turn's orders whose catalogue kind is one of ``kinds``, in canonical order."""
        by_kind = self._by_kind
        if len(kinds) == 1:
            found = by_kind.get(kinds[0])
            return [self.typed[i] for i in found] if found else []
        merged = [i for kind in dict.fromkeys(kinds) for i in by_kind.get(kind, ())]
        merged.sort()
        return [self.typed[i] for i in merged]

    def of_phase(self, phase: Phase) -> list[tuple[Order, OrderType]]:
        """This turn's orders of the kinds the phase ``phase`` resolves, in canonical order."""
        return self.of_kind(*kinds_in(phase))

    def note(self, what: str, faction: str | None = None, region: str | None = None) -> None:
        """Record a happening for event conditions."""
        self.happened.append(Happening(what, faction, region))
        self._noted.add(what)

    def noted(self, what: str) -> bool:
        """Whether a happening ``what`` has been noted this turn."""
        return what in self._noted

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
        if key in self._noted:
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
        cause: str = "",
        changes: list[Change] | None = None,
        rest: str = HELD,
    ) -> None:
        """Append a log entry for the current phase, with the changes it caused.

        Every tracked figure that changed since the previous entry is booked to this one
        (write an entry after the change it reports). ``cause`` names it in a few words
        (default: the text up to its first colon or full stop); ``changes`` itemises
        causes the entry covers at once, and what they leave over is booked to ``rest``
        (by default: a figure held at the end of its range).

        With ``keep_log`` off (fast rollouts) nothing is kept: the rules run exactly the
        same, only the turn's log comes back empty. Phases skip writing the prose of an
        entry when no log is kept, but never the rules that the prose reports on.
        """
        if self.keep_log:
            now = packed(self.state)
            why = cause or short_cause(text)
            assert self._figures is not None
            found = packed_difference(self.state, self._figures, now, why, faction)
            self._figures = now
            booked = reconcile(found, changes, why, faction, rest) if changes else found
            self.log.append(
                LogEntry(
                    turn=self.number,
                    phase=self.phase,
                    kind=kind,
                    text=text,
                    faction=faction,
                    region=region,
                    source=source,
                    rule=rule,
                    rolls=rolls or [],
                    changes=booked,
                )
            )

    def flush(self) -> None:
        """Book whatever changed since the last entry to an honest entry of its own.

        The phases write an entry after every change they make, so this should find
        nothing; if it does, the change is still accounted for, under no better cause.
        """
        if self.keep_log and self._figures != packed(self.state):
            self.entry("other", "Other changes at the end of the turn.", source="design")

    def who(self, faction: str | None) -> str:
        """Display name of a faction id (``nobody`` for None, ``neutral`` as is)."""
        if faction is None:
            return "nobody"
        fdef = self.w.factions.get(faction)
        return fdef.name if fdef is not None else faction

    def does(self, faction: str | None, verb: str) -> str:
        """The faction's name and ``verb`` agreeing with it: ``Red army repairs``,
        ``Allied powers repair``."""
        return f"{self.who(faction)} {verb_for(self._plural(faction), verb)}"

    def its(self, faction: str | None) -> str:
        """``its``, or ``their`` for a faction whose name is plural."""
        return verb_for(self._plural(faction), "its")

    def _plural(self, faction: str | None) -> bool:
        fdef = self.w.factions.get(faction) if faction is not None else None
        return fdef is not None and fdef.plural

    def where(self, region: str | None) -> str:
        """Display name of a region id."""
        if region is None:
            return "nowhere"
        rdef = self.w.regions.get(region)
        return rdef.name if rdef is not None else region

    def whose(self, faction: str | None) -> str:
        """A faction's name as an owner: ``Red army's``, ``Allied powers'``."""
        name = self.who(faction)
        return name + ("'" if name.endswith("s") else "'s")

    def name_of(self, target: str) -> str:
        """Display name of an order's target: a region, else a faction."""
        if target in self.w.regions:
            return self.w.regions[target].name
        return self.who(target)

    def unit_name(self, unit: str) -> str:
        """A force in words, for inside a sentence: ``air force``, ``MiG-23 jet``.

        The scenario's name without its bracketed detail, its first word in lower case
        unless it is written with capitals inside (``MiG-23``); forces raised in play
        (levies) and ids the scenario does not name are ``forces``.
        """
        fdef = next((f for f in self.w.scenario.force if f.id == unit), None)
        if fdef is None:
            return "forces"
        name = fdef.name.split(" (")[0]
        first = name.split(" ")[0]
        return name[0].lower() + name[1:] if first[1:].islower() else name
