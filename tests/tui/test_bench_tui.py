"""The UI figures of `sidra bench` are measured, not made up."""

from __future__ import annotations

from game.tui.bench import keypress_figure, start_figures


def test_start_figures_measure_real_processes() -> None:
    figures = start_figures(runs=1)
    assert 0 < figures["bare_textual_start_s"] < 30
    assert 0 < figures["tui_start_s"] < 30


def test_keypress_figure_is_measured_on_the_game_screen() -> None:
    assert 0 < keypress_figure(presses=4) < 2000
