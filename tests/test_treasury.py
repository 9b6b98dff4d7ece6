"""The treasury's job: oil revenue pays the fighters (payroll), and money left over buys.

Each turn, after oil revenue, a faction with a ``payroll_strength`` pays 1 treasury for
every that many points of its ground strength; strength it cannot pay deserts. These
tests pin the rule (paid, unpaid, what a recruit adds), that old scenarios without a
payroll play exactly as before, and that bot games now spend their money instead of
hoarding it.
"""

from __future__ import annotations

import statistics

from hypothesis import given, settings
from hypothesis import strategies as st

from game.ai.purse import keeps_payroll
from game.ai.registry import parse_bot
from game.engine import GameState, World, compile_world, new_game
from game.engine.economy import ground_strength, payroll_due
from game.engine.log import LogEntry
from game.engine.order_model import Order
from game.engine.resolve import resolve_turn
from game.engine.state import state_hash
from game.lab.simulate import bot_match, game_seeds
from game.record.match import ScenarioText
from game.scenario.models import Scenario


def unpaid_world(scenario: Scenario) -> World:
    """The default scenario with nobody on a payroll (how every scenario played before)."""
    factions = [f.model_copy(update={"payroll_strength": 0}) for f in scenario.faction]
    return compile_world(scenario.model_copy(update={"faction": factions}))


def payroll_entries(log: list[LogEntry]) -> list[LogEntry]:
    """The payroll lines of a turn's log, one per paying faction."""
    return [e for e in log if e.kind == "payroll"]


def test_the_default_scenario_pays_the_libyan_sides_and_not_the_foreign_powers(
    world: World, fresh: GameState
) -> None:
    assert world.factions["tobruk"].payroll_strength == 1
    assert world.factions["dawn"].payroll_strength == 2
    assert world.factions["foreign"].payroll_strength == 0
    # 15 ground strength at 1 each; 12 at 1 per 2; nothing for the foreign powers
    assert payroll_due(fresh, "tobruk") == ground_strength(fresh, "tobruk") == 15
    assert payroll_due(fresh, "dawn") == 6
    assert payroll_due(fresh, "dawn", extra=1) == 7  # 13 strength: rounded up
    assert payroll_due(fresh, "foreign") == 0


def test_payroll_is_paid_after_revenue_and_logged(world: World, scenario: Scenario) -> None:
    paid_state, log = resolve_turn(new_game(world, 7), [])
    free_state, _ = resolve_turn(new_game(unpaid_world(scenario), 7), [])
    for faction, due in (("tobruk", 15), ("dawn", 6), ("foreign", 0)):
        free = free_state.faction(faction).treasury
        assert paid_state.faction(faction).treasury == free - due, faction
    entries = {e.faction: e for e in payroll_entries(log)}
    assert set(entries) == {"tobruk", "dawn"}
    tobruk = entries["tobruk"]
    assert tobruk.phase == "oil"
    assert "pays its fighters 15 of a payroll of 15" in tobruk.text
    assert f"treasury {paid_state.faction('tobruk').treasury}" in tobruk.text
    assert "1 treasury for every 1 ground strength" in tobruk.rule
    assert "desert" in tobruk.rule


def test_unpaid_strength_deserts_from_the_strongest_units(world: World) -> None:
    state = new_game(world, 7)
    state.faction("dawn").treasury = 2
    state.region("western_fields").damage = 100  # no revenue this turn
    after, log = resolve_turn(state, [])
    entry = next(e for e in payroll_entries(log) if e.faction == "dawn")
    # a payroll of 6 (12 strength at 1 per 2); 2 paid, 4 short: 8 strength deserts,
    # cutting the strongest units down first (Misrata 5, Tripoli 4, west 2, fields 1)
    assert "pays its fighters 2 of a payroll of 6" in entry.text
    west = world.regions["tripoli_west"].name
    assert f"8 unpaid strength deserts (4 in Misrata, 3 in Tripoli, 1 in {west})" in entry.text
    assert ground_strength(after, "dawn") == 4
    assert after.faction("dawn").treasury == 0


def test_a_broke_army_melts_away_but_never_below_nothing(world: World) -> None:
    state = new_game(world, 7)
    state.faction("tobruk").treasury = 0
    for region in state.regions:
        if region.id in ("es_sider", "ras_lanuf"):
            region.damage = 100  # no oil revenue at all
    after, log = resolve_turn(state, [])
    entry = next(e for e in payroll_entries(log) if e.faction == "tobruk")
    assert "pays its fighters 0 of a payroll of 15" in entry.text
    assert "15 unpaid strength deserts" in entry.text
    assert ground_strength(after, "tobruk") == 0
    assert after.faction("tobruk").treasury == 0


def test_a_recruit_costs_its_price_now_and_payroll_every_turn(world: World) -> None:
    state = new_game(world, 7)
    recruit = Order(faction="tobruk", order="recruit", target="ajdabiya")
    plain, _ = resolve_turn(new_game(world, 7), [])
    after, _ = resolve_turn(state, [recruit])
    price = world.orders["recruit"].price
    power = world.orders["recruit"].power
    assert ground_strength(after, "tobruk") == ground_strength(plain, "tobruk") + power
    # the price once, and the new fighters' pay from this very turn
    assert after.faction("tobruk").treasury == plain.faction("tobruk").treasury - price - power


def test_a_scenario_without_payroll_plays_as_before(scenario: Scenario) -> None:
    """The field defaults to 0: an old save's embedded scenario replays bit for bit."""
    world = unpaid_world(scenario)
    state = new_game(world, 11)
    for _ in range(3):
        state, log = resolve_turn(state, [])
        assert not payroll_entries(log)
    again = new_game(world, 11)
    for _ in range(3):
        again, _ = resolve_turn(again, [], log=False)
    assert state_hash(again) == state_hash(state)


@settings(max_examples=60, deadline=None)
@given(
    treasury=st.integers(0, 60),
    per=st.integers(1, 4),
    queued=st.lists(st.sampled_from(["recruit", "repair", "aid", "fortify"]), max_size=2),
)
def test_the_bots_purse_always_leaves_the_payroll_covered(
    scenario: Scenario, treasury: int, per: int, queued: list[str]
) -> None:
    """Whatever the treasury and rate, a priced order the purse allows leaves enough to pay
    every fighter, counting those the queue and the order raise."""
    factions = [
        f.model_copy(update={"payroll_strength": per}) if f.id == "dawn" else f
        for f in scenario.faction
    ]
    world = compile_world(scenario.model_copy(update={"faction": factions}))
    state = new_game(world, 3)
    state.faction("dawn").treasury = treasury
    pending = [Order(faction="dawn", order=o, target="misrata") for o in queued]
    for oid in ("recruit", "repair", "aid"):
        order = Order(faction="dawn", order=oid, target="misrata")
        given = [*pending, order]
        spent = sum(world.orders[o.order].price for o in given)
        raised = sum(world.orders[o.order].power for o in given if o.order == "recruit")
        strength = ground_strength(state, "dawn") + raised
        covered = treasury - spent >= -(-strength // per)
        assert keeps_payroll(state, "dawn", pending, order) == covered


def test_bot_games_spend_their_money_instead_of_hoarding_it(world: World) -> None:
    """Before the payroll a normal bot game ended with a median treasury of 132 for
    Tobruk and 87 for Dawn, growing every turn. Revenue now pays the armies: the
    median at the end stays below 60 (about four turns of Tobruk's payroll) for every
    side, and most of what comes in goes out again."""
    ends: dict[str, list[int]] = {f: [] for f in world.faction_ids}
    paid: dict[str, int] = {f: 0 for f in world.faction_ids}
    for seed in game_seeds(5, 12):
        match = bot_match(world, seed, [parse_bot("normal")] * 3, ScenarioText("", "", ""))
        match.play_out()
        for node in match.turns:
            for entry in payroll_entries(node.log):
                assert entry.faction is not None
                paid[entry.faction] += int(entry.text.split("pays its fighters ")[1].split()[0])
        for f in match.state.factions:
            ends[f.id].append(f.treasury)
    for faction in world.faction_ids:
        assert statistics.median(ends[faction]) < 60, (faction, ends[faction])
    assert paid["tobruk"] > 0 and paid["dawn"] > 0 and paid["foreign"] == 0


@settings(max_examples=40, deadline=None)
@given(
    treasury=st.integers(0, 30),
    per=st.integers(1, 5),
    strengths=st.lists(st.integers(0, 9), min_size=4, max_size=4),
)
def test_payroll_pays_what_it_can_and_the_rest_deserts(
    scenario: Scenario, treasury: int, per: int, strengths: list[int]
) -> None:
    """With no revenue coming in: the treasury pays min(due, treasury), and exactly
    ``per`` strength per unpaid point deserts (never more than there is)."""
    factions = [
        f.model_copy(update={"payroll_strength": per}) if f.id == "dawn" else f
        for f in scenario.faction
    ]
    world = compile_world(scenario.model_copy(update={"faction": factions}))
    state = new_game(world, 5)
    for region in state.regions:
        region.damage = 100  # no oil revenue for anyone
    dawn_ground = [u for u in state.units if u.faction == "dawn" and u.kind == "ground"]
    for unit, strength in zip(dawn_ground, strengths, strict=True):
        unit.strength = strength
    state.faction("dawn").treasury = treasury
    total = sum(strengths)
    due = -(-total // per)
    assert payroll_due(state, "dawn") == due
    after, log = resolve_turn(state, [])
    paid = min(due, treasury)
    assert after.faction("dawn").treasury == treasury - paid
    assert ground_strength(after, "dawn") == max(0, total - (due - paid) * per)
    assert all(u.strength >= 0 for u in after.units)
    assert len([e for e in payroll_entries(log) if e.faction == "dawn"]) == (1 if due else 0)
