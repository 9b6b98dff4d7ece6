"""``sidra arena``: the statistics it prints, its pairing of seeds, and its command line.

The statistics are checked against published or hand-worked values: the Wilson interval
at 0, 5 and 10 of 10; McNemar's exact p (twice a binomial tail at 1/2); Newcombe's
paired interval on the Cavo et al. (2012) table of Fagerland, Lydersen and Laake's
*Statistical Analysis of Contingency Tables* (ch. 8). The arena is run small on the
tutorial: every level plays the same seeds (so two names of one bot never differ on a
single game), the figures do not depend on ``--jobs``, and hostile arguments are usage
errors or messages, never tracebacks.
"""

from __future__ import annotations

import io
import json
import os
import signal
import time
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

import game.lab.arena as arena_module
import game.lab.stats as stats
from game.ai import registry
from game.ai.registry import LADDER, BotSpec
from game.cli import main
from game.engine.world import World, compile_world
from game.lab.arena import Cell, arena_json, compare, format_arena, format_p, run_arena
from game.lab.simulate import game_seeds
from game.lab.stats import mcnemar_exact, paired_difference, wilson
from game.record.save import scenario_digest
from game.scenario.loader import parse_scenario, read_scenario_text
from tests.processes import group, start, wait_for_workers

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "scenarios" / "tutorial.toml"


def run(argv: list[str]) -> tuple[int, str, str]:
    """``sidra ARGV`` in this process: the exit status, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exit_:  # argparse: usage errors
            code = exit_.code if isinstance(exit_.code, int) else 1
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def tutorial() -> World:
    text = read_scenario_text(TUTORIAL)
    return compile_world(parse_scenario(text, str(TUTORIAL)), scenario_digest(text))


# -- statistics ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("won", "low", "high"),
    [(0, 0.0, 0.27753), (5, 0.23659, 0.76341), (10, 0.72247, 1.0)],
)
def test_wilson_interval_of_ten_trials(won: int, low: float, high: float) -> None:
    got = wilson(won, 10)
    assert got == pytest.approx((low, high), abs=1e-5)


def test_wilson_interval_is_exact_at_the_ends_and_refuses_nonsense() -> None:
    assert wilson(0, 1_000_000)[0] == 0.0 and wilson(7, 7)[1] == 1.0
    for won, trials in [(1, 0), (-1, 5), (6, 5)]:
        with pytest.raises(ValueError):
            wilson(won, trials)


@pytest.mark.parametrize(
    ("first", "second", "p"),
    [
        (10, 0, 2 / 1024),  # 0.00195: ten games won by one side only
        (0, 10, 2 / 1024),
        (9, 1, 2 * 11 / 1024),
        (8, 2, 2 * 56 / 1024),
        (5, 5, 1.0),
        (0, 0, 1.0),
        (1, 0, 1.0),
        (20, 0, 2 / 2**20),
    ],
)
def test_mcnemar_exact_p(first: int, second: int, p: float) -> None:
    assert mcnemar_exact(first, second) == pytest.approx(p, rel=1e-12)


@pytest.mark.parametrize(("first", "second"), [(600, 500), (1300, 1200), (900, 400), (2000, 0)])
def test_mcnemar_in_floating_point_agrees_with_whole_numbers(
    first: int, second: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stats, "EXACT_DISCORDANT", 10**6)
    exact = mcnemar_exact(first, second)
    monkeypatch.setattr(stats, "EXACT_DISCORDANT", 0)
    assert mcnemar_exact(first, second) == pytest.approx(exact, rel=1e-9, abs=1e-300)


def test_mcnemar_is_quick_for_a_huge_arena() -> None:
    began = time.process_time()
    p = mcnemar_exact(500_000, 499_000)
    assert p == pytest.approx(0.3176, abs=1e-3)  # the normal approximation: z = 0.9995
    assert time.process_time() - began < 5


def test_paired_difference_matches_newcombes_interval_on_a_published_table() -> None:
    # Cavo et al. (2012): both 59, first only 6, second only 16, neither 80; the
    # Newcombe square-and-add interval is -0.0621 (-0.1186 to -0.0046).
    difference, low, high = paired_difference(59, 6, 16, 80)
    assert (difference, low, high) == pytest.approx((-0.0621, -0.1186, -0.0046), abs=1e-4)


def test_paired_difference_is_symmetric_and_stays_within_bounds() -> None:
    d, low, high = paired_difference(3, 10, 2, 5)
    back = paired_difference(3, 2, 10, 5)
    assert back == pytest.approx((-d, -high, -low))
    # Ten of ten against none of ten: each rate's interval is 0.2775 wide, and the two
    # add in quadrature (no correlation with a constant).
    low_end = 1 - 0.27753 * 2**0.5
    assert paired_difference(0, 10, 0, 0) == pytest.approx((1.0, low_end, 1.0), abs=1e-4)
    assert paired_difference(4, 0, 0, 6)[0] == 0.0  # no discordant game: no difference
    for counts in [(0, 0, 0, 0), (-1, 2, 3, 4)]:
        with pytest.raises(ValueError):
            paired_difference(*counts)


def test_p_values_are_shown_readably() -> None:
    assert format_p(1.0) == "1"
    assert format_p(2 / 1024) == "0.00195"
    assert format_p(1.5e-40) == "1.5e-40"
    assert format_p(0.0) == "<1e-300"


# -- pairing --------------------------------------------------------------------------------


def test_a_step_counts_the_games_only_one_level_won() -> None:
    lower = Cell("x", "easy", bytes([1, 0, 0, 1, 0]))
    higher = Cell("x", "hard", bytes([1, 1, 1, 0, 0]))
    step = compare(lower, higher)
    assert (step.both, step.higher_only, step.lower_only, step.neither) == (1, 2, 1, 1)
    assert step.difference == pytest.approx(0.2)
    assert step.p == mcnemar_exact(2, 1) and not step.significant
    with pytest.raises(ValueError):
        compare(lower, Cell("y", "hard", higher.wins))


def test_every_level_plays_the_same_seeds(tutorial: World, monkeypatch: pytest.MonkeyPatch) -> None:
    played: dict[tuple[str, BotSpec], list[int]] = {}

    def record(world: World, seed: int, seats: tuple[BotSpec, ...], faction: str) -> bool:
        measured = seats[world.faction_ids.index(faction)]
        others = [s for f, s in zip(world.faction_ids, seats, strict=True) if f != faction]
        assert all(s == BotSpec("rule", "normal") for s in others)
        played.setdefault((faction, measured), []).append(seed)
        return seed % 3 == 0

    monkeypatch.setattr(arena_module, "seat_won", record)
    run_arena(tutorial, 7, 11, ["random", "easy", "hard"], jobs=1)
    seeds = game_seeds(11, 7)
    assert len(played) == 2 * 3
    assert all(got == seeds for got in played.values()), played


def test_two_names_of_one_bot_win_and_lose_the_very_same_games(tutorial: World) -> None:
    # Real games: the same seeds and the same bot give the same game, so no game is
    # discordant, whatever the dice did.
    arena = run_arena(tutorial, 6, 5, ["normal", "rule:normal"], jobs=1)
    for step in arena.steps:
        assert step.higher_only == step.lower_only == 0 and step.p == 1.0
    first = arena.cell("council", "normal")
    assert first.wins == arena.cell("council", "rule:normal").wins


# -- the command ---------------------------------------------------------------------------


def test_a_tiny_arena_prints_a_table_and_json(tutorial: World) -> None:
    argv = ["arena", str(TUTORIAL), "--games", "4", "--levels", "random,easy", "--jobs", "1"]
    code, out, err = run(argv)
    assert code == 0, err
    assert "Harbour Council (council)" in out and "Hill Brigades (brigades)" in out
    rows = [line.split() for line in out.splitlines() if line.startswith(("  random ", "  easy "))]
    rows = [r for r in rows if "/" in r[1]]  # the levels' rows, not the steps'
    assert [r[0] for r in rows] == ["random", "easy"] * 2, out
    assert all(r[1].endswith("/4") and r[2].endswith("%") and r[4] == "to" for r in rows)
    assert out.count("easy - random") == 2 and "McNemar" in out

    code, out, err = run([*argv, "--json"])
    assert code == 0, err
    data = json.loads(out)
    assert data["games"] == 4 and data["levels"] == ["random", "easy"]
    assert data["seats"] == ["council", "brigades"] and data["field"] == "normal"
    assert [(c["seat"], c["level"]) for c in data["cells"]] == [
        ("council", "random"),
        ("council", "easy"),
        ("brigades", "random"),
        ("brigades", "easy"),
    ]
    for c in data["cells"]:
        assert c["games"] == 4 and 0 <= c["wins"] <= 4
        assert c["low"] <= c["win_rate"] <= c["high"]
    cells = {(c["seat"], c["level"]): c for c in data["cells"]}
    for s in data["steps"]:
        assert (s["lower"], s["higher"]) == ("random", "easy")
        counts = [s["both_won"], s["higher_only"], s["lower_only"], s["neither_won"]]
        assert sum(counts) == 4
        gain = cells[(s["seat"], "easy")]["wins"] - cells[(s["seat"], "random")]["wins"]
        assert s["higher_only"] - s["lower_only"] == gain
        assert s["low"] <= s["difference"] <= s["high"] and 0 < s["p"] <= 1
        assert s["significant"] == (s["p"] < 0.01)


def test_the_default_levels_are_the_registrys_ladder_read_when_run(
    tutorial: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Games stand in for by a rule of the seed: the whole ladder's search levels would
    # take a while, and what is checked here is the arena's shape.
    monkeypatch.setattr(arena_module, "seat_won", lambda w, seed, seats, f: seed % 2 == 0)
    arena = run_arena(tutorial, 5, 2, LADDER, jobs=1)
    assert arena.levels == LADDER and len(arena.steps) == 2 * (len(LADDER) - 1)
    assert arena_json(arena)["levels"] == list(LADDER)
    assert format_arena(arena).count("\n  random ") == 2
    monkeypatch.setattr(registry, "LADDER", ("random", "easy"))
    code, out, err = run(["arena", str(TUTORIAL), "--games", "2", "--jobs", "1", "--json"])
    assert code == 0, err
    assert json.loads(out)["levels"] == ["random", "easy"]


def test_one_seat_repeats_its_rows_of_the_whole_ladder(tutorial: World) -> None:
    # Real games: a seat measured alone plays exactly the games it plays in the ladder.
    whole = run_arena(tutorial, 5, 3, ["random", "easy"], jobs=1)
    alone = run_arena(tutorial, 5, 3, ["random", "easy"], jobs=1, seats=["brigades"])
    assert alone.seats == ("brigades",) and [c.faction for c in alone.cells] == ["brigades"] * 2
    for cell in alone.cells:
        assert cell.wins == whole.cell("brigades", cell.level).wins
    assert [s.faction for s in alone.steps] == ["brigades"]
    assert "Harbour Council" not in format_arena(alone)
    assert arena_json(alone)["seats"] == ["brigades"]
    # Named in any order, the seats are measured in the scenario's.
    both = run_arena(tutorial, 2, 3, ["random"], jobs=1, seats=["brigades", "council"])
    assert both.seats == ("council", "brigades")

    argv = ["arena", str(TUTORIAL), "--games", "5", "--seed", "3", "--jobs", "1"]
    code, out, err = run([*argv, "--levels", "random,easy", "--seats", "brigades", "--json"])
    assert code == 0, err
    data = json.loads(out)
    assert data["seats"] == ["brigades"] and len(data["cells"]) == 2
    assert data["cells"][1]["wins"] == whole.cell("brigades", "easy").won


@pytest.mark.parametrize(
    ("seats", "says"),
    [
        ("navy", "--seats: unknown faction 'navy' (factions: council, brigades)"),
        ("council,council", "--seats: each seat once"),
        ("\x1b[2Jcouncil", "unknown faction"),
    ],
)
def test_an_unknown_or_repeated_seat_is_a_message(seats: str, says: str) -> None:
    code, out, err = run(["arena", str(TUTORIAL), "--games", "1", "--jobs", "1", "--seats", seats])
    assert code == 1 and says in err, err
    assert "Traceback" not in err and "\x1b[2J" not in err and out == ""


def test_searching_levels_are_announced_before_a_long_run(tutorial: World) -> None:
    argv = ["arena", str(TUTORIAL), "--games", "2", "--jobs", "1"]
    code, out, err = run([*argv, "--levels", "normal,hard@1"])
    assert code == 0, err
    assert "hard@1 searches ahead (1 rollout before each decision)" in err
    assert "their 4 games are the slow part" in err and "--games 50" in err
    assert "ahead" not in out, "the table on stdout stays clean"
    code, out, err = run([*argv, "--levels", "random,easy"])
    assert code == 0 and "ahead" not in err, "no word when nothing searches"


def test_the_figures_do_not_depend_on_the_number_of_workers() -> None:
    argv = ["arena", str(TUTORIAL), "--games", "9", "--seed", "4", "--json"]
    argv += ["--levels", "random,easy,normal"]
    one = run([*argv, "--jobs", "1"])
    two = run([*argv, "--jobs", "2"]) if (os.cpu_count() or 1) >= 2 else one
    assert one[0] == two[0] == 0, one[2] + two[2]
    assert json.loads(one[1]) == json.loads(two[1])


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--games", "0"], "argument --games: must be a number of games a cell from 1"),
        (["--games", "-3"], "argument --games"),
        (["--games", str(10**21)], "from 1 to 100,000"),
        (["--games", "100001"], "from 1 to 100,000"),
        (["--games", "many"], "argument --games"),
        (["--jobs", "0"], "argument --jobs"),
        (["--seed", "-1"], "argument --seed"),
        (["--levels", "random,,easy"], "argument --levels: must be levels separated"),
        (["--levels", ""], "argument --levels"),
        (["--levels", "random,human"], "unknown bot 'human'"),
        (["--levels", "easy,godlike"], "unknown bot 'godlike'"),
        (["--levels", "normal,rule"], "the same bot as 'normal'"),
        (["--levels", "easy," * 100], "at most 200 characters"),
        (["--levels", "\x1b[2Jeasy"], "argument --levels"),
        (["--seats", "council,,brigades"], "argument --seats: must be faction ids"),
        (["--seats", ""], "argument --seats"),
        (["--seats", "x," * 101], "at most 200 characters"),
    ],
)
def test_bad_arguments_are_usage_errors(args: list[str], says: str) -> None:
    code, out, err = run(["arena", str(TUTORIAL), *args])
    assert code == 2 and says in err, err
    assert "Traceback" not in err and "\x1b[2J" not in err and out == ""


@pytest.mark.parametrize(
    "scenario", ["no/such/file.toml", "scenarios", "/dev/null", str(ROOT / "README.md")]
)
def test_a_bad_scenario_is_a_message(scenario: str) -> None:
    code, out, err = run(["arena", scenario, "--games", "1", "--jobs", "1"])
    assert code == 1 and err.startswith("sidra: "), err
    assert "Traceback" not in err and out == ""


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="process groups from /proc")
def test_ctrl_c_stops_the_arena_and_its_workers() -> None:
    process = start("arena", "--games", "100000", "--jobs", "2", "--levels", "random,easy")
    try:
        wait_for_workers(process, 2)
        os.killpg(process.pid, signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:  # pragma: no cover - only when the test fails
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
    assert process.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err and out == ""
    for _ in range(40):
        if not group(process.pid):
            break
        time.sleep(0.05)
    assert group(process.pid) == []
