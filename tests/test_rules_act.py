"""Every effect, condition and victory term a scenario may write does something.

A tagged table that validates but changes or observes nothing misleads its author, so
each type (and each value of a field that takes a fixed set, such as ``stat``) is shown
here to act: an effect changes the state, a condition is true in one position and false
in another that differs only in what it reads, a victory term scores differently. The
tables of examples must name every type of the unions, so a new type needs its proof.
A value that could do nothing is refused by the validator, with the allowed values.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, get_args

import pytest
from pydantic import TypeAdapter, ValidationError

import game.engine
from game.engine import GameState
from game.engine.conditions import Happening, apply_effect, holds
from game.engine.state import state_hash
from game.engine.victory import term_points
from game.scenario.rules import (
    STATS,
    Condition,
    Effect,
    EffectStat,
    Happened,
    Stat,
    VictoryTerm,
)
from game.scenario.rules import Happening as HappeningKind

COALITION = "dawn"
"""A faction of the default scenario with cohesion (a coalition)."""

TERMINAL = "es_sider"
"""A region of the default scenario with oil tanks."""


def members(union: Any) -> set[type]:
    """The classes of a discriminated union (``Annotated[A | B, Field(...)]``)."""
    return set(get_args(get_args(union)[0]))


EFFECTS: list[dict[str, Any]] = [
    {"type": "track", "track": "escalation", "add": 5},
    *[
        {"type": "stat", "faction": COALITION, "stat": stat, "add": -5}
        for stat in get_args(EffectStat)
    ],
    {"type": "strength", "faction": "tobruk", "region": "tripoli", "add": 3},
    {"type": "damage", "region": TERMINAL, "add": 10},
    {"type": "tanks_ablaze", "region": TERMINAL, "add": 1},
    {"type": "control", "region": "tripoli", "faction": "tobruk"},
]


def test_the_effect_examples_cover_every_type() -> None:
    assert {type(TypeAdapter(Effect).validate_python(e)) for e in EFFECTS} == members(Effect)
    assert {e["stat"] for e in EFFECTS if e["type"] == "stat"} == set(get_args(EffectStat))


@pytest.mark.parametrize("data", EFFECTS, ids=lambda e: f"{e['type']}-{e.get('stat', '')}")
def test_every_effect_changes_the_state(fresh: GameState, data: dict[str, Any]) -> None:
    effect = TypeAdapter(Effect).validate_python(data)
    state = fresh.clone()
    before = state_hash(state)
    said = apply_effect(state, effect)
    assert state_hash(state) != before, said
    assert "+0" not in said and "-0" not in said, said


@pytest.mark.parametrize("stat", ["action_points", "escalation"])
def test_an_effect_on_a_stat_it_cannot_change_is_refused_naming_the_allowed_ones(
    stat: str,
) -> None:
    data = {"type": "stat", "faction": "tobruk", "stat": stat, "add": 1}
    with pytest.raises(ValidationError) as caught:
        TypeAdapter(Effect).validate_python(data)
    assert "'treasury', 'legitimacy' or 'cohesion'" in str(caught.value)


def test_a_condition_or_term_on_action_points_is_refused() -> None:
    """A faction's action points are fixed by the scenario: a condition on them could never
    change its answer, so they are not a stat a condition or term may read."""
    data = {"type": "stat_at_least", "faction": "tobruk", "stat": "action_points", "value": 1}
    with pytest.raises(ValidationError, match="'escalation'"):
        TypeAdapter(Condition).validate_python(data)
    with pytest.raises(ValidationError, match="'escalation'"):
        TypeAdapter(VictoryTerm).validate_python(
            {"type": "stat", "stat": "action_points", "weight": 1}
        )


Change = Callable[[GameState], None]


def _stat(stat: Stat, value: int) -> Change:
    def change(state: GameState) -> None:
        f = state.faction(COALITION)
        setattr(f, stat, value)

    return change


def _track(value: int) -> Change:
    def change(state: GameState) -> None:
        state.tracks["escalation"] = value

    return change


def _hand(region: str, faction: str) -> Change:
    def change(state: GameState) -> None:
        state.region(region).controller = faction

    return change


def _turn(turn: int) -> Change:
    def change(state: GameState) -> None:
        state.turn = turn

    return change


def _withdraw(region: str) -> Change:
    def change(state: GameState) -> None:
        for unit in state.units:
            if unit.faction == "tobruk" and unit.kind == "ground":
                unit.region = region

    return change


NOTED = [Happening("aid", "tobruk", "tripoli")]
"""This turn's record in which ``Happened`` examples are asked (see CONDITIONS)."""

CONDITIONS: list[tuple[dict[str, Any], Change]] = [
    # (condition, a change to the starting position after which its answer differs)
    ({"type": "track_at_least", "track": "escalation", "value": 50}, _track(60)),
    ({"type": "track_at_most", "track": "escalation", "value": 50}, _track(60)),
    *[
        (
            {"type": "stat_at_least", "faction": COALITION, "stat": stat, "value": 40},
            _stat(stat, 45),
        )
        for stat in STATS
    ],
    *[
        (
            {"type": "stat_at_most", "faction": COALITION, "stat": stat, "value": 40},
            _stat(stat, 45),
        )
        for stat in STATS
    ],
    ({"type": "controls", "faction": "tobruk", "region": "tripoli"}, _hand("tripoli", "tobruk")),
    (
        {"type": "strength_at_least", "faction": "tobruk", "region": "tripoli", "value": 4},
        _withdraw("sirte"),
    ),
    ({"type": "turn_at_least", "turn": 3}, _turn(3)),
    ({"type": "happened", "what": "aid", "faction": "tobruk"}, _turn(3)),
    (
        {"type": "all", "conditions": [{"type": "turn_at_least", "turn": 3}]},
        _turn(3),
    ),
    (
        {"type": "any", "conditions": [{"type": "turn_at_least", "turn": 3}]},
        _turn(3),
    ),
    ({"type": "not", "condition": {"type": "turn_at_least", "turn": 3}}, _turn(3)),
]


def test_the_condition_examples_cover_every_type_and_stat() -> None:
    made = {type(TypeAdapter(Condition).validate_python(c)) for c, _ in CONDITIONS}
    assert made == members(Condition)
    for kind in ("stat_at_least", "stat_at_most"):
        assert {c["stat"] for c, _ in CONDITIONS if c["type"] == kind} == set(get_args(Stat))


def _start(fresh: GameState) -> GameState:
    """The starting position with every stat of the coalition below the examples' 40."""
    state = fresh.clone()
    f = state.faction(COALITION)
    f.treasury, f.legitimacy, f.cohesion, f.escalation = 30, 30, 30, 30
    state.tracks["escalation"] = 40
    for unit in state.units:
        if unit.faction == "tobruk" and unit.kind == "ground":
            unit.region = "tripoli"
            unit.strength = 5
    state.region("tripoli").controller = "dawn"
    return state


@pytest.mark.parametrize(
    ("data", "change"),
    CONDITIONS,
    ids=[f"{c['type']}-{c.get('stat', '')}" for c, _ in CONDITIONS],
)
def test_every_condition_observes_the_game(
    fresh: GameState, data: dict[str, Any], change: Change
) -> None:
    cond = TypeAdapter(Condition).validate_python(data)
    before = _start(fresh)
    after = before.clone()
    change(after)
    if isinstance(cond, Happened):
        # a happening is observed in the turn's record, not in the position
        assert holds(cond, before, NOTED) != holds(cond, before, [])
        assert not holds(cond, before, [Happening("aid", "dawn", "tripoli")])
        return
    assert holds(cond, before, None) != holds(cond, after, None), data


def test_every_happening_a_condition_may_name_is_noted_by_the_engine() -> None:
    """A ``happened`` condition is only ever true if the engine notes that happening."""
    engine = Path(game.engine.__file__).parent
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(engine.glob("*.py")))
    noted = set(re.findall(r'note\(\s*"(\w+)"', text))
    noted |= set(re.findall(r'note\(\s*"\w+" if \w+ else "(\w+)"', text))
    assert set(get_args(HappeningKind)) <= noted


def _more_strength(state: GameState) -> None:
    for unit in state.units:
        if unit.faction == COALITION and unit.kind == "ground":
            unit.strength += 2
            return


TERMS: list[tuple[dict[str, Any], Change]] = [
    ({"type": "track", "track": "escalation", "per": 10, "weight": 1}, _track(60)),
    *[({"type": "stat", "stat": stat, "per": 10, "weight": 1}, _stat(stat, 45)) for stat in STATS],
    ({"type": "control", "regions": ["tripoli"], "weight": 3}, _hand("tripoli", "tobruk")),
    ({"type": "strength", "per": 1, "weight": 1}, _more_strength),
]


def test_the_term_examples_cover_every_type_and_stat() -> None:
    made = {type(TypeAdapter(VictoryTerm).validate_python(t)) for t, _ in TERMS}
    assert made == members(VictoryTerm)
    assert {t["stat"] for t, _ in TERMS if t["type"] == "stat"} == set(get_args(Stat))


@pytest.mark.parametrize(
    ("data", "change"), TERMS, ids=[f"{t['type']}-{t.get('stat', '')}" for t, _ in TERMS]
)
def test_every_victory_term_scores_the_game(
    fresh: GameState, data: dict[str, Any], change: Change
) -> None:
    term = TypeAdapter(VictoryTerm).validate_python(data)
    before = _start(fresh)
    after = before.clone()
    change(after)
    assert term_points(before, COALITION, term) != term_points(after, COALITION, term), data
