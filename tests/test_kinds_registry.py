"""Every order kind has one home, and that home covers it.

The registry (:data:`game.engine.kinds.ORDER_KINDS`) holds one entry per value of the
scenario format's ``OrderKind``: a target rule (with reasons and as yes/no), a phase that
resolves it, a summary and a reference paragraph. These tests prove each is there and
true: an order of every kind, given in a real position of the default scenario, is
resolved by the phase the registry names.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import get_args

import pytest

from game.ai.registry import BotSpec, make_bot
from game.engine import GameState, World, new_game, resolve_turn, target_lists, targets
from game.engine.kinds import (
    ORDER_KINDS,
    PHASES,
    TRAITS,
    Trait,
    has,
    kinds_in,
    kinds_with,
)
from game.engine.menu import legal_orders
from game.engine.order_model import Order
from game.scenario.catalogue import KIND_SHAPES, NO_TARGET, TARGETS_FACTION, OrderKind
from game.scenario.models import Scenario


def test_the_registry_holds_exactly_the_kinds_of_the_format() -> None:
    kinds = set(get_args(OrderKind))
    assert set(ORDER_KINDS) == kinds
    assert set(KIND_SHAPES) == kinds
    assert all(rule.kind == kind for kind, rule in ORDER_KINDS.items())


@pytest.mark.parametrize("kind", get_args(OrderKind))
def test_every_kind_has_a_rule_a_phase_a_summary_and_a_reference(kind: OrderKind) -> None:
    rule = ORDER_KINDS[kind]
    # its target rule is one of the legality module's functions, and so is its yes/no twin
    assert getattr(targets, rule.legality.__name__) is rule.legality
    assert getattr(target_lists, rule.fits.__name__) is rule.fits
    assert rule.legality.__doc__ and rule.fits.__doc__
    assert rule.phase in PHASES
    assert kind in kinds_in(rule.phase)
    # a player-facing line and a paragraph of rules, written as sentences
    assert rule.summary.endswith(".") and "\n" not in rule.summary
    assert len(rule.summary) <= 90, rule.summary
    assert rule.reference.endswith(".") and rule.reference.count(". ") >= 1
    assert rule.summary != rule.reference
    assert rule.traits <= set(TRAITS)
    assert rule.shape is KIND_SHAPES[kind]


def test_the_shape_sets_are_read_from_the_registry_shapes() -> None:
    assert {k for k, r in ORDER_KINDS.items() if r.target == "faction"} == TARGETS_FACTION
    assert {k for k, r in ORDER_KINDS.items() if r.target == "none"} == NO_TARGET


def test_every_trait_is_described_and_held_by_some_kind() -> None:
    assert set(TRAITS) == set(get_args(Trait))
    for trait in TRAITS:
        assert kinds_with(trait), trait
        assert all(has(k, trait) for k in kinds_with(trait))
    assert not has("no_such_kind", "strike")


def test_every_phase_resolves_some_kind() -> None:
    assert [p for p in PHASES if kinds_in(p)] == list(PHASES)


def positions(world: World) -> Iterator[GameState]:
    """Positions of rule-bot games of the default scenario, and scrambled copies of them
    (damage, fires, sieges) so that every kind of order finds a legal target."""
    rng = random.Random(10)
    for seed in range(3):
        state = new_game(world, seed)
        bots = [make_bot(f, BotSpec()) for f in world.faction_ids]
        while not state.finished:
            yield state
            copy = state.clone()
            for region in copy.regions:
                region.damage = rng.choice([0, 20])
                region.tanks_ablaze = rng.choice([0, 1])
            yield copy
            orders = [c.order for bot in bots for c in bot.choose(state)]
            state, _ = resolve_turn(state, orders)


def example_orders(world: World) -> dict[str, tuple[GameState, Order]]:
    """One legal order of every kind the scenario's catalogue uses, with its position."""
    wanted = {o.kind for o in world.scenario.order}
    found: dict[str, tuple[GameState, Order]] = {}
    for state in positions(world):
        for faction in world.faction_ids:
            for order in legal_orders(state, faction):
                kind = world.orders[order.order].kind
                if kind not in found:
                    found[kind] = (state, order)
        if set(found) == wanted:
            break
    return found


@pytest.fixture(scope="module")
def examples(world: World) -> dict[str, tuple[GameState, Order]]:
    return example_orders(world)


def test_the_default_scenario_uses_every_kind(scenario: Scenario) -> None:
    assert {o.kind for o in scenario.order} == set(ORDER_KINDS)


@pytest.mark.parametrize("kind", get_args(OrderKind))
def test_every_kind_is_resolved_by_its_phase(
    world: World, examples: dict[str, tuple[GameState, Order]], kind: OrderKind
) -> None:
    """An order of the kind, given alone, is first carried out in the registry's phase: its
    first entry there (not the entry that books what orders cost, which every order has;
    a lasting order may go on in later phases, as a siege does)."""
    state, order = examples[kind]
    rule = ORDER_KINDS[kind]
    _, log = resolve_turn(state, [order])
    own = [
        e
        for e in log
        if e.faction == order.faction
        and e.kind != "orders"
        and (rule.target != "region" or e.region == order.target)
        and e.source == world.orders[order.order].source
    ]
    assert own, f"no entry for {order.describe()}"
    assert own[0].phase == rule.phase, [(e.phase, e.text) for e in own]
