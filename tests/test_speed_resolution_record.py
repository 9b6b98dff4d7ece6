"""Recording a turn costs less and records the same: lazy state hashes, one sort.

Rollouts (the what-if fan, simulate) play thousands of quiet turns and never read a
turn's hash, so the match records them without one; whoever asks (a save, verify, a
history's divergence) gets exactly the hash an eager record would have held. The given
orders are put in canonical order by sorting them with the engine's own key, which
gives the list the match first built by looking each order up.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.ai.registry import BotSpec, Seat
from game.engine.order_model import Order
from game.engine.orders import make
from game.engine.resolve import canonical_orders
from game.engine.state import GameState, state_hash
from game.paths import default_scenario_path
from game.record.history import MAIN, GivenOrder, TurnNode
from game.record.match import _canonical
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


def _canonical_by_lookup(state: GameState, given: list[GivenOrder]) -> list[GivenOrder]:
    """The match's first way of putting given orders in canonical order (kept to compare)."""
    by_order: dict[Order, list[GivenOrder]] = {}
    for g in given:
        by_order.setdefault(g.order, []).append(g)
    return [by_order[o].pop(0) for o in canonical_orders(state, [g.order for g in given])]


ORDER_IDS = ["move", "attack", "air_strike", "negotiate", "recruit", "no_such_order"]
FACTIONS = ["tobruk", "dawn", "foreign", "nobody"]
REGIONS = [None, "sirte", "misrata", "tripoli"]


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(
            st.sampled_from(FACTIONS),
            st.sampled_from(ORDER_IDS),
            st.sampled_from(REGIONS),
            st.sampled_from(REGIONS),
            st.sampled_from(["", "a reason", "another"]),
        ),
        max_size=12,
    )
)
def test_given_orders_sort_as_the_engine_sorts_their_orders(
    fresh: GameState, rows: list[tuple[str, str, str | None, str | None, str]]
) -> None:
    given = [
        GivenOrder(make(f, o, target, origin), reason=why) for f, o, target, origin, why in rows
    ]
    assert _canonical(fresh, given) == _canonical_by_lookup(fresh, given)
    assert [g.order for g in _canonical(fresh, given)] == canonical_orders(
        fresh, [g.order for g in given]
    )
