"""What the screens show of a scenario's story comes from the scenario: the sources and
fact sheet in Explain, the history label in the debrief."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App
from textual.widgets import Static

from game.ai.registry import BotSpec, Seat
from game.scenario.loader import load_scenario
from game.scenario.story_files import read_fact_sheet
from game.tui.screens.debrief import DebriefScreen
from game.tui.screens.explain import ExplainScreen
from game.tui.session import GameSession
from game.tui.widgets import LogView
from tests.tui.conftest import SCENARIO, seats
from tests.tui.screen_text import plain


def flat(text: str) -> str:
    return " ".join(text.split())


def shown(app: App[None], selector: str = "Static") -> str:
    return flat("\n".join(plain(s.content) for s in app.screen.query(selector).results(Static)))


async def open_explain(app: App[None], session: GameSession, pilot: Any) -> tuple[str, str]:
    """End the turn, then Enter on the first log line citing a source with facts; returns
    the id of that source and the explanation's text."""
    facts = read_fact_sheet(load_scenario(SCENARIO), SCENARIO)
    assert facts is not None
    with_facts = facts.by_source()
    await pilot.press("e")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("enter", "l")
    await pilot.pause()
    log = app.screen.query_one(LogView)
    index, source = next(
        (i, s)
        for i, e in enumerate(log.shown)
        for s in (e.source or "").split(",")
        if s in with_facts
    )
    await pilot.press(*["down"] * index, "enter")
    await pilot.pause()
    assert isinstance(app.screen, ExplainScreen)
    return source, shown(app)


async def test_explain_shows_the_cited_sources_title_and_facts(
    make_session: Any, make_app: Any
) -> None:
    session: GameSession = make_session("tobruk")
    scenario = session.state.w.scenario
    app: App[None] = make_app(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        source, text = await open_explain(app, session, pilot)
    facts = read_fact_sheet(scenario, SCENARIO)
    assert facts is not None
    title = next(s.title for s in scenario.source if s.id == source)
    assert flat(f"{source} {title}") in text
    assert flat(facts.by_source()[source][0])[:60] in text
    assert "could not be read" not in text


async def test_explain_without_the_fact_sheet_shows_the_sources_and_says_why(
    scenario_text: str, tmp_path: Path, make_app: Any
) -> None:
    # A save opened where the scenario's folder is not: the scenario text is embedded,
    # the fact sheet is not, so the sources are named and the facts left out, with a note.
    elsewhere = tmp_path / "moved" / "oil_crescent_2014.toml"
    elsewhere.parent.mkdir()
    elsewhere.write_text(scenario_text, encoding="utf-8")
    session = GameSession.new(scenario_text, str(elsewhere), seats(("tobruk",)), 3, tmp_path)
    scenario = session.state.w.scenario
    app: App[None] = make_app(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        source, text = await open_explain(app, session, pilot)
    title = next(s.title for s in scenario.source if s.id == source)
    assert flat(f"{source} {title}") in text
    assert "The fact sheet could not be read:" in text
    assert "fact sheet 'oil_crescent_2014/facts.toml': no such file" in text
    assert "•" not in text


async def test_the_debrief_heads_the_history_column_with_the_scenarios_label(
    scenario_text: str, tmp_path: Path, make_app: Any
) -> None:
    for label in ("in 2014", "as it went in the record"):
        text = scenario_text.replace('history_label = "in 2014"', f'history_label = "{label}"')
        session = GameSession.new(text, str(SCENARIO), seats(("tobruk",)), 3, tmp_path)
        app: App[None] = make_app(session)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            app.push_screen(DebriefScreen(session))
            await pilot.pause()
            await pilot.press("h")
            await pilot.pause()
            history = shown(app, "#debrief-history")
        assert f"turn {label} this game" in history
        assert "Misrata declared a military zone (p10)" in history


async def test_a_made_up_setting_has_no_empty_history_column(tmp_path: Path, make_app: Any) -> None:
    """The tutorial has no history entries: its debrief says so instead of heading an
    empty column with the historical record."""
    tutorial = SCENARIO.parent / "tutorial.toml"
    text = tutorial.read_text(encoding="utf-8")
    first, *others = (f.id for f in load_scenario(tutorial).faction)
    tutorial_seats = [Seat(first), *(Seat(f, BotSpec()) for f in others)]
    session = GameSession.new(text, str(tutorial), tutorial_seats, 3, tmp_path)
    app: App[None] = make_app(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(DebriefScreen(session))
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        history = shown(app, "#debrief-history")
    assert "no history entries to compare with" in history
    assert "historical record" not in history and "turn this game" in history
