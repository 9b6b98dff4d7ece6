"""Regression tests for the rule bugs found by the balance study (rules version 2).

Each test builds the situation in which the old rules went wrong and checks what must
happen now; every one of them failed against the rules-1 engine. They use only the
engine's public surface and the scripted ``dice`` fixture, so the situation and the
rolls are fully visible here.
"""

from __future__ import annotations

import pytest

from game.engine import GameState, resolve_turn, why_illegal
from game.engine.log import LogEntry
from game.engine.order_model import Order
from game.engine.orders import make
from game.engine.state import UnitState
from game.engine.victory import term_points


def play(state: GameState, *orders: Order) -> tuple[GameState, list[LogEntry]]:
    return resolve_turn(state, list(orders))


def unit(state: GameState, unit_id: str) -> UnitState:
    return next(u for u in state.units if u.id == unit_id)


def texts(log: list[LogEntry], phase: str) -> list[str]:
    return [e.text for e in log if e.phase == phase]


# --------------------------------------------------------------------------------------
# Units based in a region that changes hands


def _tobruk_walks_into_empty_misrata(state: GameState) -> Order:
    unit(state, "misrata_militias").strength = 0
    return make("tobruk", "attack", "misrata", "sirte")


def test_aircraft_and_boats_leave_a_base_their_side_has_lost(fresh: GameState) -> None:
    new, log = play(fresh, _tobruk_walks_into_empty_misrata(fresh))
    assert new.region("misrata").controller == "tobruk"
    # Tripoli is Dawn's nearest region with an airport and a port
    assert unit(new, "mig23").region == "tripoli"
    assert unit(new, "speedboats").region == "tripoli"
    moved = texts(log, "control")
    pulled = "Libya Dawn pulls its MiG-23 jet out of Misrata to Tripoli: Tobruk government holds "
    assert pulled + "it now." in (moved)
    # so the boats cannot raid from the lost base any more
    assert why_illegal(new, make("dawn", "speedboat_raid", "sirte", "misrata")) == (
        "you have no boats in Misrata"
    )
    assert why_illegal(new, make("dawn", "speedboat_raid", "sirte", "tripoli")) is None


def test_aircraft_and_boats_with_no_base_left_are_lost(fresh: GameState) -> None:
    order = _tobruk_walks_into_empty_misrata(fresh)
    fresh.region("tripoli").controller = "tobruk"  # Dawn holds no airport or port elsewhere
    unit(fresh, "libya_shield").faction = "tobruk"
    new, log = play(fresh, order)
    assert unit(new, "mig23").strength == 0
    assert unit(new, "speedboats").strength == 0
    assert new.faction("dawn").losses == 1 + 3
    assert any("loses its MiG-23 jet at Misrata" in t for t in texts(log, "control"))


def test_enemy_aircraft_in_a_region_you_hold_can_be_struck(fresh: GameState) -> None:
    # However the jet came to sit in a region Tobruk holds, it is an enemy there.
    fresh.region("misrata").controller = "tobruk"
    unit(fresh, "misrata_militias").strength = 0
    assert why_illegal(fresh, make("tobruk", "air_strike", "misrata")) is None
    unit(fresh, "mig23").strength = 0
    unit(fresh, "speedboats").strength = 0
    assert why_illegal(fresh, make("tobruk", "air_strike", "misrata")) == (
        "you hold Misrata and no enemy is there"
    )


# --------------------------------------------------------------------------------------
# Air forces can be hit


def test_air_forces_can_be_hit_where_they_are_based(fresh: GameState, dice: list[int]) -> None:
    unit(fresh, "air_force").region = "sirte"  # a forward base within the MiG's reach
    # two raid hits; one Tobruk aircraft caught on the ground (5+); the garrison's air
    # defences miss; no civilians harmed
    dice[:] = [6, 5, 1, 6, 3, 4]
    new, log = play(fresh, make("dawn", "mig_raid", "sirte"))
    assert dice == []
    assert unit(new, "air_force").strength == 3 - 1
    assert new.faction("tobruk").losses == 2 + 1
    raid = next(e for e in log if e.phase == "air")
    assert "Tobruk government loses an aircraft (air force) on the ground." in raid.text


def test_air_defences_can_bring_down_a_striking_aircraft(fresh: GameState, dice: list[int]) -> None:
    # three misses, the MiG is not caught (no hits), Misrata's defenders roll a 1
    dice[:] = [1, 2, 3, 1, 6]
    new, log = play(fresh, make("tobruk", "air_strike", "misrata"))
    assert dice == []
    assert unit(new, "air_force").strength == 3 - 1
    assert new.faction("tobruk").losses == 1
    strike = next(e for e in log if e.phase == "air")
    assert "Tobruk government loses an aircraft (air force) to air defences." in strike.text
    assert strike.rolls[3].decided == "an aircraft is lost (1 or less)"


# --------------------------------------------------------------------------------------
# Control is settled after supply losses


@pytest.mark.parametrize("turn", [1, 12])
def test_a_region_whose_last_defender_starves_changes_hands_that_turn(
    fresh: GameState, dice: list[int], turn: int
) -> None:
    fresh.turn = turn
    fresh.region("ras_lanuf").controller = "dawn"  # Sirte and Al-Sidra are cut off
    unit(fresh, "lanuf_guard").strength = 0
    unit(fresh, "sirte_garrison").strength = 2
    fresh.units.append(UnitState("dawn_levy_1", "dawn", "ground", "sirte", 4))
    # Sirte is contested: 4+1 against 2+1(city)+2, a stalemate, both lose 1; then supply:
    # Tobruk's last soldier in Sirte starves on a 1, Al-Sidra's guards hold out, and the
    # Dawn fighters in Sirte (not yet theirs) hold out too.
    dice[:] = [1, 2, 1, 3, 3]
    new, log = play(fresh)
    assert dice == []
    assert unit(new, "sirte_garrison").strength == 0
    assert new.region("sirte").controller == "dawn"
    assert "Libya Dawn takes Sirte from Tobruk government." in texts(log, "control")
    if turn == 12:
        # and the final assessment counts Sirte for the side that now holds it
        sirte_held = next(
            t for t in new.w.factions["dawn"].victory.terms if t.label == "Sirte held"
        )
        assert term_points(new, "dawn", sirte_held) == 3
        assert new.outcome is not None


# --------------------------------------------------------------------------------------
# Lasting orders cannot be renewed while they run


def test_an_ultimatum_cannot_be_renewed_while_it_runs(fresh: GameState) -> None:
    ultimatum = make("tobruk", "ultimatum", "dawn")
    state, _ = play(fresh, ultimatum)
    assert why_illegal(state, ultimatum) == (
        "your ultimatum to Libya Dawn still runs (1 turn left)"
    )
    assert ultimatum not in [o for o in _legal(state, "tobruk")]
    state, _ = play(state)  # it expires at the end of this turn
    assert why_illegal(state, ultimatum) is None


def test_sanctions_cannot_be_renewed_while_they_run(fresh: GameState) -> None:
    sanctions = make("foreign", "sanctions", "dawn")
    state, _ = play(fresh, sanctions)
    assert why_illegal(state, sanctions) == ("Libya Dawn is already under sanctions (2 turns left)")
    assert why_illegal(state, make("foreign", "sanctions", "tobruk")) is None


def _legal(state: GameState, faction: str) -> list[Order]:
    from game.engine import legal_orders

    return legal_orders(state, faction)
