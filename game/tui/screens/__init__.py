"""The screens of Sidra's terminal UI (title, briefing, help, dialogs, game)."""
