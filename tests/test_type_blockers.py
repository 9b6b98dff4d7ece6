"""What stops an order type as a whole (``type_problem``): the words beside each type in
the order builder.

The property: a type has no problem exactly when at least one of its targets is legal,
checked for every faction and type over mid-game positions and growing queues. The
examples pin the words a player reads for each kind of blocker.
"""

from __future__ import annotations

import random

from game.ai.random_bot import RandomBot
from game.engine import GameState, World, new_game
from game.engine.menu import legal_orders
from game.engine.order_model import Order
from game.engine.orders import candidates, make, type_problem, why_illegal
from game.engine.resolve import resolve_turn
from game.engine.state import Outcome


def _positions(world: World) -> list[GameState]:
    """The start and a few turns of random play from two seeds."""
    states = []
    for seed in (5, 17):
        state = new_game(world, seed)
        bots = [RandomBot(f) for f in world.faction_ids]
        for _ in range(4):
            if state.finished:
                break
            states.append(state)
            state, _ = resolve_turn(state, [c.order for b in bots for c in b.choose(state)])
    return states


def test_no_problem_exactly_when_a_target_is_legal(world: World) -> None:
    rng = random.Random(9)
    checked = blocked = 0
    for state in _positions(world):
        for faction in world.faction_ids:
            pending: list[Order] = []
            while True:
                every = list(candidates(state, faction))
                for otype in world.usable.get(faction, ()):
                    legal = [
                        o
                        for o in every
                        if o.order == otype.id and why_illegal(state, o, pending) is None
                    ]
                    problem = type_problem(state, faction, otype, pending)
                    assert (problem is None) == bool(legal), (otype.id, problem, pending)
                    if problem is not None:
                        assert problem.strip()
                        blocked += 1
                    checked += 1
                legal_now = legal_orders(state, faction, pending)
                if not legal_now:
                    break
                pending.append(rng.choice(legal_now))
    assert checked > 200 and blocked > 20


def test_the_words_for_each_blocker(fresh: GameState, world: World) -> None:
    orders = world.orders
    # The per-turn limit counts what is queued, not the first target's own repeat.
    strike = make("tobruk", "air_strike", "misrata")
    assert type_problem(fresh, "tobruk", orders["negotiate"], [make("tobruk", "negotiate")]) == (
        "ordered 1 of 1 time this turn"
    )
    per_turn = orders["air_strike"].per_turn
    if per_turn > 1:
        assert type_problem(fresh, "tobruk", orders["air_strike"], [strike]) is None
    # Out of action points: the cost and what is left, in words with plurals.
    spent = [make("tobruk", "negotiate"), make("tobruk", "fortify", "es_sider"), strike]
    assert type_problem(fresh, "tobruk", orders["fortify"], spent) == (
        "needs 1 action point; 0 left"
    )
    assert type_problem(fresh, "tobruk", orders["military_zone"], spent[:2]) == (
        "needs 2 action points; 1 left"
    )
    # A faction with no ground forces has nothing to move or attack with.
    foreign_moves = [o for o in world.usable["foreign"] if o.kind in ("move", "attack")]
    for otype in foreign_moves:
        if not [o for o in candidates(fresh, "foreign") if o.order == otype.id]:
            assert type_problem(fresh, "foreign", otype) == "no forces or targets for it now"
    # Once the game is over nothing can be ordered.
    over = fresh.clone()
    over.outcome = Outcome("catastrophe", None, 1, "all-out war", list(world.faction_ids))
    assert type_problem(over, "tobruk", orders["negotiate"]) == "the game is over"


def test_at_the_start_types_with_legal_targets_have_no_problem(
    fresh: GameState, world: World
) -> None:
    for faction in world.faction_ids:
        legal_types = {o.order for o in legal_orders(fresh, faction)}
        for otype in world.usable.get(faction, ()):
            assert (type_problem(fresh, faction, otype) is None) == (otype.id in legal_types)
