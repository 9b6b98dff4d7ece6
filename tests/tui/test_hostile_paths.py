"""Hostile files and paths in the UI: damaged autosaves, odd data folders, paths typed in.

Continue with a damaged latest autosave opens the last good game, says what was wrong
and moves the damaged file aside (so it is not chosen again, and not lost). A data
folder that cannot be written leaves the game playable without autosave, saying so.
Every path typed into Save as, Load and the title's scenario field that cannot be used
(too long, ``~nosuchuser``, ``/``, a folder, a named pipe, a device, a link that loops)
gets a sentence in the dialog, and the app goes on.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Static

from game.record.files import BROKEN
from game.record.save import load_save
from game.record.snapshot_model import snapshot_digest
from game.tui.app import SidraApp
from game.tui.autosaves import recover
from game.tui.screens.briefing import BriefingScreen
from game.tui.screens.dialogs import SaveAsDialog
from game.tui.screens.game import GameScreen
from game.tui.screens.load import LoadDialog
from game.tui.screens.title import TitleScreen
from game.tui.session import GameSession
from tests.tui.test_shell import new_session, settle, tab_to

LONG_NAME = "x" * 300


def _damage(path: Path) -> None:
    """Edit a unit into a region that does not exist, and hash the snapshot again: the
    hash check passes, the deeper checks must catch it."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    turn = doc["lines"][0]["turns"][-1]
    turn["snapshot"]["units"][0]["region"] = "atlantis"
    turn["state_hash"] = snapshot_digest(turn["snapshot"])
    path.write_text(json.dumps(doc), encoding="utf-8")


def _played(tmp_path: Path, seed: int, turns: int = 2) -> Path:
    session = new_session(tmp_path, seed=seed)
    for _ in range(turns):
        session.end_turn()
    path = session.autosave_path()
    assert path is not None
    return path


def _notes(app: SidraApp) -> list[str]:
    return [n.message for n in app._notifications]


# -- Continue ---------------------------------------------------------------------------------


async def test_continue_with_a_damaged_autosave_opens_the_last_good_version(
    tmp_path: Path,
) -> None:
    path = _played(tmp_path, seed=31)
    _damage(path)
    app = SidraApp(data_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, GameScreen)  # straight to the game
        session = app.session
        assert session is not None and session.match.seed == 31
        assert session.state.turn == 2  # the version before the damaged turn
        assert session.autosave_path() == path  # the game goes on under its own name
        note = "\n".join(_notes(app))
        assert f"{path}: corrupt save" in note and "'atlantis', not a region" in note
        assert f"moved to {path.parent / BROKEN / path.name}" in note
        assert "an earlier autosave of this game (turn 2)" in note
    moved = path.parent / BROKEN / path.name
    assert "atlantis" in moved.read_text(encoding="utf-8")  # kept, not lost
    assert "not a region" in moved.with_name(moved.name + ".txt").read_text(encoding="utf-8")
    assert load_save(path).state.turn == 2  # the good version is the autosave again

    again = SidraApp(data_dir=tmp_path)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(again.screen, GameScreen)
        assert not any("damaged" in n or "corrupt" in n for n in _notes(again))


async def test_continue_survives_any_exception_while_loading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import game.record.save as save_module

    good = _played(tmp_path, seed=41, turns=1)
    bad = good.parent / "newest.json"
    bad.write_text(good.read_text(encoding="utf-8"), encoding="utf-8")
    stamp = good.stat().st_mtime_ns + 10**9
    os.utime(bad, ns=(stamp, stamp))
    real = save_module.load_save

    def flaky(path: str | Path) -> object:
        if Path(path) == bad:
            raise RuntimeError("a bug the loader does not know about")
        return real(path)

    monkeypatch.setattr(save_module, "load_save", flaky)
    app = SidraApp(data_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, GameScreen)  # straight to the game
        assert app.session is not None and app.session.autosave_path() == good
        note = "\n".join(_notes(app))
        assert "a bug the loader does not know about" in note and good.name in note
    assert not bad.exists() and (good.parent / BROKEN / "newest.json").exists()


def test_recovery_skips_files_it_cannot_move_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _played(tmp_path, seed=51, turns=1)
    _damage(path)

    def stuck(path: Path, why: str) -> Path:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("game.tui.autosaves.set_aside", stuck)
    skip: set[Path] = set()
    found = recover(path, "broken", path.parent, skip)
    assert found.match is not None and found.path == path
    assert "could not be moved aside (Permission denied); Continue skips it" in found.message
    assert skip == {path}


# -- the data folder ------------------------------------------------------------------------


async def test_a_data_folder_that_is_a_file_leaves_the_game_playable(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.write_text("XDG_DATA_HOME pointing at a file", encoding="utf-8")
    app = SidraApp(data_dir=data)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        notes = _notes(app)
        assert any(f"{data} is not a folder" in n and "Autosave is off" in n for n in notes), notes
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, BriefingScreen)
        session = app.session
        assert session is not None and session.autosave_problem is not None
        session.end_turn()  # the turn is played; the autosave problem is kept, not raised
        assert len(session.match.turns) == 1
        assert len(_notes(app)) == len(notes)  # said once at start, not again


async def test_sidra_play_with_an_unwritable_data_folder_says_so(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.write_text("not a folder", encoding="utf-8")
    text = (Path(__file__).parents[2] / "scenarios" / "oil_crescent_2014.toml").read_text()
    from game.ai.registry import BotSpec, Seat

    seats = [Seat("tobruk"), Seat("dawn", BotSpec()), Seat("foreign", BotSpec())]
    session = GameSession.new(text, "oil.toml", seats, 5)  # as `sidra play` makes it
    app = SidraApp(session=session, data_dir=data)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, BriefingScreen)
        assert any("Autosave is off" in n for n in _notes(app))


def test_a_failing_autosave_is_said_once_and_recovery_too(tmp_path: Path) -> None:
    session = new_session(tmp_path, seed=3)
    told: list[str] = []
    session.warn = told.append
    folder = session.autosave_dir
    assert folder is not None
    session.autosave_dir = tmp_path / "file"
    session.autosave_dir.write_text("in the way", encoding="utf-8")
    session.end_turn()
    session.end_turn()
    assert len(session.match.turns) == 2 and len(told) == 1
    assert told[0].startswith("Autosave is off") and "ctrl+s" in told[0]
    session.autosave_dir = folder
    session.end_turn()
    assert session.autosave_problem is None and told[1].startswith("Autosave works again")


# -- paths typed into the dialogs and the title ---------------------------------------------


def _odd_paths(tmp_path: Path) -> list[tuple[str, str]]:
    """(typed, what the message must say) for paths that cannot be used."""
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    folder = tmp_path / "folder"
    folder.mkdir()
    return [
        (str(tmp_path / LONG_NAME), "at most 255"),
        ("~nosuchuser/x", "no user 'nosuchuser'"),
        ("/", "is a folder"),
        (str(folder), "is a folder"),
        (str(pipe), "named pipe"),
    ]


async def test_save_as_explains_every_path_it_cannot_use(tmp_path: Path) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "elsewhere.json")
    cases = [*_odd_paths(tmp_path), (str(link), "symbolic link")]
    app = SidraApp(session=new_session(tmp_path, seed=5), data_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        for typed, message in cases:
            assert isinstance(app.screen, SaveAsDialog)
            app.screen.query_one("#save-path", Input).value = typed
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, SaveAsDialog), typed
            error = str(app.screen.query_one("#save-error", Static).visual)
            assert message in error, (typed, error)
    assert (tmp_path / "pipe.json").is_fifo() and link.is_symlink()
    assert not (tmp_path / "elsewhere.json").exists()


async def test_load_explains_every_path_it_cannot_use(tmp_path: Path) -> None:
    cases = [*_odd_paths(tmp_path), ("/dev/zero", "is a device")]
    app = SidraApp(data_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await pilot.pause()
        for typed, message in cases:
            assert isinstance(app.screen, LoadDialog)
            await tab_to(pilot, "load-path")
            app.screen.query_one("#load-path", Input).value = typed
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, LoadDialog), typed
            error = str(app.screen.query_one("#load-error", Static).visual)
            assert message in error, (typed, error)


async def test_the_title_explains_every_scenario_path_it_cannot_use(tmp_path: Path) -> None:
    user = tmp_path / "scenarios"
    user.mkdir()
    (user / "loop.toml").symlink_to(user / "loop.toml")
    cases = [*_odd_paths(tmp_path), ("/dev/zero", "device"), (str(user / "loop.toml"), "loop")]
    app = SidraApp(data_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        options = app.screen.query_one("#scenarios", OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("loop.toml" in p and "symbolic links" in p for p in prompts), prompts
        for typed, message in cases:
            assert isinstance(app.screen, TitleScreen)
            await tab_to(pilot, "scenario-path")
            app.screen.query_one("#scenario-path", Input).value = typed
            await pilot.press("enter")
            await pilot.pause()
            error = str(app.screen.query_one("#scenario-error", Static).visual)
            assert message in error, (typed, error)
        assert app.screen.selected is not None  # the default scenario is still chosen


async def test_the_handout_export_explains_every_path_it_cannot_use(tmp_path: Path) -> None:
    from game.tui.screens.dialogs import Loaded
    from game.tui.screens.export import ExportDialog

    path = _played(tmp_path, seed=61, turns=1)
    pipe = tmp_path / "pipe.html"
    os.mkfifo(pipe)
    cases = [
        *[(typed, message) for typed, message in _odd_paths(tmp_path) if "pipe" not in typed],
        (str(pipe), "is not a handout"),
    ]
    app = SidraApp(data_dir=tmp_path, replay=Loaded(load_save(path), path, True))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await pilot.pause()
        for typed, message in cases:
            assert isinstance(app.screen, ExportDialog)
            app.screen.query_one("#export-path", Input).value = typed
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, ExportDialog), typed
            error = str(app.screen.query_one("#export-error", Static).visual)
            assert message in error, (typed, error)
    assert pipe.is_fifo()
