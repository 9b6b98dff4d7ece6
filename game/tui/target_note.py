"""What the order builder says about one target: the board there and the odds.

Kept apart from the widget so the words can be tested without a screen and grown
(forecasts from the engine) without touching the builder's layout code.
"""

from __future__ import annotations

from game.engine.orders import Order, nearest_base
from game.engine.state import GameState
from game.record.words import place_name, targets_faction


def target_row_hint(state: GameState, order: Order) -> str:
    """A few words for the target's row in the list (empty when there is nothing to add)."""
    return ""


def target_note(state: GameState, order: Order) -> str:
    """What the board says about this target: strengths, distances, holder."""
    w = state.w
    otype = w.orders[order.order]
    target = order.target
    if target is None:
        return ""
    if targets_faction(state.w, order):
        fs = state.faction(target)
        return f"{w.factions[target].name}: legitimacy {fs.legitimacy}"
    region = state.region(target)
    holder = w.factions[region.controller].short if region.controller in w.factions else "nobody"
    enemy = sum(
        u.strength
        for u in state.units
        if u.region == target and u.kind == "ground" and u.faction != order.faction
    )
    if otype.kind in ("move", "attack") and order.origin is not None:
        mine = state.ground(order.faction, order.origin)
        return (
            f"your {mine} strength from {place_name(state.w, order.origin)} against {enemy} "
            f"(fortified {region.fortification}) in {place_name(state.w, target)}, held by {holder}"
        )
    if otype.kind in ("air_strike", "mig_raid"):
        base = nearest_base(state, order.faction, "air", target)
        if base is not None:
            return (
                f"aircraft at {place_name(state.w, base)}, {w.km(base, target):,} km away "
                f"(range {otype.range_km:,}); {enemy} enemy strength there"
            )
    if otype.range_km and order.origin is not None:
        return (
            f"{w.km(order.origin, target):,} km from {place_name(state.w, order.origin)} "
            f"(range {otype.range_km:,})"
        )
    return f"held by {holder}; {enemy} other strength there; damage {region.damage}%"
