"""Scenario and save text stays text: never markup, never an action, never an escape code.

A hostile scenario puts markup that would crash the parser (``[/]``), an action link
that would quit the app (``[@click=app.quit]``), styling (``[bold red]``), a terminal
escape that sets the window title and a bidirectional override into every name,
description, quote and event text it has; a save adds the same to notes, reasons and
line names. The app is driven through every screen that shows them: the title, the
briefing, the game screen (orders, map, log and explanations, factions and tracks), the
turn summary and assessment, the debrief, help and the replay viewer with its dialogs.
On every screen: no crash, the text is on screen as written, the would-be link does
nothing when clicked, and no control character reaches the terminal.
"""

from __future__ import annotations

import copy
import datetime as dt
import html
from pathlib import Path
from typing import Any

import pytest
import tomli
from rich.segment import Segment
from textual.color import Color
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import OptionList, Static

from game.ai.registry import BotSpec, Seat
from game.cli_text import BIDI_CONTROLS
from game.record.history import Annotation
from game.record.save import load_save, new_match, to_json
from game.scenario.toml_text import toml_document
from game.tui.app import SidraApp
from game.tui.screens.briefing import BriefingScreen
from game.tui.screens.debrief import DebriefScreen
from game.tui.screens.dialogs import Loaded
from game.tui.screens.explain import ExplainScreen
from game.tui.screens.game import GameScreen
from game.tui.screens.help import HelpScreen
from game.tui.screens.replay import ReplayScreen
from game.tui.screens.title import TitleScreen
from game.tui.text_filter import DROP_CONTROLS
from tests.tui.settle import settle

ROOT = Path(__file__).resolve().parents[2]
DEFAULT = ROOT / "scenarios" / "oil_crescent_2014.toml"

HOSTILE = "[/] [@click=app.quit]quit[/] [bold red]red \x1b]0;pwned\x07 \u202eevil\u202c"
"""Markup that crashes, an action link, styling, a title-setting escape, an override."""

SHOWN = ("[/]", "[@click=app.quit]quit[/]", "[bold", "red]red", "]0;pwned", "evil")
"""Pieces of HOSTILE that must be on screen exactly as written (spaces aside)."""

FORBIDDEN = ("\x1b]", "\x07", "\x9b", *BIDI_CONTROLS)
"""What must never reach the terminal (an escape code's start, the bell, C1, overrides)."""

TEXT_FIELDS = {"name", "title", "subtitle", "description", "text", "note", "label", "role"}
TEXT_FIELDS |= {"by", "detail", "unit", "reference_label"}


def hostile(value: Any, limit: int = 80) -> Any:
    """``value`` with HOSTILE added to every text field, recursively."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if key in TEXT_FIELDS and isinstance(item, str):
                out[key] = (item[:8] + " " + HOSTILE)[: max(limit, len(HOSTILE) + 9)]
            elif key == "situation":
                out[key] = [f"{p[:40]} {HOSTILE}" for p in item]
            else:
                out[key] = hostile(item)
        return out
    if isinstance(value, list):
        return [hostile(v) for v in value]
    return value


def hostile_scenario() -> dict[str, Any]:
    """The default scenario, one turn long, with HOSTILE in every text."""
    data = copy.deepcopy(tomli.loads(DEFAULT.read_text(encoding="utf-8")))
    data["meta"]["turns"] = 1
    end = data["meta"]["start"] + dt.timedelta(days=data["meta"]["turn_days"])
    data["event"] = [
        e
        for e in data["event"]
        if e.get("turn", 1) <= 1
        and (e.get("history") or e.get("date", end - dt.timedelta(1)) < end)
    ]
    data = hostile(data)
    for faction in data["faction"]:
        faction["short"] = "[/]" + faction["short"][:4]
    return data


@pytest.fixture
def scenario_file(tmp_path: Path) -> Path:
    folder = tmp_path / "data" / "scenarios"
    folder.mkdir(parents=True)
    path = folder / "hostile[@click=app.quit].toml"
    path.write_text(toml_document(hostile_scenario()), encoding="utf-8")
    return path


# -- what the terminal gets -----------------------------------------------------------------


def drawn(app: SidraApp) -> str:
    """Every character the current screen sends to the terminal (spaces as spaces)."""
    svg = app.export_screenshot()
    return html.unescape(svg).replace("\xa0", " ")


def check_screen(app: SidraApp, where: str) -> None:
    """The app still runs, HOSTILE is shown as written, nothing unsafe is drawn."""
    assert app.return_code is None, f"the app quit on {where}"
    screen = drawn(app)
    bad = [repr(c) for c in FORBIDDEN if c in screen]
    assert not bad, f"{where}: {bad} reached the terminal"
    found = [piece for piece in SHOWN if piece in screen]
    assert found == list(SHOWN), f"{where}: only {found} of the hostile text on screen"


async def click_text(pilot: Pilot[None], widget: Widget, text: str) -> bool:
    """Click on ``text`` where ``widget`` draws it; False if it is not drawn."""
    for y in range(widget.size.height):
        line = "".join(s.text for s in widget.render_line(y))
        x = line.find(text)
        if x >= 0:
            await pilot.click(offset=(widget.region.x + x, widget.region.y + y))
            await pilot.pause()
            return True
    return False


async def close_reports(pilot: Pilot[None], app: SidraApp) -> None:
    """Read and close the turn summary and assessment until back on the game screen."""
    for _ in range(6):
        if isinstance(app.screen, GameScreen | DebriefScreen):
            return
        check_screen(app, type(app.screen).__name__)
        await pilot.press("enter")
        await settle(pilot)
    raise AssertionError(f"stuck on {app.screen}")


# -- the tests --------------------------------------------------------------------------------


async def test_hostile_scenario_text_is_shown_as_text_on_every_screen(
    tmp_path: Path, scenario_file: Path
) -> None:
    app = SidraApp(data_dir=tmp_path / "data", scenario_path=scenario_file)
    async with app.run_test(size=(200, 60), notifications=True, tooltips=True) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TitleScreen)
        assert app.screen.selected is not None and app.screen.selected.scenario is not None
        check_screen(app, "the title")

        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, BriefingScreen)
        check_screen(app, "the briefing")
        title = app.screen.query_one(".page-title", Static)
        assert await click_text(pilot, title, "quit[/]")
        assert app.return_code is None and isinstance(app.screen, BriefingScreen)

        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, GameScreen)
        check_screen(app, "the map")
        await pilot.press("o")
        await settle(pilot)
        types = app.screen.query_one("#ob-types", OptionList)
        types.focus()
        for _ in range(types.option_count):  # every order's targets and its help
            await pilot.press("down")
        await settle(pilot)
        check_screen(app, "the order builder")
        await pilot.press("s")
        await settle(pilot)
        check_screen(app, "the status tab")

        await pilot.press("e")
        await settle(pilot)
        await close_reports(pilot, app)
        if isinstance(app.screen, DebriefScreen):
            await pilot.press("escape")
            await settle(pilot)
        assert isinstance(app.screen, GameScreen)
        await pilot.press("l")
        await settle(pilot)
        check_screen(app, "the log")
        log = app.screen.query_one("#log-entries", OptionList)
        log.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ExplainScreen)
        check_screen(app, "an explanation")
        await pilot.press("escape")
        await settle(pilot)

        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, DebriefScreen)
        check_screen(app, "the debrief")
        await pilot.press("h")
        await settle(pilot)
        check_screen(app, "the debrief's history")
        await pilot.press("escape")
        await settle(pilot)

        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        check_screen(app, "help")
        assert app.return_code is None


@pytest.fixture
def hostile_save(tmp_path: Path) -> Path:
    """A two-line game of the hostile scenario with hostile notes, reasons and line names."""
    text = toml_document(hostile_scenario())
    seats = [Seat("tobruk"), Seat("dawn", BotSpec()), Seat("foreign", BotSpec())]
    match = new_match(text, "hostile.toml", 5, seats)
    match.play_turn(intents={"tobruk": HOSTILE})
    match.history.annotate(Annotation("main", 1, HOSTILE, "tripoli", HOSTILE))
    match.history.annotate(Annotation("main", 0, "before " + HOSTILE))
    match.branch(0, "[/]line[@click=app.quit]")
    match.play_turn(intents={"tobruk": HOSTILE})
    path = tmp_path / "hostile.json"
    path.write_text(to_json(match), encoding="utf-8")
    return path


async def test_hostile_save_text_is_shown_as_text_in_the_replay_viewer(
    tmp_path: Path, hostile_save: Path
) -> None:
    loaded = Loaded(load_save(hostile_save), hostile_save, True)
    app = SidraApp(data_dir=tmp_path / "data", replay=loaded)
    async with app.run_test(size=(200, 60), notifications=True, tooltips=True) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ReplayScreen)
        await pilot.press("right")
        await settle(pilot)
        for tab in ("m", "t", "r", "s"):
            await pilot.press(tab)
            await settle(pilot)
            check_screen(app, f"the replay's {tab} tab")
        await pilot.press("v")  # a faction's view: its name is in the notice
        await settle(pilot)
        check_screen(app, "a faction's view")
        for key in ("l", "a", "c"):  # the lines, a new note (regions), the comparison
            await pilot.press(key)
            await settle(pilot)
            assert app.return_code is None
            assert "[@click=app.quit]" in drawn(app)
            assert not [c for c in FORBIDDEN if c in drawn(app)]
            await pilot.press("escape")
            await settle(pilot)
        assert isinstance(app.screen, ReplayScreen)
        assert app.return_code is None


# -- the guards themselves ----------------------------------------------------------------------


def test_the_line_filter_drops_only_unsafe_characters() -> None:
    segments = [Segment("plain · ✓ text"), Segment("a\x1b]0;t\x07b\u202ec\x9bd\ud800e")]
    out = DROP_CONTROLS.apply(segments, Color(0, 0, 0))
    assert [s.text for s in out] == ["plain · ✓ text", "a]0;tbcde"]
    assert DROP_CONTROLS.apply(segments[:1], Color(0, 0, 0)) == segments[:1]
    assert DROP_CONTROLS.apply([Segment("\x1b")], Color(0, 0, 0)) == []


async def test_notifications_never_read_their_text_as_markup(tmp_path: Path) -> None:
    app = SidraApp(data_dir=tmp_path / "data")
    async with app.run_test(size=(200, 40), notifications=True) as pilot:
        await settle(pilot)
        app.screen.notify(HOSTILE, title=HOSTILE)
        app.notify(HOSTILE)
        await settle(pilot)
        screen = drawn(app)
        assert screen.count("[@click=app.quit]quit[/]") >= 3
        assert app.return_code is None
