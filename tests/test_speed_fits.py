"""The fast legality paths give exactly the answers of the rules they stand for.

Legality has one readable reference: :func:`target_problem` and :func:`why_illegal`,
which also write the reasons players read. The bots use fast paths instead:
:func:`kinds.fits_of` (the same target rules asked as yes/no for every candidate) and
:class:`orders.Menu` (every check done once per position). These tests walk real
positions of bot games, and positions scrambled from them so that rare situations
(sieges, peacekeepers, sanctions, damage, boats and jets anywhere) come up, and check
the fast paths agree with the reference on every candidate and every queue tried.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Sequence

import pytest

from game.ai.registry import BotSpec, make_bot
from game.engine import GameState, World, new_game, resolve_turn
from game.engine.forces import Board
from game.engine.kinds import fits_of, target_problem
from game.engine.menu import Menu, legal_orders
from game.engine.order_model import Order
from game.engine.orders import _budget_problem, candidates, make, order_problem, usable, why_illegal
from game.engine.target_lists import candidates_of
from game.scenario.models import NEUTRAL

SEATS = (
    (BotSpec(), BotSpec(), BotSpec()),
    (BotSpec("random", ""),) * 3,
    (BotSpec("spoiler", ""), BotSpec("rule", "easy"), BotSpec("rule", "hard", 0)),
)


def positions(world: World, games: int = 2) -> Iterator[GameState]:
    """Every position (before each turn) of a few bot games of each kind of seat."""
    for index, seats in enumerate(SEATS):
        for seed in range(games):
            state = new_game(world, 100 * index + seed)
            bots = [make_bot(f, spec) for f, spec in zip(world.faction_ids, seats, strict=True)]
            while not state.finished:
                yield state
                orders = [c.order for bot in bots for c in bot.choose(state)]
                state, _ = resolve_turn(state, orders)


def scrambled(state: GameState, rng: random.Random) -> GameState:
    """A copy of ``state`` with holders, damage, sieges, units and sanctions shuffled."""
    w = state.w
    new = state.clone()
    sides = [*w.faction_ids, NEUTRAL]
    for region in new.regions:
        region.controller = rng.choice(sides)
        region.damage = rng.choice([0, 0, 10, 40])
        region.tanks_ablaze = rng.choice([0, 0, 1])
        region.fortification = rng.randint(0, w.tuning.fortify_max)
        region.siege_by = rng.choice([None, None, *w.faction_ids])
    for unit in new.units:
        unit.region = rng.choice(w.region_ids)
        unit.strength = rng.choice([0, 1, 3, 6])
        unit.client = rng.choice([None, None, *w.faction_ids])
    for faction in new.factions:
        faction.sanctioned = rng.choice([0, 0, 2])
        faction.treasury = rng.choice([0, 3, 50])
    return new


def sample(world: World) -> list[GameState]:
    """Real positions and, for every third one, two scrambled copies."""
    rng = random.Random(20141213)
    found: list[GameState] = []
    for number, state in enumerate(positions(world)):
        found.append(state)
        if number % 3 == 0:
            found += [scrambled(state, rng), scrambled(state, rng)]
    return found


@pytest.fixture(scope="module")
def states(world: World) -> list[GameState]:
    return sample(world)


def test_fits_of_agrees_with_target_problem(world: World, states: list[GameState]) -> None:
    checked = 0
    for state in states:
        board = Board(state)
        for me in world.faction_ids:
            for otype in world.scenario.order:
                pairs = candidates_of(state, board, me, otype)
                expected = [
                    (t, o)
                    for t, o in pairs
                    if target_problem(state, board, me, otype, t, o) is None
                ]
                assert list(fits_of(state, board, me, otype)) == expected, (otype.id, me)
                checked += len(pairs)
    assert checked > 25_000  # enough positions to mean something (28,914 on rules 3)


def reference_legal(state: GameState, faction: str, pending: Sequence[Order]) -> list[Order]:
    """The legality pass as it was written before the menu: every check, every time."""
    if state.finished or faction not in state.w.factions:
        return []
    mine = [p for p in pending if p.faction == faction]
    taken = {(p.order, p.target, p.origin) for p in mine}
    board = Board(state)
    legal: list[Order] = []
    for otype in usable(state, faction):
        if _budget_problem(state, faction, otype, mine) is not None:
            continue
        for target, origin in candidates_of(state, board, faction, otype):
            if (otype.id, target, origin) in taken:
                continue
            if order_problem(state, board, faction, otype, target, origin, mine) is None:
                legal.append(make(faction, otype.id, target, origin))
    return legal


def outcome(ask: Callable[..., object], *args: object) -> object:
    """What a call returns, or the type of error it raises."""
    try:
        return ask(*args)
    except Exception as exc:
        return type(exc)


def queues(state: GameState, faction: str, rng: random.Random) -> Iterator[list[Order]]:
    """Queues a player could build, plus ones with other factions' and unknown orders."""
    w = state.w
    queue: list[Order] = []
    while True:
        yield list(queue)
        legal = reference_legal(state, faction, queue)
        if not legal:
            break
        queue.append(rng.choice(legal))
    other = next(f for f in w.faction_ids if f != faction)
    yield [make(other, "move", w.region_ids[1], w.region_ids[0]), *queue[:1]]
    yield [*queue[:1], *queue[:1]]
    for origin in w.region_ids[:4]:
        yield [make(faction, "no_such_order", w.region_ids[5], origin), *queue[:1]]


def test_menu_agrees_with_the_reference_pass(world: World, states: list[GameState]) -> None:
    rng = random.Random(7)
    ids = [o.id for o in world.scenario.order] + ["no_such_order"]
    asked = 0
    for state in states[::2]:
        for faction in [*world.faction_ids, "nobody"]:
            menu = Menu(state, faction)
            for queue in queues(state, faction, rng) if faction in world.factions else [[]]:
                expected = outcome(reference_legal, state, faction, queue)
                assert outcome(legal_orders, state, faction, queue) == expected
                assert outcome(menu.legal, queue) == expected
                offer = menu.after(queue)
                if isinstance(expected, list):
                    assert offer.any() == bool(expected)
                    for only in ids:
                        assert offer.legal(only) == [o for o in expected if o.order == only]
                    # Lists handed out are the caller's: changing one changes nothing.
                    offer.legal(expected[0].order).clear() if expected else None
                    assert offer.legal() == expected
                asked += 1
    assert asked > 500


def test_menu_lists_match_why_illegal(world: World, states: list[GameState]) -> None:
    """The legal orders are exactly the candidates that the order builder shows as legal."""
    for state in states[::7]:
        for faction in world.faction_ids:
            legal = Menu(state, faction).legal()
            shown = [o for o in candidates(state, faction) if why_illegal(state, o) is None]
            assert legal == shown


def test_orders_are_shared_but_behave_as_values() -> None:
    one = make("dawn", "attack", "sirte", "misrata")
    again = make("dawn", "attack", "sirte", "misrata")
    built = Order(faction="dawn", order="attack", target="sirte", origin="misrata")
    assert one is again
    assert one == built and hash(one) == hash(built)
    assert one.model_dump() == built.model_dump()
    assert one.model_copy(update={"target": "tripoli"}).target == "tripoli"
    assert one.target == "sirte"
