"""The replay viewer's dialogs answer arrow keys as the game's do: down and right move
from a text box to the buttons and between them, up and left come back."""

from __future__ import annotations

from textual.app import App

from game.tui.screens.replay_dialogs import JumpDialog


async def test_the_jump_dialog_walks_to_its_buttons_with_arrow_keys() -> None:
    app: App[None] = App()
    answers: list[int | None] = []
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(JumpDialog(10, 3), answers.append)
        await pilot.pause()
        dialog = app.screen
        assert dialog.focused is not None and dialog.focused.id == "jump-turn"
        await pilot.press("5")
        for key, expected in (("down", "ok"), ("right", "cancel"), ("left", "ok")):
            await pilot.press(key)
            assert dialog.focused is not None and dialog.focused.id == expected, key
        await pilot.press("up")
        assert dialog.focused is not None and dialog.focused.id == "jump-turn"
        await pilot.press("down", "enter")
        await pilot.pause()
    assert answers == [5]
