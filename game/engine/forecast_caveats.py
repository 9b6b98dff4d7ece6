"""What could change a forecast before the order resolves: the rivals' possible orders.

Turns are simultaneous, so a forecast cannot know what the others will order; it can
say what they *could* order that would matter. Air strikes and raids resolve before the
ground phase, so an enemy strike on the region an attack starts from weakens the
attackers before they go; a defender may reinforce, recruit or fortify; a rival may
attack the same region or come down the same road. Each is found by asking the rules
which of the rival's orders are legal now (``why_illegal``), never by restating them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from game.engine.forces import Board
from game.engine.kinds import has
from game.engine.order_model import Order
from game.engine.orders import candidates, effective_power, why_illegal
from game.engine.state import GameState


@dataclass(frozen=True, slots=True)
class Caveat:
    """One thing that could change a forecast, as data (the UI words it).

    ``what`` is one of:

    - ``arrives_late``: ``amount`` of your strength reaches ``region`` (the order's start)
      this turn by another of your moves; forces that arrive do not go on, so it does
      not attack;
    - ``strike_origin``: ``faction`` can strike or raid ``region`` (where your forces
      start) before they move, with up to ``amount`` dice;
    - ``reinforce``: ``faction`` (the defender's side) could add up to ``amount``
      strength from ``region`` (or recruit there, when ``region`` is the target);
    - ``fortify``: ``faction`` could fortify ``region`` by ``amount`` before the battle;
    - ``other_attacker``: ``faction`` could also attack the region from ``region``
      with ``amount``;
    - ``head_on``: ``faction`` could march ``amount`` from ``region`` down the same road
      the other way (the weaker column stays home);
    - ``other_side``: ``faction`` also has forces in ``region``: more than one battle;
    - ``own_strike``: ``amount`` of your own strikes or raids on ``region`` resolve
      first; the forecast already counts every outcome of them;
    - ``may_ease``: ``faction`` holds the target and could raid this turn, which would
      make this strike hit more easily.
    """

    what: str
    faction: str | None
    region: str | None
    amount: int


def _rival_orders(
    state: GameState, board: Board, rival: str, regions: Sequence[str]
) -> list[Order]:
    """The rival's legal orders now whose target is one of ``regions`` (or that start in
    one of them), each checked by the engine's own legality rules."""
    out: list[Order] = []
    for o in candidates(state, rival, board):
        if o.target not in regions and o.origin not in regions:
            continue
        if why_illegal(state, o, (), board) is None:
            out.append(o)
    return out


def battle_caveats(
    state: GameState,
    order: Order,
    mine: Sequence[Order],
    board: Board,
    opponent: str | None,
) -> tuple[Caveat, ...]:
    """What rivals could order that would change a ground battle's forecast."""
    w = state.w
    me, target, origin = order.faction, order.target, order.origin
    assert target is not None and origin is not None
    found: dict[tuple[str, str | None, str | None], int] = {}

    def add(what: str, faction: str, region: str | None, amount: int) -> None:
        if amount > 0:
            key = (what, faction, region)
            found[key] = max(found.get(key, 0), amount)

    for rival in w.faction_ids:
        if rival == me:
            continue
        for o in _rival_orders(state, board, rival, (target, origin)):
            otype = w.orders[o.order]
            kind = otype.kind
            if has(kind, "strike") and o.target == origin:
                add("strike_origin", rival, origin, effective_power(state, rival, otype))
            elif has(kind, "ground") and o.target == target and o.origin is not None:
                strength = board.mine(rival, o.origin)
                if rival == opponent or (has(kind, "beside_holder") and rival != me):
                    add("reinforce", rival, o.origin, strength)
                else:
                    add("other_attacker", rival, o.origin, strength)
            elif has(kind, "ground") and (o.origin, o.target) == (target, origin):
                add("head_on", rival, target, board.mine(rival, target))
            elif has(kind, "raises") and o.target == target:
                add("reinforce", rival, target, effective_power(state, rival, otype))
            elif has(kind, "fortifies") and o.target == target:
                room = w.tuning.fortify_max - state.region(target).fortification
                add("fortify", rival, target, min(room, effective_power(state, rival, otype)))
    return tuple(Caveat(what, f, r, n) for (what, f, r), n in found.items())


def strike_caveats(state: GameState, order: Order, board: Board) -> tuple[Caveat, ...]:
    """What the target's holder could do this turn that would change a strike's odds."""
    w = state.w
    target = order.target
    kind = w.orders[order.order].kind
    if target is None or not has(kind, "by_air") or has(kind, "sortie"):
        return ()
    holder = state.region(target).controller
    if holder not in w.factions or holder == order.faction:
        return ()
    raids = [
        otype
        for otype in w.scenario.order
        if holder in otype.factions
        and has(otype.kind, "sortie")
        and board.bases.get((holder, "air"))
    ]
    return (Caveat("may_ease", holder, target, 1),) if raids else ()
