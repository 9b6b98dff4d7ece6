"""The title screen offers the tutorial to a first-time player, once.

"First time" is a fresh configuration folder (no settings file) and no autosave. Each
test drives the real app at 80x24 with the keyboard; the autouse fixture in
tests/conftest.py gives every test its own configuration folder, which these tests
empty to play a newcomer.
"""

from __future__ import annotations

import json
from pathlib import Path

from game.tui import settings
from game.tui.app import SidraApp
from game.tui.screens.briefing import BriefingScreen
from game.tui.screens.title import TitleScreen
from game.tui.screens.tutorial_offer import TutorialOffer
from tests.tui.settle import settle
from tests.tui.test_shell import new_session, screen_text


def newcomer(settings_folder: Path) -> Path:
    """Make the test's configuration folder look like a first start: no settings file."""
    path = settings_folder / settings.FILE_NAME
    path.unlink()
    settings.forget()
    return path


async def test_a_first_time_player_is_offered_the_tutorial_and_enter_starts_it(
    tmp_path: Path, settings_folder: Path
) -> None:
    path = newcomer(settings_folder)
    app = SidraApp(data_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TutorialOffer)
        text = screen_text(app)
        assert "New to Sidra?" in text and "Tutorial: The Meran Coast" in text
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BriefingScreen)
        assert app.session is not None
        world = app.session.match.world
        assert world.scenario.meta.id == "tutorial"
        seats = app.session.match.seats
        assert [s.faction for s in seats if s.human] == ["council"]
        assert "Tutorial: The Meran Coast" in screen_text(app)
    assert json.loads(path.read_text(encoding="utf-8"))["tutorial_offered"] is True


async def test_declining_is_remembered_and_the_offer_never_returns(
    tmp_path: Path, settings_folder: Path
) -> None:
    path = newcomer(settings_folder)
    app = SidraApp(data_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TutorialOffer)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        assert app.session is None
    assert json.loads(path.read_text(encoding="utf-8"))["tutorial_offered"] is True
    settings.forget()
    again = SidraApp(data_dir=tmp_path)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(again.screen, TitleScreen)


async def test_a_returning_player_is_not_nagged(tmp_path: Path) -> None:
    # the autouse fixture's settings file: this player has been here before
    app = SidraApp(data_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TitleScreen)
        assert not any(isinstance(s, TutorialOffer) for s in app.screen_stack)


async def test_a_player_with_an_autosave_but_no_settings_is_not_nagged(
    tmp_path: Path, settings_folder: Path
) -> None:
    path = newcomer(settings_folder)
    new_session(tmp_path).try_autosave()
    app = SidraApp(data_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TitleScreen)
        assert app.screen.can_continue
    assert not path.exists()  # nothing was offered, so nothing was written
