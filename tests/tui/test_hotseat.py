"""Hot-seat privacy: the second player sees nothing of the first player's turn.

Tobruk's player picks a region on the map, filters the log, opens an order type only
Tobruk has, queues an order with it and ends. Dawn's player then takes the keyboard:
nothing on the screen (every widget's text, hidden tabs included, and the drawn screen
itself) names Tobruk's order or its type, and the builder, the map selection, the
details and the tab are exactly what a player sitting down to a fresh game as Dawn sees.
"""

from __future__ import annotations

import html
import re
from typing import Any

from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import OptionList, Static, TabbedContent

from game.record.words import order_text
from game.tui.screens.game import GameScreen
from game.tui.screens.privacy import PrivacyScreen
from game.tui.widgets import LogView, MapView, OrderBuilder
from tests.tui.screen_text import plain


def widget_text(screen: Screen[Any]) -> str:
    """Every Static's and Label's text and every list option, shown or in a hidden tab."""
    parts = [plain(s.content) for s in screen.query(Static)]
    for options in screen.query(OptionList):
        parts += [plain(o.prompt) for o in options.options]
    return "\n".join(parts)


SVG_TEXT = re.compile(r'clip-path="url\(#[^)]*-line-(\d+)\)">(.*?)</text>')


def drawn_text(app: App[Any]) -> str:
    """The characters on the terminal, line by line, from the app's own screenshot."""
    lines: dict[int, list[str]] = {}
    for match in SVG_TEXT.finditer(app.export_screenshot()):
        lines.setdefault(int(match.group(1)), []).append(html.unescape(match.group(2)))
    return "\n".join("".join(lines[n]).replace("\xa0", " ") for n in sorted(lines))


def toasts(app: App[Any]) -> str:
    """The title and text of every notification still to be shown."""
    return "\n".join(f"{n.title}: {n.message}" for n in app._notifications)


def view(screen: GameScreen) -> dict[str, object]:
    """What a player sitting down sees of the builder, map, details, log and tabs."""
    builder = screen.query_one(OrderBuilder)
    log = screen.query_one(LogView)
    return {
        "kind": builder.kind,
        "message": builder.message.plain,
        "types": builder.query_one("#ob-types", OptionList).highlighted,
        "targets": builder.query_one("#ob-targets", OptionList).highlighted,
        "targets scrolled": builder.query_one("#ob-targets", OptionList).scroll_y,
        "queued": [plain(o.prompt) for o in builder.query_one("#ob-queued", OptionList).options],
        "info": plain(builder.query_one("#ob-info", Static).content),
        "selected": screen.query_one(MapView).selected,
        "details": plain(screen.query_one("#details", Static).content),
        "log filters": (log.faction_filter, log.kind_filter),
        "tab": screen.query_one("#game-tabs", TabbedContent).active,
        "focus": type(screen.focused).__name__,
    }


async def fresh_view(make_session: Any, make_app: Any, size: tuple[int, int]) -> dict[str, object]:
    """Dawn's screen when Dawn is the only player and has just sat down."""
    app = make_app(make_session("dawn"))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, GameScreen) and app.screen.faction == "dawn"
        return view(app.screen)


async def tobruk_plays(pilot: Pilot[None], game: GameScreen) -> list[str]:
    """Tobruk's player looks around and queues an air strike; the words it leaves behind."""
    session = game.session
    await pilot.press("m", "n", "n", "n")  # another region on the map
    await pilot.press("l", "f", "f")  # the log filtered by a faction
    await pilot.press("o", "home")
    types = game.query_one("#ob-types", OptionList)
    await pilot.press(*["down"] * types.get_option_index("air_strike"), "enter")
    builder = game.query_one(OrderBuilder)
    legal = [i for i, (_, reason) in enumerate(builder.targets) if reason is None]
    await pilot.press(*["down"] * legal[-1], "enter")
    refused = [i for i, (_, reason) in enumerate(builder.targets) if reason is not None]
    await pilot.press("home", *["down"] * refused[0], "enter")  # a refusal, as a toast
    await pilot.pause()
    assert "Order not allowed" in toasts(pilot.app)
    await pilot.press("up", "up")  # a highlight on the way to another target
    await pilot.pause()
    queued = session.orders_of("tobruk")
    assert [o.order for o in queued] == ["air_strike"]
    secret = order_text(session.state.w, queued[0])
    assert secret in widget_text(game)
    return [secret, "Air strike", f"Queued: {secret}", "Order not allowed", "Not added"]


async def check_hand_over(
    make_session: Any, make_app: Any, size: tuple[int, int], every_tab: bool
) -> None:
    expected = await fresh_view(make_session, make_app, size)
    session = make_session("tobruk", "dawn")
    app = make_app(session)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PrivacyScreen)
        await pilot.press("enter")
        await pilot.pause()
        game = app.screen
        assert isinstance(game, GameScreen) and game.faction == "tobruk"
        secrets = await tobruk_plays(pilot, game)
        assert view(game) != expected

        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, PrivacyScreen)
        assert not any(s in drawn_text(app) for s in secrets)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is game and game.faction == "dawn"
        shown = "\n".join((widget_text(game), drawn_text(app), toasts(app)))
        for secret in secrets:
            assert secret not in shown, secret
        assert view(game) == expected
        # Every tab, opened by Dawn's player, shows nothing of Tobruk's turn either.
        for tab in ("o", "l", "s", "m") if every_tab else ():
            await pilot.press(tab)
            await pilot.pause()
            drawn = drawn_text(app)
            assert not any(secret in drawn for secret in secrets), tab


async def test_the_second_player_sees_nothing_of_the_first_at_80x24(
    make_session: Any, make_app: Any
) -> None:
    await check_hand_over(make_session, make_app, (80, 24), every_tab=True)


async def test_the_second_player_sees_nothing_of_the_first_at_120x40(
    make_session: Any, make_app: Any
) -> None:
    await check_hand_over(make_session, make_app, (120, 40), every_tab=False)


async def test_the_first_player_of_the_next_turn_starts_fresh(
    make_session: Any, make_app: Any
) -> None:
    """After the turn, Tobruk's player sits down to a screen Dawn's player left nothing on."""
    session = make_session("tobruk", "dawn")
    app = make_app(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")  # privacy: Tobruk
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("enter")  # privacy: Dawn
        await pilot.pause()
        game = app.screen
        assert isinstance(game, GameScreen) and game.faction == "dawn"
        await pilot.press("o", "home")
        types = game.query_one("#ob-types", OptionList)
        await pilot.press(*["down"] * types.get_option_index("mig_raid"), "enter", "enter")
        await pilot.pause()
        assert [o.order for o in session.orders_of("dawn")] == ["mig_raid"]
        await pilot.press("e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")  # the turn summary
        await pilot.pause()
        assert isinstance(app.screen, PrivacyScreen) and app.screen.faction.id == "tobruk"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is game and game.faction == "tobruk"
        builder = game.query_one(OrderBuilder)
        assert builder.kind == "move" and builder.message.plain == ""
        assert game.query_one("#game-tabs", TabbedContent).active == "tab-map"
        assert "MiG-23 raid" not in plain(builder.query_one("#ob-info", Static).content)
