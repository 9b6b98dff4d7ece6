"""Names and phrases for people: places, sides, orders, seats and dates.

One home for the words the game screen, the turn summary, the replay viewer and the
handout all use, so an order reads the same everywhere ("Attack: Misrata → Sirte").
Ids the scenario does not know are shown as written; callers that print outside data
show the result as text (the UI) or escape it (the handout).
"""

from __future__ import annotations

from collections.abc import Sequence

from game.ai.registry import Seat
from game.engine.grammar import plural as plural
from game.engine.grammar import verb_for as verb_for
from game.engine.kinds import TARGETS_FACTION
from game.engine.orders import Order
from game.engine.world import World
from game.scenario.dates import long_date as long_date
from game.scenario.dates import short_date as short_date

NEUTRAL = "neutral"
"""The holder of a region no faction controls."""


def region_name(world: World, key: str) -> str:
    """A region's short name (``Al-Sidra`` for ``Al-Sidra (Es Sider)``), else ``key``."""
    region = world.regions.get(key)
    return region.name.split(" (")[0] if region is not None else key


def side_name(world: World, key: str | None) -> str:
    """A faction's name; ``nobody`` for no holder or the neutral one, else ``key``."""
    if key is None or key == NEUTRAL:
        return "nobody"
    faction = world.factions.get(key)
    return faction.name if faction is not None else key


def place_name(world: World, key: str | None, faction: bool = False) -> str:
    """A region's (short) or, with ``faction``, a faction's name.

    Ids can be shared (``tobruk`` is a city and a faction), so the order kind decides.
    """
    if key is None:
        return "(no target)"
    if faction and key in world.factions:
        return world.factions[key].name
    if key in world.regions:
        return region_name(world, key)
    return side_name(world, key)


def targets_faction(world: World, order: Order) -> bool:
    """True if the order's target is a faction (ultimatum, sanctions, pressure)."""
    otype = world.orders.get(order.order)
    return otype is not None and otype.kind in TARGETS_FACTION


def order_text(world: World, order: Order) -> str:
    """An order in words, e.g. ``Attack: Misrata → Sirte``."""
    otype = world.orders.get(order.order)
    name = otype.name if otype is not None else order.order
    where = ""
    if order.target is not None:
        where = place_name(world, order.target, targets_faction(world, order))
    if order.origin is not None:
        where = f"{place_name(world, order.origin)} → {where}"
    return f"{name}: {where}" if where else name


def roll_text(world: World, purpose: str) -> str:
    """A die's purpose in words: ``tobruk air die 2`` -> ``Tobruk government air die 2``.

    A roll's purpose is part of its dice address (changing it would change the dice), so
    it keeps the ids; this shows each faction or force id in it by its name instead.
    """
    forces = {f.id: f.name.split(" (")[0] for f in world.scenario.force}

    def named(word: str) -> str:
        if word in world.factions:
            return world.factions[word].name
        return forces.get(word, word)

    return " ".join(named(word) for word in purpose.split(" "))


def join_names(names: Sequence[str]) -> str:
    """``["A", "B", "C"]`` -> ``"A, B and C"``."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def seat_label(seat: Seat | None) -> str:
    """Who plays a faction: ``a human player`` or ``a bot (normal)``."""
    if seat is None:
        return "nobody"
    if seat.human:
        return "a human player"
    return f"a bot ({seat.word})"
