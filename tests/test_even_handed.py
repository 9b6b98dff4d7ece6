"""Even-handed rules in the default scenario: the same act costs the same whoever does it.

A classroom reads the rules as a statement about the war, so an air attack on a city
must not be cheaper for one Libyan side than for the other, and the UN mission's
condemnation of it must cost whichever side draws it the same.
"""

from __future__ import annotations

from game.engine import GameState, resolve_turn
from game.engine.air_naval import COLLATERAL_LEGITIMACY
from game.engine.kinds import has
from game.engine.order_model import Order
from game.engine.orders import make
from game.engine.state import state_from_dict, state_to_dict
from game.scenario.models import Scenario
from game.scenario.rules import Happened, StatEffect


def test_air_attacks_declare_the_same_legitimacy_whoever_flies_them(scenario: Scenario) -> None:
    air = [o for o in scenario.order if has(o.kind, "by_air")]
    assert {f for o in air for f in o.factions} >= {"tobruk", "dawn"}
    assert {o.legitimacy for o in air} == {0}, [(o.id, o.legitimacy) for o in air]


def test_the_condemnation_of_air_attacks_on_cities_costs_each_side_the_same(
    scenario: Scenario,
) -> None:
    cost: dict[str, list[tuple[str, int]]] = {}
    for event in scenario.event:
        when = event.when
        if not isinstance(when, Happened) or when.what != "air_strike_on_city":
            continue
        assert when.faction is not None, event.id  # it names whom it condemns
        cost[when.faction] = sorted(
            (e.stat, e.add)
            for e in event.effects
            if isinstance(e, StatEffect) and e.faction == when.faction
        )
    flyers = {f for o in scenario.order if has(o.kind, "by_air") for f in o.factions}
    assert set(cost) == flyers
    assert len({tuple(c) for c in cost.values()}) == 1, cost
    assert all(add < 0 for c in cost.values() for _, add in c), cost


def test_each_libyan_side_has_a_voice_in_the_briefing_quotes(scenario: Scenario) -> None:
    quoted = " ".join(q.by for q in scenario.briefing.quotes)
    assert "government spokesman" in quoted  # Tobruk's camp
    assert "Libya Dawn" in quoted  # Dawn's camp


def _civilian_harm_cost(fresh: GameState, dice: list[int], order: Order, warned: bool) -> int:
    """Legitimacy ``order``'s giver loses when its attack on a city hits civilians: every
    attack die misses, air defences miss, and the collateral die shows 1."""
    state = state_from_dict(state_to_dict(fresh), fresh.w)
    me = order.faction
    if warned:  # an ultimatum of the giver on the target's holder still runs
        holder = state.region(order.target or "").controller
        state.faction(me).ultimatum_on = holder
        state.faction(me).ultimatum_turns = 2
    otype = fresh.w.orders[order.order]
    dice[:] = [1] * otype.power + [6, 1]
    before = state.faction(me).legitimacy
    new, _ = resolve_turn(state, [order])
    assert dice == []
    return before - new.faction(me).legitimacy


def test_civilian_harm_costs_every_attacker_the_same(fresh: GameState, dice: list[int]) -> None:
    """Civilians hit by a strike or a raid cost the attacker the same legitimacy whoever it
    is, and an ultimatum first makes the strike easier to land, never cheaper."""
    strike = make("tobruk", "air_strike", "misrata")
    raid = make("dawn", "mig_raid", "sirte")
    costs = {
        "strike": _civilian_harm_cost(fresh, dice, strike, warned=False),
        "strike after an ultimatum": _civilian_harm_cost(fresh, dice, strike, warned=True),
        "raid": _civilian_harm_cost(fresh, dice, raid, warned=False),
    }
    # The harm itself, plus the UN mission's condemnation of air attacks on cities.
    assert set(costs.values()) == {COLLATERAL_LEGITIMACY + 1}, costs
