"""Causes on screen: Explain itemises a change, the summary reports battles, contested
ground and the escalation alarm, and the debrief tells each person whether they won."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import OptionList, Static

from game.engine.orders import make
from game.engine.state import Outcome
from game.record.changes import turn_changes
from game.tui.screens.debrief import DebriefScreen
from game.tui.screens.explain import ExplainScreen
from game.tui.screens.summary import SummaryScreen
from game.tui.session import GameSession, TurnResult
from game.tui.widgets import LogView
from tests.tui.screen_text import plain
from tests.tui.settle import settle


def screen_text(screen: Screen[Any]) -> str:
    """Every static text and list option on a screen, one per line, as plain text."""
    parts = [plain(s.content) for s in screen.query(Static)]
    for options in screen.query(OptionList):
        parts += [plain(o.prompt) for o in options.options]
    return "\n".join(parts)


def flat(text: str) -> str:
    """Text with its line breaks undone (wrapping depends on the terminal's width)."""
    return " ".join(text.split())


async def end_turn(pilot: Pilot[None]) -> None:
    """End the turn, answering the question about unspent points if it is asked."""
    await pilot.press("e")
    await settle(pilot)
    if not isinstance(pilot.app.screen, SummaryScreen):
        await pilot.press("y")
        await settle(pilot)
    assert isinstance(pilot.app.screen, SummaryScreen)


def striking_session(make_session: Any) -> GameSession:
    session: GameSession = make_session("tobruk")
    session.add_order(make("tobruk", "air_strike", "misrata"))
    session.add_order(make("tobruk", "ultimatum", "dawn"))
    return session


async def test_explain_lists_every_cause_of_escalation(make_session: Any, make_app: Any) -> None:
    session = striking_session(make_session)
    app: App[None] = make_app(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await end_turn(pilot)
        summary = flat(screen_text(app.screen))
        assert session.last is not None
        spent = (
            session.last.after.faction("tobruk").treasury
            - session.state.w.factions["tobruk"].treasury
        )
        assert f"Tobruk government treasury {spent:+}: " in summary
        assert "oil export revenue +" in summary and "pays its fighters" in summary
        await pilot.press("enter", "l")
        await pilot.pause()
        log = app.screen.query_one(LogView)
        index = next(i for i, e in enumerate(log.shown) if e.kind == "escalation")
        entry = log.shown[index]
        await pilot.press(*["down"] * index, "enter")
        await pilot.pause()
        assert isinstance(app.screen, ExplainScreen)
        text = flat(screen_text(app.screen))
        assert "What it changed" in text
        total = sum(c.delta for c in entry.changes)
        assert f"Escalation {total:+}" in text
        assert len(entry.changes) >= 3  # the strike, the ultimatum, and others' acts
        for change in entry.changes:
            assert change.why in text
            assert f"{change.delta:+}" in text
        assert "Tobruk government: attack on Misrata" in text
        assert "Tobruk government: Ultimatum" in text


async def test_the_summary_reports_battles_and_strikes_from_the_log(
    make_session: Any, make_app: Any
) -> None:
    session: GameSession = make_session("dawn")
    session.add_order(make("dawn", "attack", "sirte", "misrata"))
    app: App[None] = make_app(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await end_turn(pilot)
        text = flat(screen_text(app.screen))
        assert "Battles and strikes" in text
        assert session.last is not None
        advance = next(e for e in session.last.log if e.kind == "move" and e.faction == "dawn")
        battle = next(e for e in session.last.log if e.kind == "battle")
        assert flat(advance.text) in text  # the attack, then how it was fought
        assert text.index(flat(advance.text)) < text.index(flat(battle.text))
        totals = [r.decided for r in battle.rolls]
        assert f"{totals[0]} against {totals[1]}" in text  # both totals with their dice
        assert "Contested or undefended" in text


async def test_the_summary_names_contested_and_undefended_regions(
    make_session: Any, make_app: Any
) -> None:
    session: GameSession = make_session("tobruk")
    app: App[None] = make_app(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await end_turn(pilot)
        await pilot.press("enter")
        await pilot.pause()
        last = session.last
        assert last is not None
        after = last.after.clone()
        # Dawn forces stand in Misrata and walk into Ajdabiya beside Tobruk's garrison;
        # Sirte, next to Misrata, is Tobruk's with nobody in it.
        first, second = [u for u in after.units if u.faction == "dawn" and u.kind == "ground"][:2]
        first.region, first.strength = "misrata", max(1, first.strength)
        second.region, second.strength = "ajdabiya", max(1, second.strength)
        assert any(u.faction == "tobruk" and u.region == "ajdabiya" for u in after.units)
        for unit in after.units:
            if unit.region == "sirte":
                unit.strength = 0
        after.region("sirte").controller = "tobruk"
        result = TurnResult(
            last.before, after, last.log, turn_changes(last.before, after), last.bot_choices
        )
        app.push_screen(SummaryScreen(session, result))
        await pilot.pause()
        text = flat(screen_text(app.screen))
        assert "Ajdabiya: contested by Tobruk government and Libya Dawn" in text
        assert "Sirte: Tobruk government holds it with no ground forces; Libya Dawn" in text


async def test_the_summary_warns_when_escalation_nears_its_maximum(
    make_session: Any, make_app: Any
) -> None:
    session = striking_session(make_session)
    app: App[None] = make_app(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await end_turn(pilot)
        last = session.last
        assert last is not None
        top = last.after.w.tracks["escalation"].max
        calm = SummaryScreen(session, last)
        app.push_screen(calm)
        await pilot.pause()
        assert "every side loses" not in flat(screen_text(app.screen))
        after = last.after.clone()
        after.tracks["escalation"] = top - 2
        hot = TurnResult(last.before, after, last.log, last.changes, last.bot_choices)
        app.push_screen(SummaryScreen(session, hot))
        await pilot.pause()
        text = flat(screen_text(app.screen))
        assert f"Escalation {top - 2} of {top}" in text
        assert "every side loses" in text and "2 points to go" in text
        assert "What drove it over the last 1 turn" in text
        assert "Tobruk government +" in text and "attack on Misrata +1" in text


def finish(session: GameSession, winner: str, result: str = "win") -> None:
    state = session.state
    ranking = [winner, *[f for f in state.w.faction_ids if f != winner]]
    reason = f"{state.w.factions[winner].name} won decisively (margins: ...)."
    state.outcome = Outcome(result, winner, state.turn, reason, ranking)


async def test_the_debrief_tells_a_human_winner_they_won(make_session: Any, make_app: Any) -> None:
    session: GameSession = make_session("foreign")
    finish(session, "foreign")
    app: App[None] = make_app(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        if not isinstance(app.screen, DebriefScreen):
            app.push_screen(DebriefScreen(session))
            await pilot.pause()
        text = flat(screen_text(app.screen))
        assert text.index("You won") < text.index("Final standing")
        assert "Foreign powers wins" not in text


async def test_hot_seat_players_each_read_their_own_result(
    make_session: Any, make_app: Any
) -> None:
    session: GameSession = make_session("tobruk", "dawn")
    finish(session, "dawn")
    app: App[None] = make_app(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(DebriefScreen(session))
        await pilot.pause()
        text = flat(screen_text(app.screen))
        assert "Tobruk government: You lost: Libya Dawn won" in text
        assert "Libya Dawn: You won" in text
        assert text.index("You lost") < text.index("Final standing")


def test_an_attack_on_a_place_emptied_by_raids_says_it_was_taken_without_a_battle(
    make_session: Any,
) -> None:
    from game.engine.resolve import resolve_turn
    from game.tui.turn_report import battles_and_strikes

    session: GameSession = make_session("dawn")
    state = session.state.clone()
    for unit in state.units:
        if unit.region == "sirte" and unit.faction == "tobruk":
            unit.strength = 0  # as if raids had emptied it before the ground phase
    _, log = resolve_turn(state, [make("dawn", "attack", "sirte", "misrata")])
    assert not any(e.kind == "battle" for e in log)
    text = flat(battles_and_strikes(state.w, log).plain)
    assert "Libya Dawn attacks Sirte from Misrata" in text
    assert "no defenders were left in Sirte: taken without a battle" in text


def test_an_attack_that_did_not_go_is_listed_with_the_battles(make_session: Any) -> None:
    from game.engine.log import LogEntry
    from game.tui.turn_report import battles_and_strikes

    session: GameSession = make_session("tobruk")
    stalled = LogEntry(
        turn=1,
        phase="ground",
        kind="stalled",
        text="Tobruk government cannot carry out Attack from Sirte to Misrata: no ground "
        "forces are left in Sirte.",
        faction="tobruk",
        region="misrata",
        rule="attack: only ground forces standing in the starting region when the turn began go",
    )
    text = flat(battles_and_strikes(session.state.w, [stalled]).plain)
    assert "cannot carry out Attack from Sirte to Misrata" in text
    assert "nobody stood" not in text and "without a battle" not in text
