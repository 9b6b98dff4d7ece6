"""The `sidra` command as a user runs it: exit codes, messages, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pydantic
import pytest

from game.cli import main
from game.paths import default_scenario_path, scenario_file, shipped_scenarios_dir
from game.record.save import load_save
from game.record.verify import verify_match

ROOT = Path(__file__).resolve().parent.parent


def run_sidra(*args: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m game ARGS` in a subprocess, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "game", *args], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def test_validate_shipped_scenarios_exit_zero(capsys: pytest.CaptureFixture[str]) -> None:
    files = sorted(str(p) for p in (ROOT / "scenarios").glob("*.toml"))
    assert files
    assert main(["validate", *files]) == 0
    assert "ok (The Oil Crescent, December 2014" in capsys.readouterr().out


def test_validate_broken_copy_lists_problems_without_traceback(tmp_path: Path) -> None:
    text = default_scenario_path().read_text(encoding="utf-8")
    text = text.replace('controller = "dawn"', 'controller = "dawnn"', 1)
    text = text.replace('name = "Tripoli"', 'nmae = "Tripoli"', 1)
    broken = tmp_path / "broken.toml"
    broken.write_text(text, encoding="utf-8")
    result = run_sidra("validate", str(broken))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith(str(broken))]
    assert len(lines) >= 2
    controller_line = text.splitlines().index('controller = "dawnn"') + 1
    assert (
        f"{broken}:{controller_line}:1: unknown controller 'dawnn'; did you mean 'dawn'?" in lines
    )
    assert any("unknown key 'nmae'" in line and "did you mean 'name'?" in line for line in lines)


def test_validate_json_gives_each_problem_with_its_position(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = default_scenario_path().read_text(encoding="utf-8")
    text = text.replace('controller = "dawn"', 'controller = "dawnn"', 1)
    broken = tmp_path / "broken.toml"
    broken.write_text(text, encoding="utf-8")
    good = str(default_scenario_path())
    assert main(["validate", "--format", "json", str(broken), good]) == 1
    report = json.loads(capsys.readouterr().out)
    first, second = report["files"]
    assert first["file"] == str(broken) and first["ok"] is False
    line = text.splitlines().index('controller = "dawnn"') + 1
    found = [d for d in first["diagnostics"] if d["line"] == line]
    assert found and found[0]["severity"] == "error" and "dawnn" in found[0]["message"]
    assert {"file", "line", "column", "severity", "message"} == set(found[0])
    assert second == {
        "file": good,
        "ok": True,
        "summary": second["summary"],
        "errors": 0,
        "warnings": 0,
        "diagnostics": [],
        "more": 0,
    }
    assert second["summary"].startswith("The Oil Crescent, December 2014")


def test_validate_json_keeps_a_hostile_message_as_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile = tmp_path / "evil.toml"
    hostile.write_text('[meta]\nid = "x"\n"\u001b[31mred" = 1\n', encoding="utf-8")
    assert main(["validate", "--format", "json", str(hostile)]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out  # the escape is written as \u001b inside a JSON string
    report = json.loads(out)
    assert report["files"][0]["diagnostics"]


def test_validate_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    result = run_sidra("validate", str(tmp_path / "nope.toml"))
    assert result.returncode == 1
    assert "cannot read file" in result.stdout
    assert "Traceback" not in result.stderr


def test_usage_error_exits_two() -> None:
    result = run_sidra("simulate", "--games", "many")
    assert result.returncode == 2
    assert "argument --games: must be a number of games from 1 to 1,000,000, not 'many'" in (
        result.stderr
    )


def test_schema_matches_committed_copy(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    printed = capsys.readouterr().out
    committed = (ROOT / "scenarios" / "scenario.schema.json").read_text(encoding="utf-8")
    assert printed == committed, (
        f"pydantic {pydantic.VERSION} writes another schema: if the models changed, run "
        "`sidra schema > scenarios/scenario.schema.json`; if only pydantic did, normalise "
        "the difference in game/scenario/schema.py (the copy serves every allowed pydantic)"
    )
    schema = json.loads(printed)
    assert schema["additionalProperties"] is False
    assert "Region" in schema["$defs"]


def test_shipped_scenarios_start_with_schema_line() -> None:
    for path in (ROOT / "scenarios").glob("*.toml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "#:schema ./scenario.schema.json", path


def _simulate_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    assert main(["simulate", "--json", *args]) == 0
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, dict)
    return data


def test_simulate_json_is_reproducible_and_independent_of_jobs(
    capsys: pytest.CaptureFixture[str],
) -> None:
    one = _simulate_json(capsys, "--games", "12", "--seed", "5", "--jobs", "1")
    again = _simulate_json(capsys, "--games", "12", "--seed", "5", "--jobs", "1")
    parallel = _simulate_json(capsys, "--games", "12", "--seed", "5", "--jobs", "2")
    other = _simulate_json(capsys, "--games", "12", "--seed", "6", "--jobs", "1")
    assert one == again
    assert one["hashes"] == parallel["hashes"]
    assert one["outcomes"] == parallel["outcomes"]
    assert set(one["hashes"]).isdisjoint(other["hashes"])  # type: ignore[arg-type]
    outcomes = one["outcomes"]
    assert isinstance(outcomes, dict)
    assert set(outcomes) == {"tobruk", "dawn", "foreign", "catastrophe", "draw"}
    assert sum(outcomes.values()) == 12
    assert one["scenario"] == "oil-crescent-2014"
    assert one["games"] == 12 and one["seed"] == 5
    assert isinstance(one["mean_turns"], float) and 1 <= one["mean_turns"] <= 12


def test_simulate_human_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", "--games", "4", "--seed", "2", "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert "4 games, seed 2" in out
    assert "Libya Dawn" in out and "catastrophe" in out and "mean game length" in out


def test_simulate_seat_override_and_bad_seat(capsys: pytest.CaptureFixture[str]) -> None:
    data = _simulate_json(capsys, "--games", "3", "--seat", "dawn=random", "--jobs", "1")
    assert data["seats"] == {"tobruk": "normal", "dawn": "random", "foreign": "normal"}
    data = _simulate_json(
        capsys, "--games", "2", "--difficulty", "easy", "--seat", "foreign=hard@4", "--jobs", "1"
    )
    assert data["seats"] == {"tobruk": "easy", "dawn": "easy", "foreign": "hard@4"}
    data = _simulate_json(capsys, "--games", "2", "--seat", "tobruk=spoiler", "--jobs", "1")
    assert data["seats"]["tobruk"] == "spoiler"
    assert main(["simulate", "--games", "2", "--seat", "nobody=rule"]) == 1
    assert "unknown faction 'nobody'" in capsys.readouterr().err
    assert main(["simulate", "--games", "2", "--seat", "dawn=Hardest"]) == 1
    assert "unknown bot 'Hardest'" in capsys.readouterr().err


def test_simulate_defaults_to_the_normal_bots_players_meet(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = _simulate_json(capsys, "--games", "4", "--jobs", "1")
    assert set(data["seats"].values()) == {"normal"}
    again = _simulate_json(capsys, "--games", "4", "--jobs", "1", "--difficulty", "normal")
    assert again["hashes"] == data["hashes"]
    easy = _simulate_json(capsys, "--games", "4", "--jobs", "1", "--difficulty", "easy")
    assert easy["hashes"] != data["hashes"]
    for key in ("below_target", "last_in_catastrophe", "coalition_cracked", "order_games"):
        assert key in data


def test_simulate_save_writes_a_verifiable_save(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "game.json"
    data = _simulate_json(
        capsys, "--games", "2", "--seed", "3", "--jobs", "1", "--save", str(target)
    )
    match = load_save(target)
    assert match.turns, "the save holds the turns"
    assert match.turns[-1].state_hash == data["hashes"][0]  # type: ignore[index]
    assert verify_match(match) is None
    assert not list(tmp_path.glob(".*.tmp")), "no temporary file is left behind"


def test_the_command_line_and_the_ui_share_the_fan_limit() -> None:
    from game import cli_args
    from game.lab import whatif
    from game.tui.screens import fan

    assert cli_args.MAX_FAN_GAMES == whatif.MAX_GAMES == fan.MAX_GAMES


def test_bench_quick_json_reports_measured_figures(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bench", "--json", "--quick", "--no-tui"]) == 0
    report = json.loads(capsys.readouterr().out)
    for key in ("turn_ms_median", "game_ms_median", "games_per_s"):
        assert isinstance(report[key], float) and report[key] > 0
    assert report["turns_measured"] > 0


def test_help_lists_every_command() -> None:
    result = run_sidra("--help")
    assert result.returncode == 0
    for command in (
        "play",
        "validate",
        "schema",
        "simulate",
        "bench",
        "serve",
        "verify",
        "replay",
        "whatif",
        "report",
    ):
        assert command in result.stdout


def test_play_rejects_an_unknown_faction_without_traceback() -> None:
    result = run_sidra("play", "--as", "nato")
    assert result.returncode == 1
    assert "unknown faction 'nato'" in result.stderr
    assert "Traceback" not in result.stderr


def test_play_rejects_a_broken_scenario(tmp_path: Path) -> None:
    broken = tmp_path / "b.toml"
    broken.write_text("format_version = 1\n[meta\n", encoding="utf-8")
    result = run_sidra("play", str(broken))
    assert result.returncode == 1
    assert f"{broken}:2:" in result.stderr
    assert "Traceback" not in result.stderr


def test_new_scenario_validates_and_plays_in_an_empty_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "my-war", "--dir", str(tmp_path)]) == 0
    target = tmp_path / "my-war.toml"
    text = target.read_text(encoding="utf-8")
    assert text.startswith("#:schema ./scenario.schema.json\n")
    assert 'id = "my-war"' in text and 'title = "My war"' in text
    assert (tmp_path / "scenario.schema.json").read_text(encoding="utf-8").startswith("{")
    capsys.readouterr()
    assert main(["validate", str(target)]) == 0
    assert "ok (My war" in capsys.readouterr().out
    assert main(["simulate", str(target), "--games", "10", "--seed", "1"]) == 0
    assert "My war: 10 games" in capsys.readouterr().out


def test_new_never_overwrites_and_names_what_is_wrong(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = tmp_path / "lesson.toml"
    mine.write_text("my own work\n", encoding="utf-8")
    (tmp_path / "elsewhere.toml").symlink_to(tmp_path / "nowhere.toml")
    for name in ("lesson", "elsewhere"):
        assert main(["new", name, "--dir", str(tmp_path)]) == 1
        assert "already exists" in capsys.readouterr().err
    assert mine.read_text(encoding="utf-8") == "my own work\n"
    assert not (tmp_path / "nowhere.toml").exists()
    assert main(["new", "Bad Name!", "--dir", str(tmp_path)]) == 1
    assert "is not a scenario name" in capsys.readouterr().err
    assert main(["new", "x", "--dir", str(tmp_path / "missing")]) == 1
    assert "not a folder" in capsys.readouterr().err
    assert main(["new", "x", "--dir", str(tmp_path), "--from", str(mine)]) == 1
    assert str(mine) in capsys.readouterr().err  # a broken base is reported, not copied
    assert not (tmp_path / "x.toml").exists()


def test_new_from_another_scenario_keeps_its_content(tmp_path: Path) -> None:
    assert main(["new", "first", "--dir", str(tmp_path)]) == 0
    assert (
        main(["new", "second", "--dir", str(tmp_path), "--from", str(tmp_path / "first.toml")]) == 0
    )
    second = (tmp_path / "second.toml").read_text(encoding="utf-8")
    assert 'id = "second"' in second and "started from first.toml" in second
    assert main(["validate", str(tmp_path / "second.toml")]) == 0


def test_ctrl_c_while_the_command_is_still_loading_is_a_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A Ctrl+C in the half second of imports before ``main`` runs: the same message and
    status as later, not a traceback from deep inside an import."""
    import importlib.abc

    from game import cli_args, entry

    class Interrupting(importlib.abc.MetaPathFinder):
        def find_spec(self, name: str, path: object = None, target: object = None) -> None:
            if name == "game.cli":
                raise KeyboardInterrupt
            return None

    monkeypatch.delitem(sys.modules, "game.cli")
    monkeypatch.setattr(sys, "meta_path", [Interrupting(), *sys.meta_path])
    assert entry.run() == entry.INTERRUPTED == cli_args.EXIT_INTERRUPTED
    assert capsys.readouterr().err == "sidra: interrupted\n"


# -- shipped scenarios by name ----------------------------------------------------------


def test_a_shipped_scenario_is_found_by_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An app install has no scenarios/ folder at hand: the name is enough.
    monkeypatch.chdir(tmp_path)
    shipped = shipped_scenarios_dir()
    assert scenario_file("tutorial") == shipped / "tutorial.toml"
    assert scenario_file("serre_delta.toml") == shipped / "serre_delta.toml"
    assert scenario_file(None) == default_scenario_path()
    # A folder of that name here (a scenario's side files) does not hide it.
    (tmp_path / "tutorial").mkdir()
    assert scenario_file("tutorial") == shipped / "tutorial.toml"
    # The author's own file of that name here comes first, typed with or without .toml.
    (tmp_path / "tutorial.toml").write_text("[meta]\n", encoding="utf-8")
    assert scenario_file("tutorial") == Path("tutorial.toml")
    assert scenario_file("tutorial.toml") == Path("tutorial.toml")
    # So is anything else of that name here, which the reader then refuses by name: a
    # link that leads nowhere, a pipe.
    (tmp_path / "tutorial.toml").unlink()
    (tmp_path / "tutorial.toml").symlink_to(tmp_path / "on_a_usb_stick.toml")
    assert scenario_file("tutorial") == Path("tutorial.toml")
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "serre_delta")
        assert scenario_file("serre_delta") == Path("serre_delta")
    # Paths, other words and names found nowhere are left as typed.
    for typed in ["tutorialx", "./tutorial", "../scenarios/tutorial", "..", "Tutorial", "a" * 70]:
        assert scenario_file(typed) == Path(typed), typed


def test_commands_take_a_shipped_scenarios_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shipped = shipped_scenarios_dir()
    assert main(["validate", "tutorial", "oil_crescent_2014"]) == 0
    out = capsys.readouterr().out
    # Shown as the file the name stood for, so it is clear which one was read.
    assert f"{shipped / 'tutorial.toml'}: ok (Tutorial" in out
    assert f"{shipped / 'oil_crescent_2014.toml'}: ok (The Oil Crescent" in out
    assert main(["simulate", "tutorial", "--games", "2", "--jobs", "1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["scenario"] == "tutorial"
    argv = ["arena", "tutorial", "--games", "1", "--jobs", "1", "--levels", "random", "--json"]
    assert main(argv) == 0
    assert json.loads(capsys.readouterr().out)["seats"] == ["council", "brigades"]
    assert main(["lint", "tutorial", "--games", "2", "--jobs", "1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)
    assert main(["new", "my_coast", "--from", "tutorial"]) == 0
    capsys.readouterr()
    assert "Meran" in (tmp_path / "my_coast.toml").read_text(encoding="utf-8")
    # The author's copy named like the shipped one is the one read.
    assert main(["new", "tutorial", "--from", "tutorial"]) == 0
    capsys.readouterr()
    assert main(["validate", "tutorial"]) == 0
    assert capsys.readouterr().out.startswith("tutorial.toml: ok (Tutorial")
    assert main(["validate", "tutorail"]) == 1
    assert "cannot read file" in capsys.readouterr().out
    (tmp_path / "tutorial.toml").unlink()
    (tmp_path / "tutorial.toml").symlink_to(tmp_path / "gone.toml")
    assert main(["simulate", "tutorial", "--games", "1", "--jobs", "1"]) == 1
    assert "tutorial.toml" in capsys.readouterr().err, "the user's broken link is named"


def test_a_folder_that_cannot_be_searched_still_finds_shipped_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)

    def refused(path: object) -> bool:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os.path, "lexists", refused)
    assert scenario_file("tutorial") == shipped_scenarios_dir() / "tutorial.toml"
