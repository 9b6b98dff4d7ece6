"""The order builder: pick an order type, then a target; see cost, effect and legality.

Every order type says at once whether it can be given now: ✓, or ✗ greyed with what
blocks the type as a whole (``type_problem``: points, treasury, the per-turn limit, a
running order, no target at all). Every candidate target is listed, legal ones first
with a short forecast (``target_row_hint``); illegal ones stay selectable but greyed,
with the engine's own reason beside them, so the player learns the rules from the game.
Adding an illegal order anyway shows the reason from
:class:`~game.engine.orders.IllegalOrder` and changes nothing. Queued orders can be
removed, or changed (removed and picked again), until the turn ends.

Keys: Tab walks order types → targets → queued (Shift+Tab back); Enter on a type
without a target adds it at once; Escape goes back to the types. :meth:`reset` clears
everything one player did (selection, highlight, scroll, messages) before the next
hot-seat player sits down.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from game.engine.forces import Board
from game.engine.order_model import Order
from game.engine.orders import IllegalOrder, spent, type_problem
from game.record.words import order_text, targets_faction
from game.tui.describe import effect_summary
from game.tui.screens.note import NoteDialog
from game.tui.session import GameSession
from game.tui.target_note import target_note, target_row_hint
from game.tui.theme_colour import theme_colour

DIM = Style(dim=True)
BOLD = Style(bold=True)
PARTS = ("#ob-types", "#ob-targets", "#ob-queued")
"""The builder's lists in Tab order."""


class OrderBuilder(Vertical):
    """Order type list, target list with reasons, an info pane and the queued orders."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("delete,backspace", "remove_order", "Remove order", show=False),
        Binding("c", "change_order", "Change order"),
        Binding("w", "why", "Why…"),
        Binding("escape", "back", "Back", show=False),
        Binding("tab", "part(1)", "Next list", show=False),
        Binding("shift+tab", "part(-1)", "Previous list", show=False),
    ]

    class OrdersChanged(Message):
        """The current faction's queue changed (an order was added or removed)."""

    class TurnNoteWanted(Message):
        """The player asked to write why they play this turn as they do."""

    def __init__(self, session: GameSession, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self.faction: str | None = None
        self.kind: str | None = None
        self.targets: list[tuple[Order, str | None]] = []
        self.problems: dict[str, str | None] = {}
        """Each order type's blocker as a whole (None: at least one target is legal)."""
        self._shown: list[tuple[Order, str | None]] = []
        self._turn = 0
        self.message = Text()

    def compose(self) -> ComposeResult:
        with Horizontal(id="ob-row"):
            with Vertical(id="ob-left"):
                yield Label("Order (AP)", classes="ob-title", id="ob-types-title")
                yield OptionList(id="ob-types")
                yield Label("Queued orders", classes="ob-title")
                yield OptionList(id="ob-queued")
            with Vertical(id="ob-right"):
                yield Label("Target", classes="ob-title", id="ob-target-title")
                yield OptionList(id="ob-targets")
                yield Static(id="ob-info")

    # -- colours ----------------------------------------------------------------------

    def _ok(self) -> Style:
        return Style(color=theme_colour(self.app, "success"), bold=True)

    def _warn(self) -> Style:
        return Style(color=theme_colour(self.app, "warning"), bold=True)

    # -- showing --------------------------------------------------------------------

    def show(self, faction: str | None) -> None:
        """Build orders for ``faction`` (None: nobody human, nothing to enter).

        Another faction, or a new turn, starts from a clean builder (see :meth:`reset`).
        """
        if faction != self.faction or self.session.state.turn != self._turn:
            self.reset()
        self.faction = faction
        self._turn = self.session.state.turn
        self.refresh_lists()

    def reset(self) -> None:
        """Forget everything the last player did here: type, target, highlights, scroll
        positions, the message line and the info pane (hot-seat privacy)."""
        self.kind = None
        self.message = Text()
        self.targets = []
        self._shown = []
        for part in PARTS:
            options = self.query_one(part, OptionList)
            options.clear_options()
            options.highlighted = None
            options.scroll_home(animate=False, immediate=True)
        self.query_one("#ob-info", Static).update("")
        self.query_one("#ob-target-title", Label).update("Target")

    def refresh_lists(self) -> None:
        """Re-read the candidates and the queue from the session and redraw the lists."""
        types = self.query_one("#ob-types", OptionList)
        queued = self.query_one("#ob-queued", OptionList)
        title = self.query_one("#ob-types-title", Label)
        state = self.session.state
        if self.faction is None:
            types.set_options([Option(Text("No human seat: press e to watch a turn.", DIM))])
            queued.clear_options()
            self.query_one("#ob-targets", OptionList).clear_options()
            return
        queue = self.session.orders_of(self.faction)
        catalogue = [o for o in state.w.scenario.order if self.faction in o.factions]
        board = Board(state)
        self.problems = {
            o.id: type_problem(state, self.faction, o, queue, board) for o in catalogue
        }
        left = state.w.factions[self.faction].action_points - spent(state, queue)[0]
        if left <= 0:
            title.update(
                Text.assemble("Order: ", ("no action points left: e ends the turn", self._warn()))
            )
        else:
            title.update(f"Order (AP) · {left} left")
        prompts = []
        for otype in catalogue:
            problem = self.problems[otype.id]
            if problem is None:
                prompt = Text.assemble(("✓ ", self._ok()), (f"{otype.name} ({otype.cost})", BOLD))
            else:
                prompt = Text(f"✗ {otype.name} ({otype.cost})", DIM)
                if left > 0:  # at 0 AP the title says it once, not every row
                    # The gist on the row; the details (a long condition) in the info pane.
                    prompt.append(f": {problem.split(' (', 1)[0]}", DIM)
            prompts.append(Option(prompt, id=otype.id))
        keep = types.highlighted
        types.set_options(prompts)
        if prompts:
            if keep is None:  # a fresh builder starts on the first type that can be given
                usable = [i for i, o in enumerate(catalogue) if self.problems[o.id] is None]
                keep = usable[0] if usable else 0
            types.highlighted = min(keep, len(prompts) - 1)
        if self.kind is None and catalogue:
            self.kind = catalogue[types.highlighted or 0].id
        keep_q = queued.highlighted
        queued.set_options([Option(self._queued_text(o)) for o in queue])
        if queue:
            queued.highlighted = min(keep_q or 0, len(queue) - 1)
        self._show_targets()

    def _queued_text(self, order: Order) -> Text:
        """A queued order, with the player's note on it (this faction's own, so not secret)."""
        text = Text(order_text(self.session.state.w, order))
        note = self.session.order_notes.get(order)
        if note:
            text.append(f"\n  why: {note}", DIM)
        return text

    def _show_targets(self) -> None:
        state = self.session.state
        if self.faction is None or self.kind is None:
            return
        options = self.session.options_of(self.faction, self.kind)
        self.targets = [p for p in options if p[1] is None] + [p for p in options if p[1]]
        prompts = []
        queued = self.session.orders_of(self.faction)
        for order, reason in self.targets:
            where = order_text(state.w, order).split(": ", 1)[-1]
            if order.target is None:
                where = "(no target)"
            if reason is None:
                row = Text.assemble(("✓ ", self._ok()), where)
                hint = target_row_hint(state, order, queued)
                if hint:
                    row.append(f"  {hint}", DIM)
                prompts.append(Option(row))
            else:
                prompts.append(Option(Text.assemble(("✗ ", DIM), (f"{where}: {reason}", DIM))))
        if not prompts:
            name = state.w.orders[self.kind].name
            prompts.append(Option(Text(f"Nothing {name} could target now.", DIM), disabled=True))
        targets = self.query_one("#ob-targets", OptionList)
        keep = targets.highlighted
        previous = self._shown[keep][0] if keep is not None and keep < len(self._shown) else None
        targets.set_options(prompts)
        if self.targets:
            same = [i for i, (o, _) in enumerate(self.targets) if o == previous]
            targets.highlighted = same[0] if same else min(keep or 0, len(prompts) - 1)
        self._shown = list(self.targets)
        otype = state.w.orders[self.kind]
        self.query_one("#ob-target-title", Label).update(Content(f"Target of {otype.name}"))
        self._show_info()

    def _show_info(self) -> None:
        """The last result first, then the type's blocker or the highlighted target's
        verdict, then the order type."""
        state = self.session.state
        info = Text()
        if self.message.plain:
            info.append_text(self.message)
            info.append("\n")
        if self.kind is not None:
            otype = state.w.orders[self.kind]
            problem = self.problems.get(self.kind)
            index = self.query_one("#ob-targets", OptionList).highlighted
            if problem is not None:
                info.append(f"✗ {otype.name} cannot be given now: {problem}\n", self._warn())
            elif index is not None and index < len(self.targets):
                order, reason = self.targets[index]
                if reason is None:
                    info.append("✓ allowed: Enter adds it\n", self._ok())
                else:
                    info.append(f"✗ not allowed: {reason}\n", self._warn())
                note = target_note(state, order, self.session.orders_of(order.faction))
                if note:
                    info.append(f"{note}\n", DIM)
            info.append(f"{otype.name}: ", BOLD)
            info.append(effect_summary(otype) + "\n", DIM)
            info.append(otype.description)
        info.rstrip()
        self.query_one("#ob-info", Static).update(info)

    # -- events ---------------------------------------------------------------------

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option_list.id == "ob-types" and event.option.id is not None:
            if event.option.id != self.kind:
                self.kind = event.option.id
                self.query_one("#ob-targets", OptionList).highlighted = None
                self._show_targets()
        elif event.option_list.id == "ob-targets":
            self._show_info()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_list.id == "ob-types" and self.targets:
            if len(self.targets) == 1 and self.targets[0][0].target is None:
                self.add(0)  # nothing to choose: one Enter gives the order
            else:
                self.query_one("#ob-targets", OptionList).focus()
        elif event.option_list.id == "ob-targets":
            self.add(event.option_index)

    def add(self, index: int) -> bool:
        """Queue the target at ``index``; an illegal one only shows the engine's reason."""
        if self.faction is None or not 0 <= index < len(self.targets):
            return False
        order = self.targets[index][0]
        try:
            self.session.add_order(order)
        except IllegalOrder as exc:
            self.message = Text(f"Not added: {exc.reason}", self._warn())
            self._show_info()
            self.notify(exc.reason, title="Order not allowed", severity="warning", markup=False)
            return False
        self.message = Text(f"Queued: {order_text(self.session.state.w, order)}", self._ok())
        self.refresh_lists()
        self.post_message(self.OrdersChanged())
        return True

    # -- actions --------------------------------------------------------------------

    def action_part(self, step: int) -> None:
        """Tab / Shift+Tab: order types → targets → queued, then on out of the builder."""
        lists = [self.query_one(part, OptionList) for part in PARTS]
        focused = self.screen.focused
        if focused not in lists:
            lists[0 if step > 0 else -1].focus()
            return
        index = lists.index(focused) + step
        if 0 <= index < len(lists):
            lists[index].focus()
            return
        self._leave(step)

    def _leave(self, step: int) -> None:
        """Focus the first focusable widget past the builder in the direction of ``step``."""
        chain = self.screen.focus_chain
        mine = [i for i, w in enumerate(chain) if self in w.ancestors_with_self]
        if not mine:
            return
        outside: list[Widget]
        if step > 0:
            outside = chain[mine[-1] + 1 :] + chain[: mine[0]]
        else:
            outside = list(reversed(chain[: mine[0]])) + list(reversed(chain[mine[-1] + 1 :]))
        if outside:
            outside[0].focus()

    def _queued_index(self) -> int | None:
        if self.faction is None:
            return None
        queue = self.session.orders_of(self.faction)
        if not queue:
            return None
        index = self.query_one("#ob-queued", OptionList).highlighted
        return len(queue) - 1 if index is None or index >= len(queue) else index

    def action_remove_order(self) -> None:
        """Take back the highlighted queued order (the last one if none is highlighted)."""
        index = self._queued_index()
        if index is None or self.faction is None:
            self.notify("No queued order to remove.", severity="warning")
            return
        order = self.session.remove_order(self.faction, index)
        self.message = Text(f"Removed: {order_text(self.session.state.w, order)}", DIM)
        self.refresh_lists()
        self.post_message(self.OrdersChanged())

    def action_change_order(self) -> None:
        """Remove the highlighted queued order and reopen its type and target for a new pick."""
        index = self._queued_index()
        if index is None or self.faction is None:
            return
        order = self.session.remove_order(self.faction, index)
        self.kind = order.order
        types = self.query_one("#ob-types", OptionList)
        types.highlighted = types.get_option_index(order.order)
        self.message = Text(f"Changing: {order_text(self.session.state.w, order)}", DIM)
        self.refresh_lists()
        for i, (candidate, _) in enumerate(self.targets):
            if candidate == order:
                self.query_one("#ob-targets", OptionList).highlighted = i
        self.query_one("#ob-targets", OptionList).focus()
        self.post_message(self.OrdersChanged())

    def action_why(self) -> None:
        """Write why: on the highlighted queued order when the queue has the keyboard,
        otherwise for the whole turn (the screen asks)."""
        queued = self.query_one("#ob-queued", OptionList)
        index = self._queued_index()
        if not queued.has_focus or index is None or self.faction is None:
            self.post_message(self.TurnNoteWanted())
            return
        order = self.session.orders_of(self.faction)[index]

        def noted(text: str | None) -> None:
            if text is not None:
                self.session.note_order(order, text)
                self.refresh_lists()

        self.app.push_screen(
            NoteDialog(
                "Why this order?",
                f"{order_text(self.session.state.w, order)}. Kept from the other players "
                "until the turn is resolved; saved with the game for the debrief.",
                self.session.order_notes.get(order, ""),
            ),
            noted,
        )

    def prefer_region(self, region_id: str) -> None:
        """Highlight the first target in ``region_id`` (the place just selected on the map)."""
        for i, (order, _) in enumerate(self.targets):
            if order.target == region_id and not targets_faction(self.session.state.w, order):
                self.query_one("#ob-targets", OptionList).highlighted = i
                return

    def action_back(self) -> None:
        """From the targets back to the order types."""
        self.query_one("#ob-types", OptionList).focus()
