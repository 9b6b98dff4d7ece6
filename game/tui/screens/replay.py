"""The replay viewer: step through a saved game turn by turn, like a slide show.

:class:`ReplayScreen` keeps one :class:`~game.record.cursor.Cursor` (a line and a
position on it) and shows the state there with the live game's own widgets: the map,
the faction panels, the tracks (over the turns up to the cursor) and the log, whose
Enter opens the same explanation of the rule, every roll and the sources.
Above them the :class:`~game.tui.widgets.timeline.Timeline` marks assessments,
events, notes and branch points; the *Turn* tab lists every order with the bots'
reasons and the players' notes, what changed, and the dice.

Space and the arrows step, Home/End go to the first and last turn, ``g`` jumps to a
turn. Notes (``a`` ``e`` ``d``) are written into the save at once; ``b`` plays a new
line from the cursor in the game screen; ``l`` switches line, ``c`` compares two, ``w``
opens the what-if fan, ``x`` exports the handout. The actions live in
:mod:`replay_actions`, the dialogs in :mod:`replay_dialogs`, the Turn tab's text in
:mod:`replay_view`.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.widgets import OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from game.engine.state import GameState
from game.record.cursor import Cursor
from game.record.history import MAIN, Annotation
from game.record.match import Match
from game.record.words import short_date
from game.tui.screens.explain import ExplainScreen
from game.tui.screens.replay_actions import ReplayActions
from game.tui.screens.replay_dialogs import JumpDialog
from game.tui.screens.replay_view import Row, turn_rows, viewpoint_name
from game.tui.widgets import FactionPanel, LogView, MapView, RegionDetails, TracksPanel
from game.tui.widgets.key_footer import KeyFooter
from game.tui.widgets.timeline import Timeline, timeline_cells

WIDE = 110
"""From this many columns the faction panels and tracks sit in a sidebar."""


class ReplayScreen(ReplayActions):
    """A saved game, turn by turn, with notes, lines, comparisons and the what-if fan."""

    CSS_PATH = "replay.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority: the map and the lists must not take the slide-show keys.
        Binding("space,right,n", "next", "Next", key_display="→", priority=True),
        Binding("left,p,backspace", "previous", "Prev", key_display="←", priority=True),
        Binding("home", "first", "First", priority=True),
        Binding("end", "last", "Last", priority=True),
        Binding("g", "jump", "Go to"),
        Binding("v", "viewpoint", "View"),
        Binding("a", "add_note", "Note"),
        Binding("e", "edit_note", "Edit"),
        Binding("d", "delete_note", "Delete"),
        Binding("b", "branch", "Play here"),
        Binding("l", "lines", "Lines"),
        Binding("c", "compare", "Compare"),
        Binding("w", "whatif", "What-if"),
        Binding("x", "export", "Export"),
        Binding("q,escape", "close", "Close"),
        Binding("m", "show_tab('tab-map')", "Map tab", show=False),
        Binding("t", "show_tab('tab-turn')", "Turn tab", show=False),
        Binding("r", "show_tab('tab-log')", "Log tab", show=False),
        Binding("s", "show_tab('tab-status')", "Status tab", show=False),
        Binding(
            "full_stop", "cycle_region(1)", "Next place on the map", key_display=".", show=False
        ),
        Binding(
            "comma", "cycle_region(-1)", "Previous place on the map", key_display=",", show=False
        ),
        Binding("ctrl+s", "save_as", "Save a copy", show=False),
    ]

    def __init__(self, match: Match, path: Path) -> None:
        super().__init__(match, path)
        line = match.line if match.line in match.history.lines else MAIN
        self.cursor = Cursor(match.history, line, 0)
        self.viewpoint: str | None = None
        self.rows: list[Row] = []
        self.stale: set[str] = set()
        """Tabs (and the sidebar) not drawn since the cursor last moved."""

    # -- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        world = self.match.world
        yield Static(id="replay-status")
        yield Timeline(id="timeline")
        with Horizontal(id="replay-body"):
            with TabbedContent(initial="tab-map", id="replay-tabs"):
                with TabPane("Map m", id="tab-map"), Horizontal(id="replay-map-row"):
                    yield MapView(id="replay-map")
                    with VerticalScroll(id="replay-details-scroll"):
                        yield Static(id="replay-region-notes")
                        yield RegionDetails(id="replay-details")
                with TabPane("Turn t", id="tab-turn"):
                    yield OptionList(id="turn-rows")
                with TabPane("Log r", id="tab-log"):
                    yield LogView(world, id="replay-log")
                with TabPane("Status s", id="tab-status"), VerticalScroll(classes="status-scroll"):
                    yield from self._status_widgets()
            with VerticalScroll(id="replay-sidebar"):
                yield from self._status_widgets()
        yield KeyFooter()

    def _status_widgets(self) -> ComposeResult:
        yield TracksPanel(self.match.world, classes="tracks-panel")
        for fid in self.match.world.faction_ids:
            yield FactionPanel(classes=f"faction-panel faction-{fid}")

    def on_mount(self) -> None:
        self.refresh_view()
        self.query_one(MapView).focus()
        if self.match.frozen is not None:
            self.notify(
                f"{self.match.frozen[0].upper()}{self.match.frozen[1:]}. Notes can still be "
                "written; playing from a turn and the what-if fan cannot.",
                title="A game played under older rules",
                severity="warning",
                timeout=15,
            )

    def on_screen_resume(self) -> None:
        """Back from a branch played in the game screen, or a dialog: the history may be new."""
        if self.cursor.line not in self.match.history.lines:
            self.cursor.switch(MAIN)
        self.cursor.position = min(self.cursor.position, self.cursor.end)
        self.refresh_view()

    def on_resize(self, event: Resize) -> None:
        tabs = self.query_one("#replay-tabs", TabbedContent)
        if event.size.width >= WIDE:
            if tabs.active == "tab-status":
                tabs.active = "tab-map"
            tabs.hide_tab("tab-status")
        else:
            tabs.show_tab("tab-status")
        self._draw_visible()

    # -- showing the cursor ---------------------------------------------------------------

    def states(self) -> list[GameState]:
        """The start and the state after every turn up to the cursor (for the tracks)."""
        path = self.match.history.path(self.cursor.line)[: self.cursor.position]
        return [self.match.history.initial] + [node.state for node in path]

    def refresh_view(self) -> None:
        """Show the cursor, from the chosen viewpoint: the top now, the rest as it is seen.

        The timeline, the status line and whatever is on screen are drawn at once; a
        hidden tab is drawn when it is shown. Stepping through a game with a projector
        then redraws only what the class sees.
        """
        history = self.match.history
        cursor = self.cursor
        self.rows = turn_rows(history, cursor.line, cursor.position, self.viewpoint)
        self.query_one(Timeline).show(
            timeline_cells(history, cursor.line, self.match.world),
            cursor.position,
            cursor.line,
            cursor.variations(),
        )
        self.query_one("#replay-status", Static).update(self._status())
        self.stale = {"tab-map", "tab-turn", "tab-log", "tab-status", "replay-sidebar"}
        self._draw_visible()

    def _draw_visible(self) -> None:
        """Draw the parts on screen that do not show the cursor yet."""
        shown = [self.query_one("#replay-tabs", TabbedContent).active]
        if self.size.width >= WIDE:
            shown.append("replay-sidebar")
        for part in shown:
            if part in self.stale:
                self.stale.discard(part)
                self._draw(part)

    def _draw(self, part: str) -> None:
        """Draw one tab (or the sidebar) as of the cursor."""
        cursor = self.cursor
        state = cursor.state
        if part == "tab-map":
            notes = self.match.history.notes_at(cursor.line, cursor.position)
            game_map = self.query_one(MapView)
            game_map.show_state(state)
            game_map.mark_regions(n.region for n in notes if n.region is not None)
            self._show_region(game_map.selected)
        elif part == "tab-turn":
            rows = self.query_one("#turn-rows", OptionList)
            keep = rows.highlighted
            rows.set_options([Option(r.prompt, disabled=r.heading) for r in self.rows])
            if keep is not None and keep < len(self.rows):
                rows.highlighted = keep
        elif part == "tab-log":
            node = cursor.node
            self.query_one(LogView).show(node.log if node is not None else [])
        else:
            box = self.query_one(f"#{part}")
            for fid in self.match.world.faction_ids:
                for panel in box.query(f".faction-{fid}").results(FactionPanel):
                    panel.display = self.viewpoint in (None, fid)
                    panel.show(state, fid)
            box.query_one(TracksPanel).show(self.states())

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.tabbed_content.id == "replay-tabs":
            self._draw_visible()

    def _status(self) -> Content:
        """The top line: where the viewer stands, on which line, from which view."""
        w = self.match.world
        cursor = self.cursor
        if cursor.position == 0:
            where = Content.styled(f" Start · {short_date(w.date_of(1))} ", "bold reverse $accent")
        else:
            day = short_date(w.date_of(cursor.position))
            where = Content.styled(
                f" Turn {cursor.position} of {cursor.end} · {day} ",
                "bold reverse $accent",
            )
        parts = [where, Content("  line "), Content.styled(cursor.line, "bold")]
        parts.append(Content.styled(f" · {viewpoint_name(w, self.viewpoint)}", "$text-muted"))
        notes = len(self.match.history.notes_at(cursor.line, cursor.position))
        if notes:
            parts.append(Content.styled(f" · ✎ {notes}", "bold $warning"))
        if self.unsaved:
            parts.append(Content.styled(" · notes NOT saved (ctrl+s)", "bold $error"))
        if self.match.frozen is not None:
            parts.append(Content.styled(" · view only (older rules)", "bold $warning"))
        elif cursor.state.finished:
            parts.append(Content.styled(" · game over", "bold"))
        return Content.assemble(*parts)

    def _show_region(self, region: str | None) -> None:
        if region is None:
            return
        state = self.cursor.state
        self.query_one(RegionDetails).show(state, region)
        notes = [
            n
            for n in self.match.history.notes_at(self.cursor.line, self.cursor.position)
            if n.region == region
        ]
        box = self.query_one("#replay-region-notes", Static)
        box.display = bool(notes)
        box.update(
            Content("\n").join(Content.assemble(("✎ ", "bold $warning"), n.text) for n in notes)
        )

    # -- messages ---------------------------------------------------------------------------

    def on_map_view_region_selected(self, message: MapView.RegionSelected) -> None:
        self.chosen_region = message.region_id
        self._show_region(message.region_id)

    def on_log_view_explain(self, message: LogView.Explain) -> None:
        file = self.match.scenario.file
        explain = ExplainScreen(
            self.match.world, message.entry, message.turn_log, scenario_file=file
        )
        self.app.push_screen(explain)

    def on_timeline_jump(self, message: Timeline.Jump) -> None:
        self.cursor.jump(message.position)
        self.refresh_view()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id != "turn-rows":
            return
        event.stop()
        if 0 <= event.option_index < len(self.rows):
            row = self.rows[event.option_index]
            if row.entry is not None:
                file = self.match.scenario.file
                self.app.push_screen(ExplainScreen(self.match.world, row.entry, scenario_file=file))
            elif row.note is not None:
                self.edit(row.note)

    def highlighted_note(self) -> Annotation | None:
        """The note under the Turn tab's highlight, if the Turn tab is showing one."""
        if self.query_one("#replay-tabs", TabbedContent).active != "tab-turn":
            return None
        index = self.query_one("#turn-rows", OptionList).highlighted
        if index is None or not 0 <= index < len(self.rows):
            return None
        return self.rows[index].note

    # -- moving -----------------------------------------------------------------------------

    def action_next(self) -> None:
        """One turn forward."""
        if self.cursor.next():
            self.refresh_view()
        else:
            self.notify("This is the last turn of the line.", timeout=2)

    def action_previous(self) -> None:
        """One turn back."""
        if self.cursor.previous():
            self.refresh_view()
        else:
            self.notify("This is the start of the game.", timeout=2)

    def action_first(self) -> None:
        """To the start."""
        self.cursor.first()
        self.refresh_view()

    def action_last(self) -> None:
        """To the last turn of the line."""
        self.cursor.last()
        self.refresh_view()

    def action_jump(self) -> None:
        """Ask for a turn number and go there."""

        def chosen(position: int | None) -> None:
            if position is not None:
                self.cursor.jump(position)
                self.refresh_view()

        self.app.push_screen(JumpDialog(self.cursor.end, self.cursor.position), chosen)

    def action_viewpoint(self) -> None:
        """Everything, then each faction's view in turn, then everything again."""
        order: list[str | None] = [None, *self.match.world.faction_ids]
        self.viewpoint = order[(order.index(self.viewpoint) + 1) % len(order)]
        self.refresh_view()
        self.notify(f"Showing {viewpoint_name(self.match.world, self.viewpoint)}.", timeout=3)

    def action_show_tab(self, tab: str) -> None:
        """Show one of the tabs (Status: the sidebar on wide screens)."""
        tabs = self.query_one("#replay-tabs", TabbedContent)
        if tab == "tab-status" and self.size.width >= WIDE:
            self.query_one("#replay-sidebar").focus()
            return
        tabs.active = tab
        focus = {
            "tab-map": "#replay-map",
            "tab-turn": "#turn-rows",
            "tab-log": "#log-entries",
            "tab-status": "#tab-status .status-scroll",
        }[tab]
        self.query_one(focus).focus()

    def action_cycle_region(self, step: int) -> None:
        """Select the next or previous region on the map."""
        self.query_one(MapView).action_cycle_region(step)
