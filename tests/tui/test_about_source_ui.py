"""The source named and weighed: a reader of the briefing alone (or of the help page)
can say who published the default scenario's source, from what stance, and name
things it leaves out. The words come from the scenario's ``[[briefing.about_source]]``
and are shown as text, never as markup."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from game.ai.registry import BotSpec, Seat
from game.scenario.loader import load_scenario
from game.tui.app import SidraApp
from game.tui.screens.about_source import TITLE
from game.tui.screens.briefing import BriefingScreen
from game.tui.screens.help import HelpScreen
from game.tui.session import GameSession
from tests.tui.conftest import SCENARIO
from tests.tui.screen_text import plain

OMISSIONS = (
    "House of Representatives",
    "General National Congress",
    "Supreme Court ruling of 6 November 2014",
    "Operation Dignity",
    "Egypt and the United Arab Emirates",
    "Qatar and Turkey",
    "Petroleum Facilities Guard",
)
"""What the article leaves out, as the briefing must name it (issue 11, point 3)."""


def session(tmp_path: Path, text: str | None = None) -> GameSession:
    """A new game of the default scenario (or of ``text``), Tobruk played by a person."""
    text = SCENARIO.read_text(encoding="utf-8") if text is None else text
    seats = [Seat("tobruk"), Seat("dawn", BotSpec()), Seat("foreign", BotSpec())]
    return GameSession.new(text, str(SCENARIO), seats, 5, tmp_path / "autosaves")


def shown(app: SidraApp) -> str:
    """The text of every static widget on the screen, on one line."""
    texts = (plain(s.content) for s in app.screen.query(Static).results(Static))
    return " ".join(" ".join(texts).split())


def about_part(text: str) -> str:
    """The screen's text from the "About the source" heading on."""
    assert TITLE in text, f"no {TITLE!r} part on the screen"
    return text[text.index(TITLE) :]


async def test_the_briefing_names_the_publisher_the_stance_and_what_it_leaves_out(
    tmp_path: Path,
) -> None:
    app = SidraApp(session=session(tmp_path), data_dir=tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        about = about_part(shown(app))
        assert "World Socialist Web Site" in about
        assert "30 December 2014" in about
        assert "hostile to both Libyan camps" in about
        assert "supports neither" in about
        left_out = about[about.index("What it leaves out") : about.index("What later reporting")]
        assert [name for name in OMISSIONS if name not in left_out] == []
        assert "since May" in about and "Libya Dawn formed in July" in about


LATER = {
    "dec25-attack": "speedboat",
    "misrata-strikes": "steel factory",
    "tanks-ablaze": "on fire",
    "misrata-military-zone": "military zone",
    "mig23-raid": "MiG-23",
}
"""History events after the start date, each with a word of what they tell."""


async def test_the_briefing_starts_on_the_start_date_and_leaves_later_events_to_the_ribbon(
    tmp_path: Path,
) -> None:
    """What happened after 13 December is not told as past in the situation; the
    history ribbon brings it on its own date."""
    scenario = load_scenario(SCENARIO)
    app = SidraApp(session=session(tmp_path), data_dir=tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        text = shown(app)
        situation = " ".join(" ".join(scenario.briefing.situation).split())
        assert situation in text and situation.startswith("13 December 2014.")
    events = {e.id: e for e in scenario.event}
    for event_id, word in LATER.items():
        event = events[event_id]
        assert event.history and word in event.text
        assert (event.date or scenario.meta.start) > scenario.meta.start or (event.turn or 1) > 1
        assert word not in situation, f"the briefing tells {event_id} before it happens"


async def test_the_help_page_shows_the_same_account_of_the_source(tmp_path: Path) -> None:
    app = SidraApp(session=session(tmp_path), data_dir=tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        about = about_part(shown(app))
        for section in load_scenario(SCENARIO).briefing.about_source:
            assert section.heading in about
        assert "World Socialist Web Site" in about and "Petroleum Facilities Guard" in about


async def test_the_account_of_the_source_is_shown_as_text_not_markup(tmp_path: Path) -> None:
    text = SCENARIO.read_text(encoding="utf-8").replace(
        'heading = "Who published it"', 'heading = "[bold red]Who[/] published it"', 1
    )
    app = SidraApp(session=session(tmp_path, text), data_dir=tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert "[bold red]Who[/] published it" in about_part(shown(app))


async def test_the_briefing_quotes_only_what_was_said_by_the_start_date(tmp_path: Path) -> None:
    """Every quote of the default scenario carries its date; the briefing's key quotes are
    those said by 13 December, and later words (the spokesman on the Misrata strikes, the
    oil company's 30 December figure) wait for the events that cite them."""
    scenario = load_scenario(SCENARIO)
    start = scenario.meta.start
    quotes = scenario.briefing.quotes
    assert all(q.date is not None for q in quotes)
    said = [q for q in quotes if q.known_by(start)]
    later = [q for q in quotes if not q.known_by(start)]
    assert said and later
    app = SidraApp(session=session(tmp_path), data_dir=tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        text = shown(app)
        key = text[text.index("Key quotes") : text.index(TITLE)]
        assert all(q.text in key for q in said)
        assert [q.text for q in later if q.text in key] == []
