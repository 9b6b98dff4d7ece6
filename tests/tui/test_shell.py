"""The UI shell: title, briefing, help, dialogs, quitting, themes, and the words of describe.py.

Pilot tests drive the app with the keyboard at 80x24 (the smallest supported
terminal) and 120x40. Every test points the app at a ``tmp_path`` data folder, so
nothing is ever written to the real user folder. Steps that need the game screen
(written separately) are skipped until it exists.
"""

from __future__ import annotations

import inspect
import threading
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Input, OptionList, Select, Static

from game.ai.registry import BotSpec, Seat
from game.paths import default_scenario_path
from game.record import words
from game.scenario.loader import load_scenario
from game.scenario.models import Scenario
from game.tui import describe, describe_terms, paths, settings
from game.tui.app import HIGH_CONTRAST, SidraApp, SidraCommands, run_app
from game.tui.screens.briefing import BriefingScreen
from game.tui.screens.dialogs import ConfirmDialog, SaveAsDialog
from game.tui.screens.game import GameScreen
from game.tui.screens.help import HelpScreen
from game.tui.screens.load import LoadDialog
from game.tui.screens.title import TitleScreen, parse_seed, read_scenario
from game.tui.session import GameSession
from tests.tui.settle import settle

SIZES = [(80, 24), (120, 40)]
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


# ----------------------------------------------------------------------------------
# Helpers


@pytest.fixture(scope="module")
def default_scenario() -> Scenario:
    return load_scenario(default_scenario_path())


def new_session(
    data_dir: Path, seed: int = 11, humans: tuple[str, ...] = ("tobruk",)
) -> GameSession:
    """A new game of the default scenario that autosaves under ``data_dir``."""
    path = default_scenario_path()
    text = path.read_text(encoding="utf-8")
    scenario = load_scenario(path)
    seats = [Seat(f.id) if f.id in humans else Seat(f.id, BotSpec()) for f in scenario.faction]
    return GameSession.new(text, str(path), seats, seed, data_dir / "autosaves")


async def tab_to(pilot: Pilot[None], widget_id: str, limit: int = 30) -> None:
    """Press Tab until the widget with ``widget_id`` has the focus."""
    for _ in range(limit):
        focused = pilot.app.focused
        if focused is not None and focused.id == widget_id:
            return
        await pilot.press("tab")
    raise AssertionError(f"Tab never reached #{widget_id} (focus: {pilot.app.focused})")


def screen_text(app: SidraApp) -> str:
    """All the text of the static widgets on the current screen."""
    return "\n".join(str(w.visual) for w in app.screen.query(Static))


# ----------------------------------------------------------------------------------
# describe.py: pure functions


def test_victory_formula_is_generated_from_the_terms(default_scenario: Scenario) -> None:
    tobruk = default_scenario.faction_by_id("tobruk")
    text = describe_terms.victory_formula(tobruk, default_scenario)
    assert text.startswith("Score = 4 per oil terminal held (Al-Sidra (Es Sider), Ras Lanuf)")
    assert "+ 3 if Sirte is held" in text
    assert "+ 1 per 10 legitimacy" in text
    assert "+ 1 per 100,000 bpd of oil output" in text
    assert f"target {tobruk.victory.target}" in text
    assert f"lead of {default_scenario.tuning.decisive_margin}" in text


def test_negative_terms_and_tracks_read_naturally(default_scenario: Scenario) -> None:
    foreign = default_scenario.faction_by_id("foreign")
    text = describe_terms.victory_formula(foreign, default_scenario)
    assert "- 1 per 100,000 displaced people" in text
    assert "- 1 per 4 points of escalation" in text
    assert "per 10% of UN talks" in text
    goals = describe_terms.faction_goals(foreign, default_scenario)
    assert "Keep displaced people down" in goals
    assert "Raise oil output" in goals


def test_goals_tell_holding_from_taking(default_scenario: Scenario) -> None:
    goals = describe_terms.faction_goals(default_scenario.faction_by_id("tobruk"), default_scenario)
    assert goals[0] == "Hold Al-Sidra (Es Sider) and Ras Lanuf"
    assert "Take Misrata and Tripoli" in goals
    dawn = describe_terms.faction_goals(default_scenario.faction_by_id("dawn"), default_scenario)
    assert dawn[0] == "Take Al-Sidra (Es Sider) and Ras Lanuf"


def test_describe_works_for_any_scenario() -> None:
    scenario = load_scenario(FIXTURES / "ok" / "minimal.toml")
    for faction in scenario.faction:
        assert describe_terms.victory_formula(faction, scenario).startswith("Score = ")
        assert describe_terms.faction_goals(faction, scenario)
    assert [o.name for o in describe.orders_reference(scenario)] == [o.name for o in scenario.order]
    assert describe.calendar_line(scenario).startswith("Starts 6 January 2020")


def test_order_help_lists_cost_limit_range_who_needs_and_source(
    default_scenario: Scenario,
) -> None:
    entries = {e.id: e for e in describe.orders_reference(default_scenario)}
    assert entries["recruit"].cost == "1 action point + 4 treasury"
    assert entries["military_zone"].cost == "2 action points"
    assert entries["move"].limit == "3 per turn"
    assert entries["air_strike"].range == "1,100 km"
    assert entries["move"].factions == "every side"
    assert entries["air_strike"].factions == "Tobruk government"
    assert "UN talks at least 30%" in entries["intervene"].requires
    assert entries["mig_raid"].effects == "escalation +2"
    assert entries["negotiate"].effects == (
        "escalation -1, your legitimacy +2, 1 less power for each turn in a row it is repeated"
    )
    assert entries["attack"].source == "p2, p4"


def test_the_sources_framing_is_quoted_and_attributed(default_scenario: Scenario) -> None:
    headline = default_scenario.briefing.framing[0]
    line = describe.framing_line(headline)
    assert line.startswith(f"The source says “{headline.text}”")
    assert headline.by in line and line.endswith(f"; {headline.source})")
    quote = default_scenario.briefing.quotes[0]
    assert describe.quote_line(quote) == f"“{quote.text}” — {quote.by} ({quote.source})"


def test_small_words_helpers() -> None:
    assert words.join_names(["A"]) == "A"
    assert words.join_names(["A", "B", "C"]) == "A, B and C"
    assert describe.lower_first("Oil output") == "oil output"
    assert describe.lower_first("UN talks") == "UN talks"
    assert describe.cite("p1,p9") == "p1, p9"
    assert describe.cite("design") == "design"
    assert words.seat_label(Seat("x")) == "a human player"
    assert words.seat_label(Seat("x", BotSpec("rule", "hard"))) == "a bot (hard)"


def test_describe_imports_no_textual() -> None:
    source = inspect.getsource(describe)
    assert "textual" not in source.replace("Textual, no I/O", "")


def test_seed_parsing() -> None:
    assert parse_seed(" 42 ") == 42
    for bad in ("", "x", "-1", str(2**64)):
        with pytest.raises(ValueError):
            parse_seed(bad)


def test_a_broken_scenario_is_listed_with_its_first_problem() -> None:
    choice = read_scenario(FIXTURES / "broken" / "syntax_error.toml")
    assert not choice.ok
    assert choice.error.startswith("line ")
    assert "syntax_error.toml" in choice.label()
    missing = read_scenario(FIXTURES / "nope.toml")
    assert not missing.ok and "cannot read" in missing.error


# ----------------------------------------------------------------------------------
# Title screen


@pytest.mark.parametrize("size", SIZES)
async def test_title_shows_the_scenario_and_every_faction(
    tmp_path: Path, size: tuple[int, int], default_scenario: Scenario
) -> None:
    app = SidraApp(data_dir=tmp_path)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TitleScreen)
        options = app.screen.query_one("#scenarios", OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any(default_scenario.meta.title in p for p in prompts)
        text = screen_text(app)
        for index, faction in enumerate(default_scenario.faction):
            assert faction.name in text
            select = app.screen.query_one(f"#seat-{faction.id}", Select)
            assert select.value == ("human" if index == 0 else "normal")
        seed = app.screen.query_one("#seed", Input).value
        assert seed.isdigit()
        assert "Replay a saved game" in str(app.screen.query_one("#replay", Button).label)
        # the action buttons are on screen, not scrolled away, even at 80x24
        new_button = app.screen.query_one("#new", Button)
        assert new_button.region.bottom <= size[1]


async def test_user_scenarios_are_listed_and_broken_ones_show_their_error(tmp_path: Path) -> None:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "mine.toml").write_bytes((FIXTURES / "ok" / "minimal.toml").read_bytes())
    (folder / "broken.toml").write_text("this is = = not toml\n", encoding="utf-8")
    app = SidraApp(data_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        options = app.screen.query_one("#scenarios", OptionList)
        prompts = [options.get_option_at_index(i) for i in range(options.option_count)]
        broken = next(o for o in prompts if "broken.toml" in str(o.prompt))
        assert broken.disabled and "line 1" in str(broken.prompt)
        assert any("Two Villages" in str(o.prompt) for o in prompts)


async def test_a_typed_scenario_path_is_checked(tmp_path: Path) -> None:
    app = SidraApp(data_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await tab_to(pilot, "scenario-path")
        path_input = app.screen.query_one("#scenario-path", Input)
        path_input.value = str(FIXTURES / "broken" / "duplicate_id.toml")
        await pilot.press("enter")
        await pilot.pause()
        error = str(app.screen.query_one("#scenario-error", Static).visual)
        assert "duplicate_id.toml" in error and "line" in error
        path_input.value = str(FIXTURES / "ok" / "minimal.toml")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        assert app.screen.selected is not None and app.screen.selected.scenario is not None
        assert app.screen.selected.scenario.meta.title == "Two Villages"
        assert app.screen.query_one("#seat-north", Select).value == "human"


@pytest.mark.parametrize("size", SIZES)
async def test_keyboard_new_game_reaches_the_briefing(
    tmp_path: Path, size: tuple[int, int], default_scenario: Scenario
) -> None:
    app = SidraApp(data_dir=tmp_path)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        # Libya Dawn: Bot normal -> Bot hard
        await tab_to(pilot, "seat-dawn")
        await pilot.press("enter", "down", "enter")
        # Foreign powers: Bot normal -> Human (hot-seat)
        await tab_to(pilot, "seat-foreign")
        await pilot.press("enter", "up", "up", "enter")
        # Seed: the shown value is selected on focus, so typing replaces it
        await tab_to(pilot, "seed")
        await pilot.press("4", "2")
        await tab_to(pilot, "new")
        await pilot.press("enter")
        await pilot.pause()

        assert isinstance(app.screen, BriefingScreen)
        session = app.session
        assert session is not None
        assert session.seats == [
            Seat("tobruk"),
            Seat("dawn", BotSpec("rule", "hard")),
            Seat("foreign"),
        ]
        assert session.match.seed == 42
        assert session.autosave_dir == tmp_path / "autosaves"
        text = screen_text(app)
        for faction in default_scenario.faction:
            assert describe_terms.victory_formula(faction, default_scenario) in text
            for goal in describe_terms.faction_goals(faction, default_scenario):
                assert goal in text
        assert "played by a bot (hard)" in text
        for quote in default_scenario.briefing.framing:
            assert describe.framing_line(quote) in text
        assert describe.calendar_line(default_scenario) in text


async def test_at_least_one_human_is_needed(tmp_path: Path) -> None:
    app = SidraApp(data_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await tab_to(pilot, "seat-tobruk")
        await pilot.press("enter", "down", "down", "enter")  # Human -> Bot normal
        await tab_to(pilot, "new")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        assert app.session is None


async def test_briefing_back_returns_to_the_title(tmp_path: Path) -> None:
    app = SidraApp(data_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        assert app.session is None


def slow_scan(
    monkeypatch: pytest.MonkeyPatch, read: threading.Event | None = None
) -> threading.Event:
    """Hold the title screen's scenario scan until the returned event is set. With
    ``read``, the files are read first and ``read`` is set, then the scan is held (a scan
    slow to finish, whose readings may be out of date when it does)."""
    from game.tui.screens import title

    gate = threading.Event()
    scan = title.scan_scenarios

    def held(*args: object) -> object:
        if read is None:
            gate.wait(timeout=30)
            return scan(*args)
        found = scan(*args)
        read.set()
        gate.wait(timeout=30)
        return found

    monkeypatch.setattr(title, "scan_scenarios", held)
    return gate


async def test_new_game_pressed_before_the_scenarios_are_read_starts_once_they_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A quick key at start-up is not refused with "choose a scenario first"."""
    gate = slow_scan(monkeypatch)
    app = SidraApp(data_dir=tmp_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen) and not app.screen.scanned
        assert not app._notifications, "no warning while the list is still being read"
        gate.set()
        await settle(pilot)
        assert isinstance(app.screen, BriefingScreen)
        assert app.session is not None


async def test_a_waiting_new_game_gives_way_to_a_screen_opened_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """New game, then Load before the scenarios are read: the Load dialog stays on top
    and no game starts behind it or over it."""
    gate = slow_scan(monkeypatch)
    app = SidraApp(data_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n", "l")
        await pilot.pause()
        assert isinstance(app.screen, LoadDialog)
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, LoadDialog) and app.session is None
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen) and app.session is None


async def test_a_path_typed_while_the_scenarios_are_read_stays_chosen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The scan began before the path was typed; its list must not drop the typed file."""
    tutorial = tmp_path / "elsewhere" / "my_coast.toml"
    tutorial.parent.mkdir()
    tutorial.write_text(
        (default_scenario_path().parent / "tutorial.toml").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    gate = slow_scan(monkeypatch)
    app = SidraApp(data_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        field = app.screen.query_one("#scenario-path", Input)
        field.focus()
        field.value = str(tutorial)
        await pilot.press("enter")
        await pilot.pause()
        options = app.screen.query_one("#scenarios", OptionList)
        assert options.option_count == 1 and options.highlighted == 0, "no placeholder left"
        gate.set()
        await settle(pilot)
        title = app.screen
        assert isinstance(title, TitleScreen)
        assert title.selected is not None and title.selected.path == tutorial
        listed = [c.path for c in title.choices]
        assert tutorial in listed and default_scenario_path() in listed
        assert listed.count(tutorial) == 1
        options = title.query_one("#scenarios", OptionList)
        assert options.highlighted == listed.index(tutorial)
        seat_ids = [s.id for s in title.query(".seat-select").results(Select)]
        assert seat_ids == ["seat-council", "seat-brigades"]


async def test_a_file_fixed_and_typed_while_the_list_is_read_is_the_one_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The scan read the author's file while it was broken; the author fixed it and typed
    its path before the list arrived: the typed (fixed) reading is listed and chosen."""
    mine = paths.user_scenarios_dir(tmp_path) / "mine.toml"
    mine.parent.mkdir(parents=True)
    mine.write_text("[meta]\nid = \n", encoding="utf-8")
    read = threading.Event()
    gate = slow_scan(monkeypatch, read)
    app = SidraApp(data_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(400):  # the scan reads in a thread: at most 20 s
            if read.is_set():
                break
            await pilot.pause(0.05)
        assert read.is_set(), "the scan never read the files"
        tutorial = default_scenario_path().parent / "tutorial.toml"
        mine.write_text(tutorial.read_text(encoding="utf-8"), encoding="utf-8")
        field = app.screen.query_one("#scenario-path", Input)
        field.focus()
        field.value = str(mine)
        await pilot.press("enter")
        await pilot.pause()
        gate.set()
        await settle(pilot)
        title = app.screen
        assert isinstance(title, TitleScreen)
        kept = [c for c in title.choices if c.path == mine]
        assert len(kept) == 1 and kept[0].ok
        assert title.selected is kept[0]


async def test_begin_opens_the_game_screen(tmp_path: Path) -> None:
    game = pytest.importorskip("game.tui.screens.game")
    app = SidraApp(data_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, game.GameScreen)


# ----------------------------------------------------------------------------------
# Continue and Load


async def test_continue_is_disabled_without_an_autosave(tmp_path: Path) -> None:
    app = SidraApp(data_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        button = app.screen.query_one("#continue", Button)
        assert button.disabled
        assert "no autosave" in str(app.screen.query_one("#continue-hint", Static).visual)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, TitleScreen)
        assert app.session is None


@pytest.mark.parametrize("size", SIZES)
async def test_continue_resumes_the_latest_autosave(tmp_path: Path, size: tuple[int, int]) -> None:
    saved = new_session(tmp_path, seed=1234)
    path = saved.autosave()
    assert path is not None and path.parent == tmp_path / "autosaves"
    app = SidraApp(data_dir=tmp_path)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        button = app.screen.query_one("#continue", Button)
        assert not button.disabled
        await tab_to(pilot, "continue")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, GameScreen)  # straight to the game
        assert app.session is not None
        assert app.session.match.seed == 1234
        assert app.session.autosave_path() == path


async def test_load_of_a_corrupt_save_shows_the_error(tmp_path: Path) -> None:
    autosaves = tmp_path / "autosaves"
    autosaves.mkdir()
    (autosaves / "broken.json").write_text("{ this is not json", encoding="utf-8")
    app = SidraApp(data_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LoadDialog)
        await pilot.press("enter")  # the highlighted (only) autosave
        await settle(pilot)
        assert isinstance(app.screen, LoadDialog)
        error = str(app.screen.query_one("#load-error", Static).visual)
        assert "broken.json" in error and "corrupt save" in error
        assert "Traceback" not in error
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)


async def test_load_by_path_resumes_without_touching_the_file(tmp_path: Path) -> None:
    outside = tmp_path / "class" / "lesson.json"
    new_session(tmp_path, seed=77).save_as(outside)
    before = outside.read_bytes()
    app = SidraApp(data_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await pilot.pause()
        await tab_to(pilot, "load-path")
        app.screen.query_one("#load-path", Input).value = str(outside)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, GameScreen)  # straight to the game
        session = app.session
        assert session is not None and session.match.seed == 77
        assert session.autosave_dir == tmp_path / "autosaves"
        session.autosave()
        assert outside.read_bytes() == before


async def test_continue_with_a_corrupt_latest_save_opens_load_with_the_error(
    tmp_path: Path,
) -> None:
    autosaves = tmp_path / "autosaves"
    autosaves.mkdir()
    (autosaves / "latest.json").write_text('{"format_version": 1}', encoding="utf-8")
    app = SidraApp(data_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, LoadDialog)
        assert "corrupt save" in str(app.screen.query_one("#load-error", Static).visual)


async def test_continue_skips_a_damaged_latest_save_for_the_last_good_one(tmp_path: Path) -> None:
    import os

    good = new_session(tmp_path, seed=21)
    good.end_turn()
    good_path = good.autosave_path()
    assert good_path is not None
    broken = good_path.parent / "zz-newest.json"
    broken.write_text(good_path.read_text(encoding="utf-8")[:500], encoding="utf-8")
    stamp = good_path.stat().st_mtime_ns + 1_000_000_000
    os.utime(broken, ns=(stamp, stamp))
    app = SidraApp(data_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, GameScreen)  # straight to the game
        assert app.session is not None
        assert app.session.match.seed == 21
        assert app.session.state.turn == 2
        notes = [n.message for n in app._notifications]
        assert any("zz-newest.json" in n and "not valid JSON" in n for n in notes), notes
        assert any(good_path.name in n for n in notes)


async def test_continue_on_a_game_saved_under_older_rules_opens_it_for_viewing(
    tmp_path: Path,
) -> None:
    import shutil

    autosaves = tmp_path / "autosaves"
    autosaves.mkdir()
    old = autosaves / "old-rules.json"
    shutil.copy(Path(__file__).parents[1] / "fixtures" / "saves" / "rules-1-three-turns.json", old)
    before = old.read_bytes()
    app = SidraApp(data_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, GameScreen)  # straight to the game, to view it
        session = app.session
        assert session is not None and session.frozen is not None
        assert session.state.turn == 4  # the last saved turn is what we look at
        assert app.screen.query_one("#end-turn", Button).disabled
        status = str(app.screen.query_one("#game-status", Static).visual)
        assert "view only (older rules)" in status
        notes = [n.message for n in app._notifications]
        assert any("rules version 1" in n and "cannot be continued" in n for n in notes), notes
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, GameScreen) and session.state.turn == 4
    assert old.read_bytes() == before  # viewing never rewrites the save


# ----------------------------------------------------------------------------------
# Help


@pytest.mark.parametrize("size", SIZES)
async def test_help_lists_every_order_with_its_cost(
    tmp_path: Path, size: tuple[int, int], default_scenario: Scenario
) -> None:
    app = SidraApp(data_dir=tmp_path)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        for order in default_scenario.order:
            entry = app.screen.query_one(f"#order-{order.id}")
            text = "\n".join(str(w.visual) for w in entry.query(Static))
            assert order.name in text
            assert f"Cost: {describe.order_cost(order)}" in text
            assert f"Limit: {order.per_turn} per turn" in text
        text = screen_text(app)
        for name, _ in describe.PHASES:
            assert name in text
        assert "New game" in text and "Help" in text  # the keys of the title screen
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)


# ----------------------------------------------------------------------------------
# Quitting, saving, palette, themes


async def test_quit_is_immediate_without_unsent_orders(tmp_path: Path) -> None:
    app = SidraApp(session=new_session(tmp_path), data_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_quit_asks_first_with_unsent_orders(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    order = next(o for o, reason in session.options("tobruk") if reason is None)
    session.add_order(order)
    assert session.has_unsent_orders()
    app = SidraApp(session=session, data_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        assert app.return_code is None
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 0


async def test_save_as_writes_the_game(tmp_path: Path) -> None:
    app = SidraApp(session=new_session(tmp_path, seed=5), data_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SaveAsDialog)
        field = app.screen.query_one("#save-path", Input)
        target = tmp_path / "mine" / "lesson"
        field.value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
    assert (tmp_path / "mine" / "lesson.json").is_file()


async def test_palette_has_every_sidra_command(tmp_path: Path) -> None:
    app = SidraApp(session=new_session(tmp_path), data_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        provider = SidraCommands(app.screen)
        names = [hit.text async for hit in provider.discover()]
        assert names[:8] == [
            "New game",
            "Continue",
            "Load game",
            "Save as",
            "Help",
            "Briefing",
            "Toggle high contrast",
            "Quit",
        ]
        assert "Begin" in names[8:], "the briefing's own keys are commands too"
        assert SidraCommands in app.COMMANDS


async def test_palette_runs_the_game_screens_actions(tmp_path: Path) -> None:
    from game.tui.screens.game import GameScreen

    session = new_session(tmp_path)
    app = SidraApp(session=session, data_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # Begin
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)
        provider = SidraCommands(app.screen)
        hits = {hit.text: hit async for hit in provider.discover()}
        for name in ("End turn", "Orders", "Log", "Map"):
            assert name in hits, sorted(hits)
        await app.run_action("app.command_palette")
        await pilot.pause()
        await pilot.press(*"End turn")
        await pilot.pause()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert session.state.turn == 2


async def test_palette_toggles_high_contrast(tmp_path: Path) -> None:
    app = SidraApp(data_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        before = app.theme
        assert HIGH_CONTRAST in app.available_themes
        assert {"textual-dark", "textual-light", "nord"} <= set(app.available_themes)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"high contrast")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.theme == HIGH_CONTRAST
    # The choice is remembered: the next start opens in high contrast.
    settings.forget()
    again = SidraApp(data_dir=tmp_path)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert again.theme == HIGH_CONTRAST
        again.action_toggle_high_contrast()
        assert again.theme == before
    settings.forget()
    assert settings.current().settings.high_contrast is False


async def test_no_color_renders_and_keeps_the_glyphs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, default_scenario: Scenario
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = SidraApp(data_dir=tmp_path)
    assert app.no_color
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.export_screenshot()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        app.export_screenshot()
        glyphs = list(app.screen.query(".glyph").results(Static))
        assert [str(g.visual) for g in glyphs] == [f.glyph for f in default_scenario.faction]
        assert all(g.has_pseudo_class("nocolor") and g.styles.text_style.reverse for g in glyphs)
        await pilot.press("f1")
        await pilot.pause()
        app.export_screenshot()


def test_run_app_signature() -> None:
    params = list(inspect.signature(run_app).parameters)
    assert params == ["scenario_path", "session"]


def test_the_folders_default_to_the_user_data_folder(tmp_path: Path) -> None:
    assert paths.autosave_dir(tmp_path) == tmp_path / "autosaves"
    assert paths.user_scenarios_dir(tmp_path) == tmp_path / "scenarios"
    assert paths.autosave_dir() == paths.default_data_dir() / "autosaves"
    assert paths.default_data_dir().name == "sidra"
    assert paths.title_art_path().is_file()


async def test_quit_from_the_game_screen_asks_only_with_unsent_orders(tmp_path: Path) -> None:
    game = pytest.importorskip("game.tui.screens.game")
    session = new_session(tmp_path)
    app = SidraApp(session=session, data_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # Begin
        await pilot.pause()
        assert isinstance(app.screen, game.GameScreen)
        assert app.session is session
        order = next(o for o, reason in session.options("tobruk") if reason is None)
        session.add_order(order)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, game.GameScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        session.remove_order("tobruk", 0)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"high_contrast": true}', True),
        ('{"high_contrast": "yes"}', False),
        ("[true]", False),
        ("{ not json", False),
        ("\x00\xff", False),
        ('{"high_contrast": true, "pad": "' + "x" * 20_000 + '"}', False),
    ],
)
def test_the_theme_read_before_the_first_frame_trusts_only_a_clean_true(
    text: str, expected: bool
) -> None:
    from game.tui.settings_file import saved_high_contrast, settings_path

    settings_path().write_text(text, encoding="utf-8", errors="surrogateescape")
    assert saved_high_contrast() is expected
