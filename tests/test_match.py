"""The match loop and its history tree: one loop for every caller, lines that share the past."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.ai.registry import BotSpec, Seat
from game.engine.menu import legal_orders
from game.engine.resolve import resolve_turn
from game.engine.state import state_hash, state_to_dict
from game.lab.simulate import play_game
from game.paths import default_scenario_path
from game.record.cursor import Cursor
from game.record.history import MAIN, HistoryError
from game.record.save import new_match, parse_save, to_json
from game.record.verify import verify_match

TEXT = default_scenario_path().read_text(encoding="utf-8")
BOTS = [Seat(f, BotSpec()) for f in ("tobruk", "dawn", "foreign")]


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_quiet_and_full_resolution_reach_the_same_states(seed: int) -> None:
    full = new_match(TEXT, "oil.toml", seed, BOTS)
    quiet = new_match(TEXT, "oil.toml", seed, BOTS)
    full.play_out(log=True)
    quiet.play_out(log=False)
    assert [n.state_hash for n in full.turns] == [n.state_hash for n in quiet.turns]
    assert all(
        state_to_dict(a.state) == state_to_dict(b.state)
        for a, b in zip(full.turns, quiet.turns, strict=True)
    )
    assert all(n.log for n in full.turns) and not any(n.log for n in quiet.turns)


def test_simulate_plays_through_the_same_match_loop() -> None:
    match = new_match(TEXT, "oil.toml", 9, BOTS)
    match.play_out()
    assert play_game(match.world, 9, [BotSpec()] * 3).hash == state_hash(match.state)


def test_a_branch_changes_only_what_its_orders_change() -> None:
    """Two lines that differ in one order share every roll made at other sites."""
    match = new_match(TEXT, "oil.toml", 21, BOTS)
    match.play_turn()
    choices = match.bot_choices()
    node_a = match.play_turn(bot_choices=choices)
    # Line b: the same turn 2 without one of Foreign's orders.
    dropped = next(c for c in choices if c.order.faction == "foreign")
    match.branch(1, "without one order")
    node_b = match.play_turn(bot_choices=[c for c in choices if c is not dropped])
    rolls_a = {(e.phase, e.region, r.purpose): r.value for e in node_a.log for r in e.rolls}
    rolls_b = {(e.phase, e.region, r.purpose): r.value for e in node_b.log for r in e.rolls}
    shared = set(rolls_a) & set(rolls_b)
    assert shared, "the two lines roll at some of the same places"
    assert all(rolls_a[k] == rolls_b[k] for k in shared)
    assert match.history.variations_at(MAIN, 1) == ["without one order"]
    assert match.history.divergence(MAIN, "without one order") == 2


def test_the_cursor_moves_like_a_replay() -> None:
    match = new_match(TEXT, "oil.toml", 4, BOTS)
    for _ in range(4):
        match.play_turn()
    match.branch(2, "alt")
    match.play_turn()
    cursor = Cursor(match.history)
    assert cursor.state is match.history.initial and cursor.node is None
    cursor.last()
    assert cursor.position == 4 and cursor.state.turn == 5
    assert not cursor.next()
    cursor.jump(2)
    assert cursor.variations() == ["alt"]
    cursor.switch("alt")
    assert cursor.next() and cursor.position == 3 and not cursor.next()
    cursor.first()
    assert not cursor.previous()
    with pytest.raises(HistoryError):
        cursor.jump(9)


def test_a_finished_game_cannot_be_branched_after_its_end() -> None:
    match = new_match(TEXT, "oil.toml", 2, BOTS)
    match.play_out()
    with pytest.raises(HistoryError, match="over"):
        match.branch(len(match.turns))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 2**32),
    plan=st.lists(st.tuples(st.integers(0, 8), st.integers(0, 99)), min_size=1, max_size=4),
)
def test_random_play_with_branches_round_trips_and_verifies(
    seed: int, plan: list[tuple[int, int]]
) -> None:
    """Random legal orders on random branches: the tree saves, reloads and verifies exactly."""
    match = new_match(TEXT, "oil.toml", seed, BOTS)
    for _ in range(3):
        if not match.state.finished:
            match.play_turn()
    for position, pick in plan:
        position = min(position, len(match.turns))
        if match.history.state(match.line, position).finished:
            continue
        match.branch(position)
        state = match.state
        legal = legal_orders(state, "dawn")
        human = [legal[pick % len(legal)]] if legal else []
        others = [c for c in match.bot_choices() if c.order.faction != "dawn"]
        match.play_turn(human, others)
    text = to_json(match)
    again = parse_save(text)
    assert to_json(again) == text
    assert json.loads(text)["lines"][0]["name"] == MAIN
    assert verify_match(again) is None


def test_resolve_turn_takes_dice_from_the_caller() -> None:
    from game.engine.dice import Dice

    match = new_match(TEXT, "oil.toml", 5, BOTS)
    orders = [c.order for c in match.bot_choices()]
    own, _ = resolve_turn(match.state, orders)
    same, _ = resolve_turn(match.state, orders, Dice(5))
    other = [resolve_turn(match.state, orders, Dice(s))[0] for s in range(6, 16)]
    assert state_hash(own) == state_hash(same)
    assert any(state_hash(o) != state_hash(own) for o in other)
