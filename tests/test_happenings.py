"""Which order kinds make which happening: the table against what the engine notes.

A ``happened`` condition asks whether something was noted while a turn was resolved. The
scenario layer says which order kinds note which happening (each kind's ``notes`` in
``KIND_SHAPES``) and which happenings the rules also note without such an order
(``UNPROMPTED``); the scenario checks prove conditions can never hold from it, so it
must be exactly what the engine's phases do. Each turn of real games is resolved again
with the orders of one kind alone: whatever is noted beyond the same turn resolved with
no orders at all is that kind's doing, and in its giver's name.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import get_args

import pytest

from game.ai.registry import parse_bot
from game.engine import GameState, compile_world, new_game
from game.engine.conditions import Happening as Noted
from game.engine.kinds import ORDER_KINDS
from game.engine.order_model import Order
from game.engine.resolve import resolve_turn
from game.engine.turn import Turn
from game.lab.simulate import bot_match, game_seeds
from game.record.match import ScenarioText
from game.scenario.catalogue import KIND_SHAPES, kinds_noting
from game.scenario.loader import load_scenario
from game.scenario.rules import UNPROMPTED, Happening

SCENARIOS = sorted((Path(__file__).resolve().parent.parent / "scenarios").glob("*.toml"))
HAPPENINGS: frozenset[str] = frozenset(get_args(Happening))
GAMES = 12
"""Bot games per shipped scenario: enough to see every pair of the table in play (the
kinds the bots rarely combine are also shown in a turn made for it, below)."""

Pair = tuple[str, str]
"""(order kind, happening)."""


@pytest.fixture
def noted(monkeypatch: pytest.MonkeyPatch) -> list[Noted]:
    """Every happening the engine notes from now on, in order (Turn's own bookkeeping
    keys, such as a city attacked once a turn, are left out)."""
    record: list[Noted] = []
    original = Turn.note

    def note(self: Turn, what: str, faction: str | None = None, region: str | None = None) -> None:
        original(self, what, faction, region)
        if what in HAPPENINGS:
            record.append(Noted(what, faction, region))

    monkeypatch.setattr(Turn, "note", note)
    return record


def _resolved(state: GameState, orders: Sequence[Order], noted: list[Noted]) -> set[Noted]:
    noted.clear()
    resolve_turn(state, orders, log=False)
    return set(noted)


def _by_kind(state: GameState, orders: Sequence[Order], noted: list[Noted]) -> Iterator[Pair]:
    """Each (kind, happening) the turn's orders of one kind note on their own."""
    unordered = _resolved(state, [], noted)
    assert {h.what for h in unordered} <= UNPROMPTED, unordered
    groups: dict[str, list[Order]] = defaultdict(list)
    for order in orders:
        groups[state.w.orders[order.order].kind].append(order)
    for kind, group in sorted(groups.items()):
        givers = {order.faction for order in group}
        for h in _resolved(state, group, noted) - unordered:
            if h.what not in UNPROMPTED:
                assert h.faction in givers, (kind, h)
            yield kind, h.what


def _table() -> set[Pair]:
    return {(kind, what) for kind, shape in KIND_SHAPES.items() for what in shape.notes}


def test_every_happening_is_noted_by_a_kind_or_without_an_order() -> None:
    for what in HAPPENINGS:
        assert kinds_noting(what) or what in UNPROMPTED, what
    assert UNPROMPTED <= HAPPENINGS
    for kind, rule in ORDER_KINDS.items():
        assert rule.notes == KIND_SHAPES[kind].notes


def _played() -> Iterator[tuple[GameState, list[Order]]]:
    """Every turn of a few rule-bot games of each shipped scenario, with its orders."""
    for path in SCENARIOS:
        world = compile_world(load_scenario(path))
        seats = [parse_bot("rule")] * len(world.faction_ids)
        for seed in game_seeds(10, GAMES):
            match = bot_match(world, seed, seats, ScenarioText("", world.digest, ""))
            match.play_out(log=False)
            for turn, node in enumerate(match.turns):
                yield match.history.state("main", turn), [given.order for given in node.orders]


def _made_for_moves(noted: list[Noted]) -> set[Pair]:
    """Columns of two sides moving into the same empty city fight there; a move into an
    oil field its holder has left takes it. Bots rarely do either, so both are played on
    the tutorial's map, its crossing grown into a city of 60,000."""
    tutorial = load_scenario(next(p for p in SCENARIOS if p.stem == "tutorial"))
    grown = [
        r.model_copy(update={"population": 60_000}) if r.id == "crossing" else r
        for r in tutorial.region
    ]
    start = new_game(compile_world(tutorial.model_copy(update={"region": grown})), 3)
    meet = [
        Order(faction="council", order="move", origin="meran", target="crossing"),
        Order(faction="brigades", order="move", origin="wells", target="crossing"),
    ]
    apart = [
        Order(faction="council", order="move", origin="meran", target="crossing"),
        Order(faction="brigades", order="move", origin="wells", target="highmarket"),
    ]
    after, _ = resolve_turn(start, apart, log=False)
    take = [Order(faction="council", order="move", origin="crossing", target="wells")]
    return set(_by_kind(start, meet, noted)) | set(_by_kind(after, take, noted))


def test_the_engine_notes_exactly_what_the_table_says(noted: list[Noted]) -> None:
    seen: set[Pair] = set()
    for state, orders in _played():
        seen.update(_by_kind(state, orders, noted))
    assert seen <= _table(), sorted(seen - _table())
    made = _made_for_moves(noted)
    assert {("move", "battle"), ("move", "battle_in_city"), ("move", "terminal_changed_hands")} <= (
        made
    )
    assert _table() - seen - made == set()
