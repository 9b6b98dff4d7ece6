"""The teacher's pack on the help page: glossary, timeline and questions on the source.

The pack is a file beside the scenario (see :mod:`game.scenario.pack`); it is read when
the help page opens, from the folder of the scenario file in play, in replay or
selected on the title screen. A missing or broken pack is one line saying why, never a
crash. Every text is the pack's own and shown as text (``Content``), never as markup.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from game.scenario.dates import long_date
from game.scenario.errors import ScenarioError
from game.scenario.models import Scenario
from game.scenario.pack import Pack, read_pack

if TYPE_CHECKING:
    from textual.app import App


def scenario_file_of(app: App[Any]) -> str | Path | None:
    """The file of the scenario the help page describes: the game in play, the match
    shown in replay, or the scenario selected on the title screen; None if none."""
    from game.record.match import Match
    from game.tui.screens.title import TitleScreen

    session = getattr(app, "session", None)
    match = getattr(session, "match", None)
    if not isinstance(match, Match):
        match = getattr(app.screen, "match", None)
    if isinstance(match, Match):
        return match.scenario.file
    for screen in reversed(app.screen_stack):
        if isinstance(screen, TitleScreen) and screen.selected is not None:
            return screen.selected.path
    return None


def pack_widgets(scenario: Scenario | None, scenario_file: str | Path | None) -> ComposeResult:
    """The help page's part for the teacher's pack ``scenario`` names; nothing if it
    names none."""
    if scenario is None or not scenario.story.pack:
        return
    pack: Pack | None = None
    note = ""
    if scenario_file is None:
        note = f"The teacher's pack '{scenario.story.pack}' is not available here."
    else:
        try:
            pack = read_pack(scenario, scenario_file)
        except ScenarioError as exc:
            note = f"The teacher's pack could not be read: {exc.problems[0]}"
    title = pack.title if pack is not None else "Teacher's pack"
    yield Static(Content(title), classes="section-title", id="pack-title")
    if pack is None:
        yield Static(Content(note), classes="note", id="pack-note")
        return
    if pack.intro:
        yield Static(Content(pack.intro), classes="note")
    if pack.term:
        yield Static("Glossary", classes="pack-heading")
        lines = [
            f"{t.term}: {t.meaning}" + (f" ({t.source})" if t.source else "") for t in pack.term
        ]
        yield Static(Content("\n\n".join(lines)), id="pack-glossary", classes="pack-body")
    if pack.event:
        day = pack.source_date
        published = long_date(day)
        yield Static("Timeline", classes="pack-heading")
        yield Static(
            Content(
                f"✓ the source (published {published}) could know it; "
                "· it came later. In brackets: the source's paragraph, or an outside reference."
            ),
            classes="note",
        )
        rows = []
        for entry in pack.timeline():
            mark = "✓" if pack.known(entry) else "·"
            where = entry.source or entry.reference
            rows.append(f"{mark} {entry.label()}: {entry.text}" + (f" [{where}]" if where else ""))
        yield Static(Content("\n".join(rows)), id="pack-timeline", classes="pack-body")
    if pack.question:
        yield Static("Questions on the source", classes="pack-heading")
        numbered = [f"{i}. {q}" for i, q in enumerate(pack.question, 1)]
        yield Static(Content("\n".join(numbered)), id="pack-questions", classes="pack-body")
