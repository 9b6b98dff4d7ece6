"""The replay viewer, driven by keyboard: step, jump, explain, notes, viewpoint, play from
here, lines, compare, the what-if fan (with cancel), export, older saves, ``sidra replay``.

Every test replays the same saved game (the default scenario, seed 4, bots in every
seat, eight turns, Tobruk wins) written to its own ``tmp_path``, and points the app at a
``tmp_path`` data folder. Workers are awaited; nothing sleeps.
"""

from __future__ import annotations

import asyncio
import io
import shutil
import threading
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Select, Static

from game.ai.registry import BotSpec, Seat
from game.cli import main
from game.engine.order_model import Order
from game.record.cursor import Cursor
from game.record.history import Annotation
from game.record.match import Match
from game.record.save import load_save, new_match, to_json
from game.record.verify import verify_match
from game.tui.app import SidraApp, SidraCommands
from game.tui.screens.compare import CompareScreen, compare, parting
from game.tui.screens.dialogs import ConfirmDialog, Loaded
from game.tui.screens.explain import ExplainScreen
from game.tui.screens.fan import FanScreen, spread_bars
from game.tui.screens.game import GameScreen
from game.tui.screens.load import LoadDialog
from game.tui.screens.replay import ReplayScreen
from game.tui.screens.replay_dialogs import (
    BranchDialog,
    ComparePicker,
    JumpDialog,
    LineDialog,
    NoteDialog,
    clean_line_name,
    clean_note,
    parse_position,
)
from game.tui.screens.replay_view import track_entry, turn_rows
from game.tui.screens.summary import SummaryScreen
from game.tui.screens.title import TitleScreen
from game.tui.widgets import FactionPanel, LogView, MapView
from game.tui.widgets.key_footer import fit_columns
from game.tui.widgets.timeline import Timeline, timeline_cells, window
from tests.tui.settle import settle

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = ROOT / "scenarios" / "oil_crescent_2014.toml"
SAVES = ROOT / "tests" / "fixtures" / "saves"
MARKUP = "Why [bold]here[/bold]? <b>x</b> [link=http://x]y[/link]"
"""A note that would change if it were read as markup."""


# -- helpers ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def saved_text() -> str:
    """A whole bot game (seed 4) as save text: eight turns, Tobruk wins."""
    seats = [Seat(f, BotSpec()) for f in ("tobruk", "dawn", "foreign")]
    match = new_match(SCENARIO.read_text(encoding="utf-8"), str(SCENARIO), 4, seats)
    match.play_out()
    return to_json(match)


@pytest.fixture
def save(tmp_path: Path, saved_text: str) -> Path:
    path = tmp_path / "class" / "game.json"
    path.parent.mkdir()
    path.write_text(saved_text, encoding="utf-8")
    return path


def viewer_app(tmp_path: Path, path: Path) -> SidraApp:
    """Sidra opened straight on the viewer, as ``sidra replay`` does."""
    return SidraApp(data_dir=tmp_path / "data", replay=Loaded(load_save(path), path, True))


def text_of(widget: Any) -> str:
    """The plain text of a widget's content, or of any renderable."""
    content = widget.content if hasattr(widget, "content") else widget
    if isinstance(content, str) or hasattr(content, "plain"):
        return str(getattr(content, "plain", content))
    out = io.StringIO()
    Console(file=out, width=200, color_system=None).print(content)
    return out.getvalue()


def status(app: SidraApp) -> str:
    return text_of(app.screen.query_one("#replay-status", Static))


def turn_text(screen: ReplayScreen) -> str:
    rows = screen.query_one("#turn-rows", OptionList)
    return "\n".join(text_of(o.prompt) for o in rows.options)


def viewer(app: SidraApp) -> ReplayScreen:
    screen = app.screen
    assert isinstance(screen, ReplayScreen)
    return screen


# -- pure parts ---------------------------------------------------------------------------


def test_timeline_cells_mark_assessments_events_notes_and_branches(saved_text: str) -> None:
    from game.record.save import parse_save

    match = parse_save(saved_text)
    match.branch(2, "what if")
    match.play_turn()
    history = match.history
    history.annotate(Annotation("main", 5, "look"))
    cells = timeline_cells(history, "main", match.world)
    assert [c.position for c in cells] == list(range(9))
    assert [c.position for c in cells if c.assessment] == [4, 8]
    assert cells[1].events == len(history.node("main", 1).events) > 0
    assert cells[5].notes == 1 and cells[2].branches == 1
    assert [m for m, _ in cells[2].marks()] == ["!", "↗"]
    # Seen from the variation, the shared turns are there and the branch is not its own.
    assert [c.position for c in timeline_cells(history, "what if", match.world)] == [0, 1, 2, 3]


def test_windows_and_footer_columns() -> None:
    assert window(5, 2, 10) == range(5)
    assert window(30, 0, 10) == range(0, 10)
    assert window(30, 29, 10) == range(20, 30)
    assert window(30, 15, 10) == range(10, 20)
    assert fit_columns([5, 5, 5, 5], 20) == 4
    assert fit_columns([5, 5, 5, 5], 12) == 2
    # A column is as wide as its widest key: two columns would need 9 + 9.
    assert fit_columns([9, 3, 3, 9], 12) == 1
    assert fit_columns([9, 3, 3, 9], 15) == 3  # 9 (9 and 9) + 3 + 3
    assert fit_columns([30], 10) == 1


def test_typed_values_are_checked_plainly() -> None:
    assert parse_position(" 3 ", 8) == 3
    for typed, words in (
        ("", "Type a turn"),
        ("x", "not a turn number"),
        ("9", "not on this line"),
    ):
        with pytest.raises(ValueError, match=words):
            parse_position(typed, 8)
    assert clean_note("  two\n lines ") == "two lines"
    with pytest.raises(ValueError, match="Write the note"):
        clean_note("   ")
    with pytest.raises(ValueError, match="at most 500"):
        clean_note("x" * 501)
    assert clean_line_name(" no  strikes ", ["main"]) == "no strikes"
    with pytest.raises(ValueError, match="already a line"):
        clean_line_name("main", ["main"])
    assert spread_bars([9, 10, 10, 12]) == (["9", "10", "12"], [1, 2, 1])
    labels, counts = spread_bars(list(range(100)), width=4)
    assert counts == [25, 25, 25, 25] and labels[0] == "0"


def test_players_intent_notes_show_and_stay_private_in_other_views() -> None:
    seats = [Seat("tobruk"), Seat("dawn", BotSpec()), Seat("foreign", BotSpec())]
    match = new_match(SCENARIO.read_text(encoding="utf-8"), str(SCENARIO), 4, seats)
    order = Order(faction="tobruk", order="negotiate")
    match.play_turn(
        [order],
        intents={"tobruk": "Buy time for the talks"},
        order_notes={order: "Show good faith"},
    )

    def text(view: str | None) -> str:
        return "\n".join(r.prompt.plain for r in turn_rows(match.history, "main", 1, view))

    for view in (None, "tobruk"):
        assert "this turn: Buy time for the talks" in text(view)
        assert "why: Show good faith" in text(view)
    hidden = text("dawn")
    assert "Buy time" not in hidden and "good faith" not in hidden
    assert "Negotiate" in hidden  # the order itself is public once the turn resolved


def test_track_changes_find_the_entry_that_reports_them(saved_text: str) -> None:
    from game.record.save import parse_save

    match = parse_save(saved_text)
    log = match.history.node("main", 4).log
    for track in match.world.scenario.track:
        entry = track_entry(log, track.name)
        assert entry is not None, track.name
    oil = track_entry(log, "Oil output")
    assert oil is not None and oil.text.startswith("Oil output")


# -- stepping, jumping, explaining ----------------------------------------------------------


async def test_step_jump_first_last_by_keyboard(tmp_path: Path, save: Path) -> None:
    app = viewer_app(tmp_path, save)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = viewer(app)
        assert "Start" in status(app) and screen.cursor.position == 0
        await pilot.press("space", "right", "n")
        assert screen.cursor.position == 3 and "Turn 3 of 8" in status(app)
        assert screen.query_one(Timeline).position == 3
        await pilot.press("left", "backspace")
        assert screen.cursor.position == 1
        await pilot.press("p", "p")  # one too many: stays at the start, and says so
        assert screen.cursor.position == 0
        await pilot.press("end")
        assert screen.cursor.position == 8 and "game over" in status(app)
        await pilot.press("home")
        assert screen.cursor.position == 0

        await pilot.press("g")
        assert isinstance(app.screen, JumpDialog)
        await pilot.press(*"12", "enter")  # the shown turn is selected: typing replaces it
        error = text_of(app.screen.query_one(".dialog-error", Static))
        assert "Turn 12 is not on this line" in error and isinstance(app.screen, JumpDialog)
        await pilot.press("ctrl+a", "ctrl+k", "5", "enter")
        await pilot.pause()
        assert app.screen is screen and screen.cursor.position == 5
        # The panels show the state as of turn 5, from the same widgets as the live game.
        state = screen.match.history.state("main", 5)
        assert screen.query_one(MapView)._state is state
        await pilot.press("r")  # a hidden tab is drawn when it is shown
        entries = screen.query_one(LogView).entries
        assert entries == screen.match.history.node("main", 5).log


async def test_enter_explains_a_log_entry_and_a_change(tmp_path: Path, save: Path) -> None:
    app = viewer_app(tmp_path, save)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = viewer(app)
        await pilot.press("right", "right", "right", "right", "r", "enter")
        assert isinstance(app.screen, ExplainScreen)
        assert app.screen.entry is screen.query_one(LogView).shown[0]
        await pilot.press("escape", "t")
        rows = screen.rows
        index = next(i for i, r in enumerate(rows) if r.entry is not None and r.entry.rolls)
        screen.query_one("#turn-rows", OptionList).highlighted = index
        await pilot.press("enter")
        assert isinstance(app.screen, ExplainScreen)
        assert app.screen.entry is rows[index].entry
        text = "\n".join(text_of(s) for s in app.screen.query(Static))
        assert "Rule" in text and "Dice (" in text and "Source" in text


# -- notes ------------------------------------------------------------------------------------


async def test_notes_are_added_edited_and_deleted_in_the_save(tmp_path: Path, save: Path) -> None:
    app = viewer_app(tmp_path, save)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = viewer(app)
        await pilot.press("right", "right", "full_stop")  # a region chosen on the map
        region = screen.query_one(MapView).selected
        await pilot.press("a")
        assert isinstance(app.screen, NoteDialog)
        assert app.screen.query_one("#note-region", Select).value == region
        await pilot.press(*"Why")  # typed; the rest is pasted (one key press per character is slow)
        app.screen.query_one("#note-text", Input).value = MARKUP
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        notes = load_save(save).history.annotations
        assert notes == [Annotation("main", 2, MARKUP, region, "")]
        await pilot.press("t")
        assert MARKUP in turn_text(screen)  # shown as text, never as markup
        await pilot.press("m")
        assert region in screen.query_one(MapView).marked and "✎ 1" in status(app)
        cells = screen.query_one(Timeline).cells
        assert cells[2].notes == 1

        await pilot.press("e")
        assert isinstance(app.screen, NoteDialog)
        await pilot.press("ctrl+a", "ctrl+k", *"Edited", "enter")
        await pilot.pause()
        assert [n.text for n in load_save(save).history.annotations] == ["Edited"]

        await pilot.press("d")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert load_save(save).history.annotations == []
        assert screen.query_one(MapView).marked == frozenset()


async def test_a_note_that_cannot_be_written_is_kept_and_never_lost_silently(
    tmp_path: Path, save: Path
) -> None:
    app = viewer_app(tmp_path, save)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = viewer(app)
        blocker = tmp_path / "not-a-folder"
        blocker.write_text("a file where a folder should be", encoding="utf-8")
        screen.path = blocker / "game.json"
        await pilot.press("right", "a", *"Kept", "enter")
        await pilot.pause()
        assert [n.text for n in screen.match.history.annotations] == ["Kept"]
        assert "NOT saved" in status(app)
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmDialog)
        assert "could not be written" in text_of(app.screen.query_one(".dialog-question"))
        await pilot.press("n")
        assert app.screen is screen
        # Saving a copy elsewhere writes every note and clears the warning.
        await pilot.press("ctrl+s")
        copy = tmp_path / "copy.json"
        app.screen.query_one("#save-path", Input).value = str(copy)
        await pilot.press("enter")
        await pilot.pause()
        assert [n.text for n in load_save(copy).history.annotations] == ["Kept"]
        assert screen.path == copy and "NOT saved" not in status(app)


# -- viewpoint -------------------------------------------------------------------------------


async def test_a_factions_view_hides_the_other_sides_reasons(tmp_path: Path, save: Path) -> None:
    app = viewer_app(tmp_path, save)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = viewer(app)
        await pilot.press("right", "right", "t")
        node = screen.match.history.node("main", 2)
        reasons = {g.order.faction: g.reason for g in node.orders if g.reason}
        assert all(r in turn_text(screen) for r in reasons.values())
        await pilot.press("v")
        assert screen.viewpoint == "tobruk" and "Tobruk's view" in status(app)
        text = turn_text(screen)
        assert reasons["tobruk"] in text
        assert reasons["dawn"] not in text and reasons["foreign"] not in text
        shown = [p for p in screen.query("#replay-sidebar FactionPanel") if p.display]
        assert len(shown) == 1 and "faction-tobruk" in shown[0].classes
        await pilot.press("v", "v", "v")
        assert screen.viewpoint is None
        assert len([p for p in screen.query(FactionPanel) if p.display]) == 6  # sidebar + tab


# -- play from here, lines, compare ------------------------------------------------------------


async def test_play_from_here_stores_a_variation_that_verifies(tmp_path: Path, save: Path) -> None:
    app = viewer_app(tmp_path, save)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = viewer(app)
        await pilot.press("right", "right", "right", "b")
        dialog = app.screen
        assert isinstance(dialog, BranchDialog)
        assert dialog.query_one("#branch-name", Input).value == "from turn 3"
        await pilot.press("tab", "enter")  # Tobruk's seat: open it, take "Human"
        await pilot.press("home", "enter", "shift+tab", "enter")
        await settle(pilot)
        game = app.screen
        assert isinstance(game, GameScreen) and app.session is not None
        assert game.session.match.line == "from turn 3" and game.session.humans() == ["tobruk"]
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)

        reloaded = load_save(save)
        line = reloaded.history.line("from turn 3")
        assert (line.parent, line.branch, line.end) == ("main", 3, 4)
        assert [s.word for s in line.seats] == ["human", "normal", "normal"]
        assert verify_match(reloaded) is None

        await pilot.press("enter")  # past the summary
        await pilot.pause()
        provider = SidraCommands(app.screen)
        names = [hit.text async for hit in provider.discover()]
        assert "Back to the replay" in names
        app.action_back_to_replay()
        await pilot.pause()
        assert app.screen is screen and app.session is None
        assert screen.cursor.line == "from turn 3"
        await pilot.press("end")
        assert screen.cursor.position == 4 and "line from turn 3" in status(app)


async def test_play_from_here_is_refused_at_the_end_and_for_older_rules(
    tmp_path: Path, save: Path
) -> None:
    app = viewer_app(tmp_path, save)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("end", "b")
        await pilot.pause()
        assert isinstance(app.screen, ReplayScreen)
        assert any("game is over at this turn" in n.message for n in app._notifications)


async def test_lines_and_compare(tmp_path: Path, save: Path) -> None:
    match = load_save(save)
    match.branch(1, "no strikes")
    choices = [c for c in match.bot_choices() if c.order.order != "air_strike"]
    assert len(choices) < len(match.bot_choices())
    match.play_turn(bot_choices=choices)
    match.play_turn()
    match.play_turn()
    match.line = "main"
    from game.record.save import write_save

    write_save(match, save)
    app = viewer_app(tmp_path, save)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = viewer(app)
        await pilot.press("right")
        assert screen.cursor.variations() == ["no strikes"]
        assert "no strikes" in text_of(screen.query_one(Timeline).render())
        await pilot.press("l")
        assert isinstance(app.screen, LineDialog)
        await pilot.press("down", "enter")
        assert screen.cursor.line == "no strikes" and screen.cursor.position == 1

        await pilot.press("c")
        picker = app.screen
        assert isinstance(picker, ComparePicker)
        assert (picker.first, picker.second) == ("no strikes", "main")
        await pilot.press("enter")
        await pilot.pause()
        compared = app.screen
        assert isinstance(compared, CompareScreen)
        head = text_of(compared.query_one("#compare-head", Static))
        divergence = match.history.divergence("no strikes", "main")
        assert f"first differ at turn {divergence}" in head
        assert "no strikes: still in play at turn 4" in head
        assert "main: Tobruk wins after turn 8" in head
        table = compared.query_one("#compare-tracks")
        assert table.row_count == 9  # start and the eight turns of the longer line
        await pilot.press("3", "t")
        assert compared.chart_track == 1
        await pilot.press("escape")
        assert app.screen is screen


def test_compare_words(saved_text: str) -> None:
    from game.record.save import parse_save

    match = parse_save(saved_text)
    match.branch(8 - 1, "last")
    c = compare(match.history, "main", "last")
    assert c.shared == 8 and parting(c) == "identical for the 7 turns both have played"


# -- the what-if fan --------------------------------------------------------------------------


async def test_whatif_runs_in_the_background_and_draws_the_spread(
    tmp_path: Path, save: Path
) -> None:
    app = viewer_app(tmp_path, save)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("right", "right", "w")
        fan = app.screen
        assert isinstance(fan, FanScreen) and (fan.line, fan.turn) == ("main", 2)
        fan.query_one("#fan-games", Input).value = "20"
        await pilot.press("enter")
        await settle(pilot)
        result = fan.result
        assert result is not None and result.games == 20 and not result.cancelled
        assert sum(result.outcomes.values()) == 20
        summary = text_of(fan.query_one("#fan-text", Static))
        assert "20 bot continuations from turn 2 of line 'main'" in summary
        await pilot.press("t")
        assert fan.spread_index == 1
        await pilot.press("escape")
        assert isinstance(app.screen, ReplayScreen)


async def test_whatif_cancel_stops_after_the_games_in_hand(tmp_path: Path, save: Path) -> None:
    app = viewer_app(tmp_path, save)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = viewer(app)
        fan = FanScreen(screen.match, "main", 1, jobs=1)
        running, go_on = threading.Event(), threading.Event()
        show = fan.progress

        def progress(done: int, total: int) -> None:
            show(done, total)
            if done and not running.is_set():
                running.set()
                go_on.wait(10)

        fan.progress = progress
        await app.push_screen(fan)
        fan.query_one("#fan-games", Input).value = "100"
        await pilot.click("#fan-run")
        assert await asyncio.to_thread(running.wait, 10)
        await pilot.press("escape")  # while it runs: cancel, not close
        assert fan.cancel.is_set() and app.screen is fan
        go_on.set()
        await settle(pilot)
        result = fan.result
        assert result is not None and result.cancelled and 0 < result.games < 100
        assert "cancelled" in text_of(fan.query_one("#fan-message", Static))
        await pilot.press("escape")
        assert app.screen is screen


# -- the handout ------------------------------------------------------------------------------


async def test_export_writes_the_handout_and_never_overwrites_other_files(
    tmp_path: Path, save: Path
) -> None:
    app = viewer_app(tmp_path, save)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = viewer(app)
        await pilot.press("right", "a", *"Why here?", "enter")
        await pilot.press("x")
        dialog = app.screen
        field = dialog.query_one("#export-path", Input)
        assert field.value == str(save.with_name("game-handout.html"))
        mine = tmp_path / "class" / "lesson.html"
        mine.write_text("<p>the teacher's own page</p>", encoding="utf-8")
        field.value = str(mine)
        await pilot.press("enter")
        assert "is not a handout" in text_of(dialog.query_one("#export-error", Static))
        assert mine.read_text(encoding="utf-8") == "<p>the teacher's own page</p>"
        field.value = str(tmp_path / "class" / "handout")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        page = (tmp_path / "class" / "handout.html").read_text(encoding="utf-8")
        assert "Why here?" in page


# -- older saves, entry points -----------------------------------------------------------------


async def test_a_save_under_older_rules_opens_for_viewing_only(tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    shutil.copy(SAVES / "rules-1-three-turns.json", path)
    app = viewer_app(tmp_path, path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = viewer(app)
        assert "view only (older rules)" in status(app)
        assert any("rules version 1" in n.message for n in app._notifications)
        await pilot.press("end")
        assert screen.cursor.position == 3
        await pilot.press("b")
        await pilot.press("w")
        await pilot.pause()
        assert app.screen is screen
        messages = [n.message for n in app._notifications]
        assert any("cannot be continued" in m for m in messages)
        assert any("no what-if fan" in m for m in messages)
        # Notes can still be written: the save keeps its rules and its stored turns.
        await pilot.press("a", *"Sirte", "enter")
        await pilot.pause()
        reloaded = load_save(path)
        assert reloaded.frozen is not None and reloaded.rules_version == 1
        assert [n.text for n in reloaded.history.annotations] == ["Sirte"]


async def test_a_format_1_save_opens_and_steps(tmp_path: Path) -> None:
    path = tmp_path / "format1.json"
    shutil.copy(SAVES / "format-1-bots-seed-3.json", path)
    app = viewer_app(tmp_path, path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = viewer(app)
        await pilot.press("end")
        assert screen.cursor.position == 8
        assert len(turn_rows(screen.match.history, "main", 8, None)) > 5


async def test_replay_from_the_title_through_the_load_dialog(tmp_path: Path, save: Path) -> None:
    app = SidraApp(data_dir=tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TitleScreen)
        await pilot.press("r")
        dialog = app.screen
        assert isinstance(dialog, LoadDialog) and dialog.replay
        dialog.query_one("#load-path", Input).value = str(save)
        dialog.query_one("#load-path", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReplayScreen)
        assert app.screen.path == save and app.session is None


def test_sidra_replay_on_a_broken_file_says_so(tmp_path: Path, capsys: Any) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"format_version": 2, "lines": [', encoding="utf-8")
    assert main(["replay", str(broken)]) == 1
    err = capsys.readouterr().err
    assert "broken.json" in err and "corrupt save" in err and "Traceback" not in err
    assert main(["replay", str(tmp_path / "missing.json")]) == 1
    assert "cannot read" in capsys.readouterr().err


def test_the_cursor_the_viewer_keeps(saved_text: str) -> None:
    from game.record.save import parse_save

    match: Match = parse_save(saved_text)
    cursor = Cursor(match.history)
    cursor.last()
    assert cursor.position == 8 and cursor.state.finished


# -- snapshots ---------------------------------------------------------------------------------

SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_snapshot_replay(
    size: tuple[int, int], snap_compare: Any, tmp_path: Path, save: Path
) -> None:
    match = load_save(save)
    match.history.annotate(Annotation("main", 4, "The terminals change hands.", "es_sider"))
    match.branch(2, "no strikes")
    from game.record.save import write_save

    write_save(match, save)
    data = Path("/tmp/sidra-snapshot-replay")
    shutil.rmtree(data, ignore_errors=True)
    app = SidraApp(data_dir=data, replay=Loaded(load_save(save), save, True))

    async def to_turn_4(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("right", "right", "right", "right")
        app.clear_notifications()
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=to_turn_4)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_snapshot_turn_tab(
    size: tuple[int, int], snap_compare: Any, tmp_path: Path, save: Path
) -> None:
    app = viewer_app(tmp_path, save)

    async def turn_tab(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("right", "right", "right", "t")
        app.clear_notifications()
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=turn_tab)
