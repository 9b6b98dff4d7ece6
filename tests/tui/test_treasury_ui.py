"""The treasury on screen: the order builder says what a recruit costs now and every
turn after, and after a turn the log shows each side's payroll with the rule behind it."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.widgets import OptionList, Static

from game.engine.economy import payroll_due
from game.engine.orders import make
from game.tui.screens.explain import ExplainScreen
from game.tui.screens.game import GameScreen
from game.tui.screens.summary import SummaryScreen
from game.tui.session import GameSession
from game.tui.widgets import LogView
from tests.tui.screen_text import plain
from tests.tui.settle import settle


def shown(app: App[None]) -> str:
    """Every static text and list option on the current screen as one line (wrapping
    undone)."""
    parts = [plain(s.content) for s in app.screen.query(Static)]
    for options in app.screen.query(OptionList):
        parts += [plain(o.prompt) for o in options.options]
    return " ".join(" ".join(parts).split())


async def test_the_builder_says_a_recruit_costs_treasury_now_and_payroll_after(
    make_session: Any, make_app: Any
) -> None:
    session: GameSession = make_session("tobruk")
    app: App[None] = make_app(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        types = app.screen.query_one("#ob-types", OptionList)
        names = [plain(types.get_option_at_index(i).prompt) for i in range(types.option_count)]
        index = next(i for i, name in enumerate(names) if "Recruit" in name)
        types.focus()
        types.highlighted = index
        await pilot.pause()
        text = shown(app)
        price = session.state.w.orders["recruit"].price
        assert f"Recruit: 1 AP · {price} treasury" in text
        assert "a larger payroll every turn after" in text
        assert "those the treasury cannot pay desert" in text


async def test_the_log_shows_the_payroll_and_explains_desertion(
    make_session: Any, make_app: Any
) -> None:
    session: GameSession = make_session("tobruk")
    session.add_order(make("tobruk", "recruit", "ajdabiya"))
    app: App[None] = make_app(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await settle(pilot)
        if not isinstance(app.screen, SummaryScreen):
            await pilot.press("y")  # points left unspent: end the turn anyway
            await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        assert session.last is not None
        due = payroll_due(session.last.after, "tobruk")
        await pilot.press("enter", "l")
        await pilot.pause()
        log = app.screen.query_one(LogView)
        index = next(
            i for i, e in enumerate(log.shown) if e.kind == "payroll" and e.faction == "tobruk"
        )
        assert f"Tobruk government pays its fighters {due} of a payroll of {due}" in shown(app)
        await pilot.press(*["down"] * index, "enter")
        await pilot.pause()
        assert isinstance(app.screen, ExplainScreen)
        text = shown(app)
        assert "1 treasury for every 1 ground strength" in text
        assert "every treasury point short makes 1 strength desert" in text


async def test_the_status_panel_shows_the_payroll_due_with_queued_recruits(
    make_session: Any, make_app: Any
) -> None:
    session: GameSession = make_session("tobruk")
    app: App[None] = make_app(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        due = payroll_due(session.state, "tobruk")
        assert due > 0
        assert f"Payroll {due} due at the end of the turn" in shown(app)
        recruit = make("tobruk", "recruit", "ajdabiya")
        session.add_order(recruit)
        screen = app.screen
        assert isinstance(screen, GameScreen)
        screen.refresh_view()
        await pilot.pause()
        power = session.state.w.orders["recruit"].power
        with_recruit = payroll_due(session.state, "tobruk", power)
        assert with_recruit > due
        assert f"Payroll {with_recruit} due at the end of the turn" in shown(app)
