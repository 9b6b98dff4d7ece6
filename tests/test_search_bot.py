"""The search bot and the ladder of levels: one design, parameter sets, legal and explained.

Every search here has a small fixed rollout budget and no clock, so it is deterministic
and quick; the time budget is tested with a fake clock (never the wall clock).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from game import cli_args
from game.ai.base import Choice
from game.ai.registry import (
    DIFFICULTIES,
    LADDER,
    SEAT_WORDS,
    BotSpec,
    make_bot,
    parse_bot,
    parse_seat,
)
from game.ai.rule_bot import RuleBot
from game.ai.search_bot import SearchBot
from game.engine import GameState, World, compile_world, new_game, resolve_turn
from game.engine.orders import check_orders
from game.paths import default_scenario_path, shipped_scenarios_dir
from game.record.match import play_forward
from game.scenario.loader import load_scenario

SHIPPED = sorted(shipped_scenarios_dir().glob("*.toml"))


def world_of(path: Path, *, priorities: bool = True) -> World:
    """The compiled scenario at ``path``; without its [[bot]] tables unless ``priorities``."""
    scenario = load_scenario(path)
    if not priorities:
        scenario = scenario.model_copy(update={"bot": []})
    return compile_world(scenario)


@pytest.fixture(scope="module")
def oil() -> World:
    return world_of(default_scenario_path())


def positions(world: World, seed: int, turns: int) -> list[GameState]:
    """The states before each of the first ``turns`` turns of a normal-bot game."""
    state = new_game(world, seed)
    bots = [make_bot(f, BotSpec()) for f in world.faction_ids]
    found = []
    while not state.finished and len(found) < turns:
        found.append(state)
        state, _ = resolve_turn(state, [c.order for b in bots for c in b.choose(state)])
    return found


def searcher(faction: str, rollouts: int = 12, width: int = 4, depth: int = 0) -> SearchBot:
    """A search bot with a small fixed budget (no clock: deterministic)."""
    return SearchBot(
        faction, noise=0, rollouts=rollouts, width=width, depth=depth, playout=play_forward
    )


def test_the_ladder_is_random_then_the_levels_weakest_first() -> None:
    assert LADDER == ("random", "easy", "normal", "hard", "expert")
    assert tuple(DIFFICULTIES) == cli_args.LEVELS
    budgets = [DIFFICULTIES[w].rollouts for w in LADDER[1:]]
    assert budgets == sorted(budgets) and budgets[:2] == [0, 0] and 0 < budgets[2] < budgets[3]
    assert [DIFFICULTIES[w].noise for w in ("easy", "normal")] == [45, 15]
    assert "expert" in SEAT_WORDS


@pytest.mark.parametrize("word", [*SEAT_WORDS, "hard@0", "expert@64", "normal@5"])
def test_every_seat_word_round_trips(word: str) -> None:
    assert parse_seat("dawn", word).word == word


def test_older_spellings_and_bad_budgets() -> None:
    assert parse_bot("rule:hard") == parse_bot("hard") == BotSpec("rule", "hard")
    assert parse_bot("Hard@7") == BotSpec("rule", "hard", 7)
    for bad in ("hard@", "hard@-1", "hard@x", "hard@100001", "hard@٣"):
        with pytest.raises(ValueError, match="rollout budget"):
            parse_bot(bad)
    with pytest.raises(ValueError, match="unknown player"):
        parse_seat("dawn", "grandmaster")


@pytest.mark.parametrize(("word", "noise"), [("easy", 45), ("normal", 15), ("hard@0", 0)])
def test_without_a_budget_a_level_is_exactly_the_rule_policy(
    oil: World, word: str, noise: int
) -> None:
    for state in positions(oil, 3, 6):
        for faction in oil.faction_ids:
            bot = make_bot(faction, parse_bot(word))
            assert bot.choose(state) == RuleBot(faction, noise=noise).choose(state)


def test_a_searching_level_needs_the_match_loop() -> None:
    with pytest.raises(ValueError, match="needs a playout"):
        make_bot("dawn", parse_bot("hard"))
    assert isinstance(make_bot("dawn", parse_bot("hard"), playout=play_forward), SearchBot)


def test_search_orders_are_legal_and_explained(oil: World) -> None:
    for state in positions(oil, 5, 4):
        for faction in oil.faction_ids:
            bot = searcher(faction)
            choices = bot.choose(state)
            check_orders(state, [c.order for c in choices])  # IllegalOrder if not
            assert bot.last, "a search ran"
            assert sum(t.rollouts for t in bot.last) == 12
            if choices:
                assert "% of " in choices[0].reason and " rollouts" in choices[0].reason
                assert all(c.reason for c in choices)


def test_a_noisy_variation_is_explained_as_tried_not_as_hasty(oil: World) -> None:
    """The searching levels play without noise: an improvised order in one of their
    candidate plans was tried on purpose, and its reason says so."""
    from game.ai.base import bot_dice
    from game.ai.rule_bot import IMPROVISED
    from game.ai.search_plans import candidate_plans

    seen = 0
    for state in positions(oil, 5, 4):
        for faction in oil.faction_ids:
            own = RuleBot(faction, noise=0).choose(state)
            plans = candidate_plans(state, faction, own, 12, bot_dice(state, faction, 7))
            reasons = [c.reason for p in plans for c in p.choices]
            assert IMPROVISED not in reasons
            seen += reasons.count("an improvised order the search tried")
    assert seen, "the variations improvised somewhere in these positions"


def test_the_explanation_names_the_win_rate_and_the_rival(oil: World) -> None:
    state = new_game(oil, 8)
    choices = searcher("dawn", rollouts=24).choose(state)
    first = choices[0].reason
    # e.g. "Attack: Misrata → Sirte: won 58% of 14 rollouts (fortify: Sirte 41%) — priority 2: …"
    head, _, why = first.partition(" — ")
    assert head.split(": won ")[1].split("%")[0].isdigit()
    assert "(" in head and head.endswith("%)") and why


def test_a_fixed_budget_gives_the_same_choice_for_the_same_seed(oil: World) -> None:
    state = positions(oil, 11, 3)[-1]
    first = searcher("foreign", rollouts=16).choose(state)
    again = searcher("foreign", rollouts=16).choose(state)
    assert first == again
    other = state.clone()
    other.seed += 1
    assert searcher("foreign", rollouts=16).choose(other)  # another seed still plays


def test_the_time_budget_stops_the_search_after_few_rollouts(oil: World) -> None:
    """A fake clock that moves one second per reading: a 3-second budget allows only a
    few rollouts, far below the rollout budget, and the best plan so far comes back."""
    ticks = iter(range(1_000_000))
    played: list[int] = []

    def counting(state: GameState, faction: str, plan: Sequence[Choice], turns: int) -> GameState:
        played.append(1)
        return play_forward(state, faction, plan, turns)

    bot = SearchBot(
        "tobruk",
        noise=0,
        rollouts=500,
        width=6,
        seconds=3.0,
        clock=lambda: float(next(ticks)),
        playout=counting,
    )
    state = new_game(oil, 2)
    choices = bot.choose(state)
    assert 1 <= len(played) <= 3
    check_orders(state, [c.order for c in choices])


def test_no_time_at_all_plays_the_levels_own_plan(oil: World) -> None:
    ticks = iter(range(0, 1_000_000, 10))
    bot = SearchBot(
        "dawn",
        noise=0,
        rollouts=50,
        seconds=1.0,
        clock=lambda: float(next(ticks)),
        playout=play_forward,
    )
    state = new_game(oil, 4)
    assert [c.order for c in bot.choose(state)] == [
        c.order for c in RuleBot("dawn", noise=0).choose(state)
    ]


def test_depth_limited_rollouts_are_judged_by_the_margins(oil: World) -> None:
    bot = searcher("tobruk", rollouts=8, depth=2)
    state = new_game(oil, 6)
    check_orders(state, [c.order for c in bot.choose(state)])
    assert sum(t.rollouts for t in bot.last) == 8


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_the_search_plays_every_shipped_scenario_without_its_priorities(path: Path) -> None:
    world = world_of(path, priorities=False)
    assert not world.scenario.bot
    state = new_game(world, 3)
    turns = 0
    while not state.finished and turns < 3:
        orders = []
        for faction in world.faction_ids:
            choices = searcher(faction, rollouts=6, width=4).choose(state)
            check_orders(state, [c.order for c in choices])
            orders += [c.order for c in choices]
        state, _ = resolve_turn(state, orders)
        turns += 1
    assert turns >= 1
