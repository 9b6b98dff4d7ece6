"""Every side's standing now and the projection of a faction's queued orders.

The standing must be the engine's own margins (the numbers an assessment would use),
and a projection must be exactly what the engine does with and without the orders over
the projection's dice: tested here against direct ``resolve_turn`` calls.
"""

from __future__ import annotations

import pytest

from game.engine import GameState, Order, options, resolve_turn
from game.engine.dice import Dice
from game.engine.orders import make
from game.engine.projection import SAMPLES, Projector, project, projection_dice
from game.engine.standing import margin_rule, next_assessment, standings
from game.engine.state import GameOver, Outcome
from game.engine.victory import margins, ranking, score, term_points
from game.scenario.rules import StatTerm


def legal(state: GameState, faction: str, kind: str) -> Order:
    """The first legal order of catalogue entry ``kind`` for ``faction`` now."""
    return next(o for o, why in options(state, faction, []) if why is None and o.order == kind)


def played(state: GameState, turns: int) -> GameState:
    """``state`` after ``turns`` turns (or its end) in which every side gives its first legal
    attack."""
    for _ in range(turns):
        if state.finished:
            break
        orders = []
        for f in state.w.faction_ids:
            found = [o for o, why in options(state, f, []) if why is None and o.order == "attack"]
            orders += found[:1]
        state = resolve_turn(state, orders, log=False)[0]
    return state


@pytest.mark.parametrize("turns", [0, 2, 5])
def test_standing_is_the_engines_margin_score_and_rank(fresh: GameState, turns: int) -> None:
    state = played(fresh, turns)
    table = standings(state)
    assert [s.faction for s in table] == list(state.w.faction_ids)
    assert {s.faction: s.margin for s in table} == margins(state)
    for s in table:
        terms = state.w.factions[s.faction].victory.terms
        assert s.score == score(state, s.faction)
        assert s.target == state.w.factions[s.faction].victory.target
        assert [t.points for t in s.terms] == [term_points(state, s.faction, t) for t in terms]
        assert sum(t.points for t in s.terms) == s.score
        assert all(t.label for t in s.terms)
    assert [s.faction for s in sorted(table, key=lambda s: s.rank)] == ranking(state)


def test_the_margin_rule_names_the_scenarios_decisive_lead(fresh: GameState) -> None:
    rule = margin_rule(fresh)
    assert rule.startswith("margin = score − target")
    assert f"at an assessment the leader wins early with +{fresh.w.tuning.decisive_margin}" in rule


def test_the_next_assessment_is_this_turn_or_the_next_due(fresh: GameState) -> None:
    w = fresh.w
    every = w.scenario.meta.assessment_every
    assert next_assessment(fresh) == every
    state = fresh.clone()
    state.turn = every
    assert next_assessment(state) == every
    state.turn = every + 1
    assert next_assessment(state) == min(2 * every, w.turns)
    state.outcome = Outcome("draw", None, state.turn, "test", list(w.faction_ids))
    assert next_assessment(state) is None


def test_a_projection_of_no_orders_changes_nothing(fresh: GameState) -> None:
    p = project(fresh, "tobruk", [])
    changes = [p.margin, p.escalation, p.caused, p.legitimacy, p.treasury, *p.rivals.values()]
    assert all(c.mean == c.low == c.high == 0 for c in changes)
    assert p.margin.current == margins(fresh)["tobruk"]
    assert p.escalation.current == fresh.tracks["escalation"]
    assert p.catastrophes == 0 and p.samples == SAMPLES


def test_an_ultimatum_projects_the_escalation_the_catalogue_gives_it(fresh: GameState) -> None:
    order = legal(fresh, "tobruk", "ultimatum")
    points = fresh.w.orders["ultimatum"].escalation
    assert points > 0
    p = project(fresh, "tobruk", [order])
    assert p.escalation.mean == p.escalation.low == p.escalation.high == points
    assert p.caused.mean == points and p.caused.lowest == p.caused.highest == points
    assert not any(c.moved for c in (p.margin, p.legitimacy, *p.rivals.values()))


def test_a_projection_is_the_engine_with_and_without_the_orders(fresh: GameState) -> None:
    orders = [legal(fresh, "tobruk", "air_strike"), legal(fresh, "tobruk", "attack")]
    p = project(fresh, "tobruk", orders)
    margin, escalation, legitimacy, dawn, reached = [], [], [], [], []
    alone: list[int] = []
    for dice in projection_dice(fresh):
        with_them = resolve_turn(fresh, orders, dice, log=False)[0]
        without = resolve_turn(fresh, [], dice, log=False)[0]
        margin.append(margins(with_them)["tobruk"] - margins(without)["tobruk"])
        escalation.append(with_them.tracks["escalation"] - without.tracks["escalation"])
        reached.append(with_them.tracks["escalation"])
        alone.append(without.tracks["escalation"])
        legitimacy.append(
            with_them.faction("tobruk").legitimacy - without.faction("tobruk").legitimacy
        )
        dawn.append(margins(with_them)["dawn"] - margins(without)["dawn"])
    for change, diffs in [
        (p.margin, margin),
        (p.escalation, escalation),
        (p.legitimacy, legitimacy),
        (p.rivals["dawn"], dawn),
    ]:
        assert change.mean == sum(diffs) / len(diffs)
        assert (change.low, change.high) == (min(diffs), max(diffs))
    assert (p.escalation.lowest, p.escalation.highest) == (min(reached), max(reached))
    assert p.escalation.current == fresh.tracks["escalation"]
    assert p.escalation.without == sum(alone) / len(alone)  # where the turn goes by itself
    assert p.escalation.mean > 0  # an air strike and an attack are never calm
    assert "tobruk" not in p.rivals and list(p.rivals) == ["dawn", "foreign"]


def test_a_projection_is_deterministic_and_ignores_the_order_of_entry(fresh: GameState) -> None:
    a, b = legal(fresh, "tobruk", "air_strike"), legal(fresh, "tobruk", "ultimatum")
    first = project(fresh, "tobruk", [a, b])
    again = Projector(fresh).project("tobruk", [b, a])
    assert first == again
    projector = Projector(fresh)
    assert projector.project("tobruk", [a]) is projector.project("tobruk", [a])  # remembered


def test_projection_dice_are_the_games_own_key_never_its_real_dice(fresh: GameState) -> None:
    dice = projection_dice(fresh)
    assert len(dice) == SAMPLES and len({d.seed for d in dice}) == SAMPLES
    assert fresh.seed not in {d.seed for d in dice}
    assert [d.seed for d in projection_dice(fresh)] == [d.seed for d in dice]
    later = resolve_turn(fresh, [], log=False)[0]
    assert {d.seed for d in projection_dice(later)}.isdisjoint({d.seed for d in dice})
    assert isinstance(dice[0], Dice)


def test_orders_that_would_reach_the_maximum_count_the_catastrophes(fresh: GameState) -> None:
    state = fresh.clone()
    top = state.w.tracks["escalation"].max
    state.tracks["escalation"] = top - 1
    order = legal(state, "tobruk", "military_zone")
    p = project(state, "tobruk", [order])
    assert p.catastrophes == SAMPLES
    assert p.escalation.lowest == p.escalation.highest == top


def test_orders_that_win_at_an_assessment_are_counted(fresh: GameState) -> None:
    state = fresh.clone()
    state.turn = state.w.scenario.meta.assessment_every
    decisive = state.w.tuning.decisive_margin
    # Legitimacy one talk short of the point that makes Tobruk's margin decisive.
    per = next(
        t.per
        for t in state.w.factions["tobruk"].victory.terms
        if isinstance(t, StatTerm) and t.stat == "legitimacy"
    )
    assert per > 1
    state.faction("tobruk").legitimacy += (decisive - 1 - margins(state)["tobruk"]) * per
    state.faction("tobruk").legitimacy += per - 1 - state.faction("tobruk").legitimacy % per
    assert margins(state)["tobruk"] == decisive - 1
    p = project(state, "tobruk", [legal(state, "tobruk", "negotiate")])
    assert p.wins == SAMPLES and p.catastrophes == 0
    assert p.margin.lowest >= decisive
    assert project(state, "tobruk", []).wins == 0


def test_a_projection_refuses_what_it_cannot_measure(fresh: GameState) -> None:
    with pytest.raises(ValueError, match="one faction"):
        project(fresh, "tobruk", [make("dawn", "negotiate")])
    with pytest.raises(ValueError, match="at least one"):
        Projector(fresh, samples=0)
    over = fresh.clone()
    over.outcome = Outcome("draw", None, over.turn, "test", list(over.w.faction_ids))
    with pytest.raises(GameOver):
        project(over, "tobruk", [])
