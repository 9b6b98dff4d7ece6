"""The ledger of a turn: which entry of the log caused each change of a tracked figure.

Whenever the turn writes a log entry, the figures the log accounts for (``log.FIGURES``)
are compared with their values at the previous entry and the difference is booked to the
new entry. Phases write each entry after the change it reports, so the difference is that
entry's doing. An entry that covers several causes at once (the oil count, the escalation
meter, the drift of talks and pressure) names them itself; whatever they do not account
for (a figure held at the end of its range) is booked as such, so the changes listed on a
turn's entries always add up exactly to the turn's net change.

Only a turn that keeps its log keeps a ledger: fast rollouts pay nothing for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from operator import attrgetter

from game.engine.log import Change
from game.engine.state import GameState, RegionState
from game.engine.world import World
from game.scenario.formulas import terminal_output_bpd
from game.scenario.models import NEUTRAL

Figures = dict[tuple[str, str], int | str]
"""(figure, subject) -> value: a snapshot of everything the log accounts for."""

HELD = "held at the end of its range"
"""The cause booked when a figure moved less than its itemised causes add up to."""


def snapshot(state: GameState) -> Figures:
    """The value of every tracked figure in ``state``, in a fixed order."""
    out: Figures = {}
    for tid, value in state.tracks.items():
        out["track", tid] = value
    for f in state.factions:
        out["legitimacy", f.id] = f.legitimacy
        out["treasury", f.id] = f.treasury
        if f.cohesion is not None:
            out["cohesion", f.id] = f.cohesion
    for r in state.regions:
        out["control", r.id] = r.controller
        out["damage", r.id] = r.damage
        out["fires", r.id] = r.tanks_ablaze
    return out


Raw = tuple[
    tuple[int, ...],
    tuple[tuple[int, int, int | None], ...],
    tuple[tuple[str, int, int], ...],
]
"""The tracked figures packed for speed: track values, then (legitimacy, treasury,
cohesion) per faction, then (holder, damage, fires) per region, all in state order."""


def packed(state: GameState) -> Raw:
    """:func:`snapshot` packed into tuples: taken at every log entry, so kept cheap."""
    return (
        tuple(state.tracks.values()),
        tuple(map(_FACTION_FIGURES, state.factions)),
        tuple(map(_REGION_FIGURES, state.regions)),
    )


_FACTION_FIGURES = attrgetter("legitimacy", "treasury", "cohesion")
_REGION_FIGURES = attrgetter("controller", "damage", "tanks_ablaze")


def packed_difference(
    state: GameState, before: Raw, after: Raw, why: str, by: str | None
) -> list[Change]:
    """Every figure that differs between two packed snapshots of ``state``, as changes
    booked to ``why`` (and ``by``), in :func:`snapshot` order."""
    out: list[Change] = []
    if before[0] != after[0]:
        for tid, was, now in zip(state.tracks, before[0], after[0], strict=True):
            if was != now:
                out.append(Change("track", tid, now - was, why=why, by=by))
    if before[1] != after[1]:
        for f, was_f, now_f in zip(state.factions, before[1], after[1], strict=True):
            if was_f == now_f:
                continue
            for stat, was_v, now_v in zip(STATS, was_f, now_f, strict=True):
                if was_v != now_v and was_v is not None and now_v is not None:
                    out.append(Change(stat, f.id, now_v - was_v, why=why, by=by))
    if before[2] != after[2]:
        for r, was_r, now_r in zip(state.regions, before[2], after[2], strict=True):
            if was_r == now_r:
                continue
            if was_r[0] != now_r[0]:
                out.append(Change("control", r.id, before=was_r[0], after=now_r[0], why=why, by=by))
            if was_r[1] != now_r[1]:
                out.append(Change("damage", r.id, now_r[1] - was_r[1], why=why, by=by))
            if was_r[2] != now_r[2]:
                out.append(Change("fires", r.id, now_r[2] - was_r[2], why=why, by=by))
    return out


STATS = ("legitimacy", "treasury", "cohesion")
"""The faction statistics of a packed snapshot, in order."""


def reconcile(
    found: list[Change], named: Iterable[Change], why: str, by: str | None, rest: str = HELD
) -> list[Change]:
    """The changes of one entry: the causes it names, then what they leave unexplained.

    ``found`` is what really changed since the last entry; ``named`` the entry's own
    itemised causes of numeric changes (unnamed ones take the entry's ``why``). For a
    figure with named causes the rest is booked to ``rest``; every other change
    found is booked to the entry itself.
    """
    out: list[Change] = []
    named_sum: dict[tuple[str, str], int] = {}
    for c in named:
        if not c.delta:
            continue
        key = c.figure, c.subject
        named_sum[key] = named_sum.get(key, 0) + c.delta
        out.append(c if c.why else Change(c.figure, c.subject, c.delta, why=why, by=by))
    real: dict[tuple[str, str], int] = {}
    for c in found:
        key = c.figure, c.subject
        if key in named_sum:
            real[key] = c.delta
        else:
            out.append(c)
    for key, total in named_sum.items():
        left = real.get(key, 0) - total
        if left:
            out.append(Change(key[0], key[1], left, why=rest))
    return out


def merged(changes: Iterable[Change]) -> list[Change]:
    """Numeric changes with the same figure, subject, cause and owner added together."""
    out: dict[tuple[str, str, str, str | None], int] = {}
    for c in changes:
        key = c.figure, c.subject, c.why, c.by
        out[key] = out.get(key, 0) + c.delta
    return [Change(f, s, d, why=w, by=b) for (f, s, w, b), d in out.items() if d]


def field_output(w: World, region: RegionState, fought: bool) -> int:
    """What an oil region exports: nothing while unheld, fought over or besieged."""
    fac = w.regions[region.id].facilities
    if not fac.capacity_bpd or region.controller == NEUTRAL:
        return 0
    if fought or region.siege_by is not None:
        return 0
    return terminal_output_bpd(fac.capacity_bpd, fac.oil_tanks, region.damage, region.tanks_ablaze)


def field_outputs(state: GameState, fought: Iterable[str] = ()) -> dict[str, int]:
    """Every oil region's export now, by region id in scenario order."""
    w = state.w
    gone = set(fought)
    return {
        r.id: field_output(w, r, r.id in gone)
        for r in state.regions
        if w.regions[r.id].facilities.capacity_bpd
    }


def short_cause(text: str, limit: int = 60) -> str:
    """The cause an entry names, from its text: the words before the first ``:`` or ``.``."""
    cut = len(text)
    for mark in (": ", ". ", "; "):
        at = text.find(mark)
        if 0 < at < cut:
            cut = at
    head = text[:cut].rstrip(".:; ")
    return head if len(head) <= limit else head[: limit - 1].rstrip() + "…"
