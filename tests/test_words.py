"""Words a player reads: names from the scenario, never its ids; plurals that agree.

The whole-game test plays several bot games with the log kept and reads every log
entry, rule, order and bot reason for a raw id: one with an underscore or a digit
(``un_talks``, ``mig23``), or a place or side written in lower case (``tripoli``,
``dawn``). Plain words that are also ids (``attack``, ``aid``) are English, not ids.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.ai.registry import parse_seat
from game.engine.conditions import describe
from game.engine.events import history_label
from game.engine.orders import make
from game.engine.resolve import resolve_turn
from game.engine.state import GameState
from game.engine.world import World
from game.record.match import Match
from game.record.save import new_match
from game.record.words import order_text, plural, roll_text, verb_for
from game.scenario.loader import load_scenario
from game.scenario.rules import AllOf, Happened, StatAtMost, TrackAtLeast

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = ROOT / "scenarios" / "oil_crescent_2014.toml"


def raw_ids(world: World) -> set[str]:
    """The ids that must never reach a player: machine-looking, or a lower-cased name."""
    names: dict[str, list[str]] = {}
    for key, region in world.regions.items():
        names.setdefault(key, []).append(region.name)
    for key, faction in world.factions.items():
        names.setdefault(key, []).append(faction.name)
    proper = set(names)
    for key, order in world.orders.items():
        names.setdefault(key, []).append(order.name)
    for key, track in world.tracks.items():
        names.setdefault(key, []).append(track.name)
    for force in world.scenario.force:
        names.setdefault(force.id, []).append(force.name)
    found = set()
    for key, shown in names.items():
        if key in shown:
            continue
        lowered_name = key in proper and any(key.capitalize() in n.split() for n in shown)
        if re.search(r"[_\d]", key) or lowered_name:
            found.add(key)
    return found


def ids_in(text: str, ids: set[str]) -> list[str]:
    """The raw ids written as words in ``text``."""
    return [i for i in sorted(ids) if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text)]


@pytest.fixture(scope="module")
def games() -> list[Match]:
    """Four whole games of normal bots, logs kept."""
    text = SCENARIO.read_text(encoding="utf-8")
    played = []
    for seed in range(4):
        seats = [parse_seat(f, "normal") for f in ("tobruk", "dawn", "foreign")]
        match = new_match(text, str(SCENARIO), seed, seats)
        match.play_out(log=True)
        played.append(match)
    return played


def test_the_raw_ids_are_the_machine_looking_ones(games: list[Match]) -> None:
    ids = raw_ids(games[0].world)
    assert {"un_talks", "intervention_pressure", "mig23", "air_force", "es_sider"} <= ids
    assert {"tripoli", "misrata", "dawn", "tobruk"} <= ids
    assert "attack" not in ids and "aid" not in ids  # English words, also order ids


def test_no_raw_id_reaches_the_log_orders_or_reasons_of_bot_games(games: list[Match]) -> None:
    leaks: list[str] = []
    for match in games:
        world = match.world
        ids = raw_ids(world)
        for node in match.turns:
            texts = [e.text for e in node.log] + [e.rule for e in node.log]
            texts += [r.decided for e in node.log for r in e.rolls]
            texts += [order_text(world, g.order) for g in node.orders]
            texts += [g.reason for g in node.orders]
            leaks += [f"{found}: {text}" for text in texts for found in ids_in(text, ids)]
    assert leaks == []
    assert sum(len(node.log) for m in games for node in m.turns) > 200  # a real read


def test_no_text_says_s_in_brackets(games: list[Match]) -> None:
    texts = [e.text for m in games for node in m.turns for e in node.log]
    assert not [t for t in texts if "(s)" in t]


def test_plurals_agree() -> None:
    assert plural(1, "turn") == "1 turn"
    assert plural(2, "turn") == "2 turns"
    assert plural(0, "hit") == "0 hits"
    assert plural(-1, "point") == "-1 point"
    assert plural(3, "city", "cities") == "3 cities"
    assert plural(24_000, "person", "people") == "24,000 people"


def test_conditions_read_with_the_scenarios_names_and_units() -> None:
    scenario = load_scenario(SCENARIO)
    both = AllOf(
        type="all",
        conditions=[
            TrackAtLeast(type="track_at_least", track="un_talks", value=30),
            TrackAtLeast(type="track_at_least", track="oil_output", value=250_000),
        ],
    )
    assert describe(both, scenario) == "UN talks at least 30% and oil output at least 250,000 bpd"
    low = StatAtMost(type="stat_at_most", faction="tobruk", stat="legitimacy", value=25)
    assert describe(low, scenario) == "Tobruk government legitimacy at most 25"
    zone = Happened(type="happened", what="military_zone", region="misrata")
    assert describe(zone, scenario) == "military zone this turn in Misrata"
    assert describe(low) == "tobruk legitimacy at most 25"  # no scenario: ids as written


def test_moves_read_from_origin_to_target(games: list[Match]) -> None:
    moves = [e.text for m in games for node in m.turns for e in node.log if " moves " in e.text]
    assert moves and all(re.search(r" moves from .+ to .+ with strength \d+", t) for t in moves)


def test_the_history_label_takes_its_date_from_the_scenario() -> None:
    scenario = load_scenario(SCENARIO)
    dated = next(e for e in scenario.event if e.history and e.date is not None)
    day = dated.date
    assert day is not None
    assert history_label(scenario, dated, 1) == f"What really happened on {day.day} {day:%B %Y}:"
    undated = next(e for e in scenario.event if e.history and e.date is None)
    start = scenario.meta.start
    assert history_label(scenario, undated, 1) == (
        f"What really happened on {start.day} {start:%B %Y}:"
    )


def test_dice_purposes_are_shown_in_names(games: list[Match]) -> None:
    world = games[0].world
    assert roll_text(world, "tobruk air die 2") == "Tobruk government air die 2"
    assert roll_text(world, "mig23 on the ground") == "MiG-23 jet on the ground"
    assert roll_text(world, "dawn defence die against tobruk") == (
        "Libya Dawn defence die against Tobruk government"
    )
    ids = raw_ids(world)
    shown = [
        roll_text(m.world, r.purpose)
        for m in games
        for n in m.turns
        for e in n.log
        for r in e.rolls
    ]
    assert shown and [t for t in shown if ids_in(t, ids)] == []


def test_verbs_agree_with_a_plural_faction_name() -> None:
    assert verb_for(False, "repairs") == "repairs"
    cases = {
        "repairs": "repair",
        "has": "have",
        "fortifies": "fortify",
        "presses": "press",
        "loses": "lose",
        "its": "their",
        "delivers": "deliver",
    }
    for singular, plural_form in cases.items():
        assert verb_for(True, singular) == plural_form


def test_the_log_says_foreign_powers_deliver_aid(world: World, fresh: GameState) -> None:
    assert world.factions["foreign"].plural
    _, log = resolve_turn(fresh, [make("foreign", "aid", "misrata")])
    aid = next(e for e in log if e.kind == "aid")
    assert aid.text.startswith("Foreign powers deliver aid in Misrata")
