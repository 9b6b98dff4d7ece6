"""Orders a listed faction can never give, and conditions that keep something off for good.

Each order kind needs something of the faction that gives it: a naval raid needs boats,
an air strike aircraft, a mobilisation coalition members, an intervention an off-map
staging area, ground orders ground forces (at the start, or raised by an order). Air and
naval forces cannot be raised in play, so a faction that starts without them can never
give the orders that need them. A ``requires`` or a bot line's ``when`` that can never
hold keeps its order or line off in every game.
"""

from __future__ import annotations

from collections.abc import Iterator

from game.scenario.catalogue import KIND_SHAPES
from game.scenario.check_ids import Found, Ids
from game.scenario.check_never import Ranges, never_found
from game.scenario.models import Faction, OrderType, Scenario

RAISING = frozenset({"recruit", "mobilise", "deploy"})
"""Order kinds that put new ground forces on the map."""

GROUND = frozenset({"move", "attack", "fortify", "military_zone"})
"""Order kinds that need the giver's own ground forces somewhere."""


def order_problems(scn: Scenario, ids: Ids) -> Iterator[Found]:
    """A warning at each faction listed on an order it can never give."""
    if not ids.salvage.complete("faction", "force", "order", "region"):
        return
    factions = {f.id: f for f in scn.faction}
    offmap = any(r.offmap for r in scn.region)
    for i, order in enumerate(scn.order):
        for j, fid in enumerate(order.factions):
            faction = factions.get(fid)
            if faction is None:
                continue  # an unknown faction is reported as such
            reason = _lacks(scn, order, faction, offmap)
            if reason is not None:
                yield (
                    ("order", i, "factions", j),
                    f"'{fid}' can never give order '{order.id}' ({order.kind}): {reason}",
                )


def _forces(scn: Scenario, faction: str, kind: str) -> bool:
    return any(f.faction == faction and f.kind == kind for f in scn.force)


def _lacks(scn: Scenario, order: OrderType, faction: Faction, offmap: bool) -> str | None:
    """What ``faction`` lacks to ever give ``order`` (None: nothing known is missing)."""
    kind = order.kind
    needs = KIND_SHAPES[kind].forces
    if needs in ("naval", "air") and not _forces(scn, faction.id, needs):
        return f'it has no {needs} forces (add a [[force]] with kind = "{needs}")'
    if kind == "mobilise" and not any(
        f.faction == faction.id and f.component is not None for f in scn.force
    ):
        return "none of its forces belongs to a coalition member (a force's 'component')"
    if kind == "intervene" and not offmap:
        return "interventions start from an off-map staging area, and no region is offmap"
    if kind == "attack" and not faction.occupies:
        return "its forces never take ground (occupies = false); use move or intervene"
    if kind in GROUND | {"intervene"} and not _forces(scn, faction.id, "ground"):
        raisers = {o.kind for o in scn.order if faction.id in o.factions} & RAISING
        if not raisers:
            return "it has no ground forces and no order that raises any (recruit, deploy)"
    return None


def requires_problems(scn: Scenario, ids: Ids) -> Iterator[Found]:
    """A warning at each ``requires`` and bot ``when`` that can never hold."""
    if not ids.salvage.complete("meta", "track", "faction", "order"):
        return
    ranges = Ranges(scn)
    for i, order in enumerate(scn.order):
        if order.requires is not None:
            yield from never_found(
                order.requires,
                ranges,
                ("order", i, "requires"),
                f"order '{order.id}' can never be given",
            )
    for i, bot in enumerate(scn.bot):
        for j, prio in enumerate(bot.priority):
            if prio.when is not None:
                yield from never_found(
                    prio.when,
                    ranges,
                    ("bot", i, "priority", j, "when"),
                    f"bot '{bot.id}' never uses its line '{prio.label}'",
                )
