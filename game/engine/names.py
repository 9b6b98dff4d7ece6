"""Places, sides and orders in words, the same on every screen, in bots' reasons and in
handouts: an order reads "Attack: <origin> → <target>" or "Ultimatum: <faction>".

Pure functions of the compiled scenario, so the bots (which explain their choices) and
the record and UI layers above them share one way of naming things. Ids the scenario
does not know are shown as written; callers that print outside data show the result as
text (the UI) or escape it (the handout).
"""

from __future__ import annotations

from game.engine.kinds import TARGETS_FACTION
from game.engine.order_model import Order
from game.engine.world import World
from game.scenario.models import NEUTRAL


def region_name(world: World, key: str) -> str:
    """A region's short name (its name before any bracketed alias), else ``key``."""
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

    Ids can be shared (a capital may carry its faction's id), so the order kind decides.
    """
    if key is None:
        return "(no target)"
    if faction and key in world.factions:
        return world.factions[key].name
    if key in world.regions:
        return region_name(world, key)
    return side_name(world, key)


def targets_faction(world: World, order: Order) -> bool:
    """True if the order's target is a faction (an ultimatum, sanctions)."""
    otype = world.orders.get(order.order)
    return otype is not None and otype.kind in TARGETS_FACTION


def order_text(world: World, order: Order) -> str:
    """An order in words, e.g. ``Attack: <origin> → <target>``."""
    otype = world.orders.get(order.order)
    name = otype.name if otype is not None else order.order
    where = ""
    if order.target is not None:
        where = place_name(world, order.target, targets_faction(world, order))
    if order.origin is not None:
        where = f"{place_name(world, order.origin)} → {where}"
    return f"{name}: {where}" if where else name
