"""The what-if fan: reproducible continuations whatever the jobs, cancel, progress, the CLI."""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from game.ai.registry import BotSpec, Seat
from game.cli import main
from game.engine.state import state_hash
from game.lab.simulate import game_seeds
from game.lab.stats import bins, histogram, spread
from game.lab.whatif import (
    FanError,
    FanResult,
    fan_json,
    fan_seats,
    fan_start,
    format_fan,
    play_continuation,
    run_fan,
)
from game.paths import default_scenario_path
from game.record.history import MAIN
from game.record.match import Match
from game.record.save import new_match, write_save

ROOT = Path(__file__).resolve().parent.parent
TEXT = default_scenario_path().read_text(encoding="utf-8")
OLD_RULES = ROOT / "tests" / "fixtures" / "saves" / "rules-1-three-turns.json"
GAMES = 24
"""More than one chunk, and enough that two jobs really use worker processes."""


@pytest.fixture(scope="module")
def game() -> Match:
    """Three turns with a person playing Tobruk, and a variation leaving after turn 2 in
    which Foreign gives one order fewer."""
    seats = [Seat("tobruk"), Seat("dawn", BotSpec()), Seat("foreign", BotSpec("rule", "hard", 0))]
    match = new_match(TEXT, "oil.toml", 11, seats)
    for _ in range(3):
        match.play_turn()
    match.branch(2, "what if")
    choices = match.bot_choices()
    dropped = next(c for c in choices if c.order.faction == "foreign")
    match.play_turn(bot_choices=[c for c in choices if c is not dropped])
    match.line = MAIN
    return match


@pytest.fixture(scope="module")
def fan(game: Match) -> FanResult:
    return run_fan(game, MAIN, 1, GAMES, seed=5, jobs=1)


@pytest.fixture(scope="module")
def save(game: Match, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("whatif") / "game.json"
    write_save(game, path)
    return path


# -- the fan ---------------------------------------------------------------------------


def test_results_do_not_depend_on_jobs(game: Match, fan: FanResult) -> None:
    assert run_fan(game, MAIN, 1, GAMES, seed=5, jobs=2) == fan
    assert run_fan(game, MAIN, 1, GAMES, seed=5, jobs=3) == fan


def test_a_continuation_played_alone_is_the_one_in_the_fan(game: Match, fan: FanResult) -> None:
    start = fan_start(game, MAIN, 1)
    seats = fan_seats(game, MAIN)
    seeds = game_seeds(5, GAMES)
    for k in (0, 13, GAMES - 1):
        alone = play_continuation(game.world, start, seats, seeds[k])
        assert alone.length == fan.lengths[k]
        assert alone.tracks == tuple(values[k] for values in fan.tracks.values())


def test_continuations_differ_and_the_fan_is_reproducible(game: Match, fan: FanResult) -> None:
    endings = list(zip(*fan.tracks.values(), strict=True))
    assert len(set(endings)) >= 0.9 * GAMES, "each continuation has its own dice and bots"
    assert run_fan(game, MAIN, 1, GAMES, seed=5) == fan
    assert run_fan(game, MAIN, 1, GAMES, seed=6) != fan


def test_outcomes_add_up_and_every_track_is_reported(game: Match, fan: FanResult) -> None:
    world = game.world
    assert (fan.line, fan.turn, fan.games, fan.seed, fan.cancelled) == (MAIN, 1, GAMES, 5, False)
    assert list(fan.outcomes) == [*world.faction_ids, "catastrophe", "draw"]
    assert sum(fan.outcomes.values()) == GAMES
    assert list(fan.tracks) == [t.id for t in world.scenario.track]
    for track in world.scenario.track:
        values = fan.tracks[track.id]
        assert len(values) == GAMES and all(track.min <= v <= track.max for v in values)
    assert len(fan.lengths) == GAMES and all(2 <= n <= world.turns for n in fan.lengths)


def test_the_fan_leaves_the_match_as_it_was(game: Match) -> None:
    before = {name: state_hash(game.history.tip(name)) for name in game.history.lines}
    run_fan(game, "what if", 3, 3, seed=1)
    assert {name: state_hash(game.history.tip(name)) for name in game.history.lines} == before
    assert game.seats[0].human and game.line == MAIN


def test_people_are_played_by_the_normal_bot_and_bots_keep_their_level(game: Match) -> None:
    assert [s.word for s in fan_seats(game, MAIN)] == ["normal", "normal", "hard@0"]


def test_fans_from_the_start_and_from_a_variation(game: Match) -> None:
    start = run_fan(game, MAIN, 0, 4, seed=2)
    assert start.games == 4 and all(n >= 1 for n in start.lengths)
    assert state_hash(fan_start(game, "what if", 3)) != state_hash(fan_start(game, MAIN, 3))
    main_3 = run_fan(game, MAIN, 3, 4, seed=2)
    variation_3 = run_fan(game, "what if", 3, 4, seed=2)
    assert variation_3.line == "what if"
    assert variation_3.tracks != main_3.tracks, "the variation's turn 3 is another state"


def test_progress_runs_from_nothing_to_every_game(game: Match) -> None:
    for jobs in (1, 2):
        calls: list[tuple[int, int]] = []
        run_fan(game, MAIN, 2, GAMES, seed=1, jobs=jobs, progress=_recorder(calls))
        assert calls[0] == (0, GAMES) and calls[-1] == (GAMES, GAMES)
        done = [d for d, _ in calls]
        assert done == sorted(done) and len(calls) >= 3, calls


def _recorder(calls: list[tuple[int, int]]) -> Callable[[int, int], None]:
    def record(done: int, total: int) -> None:
        calls.append((done, total))

    return record


@pytest.mark.parametrize("jobs", [1, 2])
def test_cancel_stops_early_keeping_the_first_continuations(game: Match, jobs: int) -> None:
    cancel = threading.Event()

    def progress(done: int, total: int) -> None:
        if done:
            cancel.set()

    fan = run_fan(game, MAIN, 1, 200, seed=3, jobs=jobs, progress=progress, cancel=cancel)
    assert fan.cancelled and 0 < fan.games < 200
    assert sum(fan.outcomes.values()) == fan.games == len(fan.lengths)
    whole = run_fan(game, MAIN, 1, fan.games, seed=3)
    assert fan == dataclasses.replace(whole, cancelled=True)


def test_a_fan_cancelled_before_it_starts_is_empty_but_reportable(game: Match) -> None:
    cancel = threading.Event()
    cancel.set()
    fan = run_fan(game, MAIN, 1, 10, cancel=cancel)
    assert fan.cancelled and fan.games == 0 and not any(fan.outcomes.values())
    assert "stopped early" in format_fan(game.world, fan)
    assert fan_json(fan)["games"] == 0


@pytest.mark.parametrize(
    ("line", "turn", "games", "jobs", "message"),
    [
        ("nope", 1, 5, 1, "there is no line 'nope' (lines: main, what if)"),
        (MAIN, 4, 5, 1, "turn 4 is not on line 'main' (it has turns 0 to 3)"),
        (MAIN, -1, 5, 1, "turn -1 is not on line 'main' (it has turns 0 to 3)"),
        (MAIN, 1, 0, 1, "a fan needs at least 1 game, not 0"),
        (MAIN, 1, 5, 0, "a fan needs at least 1 job, not 0"),
        (MAIN, 1, 100_001, 1, "a fan plays at most 100,000 games, not 100,001"),
    ],
)
def test_impossible_fans_say_why(
    game: Match, line: str, turn: int, games: int, jobs: int, message: str
) -> None:
    with pytest.raises(FanError, match=re.escape(message)):
        run_fan(game, line, turn, games, jobs=jobs)


def test_a_finished_game_is_fanned_only_before_its_end() -> None:
    match = new_match(
        TEXT, "oil.toml", 4, [Seat(f, BotSpec()) for f in ("tobruk", "dawn", "foreign")]
    )
    match.play_out(log=False)
    end = len(match.turns)
    with pytest.raises(FanError, match=f"the game on line 'main' is over at turn {end} "):
        run_fan(match, MAIN, end, 3)
    assert run_fan(match, MAIN, end - 1, 3).games == 3


def test_a_game_under_older_rules_is_not_fanned() -> None:
    from game.record.save import load_save

    match = load_save(OLD_RULES)
    with pytest.raises(FanError, match=r"rules version 1.*no what-if fan is played"):
        run_fan(match, MAIN, 1, 3)


# -- reports -------------------------------------------------------------------------


def test_the_text_report_shows_shares_and_spreads(game: Match, fan: FanResult) -> None:
    text = format_fan(game.world, fan)
    assert text.startswith(f"What if: {GAMES} bot continuations from turn 1 of line 'main', seed 5")
    for faction in game.world.faction_ids:
        count = fan.outcomes[faction]
        name = game.world.factions[faction].name
        assert re.search(rf"{re.escape(name)}\s+{count}\s+{100 * count / GAMES:.1f}%", text)
    assert "Oil output (bpd)" in text and "Game length (turns)" in text
    low, high = min(fan.lengths), max(fan.lengths)
    assert f"min–max {low}–{high}" in text


def test_the_json_report_holds_counts_spreads_and_values(fan: FanResult) -> None:
    data = fan_json(fan)
    assert json.loads(json.dumps(data)) == data
    assert data["outcomes"] == fan.outcomes
    shares = data["shares"]
    assert isinstance(shares, dict) and abs(sum(shares.values()) - 1) < 1e-3
    assert data["length"] == spread(fan.lengths).to_dict()
    assert data["values"] == {"tracks": fan.tracks, "lengths": fan.lengths}


def test_spread_quartiles_and_histograms() -> None:
    s = spread([5, 1, 4, 2, 3])
    assert (s.count, s.mean, s.q1, s.median, s.q3, s.low, s.high) == (5, 3.0, 2.0, 3.0, 4.0, 1, 5)
    assert spread([7]).to_dict() == {
        "count": 1,
        "mean": 7.0,
        "q1": 7.0,
        "median": 7.0,
        "q3": 7.0,
        "min": 7,
        "max": 7,
    }
    assert spread([]).count == 0
    assert bins([8, 8, 12, 4, 12, 12]) == [1, 0, 0, 0, 2, 0, 0, 0, 3]
    assert bins([3, 3]) == [2] and bins([]) == []
    assert histogram([8, 8, 12, 4, 12, 12]) == "▂   ▅   █"
    assert sum(bins(list(range(1000)), 12)) == 1000 and len(bins(list(range(1000)))) == 12


# -- the command line ------------------------------------------------------------------


def test_cli_json_is_the_fan_of_the_saved_game(
    save: Path, fan: FanResult, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["whatif", str(save), "--turn", "1", "--games", str(GAMES), "--seed", "5"]
    assert main([*args, "--jobs", "2", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["save"] == str(save)
    assert data == {"save": str(save), **json.loads(json.dumps(fan_json(fan)))}


def test_cli_text_names_the_seats_and_the_game_as_played(
    save: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["whatif", str(save), "--turn", "2", "--line", "what if", "--games", "5"]) == 0
    out = capsys.readouterr().out
    assert f"{save}: The Oil Crescent, December 2014" in out
    assert "bots in the continuations: Tobruk normal (in a person's seat), Dawn normal, " in out
    assert "What if: 5 bot continuations from turn 2 of line 'what if', seed 0" in out
    assert "As played" not in out  # the game on that line is not over


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--turn", "1", "--line", "nope"], "there is no line 'nope' (lines: main, what if)"),
        (["--turn", "7"], "turn 7 is not on line 'main' (it has turns 0 to 3)"),
    ],
)
def test_cli_errors_name_the_problem(
    save: Path, extra: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["whatif", str(save), *extra]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--turn", "1", "--games", "0"], "argument --games: must be a number of continuations"),
        (["--turn", "1", "--jobs", "0"], "argument --jobs: must be a number of worker processes"),
        (["--turn", "-1"], "argument --turn: must be a turn number from 0 to 100,000, not '-1'"),
    ],
)
def test_cli_numbers_out_of_range_are_usage_errors(
    save: Path, extra: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["whatif", str(save), *extra])
    assert exit_.value.code == 2
    assert message in capsys.readouterr().err


def test_cli_refuses_a_finished_game_at_its_end(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    match = new_match(
        TEXT, "oil.toml", 4, [Seat(f, BotSpec()) for f in ("tobruk", "dawn", "foreign")]
    )
    match.play_out(log=False)
    path = tmp_path / "over.json"
    write_save(match, path)
    end = len(match.turns)
    assert main(["whatif", str(path), "--turn", str(end), "--games", "2"]) == 1
    assert f"the game on line 'main' is over at turn {end}" in capsys.readouterr().err
    assert main(["whatif", str(path), "--turn", str(end - 1), "--games", "2", "--jobs", "1"]) == 0
    assert f"As played on line 'main', turn {end}: " in capsys.readouterr().out


def test_cli_broken_and_missing_saves(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"format_version": 2, "lines": [', encoding="utf-8")
    assert main(["whatif", str(broken), "--turn", "1"]) == 1
    assert f"{broken}:1:" in capsys.readouterr().err
    assert main(["whatif", str(tmp_path / "none.json"), "--turn", "1"]) == 1
    assert "cannot read" in capsys.readouterr().err


def test_cli_refuses_older_rules_without_a_traceback() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "game", "whatif", str(OLD_RULES), "--turn", "1", "--games", "2"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert "rules version 1" in done.stderr and "no what-if fan is played" in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""


def test_cli_help_describes_whatif(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["whatif", "--help"])
    out = capsys.readouterr().out
    for option in ("--turn", "--line", "--games", "--seed", "--jobs", "--json"):
        assert option in out
