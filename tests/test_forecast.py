"""Forecasts against the rules: the odds must be what the dice actually do.

Each check builds a position, then resolves the turn's phases up to the ground battle
once for every possible pair of battle dice (a fake die returns the chosen faces), and
compares the engine's outcomes, counted exactly, with the forecast's fractions.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine import GameState, World, new_game
from game.engine.air_naval import air_phase, naval_phase
from game.engine.declarations import declarations, pay_for_orders
from game.engine.dice import Dice
from game.engine.forces import sides_present
from game.engine.forecast import BattleForecast, StrikeForecast, forecast
from game.engine.ground import ground_phase
from game.engine.order_model import Order
from game.engine.orders import make, why_illegal
from game.engine.turn import Turn

COAST = (
    "western_fields",
    "tripoli_west",
    "tripoli",
    "misrata",
    "sirte",
    "es_sider",
    "ras_lanuf",
    "ajdabiya",
    "tobruk_city",
)
"""The default scenario's regions in road order, west to east."""


class ForcedDice(Dice):
    """Dice whose faces the test chooses, by what each roll is for."""

    __slots__ = ("faces",)

    def __init__(self, faces: dict[str, Iterator[int]]) -> None:
        super().__init__(0)
        self.faces = faces

    def value(self, address: str, sides: int) -> int:
        purpose = address.split("\x1f")[3]
        for word, faces in self.faces.items():
            if word in purpose:
                return next(faces)
        raise AssertionError(f"an unexpected roll: {purpose}")


def resolve_to_battle(state: GameState, orders: list[Order], dice: Dice) -> GameState:
    """Run the phases from the start of a turn through the ground battles."""
    t = Turn(state=state.clone(), dice=dice, orders=orders, keep_log=False)
    pay_for_orders(t)
    declarations(t)
    air_phase(t)
    naval_phase(t)
    ground_phase(t)
    return t.state


def front(
    world: World,
    target: int,
    attack: int,
    defend: int,
    arriving: int,
    fortification: int,
    siege: bool,
    refuge: bool,
) -> GameState:
    """Tobruk attacks westward along the coast into ``COAST[target]``, held by Dawn.

    Every other ground force stands down; Tobruk has ``attack`` strength in the region
    east of the target and, when ``arriving``, that much more one region further east.
    """
    state = new_game(world, 7)
    for i, rid in enumerate(COAST):
        state.region(rid).controller = "dawn" if i <= target else "tobruk"
    if target > 0 and not refuge:
        state.region(COAST[target - 1]).controller = "tobruk"
    ground = [u for u in state.units if u.kind == "ground"]
    for u in ground:
        u.strength = 0
    tobruk = [u for u in ground if u.faction == "tobruk"]
    dawn = [u for u in ground if u.faction == "dawn"]
    tobruk[0].region, tobruk[0].strength = COAST[target + 1], attack
    dawn[0].region, dawn[0].strength = COAST[target], defend
    if arriving and target + 2 < len(COAST):
        tobruk[1].region, tobruk[1].strength = COAST[target + 2], arriving
    region = state.region(COAST[target])
    region.fortification = fortification
    region.siege_by = "tobruk" if siege else None
    return state


def exact(state: GameState, orders: list[Order], target: str) -> dict[str, Fraction]:
    """What the engine does over every pair of battle dice, as exact shares."""
    die = state.w.tuning.die
    won = held = taken = lost_it = Fraction(0)
    a_lost = d_lost = Fraction(0)
    share = Fraction(1, die * die)
    for a, d in product(range(1, die + 1), repeat=2):
        outcomes: list[tuple[str | None, str | None]] = []
        dice = ForcedDice({"attack die": iter([a]), "defence die": iter([d])})
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(
                "game.engine.ground._cohesion_after",
                lambda _t, winner, loser, seen=outcomes: seen.append((winner, loser)),
            )
            after = resolve_to_battle(state, orders, dice)
        assert len(outcomes) == 1, "one round was fought"
        winner = outcomes[0][0]
        won += share * (winner == "tobruk")
        held += share * (winner == "dawn")
        taken += share * (sides_present(after, target) == ["tobruk"])
        lost_it += share * (sides_present(after, target) == ["dawn"])
        a_lost += share * (after.faction("tobruk").losses - state.faction("tobruk").losses)
        d_lost += share * (after.faction("dawn").losses - state.faction("dawn").losses)
    return {
        "win": won,
        "loss": held,
        "decided": taken,
        "lost": lost_it,
        "mine": a_lost,
        "theirs": d_lost,
    }


@settings(max_examples=25, deadline=None)
@given(
    target=st.integers(0, 7),
    attack=st.integers(1, 9),
    defend=st.integers(1, 9),
    arriving=st.integers(0, 4),
    fortification=st.integers(0, 3),
    siege=st.booleans(),
    zone=st.booleans(),
    refuge=st.booleans(),
    recruit=st.booleans(),
)
def test_battle_forecast_is_the_exact_frequency_over_all_dice(
    world: World,
    target: int,
    attack: int,
    defend: int,
    arriving: int,
    fortification: int,
    siege: bool,
    zone: bool,
    refuge: bool,
    recruit: bool,
) -> None:
    state = front(world, target, attack, defend, arriving, fortification, siege, refuge)
    rid, origin = COAST[target], COAST[target + 1]
    order = make("tobruk", "attack", rid, origin)
    queued = [make("tobruk", "military_zone", rid)] if zone else []
    if arriving and target + 2 < len(COAST):
        queued.append(make("tobruk", "move", origin, COAST[target + 2]))
    if recruit:  # recruits arrive in the declarations phase, before anyone moves: they go
        queued.append(make("tobruk", "recruit", origin))
    found = forecast(state, order, queued)
    assert isinstance(found, BattleForecast)
    assert found.attacks and found.opponent == "dawn" and not found.defending
    truth = exact(state, [*queued, order], rid)
    assert found.win == truth["win"]
    assert found.loss == truth["loss"]
    assert found.win + found.loss + found.draw == 1
    assert found.decided == truth["decided"]
    assert found.mine_lost == truth["mine"]
    assert found.theirs_lost == truth["theirs"]
    power = state.w.orders["recruit"].power if recruit else 0
    assert found.attack_total == attack + power, "forces arriving this turn do not attack"


@settings(max_examples=15, deadline=None)
@given(
    there=st.integers(0, 5),
    moving=st.integers(1, 6),
    enemy=st.integers(1, 8),
    fortification=st.integers(0, 3),
)
def test_reinforcing_a_contested_region_forecasts_its_defence(
    world: World, there: int, moving: int, enemy: int, fortification: int
) -> None:
    """Tobruk holds Sirte with Dawn's forces inside: Tobruk defends, Dawn attacks."""
    state = front(world, 4, moving, enemy, 0, fortification, False, True)
    for rid in COAST[4:]:
        state.region(rid).controller = "tobruk"
    tobruk = [u for u in state.units if u.faction == "tobruk" and u.kind == "ground"]
    tobruk[0].region = "es_sider"
    tobruk[1].region, tobruk[1].strength = "sirte", there
    order = make("tobruk", "attack", "sirte", "es_sider")
    found = forecast(state, order)
    assert isinstance(found, BattleForecast)
    assert found.defending and found.opponent == "dawn"
    assert found.defence_total == there + moving + fortification + 1  # Sirte is a city
    truth = exact(state, [order], "sirte")
    assert found.win == truth["win"]
    assert found.loss == truth["loss"]
    assert found.decided == truth["lost"]
    assert found.mine_lost == truth["mine"]
    assert found.theirs_lost == truth["theirs"]


def test_a_force_that_only_arrives_this_turn_does_not_attack(world: World) -> None:
    state = front(world, 3, 4, 3, 0, 0, False, True)
    # Tobruk's only force stands two regions east of Misrata: it can reach Sirte this
    # turn, but forces that arrive do not go on with Sirte's attack.
    mover = next(u for u in state.units if u.faction == "tobruk" and u.strength)
    mover.region = "es_sider"
    queued = [make("tobruk", "move", "sirte", "es_sider")]
    found = forecast(state, make("tobruk", "attack", "misrata", "sirte"), queued)
    assert isinstance(found, BattleForecast)
    assert not found.attacks
    assert found.win == found.decided == 0
    late = [c for c in found.caveats if c.what == "arrives_late"]
    assert [(c.region, c.amount) for c in late] == [("sirte", 4)]


def test_rivals_strikes_on_the_start_are_caveats(fresh: GameState) -> None:
    """Dawn's jet and boats can hit Sirte before Tobruk's attackers leave it."""
    found = forecast(fresh, make("tobruk", "attack", "misrata", "sirte"))
    assert isinstance(found, BattleForecast)
    threats = {(c.what, c.faction, c.region) for c in found.caveats}
    assert ("strike_origin", "dawn", "sirte") in threats
    assert ("fortify", "dawn", "misrata") in threats
    assert ("head_on", "dawn", "misrata") in threats


def test_an_own_strike_first_is_folded_into_the_odds(fresh: GameState) -> None:
    """With Tobruk's air strike on Misrata queued the odds mix every outcome of the strike."""
    attack = make("tobruk", "attack", "misrata", "sirte")
    strike = make("tobruk", "air_strike", "misrata")
    alone = forecast(fresh, attack)
    helped = forecast(fresh, attack, [strike])
    assert isinstance(alone, BattleForecast) and isinstance(helped, BattleForecast)
    assert helped.win > alone.win
    assert any(c.what == "own_strike" for c in helped.caveats)


@pytest.mark.parametrize(
    ("faction", "order", "target", "origin"),
    [
        ("dawn", "speedboat_raid", "sirte", "misrata"),
        ("dawn", "mig_raid", "ras_lanuf", None),
        ("tobruk", "air_strike", "misrata", None),
    ],
)
def test_strike_forecast_matches_every_face_of_its_dice(
    fresh: GameState, faction: str, order: str, target: str, origin: str | None
) -> None:
    given_order = make(faction, order, target, origin)
    assert why_illegal(fresh, given_order) is None
    found = forecast(fresh, given_order, caveats=False)
    assert isinstance(found, StrikeForecast)
    die = fresh.w.tuning.die
    expected_hits = Fraction(0)
    expected_losses = Fraction(0)
    for faces in product(range(1, die + 1), repeat=found.dice):
        dice = ForcedDice(
            {
                "air die": iter(faces),
                "raid die": iter(faces),
                "on the ground": iter([1] * 9),
                "air defence": iter([die]),
                "collateral": iter([die]),
            }
        )
        after = resolve_to_battle(fresh, [given_order], dice)
        share = Fraction(1, die**found.dice)
        expected_hits += share * sum(f >= found.need for f in faces)
        lost = sum(
            after.faction(f).losses - fresh.faction(f).losses
            for f in fresh.w.faction_ids
            if f != faction
        )
        expected_losses += share * lost
    assert found.hits == expected_hits
    assert found.losses == expected_losses


def test_orders_without_dice_have_no_forecast(fresh: GameState) -> None:
    assert forecast(fresh, make("tobruk", "negotiate")) is None
    assert forecast(fresh, make("tobruk", "recruit", "sirte")) is None


def test_a_forecast_changes_nothing(fresh: GameState) -> None:
    from game.engine.state import state_hash

    before = state_hash(fresh)
    forecast(fresh, make("dawn", "attack", "sirte", "misrata"))
    assert state_hash(fresh) == before
