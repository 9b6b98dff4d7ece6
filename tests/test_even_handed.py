"""Even-handed rules in the default scenario: the same act costs the same whoever does it.

A classroom reads the rules as a statement about the war, so an air attack on a city
must not be cheaper for one Libyan side than for the other, and the UN mission's
condemnation of it must cost whichever side draws it the same.
"""

from __future__ import annotations

from game.engine.kinds import has
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
