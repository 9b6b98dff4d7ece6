"""What a player reads and sees: phrases in the scenario's words, themes that hold.

The high-contrast theme is checked the way a reader's eye would: the WCAG contrast
of the highlighted row as drawn, and of every accent colour a row may carry on it.
``NO_COLOR`` is checked on the screenshot itself: no colour but greys.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.filter import Monochrome, NoColor
from textual.widgets import OptionList, Static

from game.ai.registry import BotSpec, Seat
from game.paths import default_scenario_path
from game.scenario.loader import load_scenario
from game.tui.app import SidraApp
from game.tui.screens.game import GameScreen
from game.tui.screens.help import HelpScreen
from game.tui.session import GameSession
from game.tui.themes import HIGH_CONTRAST, contrast
from tests.tui.settle import settle

WINDOW = {"ff5f57", "febc2e", "28c840", "c5c8c6"}
"""The screenshot's window frame (its three buttons and title), drawn by the SVG
template, not by the app."""

ACCENTS = ("success", "error", "warning", "primary", "secondary", "accent", "text-muted")


def new_session(data_dir: Path, seed: int = 3) -> GameSession:
    path = default_scenario_path()
    scenario = load_scenario(path)
    seats = [Seat(f.id) if f.id == "tobruk" else Seat(f.id, BotSpec()) for f in scenario.faction]
    text = path.read_text(encoding="utf-8")
    return GameSession.new(text, str(path), seats, seed, data_dir / "autosaves")


def hex_of(colour: object) -> str:
    triplet = getattr(colour, "triplet", None)
    assert triplet is not None, colour
    return str(triplet.hex)


@pytest.mark.parametrize("focused", [True, False])
async def test_the_high_contrast_highlight_is_high_contrast(tmp_path: Path, focused: bool) -> None:
    app = SidraApp(data_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.theme = HIGH_CONTRAST
        await pilot.pause()
        options = app.screen.query_one("#scenarios", OptionList)
        if not focused:
            await pilot.press("tab")
            await pilot.pause()
        assert options.has_focus == focused
        style = options.get_component_rich_style("option-list--option-highlighted")
        fg, bg = hex_of(style.color), hex_of(style.bgcolor)
        assert contrast(fg, bg) >= 7, (fg, bg)
        variables = app.get_css_variables()
        for name in ACCENTS:
            assert contrast(variables[name], bg) >= 4.5, (name, variables[name], bg)
            assert contrast(variables[name], variables["background"]) >= 4.5, name


async def test_no_color_draws_only_greys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = SidraApp(data_dir=tmp_path, session=new_session(tmp_path))
    assert any(isinstance(f, (NoColor, Monochrome)) for f in app.get_line_filters())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # Begin: the game screen, with its map and faction colours
        await settle(pilot)
        assert isinstance(app.screen, GameScreen)
        svg = app.export_screenshot()
    colours = set(re.findall(r"#([0-9a-fA-F]{6})\b", svg))
    assert colours
    coloured = [c for c in colours - WINDOW if len({c[0:2], c[2:4], c[4:6]}) > 1]
    assert coloured == []


async def test_help_says_what_an_order_needs_in_the_scenarios_words(tmp_path: Path) -> None:
    app = SidraApp(data_dir=tmp_path, session=new_session(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(str(w.visual) for w in app.screen.query(Static))
    assert "Needs: UN talks at least 30% and intervention pressure at least 45%" in text
    assert "un_talks" not in text and "intervention_pressure" not in text
    assert "(s)" not in text


async def test_the_log_tells_moves_and_losses_in_words(tmp_path: Path) -> None:
    session = new_session(tmp_path, seed=3)
    for _ in range(4):
        session.end_turn()
    texts = [e.text for node in session.match.turns for e in node.log]
    assert len(texts) > 20
    history = [t for t in texts if t.startswith("What really happened on ")]
    assert history and all(re.match(r"What really happened on \d+ \w+ \d{4}: ", t) for t in history)
    assert not [t for t in texts if "(s)" in t or "In 2014" in t]
