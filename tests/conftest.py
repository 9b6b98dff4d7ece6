"""Shared fixtures: the default scenario, its compiled world and a fresh game."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from game.engine import GameState, World, compile_world, new_game
from game.engine.dice import Dice
from game.scenario.loader import load_scenario
from game.scenario.models import Scenario

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SCENARIO = ROOT / "scenarios" / "oil_crescent_2014.toml"


@pytest.fixture(scope="session")
def scenario() -> Scenario:
    """The default scenario, loaded and checked once per test session."""
    return load_scenario(DEFAULT_SCENARIO)


@pytest.fixture(scope="session")
def world(scenario: Scenario) -> World:
    """The default scenario compiled for play (immutable, so safely shared)."""
    return compile_world(scenario)


@pytest.fixture
def fresh(world: World) -> GameState:
    """A new game of the default scenario with seed 7 (a new object for every test)."""
    return new_game(world, 7)


@pytest.fixture
def dice(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Script the game's dice: every roll pops the next value of the returned list.

    The scripted values replace whatever the keyed dice would give, in the order the
    engine asks for them, so the sequence of rolls a phase makes is part of the test.
    """
    script: list[int] = []

    def value(self: Dice, *address_and_sides: object) -> int:
        sides = address_and_sides[-1]
        assert isinstance(sides, int)
        if not script:
            raise AssertionError("the engine rolled more dice than the test scripted")
        result = script.pop(0)
        assert 1 <= result <= sides
        return result

    monkeypatch.setattr(Dice, "value", value)
    return script


@pytest.fixture(autouse=True)
def settings_folder(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Every test reads and writes its own settings file, never the real home's.

    The file turns off the question before ending a turn with action points unspent:
    most game tests end turns with one order queued; tests/tui/test_builder_flow.py
    turns the question on and tests it.
    """
    from game.tui import settings

    folder = tmp_path_factory.mktemp("config")
    (folder / settings.FILE_NAME).write_text('{"confirm_end_turn": false}\n', encoding="utf-8")
    monkeypatch.setenv(settings.CONFIG_ENV, str(folder))
    settings.forget()
    yield folder
    settings.forget()
