"""The game screen, driven by keyboard through Textual's Pilot, plus layout and snapshots.

Every game here is the default scenario with seed 3, so each run sees the same turns.
Workers are awaited with ``workers.wait_for_complete()``; nothing sleeps.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Button, OptionList, Static, TabbedContent

from game.ai.base import Choice
from game.ai.registry import BotSpec, Seat
from game.record.words import order_text, roll_text
from game.tui.screens.debrief import DebriefScreen
from game.tui.screens.explain import ExplainScreen
from game.tui.screens.game import GameScreen
from game.tui.screens.privacy import PrivacyScreen
from game.tui.screens.summary import AssessmentScreen, SummaryScreen
from game.tui.session import GameSession
from game.tui.widgets import LogView, MapView, OrderBuilder
from game.tui.widgets.map_layout import (
    Marker,
    Occupancy,
    nearest_in_direction,
    place_markers,
    short_label,
)
from tests.tui.screen_text import plain
from tests.tui.settle import settle

# -- helpers ---------------------------------------------------------------------------


def screen_text(screen: Screen[Any]) -> str:
    """Every static text and list option on a screen, one per line."""
    parts = [plain(s.content) for s in screen.query(Static)]
    for options in screen.query(OptionList):
        parts += [plain(o.prompt) for o in options.options]
    return "\n".join(parts)


async def queue_an_order(pilot: Pilot[None], session: GameSession, faction: str) -> None:
    """Queue one order by keyboard: the first legal move, or else Negotiate."""
    before = len(session.orders_of(faction))
    await pilot.press("o", "home", "enter", "enter")
    if len(session.orders_of(faction)) == before:
        builder = pilot.app.screen.query_one(OrderBuilder)
        index = builder.query_one("#ob-types", OptionList).get_option_index("negotiate")
        await pilot.press("escape", "home", *["down"] * index, "enter", "enter")
    assert len(session.orders_of(faction)) == before + 1


# -- whole game, hot seat ----------------------------------------------------------------


async def test_a_whole_game_as_tobruk_ends_in_the_debrief(make_session: Any, make_app: Any) -> None:
    session = make_session("tobruk")
    app = make_app(session)
    seen: set[type] = set()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(80):
            screen = app.screen
            seen.add(type(screen))
            if isinstance(screen, DebriefScreen):
                break
            if isinstance(screen, GameScreen):
                turn = session.state.turn
                await queue_an_order(pilot, session, "tobruk")
                await pilot.press("e")
                await settle(pilot)
                assert session.state.turn == turn + 1
            else:
                assert isinstance(screen, SummaryScreen | AssessmentScreen)
                await pilot.press("enter")
                await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        outcome = session.state.outcome
        assert outcome is not None
        text = screen_text(app.screen)
        assert outcome.reason in text
        if outcome.winner == "tobruk" and outcome.result == "win":
            assert "You won" in text  # the person is told first, not their side's name
        elif outcome.winner is not None:
            assert "You lost" in text or "You did not win" in text
            if outcome.result == "win":
                assert f"{session.state.w.factions[outcome.winner].name} wins" in text
        assert "Turning points" in text
        assert "Operation Sunrise" in text  # the history comparison
        assert len(app.screen.query("PlotextPlot")) == 4
    assert {SummaryScreen, AssessmentScreen} <= seen
    turns = session.match.turns
    assert turns and all(any(g.order.faction == "tobruk" for g in t.orders) for t in turns)


async def test_hot_seat_shows_privacy_and_hides_the_first_players_orders(
    make_session: Any, make_app: Any
) -> None:
    session = make_session("tobruk", "dawn")
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PrivacyScreen)
        assert "Pass the keyboard to Tobruk government" in screen_text(app.screen)
        await pilot.press("enter")
        game = app.screen
        assert isinstance(game, GameScreen) and game.faction == "tobruk"
        await queue_an_order(pilot, session, "tobruk")
        secret = order_text(session.state.w, session.orders_of("tobruk")[0])
        assert secret in screen_text(game)

        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, PrivacyScreen)
        privacy = screen_text(app.screen)
        assert "Pass the keyboard to Libya Dawn" in privacy
        assert secret not in privacy
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is game and game.faction == "dawn"
        assert secret not in screen_text(game)
        assert game.query_one("#ob-queued", OptionList).option_count == 0
        assert "D Dawn" in plain(game.query_one("#game-status", Static).content)

        await queue_an_order(pilot, session, "dawn")
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        assert {g.order.faction for g in session.match.turns[-1].orders} >= {"tobruk", "dawn"}
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PrivacyScreen)
        assert app.screen.faction.id == "tobruk" and app.screen.turn == 2


# -- orders --------------------------------------------------------------------------------


async def test_an_illegal_target_shows_the_engines_reason(make_session: Any, make_app: Any) -> None:
    session = make_session("tobruk")
    expected = dict((o.target, r) for o, r in session.options("tobruk") if o.order == "air_strike")
    reason = expected["sirte"]
    assert reason == "you hold Sirte and no enemy is there"
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o", "home")
        builder = app.screen.query_one(OrderBuilder)
        index = builder.query_one("#ob-types", OptionList).get_option_index("air_strike")
        await pilot.press(*["down"] * index, "enter")
        target = next(i for i, (o, _) in enumerate(builder.targets) if o.target == "sirte")
        assert reason in plain(builder.query_one("#ob-targets", OptionList).options[target].prompt)
        await pilot.press(*["down"] * target)
        info = builder.query_one("#ob-info", Static)
        assert f"not allowed: {reason}" in plain(info.content)
        await pilot.press("enter")
        await pilot.pause()
        assert session.orders_of("tobruk") == []
        assert f"Not added: {reason}" in plain(info.content)
        assert isinstance(app.screen, GameScreen)


async def test_queued_orders_can_be_removed_and_changed(make_session: Any, make_app: Any) -> None:
    session = make_session("tobruk")
    app = make_app(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await queue_an_order(pilot, session, "tobruk")
        panel = screen_text(app.screen)
        assert "Action points 2 of 3 left" in panel
        await pilot.press("x")
        assert session.orders_of("tobruk") == []
        assert "Action points 3 of 3 left" in screen_text(app.screen)
        await queue_an_order(pilot, session, "tobruk")
        first = session.orders_of("tobruk")[0]
        await pilot.press("c")
        assert session.orders_of("tobruk") == []
        await pilot.press("down", "enter")
        changed = session.orders_of("tobruk")
        assert len(changed) == 1 and changed[0] != first and changed[0].order == first.order


async def test_orders_name_factions_and_regions_that_share_an_id(make_session: Any) -> None:
    session = make_session("tobruk")
    state = session.state
    pressure = next(o for o, _ in session.options("foreign") if o.order == "diplomatic_pressure")
    assert order_text(state.w, pressure.model_copy(update={"target": "tobruk"})) == (
        "Diplomatic pressure: Tobruk government"
    )
    strike = next(o for o, _ in session.options("dawn") if o.order == "mig_raid")
    raid = strike.model_copy(update={"target": "tobruk_city"})
    assert order_text(state.w, raid) == "MiG-23 raid: Tobruk"


async def test_layout_follows_the_terminal_width(make_session: Any, make_app: Any) -> None:
    app = make_app(make_session("tobruk"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        game = app.screen
        assert game.has_class("-narrow")
        assert not game.query_one("#sidebar").display
        await pilot.press("s")
        assert game.query_one("#game-tabs", TabbedContent).active == "tab-status"
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert game.has_class("-wide") and game.query_one("#sidebar").display
        assert game.query_one("#game-tabs", TabbedContent).active == "tab-map"
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert game.has_class("-narrow") and not game.query_one("#sidebar").display
        for widget in game.query("#game-top, #game-body, Footer"):
            assert widget.region.right <= 80 and widget.region.bottom <= 24


async def test_bots_only_game_plays_a_turn(make_session: Any, make_app: Any) -> None:
    session = make_session("tobruk")
    session.match.current.seats = [Seat(s.faction, BotSpec()) for s in session.seats]
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        game = app.screen
        assert isinstance(game, GameScreen) and game.faction is None
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen) and session.state.turn == 2


# -- map -------------------------------------------------------------------------------------


async def test_the_map_follows_arrow_keys_and_shows_details(
    make_session: Any, make_app: Any
) -> None:
    session = make_session("tobruk")
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        game_map = app.screen.query_one(MapView)
        details = app.screen.query_one("#details", Static)
        assert game_map.has_focus and game_map.selected == "tobruk_city"
        before = plain(details.content)
        await pilot.press("left")
        assert game_map.selected not in (None, "tobruk_city")
        after = plain(details.content)
        assert after != before
        assert session.state.w.regions[game_map.selected or ""].name in after
        game_map.select("es_sider")
        await pilot.press("right")
        assert game_map.selected == "ras_lanuf"
        text = plain(details.content)
        for words in (
            "Held by",
            "Tobruk government",
            "Terminal guards at Ras Lanuf 2",
            "Population 12,000",
            "Damage 50%",
            "Tanks ablaze 0 of 13",
            "Oil output",
        ):
            assert words in text
        builder = app.screen.query_one(OrderBuilder)
        highlighted = builder.query_one("#ob-targets", OptionList).highlighted
        assert highlighted is not None and builder.targets[highlighted][0].target == "ras_lanuf"
        await pilot.press("n")
        assert game_map.selected == "ajdabiya"
        await pilot.press("left")
        assert game_map.selected == "ras_lanuf"
        x, y = game_map.markers["tobruk_city"].at
        await pilot.click(MapView, offset=(x + 1, y))  # a click near a marker selects it
        assert game_map.selected == "tobruk_city"
        assert "Tobruk garrison 2" in plain(details.content)


async def test_markers_never_overlap_at_any_size(make_session: Any, make_app: Any) -> None:
    session = make_session("tobruk")
    for size in ((80, 24), (120, 40), (60, 16)):
        app = make_app(session)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            game_map = app.screen.query_one(MapView)
            cells: list[tuple[int, int]] = []
            for marker in game_map.markers.values():
                cells += [(marker.at[0] + c, marker.at[1]) for c in range(marker.width)]
                assert marker.at[0] >= 0 and marker.at[0] + marker.width <= game_map.size.width
            assert len(cells) == len(set(cells))
            assert set(game_map.markers) == set(session.state.w.region_ids)
            assert game_map.markers["sicily"].at[1] == 0  # off-map, in the top strip


def test_place_markers_shifts_to_the_nearest_free_cell() -> None:
    occ = Occupancy(20, 5)
    markers = [Marker("a", (5, 2), 1), Marker("b", (5, 2), 2), Marker("c", (5, 2), 1)]
    place_markers(markers, occ, (0, 4))
    assert markers[0].at == (5, 2)
    spots = {m.at for m in markers}
    assert len(spots) == 3
    again = [Marker("a", (5, 2), 1), Marker("b", (5, 2), 2), Marker("c", (5, 2), 1)]
    place_markers(again, Occupancy(20, 5), (0, 4))
    assert [m.at for m in again] == [m.at for m in markers]  # deterministic


def test_direction_and_labels() -> None:
    points = {"w": (0.0, 0.0), "e": (5.0, 0.5), "n": (0.5, -5.0), "far": (20.0, 0.0)}
    assert nearest_in_direction(points, "w", (1, 0)) == "e"
    assert nearest_in_direction(points, "w", (0, -1)) == "n"
    assert nearest_in_direction(points, "w", (-1, 0)) is None
    assert short_label("Al-Sidra (Es Sider)") == "Al-Sidra"
    assert short_label("Industrial belt west of Tripoli") == "Industrial"


# -- log, explanation, worker ------------------------------------------------------------------


async def test_the_log_explains_an_entry_with_its_rolls(make_session: Any, make_app: Any) -> None:
    session = make_session("tobruk")
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("enter")
        await pilot.press("l")
        log = app.screen.query_one(LogView)
        assert log.shown and all(e.source for e in log.shown)
        index = next(i for i, e in enumerate(log.shown) if e.rolls)
        entry = log.shown[index]
        await pilot.press(*["down"] * index, "enter")
        await pilot.pause()
        assert isinstance(app.screen, ExplainScreen)
        text = plain(app.screen.query_one("#explain-text", Static).content)
        flat = " ".join(text.split())  # long lines wrap at the screen's width
        assert entry.text in flat and entry.rule in flat, text
        for roll in entry.rolls:  # the purpose in names: "Libya Dawn air die 1"
            assert roll_text(session.state.w, roll.purpose) in text and roll.decided in text
        assert f"d{entry.rolls[0].sides}" in text
        assert (entry.source or "").split(",")[0] in text
        await pilot.press("escape")
        assert isinstance(app.screen, GameScreen)
        await pilot.press("f", "f")  # all -> Tobruk -> Dawn
        assert log.shown and all(e.faction == "dawn" for e in log.shown)
        assert "Faction Dawn" in plain(log.query_one("#log-filters", Static).content)


async def test_bots_think_in_a_worker_while_the_ui_responds(
    make_session: Any, make_app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = threading.Event()
    real = GameSession.bot_choices

    def slow(self: GameSession) -> list[Choice]:
        gate.wait(30)
        return real(self)

    monkeypatch.setattr(GameSession, "bot_choices", slow)
    session = make_session("tobruk")
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        game = app.screen
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(game, GameScreen) and game.thinking
        assert "bots thinking" in plain(game.query_one("#thinking", Static).content)
        assert game.query_one("#end-turn", Button).disabled
        selected = game.query_one(MapView).selected
        await pilot.press("n")
        assert game.query_one(MapView).selected != selected  # the UI still answers keys
        assert session.state.turn == 1
        gate.set()
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen) and session.state.turn == 2
        assert not game.thinking


# -- snapshots ---------------------------------------------------------------------------------


SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_game_screen(
    size: tuple[int, int], snap_compare: Any, make_session: Any, make_app: Any
) -> None:
    assert snap_compare(make_app(make_session("tobruk")), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_turn_summary(
    size: tuple[int, int], snap_compare: Any, make_session: Any, make_app: Any
) -> None:
    async def end_turn(pilot: Pilot[None]) -> None:
        await pilot.press("e")
        await settle(pilot)

    assert snap_compare(make_app(make_session("tobruk")), terminal_size=size, run_before=end_turn)


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_debrief(
    size: tuple[int, int], snap_compare: Any, make_session: Any, make_app: Any, tmp_path: Path
) -> None:
    session = make_session("tobruk")
    while not session.state.finished:
        session.end_turn()

    async def charts(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()

    assert snap_compare(make_app(session), terminal_size=size, run_before=charts)


# -- whole journeys through Sidra's own app ---------------------------------------------


async def _play_turns(pilot: Pilot[None], faction: str, turns: int | None) -> None:
    """From the game screen, play ``turns`` turns (None: to the debrief) by keyboard."""
    app = pilot.app
    played = 0
    for _ in range(200):
        screen = app.screen
        if isinstance(screen, DebriefScreen):
            return
        if isinstance(screen, GameScreen) and turns is not None and played >= turns:
            return
        if isinstance(screen, GameScreen):
            session = screen.session
            await queue_an_order(pilot, session, faction)
            await pilot.press("e")
            await settle(pilot)
            played += 1
        elif isinstance(screen, SummaryScreen | AssessmentScreen):
            await pilot.press("enter")
            await pilot.pause()
        else:
            raise AssertionError(f"unexpected screen {screen!r}")
    raise AssertionError("the game did not reach its end")


async def test_from_the_title_screen_to_the_debrief_by_keyboard(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from game.tui.app import SidraApp
    from game.tui.screens.briefing import BriefingScreen
    from game.tui.screens.title import TitleScreen

    monkeypatch.setattr("game.tui.screens.title.new_seed", lambda: 5)
    app = SidraApp(data_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TitleScreen)
        await pilot.press("n")  # New game: Tobruk human, the others normal bots
        await settle(pilot)
        assert isinstance(app.screen, BriefingScreen)
        await pilot.press("enter")  # Begin
        await settle(pilot)
        assert isinstance(app.screen, GameScreen)
        await _play_turns(pilot, "tobruk", None)
        assert isinstance(app.screen, DebriefScreen)
        session = app.session
        assert session is not None and session.state.outcome is not None
        assert session.state.outcome.reason in screen_text(app.screen)
    saves = list((tmp_path / "autosaves").glob("*.json"))
    assert len(saves) == 1, "one game, one autosave file, updated every turn"


async def test_quitting_mid_turn_and_continuing_restores_the_game(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from game.engine.state import state_hash
    from game.tui.app import SidraApp
    from game.tui.screens.dialogs import ConfirmDialog

    monkeypatch.setattr("game.tui.screens.title.new_seed", lambda: 8)
    app = SidraApp(data_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await _play_turns(pilot, "tobruk", 2)
        session = app.session
        assert session is not None and isinstance(app.screen, GameScreen)
        before = (session.state.turn, state_hash(session.state))
        await queue_an_order(pilot, session, "tobruk")  # the turn being entered
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog), "entered orders are not dropped silently"
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 0

    again = SidraApp(data_dir=tmp_path)
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")  # Continue the latest autosave: straight to the game
        await settle(pilot)  # the autosave is read on a worker thread
        assert isinstance(again.screen, GameScreen)
        restored = again.session
        assert restored is not None
        assert (restored.state.turn, state_hash(restored.state)) == before
        assert restored.seats == session.seats
        assert not restored.has_unsent_orders()


async def test_who_escalated_is_shown_on_screen(make_session: Any, make_app: Any) -> None:
    """After a turn, the status panel names each side's escalation and the summary itemises it."""
    from game.engine.orders import make

    session = make_session("tobruk")
    session.add_order(make("tobruk", "air_strike", "misrata"))
    session.add_order(make("tobruk", "ultimatum", "dawn"))
    app = make_app(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        summary = screen_text(app.screen)
        assert "Tobruk government +" in summary and "Ultimatum +1" in summary
        assert "attack on Misrata +1" in summary
        await pilot.press("enter")
        await settle(pilot)
        caused = session.state.faction("tobruk").escalation
        assert caused >= 2
        status = screen_text(app.screen)
        owners = next(line for line in status.splitlines() if "caused by" in line)
        assert f"Tobruk {caused}" in owners and "Dawn" in owners and "Foreign" in owners
        assert f"Escalation caused {caused}" in status


async def test_players_write_why_and_it_is_kept_secret_until_the_turn_resolves(
    make_session: Any, make_app: Any
) -> None:
    from game.tui.screens.note import NoteDialog

    session = make_session("tobruk", "dawn")
    app = make_app(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        if isinstance(app.screen, PrivacyScreen):
            await pilot.press("enter")
            await pilot.pause()
        await queue_an_order(pilot, session, "tobruk")
        order = session.orders_of("tobruk")[0]
        # On the queued order: a note on that order.
        app.screen.query_one("#ob-queued", OptionList).focus()
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, NoteDialog)
        await pilot.press(*"hold the coast", "enter")
        await pilot.pause()
        assert session.order_notes[order] == "hold the coast"
        assert "why: hold the coast" in screen_text(app.screen)
        # Anywhere else: a note on the whole turn.
        app.screen.query_one(MapView).focus()
        await pilot.press("w")
        await pilot.pause()
        await pilot.press(*"[bold]buy time[/]", "enter")
        await pilot.pause()
        assert session.intents == {"tobruk": "[bold]buy time[/]"}
        # Dawn's player takes the keyboard: Tobruk's notes are nowhere on screen.
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, PrivacyScreen)
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app.screen)
        assert "hold the coast" not in text and "buy time" not in text
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        summary = screen_text(app.screen)
        assert "why: hold the coast" in summary and "[bold]buy time[/]" in summary
    node = session.match.turns[-1]
    assert node.intents == {"tobruk": "[bold]buy time[/]"}
    assert [g.intent for g in node.orders if g.order == order] == ["hold the coast"]
    assert not session.intents and not session.order_notes


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_every_footer_key_is_shown_whole(
    size: tuple[int, int], make_session: Any, tmp_path: Path
) -> None:
    from textual.widgets._footer import FooterKey

    from game.tui.app import SidraApp

    app = SidraApp(data_dir=tmp_path)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        app.start_game(make_session("tobruk"))
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")  # past the briefing
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)
        for tab in ("o", "l", "m"):
            await pilot.press(tab)
            await pilot.pause()
            keys = [k for k in app.screen.query(FooterKey) if k.description]
            described = {k.description for k in keys}
            assert {"End turn", "Why…", "Quit", "Help", "Briefing"} <= described, described
            for key in keys:
                needed = len(key.key_display) + 1 + len(key.description)
                region = key.region
                assert region.right <= size[0], key.description
                assert region.width >= needed, f"{key.description!r} is cut at {size}"
