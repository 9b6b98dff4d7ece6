"""Determinism: the same seed and orders always give the same game, everywhere."""

from __future__ import annotations

import hashlib
import json
import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from game.ai import RandomBot, RuleBot
from game.ai.base import Bot
from game.engine import (
    GameState,
    Order,
    World,
    legal_orders,
    new_game,
    resolve_turn,
    state_hash,
    state_to_dict,
)
from game.engine.orders import make
from game.engine.resolve import canonical_orders

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SCENARIO = ROOT / "scenarios" / "oil_crescent_2014.toml"


def seats(world: World) -> list[Bot]:
    """Rule bots for Tobruk and Foreign, a random bot for Dawn: a varied, busy game."""
    kinds: dict[str, Bot] = {
        "tobruk": RuleBot("tobruk"),
        "dawn": RandomBot("dawn"),
        "foreign": RuleBot("foreign", noise=30),
    }
    return [kinds[f] for f in world.faction_ids]


def play(world: World, seed: int) -> tuple[list[str], list[list[Order]], GameState]:
    """A whole bot game: the hash after every turn, the orders of every turn, the end."""
    state = new_game(world, seed)
    bots = seats(world)
    hashes, turns = [], []
    while not state.finished:
        orders = [c.order for bot in bots for c in bot.choose(state)]
        state, _ = resolve_turn(state, orders)
        hashes.append(state_hash(state))
        turns.append(orders)
    return hashes, turns, state


def test_same_seed_and_orders_give_the_same_hash(world: World) -> None:
    hashes, turns, end = play(world, 2014)
    assert play(world, 2014)[0] == hashes
    state = new_game(world, 2014)
    for orders, expected in zip(turns, hashes, strict=True):
        state, _ = resolve_turn(state, orders)
        assert state_hash(state) == expected
    assert state == end
    assert sum(len(o) for o in turns) > len(turns)  # the game did have orders to replay


def test_state_hash_is_the_sha256_of_canonical_json(fresh: GameState) -> None:
    h = state_hash(fresh)
    canonical = json.dumps(
        state_to_dict(fresh), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    assert h == hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    assert state_hash(fresh.clone()) == h
    fresh.tracks["un_talks"] += 1
    assert state_hash(fresh) != h


def test_different_seeds_give_different_hashes(world: World) -> None:
    starts = {state_hash(new_game(world, seed)) for seed in range(20)}
    assert len(starts) == 20
    ends = [play(world, seed)[2] for seed in range(8)]
    assert len({state_hash(s) for s in ends}) == 8
    # and not only the seed differs: the games themselves went differently
    boards = set()
    for state in ends:
        data = state_to_dict(state)
        del data["seed"]
        boards.add(json.dumps(data, sort_keys=True))
    assert len(boards) > 1


GAME_IN_A_SUBPROCESS = """
import json, sys
from game.ai import RandomBot, RuleBot
from game.engine import compile_world, new_game, resolve_turn, state_hash
from game.scenario.loader import load_scenario

world = compile_world(load_scenario(sys.argv[1]))
state = new_game(world, int(sys.argv[2]))
bots = [RuleBot("tobruk"), RandomBot("dawn"), RuleBot("foreign", noise=30)]
hashes = []
while not state.finished:
    state, _ = resolve_turn(state, [c.order for b in bots for c in b.choose(state)])
    hashes.append(state_hash(state))
print(json.dumps(hashes))
"""


def run_elsewhere(seed: int, hash_seed: str) -> list[str]:
    env = dict(os.environ, PYTHONHASHSEED=hash_seed)
    done = subprocess.run(
        [sys.executable, "-c", GAME_IN_A_SUBPROCESS, str(DEFAULT_SCENARIO), str(seed)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: list[str] = json.loads(done.stdout)
    return result


def test_same_game_in_separate_processes_with_different_hash_seeds(world: World) -> None:
    assert list(world.faction_ids) == ["tobruk", "dawn", "foreign"]  # as the script assumes
    here = play(world, 99)[0]
    first = run_elsewhere(99, "0")
    second = run_elsewhere(99, "3141592")
    assert first == second == here


@pytest.fixture
def busy_turn(fresh: GameState) -> list[Order]:
    """Many orders from every faction in one turn, touching most phases."""
    orders = [
        make("tobruk", "air_strike", "misrata"),
        make("tobruk", "air_strike", "tripoli"),
        make("tobruk", "move", "ras_lanuf", "ajdabiya"),
        make("dawn", "attack", "sirte", "misrata"),
        make("dawn", "speedboat_raid", "es_sider", "misrata"),
        make("dawn", "mig_raid", "ras_lanuf"),
        make("foreign", "mediate"),
        make("foreign", "aid", "sirte"),
        make("foreign", "sanctions", "dawn"),
    ]
    for faction in fresh.w.faction_ids:
        mine = [o for o in orders if o.faction == faction]
        for i, order in enumerate(mine):
            assert order in legal_orders(fresh, faction, mine[:i])
    return orders


def test_order_of_giving_does_not_matter(fresh: GameState, busy_turn: list[Order]) -> None:
    reference, ref_log = resolve_turn(fresh, busy_turn)
    expected = [e.to_dict() for e in ref_log]
    assert {e["phase"] for e in expected} >= {"air", "naval", "ground", "declarations"}
    canonical = canonical_orders(fresh, busy_turn)
    shuffles = [list(reversed(busy_turn)), busy_turn[1::2] + busy_turn[::2]]
    shuffles += [random.Random(i).sample(busy_turn, len(busy_turn)) for i in range(8)]
    for orders in shuffles:
        assert canonical_orders(fresh, orders) == canonical
        state, log = resolve_turn(fresh, orders)
        assert state_hash(state) == state_hash(reference)
        assert [e.to_dict() for e in log] == expected


def walk(value: Any, path: str = "$") -> None:
    """Fail on any float (or other non-JSON-integer type) anywhere in a JSON value."""
    assert not isinstance(value, float), f"float at {path}: {value!r}"
    if isinstance(value, dict):
        for key, item in value.items():
            assert isinstance(key, str), f"non-string key at {path}: {key!r}"
            walk(item, f"{path}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            walk(item, f"{path}[{i}]")
    else:
        assert value is None or isinstance(value, (str, int)), f"{type(value)} at {path}"


def test_no_float_anywhere_in_the_state(world: World, fresh: GameState) -> None:
    walk(state_to_dict(fresh))
    state = new_game(world, 5)
    bots = seats(world)
    while not state.finished:
        state, log = resolve_turn(state, [c.order for b in bots for c in b.choose(state)])
        walk(state_to_dict(state))
        walk([e.to_dict() for e in log])
    # the walker does catch one
    with pytest.raises(AssertionError, match=r"float at \$\.tracks\.oil_output"):
        data = state_to_dict(state)
        data["tracks"]["oil_output"] = 352000.0
        walk(data)
