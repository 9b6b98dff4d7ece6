"""The worst valid scenario plays a turn within hard limits of time and memory.

The scenario of :mod:`game.lab.worst_scenario` reaches every bound of the format. It is
played in a child process with a wall-clock timeout and an address-space limit, so a
change that makes a turn hang or blow up fails here instead of hanging the test run.
The engine changes that keep such a turn bounded (losses taken in one pass, distances
worked out only when asked) are checked to give the same results as before.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine.conditions import remove_strength
from game.engine.geo import distance_km, to_e4
from game.engine.state import UnitState
from game.engine.world import compile_world
from game.lab.worst_scenario import worst_scenario_text
from game.scenario import bounds as b
from game.scenario.loader import load_scenario, parse_scenario

ROOT = Path(__file__).resolve().parent.parent
MEMORY_LIMIT = 500 * 1024 * 1024
"""The child's whole address space: its resident memory can only be smaller."""
TIMEOUT_S = 120
"""Far above the second a turn takes: only a hang or a runaway loop reaches it."""


def test_the_worst_scenario_is_valid_and_at_every_count_bound() -> None:
    text = worst_scenario_text()
    size = len(text.encode("utf-8"))
    assert b.MAX_FILE_BYTES * 0.98 < size <= b.MAX_FILE_BYTES
    scenario = parse_scenario(text, "worst.toml")
    counts = {
        "region": (len(scenario.region), b.MAX_REGIONS),
        "faction": (len(scenario.faction), b.MAX_FACTIONS),
        "track": (len(scenario.track), b.MAX_TRACKS),
        "link": (len(scenario.link), b.MAX_LINKS),
        "force": (len(scenario.force), b.MAX_FORCES),
        "order": (len(scenario.order), b.MAX_ORDERS),
        "event": (len(scenario.event), b.MAX_EVENTS),
        "actor": (len(scenario.actor), b.MAX_ACTORS),
        "bot": (len(scenario.bot), b.MAX_BOTS),
        "priority": (len(scenario.bot[0].priority), b.MAX_PRIORITIES),
        "effects": (len(scenario.event[0].effects), b.MAX_EFFECTS),
    }
    assert {k: have for k, (have, _) in counts.items()} == {k: m for k, (_, m) in counts.items()}
    assert scenario.meta.turns == b.MAX_TURNS
    assert {o.power for o in scenario.order} == {b.MAX_POWER}
    assert {f.action_points for f in scenario.faction} == {b.MAX_ACTION_POINTS}
    assert max(len(r.name) for r in scenario.region) == b.MAX_NAME


def _limited() -> None:
    """In the child, before it runs: cap its address space."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS is enforced on Linux")
@pytest.mark.parametrize("seats", ["rule", "spoiler"])
def test_a_turn_of_the_worst_scenario_stays_within_time_and_memory_limits(seats: str) -> None:
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    command = [sys.executable, "-m", "game.lab.bench_worst", "--json", "--seats", seats]
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=TIMEOUT_S,
        preexec_fn=_limited,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    figures = json.loads(done.stdout)
    assert len(figures["turn_s"]) == 1
    # Every faction spends every action point: the turn is as full as the bounds allow.
    assert figures["orders"] == [b.MAX_FACTIONS * b.MAX_ACTION_POINTS]
    assert figures["peak_rss_mb"] * 1024 * 1024 < MEMORY_LIMIT
    assert figures["distances_worked_out"] < b.MAX_REGIONS**2 // 2


def _one_at_a_time(units: list[UnitState], amount: int) -> int:
    """The rule as first written: one point at a time from the strongest, then by id."""
    taken = 0
    while taken < amount:
        alive = [u for u in units if u.strength > 0]
        if not alive:
            break
        alive.sort(key=lambda u: (-u.strength, u.id))
        alive[0].strength -= 1
        taken += 1
    return taken


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from("abcd"), st.integers(-2, 40)), max_size=7),
    st.integers(-3, 200),
)
def test_losses_taken_in_one_pass_match_one_point_at_a_time(
    units: list[tuple[str, int]], amount: int
) -> None:
    slow = [UnitState(uid, "f", "ground", "r", s) for uid, s in units]
    fast = [UnitState(uid, "f", "ground", "r", s) for uid, s in units]
    assert remove_strength(None, fast, amount) == _one_at_a_time(slow, amount)  # type: ignore[arg-type]
    assert [u.strength for u in fast] == [u.strength for u in slow]


def test_huge_losses_are_taken_at_once() -> None:
    units = [UnitState(f"u{i}", "f", "ground", "r", 10**9 + i) for i in range(5)]
    assert remove_strength(None, units, 3 * 10**9) == 3 * 10**9  # type: ignore[arg-type]
    assert sum(u.strength for u in units) == 5 * 10**9 + 10 - 3 * 10**9


def test_distances_are_worked_out_when_asked_and_match_the_formula() -> None:
    scenario = load_scenario(ROOT / "scenarios" / "oil_crescent_2014.toml")
    world = compile_world(scenario)
    assert len(world.distance) == 0
    coords = {r.id: (to_e4(r.lat), to_e4(r.lon)) for r in scenario.region}
    for a in world.region_ids:
        for c in world.region_ids:
            assert world.km(a, c) == distance_km(*coords[a], *coords[c])
    assert len(world.distance) == len(world.region_ids) ** 2
    with pytest.raises(KeyError):
        world.km("tobruk", "atlantis")
