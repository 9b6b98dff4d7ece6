"""Fixtures for the game screen's tests: a seeded session and a tiny app that shows it.

The app here is deliberately not Sidra's shell (``game.tui.app``): it only loads
``game.tcss`` and pushes :class:`GameScreen`, so these tests exercise the game screen
alone and do not depend on the title, briefing or dialogs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.app import App

from game.ai.registry import BotSpec, Seat
from game.tui.screens.game import GameScreen
from game.tui.session import GameSession

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = ROOT / "scenarios" / "oil_crescent_2014.toml"
GAME_TCSS = ROOT / "game" / "tui" / "game.tcss"

SessionFactory = Callable[..., GameSession]
AppFactory = Callable[[GameSession], "GameApp"]


class GameApp(App[None]):
    """Shows one game screen; the session is the whole game."""

    CSS_PATH = [GAME_TCSS]  # noqa: RUF012

    def __init__(self, session: GameSession) -> None:
        super().__init__()
        self.session = session

    def on_mount(self) -> None:
        self.push_screen(GameScreen(self.session))


def seats(humans: tuple[str, ...]) -> list[Seat]:
    """Every faction of the default scenario: ``humans`` by people, the rest normal bots."""
    return [Seat(f) if f in humans else Seat(f, BotSpec()) for f in ("tobruk", "dawn", "foreign")]


@pytest.fixture(scope="session")
def scenario_text() -> str:
    """The default scenario's text."""
    return SCENARIO.read_text(encoding="utf-8")


@pytest.fixture
def make_session(scenario_text: str, tmp_path: Path) -> SessionFactory:
    """Build a seed-3 session of the default scenario that autosaves under ``tmp_path``."""

    def build(*humans: str) -> GameSession:
        return GameSession.new(
            scenario_text,
            str(SCENARIO),
            seats(humans or ("tobruk",)),
            seed=3,
            autosave_dir=tmp_path,
        )

    return build


@pytest.fixture
def make_app() -> AppFactory:
    """The test app class, as a fixture so test modules need not import this conftest."""
    return GameApp
