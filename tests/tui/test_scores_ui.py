"""Scores on screen: every side's standing, the projection of queued orders, the meter.

Pilot drives the game screen (seed 3 of the default scenario) and every number asserted
is computed by the engine functions the panel claims to show (``standings``,
``Projector.project``), so the screen and the engine cannot drift apart.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.pilot import Pilot
from textual.theme import Theme
from textual.widgets import OptionList, Static, TabbedContent

from game.engine.projection import project
from game.engine.standing import margin_rule, standings
from game.engine.state import GameState
from game.tui.widgets import FactionPanel, OrderBuilder, TracksPanel
from game.tui.widgets.score_text import ordinal, signed


def panel_text(app: Any, where: str) -> str:
    """The plain text of the faction panel under ``where`` (``#sidebar`` or ``#tab-status``)."""
    panel = app.screen.query_one(f"{where} FactionPanel", FactionPanel)
    content = panel.content
    assert isinstance(content, Text)
    return content.plain


def escalation_label(app: Any, where: str) -> Text:
    """The escalation line of the tracks panel under ``where``."""
    tracks = app.screen.query_one(f"{where} TracksPanel", TracksPanel)
    label = tracks.query(Static).filter(".track-label")
    found = [s.content for s in label if "Escalation" in str(s.content)]
    assert len(found) == 1 and isinstance(found[0], Text)
    return found[0]


def standing_lines(state: GameState, faction: str) -> list[str]:
    """The rows the panel must show, from the engine: glyph, name, margin, rank, score."""
    w = state.w
    rows = sorted(standings(state), key=lambda s: s.rank)
    width = max(len(w.factions[s.faction].short) for s in rows)
    return [
        f"{'▸' if s.faction == faction else ' '} {w.factions[s.faction].glyph} "
        f"{w.factions[s.faction].short:<{width}} {signed(s.margin):>3}  "
        f"{ordinal(s.rank)}, {s.score} of {s.target}"
        for s in rows
    ]


async def queue(pilot: Pilot[None], kind: str) -> None:
    """Queue the first target of catalogue entry ``kind`` by keyboard in the order builder."""
    await pilot.press("o")
    builder = pilot.app.screen.query_one(OrderBuilder)
    index = builder.query_one("#ob-types", OptionList).get_option_index(kind)
    await pilot.press("home", *["down"] * index, "enter", "enter")
    await pilot.pause()


async def test_every_sides_margin_is_on_the_status_panel_from_turn_one(
    make_session: Any, make_app: Any
) -> None:
    session = make_session("tobruk")
    app = make_app(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert session.state.turn == 1 and not session.state.w.is_assessment(1)
        text = panel_text(app, "#sidebar")
        due = session.state.w.scenario.meta.assessment_every
        assert f"Standing now (margin, as if assessed today; next assessment after turn {due})" in (
            " ".join(text.split())
        )
        for row in standing_lines(session.state, "tobruk"):
            assert row in text.splitlines()
        rule = margin_rule(session.state)
        assert rule[1:] in " ".join(text.split())
        for s in standings(session.state):
            if s.faction == "tobruk":
                continue
            short = session.state.w.factions[s.faction].short
            assert f"{short} score {s.score}: " in text
            for term in s.terms:
                if term.points:
                    assert f"{term.label} {signed(term.points)}" in " ".join(text.split())
        assert "No orders queued" in text


async def test_the_status_tab_shows_the_standing_at_80x24(make_session: Any, make_app: Any) -> None:
    session = make_session("dawn")
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert app.screen.query_one("#game-tabs", TabbedContent).active == "tab-status"
        text = panel_text(app, "#tab-status")
        for row in standing_lines(session.state, "dawn"):
            assert row in text.splitlines()


async def test_queuing_an_order_shows_the_engines_projection(
    make_session: Any, make_app: Any
) -> None:
    session = make_session("tobruk")
    app = make_app(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await queue(pilot, "air_strike")
        orders = session.orders_of("tobruk")
        assert [o.order for o in orders] == ["air_strike"]
        p = project(session.state, "tobruk", orders)
        text = panel_text(app, "#sidebar")
        esc = p.escalation
        assert esc.high > 0 and esc.moved
        reach = f"{esc.lowest}" + ("" if esc.certain else f" to {esc.highest}")
        assert f"Escalation {esc.current} → {reach} (your orders {signed(esc.mean)}" in text
        legit = p.legitimacy
        if not legit.moved:
            assert f"Legitimacy {legit.current}, unchanged by your orders" in text
        else:
            assert f"Legitimacy {legit.current} → {legit.lowest}" in text
        assert f"{p.samples} sets of dice" in text
        meter = escalation_label(app, "#sidebar").plain
        assert f"if the turn ends now: → {reach} (your orders {signed(esc.mean)}), projected" in (
            meter
        )
        assert f"at {session.state.w.tracks['escalation'].max} every side loses" in meter

        await queue(pilot, "ultimatum")
        orders = session.orders_of("tobruk")
        assert sorted(o.order for o in orders) == ["air_strike", "ultimatum"]
        both = project(session.state, "tobruk", orders)
        assert both.escalation.mean == esc.mean + session.state.w.orders["ultimatum"].escalation
        text = panel_text(app, "#sidebar")
        assert f"(your orders {signed(both.escalation.mean)}" in text

        await pilot.press("x", "x")
        await pilot.pause()
        assert session.orders_of("tobruk") == []
        assert "No orders queued" in panel_text(app, "#sidebar")
        assert "your orders" not in escalation_label(app, "#sidebar").plain


async def test_escalation_near_its_maximum_stands_out_in_the_themes_colour(
    make_session: Any, make_app: Any
) -> None:
    session = make_session("tobruk")
    top = session.state.w.tracks["escalation"].max
    session.state.tracks["escalation"] = top - 2
    app = make_app(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()

        def alarm_colour() -> str:
            label = escalation_label(app, "#sidebar")
            start = label.plain.index("2 from the maximum")
            styles = [s.style for s in label.spans if s.start <= start < s.end]
            colours = [s.color for s in styles if not isinstance(s, str) and s.color]
            assert colours, "the warning has no colour"
            triplet = colours[-1].get_truecolor()
            return triplet.hex.lower()

        assert alarm_colour() == str(app.theme_variables["error"]).lower()
        app.register_theme(Theme(name="alarm-test", primary="#3050a0", error="#00ff7f"))
        app.theme = "alarm-test"
        await pilot.pause()
        assert alarm_colour() == "#00ff7f"  # drawn again in the new theme's colours
        assert f"at {top} every side loses" in escalation_label(app, "#sidebar").plain


async def test_the_next_hot_seat_player_sees_no_projection_of_the_first_ones_orders(
    make_session: Any, make_app: Any
) -> None:
    from game.engine.orders import spent
    from game.tui.screens.privacy import PrivacyScreen

    session = make_session("tobruk", "dawn")
    for kind in ("air_strike", "military_zone"):  # every action point Tobruk has
        legal = [o for o, why in session.options("tobruk") if why is None and o.order == kind]
        session.add_order(legal[0])
    ap = session.state.w.factions["tobruk"].action_points
    assert spent(session.state, session.orders_of("tobruk"))[0] == ap  # nothing to confirm
    app = make_app(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PrivacyScreen)
        await pilot.press("enter")
        await pilot.pause()
        mine = project(session.state, "tobruk", session.orders_of("tobruk")).escalation
        assert f"Escalation {mine.current} → {mine.lowest}" in panel_text(app, "#sidebar")
        assert "your orders" in escalation_label(app, "#sidebar").plain
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, PrivacyScreen)
        await pilot.press("enter")
        await pilot.pause()
        text = panel_text(app, "#sidebar")
        assert text.startswith(f"{session.state.w.factions['dawn'].glyph} Libya Dawn")
        assert "No orders queued" in text and f"→ {mine.lowest}" not in text
        assert "your orders" not in escalation_label(app, "#sidebar").plain
        for row in standing_lines(session.state, "dawn"):
            assert row in text.splitlines()


async def test_a_game_of_bots_still_shows_every_sides_standing(
    make_session: Any, make_app: Any
) -> None:
    session = make_session("nobody")  # no faction of that name: every seat is a bot
    assert session.humans() == []
    app = make_app(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = panel_text(app, "#sidebar")
        assert text.startswith("Bots only")
        for row in standing_lines(session.state, ""):
            assert row in text.splitlines()
        assert "▸" not in text and "If you end the turn now" not in text
