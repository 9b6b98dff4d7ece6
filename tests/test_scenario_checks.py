"""Semantic checks beyond types: each breaks a copy of the default scenario and asserts the
problem's severity, message and line.

Errors refuse a file; warnings are reported and the scenario still loads and plays.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.ai.registry import BotSpec
from game.engine import compile_world
from game.engine.state import new_game
from game.lab.simulate import bot_match
from game.paths import default_scenario_path
from game.record.match import ScenarioText
from game.scenario.errors import Problem, ScenarioError
from game.scenario.loader import check_scenario, parse_scenario
from game.tui.scenario_scan import read_scenario

TEXT = default_scenario_path().read_text(encoding="utf-8")
FILE = "copy.toml"


def problems(text: str, *, embedded: bool = False) -> tuple[list[Problem], list[Problem]]:
    """(errors, warnings) of scenario ``text``."""
    try:
        checked = check_scenario(text, FILE, embedded=embedded)
    except ScenarioError as exc:
        return exc.problems, exc.warnings
    return [], checked.warnings


def line_of(text: str, needle: str, occurrence: int = 0) -> int:
    """1-based line of the ``occurrence``-th line containing ``needle``."""
    found = [i + 1 for i, line in enumerate(text.splitlines()) if needle in line]
    return found[occurrence]


def replaced(old: str, new: str, count: int = 1) -> str:
    assert TEXT.count(old) >= count, old
    return TEXT.replace(old, new, count)


def with_event(when: str, extra: str = "") -> str:
    return TEXT + (
        f'\n[[event]]\nid = "impossible"\ntitle = "Impossible"\n{extra}when = {when}\n'
        'text = "Never."\nsource = "design"\n'
    )


def test_the_default_scenario_has_no_problem_at_all() -> None:
    assert problems(TEXT) == ([], [])


# -- a faction id equal to a region id -------------------------------------------------


def test_a_region_named_like_a_faction_is_a_warning_and_still_plays() -> None:
    text = TEXT.replace('"tobruk_city"', '"tobruk"')
    errors, warnings = problems(text)
    assert errors == []
    assert [(w.line, w.col, w.severity) for w in warnings] == [
        (line_of(text, 'id = "tobruk"', 1), 1, "warning")
    ]
    assert warnings[0].message.startswith("region id 'tobruk' is also a faction id")
    assert "'tobruk_city'" in warnings[0].message
    world = compile_world(parse_scenario(text, FILE))
    seats = [BotSpec() for _ in world.faction_ids]
    match = bot_match(world, 5, seats, ScenarioText(FILE, world.digest, text))
    match.play_out(log=False)
    assert match.turns and new_game(world, 5).region("tobruk").controller == "tobruk"


# -- regions out of every faction's reach ----------------------------------------------

FAR = """
[[region]]
id = "oasis"
name = "Far oasis"
kind = "city"
lat = 24.0
lon = 23.0
controller = "neutral"
source = "design"

[[link]]
a = "oasis"
b = "{to}"
kind = "{kind}"
"""


def test_a_region_nobody_can_get_to_is_a_warning_at_its_id() -> None:
    text = TEXT + FAR.format(to="sicily", kind="sea")
    errors, warnings = problems(text)
    assert errors == []
    assert len(warnings) == 1
    assert warnings[0].line == line_of(text, 'id = "oasis"')
    assert warnings[0].message.startswith("no faction can ever reach region 'oasis'")


def test_a_road_from_a_held_region_brings_it_within_reach() -> None:
    assert problems(TEXT + FAR.format(to="ajdabiya", kind="road")) == ([], [])


def test_boats_in_range_of_a_coastal_region_bring_it_within_reach() -> None:
    near = FAR.replace("lat = 24.0", "lat = 32.5").replace("lon = 23.0", "lon = 15.2")
    assert problems(TEXT + near.format(to="misrata", kind="sea")) == ([], [])


# -- events whose condition can never be true ------------------------------------------


@pytest.mark.parametrize(
    ("when", "extra", "reason"),
    [
        (
            '{ type = "turn_at_least", turn = 20 }',
            "",
            "it needs the turn at least 20, but the game has 12 turns",
        ),
        (
            '{ type = "track_at_least", track = "escalation", value = 25 }',
            "",
            "it needs 'escalation' at least 25, but track 'escalation' is kept from 0 to 20",
        ),
        (
            '{ type = "all", conditions = [{ type = "track_at_least", track = "un_talks", '
            'value = 60 }, { type = "track_at_most", track = "un_talks", value = 40 }] }',
            "",
            "it needs 'un_talks' at least 60 and 'un_talks' at most 40 at once, which no value "
            "satisfies",
        ),
        (
            '{ type = "not", condition = { type = "turn_at_least", turn = 1 } }',
            "",
            "it needs the turn at most 0, but the game has 12 turns",
        ),
        (
            '{ type = "turn_at_least", turn = 5 }',
            "turn = 3\n",
            "it needs the turn at least 5, but it is only asked on turn 3",
        ),
        (
            '{ type = "stat_at_least", faction = "tobruk", stat = "cohesion", value = 1 }',
            "",
            "faction 'tobruk' is not a coalition, so its cohesion is always 0",
        ),
        (
            '{ type = "happened", what = "naval_raid", faction = "tobruk" }',
            "",
            "'naval_raid' by 'tobruk' never happens: it has no order of kind naval_raid",
        ),
        (
            '{ type = "any", conditions = [{ type = "turn_at_least", turn = 13 }, '
            '{ type = "stat_at_least", faction = "dawn", stat = "legitimacy", value = 101 }] }',
            "",
            "none of its alternatives can hold",
        ),
    ],
)
def test_an_event_that_can_never_fire_is_an_error_at_its_condition(
    when: str, extra: str, reason: str
) -> None:
    text = with_event(when, extra)
    errors, warnings = problems(text)
    assert warnings == []
    assert len(errors) == 1
    assert errors[0].line == line_of(text, "when = " + when[:20], -1)
    assert errors[0].message.startswith(
        "event 'impossible' never fires: the condition can never be true ("
    )
    assert reason in errors[0].message


@pytest.mark.parametrize(
    "when",
    [
        '{ type = "turn_at_least", turn = 12 }',
        '{ type = "track_at_least", track = "escalation", value = 20 }',
        '{ type = "all", conditions = [{ type = "track_at_least", track = "un_talks", '
        'value = 40 }, { type = "track_at_most", track = "un_talks", value = 40 }] }',
        '{ type = "not", condition = { type = "track_at_least", track = "un_talks", value = 1 } }',
        '{ type = "happened", what = "naval_raid", faction = "dawn" }',
        '{ type = "controls", faction = "foreign", region = "tripoli" }',
    ],
)
def test_a_condition_that_can_hold_is_not_reported(when: str) -> None:
    assert problems(with_event(when)) == ([], [])


def test_a_save_whose_scenario_has_an_impossible_event_still_opens_with_a_warning() -> None:
    text = with_event('{ type = "turn_at_least", turn = 20 }')
    with pytest.raises(ScenarioError):
        parse_scenario(text, FILE)
    errors, warnings = problems(text, embedded=True)
    assert errors == [] and len(warnings) == 1
    assert warnings[0].message.startswith("event 'impossible' never fires")
    parse_scenario(text, FILE, embedded=True)


# -- victory terms that can never score ------------------------------------------------


def test_a_victory_term_of_weight_zero_is_a_warning_at_its_weight() -> None:
    old = '{ type = "control", regions = ["sirte"], weight = 3, label = "Sirte held" }'
    text = replaced(old, old.replace("weight = 3", "weight = 0"))
    errors, warnings = problems(text)
    assert errors == []
    assert [(w.line, w.message) for w in warnings] == [
        (
            line_of(text, "weight = 0"),
            "weight 0: this term never scores (give it a weight or remove it)",
        )
    ]
    assert warnings[0].col == text.splitlines()[warnings[0].line - 1].index("weight = 0") + 1


def test_a_per_beyond_the_tracks_range_never_scores() -> None:
    old = '{ type = "track", track = "escalation", per = 4, weight = -1, label = "escalation" }'
    text = replaced(old, old.replace("per = 4", "per = 40"))
    errors, warnings = problems(text)
    assert errors == [] and len(warnings) == 1
    assert warnings[0].line == line_of(text, "per = 40")
    assert warnings[0].message == (
        "this term never scores: per 40 is more than the value can reach (track 'escalation' "
        "is kept from 0 to 20); use a smaller per"
    )


def test_regions_a_faction_that_never_takes_ground_cannot_score() -> None:
    old = '{ type = "track", track = "un_talks", per = 10, weight = 1, label = "UN talks" },'
    new = old + '\n  { type = "control", regions = ["tripoli"], weight = 2, label = "a base" },'
    text = replaced(old, new)
    errors, warnings = problems(text)
    assert errors == [] and len(warnings) == 1
    assert warnings[0].line == line_of(text, 'label = "a base"')
    assert warnings[0].message.startswith(
        "this term never scores: 'foreign' can never hold 'tripoli' (its forces never take "
        "ground: occupies = false)"
    )


# -- orders a listed faction can never give --------------------------------------------


def test_a_naval_raid_for_a_faction_without_boats_is_a_warning_at_that_faction() -> None:
    text = replaced('factions = ["dawn"]\n', 'factions = ["dawn", "tobruk"]\n')
    errors, warnings = problems(text)
    assert errors == [] and len(warnings) == 1
    line = line_of(text, 'factions = ["dawn", "tobruk"]')
    assert (warnings[0].line, warnings[0].col) == (
        line,
        text.splitlines()[line - 1].index('"tobruk"') + 1,
    )
    assert warnings[0].message == (
        "'tobruk' can never give order 'speedboat_raid' (naval_raid): it has no naval forces "
        '(add a [[force]] with kind = "naval")'
    )


def test_an_attack_for_a_faction_that_never_takes_ground_is_a_warning() -> None:
    text = replaced('factions = ["tobruk", "dawn"]\n', 'factions = ["tobruk", "dawn", "foreign"]\n')
    errors, warnings = problems(text)
    assert errors == [] and len(warnings) == 1
    assert warnings[0].message.startswith(
        "'foreign' can never give order 'attack' (attack): its forces never take ground"
    )


def test_a_requirement_that_can_never_hold_is_a_warning_at_requires() -> None:
    old = '{ type = "track_at_least", track = "un_talks", value = 30 }'
    text = replaced(old, old.replace("value = 30", "value = 300"))
    errors, warnings = problems(text)
    assert errors == [] and len(warnings) == 1
    assert warnings[0].line == line_of(text, "value = 300")
    assert warnings[0].message.startswith(
        "order 'intervene' can never be given: the condition can never be true (it needs "
        "'un_talks' at least 300, but track 'un_talks' is kept from 0 to 100)"
    )


def test_a_bot_line_that_never_applies_is_a_warning() -> None:
    old = 'when = { type = "stat_at_least", faction = "tobruk", stat = "treasury", value = 30 }'
    new = 'when = { type = "stat_at_most", faction = "tobruk", stat = "treasury", value = -1 }'
    text = replaced(old, new)
    errors, warnings = problems(text)
    assert errors == [] and len(warnings) == 1
    assert warnings[0].line == line_of(text, new)
    assert "never uses its line 'Spend the oil money on troops'" in warnings[0].message
    assert "treasury of 'tobruk' is kept at 0 or more" in warnings[0].message


# -- references: dangling ids and duplicates (the checks that already existed) ---------


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'region = "tobruk_city"',
            'region = "tobruk_ciy"',
            "unknown region 'tobruk_ciy'; did you mean 'tobruk_city'?",
        ),
        (
            'track = "un_talks"',
            'track = "un_talk"',
            "unknown track 'un_talk'; did you mean 'un_talks'?",
        ),
        (
            'factions = ["tobruk"]',
            'factions = ["tobruck"]',
            "unknown faction 'tobruck'; did you mean 'tobruk'?",
        ),
        (
            'order = "recruit"',
            'order = "recruits"',
            "unknown order 'recruits'; did you mean 'recruit'?",
        ),
        ('id = "sirte_garrison"', 'id = "sidra_guard"', "duplicate force id 'sidra_guard'"),
    ],
)
def test_dangling_references_and_duplicates_are_errors_with_a_suggestion(
    old: str, new: str, message: str
) -> None:
    text = replaced(old, new)
    errors, _ = problems(text)
    assert message in [e.message for e in errors]
    found = next(e for e in errors if e.message == message)
    assert found.line == line_of(text, new, -1)  # a duplicate: the second one


def test_the_title_screen_offers_a_scenario_with_only_warnings(tmp_path: Path) -> None:
    path = tmp_path / "warned.toml"
    old = '{ type = "control", regions = ["sirte"], weight = 3, label = "Sirte held" }'
    text = replaced(old, old.replace("weight = 3", "weight = 0"))
    for folder in default_scenario_path().parent.iterdir():
        if folder.is_dir():
            shutil.copytree(folder, tmp_path / folder.name)
    path.write_text(text, encoding="utf-8")
    choice = read_scenario(path)
    assert choice.scenario is not None and choice.error == ""
