"""The order builder shows the engine's forecast: the numbers on screen are the engine's.

A real game (seed 3, the default scenario) is driven by key presses: open the orders,
pick an order type, and read the target list and the info pane.
"""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from game.engine.forecast import BattleForecast, StrikeForecast, forecast
from game.engine.orders import make
from game.tui.session import GameSession
from game.tui.target_note import lost, percent
from game.tui.widgets import OrderBuilder
from tests.tui.settle import settle


def plain(content: Any) -> str:
    """The text of a widget's content or an option's prompt."""
    return str(content.plain) if hasattr(content, "plain") else str(content)


async def pick_type(pilot: Pilot[None], order_id: str) -> OrderBuilder:
    """Open the order builder and choose an order type by arrow keys and Enter."""
    await settle(pilot)
    await pilot.press("o")
    builder = pilot.app.screen.query_one(OrderBuilder)
    index = builder.query_one("#ob-types", OptionList).get_option_index(order_id)
    await pilot.press("home", *["down"] * index, "enter")
    await pilot.pause()
    return builder


def info_text(builder: OrderBuilder) -> str:
    return plain(builder.query_one("#ob-info", Static).content)


def target_rows(builder: OrderBuilder) -> list[str]:
    return [plain(o.prompt) for o in builder.query_one("#ob-targets", OptionList).options]


async def test_attack_odds_on_screen_are_the_engines(make_session: Any, make_app: Any) -> None:
    session: GameSession = make_session("dawn")
    async with make_app(session).run_test(size=(120, 40)) as pilot:
        builder = await pick_type(pilot, "attack")
        found = forecast(session.state, make("dawn", "attack", "sirte", "misrata"))
        assert isinstance(found, BattleForecast) and found.attacks
        info = info_text(builder)
        odds = (
            f"Win {percent(found.win)} · stalemate {percent(found.draw)} · "
            f"lose {percent(found.loss)}"
        )
        assert odds in info
        assert f"Attack {found.attack_total} + die" in info
        assert f"Defence {found.defence_total} + die" in info
        assert "city streets +1" in info
        assert f"Expected losses: you {lost(found.mine_lost)}" in info
        assert "Tobruk can strike Misrata before you leave" in info
        row = next(r for r in target_rows(builder) if "Sirte" in r)
        assert f"{percent(found.win)} win" in row
        for raw in ("sirte", "misrata", "tobruk", "dawn"):
            assert raw not in info, "ids never reach the player"


async def test_strike_hit_chance_on_screen_is_the_engines(make_session: Any, make_app: Any) -> None:
    session: GameSession = make_session("tobruk")
    async with make_app(session).run_test(size=(120, 40)) as pilot:
        builder = await pick_type(pilot, "air_strike")
        rows = target_rows(builder)
        first = next(r for r in rows if r.startswith("✓"))
        place = next(
            rid
            for rid in session.state.w.region_ids
            if session.state.w.regions[rid].name.split(" (")[0] in first
        )
        found = forecast(session.state, make("tobruk", "air_strike", place))
        assert isinstance(found, StrikeForecast)
        info = info_text(builder)
        assert f"each hits on {found.need}+ ({percent(found.hit)})" in info
        assert f"at least one hit {percent(found.any_hit)}" in info
        assert f"hit {percent(found.hit)}" in first


def test_percentages_say_certain_only_when_certain() -> None:
    from fractions import Fraction

    assert percent(Fraction(0)) == "0%" and percent(Fraction(1)) == "100%"
    assert percent(Fraction(1, 1296)) == "1%"
    assert percent(Fraction(1295, 1296)) == "99%"
    assert percent(Fraction(7, 12)) == "58%"
    assert lost(Fraction(0)) == "0" and lost(Fraction(29, 12)) == "\u22122.4"
