"""Unit tests for each resolution phase of the engine, on the default scenario.

Each test builds a precise situation by editing a cloned :class:`GameState` directly,
resolves one turn with explicit orders and checks concrete numbers and log entries.
Where the outcome hangs on dice, the ``dice`` fixture scripts every roll the engine
makes (in order) and the test checks that the script was used up exactly, so the roll
sequence of a phase is part of what is tested.
"""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from game.ai import RandomBot
from game.engine import (
    GameState,
    IllegalOrder,
    Order,
    World,
    check_order,
    compile_world,
    legal_orders,
    new_game,
    options,
    resolve_turn,
    state_to_dict,
    why_illegal,
)
from game.engine.dice import Dice
from game.engine.economy import payroll_due
from game.engine.log import PHASES, LogEntry
from game.engine.orders import make
from game.engine.state import UnitState
from game.engine.victory import CATASTROPHE_RULE, decide, margins
from game.scenario.formulas import terminal_output_bpd
from game.scenario.models import Scenario
from game.scenario.rules import TrackEffect

# Numbers of the default scenario that the expectations below are built from.
START_OUTPUT = 352_000
WESTERN_FIELDS_BPD = 360_000 * (100 - 80) // 100  # 72,000: capacity x health, no tanks
ES_SIDER_BPD = 340_000 * (100 - 50) // 100  # 170,000
RAS_LANUF_BPD = 220_000 * (100 - 50) // 100  # 110,000
CAPACITY = 360_000 + 340_000 + 220_000


# --------------------------------------------------------------------------------------
# helpers


def play(state: GameState, *orders: Order) -> tuple[GameState, list[LogEntry]]:
    """Resolve one turn with ``orders``, checking the input state is left untouched."""
    before = state_to_dict(state)
    new, log = resolve_turn(state, list(orders))
    assert state_to_dict(state) == before, "resolve_turn changed its input state"
    assert new.turn == state.turn + 1
    for entry in log:
        assert entry.phase in PHASES
        assert entry.turn == state.turn
    return new, log


def entries(log: Iterable[LogEntry], phase: str, kind: str | None = None) -> list[LogEntry]:
    return [e for e in log if e.phase == phase and (kind is None or e.kind == kind)]


def one(log: Iterable[LogEntry], phase: str, kind: str) -> LogEntry:
    found = entries(log, phase, kind)
    assert len(found) == 1, f"expected one {phase}/{kind} entry, got {[e.text for e in found]}"
    return found[0]


def unit(state: GameState, unit_id: str) -> UnitState:
    return next(u for u in state.units if u.id == unit_id)


def values(entry: LogEntry) -> list[int]:
    return [r.value for r in entry.rolls]


def returns_of(displaced: int, access: int) -> int:
    """People returning home in the humanitarian phase (tuning return_permille = 20)."""
    return displaced * access * 20 // 100_000


# --------------------------------------------------------------------------------------
# a quiet turn: the baseline every other expectation builds on


def test_quiet_turn_baseline(fresh: GameState) -> None:
    new, log = play(fresh)
    displaced = 400_000 + 6 * 3_000  # six points of escalation make 18,000 flee
    displaced -= returns_of(displaced, 40)
    assert new.tracks == {
        "oil_output": START_OUTPUT,
        "displaced": displaced,  # 414,656
        "humanitarian_access": 40 + 1 - 3,  # quiet drift +1, UNHCR report -3
        "un_talks": 10 - 1,
        "intervention_pressure": 30 - 1 + 3,  # decay, UNHCR report
        "escalation": 6 - 1,  # a quiet turn
    }
    assert new.tracks["displaced"] == 414_656
    assert [(f.id, f.treasury, f.legitimacy, f.cohesion) for f in new.factions] == [
        # revenue from Al-Sidra and Ras Lanuf, less the payroll (15 strength at 1 each)
        ("tobruk", 14 + 17 + 11 - 15, 35, None),
        # revenue from the western fields, less the payroll (12 strength at 1 per 2)
        ("dawn", 12 + 7 - 6, 35, 54),  # cohesion decays
        ("foreign", 16, 60, None),
    ]
    assert [e.phase for e in log] == [
        "oil",
        "oil",  # Tobruk's payroll
        "oil",  # Dawn's payroll
        "humanitarian",
        "diplomacy",
        "escalation",
        "events",
        "events",
    ]
    assert all(e.rolls == [] for e in log)  # nothing was left to chance
    assert one(log, "oil", "oil").text.startswith("Oil output 352,000 bpd (+0)")


# --------------------------------------------------------------------------------------
# phase 1: declarations


def test_negotiate_raises_talks_lowers_escalation_and_adds_legitimacy(fresh: GameState) -> None:
    new, log = play(fresh, make("tobruk", "negotiate"))
    assert new.tracks["un_talks"] == 10 + 4 - 1
    assert new.tracks["escalation"] == 6 - 1 - 1  # the order's -1 and a quiet turn
    assert new.faction("tobruk").legitimacy == 35 + 2
    assert new.faction("tobruk").escalation == 0  # calming is booked to the talker too
    entry = one(log, "declarations", "diplomacy")
    assert entry.faction == "tobruk"
    assert "UN talks +4" in entry.text
    assert entry.source == "p17,ctx_un_talks"  # the talks are context, p17 the call
    assert not any("same table" in e.text for e in log)


def test_repeated_talks_yield_less_and_a_pause_restores_them(fresh: GameState) -> None:
    talk = make("tobruk", "negotiate")
    gains = []
    state = fresh
    for orders in ([talk], [talk], [talk], [], [talk]):
        before = state.tracks["un_talks"]
        state, log = play(state, *orders)
        if orders:
            entry = one(log, "declarations", "diplomacy")
            gains.append(int(entry.text.split("UN talks ")[1].rstrip(".")))
        assert state.tracks["un_talks"] != before or not orders
    assert gains == [4, 3, 2, 2]  # each turn in a row 1 less; a turn away restores 1 step
    assert state.faction("tobruk").recent == {"negotiate": 3}
    assert "down from 4: repeated recently" in one(log, "declarations", "diplomacy").rule


def test_repeated_pressure_wears_off(fresh: GameState) -> None:
    press = make("foreign", "diplomatic_pressure", "dawn")
    state, log = play(fresh, press)
    first = one(log, "declarations", "diplomacy").text
    assert "UN talks +4, their legitimacy -3, cohesion -4" in first
    state, log = play(state, press)
    second = one(log, "declarations", "diplomacy").text
    assert "UN talks +2, their legitimacy -1, cohesion -2" in second  # half the power left
    state, log = play(state, press)
    assert "UN talks +0, their legitimacy +0" in one(log, "declarations", "diplomacy").text


@pytest.mark.parametrize(
    ("talkers", "bonus"), [(("tobruk", "dawn"), 2), (("tobruk", "dawn", "foreign"), 4)]
)
def test_negotiating_together_earns_a_multi_party_bonus(
    fresh: GameState, talkers: tuple[str, ...], bonus: int
) -> None:
    talks = {"tobruk": "negotiate", "dawn": "negotiate", "foreign": "mediate"}
    new, log = play(fresh, *(make(f, talks[f]) for f in talkers))
    n = len(talkers)
    assert new.tracks["un_talks"] == 10 + 4 * n + bonus - 1
    assert new.tracks["escalation"] == 6 - n - 1 - 1  # orders, the bonus, a quiet turn
    table = [e for e in entries(log, "declarations", "diplomacy") if "same table" in e.text]
    assert len(table) == 1
    assert table[0].text.startswith(f"{n} factions sit at the same table: UN talks +{bonus} more")
    assert table[0].rule == "talks with several parties count double"


def test_sanctions_halve_revenue_and_cost_legitimacy_for_three_turns(fresh: GameState) -> None:
    state, log = play(fresh, make("foreign", "sanctions", "dawn"))
    dawn = state.faction("dawn")
    assert (dawn.sanctioned, dawn.sanctions_by) == (2, "foreign")
    assert dawn.treasury == 12 + 7 // 2 - 6  # the western fields' 7 is halved; payroll 6
    assert dawn.legitimacy == 35 - 3 - 1  # the order's -3, then -1 for the turn
    assert "sanctions on Libya Dawn for 3 turns" in one(log, "declarations", "diplomacy").text
    for turns_left, legitimacy in ((1, 30), (0, 29)):
        treasury = state.faction("dawn").treasury
        state, _ = play(state)
        dawn = state.faction("dawn")
        assert dawn.treasury == treasury + 3 - 6
        assert (dawn.sanctioned, dawn.legitimacy) == (turns_left, legitimacy)
    assert dawn.sanctions_by is None
    assert state.faction("tobruk").treasury == 14 + 3 * (28 - 15)  # the others are untouched


def test_ultimatum_is_defied_by_attacking_and_expires(fresh: GameState, dice: list[int]) -> None:
    dice[:] = [2, 3, 3, 4]  # three raid dice: no hit (4+ needed), no boat lost; no collateral
    state, log = play(
        fresh,
        make("tobruk", "ultimatum", "dawn"),
        make("dawn", "speedboat_raid", "sirte", "misrata"),
    )
    assert dice == []
    tobruk = state.faction("tobruk")
    assert (tobruk.ultimatum_on, tobruk.ultimatum_turns) == ("dawn", 1)
    assert state.faction("dawn").legitimacy == 35 - 3
    defied = [e for e in entries(log, "naval", "diplomacy") if "defiance" in e.text]
    assert len(defied) == 1 and defied[0].faction == "dawn" and defied[0].source == "p6"
    # the ultimatum (Tobruk), the raid on a city (Dawn); a raid makes the turn violent
    assert state.tracks["escalation"] == 6 + 1 + 1
    assert (state.faction("tobruk").escalation, state.faction("dawn").escalation) == (1, 1)
    state, log = play(state)
    assert (state.faction("tobruk").ultimatum_on, state.faction("tobruk").ultimatum_turns) == (
        None,
        0,
    )
    assert any("ultimatum expires" in e.text for e in entries(log, "diplomacy"))


def test_ultimatum_eases_air_strikes_on_its_target(fresh: GameState, dice: list[int]) -> None:
    # strike dice, the MiG on the ground survives, air defences miss, no collateral
    dice[:] = [4, 4, 3, 2, 5, 5]
    new, log = play(
        fresh, make("tobruk", "ultimatum", "dawn"), make("tobruk", "air_strike", "misrata")
    )
    assert dice == []
    strike = one(log, "air", "air")
    assert "hit on 4+" in strike.rule and "eased" in strike.rule
    assert [r.decided for r in strike.rolls[:3]] == ["hit (needs 4+)"] * 2 + ["miss (needs 4+)"]
    assert unit(new, "misrata_militias").strength == 5 - 2


def test_military_zone_besieges_a_city(fresh: GameState, dice: list[int]) -> None:
    dice[:] = [1]  # the besieged defenders' supply roll: 1-2 costs them strength
    new, log = play(fresh, make("tobruk", "military_zone", "misrata"))
    assert dice == []
    misrata = new.region("misrata")
    assert (misrata.siege_by, misrata.siege_turns) == ("tobruk", 2)
    declared = one(log, "declarations", "siege")
    assert declared.region == "misrata" and declared.source == "p10"
    besieged = one(log, "control", "supply")
    assert besieged.faction == "dawn" and besieged.region == "misrata"
    assert "besieged" in besieged.text and besieged.source == "p10"
    assert unit(new, "misrata_militias").strength == 5 - 1
    stays = one(log, "control", "siege")
    assert "3,200 more people flee" in stays.text  # 400,000 x 8 per mille
    assert "Libya Dawn cohesion -3" in stays.text  # a besieged city strains the coalition
    # zone +2, siege +1, quiet turn -1
    assert new.tracks["escalation"] == 6 + 2 + 1 - 1
    # the scenario's condition event: Misrata rallies behind its militias
    assert "misrata-siege-announced" in new.fired
    assert new.faction("dawn").cohesion == 55 - 3 - 1 + 5
    displaced = 400_000 + 3_200 + 18_000
    assert new.tracks["displaced"] == displaced - returns_of(displaced, 40 - 2)


def test_military_zone_needs_an_enemy_city_next_to_your_forces(fresh: GameState) -> None:
    def reason(target: str) -> str | None:
        return why_illegal(fresh, make("tobruk", "military_zone", target))

    assert reason("misrata") is None
    assert reason("sirte") == "Sirte is not held by an enemy"
    assert reason("western_fields") == "Western oil fields is not a city"
    assert reason("tripoli") == "you have no forces next to Tripoli"
    fresh.region("misrata").siege_by = "tobruk"
    assert reason("misrata") == "Misrata is already a military zone"


def test_recruit_adds_strength_and_costs_treasury(fresh: GameState) -> None:
    new, log = play(fresh, make("tobruk", "recruit", "ajdabiya"))
    assert unit(new, "dignity_army").strength == 5 + 2
    # the price, then revenue less a payroll that now counts the 2 recruits too
    assert new.faction("tobruk").treasury == 14 - 4 + 28 - (15 + 2)
    entry = one(log, "declarations", "reinforce")
    assert entry.text.endswith(" recruits +2 strength in Ajdabiya.")
    assert entry.faction == "tobruk" and entry.region == "ajdabiya"


def test_recruit_where_no_unit_stands_raises_a_levy(fresh: GameState) -> None:
    fresh.units = [u for u in fresh.units if u.id != "tobruk_garrison"]
    new, _ = play(fresh, make("tobruk", "recruit", "tobruk_city"))
    levy = unit(new, "tobruk_levy_1")
    assert (levy.faction, levy.kind, levy.region, levy.strength) == (
        "tobruk",
        "ground",
        "tobruk_city",
        2,
    )


def test_mobilise_rallies_a_coalition_member(fresh: GameState) -> None:
    new, log = play(fresh, make("dawn", "mobilise", "misrata"))
    assert unit(new, "misrata_militias").strength == 5 + 3
    assert new.faction("dawn").cohesion == 55 + 5 - 1
    assert "mobilises +3 strength in Misrata" in one(log, "declarations", "reinforce").text
    # mobilising costs two of Dawn's three action points
    assert (
        why_illegal(
            fresh, make("dawn", "mobilise", "tripoli"), [make("dawn", "mobilise", "misrata")]
        )
        == "needs 2 action points; 1 left"
    )
    # only where a coalition member is based
    fresh.units = [u for u in fresh.units if u.id != "libya_shield"]
    fresh.units.append(UnitState("dawn_levy_1", "dawn", "ground", "tripoli", 2, None))
    assert why_illegal(fresh, make("dawn", "mobilise", "tripoli")) == (
        "no coalition member is based in Tripoli"
    )


def test_arms_support_strengthens_the_holder(fresh: GameState) -> None:
    new, log = play(fresh, make("foreign", "arms_support", "sirte"))
    assert unit(new, "sirte_garrison").strength == 3 + 2
    foreign = new.faction("foreign")
    assert (foreign.treasury, foreign.legitimacy) == (16 - 4, 60 - 1)
    assert new.tracks["escalation"] == 6 + 2 - 1
    assert new.faction("foreign").escalation == 2
    arms = one(log, "declarations", "reinforce")
    assert arms.text.startswith("Foreign powers arm ")
    assert arms.text.endswith(" in Sirte: +2 strength.")
    assert why_illegal(fresh, make("foreign", "arms_support", "sicily")) == (
        "Sicily (staging) is off the map"
    )
    fresh.region("ajdabiya").controller = "neutral"
    assert why_illegal(fresh, make("foreign", "arms_support", "ajdabiya")) == (
        "Ajdabiya is not held by another faction"
    )


def test_deploy_reinforces_the_staging_base(fresh: GameState) -> None:
    new, _ = play(fresh, make("foreign", "deploy", "sicily"))
    assert new.ground("foreign", "sicily") == 3 + 1
    assert new.faction("foreign").treasury == 16 - 3
    assert why_illegal(fresh, make("foreign", "deploy", "tripoli")) == "you do not hold Tripoli"


def test_fortify_up_to_the_maximum(fresh: GameState) -> None:
    new, log = play(fresh, make("tobruk", "fortify", "es_sider"))
    assert new.region("es_sider").fortification == 1
    assert "(level 1)" in one(log, "declarations", "fortify").text
    fresh.region("es_sider").fortification = 2
    new, _ = play(fresh, make("tobruk", "fortify", "es_sider"))
    assert new.region("es_sider").fortification == 3
    assert why_illegal(new, make("tobruk", "fortify", "es_sider")) == (
        "Al-Sidra (Es Sider) is already fully fortified"
    )
    assert why_illegal(fresh, make("tobruk", "fortify", "misrata")) == (
        "you need forces in a region you hold (Misrata is not)"
    )


# --------------------------------------------------------------------------------------
# phase 2: air


def test_air_strike_hits_kill_enemy_strength(fresh: GameState, dice: list[int]) -> None:
    # three strike dice (hit on 5+), the MiG on the ground survives a 4, air defences
    # miss on a 2, no collateral on 3
    dice[:] = [6, 5, 2, 4, 2, 3]
    new, log = play(fresh, make("tobruk", "air_strike", "misrata"))
    assert dice == []
    strike = one(log, "air", "air")
    assert values(strike) == [6, 5, 2, 4, 2, 3]
    assert [r.decided for r in strike.rolls] == [
        "hit (needs 5+)",
        "hit (needs 5+)",
        "miss (needs 5+)",
        "aircraft survived (1-4)",
        "all aircraft return (2+)",
        "no civilian harm (3+)",
    ]
    assert " strikes Misrata from Tobruk: 2 hits; Libya Dawn -2; facilities damaged +10%." in (
        strike.text
    )
    assert unit(new, "misrata_militias").strength == 5 - 2
    dawn = new.faction("dawn")
    assert dawn.losses == 2
    assert dawn.cohesion == 55 - 1 - 1  # struck, then the weekly decay
    assert new.region("misrata").damage == 2 * 5  # port, airport, steel factory hit
    assert unit(new, "mig23").strength == 1
    assert new.tracks["escalation"] == 6 + 1  # a strike on a city; not a quiet turn
    assert new.faction("tobruk").escalation == 1  # and it is Tobruk's
    # UNSMIL condemns strikes on cities (a condition event): talks +5 after decaying 2
    assert new.tracks["un_talks"] == 10 - 2 + 5


def test_air_strike_can_destroy_the_mig_on_the_ground(fresh: GameState, dice: list[int]) -> None:
    dice[:] = [6, 6, 6, 5, 4, 4]  # three hits, the MiG caught, air defences miss, no harm
    new, log = play(fresh, make("tobruk", "air_strike", "misrata"))
    assert dice == []
    assert unit(new, "mig23").strength == 0
    assert unit(new, "misrata_militias").strength == 5 - 3
    assert "Libya Dawn loses an aircraft (MiG-23 jet) on the ground" in one(log, "air", "air").text
    assert why_illegal(new, make("dawn", "mig_raid", "es_sider")) == "no aircraft left"


def test_air_strike_range_limit_makes_it_illegal(fresh: GameState) -> None:
    far = make("tobruk", "air_strike", "western_fields")
    assert fresh.w.km("tobruk_city", "western_fields") == 1294
    assert why_illegal(fresh, far) == (
        "Western oil fields is 1,294 km from your aircraft; range is 1,100 km"
    )
    assert far not in legal_orders(fresh, "tobruk")
    with pytest.raises(IllegalOrder, match="range is 1,100 km"):
        check_order(fresh, far)
    unit(fresh, "air_force").region = "sirte"  # a forward base brings it into range
    assert why_illegal(fresh, far) is None
    assert far in legal_orders(fresh, "tobruk")


def test_air_strike_collateral_on_a_city(fresh: GameState, dice: list[int]) -> None:
    dice[:] = [1, 1, 1, 3, 2]  # all three strike dice miss; air defences miss; collateral 2
    new, log = play(fresh, make("tobruk", "air_strike", "misrata"))
    assert dice == []
    strike = one(log, "air", "air")
    assert strike.rolls[-1].decided == "civilians hit (1-2)"
    assert "Civilians were hit: 4,800 flee, " in strike.text
    assert strike.text.endswith(" legitimacy -3.")
    assert new.faction("tobruk").legitimacy == 35 - 3 - 1  # civilians hit; UNSMIL condemns
    assert unit(new, "misrata_militias").strength == 5  # no hits
    assert new.region("misrata").damage == 0
    access = 40 - 3  # civilians hit
    displaced = 400_000 + 4_800 + 18_000  # 400,000 x 12 per mille, escalation 6 x 3,000
    assert new.tracks["displaced"] == displaced - returns_of(displaced, access)
    # a strike makes the turn violent: access does not recover; then the UNHCR report
    assert new.tracks["humanitarian_access"] == access - 3
    assert new.tracks["escalation"] == 6 + 1 + 1  # city strike and civilian harm
    assert new.tracks["un_talks"] == 10 - 2 + 5  # violent turn, UNSMIL condemns


def test_mig_raid_sets_tanks_ablaze(fresh: GameState, dice: list[int]) -> None:
    # three raid dice (each 4+ hits the guards and sets a tank ablaze), the guards' air
    # defences miss, then the fire burns on
    dice[:] = [4, 6, 3, 3, 3]
    new, log = play(fresh, make("dawn", "mig_raid", "es_sider"))
    assert dice == []
    raid = one(log, "air", "air")
    assert [r.decided for r in raid.rolls] == [
        "hit (needs 4+)",
        "hit (needs 4+)",
        "miss (needs 4+)",
        "all aircraft return (2+)",
    ]
    assert raid.source == "p7"
    assert "2 tanks set ablaze" in raid.text
    assert unit(new, "sidra_guard").strength == 3 - 2
    sider = new.region("es_sider")
    assert sider.tanks_ablaze == 2
    assert sider.damage == 50 + 2 * 2  # each burning tank adds 2% a turn
    fire = one(log, "oil", "fire")
    assert fire.text == "Fire at Al-Sidra (Es Sider): 2 of 19 tanks ablaze; the fire burns on."
    sider_bpd = terminal_output_bpd(340_000, 19, 54, 2)
    assert sider_bpd == 340_000 * 46 * 17 // 1_900
    assert new.tracks["oil_output"] == WESTERN_FIELDS_BPD + sider_bpd + RAS_LANUF_BPD
    assert new.faction("dawn").legitimacy == 35  # like a strike, no cost unless civilians
    assert new.tracks["escalation"] == 6 + 2  # the raid, and a raid is no quiet turn
    assert new.faction("dawn").escalation == 2


def test_mig_raid_on_a_place_without_tanks_damages_it(fresh: GameState, dice: list[int]) -> None:
    # one hit, two misses; the garrison's air defences bring the jet down on a 1; a raid
    # on a city risks civilians too (none harmed on a 5)
    dice[:] = [6, 2, 3, 1, 5]
    new, log = play(fresh, make("dawn", "mig_raid", "sirte"))
    assert dice == []
    assert new.region("sirte").damage == 10
    assert unit(new, "sirte_garrison").strength == 3 - 1
    assert unit(new, "mig23").strength == 0
    assert new.faction("dawn").losses == 1
    assert (
        "Libya Dawn loses an aircraft (MiG-23 jet) to air defences." in one(log, "air", "air").text
    )


def test_a_mig_raid_does_not_ease_the_other_sides_strikes(
    fresh: GameState, dice: list[int]
) -> None:
    # One side's raid is no licence for the other's strikes: Tobruk's strike on Misrata
    # the same turn still needs 5+, so its three dice (4, 4, 3) miss and no aircraft is
    # caught on the ground; air defences miss and there is no collateral; then the raid's
    # three dice and the guards' air defences.
    dice[:] = [4, 4, 3, 6, 3, 1, 1, 1, 3]
    new, log = play(
        fresh, make("tobruk", "air_strike", "misrata"), make("dawn", "mig_raid", "es_sider")
    )
    assert dice == []
    strike, raid = entries(log, "air", "air")
    assert strike.faction == "tobruk" and raid.faction == "dawn"
    assert "hit on 5+" in strike.rule and "eased" not in strike.rule
    assert unit(new, "misrata_militias").strength == 5


def test_a_mig_destroyed_on_the_ground_cannot_raid(fresh: GameState, dice: list[int]) -> None:
    dice[:] = [6, 6, 6, 6, 6, 6]  # three hits, the MiG is destroyed, no losses, no collateral
    new, log = play(
        fresh, make("tobruk", "air_strike", "misrata"), make("dawn", "mig_raid", "es_sider")
    )
    assert dice == []  # no raid dice were rolled for a jet that no longer exists
    assert unit(new, "mig23").strength == 0
    assert new.region("es_sider").tanks_ablaze == 0
    assert entries(log, "air", "air")[1].text == (
        "Libya Dawn has no aircraft left to raid Al-Sidra (Es Sider)."
    )


# --------------------------------------------------------------------------------------
# phase 3: naval


def test_speedboat_raid(fresh: GameState, dice: list[int]) -> None:
    dice[:] = [6, 4, 1, 3]  # two hits (4+), one boat lost on a 1; no civilians harmed
    new, log = play(fresh, make("dawn", "speedboat_raid", "sirte", "misrata"))
    assert dice == []
    raid = one(log, "naval", "naval")
    assert [r.decided for r in raid.rolls] == [
        "hit (needs 4+)",
        "hit (needs 4+)",
        "a boat lost (1)",
        "no civilian harm (3+)",
    ]
    assert raid.source == "p4"
    assert raid.text.startswith("Libya Dawn raids Sirte by sea from Misrata: 2 hits; ")
    assert raid.text.endswith(" -2; 1 boat lost.")
    assert unit(new, "sirte_garrison").strength == 3 - 2
    assert unit(new, "speedboats").strength == 3 - 1
    assert new.faction("tobruk").losses == 2
    assert new.region("sirte").controller == "tobruk"  # raids do not take ground
    assert new.faction("dawn").losses == 1
    assert new.tracks["escalation"] == 6 + 1  # a raid on a city; no quiet turn


def test_speedboat_raid_on_a_terminal_sets_a_tank_ablaze_on_a_six(
    fresh: GameState, dice: list[int]
) -> None:
    dice[:] = [6, 2, 3, 3]  # raid dice, then the fire roll in the oil phase
    new, _ = play(fresh, make("dawn", "speedboat_raid", "es_sider", "misrata"))
    assert dice == []
    assert new.region("es_sider").tanks_ablaze == 1
    assert unit(new, "sidra_guard").strength == 3 - 1
    assert new.region("es_sider").damage == 50 + 2


def test_speedboat_raid_reach(fresh: GameState) -> None:
    assert why_illegal(fresh, make("dawn", "speedboat_raid", "ajdabiya", "misrata")) == (
        "Ajdabiya is not on the coast"
    )
    assert why_illegal(fresh, make("dawn", "speedboat_raid", "tripoli", "misrata")) == (
        "you hold Tripoli"
    )
    unit(fresh, "speedboats").region = "tripoli"
    assert fresh.w.km("tripoli", "es_sider") > 420
    assert why_illegal(fresh, make("dawn", "speedboat_raid", "es_sider", "tripoli")) == (
        "Al-Sidra (Es Sider) is beyond the boats' range (420 km)"
    )


# --------------------------------------------------------------------------------------
# phase 4: ground


def test_move(fresh: GameState) -> None:
    new, log = play(fresh, make("tobruk", "move", "ras_lanuf", "ajdabiya"))
    assert unit(new, "dignity_army").region == "ras_lanuf"
    assert new.ground("tobruk", "ras_lanuf") == 5 + 2
    entry = one(log, "ground", "move")
    assert entry.text.endswith(" moves from Ajdabiya to Ras Lanuf with strength 5.")
    assert new.region("ajdabiya").controller == "tobruk"  # leaving does not give ground up


def test_moves_are_simultaneous_and_do_not_chain(fresh: GameState) -> None:
    # Ajdabiya -> Ras Lanuf and Ras Lanuf -> Al-Sidra in the same turn: each force
    # moves one step; Hifter's army must not ride on to Al-Sidra with the guards.
    new, log = play(
        fresh,
        make("tobruk", "move", "ras_lanuf", "ajdabiya"),
        make("tobruk", "move", "es_sider", "ras_lanuf"),
    )
    assert unit(new, "dignity_army").region == "ras_lanuf"
    assert unit(new, "lanuf_guard").region == "es_sider"
    texts = [e.text for e in entries(log, "ground", "move")]
    assert texts[0].endswith(" moves from Ajdabiya to Ras Lanuf with strength 5.")
    assert texts[1].endswith(" moves from Ras Lanuf to Al-Sidra (Es Sider) with strength 2.")
    assert len(texts) == 2


def test_battle_won_by_the_attacker_changes_control(fresh: GameState, dice: list[int]) -> None:
    dice[:] = [6, 1]  # attack die, defence die
    new, log = play(fresh, make("dawn", "attack", "sirte", "misrata"))
    assert dice == []
    battle = one(log, "ground", "battle")
    assert battle.region == "sirte" and battle.faction == "dawn"
    assert [(r.purpose, r.value, r.decided) for r in battle.rolls] == [
        ("dawn attack die", 6, "attack total 5+6=11"),
        ("tobruk defence die against dawn", 1, "defence total 3+1+1=5"),  # strength+city+die
    ]
    assert battle.text.startswith("Battle for Sirte: Libya Dawn (5) against ")
    assert "(3): Libya Dawn wins by 6; losses: Libya Dawn none, " in battle.text
    assert battle.text.endswith(" Tobruk government 3.")
    assert unit(new, "sirte_garrison").strength == 0
    assert unit(new, "misrata_militias").strength == 5
    assert new.region("sirte").controller == "dawn"
    control = one(log, "control", "control")
    assert control.text.startswith("Libya Dawn takes Sirte from ")
    assert (control.faction, control.region) == ("dawn", "sirte")
    assert new.faction("tobruk").losses == 3
    assert new.faction("dawn").cohesion == 55 + 2 - 1
    assert new.tracks["escalation"] == 6 + 1  # a battle in a city
    assert new.faction("dawn").escalation == 1  # the attacker owns it
    assert new.tracks["un_talks"] == 10 - 2  # talks erode twice as fast in a violent turn
    displaced = 400_000 + 2_000 + 18_000  # 80,000 x 25 per mille
    assert new.tracks["displaced"] == displaced - returns_of(displaced, 40 - 4)


def test_beaten_attacker_falls_back(fresh: GameState, dice: list[int]) -> None:
    dice[:] = [1, 6]
    new, log = play(fresh, make("dawn", "attack", "sirte", "misrata"))
    assert dice == []
    battle = one(log, "ground", "battle")
    assert " holds by 4; losses: Libya Dawn 3, " in battle.text
    assert battle.text.endswith("Libya Dawn falls back to Misrata.")
    militias = unit(new, "misrata_militias")
    assert (militias.region, militias.strength) == ("misrata", 5 - 3)  # 1 + half the margin
    assert unit(new, "sirte_garrison").strength == 3
    assert new.region("sirte").controller == "tobruk"
    assert new.faction("dawn").cohesion == 55 - 3 - 1


def test_beaten_weaker_defender_withdraws(fresh: GameState, dice: list[int]) -> None:
    unit(fresh, "sirte_garrison").strength = 6
    dice[:] = [6, 1]  # 5+6=11 against 6+1+1=8: the attacker wins by 3
    new, log = play(fresh, make("dawn", "attack", "sirte", "misrata"))
    assert dice == []
    assert one(log, "ground", "battle").text.endswith(" withdraws to Al-Sidra (Es Sider).")
    garrison = unit(new, "sirte_garrison")
    assert (garrison.region, garrison.strength) == ("es_sider", 6 - 2)
    assert new.region("sirte").controller == "dawn"


def test_stalemate_leaves_both_sides_in_a_contested_region(
    fresh: GameState, dice: list[int]
) -> None:
    # 5+1 against 3+1+2: a bloody stalemate; then Dawn's forces in Sirte are out of
    # supply (Sirte is not theirs) and roll for it.
    dice[:] = [1, 2, 3]
    new, log = play(fresh, make("dawn", "attack", "sirte", "misrata"))
    assert dice == []
    assert "a bloody stalemate" in one(log, "ground", "battle").text
    assert new.ground("dawn", "sirte") == 4 and new.ground("tobruk", "sirte") == 2
    assert new.region("sirte").controller == "tobruk"
    supply = one(log, "control", "supply")
    assert supply.faction == "dawn" and supply.rolls[0].decided == "holds out (3+)"
    # a terminal's neighbour being fought over does not stop its output
    assert new.tracks["oil_output"] == START_OUTPUT


def test_a_terminal_fought_over_exports_nothing(fresh: GameState, dice: list[int]) -> None:
    unit(fresh, "misrata_militias").region = "sirte"
    fresh.region("sirte").controller = "dawn"
    unit(fresh, "sirte_garrison").strength = 0
    dice[:] = [3, 3]  # 5+3 against 3+3: Dawn wins by 2; losses 1 and 2
    new, log = play(fresh, make("dawn", "attack", "es_sider", "sirte"))
    assert dice == []
    assert "Libya Dawn wins by 2" in one(log, "ground", "battle").text
    guard = unit(new, "sidra_guard")
    assert (guard.region, guard.strength) == ("ras_lanuf", 3 - 2)  # the weaker side withdraws
    assert new.region("es_sider").controller == "dawn"
    # taken this turn, but fought over: it exports nothing and pays nobody
    assert new.tracks["oil_output"] == WESTERN_FIELDS_BPD + RAS_LANUF_BPD
    assert new.faction("dawn").treasury == 12 + 7 - payroll_due(new, "dawn")


# --------------------------------------------------------------------------------------
# phase 5: control, supply and sieges


def test_cut_off_forces_can_lose_strength(fresh: GameState, dice: list[int]) -> None:
    # Dawn holds Ras Lanuf (empty): Sirte and Al-Sidra lose their road to Ajdabiya.
    fresh.region("ras_lanuf").controller = "dawn"
    unit(fresh, "lanuf_guard").strength = 0
    dice[:] = [1, 3]  # Sirte's supply roll, then Al-Sidra's
    new, log = play(fresh)
    assert dice == []
    sirte, sider = entries(log, "control", "supply")
    assert (sirte.region, sirte.rolls[0].decided) == ("sirte", "-1 strength (1-2)")
    assert (sider.region, sider.rolls[0].decided) == ("es_sider", "holds out (3+)")
    assert sirte.text.endswith(" forces in Sirte are cut off from supply: -1 strength (1-2).")
    assert sirte.source == "design"
    assert sirte.rule == "unsupplied forces lose strength on a roll of 1-2"
    assert unit(new, "sirte_garrison").strength == 3 - 1
    assert unit(new, "sidra_guard").strength == 3
    # Ras Lanuf's revenue now goes to Dawn, which holds it
    assert new.faction("dawn").treasury == 12 + 7 + 11 - 6
    # Tobruk pays for 12: its 15 less the Ras Lanuf guards (emptied) and Sirte's loss
    assert new.faction("tobruk").treasury == 14 + 17 - (15 - 2 - 1)


def test_siege_lifts_when_the_besiegers_leave(fresh: GameState, dice: list[int]) -> None:
    misrata = fresh.region("misrata")
    misrata.siege_by, misrata.siege_turns = "tobruk", 2
    unit(fresh, "sirte_garrison").strength = 0
    dice[:] = [5]  # Dawn's besieged defenders hold out
    new, log = play(fresh)
    assert dice == []
    lifted = one(log, "control", "siege")
    assert lifted.text == (
        "The siege of Misrata is lifted: the besiegers have no forces next to it."
    )
    assert (new.region("misrata").siege_by, new.region("misrata").siege_turns) == (None, 0)


def test_siege_runs_its_course(fresh: GameState, dice: list[int]) -> None:
    misrata = fresh.region("misrata")
    misrata.siege_by, misrata.siege_turns = "tobruk", 1
    dice[:] = [4]
    new, log = play(fresh)
    assert dice == []
    texts = [e.text for e in entries(log, "control", "siege")]
    assert texts == [
        "Misrata stays under siege by Tobruk government: 3,200 more people flee. "
        "Libya Dawn cohesion -3.",
        "The siege of Misrata is lifted: it has run its course.",
    ]
    assert new.region("misrata").siege_by is None


def test_military_zone_lasts_its_full_duration(fresh: GameState) -> None:
    """A 3-turn military zone displaces people on each of its 3 turns, then lifts."""
    misrata = fresh.region("misrata")
    misrata.siege_by, misrata.siege_turns = "tobruk", 3
    state = fresh
    besieged_turns = 0
    for _ in range(3):
        state, log = resolve_turn(state, [])
        besieged_turns += any("stays under siege" in e.text for e in log)
    assert besieged_turns == 3
    assert state.region("misrata").siege_by is None


# --------------------------------------------------------------------------------------
# phase 6: oil and revenue


def test_output_formula() -> None:
    assert terminal_output_bpd(340_000, 19, 50, 0) == 170_000
    assert terminal_output_bpd(340_000, 19, 50, 7) == 340_000 * 50 * 12 // 1_900 == 107_368
    assert terminal_output_bpd(360_000, 0, 80, 0) == 72_000  # a field without tanks
    assert terminal_output_bpd(340_000, 19, 100, 0) == 0
    assert terminal_output_bpd(340_000, 19, 0, 19) == 0
    assert terminal_output_bpd(220_000, 13, 0, 0) == 220_000


def test_output_starts_at_352000(fresh: GameState) -> None:
    assert fresh.tracks["oil_output"] == START_OUTPUT
    assert WESTERN_FIELDS_BPD + ES_SIDER_BPD + RAS_LANUF_BPD == START_OUTPUT
    new, _ = play(fresh)
    assert new.tracks["oil_output"] == START_OUTPUT


def test_burning_tanks_and_damage_cut_output(fresh: GameState, dice: list[int]) -> None:
    fresh.region("es_sider").tanks_ablaze = 7
    dice[:] = [3]  # the fire burns on
    new, log = play(fresh)
    assert dice == []
    sider = new.region("es_sider")
    assert (sider.tanks_ablaze, sider.damage) == (7, 50 + 7 * 2)
    expected = WESTERN_FIELDS_BPD + 340_000 * 36 * 12 // 1_900 + RAS_LANUF_BPD
    assert new.tracks["oil_output"] == expected == 259_305
    assert one(log, "oil", "oil").text.startswith(
        f"Oil output {expected:,} bpd ({expected - START_OUTPUT:+,})"
    )
    assert new.faction("tobruk").treasury == 14 + 7 + 11 - 15  # 77,305 bpd pays 7


def test_fire_spreads_and_burns_out(fresh: GameState, dice: list[int]) -> None:
    fresh.region("es_sider").tanks_ablaze = 7
    fresh.region("ras_lanuf").tanks_ablaze = 2
    dice[:] = [6, 1]  # Al-Sidra's fire spreads, one of Ras Lanuf's tanks burns out
    new, log = play(fresh)
    assert dice == []
    assert new.region("es_sider").tanks_ablaze == 8
    assert new.region("ras_lanuf").tanks_ablaze == 1
    assert [e.rolls[0].decided for e in entries(log, "oil", "fire")] == [
        "the fire spreads to another tank (5+)",
        "a tank burns out (1)",
    ]


def test_repair_puts_out_fires_and_removes_damage(fresh: GameState, dice: list[int]) -> None:
    fresh.region("es_sider").tanks_ablaze = 7
    dice[:] = [3]
    new, log = play(fresh, make("tobruk", "repair", "es_sider"))
    assert dice == []
    assert new.region("es_sider").tanks_ablaze == 7 - 3
    assert new.region("es_sider").damage == 50 - 15 + 4 * 2
    assert one(log, "oil", "repair").text.endswith(
        " repairs Al-Sidra (Es Sider): 3 fires put out, damage -15%."
    )


def test_output_never_exceeds_capacity(fresh: GameState) -> None:
    for region in fresh.regions:
        region.damage = 0
    new, _ = play(fresh)
    assert new.tracks["oil_output"] == CAPACITY == 920_000
    assert new.faction("tobruk").treasury == 14 + 34 + 22 - 15
    assert new.faction("dawn").treasury == 12 + 36 - 6


def test_revenue_goes_to_the_holder(fresh: GameState) -> None:
    sider = fresh.region("es_sider")
    sider.controller = "dawn"
    unit(fresh, "sidra_guard").faction = "dawn"
    new, log = play(fresh)
    # the guards went over with Al-Sidra: each side pays for the forces it now has
    assert new.faction("dawn").treasury == 12 + 7 + 17 - payroll_due(new, "dawn")
    assert new.faction("tobruk").treasury == 14 + 11 - payroll_due(new, "tobruk")
    assert "export revenue: Libya Dawn +24, " in one(log, "oil", "oil").text
    assert one(log, "oil", "oil").text.endswith(" +11.")
    neutral = fresh.clone()
    neutral.region("es_sider").controller = "neutral"
    neutral.units = [u for u in neutral.units if u.id != "sidra_guard"]
    new, _ = play(neutral)
    assert new.tracks["oil_output"] == START_OUTPUT - ES_SIDER_BPD  # nobody exports it


# --------------------------------------------------------------------------------------
# phase 7: humanitarian


def test_aid_raises_access_and_helps_people_home(fresh: GameState) -> None:
    new, log = play(fresh, make("foreign", "aid", "misrata"))
    helped = 6 * 4_000  # aid power x the scenario's aid_returns
    aid = one(log, "humanitarian", "aid")
    assert aid.text == (
        "Foreign powers deliver aid in Misrata: access +6, 24,000 displaced people helped home."
    )
    displaced = 400_000 - helped + 18_000
    assert new.tracks["displaced"] == displaced - returns_of(displaced, 40 + 6)
    assert new.tracks["humanitarian_access"] == 40 + 6 + 1 - 3
    foreign = new.faction("foreign")
    assert (foreign.treasury, foreign.legitimacy) == (16 - 3, 60 + 2)


def test_returns_grow_with_access(fresh: GameState) -> None:
    fresh.tracks["humanitarian_access"] = 90
    new, log = play(fresh)
    returning = returns_of(418_000, 90)
    assert returning == 7_524
    assert new.tracks["displaced"] == 418_000 - returning
    assert one(log, "humanitarian", "humanitarian").text.startswith(
        "18,000 people flee the widening war and 7,524 return home"
    )


@pytest.mark.parametrize("escalation", [0, 6, 16])
def test_escalation_drives_flight(fresh: GameState, escalation: int) -> None:
    fresh.tracks["escalation"] = escalation
    new, _ = play(fresh)
    displaced = 400_000 + escalation * 3_000
    assert new.tracks["displaced"] == displaced - returns_of(displaced, 40)


# --------------------------------------------------------------------------------------
# phases 8 and 9: diplomacy, intervention pressure and escalation


def test_intervention_pressure_follows_the_crisis(fresh: GameState) -> None:
    fresh.tracks["displaced"] = 800_000
    fresh.tracks["escalation"] = 14  # at 70% of the meter foreign capitals get nervous
    for region in fresh.regions:
        region.damage = 100 if region.id != "western_fields" else region.damage
    new, log = play(fresh)
    displaced = 800_000 + 14 * 3_000
    displaced -= returns_of(displaced, 40)
    surge = (displaced - 400_000) // 100_000
    assert surge == 4
    # surge - decay, collapsing output (72,000 < 176,000), high escalation
    pressure = 30 + surge - 1 + 1 + 1
    assert "intervention pressure +5% to 35%" in one(log, "diplomacy", "diplomacy").text
    # then the events: UNHCR report (+3), shelters overflow (+5), NOC warns of collapse (+5)
    assert new.tracks["intervention_pressure"] == pressure + 3 + 5 + 5
    assert {"unhcr-report", "shelters-overflow", "noc-warning"} <= set(new.fired)


def test_intervention_needs_an_international_framework(fresh: GameState) -> None:
    order = make("foreign", "intervene", "ras_lanuf", "sicily")
    assert why_illegal(fresh, order) == (
        "its precondition does not hold (UN talks at least 30% and "
        "intervention pressure at least 45%)"
    )
    with pytest.raises(IllegalOrder):
        resolve_turn(fresh, [order])
    fresh.tracks["un_talks"] = 30
    fresh.tracks["intervention_pressure"] = 45
    assert why_illegal(fresh, order) is None
    new, log = play(fresh, order)
    # The force lands beside Tobruk, which holds Ras Lanuf, and never takes it.
    assert new.ground("foreign", "ras_lanuf") == 3
    assert {u.client for u in new.units if u.faction == "foreign"} == {"tobruk"}
    assert new.region("ras_lanuf").controller == "tobruk"
    assert one(log, "ground", "move").text == (
        "Foreign powers land 3 strength in Ras Lanuf from Sicily (staging), beside Tobruk "
        "government: they defend it and never take it."
    )
    assert new.tracks["escalation"] == 6 + 2 - 1
    assert new.faction("foreign").escalation == 2
    assert new.faction("foreign").treasury == 16  # no terminal revenue: it holds nothing
    assert entries(log, "control", "supply") == []  # they bring their own supplies


def test_quiet_turns_and_talks_past_halfway_cool_escalation(fresh: GameState) -> None:
    fresh.tracks["un_talks"] = 60
    new, log = play(fresh)
    assert new.tracks["escalation"] == 6 - 1 - 1
    assert one(log, "escalation", "escalation").text == (
        "Escalation -2 to 4 of 20: a quiet turn -1, UN talks past halfway -1."
    )


def test_maximum_escalation_ends_in_catastrophe(fresh: GameState, dice: list[int]) -> None:
    fresh.tracks["escalation"] = 19
    fresh.faction("tobruk").escalation = 1
    dice[:] = [1, 1, 1, 3]  # the raid misses; the guards' air defences miss
    new, log = play(fresh, make("dawn", "mig_raid", "es_sider"))
    assert dice == []
    assert new.tracks["escalation"] == 20  # the raid +2 tops it out (19 + 2, held at 20)
    assert new.outcome is not None
    assert (new.outcome.result, new.outcome.winner, new.outcome.turn) == ("catastrophe", None, 1)
    assert "Every faction loses" in new.outcome.reason
    # Dawn drove it (2 points against Tobruk's 1): it ranks last; Foreign caused none.
    assert new.outcome.ranking == ["foreign", "tobruk", "dawn"]
    assert "Libya Dawn drove it most" in new.outcome.reason
    end = one(log, "escalation", "end")
    assert end.source == "p17" and end.rule == CATASTROPHE_RULE
    assert entries(log, "events") == []  # nothing happens after the end
    assert new.finished
    for faction in new.w.faction_ids:
        assert legal_orders(new, faction) == []
    assert why_illegal(new, make("tobruk", "negotiate")) == "the game is over"
    with pytest.raises(IllegalOrder, match="the game is over"):
        resolve_turn(new, [make("tobruk", "negotiate")])


# --------------------------------------------------------------------------------------
# phase 10: scenario events


def test_dated_event_fires_on_its_turn(fresh: GameState) -> None:
    assert fresh.w.event_turns["renzi-statement"] == 2  # 2014-12-20, a week after the start
    state, log = play(fresh)
    assert "renzi-statement" not in state.fired
    pressure, talks = state.tracks["intervention_pressure"], state.tracks["un_talks"]
    state, log = play(state)
    assert "renzi-statement" in state.fired
    renzi = [e for e in entries(log, "events", "event") if e.text.startswith("Renzi")]
    assert len(renzi) == 1
    assert renzi[0].source == "p21,p22" and renzi[0].faction == "foreign"
    assert renzi[0].text.endswith("(intervention pressure +10%; UN talks +3%)")
    assert renzi[0].rule == "scenario event on turn 2"
    assert state.tracks["intervention_pressure"] == pressure - 1 + 10
    assert state.tracks["un_talks"] == talks - 1 + 3
    state, log = play(state)
    assert not any(e.text.startswith("Renzi") for e in log)


def test_condition_event_fires_once(fresh: GameState) -> None:
    strike = make("tobruk", "air_strike", "misrata")
    state, log = play(fresh, strike)
    condemn = [e for e in entries(log, "events", "event") if "UNSMIL" in e.text]
    assert len(condemn) == 1 and condemn[0].rule == "scenario event"
    assert state.fired.count("unsmil-condemnation") == 1
    state, log = play(state, strike)
    assert not any("UNSMIL" in e.text for e in log)
    assert state.fired.count("unsmil-condemnation") == 1


def test_history_entries_are_logged_without_effect(fresh: GameState) -> None:
    state, _ = play(fresh)
    state, _ = play(state)
    before = state.clone()
    state, log = play(state)  # turn 3: the MiG raid, the strikes, the fires, the siege
    history = entries(log, "events", "history")
    assert [e.text.split(".")[0] for e in history] == [
        "What really happened on 27 December 2014: MiG-23 raid on Al-Sidra",
        "What really happened on 28 December 2014: Sunday's strikes on Misrata",
        "What really happened on 28 December 2014: Seven of 19 tanks ablaze",
        "What really happened on 27 December 2014: Misrata declared a military zone",
    ]
    assert all("no effect" in e.rule and e.rolls == [] for e in history)
    assert {"mig23-raid", "tanks-ablaze", "misrata-military-zone"} <= set(state.fired)
    assert state.region("es_sider").tanks_ablaze == 0
    assert state.region("misrata").siege_by is None
    assert unit(state, "misrata_militias").strength == unit(before, "misrata_militias").strength


def test_history_entry_effects_are_never_applied(scenario: Scenario) -> None:
    events = list(scenario.event)
    sunrise = next(i for i, e in enumerate(events) if e.id == "operation-sunrise")
    events[sunrise] = events[sunrise].model_copy(
        update={"effects": [TrackEffect(type="track", track="escalation", add=10)]}
    )
    world: World = compile_world(scenario.model_copy(update={"event": events}))
    new, log = play(new_game(world, 7))
    assert new.tracks["escalation"] == 6 - 1
    assert len(entries(log, "events", "history")) == 1


# --------------------------------------------------------------------------------------
# phase 11: assessments and victory


def test_assessment_every_fourth_turn(fresh: GameState) -> None:
    state = fresh
    for turn in (1, 2, 3):
        state, log = play(state)
        assert entries(log, "assessment") == [], f"turn {turn} is no assessment"
    treasury = {f.id: f.treasury for f in state.factions}
    state, log = play(state)
    paid = entries(log, "assessment", "assessment")
    assert [e.faction for e in paid] == ["tobruk", "dawn", "foreign"]
    revenue = {"tobruk": 28 - 15, "dawn": 7 - 6, "foreign": 0}  # less each turn's payroll
    # income + legitimacy / 25: 4 + 35 // 25, 4 + 35 // 25, 6 + 60 // 25
    income = {"tobruk": 5, "dawn": 5, "foreign": 8}
    for f in state.factions:
        assert f.treasury == treasury[f.id] + revenue[f.id] + income[f.id]
    assert (
        paid[0].text
        == f"Tobruk government: income +5; treasury {state.faction('tobruk').treasury}."
    )
    assert state.outcome is None  # nobody is ahead by the decisive margin
    assert max(margins(state).values()) < state.w.tuning.decisive_margin


def test_decisive_margin_ends_the_game_early(fresh: GameState) -> None:
    fresh.turn = 4
    for rid in ("misrata", "tripoli"):
        fresh.region(rid).controller = "tobruk"
    for u in fresh.units:
        if u.faction == "dawn" and u.region in ("misrata", "tripoli"):
            u.strength = 0
    new, log = play(fresh)
    # terminals 2x4, Sirte 3, Dawn's cities 2x4, legitimacy 3, oil 3, minus the target 16
    assert margins(new)["tobruk"] == 9
    assert new.outcome is not None
    assert (new.outcome.result, new.outcome.winner, new.outcome.turn) == ("win", "tobruk", 4)
    assert "won decisively" in new.outcome.reason
    end = one(log, "assessment", "end")
    assert end.faction == "tobruk" and end.text == new.outcome.reason


def test_after_the_last_turn_nobody_at_target_only_came_closest(fresh: GameState) -> None:
    fresh.turn = 12
    fresh.faction("tobruk").legitimacy = 15  # one point short of its target
    new, _ = play(fresh)
    m = margins(new)
    assert m["tobruk"] == -1 and max(m.values()) == -1
    assert new.outcome is not None
    assert (new.outcome.result, new.outcome.winner, new.outcome.turn) == ("closest", "tobruk", 12)
    assert new.outcome.reason.startswith(
        "No side reached its goals; Tobruk government came closest"
    )
    assert new.outcome.ranking[0] == "tobruk"


def test_after_the_last_turn_a_side_at_its_target_wins(fresh: GameState) -> None:
    fresh.turn = 12  # Tobruk holds all it held at the start: one over its target
    new, _ = play(fresh)
    assert margins(new)["tobruk"] == 1
    assert new.outcome is not None
    assert (new.outcome.result, new.outcome.winner) == ("win", "tobruk")
    assert new.outcome.reason.startswith("Tobruk government reached its goals")


def test_equal_margins_go_to_the_side_that_escalated_less(fresh: GameState) -> None:
    fresh.turn = 12
    dawn = fresh.faction("dawn")
    dawn.legitimacy = 50  # home cities 4 + cohesion 60 // 10 + legitimacy 5 = 15 (target 16)
    dawn.cohesion = 61
    fresh.faction("tobruk").legitimacy = 15  # 1 short of its target, like Dawn
    fresh.faction("tobruk").escalation = 4
    dawn.escalation = 3
    new, log = play(fresh)
    m = margins(new)
    assert m["tobruk"] == m["dawn"] == -1 > m["foreign"]
    assert new.outcome is not None
    assert (new.outcome.result, new.outcome.winner) == ("closest", "dawn")
    assert new.outcome.ranking == ["dawn", "tobruk", "foreign"]
    assert "won the tie-break" in new.outcome.reason
    assert one(log, "assessment", "end").faction == "dawn"


def test_equal_margins_then_go_to_the_more_legitimate_side(fresh: GameState) -> None:
    fresh.turn = 12
    dawn = fresh.faction("dawn")
    dawn.legitimacy = 50
    dawn.cohesion = 61
    fresh.faction("tobruk").legitimacy = 15
    new, _ = play(fresh)
    assert margins(new)["tobruk"] == margins(new)["dawn"] == -1
    assert new.outcome is not None
    assert (new.outcome.winner, new.outcome.ranking[:2]) == ("dawn", ["dawn", "tobruk"])


def test_a_full_tie_is_a_draw(fresh: GameState) -> None:
    fresh.turn = 12
    for f in fresh.factions:
        f.legitimacy = 50
    fresh.region("sirte").controller = "dawn"  # Tobruk 11 + 5 - 16, Dawn 7 + 4 + 5 - 16
    fresh.faction("dawn").cohesion = 45
    outcome = decide(fresh, final=True)
    m = margins(fresh)
    assert m["tobruk"] == m["dawn"] == 0 > m["foreign"]
    assert outcome is not None
    assert (outcome.result, outcome.winner) == ("draw", None)
    assert outcome.reason.startswith(
        "Tobruk government and Libya Dawn are level on margin, escalation caused and legitimacy"
    )
    # before the last turn an unbreakable tie does not end the game
    assert decide(fresh, final=False) is None


def test_a_coalition_cracks_at_an_assessment(fresh: GameState) -> None:
    fresh.turn = 4
    fresh.faction("dawn").cohesion = 20
    new, log = play(fresh)
    dawn = new.faction("dawn")
    assert dawn.components == ["misrata", "shield"]
    assert dawn.cohesion == 20 - 1 + 15
    assert unit(new, "amazigh_fighters").strength == 0
    assert unit(new, "amazigh_south").strength == 0
    assert one(log, "assessment", "cohesion").text == (
        "Libya Dawn cracks: Amazigh fighters leave the coalition, taking 3 strength with them."
    )
    # a member that has left is gone: it is not rallied, and recruits do not rejoin it
    assert why_illegal(new, make("dawn", "mobilise", "tripoli_west")) == (
        "no coalition member is based in Industrial belt west of Tripoli"
    )
    assert why_illegal(new, make("dawn", "mobilise", "tripoli")) is None
    after, _ = play(new, make("dawn", "recruit", "tripoli_west"))
    assert unit(after, "amazigh_fighters").strength == 0
    levy = unit(after, "dawn_levy_1")
    assert (levy.region, levy.strength, levy.component) == ("tripoli_west", 2, None)


# --------------------------------------------------------------------------------------
# legality


def _mid_game_states(world: World) -> list[GameState]:
    states = []
    for seed in (3, 11):
        state = new_game(world, seed)
        bots = [RandomBot(f) for f in world.faction_ids]
        for _ in range(5):
            if state.finished:
                break
            states.append(state)
            state, _ = resolve_turn(state, [c.order for b in bots for c in b.choose(state)])
    return states


def test_legal_orders_are_exactly_the_accepted_candidates(fresh: GameState, world: World) -> None:
    for state in [fresh, *_mid_game_states(world)]:
        for faction in world.faction_ids:
            pending: list[Order] = []
            while True:
                legal = legal_orders(state, faction, pending)
                for order in legal:
                    assert why_illegal(state, order, pending) is None, order.describe()
                    check_order(state, order, pending)
                judged = options(state, faction, pending)
                accepted = [o for o, reason in judged if reason is None]
                # options() lists every candidate, so orders already given come back as
                # "already ordered this turn"; everything else it accepts is legal.
                assert accepted == legal
                for order, reason in judged:
                    if order not in legal:
                        assert isinstance(reason, str) and reason
                if not legal:
                    break
                pending.append(legal[len(legal) // 2])


def test_why_illegal_explains(fresh: GameState) -> None:
    strike = make("tobruk", "air_strike", "misrata")
    assert why_illegal(fresh, strike, [strike]) == "already ordered this turn"
    assert why_illegal(fresh, make("tobruk", "negotiate"), [make("tobruk", "negotiate")]) == (
        "ordered 1 of 1 time this turn"
    )
    two = [make("tobruk", "negotiate"), make("tobruk", "fortify", "es_sider")]
    assert why_illegal(fresh, make("tobruk", "military_zone", "misrata"), two) == (
        "needs 2 action points; 1 left"
    )
    three = [*two, strike]
    assert why_illegal(fresh, make("tobruk", "fortify", "sirte"), three) == (
        "needs 1 action point; 0 left"
    )
    assert legal_orders(fresh, "tobruk", three) == []
    # other factions' pending orders do not count against Tobruk
    assert (
        why_illegal(fresh, make("tobruk", "fortify", "sirte"), [make("dawn", "negotiate")]) is None
    )
    assert why_illegal(fresh, make("tobruk", "move", "sirte", "ajdabiya")) == (
        "Sirte is not linked by road or coast to Ajdabiya"
    )
    assert why_illegal(fresh, make("tobruk", "move", "misrata", "sirte")) == (
        "enemy forces hold Misrata: attack instead"
    )
    assert why_illegal(fresh, make("tobruk", "attack", "es_sider", "sirte")) == (
        "nobody hostile holds Al-Sidra (Es Sider): move instead"
    )
    assert (
        why_illegal(
            fresh,
            make("tobruk", "attack", "misrata", "sirte"),
            [make("tobruk", "move", "es_sider", "sirte")],
        )
        == "forces in Sirte already have orders"
    )
    assert why_illegal(fresh, make("dawn", "air_strike", "sirte")) == (
        "Libya Dawn cannot give 'Air strike'"
    )
    assert why_illegal(fresh, make("tobruk", "air_strike", "sirte")) == (
        "you hold Sirte and no enemy is there"
    )
    assert why_illegal(fresh, make("tobruk", "ultimatum", "tobruk")) == (
        "cannot target your own faction"
    )
    assert why_illegal(fresh, make("tobruk", "negotiate", "dawn")) == "takes no target"
    assert why_illegal(fresh, make("tobruk", "fortify")) == "needs a target"
    assert why_illegal(fresh, make("tobruk", "fortify", "atlantis")) == "'atlantis' is not a region"
    assert why_illegal(fresh, make("tobruk", "nuke", "misrata")) == "unknown order 'nuke'"
    assert why_illegal(fresh, make("egypt", "negotiate")) == "unknown faction 'egypt'"
    fresh.faction("tobruk").treasury = 3
    assert why_illegal(fresh, make("tobruk", "recruit", "ajdabiya")) == (
        "costs 4 treasury; 3 available"
    )


def test_raids_and_interventions_need_forces_where_they_start(fresh: GameState) -> None:
    # check_order must not accept what legal_orders would never offer
    no_boats = make("dawn", "speedboat_raid", "sirte", "tripoli")
    assert no_boats not in legal_orders(fresh, "dawn")
    assert why_illegal(fresh, no_boats) == "you have no boats in Tripoli"
    fresh.tracks["un_talks"] = 30
    fresh.tracks["intervention_pressure"] = 45
    landing = make("foreign", "intervene", "ras_lanuf", "sicily")
    assert why_illegal(fresh, landing) is None
    for u in fresh.units:
        if u.faction == "foreign":
            u.strength = 0
    assert landing not in legal_orders(fresh, "foreign")
    assert why_illegal(fresh, landing) == "you have no ground forces in Sicily (staging)"


def test_resolve_turn_raises_for_an_illegal_order(fresh: GameState) -> None:
    before = state_to_dict(fresh)
    far = make("tobruk", "air_strike", "western_fields")
    with pytest.raises(IllegalOrder) as caught:
        resolve_turn(fresh, [make("tobruk", "negotiate"), far])
    assert caught.value.order == far
    assert caught.value.reason.endswith("range is 1,100 km")
    twice = make("tobruk", "air_strike", "misrata")  # may be given twice, not twice here
    with pytest.raises(IllegalOrder, match="already ordered this turn"):
        resolve_turn(fresh, [twice, twice])
    over = [
        make("tobruk", "negotiate"),
        make("tobruk", "military_zone", "misrata"),
        make("tobruk", "fortify", "sirte"),
    ]
    with pytest.raises(IllegalOrder, match="action point"):
        resolve_turn(fresh, over)
    with pytest.raises(IllegalOrder, match="unknown faction"):
        resolve_turn(fresh, [make("egypt", "negotiate")])
    assert state_to_dict(fresh) == before


def test_head_on_attacks_the_stronger_column_pushes_through(fresh: GameState) -> None:
    """Opposite attacks on one road do not pass through each other."""
    orders = [
        make("tobruk", "attack", "misrata", "sirte"),  # Tobruk 3 from Sirte
        make("dawn", "attack", "sirte", "misrata"),  # Dawn 5 from Misrata
    ]
    new, log = resolve_turn(fresh, orders)
    clash = [e for e in log if e.phase == "ground" and "meet on the road" in e.text]
    assert len(clash) == 1
    assert "Tobruk government stays home to defend" in clash[0].text
    assert new.region("misrata").controller == "dawn", "the weaker column never reached Misrata"
    assert any(e.kind == "battle" and e.region == "sirte" for e in log)


def test_landed_foreign_troops_are_supplied_by_sea(fresh: GameState) -> None:
    """Forces landed from an off-map staging area draw supply over the sea link."""
    from game.engine.territory import supplied_regions
    from game.engine.turn import Turn

    fresh.region("misrata").controller = "foreign"
    turn = Turn(state=fresh, dice=Dice(fresh.seed), orders=[])
    assert "misrata" in supplied_regions(turn, "foreign")
    assert "sirte" not in supplied_regions(turn, "foreign")


def test_an_attack_whose_forces_fell_to_a_raid_says_it_does_not_go(
    fresh: GameState, dice: list[int]
) -> None:
    # Sea raids resolve before ground moves: three hits empty Sirte's garrison, so the
    # attack Tobruk ordered from Sirte has nobody left to go, and the log says so.
    dice[:] = [6, 6, 6, 3]
    new, log = play(
        fresh,
        make("dawn", "speedboat_raid", "sirte", "misrata"),
        make("tobruk", "attack", "misrata", "sirte"),
    )
    assert dice == []
    assert unit(new, "sirte_garrison").strength == 0
    assert entries(log, "ground", "battle") == []
    stalled = one(log, "ground", "stalled")
    assert stalled.faction == "tobruk" and stalled.region == "misrata"
    assert stalled.text == (
        "Tobruk government cannot carry out Attack from Sirte to Misrata: no ground forces "
        "are left in Sirte."
    )


def test_rule_entries_cite_the_scenarios_own_sources(fresh: GameState) -> None:
    w = fresh.w
    _, log = play(fresh)
    escalation = one(log, "escalation", "escalation")
    assert escalation.source == w.tracks["escalation"].source
    oil = one(log, "oil", "oil")
    assert oil.source == w.tracks["oil_output"].source
    ultimatum = next(o for o in w.orders.values() if o.kind == "ultimatum")
    assert w.cites(kind="ultimatum") == ultimatum.source
    assert w.cites() == "design"
    assert w.cites(tracks=("no_such_track",)) == "design"
