"""Saves a player can find: the Load dialog lists every save, described; Continue and
Load go straight to the game, with the briefing one key away."""

from __future__ import annotations

import os
from pathlib import Path

from textual.widgets import OptionList

from game.ai.registry import BotSpec, Seat
from game.paths import default_scenario_path
from game.scenario.loader import load_scenario
from game.tui.app import SidraApp
from game.tui.save_list import list_saves, read_save_info
from game.tui.screens.briefing import BriefingScreen
from game.tui.screens.dialogs import SaveAsDialog
from game.tui.screens.game import GameScreen
from game.tui.screens.load import LoadDialog
from game.tui.screens.title import TitleScreen
from game.tui.session import GameSession
from game.tui.widgets import LogView
from tests.tui.settle import settle


def new_session(data_dir: Path, seed: int, humans: tuple[str, ...] = ("tobruk",)) -> GameSession:
    path = default_scenario_path()
    scenario = load_scenario(path)
    seats = [Seat(f.id) if f.id in humans else Seat(f.id, BotSpec()) for f in scenario.faction]
    text = path.read_text(encoding="utf-8")
    return GameSession.new(text, str(path), seats, seed, data_dir / "autosaves")


def listed(app: SidraApp) -> list[str]:
    """The prompts of the Load dialog's list, as shown."""
    options = app.screen.query_one("#save-list", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def touch(path: Path, seconds: int) -> None:
    """Set the file's modification time ``seconds`` after the epoch's first day."""
    stamp = (86_400 + seconds) * 1_000_000_000
    os.utime(path, ns=(stamp, stamp))


async def test_load_lists_a_copy_saved_with_save_as_with_its_turn_and_sides(
    tmp_path: Path,
) -> None:
    session = new_session(tmp_path, seed=5, humans=("tobruk", "dawn"))
    session.end_turn()
    session.end_turn()
    app = SidraApp(data_dir=tmp_path, session=session)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SaveAsDialog)
        await pilot.press("enter")  # the default: the player's saves folder
        await settle(pilot)
        copies = list((tmp_path / "saves").glob("*.json"))
        assert len(copies) == 1
        app.action_load_game()
        await settle(pilot)
        assert isinstance(app.screen, LoadDialog)
        rows = listed(app)
        copy = next(r for r in rows if "saved copy" in r)
        assert "The Oil Crescent, December 2014" in copy
        assert "Tobruk government and Libya Dawn" in copy
        assert "turn 3 of 12" in copy
        assert copies[0].name in copy
        assert any("autosave" in r and "turn 3 of 12" in r for r in rows)


async def test_load_lists_newest_first_and_an_unreadable_file_with_its_reason(
    tmp_path: Path,
) -> None:
    older = new_session(tmp_path, seed=1)
    older.end_turn()
    old_path = older.autosave_path()
    assert old_path is not None
    touch(old_path, 10)
    (tmp_path / "saves").mkdir()
    newer = tmp_path / "saves" / "lesson.json"
    new_session(tmp_path / "elsewhere", seed=2).save_as(newer)
    touch(newer, 20)
    broken = tmp_path / "saves" / "notes.json"
    broken.write_text("{ not json", encoding="utf-8")
    touch(broken, 30)
    app = SidraApp(data_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        rows = listed(app)
        assert len(rows) == 3
        assert rows[0].startswith("notes.json: unreadable: not valid JSON")
        assert "turn 1 of 12" in rows[1] and "lesson.json" in rows[1]
        assert "turn 2 of 12" in rows[2] and "autosave" in rows[2]
        await pilot.press("down", "enter")  # the saved copy
        await settle(pilot)
        assert isinstance(app.screen, GameScreen)
        assert app.session is not None and app.session.match.seed == 2


async def test_continue_lands_on_the_game_and_the_briefing_is_one_key_away(
    tmp_path: Path,
) -> None:
    session = new_session(tmp_path, seed=9)
    session.end_turn()
    session.autosave()
    app = SidraApp(data_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TitleScreen)
        hint = str(app.screen.query_one("#continue-hint").visual)  # type: ignore[attr-defined]
        assert "Tobruk government" in hint and "turn 2 of 12" in hint
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, GameScreen)
        status = str(app.screen.query_one("#game-status").visual)  # type: ignore[attr-defined]
        assert status.startswith("Turn 2/12")  # the turn the hint promised
        assert app.session is not None and app.session.match.seed == 9
        footer_keys = {b.binding.key for b in app.screen.active_bindings.values()}
        assert "b" in footer_keys
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)
        await pilot.press("l")  # the log shows the last turn played, not an empty list
        await pilot.pause()
        log = app.screen.query_one(LogView)
        assert log.shown and all(e.turn == 1 for e in log.shown)
        assert "No turn has been resolved yet" not in str(app.screen.query_one("#log").render())


def test_a_finished_game_is_listed_with_its_result(tmp_path: Path) -> None:
    session = new_session(tmp_path, seed=4, humans=())
    session.match.play_out(log=False)
    path = tmp_path / "done.json"
    session.save_as(path)
    info = read_save_info(path, autosave=False)
    assert info.problem == ""
    assert info.title().startswith("The Oil Crescent, December 2014 · bots only · finished")
    assert info.result.endswith(" won") or info.result in ("a draw", "catastrophe, every side lost")


def test_headers_of_hostile_files_are_reasons_not_errors(tmp_path: Path) -> None:
    folder = tmp_path / "autosaves"
    folder.mkdir()
    cases = {
        "binary.json": b"\xff\xfe\x00",
        "list.json": b"[1, 2, 3]",
        "deep.json": b"[" * 100_000,
        "nan.json": b'{"format_version": NaN}',
        "no-scenario.json": b'{"format_version": 2, "lines": []}',
        "bad-toml.json": b'{"scenario": {"text": "[meta"}, "lines": []}',
    }
    for name, data in cases.items():
        (folder / name).write_bytes(data)
    os.mkfifo(folder / "pipe.json")
    infos = [read_save_info(p, autosave=True) for p in list_saves(folder, tmp_path / "none")]
    assert sorted(i.path.name for i in infos) == sorted(cases)  # the pipe is not a save
    assert all(i.problem for i in infos)
    assert all(i.title().startswith(f"{i.path.name}: unreadable: ") for i in infos)


async def test_the_header_names_the_scenario_while_a_game_is_played(tmp_path: Path) -> None:
    app = SidraApp(data_dir=tmp_path, session=new_session(tmp_path, seed=6))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.sub_title == "The Oil Crescent, December 2014"
        app.action_new_game()  # back to the title: the app's own subtitle again
        await settle(pilot)
        assert isinstance(app.screen, TitleScreen)
        assert app.sub_title == SidraApp.SUB_TITLE
