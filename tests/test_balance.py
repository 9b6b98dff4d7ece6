"""Balance of the default scenario, measured the way players meet it: rule bots at normal.

These are whole bot games on fixed seeds, so every figure is exact and repeatable; a
rule change that breaks the balance fails here. The bounds are those the project
promises (see the README): every side can win, few games end in catastrophe or with
nobody at its target, deliberate spoiling never pays, doing nothing loses, and every
order is worth giving somewhere.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from game.ai.registry import BotSpec, parse_bot
from game.engine import World
from game.lab.simulate import GameResult, run_batch, summarise

GAMES = 300
SEED = 2026


def batch(world: World, seats: Sequence[BotSpec], games: int = GAMES) -> list[GameResult]:
    return run_batch(world, games, SEED, seats, jobs=2)


def share(count: int, games: int) -> float:
    return 100 * count / games


@pytest.fixture(scope="module")
def normal(world: World) -> dict[str, object]:
    """The summary of GAMES games with every seat a normal rule bot."""
    return summarise(world, batch(world, [parse_bot("normal")] * 3))


def test_every_side_can_win_at_normal(world: World, normal: dict[str, object]) -> None:
    outcomes = normal["outcomes"]
    below = normal["below_target"]
    assert isinstance(outcomes, dict) and isinstance(below, dict)
    for faction in world.faction_ids:
        assert 20 <= share(outcomes[faction], GAMES) <= 45, (faction, outcomes)
    assert share(outcomes["catastrophe"], GAMES) <= 15, outcomes
    assert share(sum(below.values()), GAMES) <= 15, below


def test_the_coalition_can_crack(normal: dict[str, object]) -> None:
    cracked = normal["coalition_cracked"]
    assert isinstance(cracked, int)
    assert 5 <= share(cracked, GAMES) <= 30, cracked


def test_every_order_is_worth_giving_somewhere(world: World, normal: dict[str, object]) -> None:
    usage = normal["order_games"]
    assert isinstance(usage, dict)
    for order in world.scenario.order:
        games = max(n for key, n in usage.items() if key.endswith(f":{order.id}"))
        assert share(games, GAMES) >= 5, (order.id, games)


@pytest.mark.parametrize("level", ["easy", "normal", "hard@0"])
def test_every_side_can_win_at_every_level(world: World, level: str) -> None:
    games = 200
    outcomes = summarise(world, batch(world, [parse_bot(level)] * 3, games))["outcomes"]
    assert isinstance(outcomes, dict)
    for faction in world.faction_ids:
        assert 10 <= share(outcomes[faction], games) <= 60, (level, faction, outcomes)


@pytest.mark.parametrize("seat", [0, 1, 2])
def test_spoiling_never_pays_and_the_spoiler_ranks_last(
    world: World, normal: dict[str, object], seat: int
) -> None:
    faction = world.faction_ids[seat]
    seats = [parse_bot("normal")] * 3
    seats[seat] = parse_bot("spoiler")
    games = 100
    results = batch(world, seats, games)
    spoiled = summarise(world, results)["outcomes"]
    honest = normal["outcomes"]
    assert isinstance(spoiled, dict) and isinstance(honest, dict)
    assert share(spoiled[faction], games) < share(honest[faction], GAMES), spoiled
    catastrophes = [r for r in results if r.result == "catastrophe"]
    assert catastrophes, "a spoiler should bring catastrophe about at least sometimes"
    assert all(r.ranking[-1] == faction for r in catastrophes)


@pytest.mark.parametrize("seat", [0, 1, 2])
def test_doing_nothing_loses(world: World, normal: dict[str, object], seat: int) -> None:
    faction = world.faction_ids[seat]
    seats = [parse_bot("normal")] * 3
    seats[seat] = parse_bot("passive")
    games = 100
    idle = summarise(world, batch(world, seats, games))["outcomes"]
    assert isinstance(idle, dict)
    assert share(idle[faction], games) <= 5, idle
