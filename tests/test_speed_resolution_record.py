"""Quiet turns leave their state hash to be worked out when asked: the same value, later.

Rollouts (the what-if fan, simulate) play thousands of quiet turns and never read a
turn's hash, so the match records them without one; whoever asks (a save, verify, a
history's divergence) gets exactly the hash an eager record would have held.
"""

from __future__ import annotations

from game.ai.registry import BotSpec, Seat
from game.engine.state import state_hash
from game.paths import default_scenario_path
from game.record.history import MAIN, TurnNode
from game.record.save import new_match

TEXT = default_scenario_path().read_text(encoding="utf-8")
BOTS = [Seat(f, BotSpec()) for f in ("tobruk", "dawn", "foreign")]


def test_a_quiet_turns_hash_is_the_hash_of_its_state() -> None:
    loud = new_match(TEXT, "oil.toml", 5, BOTS)
    quiet = new_match(TEXT, "oil.toml", 5, BOTS)
    loud.play_out(log=True)
    quiet.play_out(log=False)
    assert [n.state_hash for n in quiet.turns] == [state_hash(n.state) for n in quiet.turns]
    assert [n.state_hash for n in quiet.turns] == [n.state_hash for n in loud.turns]


def test_a_hash_given_is_kept_and_one_left_out_is_worked_out_once() -> None:
    match = new_match(TEXT, "oil.toml", 6, BOTS)
    node = match.play_turn(log=False)
    given = TurnNode(node.turn, [], [], [], node.state, "f" * 64)
    assert given.state_hash == "f" * 64
    assert given.intents == {} and given.snapshot is None
    assert node.state_hash == state_hash(node.state)
    assert node.state_hash is node.state_hash  # kept, not worked out again


def test_divergence_reads_quiet_hashes() -> None:
    match = new_match(TEXT, "oil.toml", 8, BOTS)
    for _ in range(3):
        match.play_turn(log=False)
    match.branch(1, "again")
    for _ in range(2):
        match.play_turn(log=False)
    # The variation replays the same bots with the same dice: it never differs.
    assert match.history.divergence(MAIN, "again") == 4
