"""Conditions that can never hold, found without playing a game.

A condition is data: ``track_at_least``, ``stat_at_most``, ``turn_at_least`` compare a
number with a value, and ``all``/``any``/``not`` combine them. Every number has a range
the rules keep it in (a track its ``min``..``max``, legitimacy 0..100, the turn 1..the
last), so a comparison outside that range, or an ``all`` asking for two ranges that do
not meet, can be proved false before the game starts. ``happened`` needs an order kind
to happen at all: one of the kinds whose ``notes`` name the happening (``KIND_SHAPES``),
unless the rules also note it without such an order (``UNPROMPTED``: battles, terminals
changing hands). The analysis is sound: it says "never" only when no game could make the
condition true; anything it cannot judge (who holds a region, ground strength) it leaves
alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import assert_never

from game.scenario import bounds
from game.scenario.catalogue import kinds_noting
from game.scenario.check_ids import Found, Ids, KeyPath
from game.scenario.models import Scenario
from game.scenario.rules import (
    UNPROMPTED,
    AllOf,
    AnyOf,
    Condition,
    Controls,
    Happened,
    Not,
    StatAtLeast,
    StatAtMost,
    StrengthAtLeast,
    TrackAtLeast,
    TrackAtMost,
    TurnAtLeast,
)

Key = tuple[str, ...]
"""What a comparison is about: ``("track", id)``, ``("stat", faction, stat)``, ``("turn",)``."""


@dataclass(frozen=True, slots=True)
class Span:
    """Inclusive bounds on one number (None: open on that side)."""

    low: int | None
    high: int | None

    def meet(self, other: Span) -> Span:
        """The values both spans allow."""
        lows = [v for v in (self.low, other.low) if v is not None]
        highs = [v for v in (self.high, other.high) if v is not None]
        return Span(max(lows) if lows else None, min(highs) if highs else None)

    @property
    def empty(self) -> bool:
        return self.low is not None and self.high is not None and self.low > self.high


class Ranges:
    """The range the rules keep each number of a scenario in."""

    def __init__(self, scn: Scenario, turn: Span | None = None) -> None:
        self.tracks = {t.id: Span(t.min, t.max) for t in scn.track}
        self.factions = {f.id: f for f in scn.faction}
        self.last_turn = scn.meta.turns
        self.turn = turn or Span(1, scn.meta.turns)
        self.kinds_of: dict[str, set[str]] = {}
        for order in scn.order:
            for faction in order.factions:
                self.kinds_of.setdefault(faction, set()).add(order.kind)
        self.kinds = {order.kind for order in scn.order}

    def of(self, key: Key) -> Span | None:
        """The range of ``key`` (None when the key names nothing known: reported elsewhere)."""
        if key[0] == "turn":
            return self.turn
        if key[0] == "track":
            return self.tracks.get(key[1])
        faction = self.factions.get(key[1])
        if faction is None:
            return None
        stat = key[2]
        if stat in ("legitimacy",):
            return Span(0, bounds.MAX_LEVEL)
        if stat == "cohesion":
            return Span(0, bounds.MAX_LEVEL) if faction.cohesion is not None else Span(0, 0)
        if stat == "action_points":
            return Span(faction.action_points, faction.action_points)
        return Span(0, None)  # treasury and escalation caused: never below 0

    def words(self, key: Key, span: Span) -> str:
        """``track 'escalation' is kept from 0 to 20`` and the like."""
        if key[0] == "turn":
            if span.low == span.high:
                return f"it is only asked on turn {span.low}"
            return f"the game has {self.last_turn} turn{'s' if self.last_turn != 1 else ''}"
        if key[0] == "track":
            return f"track '{key[1]}' is kept {_span_words(span)}"
        faction = self.factions[key[1]]
        if key[2] == "cohesion" and faction.cohesion is None:
            return f"faction '{key[1]}' is not a coalition, so its cohesion is always 0"
        if key[2] == "action_points":
            return f"faction '{key[1]}' always has {faction.action_points} action points"
        return f"{key[2]} of '{key[1]}' is kept {_span_words(span)}"


def _span_words(span: Span) -> str:
    if span.low is not None and span.high is not None:
        return f"from {span.low:,} to {span.high:,}"
    if span.low is not None:
        return f"at {span.low:,} or more"
    return f"at {span.high:,} or less"


def _need_words(key: Key, span: Span) -> str:
    """What a comparison asks for: ``escalation at least 25``."""
    name = "the turn" if key[0] == "turn" else f"'{key[1]}'" if key[0] == "track" else None
    if name is None:
        name = f"{key[2]} of '{key[1]}'"
    if span.low is not None and span.high is not None:
        return f"{name} from {span.low:,} to {span.high:,}"
    if span.low is not None:
        return f"{name} at least {span.low:,}"
    return f"{name} at most {span.high:,}"


Comparison = TrackAtLeast | TrackAtMost | StatAtLeast | StatAtMost | TurnAtLeast
"""The conditions that compare one number with a value."""


def _comparison(cond: Comparison, negated: bool) -> tuple[Key, Span]:
    """The number a comparison reads and the values that make it (or its negation) true."""
    key: Key
    match cond:
        case TrackAtLeast():
            key, value, at_most = ("track", cond.track), cond.value, False
        case TrackAtMost():
            key, value, at_most = ("track", cond.track), cond.value, True
        case StatAtLeast():
            key, value, at_most = ("stat", cond.faction, cond.stat), cond.value, False
        case StatAtMost():
            key, value, at_most = ("stat", cond.faction, cond.stat), cond.value, True
        case TurnAtLeast():
            key, value, at_most = ("turn",), cond.turn, False
        case _:
            assert_never(cond)
    if at_most == negated:
        return key, Span(value + (1 if negated else 0), None)
    return key, Span(None, value - (1 if negated else 0))


Why = tuple[str, KeyPath]
"""Why a condition never holds, and the path of the part that makes it so."""


def never(cond: Condition, ranges: Ranges, negated: bool = False, path: KeyPath = ()) -> Why | None:
    """Why ``cond`` (or, ``negated``, its opposite) can never hold, and where; None if it may.

    The place is the innermost part to blame: the one comparison that cannot hold, or the
    ``all`` whose parts contradict each other, or the ``any`` none of whose parts can hold.
    """
    match cond:
        case Not():
            return never(cond.condition, ranges, not negated, (*path, "condition"))
        case AllOf() | AnyOf():
            every = _every(cond, negated)
            parts = [(c, (*path, "conditions", k)) for k, c in enumerate(cond.conditions)]
            if every:
                return _never_all(parts, ranges, negated, path)
            found = [never(inner, ranges, negated, where) for inner, where in parts]
            reasons = [why[0] for why in found if why is not None]
            if len(reasons) == len(found):
                alternatives = "; ".join(dict.fromkeys(reasons))
                return "none of its alternatives can hold: " + alternatives, path
            return None
        case Happened():
            reason = None if negated else _never_happens(cond, ranges)
            return None if reason is None else (reason, path)
        case Controls() | StrengthAtLeast():
            return None  # who holds a region, and with what, is not judged
        case TrackAtLeast() | TrackAtMost() | StatAtLeast() | StatAtMost() | TurnAtLeast():
            key, need = _comparison(cond, negated)
            have = ranges.of(key)
            if have is None or not need.meet(have).empty:
                return None
            return f"it needs {_need_words(key, need)}, but {ranges.words(key, have)}", path
        case _:
            assert_never(cond)


def _every(cond: AllOf | AnyOf, negated: bool) -> bool:
    """Whether every part must hold: an ``all``, or the opposite of an ``any``."""
    match cond:
        case AllOf():
            return not negated
        case AnyOf():
            return negated
        case _:
            assert_never(cond)


def _never_all(
    parts: list[tuple[Condition, KeyPath]], ranges: Ranges, negated: bool, path: KeyPath
) -> Why | None:
    """Why conditions that must all hold (each ``negated`` or not) never hold together."""
    needs: dict[Key, list[Span]] = {}
    for inner, where in parts:
        why = never(inner, ranges, negated, where)
        if why is not None:
            return why
        for key, span in _conjuncts(inner, negated):
            needs.setdefault(key, []).append(span)
    for key, spans in needs.items():
        have = ranges.of(key)
        if have is None or len(spans) < 2:
            continue
        together = have
        for span in spans:
            together = together.meet(span)
        if together.empty:
            asked = " and ".join(_need_words(key, span) for span in spans)
            return f"it needs {asked} at once, which no value satisfies", path
    return None


def _conjuncts(cond: Condition, negated: bool) -> Iterator[tuple[Key, Span]]:
    """The comparisons that must all hold for ``cond`` to hold (flattening nested ``all``)."""
    match cond:
        case Not():
            yield from _conjuncts(cond.condition, not negated)
        case AllOf() | AnyOf():
            if _every(cond, negated):
                for inner in cond.conditions:
                    yield from _conjuncts(inner, negated)
        case TrackAtLeast() | TrackAtMost() | StatAtLeast() | StatAtMost() | TurnAtLeast():
            yield _comparison(cond, negated)
        case Controls() | StrengthAtLeast() | Happened():
            pass  # not a comparison of a number with a range
        case _:
            assert_never(cond)


def _never_happens(cond: Happened, ranges: Ranges) -> str | None:
    """Why the happening can never be noted (in the faction's name), or None if it may."""
    if cond.what in UNPROMPTED:
        return None
    kinds = kinds_noting(cond.what)
    listed = ", ".join(sorted(kinds))
    if cond.faction is None:
        if not kinds & ranges.kinds:
            return f"'{cond.what}' never happens: no order in the catalogue is of kind {listed}"
        return None
    if cond.faction in ranges.factions and not kinds & ranges.kinds_of.get(cond.faction, set()):
        return f"'{cond.what}' by '{cond.faction}' never happens: it has no order of kind {listed}"
    return None


def never_found(cond: Condition, ranges: Ranges, path: KeyPath, what: str) -> Iterator[Found]:
    """One problem at ``path`` if ``cond`` can never hold; ``what`` says what it keeps off."""
    why = never(cond, ranges, path=path)
    if why is not None:
        reason, where = why
        yield where, f"{what}: the condition can never be true ({reason})"


def event_never_problems(scn: Scenario, ids: Ids) -> Iterator[Found]:
    """An error at each event whose ``when`` can never be true on the turns it may fire."""
    if not ids.salvage.complete("meta", "track", "faction", "order"):
        return
    everywhen = Ranges(scn)
    for i, event in enumerate(scn.event):
        if event.when is None or event.history:
            continue
        turn = event.turn
        if turn is None and event.date is not None and event.date >= scn.meta.start:
            turn = (event.date - scn.meta.start).days // scn.meta.turn_days + 1
        ranges = everywhen if turn is None else Ranges(scn, Span(turn, turn))
        yield from never_found(
            event.when, ranges, ("event", i, "when"), f"event '{event.id}' never fires"
        )
