"""The order builder's flow and the question before ending a turn early, by keyboard.

Tab walks order types → targets → queued; a type without a target is added with one
Enter; each type's mark says what blocks it as a whole; Foreign's Move is greyed; `e`
with points left asks (n keeps the turn, y ends it, d ends it and stops asking, and the
setting lives in a file of the test's own settings folder). Dialogs answer arrow keys.
Everything is asserted on what the screen shows.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Label, OptionList, Static

from game.engine.menu import legal_orders
from game.engine.orders import type_problem
from game.record.words import order_text, place_name
from game.tui import settings
from game.tui.screens.dialogs import ConfirmDialog, EndTurnDialog
from game.tui.screens.game import GameScreen
from game.tui.screens.summary import SummaryScreen
from game.tui.session import GameSession
from game.tui.widgets import OrderBuilder
from tests.tui.screen_text import plain


def rows(pilot: Pilot[None], list_id: str) -> list[str]:
    """The text of every option of one of the builder's lists."""
    options = pilot.app.screen.query_one(list_id, OptionList)
    return [plain(o.prompt) for o in options.options]


def type_row(pilot: Pilot[None], type_id: str) -> str:
    options = pilot.app.screen.query_one("#ob-types", OptionList)
    return plain(options.get_option(type_id).prompt)


async def go_to_type(pilot: Pilot[None], type_id: str) -> None:
    """Orders tab, then the arrow keys down to the type ``type_id``."""
    await pilot.press("o", "home")
    index = pilot.app.screen.query_one("#ob-types", OptionList).get_option_index(type_id)
    await pilot.press(*["down"] * index)


def ask_before_ending(on: bool) -> None:
    settings.forget()
    settings.current().update(confirm_end_turn=on)


# -- Tab, Enter, marks -------------------------------------------------------------------


async def test_tab_walks_types_targets_queued_and_back(make_session: Any, make_app: Any) -> None:
    session = make_session("tobruk")
    app = make_app(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("o")
        focused = lambda: app.screen.focused.id if app.screen.focused else None  # noqa: E731
        assert focused() == "ob-types"
        await pilot.press("tab")
        assert focused() == "ob-targets"
        await pilot.press("tab")
        assert focused() == "ob-queued"
        await pilot.press("shift+tab")
        assert focused() == "ob-targets"
        await pilot.press("shift+tab")
        assert focused() == "ob-types"
        await pilot.press("tab", "tab", "tab")
        assert focused() not in ("ob-types", "ob-targets", "ob-queued"), "Tab leaves the builder"


async def test_one_enter_adds_an_order_without_a_target(make_session: Any, make_app: Any) -> None:
    session = make_session("tobruk")
    app = make_app(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to_type(pilot, "negotiate")
        await pilot.press("enter")
        await pilot.pause()
        queue = session.orders_of("tobruk")
        assert [o.order for o in queue] == ["negotiate"]
        line = order_text(session.state.w, queue[0])
        assert rows(pilot, "#ob-queued") == [line]
        assert f"Queued: {line}" in plain(app.screen.query_one("#ob-info", Static).content)
        assert "2 AP left" in plain(app.screen.query_one("#game-status", Static).content)
        # The type is now used up, and its row says so as a whole.
        assert "✗ Negotiate (1): ordered 1 of 1 time this turn" in type_row(pilot, "negotiate")
        assert app.screen.focused is not None and app.screen.focused.id == "ob-types"


async def test_the_attack_row_says_the_per_turn_limit(make_session: Any, make_app: Any) -> None:
    session = make_session("tobruk")
    state = session.state
    # Two fronts: Dawn holds Es Sider too, so Tobruk can attack from Sirte and Ras Lanuf.
    for unit in state.units:
        if unit.id == "sidra_guard":
            unit.region = "sirte"
        if unit.id == "amazigh_south":
            unit.region = "es_sider"
    state.region("es_sider").controller = "dawn"
    app = make_app(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to_type(pilot, "attack")
        assert type_row(pilot, "attack").startswith("✓ Attack (1)")
        await pilot.press("enter", "enter")  # the first target
        await pilot.pause()
        assert len(session.orders_of("tobruk")) == 1
        # One of two given: the other front can still be attacked, so the type is legal.
        assert type_row(pilot, "attack").startswith("✓ Attack (1)")
        assert "already ordered" not in type_row(pilot, "attack")
        targets = rows(pilot, "#ob-targets")
        assert targets[0].startswith("✓ ") and place_name(state.w, "es_sider") in targets[0]
        await pilot.press("home", "enter")
        await pilot.pause()
        assert [o.order for o in session.orders_of("tobruk")] == ["attack", "attack"]
        row = type_row(pilot, "attack")
        assert row == "✗ Attack (1): ordered 2 of 2 times this turn"
        expected = type_problem(
            state, "tobruk", state.w.orders["attack"], session.orders_of("tobruk")
        )
        assert row.endswith(str(expected))
        info = plain(app.screen.query_one("#ob-info", Static).content)
        assert "Attack cannot be given now: ordered 2 of 2 times this turn" in info


async def test_types_with_no_legal_target_are_greyed(make_session: Any, make_app: Any) -> None:
    session = make_session("foreign")
    state = session.state
    app = make_app(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        legal = {o.order for o in legal_orders(state, "foreign")}
        catalogue = [o.id for o in state.w.usable["foreign"]]
        order_of = catalogue.index
        for otype in state.w.usable["foreign"]:
            row = type_row(pilot, otype.id)
            if otype.id in legal:
                assert row.startswith(f"✓ {otype.name}"), row
            else:
                problem = str(type_problem(state, "foreign", otype))
                assert row == f"✗ {otype.name} ({otype.cost}): {problem.split(' (')[0]}"
        assert type_row(pilot, "move") == "✗ Move (1): no forces or targets for it now"
        assert "Attack" not in "\n".join(rows(pilot, "#ob-types"))
        # The first type that can be given is highlighted; Move shows why it cannot.
        types = app.screen.query_one("#ob-types", OptionList)
        assert types.highlighted == types.get_option_index(sorted(legal, key=order_of)[0])
        await pilot.press("home")
        assert rows(pilot, "#ob-targets") == ["Nothing Move could target now."]
        info = plain(app.screen.query_one("#ob-info", Static).content)
        assert "Move cannot be given now: no forces or targets for it now" in info
        intervene = type_problem(state, "foreign", state.w.orders["intervene"])
        if intervene is not None:
            await pilot.press("end")
            assert f"Intervene cannot be given now: {intervene}" in plain(
                app.screen.query_one("#ob-info", Static).content
            )


async def test_out_of_points_is_said_once(make_session: Any, make_app: Any) -> None:
    session = make_session("tobruk")
    for order in ("negotiate", "ultimatum"):
        session.add_order(
            next(o for o in legal_orders(session.state, "tobruk") if o.order == order)
        )
    session.add_order(next(o for o in legal_orders(session.state, "tobruk") if o.order == "move"))
    app = make_app(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        title = plain(app.screen.query_one("#ob-types-title", Label).content)
        assert "no action points left: e ends the turn" in title
        types = rows(pilot, "#ob-types")
        assert all(row.startswith("✗ ") and ":" not in row for row in types), types


async def test_each_legal_target_row_carries_the_hint(
    make_session: Any, make_app: Any, monkeypatch: Any
) -> None:
    monkeypatch.setattr(
        "game.tui.widgets.order_builder.target_row_hint",
        lambda state, order, queued=(): f"hint for {order.target}",
    )
    session = make_session("tobruk")
    app = make_app(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to_type(pilot, "air_strike")
        builder = app.screen.query_one(OrderBuilder)
        for (order, reason), row in zip(builder.targets, rows(pilot, "#ob-targets"), strict=True):
            assert (f"hint for {order.target}" in row) == (reason is None)


# -- ending the turn early ---------------------------------------------------------------


async def test_e_with_points_left_asks_first(make_session: Any, make_app: Any) -> None:
    ask_before_ending(True)
    session = make_session("tobruk")
    app = make_app(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to_type(pilot, "negotiate")
        await pilot.press("enter")
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EndTurnDialog)
        question = plain(app.screen.query_one(".dialog-question", Static).content)
        assert question == "You have 2 of 3 action points unspent. End the turn anyway?"
        assert app.screen.focused is not None and app.screen.focused.id == "keep"
        await pilot.press("enter")  # the default keeps the turn
        await pilot.pause()
        assert isinstance(app.screen, GameScreen) and session.state.turn == 1
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, GameScreen) and session.state.turn == 1
        assert [o.order for o in session.orders_of("tobruk")] == ["negotiate"]
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen) and session.state.turn == 2


async def test_nothing_queued_asks_and_dont_ask_again_sticks(
    make_session: Any, make_app: Any, settings_folder: Path
) -> None:
    ask_before_ending(True)
    session = make_session("tobruk")
    app = make_app(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EndTurnDialog)
        question = plain(app.screen.query_one(".dialog-question", Static).content)
        assert question == "You have queued no orders this turn. End the turn anyway?"
        await pilot.press("right")  # arrow keys walk the buttons
        assert app.screen.focused is not None and app.screen.focused.id == "end_and_stop_asking"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen) and session.state.turn == 2
        saved = json.loads((settings_folder / settings.FILE_NAME).read_text(encoding="utf-8"))
        assert saved == {
            "confirm_end_turn": False,
            "high_contrast": False,
            "tutorial_offered": False,
        }
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("e")  # no question any more: the turn ends at once
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen) and session.state.turn == 3


async def test_with_the_setting_off_e_ends_at_once(make_session: Any, make_app: Any) -> None:
    ask_before_ending(False)
    session = make_session("tobruk")
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen) and session.state.turn == 2


async def test_all_points_spent_does_not_ask(make_session: Any, make_app: Any) -> None:
    ask_before_ending(True)
    session = make_session("tobruk")
    for order in ("negotiate", "ultimatum", "move"):
        session.add_order(
            next(o for o in legal_orders(session.state, "tobruk") if o.order == order)
        )
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)


async def test_the_palette_turns_the_question_on_and_off(make_session: Any, make_app: Any) -> None:
    ask_before_ending(True)
    session = make_session("tobruk")
    app = make_app(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"stop asking")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert settings.current().settings.confirm_end_turn is False
        assert any("ends the turn at once" in n.message for n in app._notifications)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"ask before ending")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert settings.current().settings.confirm_end_turn is True
        settings.forget()
        assert settings.current().settings.confirm_end_turn is True, "it was written"


async def test_confirm_dialog_answers_arrow_keys(make_session: Any, make_app: Any) -> None:
    session = make_session("tobruk")
    app = make_app(session)
    answers: list[bool] = []
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ConfirmDialog("Quit?"), answers.append)
        await pilot.pause()
        dialog = app.screen
        assert dialog.focused is not None and dialog.focused.id == "no"
        for key, expected in (("left", "yes"), ("right", "no"), ("up", "yes"), ("down", "no")):
            await pilot.press(key)
            assert dialog.focused is not None and dialog.focused.id == expected, key
        await pilot.press("left", "enter")
        await pilot.pause()
    assert answers == [True]


# -- the settings file ---------------------------------------------------------------------


def test_missing_settings_are_the_defaults(tmp_path: Path) -> None:
    store = settings.SettingsStore.load(tmp_path / "nothing" / settings.FILE_NAME)
    assert store.settings.confirm_end_turn is True
    assert store.take_problem() is None


def test_a_broken_settings_file_is_said_once_and_the_defaults_used(tmp_path: Path) -> None:
    path = tmp_path / settings.FILE_NAME
    cases = {
        "not json": "{confirm_end_turn: no",
        "unknown key": '{"confirm_end_turn": true, "rm -rf": 1}',
        "wrong type": '{"confirm_end_turn": "yes"}',
        "not an object": "[1, 2]",
        "too large": '{"confirm_end_turn": false' + " " * settings.SIZE_LIMIT + "}",
        "binary": "\udcff",
    }
    for name, text in cases.items():
        path.write_bytes(text.encode("utf-8", "surrogateescape"))
        store = settings.SettingsStore.load(path)
        assert store.settings == settings.Settings(), name
        problem = store.take_problem()
        assert problem is not None and str(path) in problem and "defaults" in problem, name
        assert "Traceback" not in problem
        assert store.take_problem() is None, "said once"
    path.unlink()
    path.mkdir()
    store = settings.SettingsStore.load(path)
    assert store.settings == settings.Settings()
    assert "cannot be read" in str(store.take_problem())


def test_settings_are_written_atomically_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "deeper" / settings.FILE_NAME
    store = settings.SettingsStore.load(path)
    assert store.update(confirm_end_turn=False) is None
    assert json.loads(path.read_text(encoding="utf-8")) == {
        "confirm_end_turn": False,
        "high_contrast": False,
        "tutorial_offered": False,
    }
    assert [p.name for p in path.parent.iterdir()] == [settings.FILE_NAME]
    assert settings.SettingsStore.load(path).settings.confirm_end_turn is False


def test_a_settings_folder_that_cannot_be_written_keeps_the_choice(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    store = settings.SettingsStore.load(blocker / settings.FILE_NAME)
    problem = store.update(confirm_end_turn=False)
    assert problem is not None and "cannot be written" in problem
    assert store.settings.confirm_end_turn is False, "holds for this run"


def test_the_config_folder_follows_the_environment(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setenv(settings.CONFIG_ENV, str(tmp_path))
    assert settings.settings_path() == tmp_path / settings.FILE_NAME


def test_the_question_is_only_asked_when_an_order_could_be_added(make_session: Any) -> None:
    session: GameSession = make_session("tobruk")
    assert session.end_turn_question("tobruk") == (
        "You have queued no orders this turn. End the turn anyway?"
    )
    session.add_order(next(o for o in legal_orders(session.state, "tobruk")))
    assert session.end_turn_question("tobruk") == (
        "You have 2 of 3 action points unspent. End the turn anyway?"
    )


async def test_the_note_dialog_answers_arrow_keys(make_session: Any, make_app: Any) -> None:
    from game.tui.screens.note import NoteDialog

    session = make_session("tobruk")
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, NoteDialog)
        await pilot.press(*"hold", "down")  # from the text box to the buttons
        assert dialog.focused is not None and dialog.focused.id == "keep"
        await pilot.press("right")
        assert dialog.focused is not None and dialog.focused.id == "cancel"
        await pilot.press("left", "enter")
        await pilot.pause()
    assert session.intents == {"tobruk": "hold"}
