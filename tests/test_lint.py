"""``sidra lint``: balance findings from bot games, as an author reads them.

A few games of the default scenario through the command (findings first, then the
figures; JSON of the same), the thresholds at their exact edges on counted results, a
lopsided copy of the scenario that must be called lopsided, repeatable events counted
from the log, the same report whatever the number of workers, and broken scenarios
that get their problems and exit 1 instead of a traceback.
"""

from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from game.ai.registry import BotSpec
from game.cli import main
from game.engine.world import World, compile_world
from game.lab.lint import KINDS, LintReport, lint_report, run_lint
from game.lab.lint_text import lint_json
from game.lab.simulate import GameResult, Tally
from game.lab.stats import spread, spread_of_counts
from game.scenario.loader import load_scenario

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = ROOT / "scenarios" / "oil_crescent_2014.toml"
SEATS = [BotSpec()] * 3


def lint_data(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    """``sidra lint --json ARGS`` run in-process, its output parsed."""
    capsys.readouterr()
    assert main(["lint", "--json", *args]) == 0
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, dict)
    return data


# -- the command on the default scenario -------------------------------------------------


def test_lint_prints_findings_first_then_the_figures(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", str(SCENARIO), "--games", "6", "--seed", "3", "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == f"The Oil Crescent, December 2014 ({SCENARIO})"
    assert lines[1] == "6 games, seed 3, jobs 1, a normal rule bot in every seat"
    assert re.match(r"(\d+ findings? \(warnings|No findings)", lines[2])
    figures = lines.index("outcomes                         games   share")
    numbered = [i for i, line in enumerate(lines) if re.match(r"\d+\. ", line)]
    assert all(i < figures for i in numbered)
    assert "Only 6 games: the shares are rough" in out
    for heading in ("game length: mean", "orders (games", "events (games", "victory terms"):
        assert heading in out
    assert "Tobruk government" in out and "catastrophe" in out and "draw" in out
    assert "history entries left out" in out


def test_lint_json_holds_every_figure_and_finding(
    capsys: pytest.CaptureFixture[str], world: World
) -> None:
    data = lint_data(capsys, str(SCENARIO), "--games", "8", "--seed", "2", "--jobs", "1")
    assert data["scenario"] == world.scenario.meta.id and data["games"] == 8
    assert data["seats"] == {f: "normal" for f in world.faction_ids}
    assert data["thresholds"] == {"win_high": 60, "win_low": 10, "rare": 5}
    outcomes = data["outcomes"]
    assert isinstance(outcomes, dict)
    assert list(outcomes) == [*world.faction_ids, "catastrophe", "draw"]
    assert sum(o["games"] for o in outcomes.values()) == 8
    length = data["length"]
    assert isinstance(length, dict)
    assert length["count"] == 8 and length["min"] <= length["median"] <= length["max"]
    assert sum(length["games_by_length"].values()) == 8
    orders = data["orders"]
    assert isinstance(orders, list)
    assert [(o["faction"], o["order"]) for o in orders] == [
        (f, o.id) for f in world.faction_ids for o in world.usable[f]
    ]
    assert all(0 <= o["games"] <= 8 for o in orders)
    events = data["events"]
    assert isinstance(events, list)
    assert [e["event"] for e in events] == [e.id for e in world.events if not e.history]
    assert data["history_entries"] == sum(1 for e in world.events if e.history)
    terms = data["terms"]
    assert isinstance(terms, list)
    assert len(terms) == sum(len(world.factions[f].victory.terms) for f in world.faction_ids)
    findings = data["findings"]
    assert isinstance(findings, list)
    for finding in findings:
        assert set(finding) == {"kind", "subject", "message"}
        assert finding["kind"] in KINDS and "consider" in finding["message"]


def test_the_same_seed_gives_the_same_report_with_any_number_of_workers(world: World) -> None:
    one = lint_json(run_lint(world, 6, 11, SEATS, 1), "x")
    two = lint_json(run_lint(world, 6, 11, SEATS, 2), "x")
    other = lint_json(run_lint(world, 6, 12, SEATS, 1), "x")
    assert one == two
    assert one != other


# -- the thresholds, on counted results ----------------------------------------------------


def result(world: World, i: int, winner: str, used: list[str], fired: list[str]) -> GameResult:
    """A made-up game result: ``winner`` won on turn 8, every term scored 1 point."""
    terms = sum(len(world.factions[f].victory.terms) for f in world.faction_ids)
    return GameResult(
        index=i,
        seed=i,
        result="win",
        winner=winner,
        turns=8 + i % 3,
        hash="00" * 32,
        ranking=list(world.faction_ids),
        used=used,
        fired=fired,
        points=[1] * terms,
    )


def report_of(world: World, wins: dict[str, int], used: int, fired: int) -> LintReport:
    """A report of 100 made-up games: ``wins`` per faction, Tobruk's first order given in
    ``used`` of them, the first event firing in ``fired`` of them."""
    tally = Tally(world)
    order = f"tobruk:{world.usable['tobruk'][0].id}"
    event = next(e.id for e in world.events if not e.history)
    winners = [f for f, n in wins.items() for _ in range(n)]
    assert len(winners) == 100
    for i, winner in enumerate(winners):
        tally.add(
            result(world, i, winner, [order] if i < used else [], [event] if i < fired else [])
        )
    return lint_report(world, tally, 0, SEATS)


def kinds(report: LintReport) -> Counter[tuple[str, str]]:
    return Counter((f.kind, f.subject) for f in report.findings)


def test_win_shares_of_exactly_60_and_10_percent_are_no_finding(world: World) -> None:
    found = kinds(report_of(world, {"tobruk": 60, "dawn": 30, "foreign": 10}, 5, 5))
    assert not [k for k in found if k[0].startswith("wins_")]
    found = kinds(report_of(world, {"tobruk": 61, "dawn": 30, "foreign": 9}, 5, 5))
    assert found[("wins_too_often", "tobruk")] == 1
    assert found[("wins_too_rarely", "foreign")] == 1
    assert not [k for k in found if k[1] == "dawn"]


def test_orders_events_and_terms_under_5_percent_are_rare_and_none_is_never(
    world: World,
) -> None:
    order = f"tobruk:{world.usable['tobruk'][0].id}"
    event = next(e.id for e in world.events if not e.history)
    even = {"tobruk": 40, "dawn": 30, "foreign": 30}
    found = kinds(report_of(world, even, 5, 5))
    assert ("order_rarely_given", order) not in found
    assert ("event_rarely_fired", event) not in found
    found = kinds(report_of(world, even, 4, 4))
    assert found[("order_rarely_given", order)] == 1
    assert found[("event_rarely_fired", event)] == 1
    found = kinds(report_of(world, even, 0, 0))
    assert found[("order_never_given", order)] == 1
    assert found[("event_never_fired", event)] == 1
    # Every other order and event is used in no made-up game, and every term scored.
    assert not [k for k in found if k[0].startswith("term_")]


def test_victory_terms_that_never_or_rarely_score_are_findings(world: World) -> None:
    tally = Tally(world)
    terms = sum(len(world.factions[f].victory.terms) for f in world.faction_ids)
    last = terms - 1  # Foreign powers' last term
    for i in range(100):
        game = result(world, i, ["tobruk", "dawn", "foreign"][i % 3], [], [])
        game.points[0] = 2 if i < 4 else 0  # Tobruk's first term: 4 games of 100
        game.points[1] = 0 if i < 95 else 3  # Tobruk's second: 5 games, not rare
        game.points[last] = 0  # never
        tally.add(game)
    report = lint_report(world, tally, 0, SEATS)
    found = {(f.kind, f.subject): f.message for f in report.findings if f.kind.startswith("term")}
    last_index = len(world.factions["foreign"].victory.terms)
    assert set(found) == {
        ("term_rarely_scored", "tobruk:1"),
        ("term_never_scored", f"foreign:{last_index}"),
    }
    assert found[("term_never_scored", f"foreign:{last_index}")].startswith(
        "Foreign powers' victory term"
    )
    assert (
        "at the end of any of the 100 games"
        in found[("term_never_scored", f"foreign:{last_index}")]
    )
    use = report.terms[0]
    assert (use.games, use.points) == (4, 8)


def test_game_length_quartiles_from_counts_match_the_listed_values() -> None:
    for values in ([7], [4, 12], [8, 8, 9, 12, 12, 5], list(range(1, 40, 3)) * 3):
        counted, listed = spread_of_counts(Counter(values)), spread(values)
        assert counted.to_dict() == listed.to_dict()


# -- scenario copies ---------------------------------------------------------------------


def other_scenarios(folder: str, names: list[str]) -> list[str]:
    """The scenarios of the shipped folder (not the files they read from subfolders)."""
    top = Path(folder) == SCENARIO.parent
    return [n for n in names if top and n.endswith(".toml")]


def variant(tmp_path: Path, name: str, *, foreign_target: int | None, extra: str = "") -> Path:
    """A copy of the default scenario beside copies of the files it reads: Foreign
    powers' victory target changed, and ``extra`` TOML appended (events citing the
    scenario's own first event source)."""
    text = SCENARIO.read_text(encoding="utf-8")
    if foreign_target is not None:
        targets = list(re.finditer(r"victory = \{ target = (-?\d+)", text))
        assert len(targets) == 3  # tobruk, dawn, foreign
        at = targets[2]
        text = text[: at.start(1)] + str(foreign_target) + text[at.end(1) :]
    source = re.search(r'\[\[event\]\][^\[]*?source = "([^"]+)"', text)
    assert source is not None
    folder = tmp_path / "scenarios"
    if not folder.exists():  # the files the scenario reads from its folder, copied beside it
        shutil.copytree(SCENARIO.parent, folder, ignore=other_scenarios)
    path = folder / f"{name}.toml"
    path.write_text(text + extra.replace("SOURCE", source.group(1)), encoding="utf-8")
    return path


EVENTS = """
[[event]]
id = "lint-drumbeat"
title = "Drumbeat"
once = false
when = { type = "turn_at_least", turn = 1 }
text = "Talks go on, every week."
effects = [{ type = "track", track = "un_talks", add = 1 }]
source = "SOURCE"

[[event]]
id = "lint-late"
title = "Late news"
turn = 11
text = "Too late for a short war."
effects = [{ type = "track", track = "un_talks", add = 1 }]
source = "SOURCE"
"""


def test_a_lopsided_copy_is_called_lopsided_and_its_late_event_never_fires(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = variant(tmp_path, "lopsided", foreign_target=-40, extra=EVENTS)
    data = lint_data(capsys, str(path), "--games", "5", "--seed", "1", "--jobs", "1")
    found = {(f["kind"], f["subject"]) for f in data["findings"]}
    assert ("wins_too_often", "foreign") in found
    assert {("wins_too_rarely", "tobruk"), ("wins_too_rarely", "dawn")} <= found
    assert ("event_never_fired", "lint-late") in found
    late = next(f for f in data["findings"] if f["subject"] == "lint-late")
    assert "no game lasted that long" in late["message"]
    outcomes = data["outcomes"]
    assert isinstance(outcomes, dict) and outcomes["foreign"]["games"] == 5
    # The repeatable event fires on every turn of every game, and is counted each time.
    events = {e["event"]: e for e in data["events"]}
    lengths = data["length"]["games_by_length"]
    assert events["lint-drumbeat"]["games"] == 5
    assert events["lint-drumbeat"]["times"] == sum(int(t) * n for t, n in lengths.items())
    assert events["lint-drumbeat"]["once"] is False
    capsys.readouterr()
    assert main(["lint", str(path), "--games", "5", "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert "Foreign powers won 100.0% of the games, more than 60%: consider raising" in out
    assert "Drumbeat" in out and "times in all" in out


def test_a_balanced_world_counts_repeats_the_same_with_one_or_two_workers(
    tmp_path: Path,
) -> None:
    path = variant(tmp_path, "drums", foreign_target=None, extra=EVENTS)
    world = compile_world(load_scenario(path))
    one = lint_json(run_lint(world, 4, 5, SEATS, 1), "x")
    two = lint_json(run_lint(world, 4, 5, SEATS, 2), "x")
    assert one == two
    drums = next(e for e in one["events"] if e["event"] == "lint-drumbeat")
    assert drums["times"] >= drums["games"] == 4


# -- broken input ------------------------------------------------------------------------


def test_a_broken_scenario_lists_its_problems_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = SCENARIO.read_text(encoding="utf-8").replace(
        'controller = "dawn"', 'controller = "dawnn"', 1
    )
    broken = tmp_path / "broken.toml"
    broken.write_text(text, encoding="utf-8")
    line = text.splitlines().index('controller = "dawnn"') + 1
    capsys.readouterr()
    assert main(["lint", str(broken), "--games", "3"]) == 1
    captured = capsys.readouterr()
    assert f"{broken}:{line}:1: unknown controller 'dawnn'" in captured.out
    assert "nothing was played" in captured.err
    assert main(["lint", str(broken), "--games", "3", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is False
    assert any(d["line"] == line and "dawnn" in d["message"] for d in data["diagnostics"])
    for missing in (tmp_path / "nowhere.toml", tmp_path):
        assert main(["lint", str(missing), "--games", "3"]) == 1
        captured = capsys.readouterr()
        assert str(missing) in captured.out and "cannot read file" in captured.out


def test_lint_from_a_shell_never_shows_a_traceback(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.toml"
    garbage.write_text("this is [not toml\n", encoding="utf-8")
    for args, status, said in (
        ([str(garbage)], 1, str(garbage)),
        ([str(tmp_path / "missing.toml")], 1, "cannot read file"),
        ([str(SCENARIO), "--games", "0"], 2, "--games"),
        ([], 2, "SCENARIO"),
    ):
        run = subprocess.run(
            [sys.executable, "-m", "game", "lint", *args],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=120,
        )
        assert run.returncode == status, (args, run.stderr)
        assert said in run.stdout + run.stderr
        assert "Traceback" not in run.stdout + run.stderr


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="process groups from /proc")
def test_ctrl_c_stops_lint_and_its_workers_at_once() -> None:
    from tests.test_interrupt import STOP_WITHIN, left_behind, start, stop, wait_for_workers

    process = start("lint", str(SCENARIO), "--games", "100000", "--jobs", "2")
    wait_for_workers(process, 2)
    code, out, err, took = stop(process, signal.SIGINT)
    assert code == 130, err
    assert took < STOP_WITHIN, f"took {took:.2f} s"
    assert "interrupted" in err and "Traceback" not in err and out == ""
    assert left_behind(process.pid) == []


def test_workers_play_the_checked_world_not_the_file_again(tmp_path: Path) -> None:
    """The batch hands its workers the world the caller checked: a scenario file gone (or
    changed, or broken) after the check cannot change or crash the games."""
    copy = tmp_path / "gone.toml"
    copy.write_text(SCENARIO.read_text(encoding="utf-8"), encoding="utf-8")
    world = compile_world(load_scenario(copy))
    copy.unlink()
    assert lint_json(run_lint(world, 4, 5, SEATS, 2), "x") == lint_json(
        run_lint(world, 4, 5, SEATS, 1), "x"
    )
