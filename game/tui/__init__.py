"""Sidra's terminal UI: the Textual app, its screens and the UI-free game session."""
