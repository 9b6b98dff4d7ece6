"""Sidra's actions in the command palette (ctrl+p), beside Textual's own (themes, keys).

One list of the app-wide actions, then every shown key binding of the screen the
palette was opened on, so the palette and the footer can never disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from game.tui.app import SidraApp


class SidraCommands(Provider):
    """Sidra's actions in the command palette (ctrl+p), beside Textual's own (themes, keys)."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        app = cast("SidraApp", self.app)
        commands: list[tuple[str, str, Callable[[], object]]] = [
            ("New game", "Back to the title screen to start a new game", app.action_new_game),
            ("Continue", "Resume the most recent autosave", app.action_continue_game),
            ("Load game", "Open a saved game", app.action_load_game),
        ]
        if app.session is not None:
            commands.append(("Save as", "Save this game to a file you name", app.action_save_as))
        commands.append(("Help", "Rules reference, phases and keys", app.action_help))
        if app.session is not None:
            commands.append(("Briefing", "Reread the scenario briefing", app.action_briefing))
        commands += [
            (
                "Toggle high contrast",
                "Switch between the high-contrast theme and the previous one",
                app.action_toggle_high_contrast,
            ),
            ("Quit", "Leave Sidra (asks first if orders are not sent)", app.action_request_quit),
            (
                "Replay a saved game",
                "Step through a saved game turn by turn, with notes and variations",
                app.action_replay_game,
            ),
        ]
        if app.replay_below():
            commands.append(
                (
                    "Back to the replay",
                    "Leave this game for the replay viewer it was started from",
                    app.action_back_to_replay,
                )
            )
        return commands + self._screen_commands([name for name, _, _ in commands])

    def _screen_commands(self, taken: list[str]) -> list[tuple[str, str, Callable[[], object]]]:
        """The shown key bindings of the screen the palette was opened on, as commands.

        So every action of the game screen (End turn, Remove order, the tabs, the log
        filters...) is in the palette too, without a second list that could drift.
        """
        found: list[tuple[str, str, Callable[[], object]]] = []
        for active in self.screen.active_bindings.values():
            binding = active.binding
            name = binding.description
            if not (name and active.enabled) or active.node is self.app:
                continue
            if name in taken:
                continue
            taken.append(name)
            key = self.app.get_key_display(binding)
            run = partial(self.app.run_action, binding.action, active.node)
            found.append((name, f"Key {key}", run))
        return found

    async def discover(self) -> Hits:
        """Every Sidra command, shown when the palette opens."""
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        """Sidra commands matching what the player typed (fuzzy)."""
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, text=name, help=help_text)
