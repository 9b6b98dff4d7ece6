"""The help screen: keys, the phases of a turn, how to win, and every order's rules.

The rules reference is generated from the scenario's order catalogue by
:mod:`game.tui.describe`, so it is always the rules the engine applies, for any
scenario. The keys are the bindings active on the screen help was opened from.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from game.scenario.models import Scenario
from game.tui.describe import PHASES, orders_reference, victory_rules
from game.tui.screens.about_source import about_source_widgets
from game.tui.screens.pack_part import pack_widgets, scenario_file_of

if TYPE_CHECKING:
    from textual.app import App

NOISE = frozenset(
    {
        "app.focus_next",
        "app.focus_previous",
        "screen.copy_text",
        "screen.maximize",
        "screen.minimize",
        "focus_next",
        "focus_previous",
    }
)
"""Generic bindings every screen has; the help screen leaves them out."""


def screen_keys(app: App[Any]) -> list[tuple[str, str]]:
    """(key, what it does) for the app's current screen: the footer's keys plus the
    hidden screen and app keys, without the generic widget navigation noise."""
    keys: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for key, active in app.screen.active_bindings.items():
        binding = active.binding
        if binding.system or not binding.description or key in ("ctrl+c", "ctrl+q"):
            continue
        if binding.action in ("command_palette", "app.command_palette"):
            continue
        own = active.node is app.screen or active.node is app
        if not binding.show and not (own and binding.action not in NOISE):
            continue
        row = (app.get_key_display(binding), binding.description)
        if row not in seen:
            seen.add(row)
            keys.append(row)
    keys.append(("tab, shift+tab", "Move between controls"))
    keys.append(("ctrl+p", "Command palette: every action, and themes"))
    return keys


class HelpScreen(Screen[None]):
    """Rules reference and key list; Escape (or F1) returns to where the player was."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1", "close", "Close"),
    ]

    def __init__(self, scenario: Scenario | None, keys: Sequence[tuple[str, str]] = ()) -> None:
        """``keys`` are (key, what it does) pairs of the screen help was opened from."""
        super().__init__(id="help")
        self.scenario = scenario
        self.keys = list(keys)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="help-body", classes="reading"):
            title = self.scenario.meta.title if self.scenario else "Sidra"
            yield Static(Content(f"Help — {title}"), classes="page-title")
            yield from self._keys()
            yield from self._replay()
            yield Static("A turn, phase by phase", classes="section-title")
            yield Static(
                Content(
                    "\n".join(f"{i}. {name}: {what}" for i, (name, what) in enumerate(PHASES, 1))
                ),
                id="help-phases",
            )
            if self.scenario is None:
                yield Static("Choose a scenario to see how to win and its orders.", classes="note")
                return
            yield Static("How to win", classes="section-title")
            yield Static(Content("\n".join(victory_rules(self.scenario))), id="help-victory")
            yield Static("Orders", classes="section-title")
            yield Static(
                "Each order costs action points (AP, refilled every turn) and sometimes "
                "treasury. A source is a document the scenario is built from, such as a "
                "paragraph p1, p2 ... (Enter on a log line shows it), 'context: ...' (outside "
                "knowledge, with its reference) or 'design' (added for playability).",
                classes="note",
            )
            for entry in orders_reference(self.scenario):
                with Vertical(classes="order-entry", id=f"order-{entry.id}"):
                    yield Static(Content(entry.name), classes="order-name")
                    if entry.description:
                        yield Static(Content(entry.description), classes="order-description")
                    yield Static(Content("\n".join(entry.lines())), classes="order-facts")
            yield from about_source_widgets(self.scenario)
            yield from pack_widgets(self.scenario, scenario_file_of(self.app))
        yield Footer()

    def _keys(self) -> ComposeResult:
        if not self.keys:
            return
        yield Static("Keys", classes="section-title")
        width = max(len(k) for k, _ in self.keys)
        yield Static(
            Content("\n".join(f"{key:<{width}}  {what}" for key, what in self.keys)),
            id="help-keys",
        )

    def _replay(self) -> ComposeResult:
        """How to open the replay viewer, and its keys (from its own bindings)."""
        from game.tui.screens.replay import ReplayScreen

        yield Static("Replaying a saved game", classes="section-title")
        yield Static(
            Content(
                "sidra replay SAVE, Replay a saved game on the title screen (r), or Replay "
                "in the Load dialog opens the replay viewer: a timeline of the turns (◆ "
                "assessment, ! events, ✎ notes, ↗ variations), the map, panels and log as of "
                "any turn, every order with the bots' reasons and the players' notes."
            ),
            classes="note",
        )
        rows = []
        for binding in ReplayScreen.BINDINGS:
            if isinstance(binding, Binding) and binding.description:
                keys = ", ".join(k.strip() for k in binding.key.split(","))
                if "," not in binding.key and binding.key_display:
                    keys = binding.key_display
                what = binding.description
                if "(" not in binding.action:  # a one-job action: its docstring says more
                    action = getattr(ReplayScreen, f"action_{binding.action}", None)
                    doc = (action.__doc__ or "").strip().splitlines() if action else []
                    what = f"{what}: {doc[0]}" if doc else what
                rows.append((keys, what))
        width = max(len(k) for k, _ in rows)
        yield Static(
            Content("\n".join(f"{key:<{width}}  {what}" for key, what in rows)),
            id="help-replay",
        )

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        """Back to the previous screen."""
        self.dismiss(None)
