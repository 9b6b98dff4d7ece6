"""Property tests: whole games of random legal orders keep the state sound.

Hypothesis draws the seed and, turn by turn, every faction's orders from
``legal_orders`` (so failures shrink to short games with few orders). After every
turn the invariants below must hold, the state must survive serialisation, and a
replay of the same seed and orders must reach the same hash at every turn.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.ai import RandomBot, RuleBot
from game.engine import (
    GameState,
    Order,
    World,
    legal_orders,
    new_game,
    resolve_turn,
    state_from_dict,
    state_hash,
    state_to_dict,
    why_illegal,
)
from game.engine.log import PHASES, LogEntry
from game.engine.state import RESULTS
from game.scenario.formulas import terminal_output_bpd
from game.scenario.models import NEUTRAL

GAMES = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
SEEDS = st.integers(min_value=0, max_value=2**63 - 1)


def expected_output(state: GameState, log: Sequence[LogEntry]) -> int:
    """National output recomputed from the regions (terminals fought over export nothing)."""
    fought = {e.region for e in log if e.phase == "ground" and e.kind == "battle"}
    total = 0
    for region in state.regions:
        fac = state.w.regions[region.id].facilities
        if not fac.capacity_bpd or region.controller == NEUTRAL:
            continue
        if region.id in fought or region.siege_by is not None:
            continue
        total += terminal_output_bpd(
            fac.capacity_bpd, fac.oil_tanks, region.damage, region.tanks_ablaze
        )
    return total


def check_invariants(state: GameState, log: Sequence[LogEntry] = ()) -> None:
    w = state.w
    assert sorted(state.tracks) == sorted(w.tracks)
    for track, value in state.tracks.items():
        tdef = w.tracks[track]
        assert tdef.min <= value <= tdef.max, (track, value)
    for u in state.units:
        assert u.strength >= 0, u
        assert u.faction in w.faction_ids and u.region in w.region_ids
    for f in state.factions:
        assert f.treasury >= 0, f
        assert 0 <= f.legitimacy <= 100, f
        assert f.cohesion is None or 0 <= f.cohesion <= 100, f
        assert f.sanctioned >= 0 and f.ultimatum_turns >= 0
    capacity = 0
    for region in state.regions:
        rdef = w.regions[region.id]
        assert region.controller in w.faction_ids or region.controller == NEUTRAL
        assert 0 <= region.tanks_ablaze <= rdef.facilities.oil_tanks, region
        assert 0 <= region.damage <= 100, region
        assert 0 <= region.fortification <= max(w.tuning.fortify_max, rdef.fortification)
        assert region.siege_by is None or region.siege_by in w.faction_ids
        capacity += rdef.facilities.capacity_bpd
    assert state.tracks["oil_output"] == expected_output(state, log)
    assert state.tracks["oil_output"] <= capacity
    for entry in log:
        assert entry.phase in PHASES
        for roll in entry.rolls:
            assert 1 <= roll.value <= roll.sides
    for u in state.units:
        if u.strength <= 0:
            continue
        holder = state.region(u.region).controller
        if u.kind != "ground":
            # aircraft and boats are never left in a region their side has lost
            assert holder == u.faction, u
        elif u.client is not None:
            # peacekeepers stand only beside the side that holds their region
            assert holder == u.client and not w.factions[u.faction].occupies, u
    for f in state.factions:
        assert f.escalation >= 0 and all(n > 0 for n in f.recent.values()), f
    if state.outcome is not None:
        assert state.outcome.result in RESULTS
        has_winner = state.outcome.result in ("win", "closest")
        assert (state.outcome.winner is not None) == has_winner
        assert sorted(state.outcome.ranking) == sorted(w.faction_ids)
        if has_winner:
            assert state.outcome.ranking[0] == state.outcome.winner


def check_round_trip(state: GameState, world: World) -> None:
    data = state_to_dict(state)
    again = state_from_dict(data, world)
    assert again == state
    assert state_to_dict(again) == data
    assert state_hash(again) == state_hash(state)
    text = json.dumps(data)
    assert json.loads(text) == data
    assert state_hash(state_from_dict(json.loads(text), world)) == state_hash(state)


def draw_orders(data: st.DataObject, state: GameState) -> list[Order]:
    """Each faction's orders for the turn, drawn one at a time from what is legal."""
    orders: list[Order] = []
    for faction in state.w.faction_ids:
        pending: list[Order] = []
        while True:
            legal = legal_orders(state, faction, pending)
            if not legal:
                break
            pick = data.draw(st.integers(0, len(legal)), label=f"{faction} order")
            if pick == len(legal):
                break
            assert why_illegal(state, legal[pick], pending) is None
            pending.append(legal[pick])
        orders += pending
    return orders


def replay(world: World, seed: int, turns: Sequence[list[Order]]) -> list[str]:
    state = new_game(world, seed)
    hashes = []
    for orders in turns:
        state, _ = resolve_turn(state, orders)
        hashes.append(state_hash(state))
    return hashes


@GAMES
@given(seed=SEEDS, data=st.data())
def test_games_of_drawn_legal_orders_keep_every_invariant(
    world: World, seed: int, data: st.DataObject
) -> None:
    state = new_game(world, seed)
    check_invariants(state)
    check_round_trip(state, world)
    turns: list[list[Order]] = []
    hashes: list[str] = []
    while not state.finished:
        orders = draw_orders(data, state)
        state, log = resolve_turn(state, orders)
        turns.append(orders)
        hashes.append(state_hash(state))
        check_invariants(state, log)
        check_round_trip(state, world)
    assert 1 <= len(turns) <= world.turns
    assert replay(world, seed, turns) == hashes
    # and in reverse order of giving: turns are simultaneous
    assert replay(world, seed, [list(reversed(o)) for o in turns]) == hashes


@GAMES
@given(
    seed=SEEDS,
    seats=st.lists(st.sampled_from(["random", "rule"]), min_size=3, max_size=3),
    noise=st.integers(0, 100),
)
def test_bot_games_never_raise_and_keep_every_invariant(
    world: World, seed: int, seats: list[str], noise: int
) -> None:
    bots = [
        RandomBot(f) if kind == "random" else RuleBot(f, noise=noise)
        for f, kind in zip(world.faction_ids, seats, strict=True)
    ]
    state = new_game(world, seed)
    turns: list[list[Order]] = []
    hashes: list[str] = []
    while not state.finished:
        orders = [c.order for bot in bots for c in bot.choose(state)]
        resumed = state_from_dict(json.loads(json.dumps(state_to_dict(state))), world)
        state, log = resolve_turn(state, orders)
        check_invariants(state, log)
        check_round_trip(state, world)
        # a game saved and loaded before the turn continues exactly the same way
        again, again_log = resolve_turn(resumed, orders)
        assert state_hash(again) == state_hash(state)
        assert [e.to_dict() for e in again_log] == [e.to_dict() for e in log]
        turns.append(orders)
        hashes.append(state_hash(state))
    assert state.outcome is not None
    assert replay(world, seed, turns) == hashes


@settings(max_examples=40, deadline=None)
@given(seed=SEEDS)
def test_the_log_round_trips(world: World, seed: int) -> None:
    state = new_game(world, seed)
    bots = [RandomBot(f) for f in world.faction_ids]
    for _ in range(4):
        if state.finished:
            break
        state, log = resolve_turn(state, [c.order for b in bots for c in b.choose(state)])
        dumped = [e.to_dict() for e in log]
        assert json.loads(json.dumps(dumped)) == dumped
        assert [LogEntry.from_dict(d) for d in dumped] == log
