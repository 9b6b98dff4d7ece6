"""The rules half of the worst valid scenario: orders, events, bots and their conditions.

See :mod:`game.lab.worst_scenario`, which puts these beside the map and the sides.
"""

from __future__ import annotations

from typing import Any, get_args

from game.lab.worst_ids import Ids, text_of, top
from game.scenario import bounds as b
from game.scenario.bots import FACTION_SELECTORS, REGION_SELECTORS, TargetSelector
from game.scenario.models import NO_TARGET, TARGETS_FACTION, OrderKind, OrderType

Data = dict[str, Any]


def worst_condition(ids: Ids, n: int) -> Data:
    """A condition tree of ``MAX_CONDITIONS`` conditions nested ``MAX_CONDITION_DEPTH``
    deep, true in any game of the worst scenario (so every part of it is evaluated)."""
    f, r = ids.faction(n), ids.region(n)
    chain: Data = {
        "type": "not",
        "condition": dict(type="happened", what="aid", faction=f, region=r),
    }
    for depth in range(2, b.MAX_CONDITION_DEPTH - 1):
        chain = {"type": ("any", "all")[depth % 2], "conditions": [chain]}
    makers = [
        lambda k: dict(type="turn_at_least", turn=1),
        lambda k: dict(type="track_at_least", track=ids.track(k), value=-b.MAX_TRACK),
        lambda k: dict(type="track_at_most", track=ids.track(k), value=b.MAX_TRACK),
        lambda k: dict(type="stat_at_least", faction=ids.faction(k), stat="treasury", value=0),
        lambda k: dict(
            type="stat_at_most", faction=ids.faction(k), stat="escalation", value=b.MAX_TRACK
        ),
        lambda k: dict(
            type="strength_at_least", faction=ids.faction(k), region=ids.region(k), value=-1
        ),
    ]
    used = b.MAX_CONDITION_DEPTH  # the root and the chain below it
    leaves = [makers[k % len(makers)](k) for k in range(n, n + b.MAX_CONDITIONS - used)]
    return {"type": "all", "conditions": [chain, *leaves]}


def orders(ids: Ids, prose: int) -> list[Data]:
    kinds = list(get_args(OrderKind))
    shift = top(OrderType, "escalation")
    return [
        dict(
            id=f"o{i}",
            kind=kinds[i % len(kinds)],
            name=text_of(f"Order {i}", b.MAX_NAME),
            factions=ids.factions,
            cost=1,
            price=1,
            per_turn=top(OrderType, "per_turn"),
            power=top(OrderType, "power"),
            range_km=top(OrderType, "range_km"),
            escalation=shift if i % 2 else -shift,
            legitimacy=-shift,
            target_legitimacy=-shift,
            cohesion=shift,
            target_cohesion=-shift,
            duration=top(OrderType, "duration"),
            diminishing=top(OrderType, "diminishing") if i % 7 == 6 else 0,
            requires=worst_condition(ids, i),
            description=text_of(f"order {i}", prose),
            source="design",
        )
        for i in range(b.MAX_ORDERS)
    ]


def _effect(ids: Ids, k: int) -> Data:
    f, r, track = ids.faction(k), ids.region(k), ids.track(k)
    # Escalation at its maximum would end the game at once: it is pushed down instead.
    add = -b.MAX_TRACK if track == "escalation" else b.MAX_TRACK
    effects: list[Data] = [
        dict(type="track", track=track, add=add),
        dict(type="stat", faction=f, stat="treasury", add=b.MAX_STAT_CHANGE),
        dict(type="strength", faction=f, region=r, add=b.MAX_STRENGTH_CHANGE),
        dict(type="damage", region=r, add=b.MAX_LEVEL),
        dict(type="tanks_ablaze", region=r, add=b.MAX_TANKS),
        dict(type="control", region=r, faction=f),
    ]
    return effects[k % len(effects)]


def events(ids: Ids, prose: int) -> list[Data]:
    return [
        dict(
            id=f"e{i}",
            title=text_of(f"Event {i}", b.MAX_NAME),
            when=worst_condition(ids, i),
            once=False,
            faction=ids.faction(i),
            effects=[_effect(ids, k) for k in range(i, i + b.MAX_EFFECTS)],
            text=text_of(f"event {i}", prose),
            source="design",
        )
        for i in range(b.MAX_EVENTS)
    ]


def _selectors(kind: str) -> list[str]:
    """The target selectors that fit an order of ``kind``."""
    everyone = list(get_args(TargetSelector))
    if kind in TARGETS_FACTION:
        return [s for s in everyone if s not in REGION_SELECTORS]
    if kind in NO_TARGET:
        return [s for s in everyone if s not in REGION_SELECTORS | FACTION_SELECTORS]
    return [s for s in everyone if s not in FACTION_SELECTORS]


def bots(ids: Ids) -> list[Data]:
    kinds = list(get_args(OrderKind))
    prefer = (ids.regions + ids.factions)[: b.MAX_ITEMS]
    bots: list[Data] = []
    for i in range(b.MAX_BOTS):
        priorities: list[Data] = []
        for j in range(b.MAX_PRIORITIES):
            order = (j * 3 + i) % b.MAX_ORDERS
            fitting = _selectors(kinds[order % len(kinds)])
            priorities.append(
                dict(
                    label=text_of(f"priority {j}", b.MAX_NAME),
                    order=f"o{order}",
                    target=fitting[j % len(fitting)],
                    prefer=prefer,
                    when=worst_condition(ids, i * b.MAX_PRIORITIES + j),
                )
            )
        name = text_of(f"Bot {i}", b.MAX_NAME)
        bots.append(dict(id=f"b{i}", faction=ids.faction(i), name=name, priority=priorities))
    return bots
