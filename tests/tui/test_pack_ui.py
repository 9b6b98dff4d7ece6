"""The teacher's pack on the help page: a teacher pressing F1 in a game reads the
glossary, the timeline marking what the source could know, and the questions; a pack
that cannot be read is one line saying why; the pack's words are text, not markup."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from game.ai.registry import BotSpec, Seat
from game.tui.app import SidraApp
from game.tui.screens.help import HelpScreen
from game.tui.session import GameSession
from tests.tui.conftest import SCENARIO
from tests.tui.screen_text import plain


def session(tmp_path: Path, file: Path = SCENARIO) -> GameSession:
    """A new game of the scenario at ``file``, Tobruk played by a person."""
    seats = [Seat("tobruk"), Seat("dawn", BotSpec()), Seat("foreign", BotSpec())]
    text = file.read_text(encoding="utf-8")
    return GameSession.new(text, str(file), seats, 5, tmp_path / "autosaves")


async def help_text(tmp_path: Path, file: Path = SCENARIO) -> str:
    """Every static text on the help page opened with F1 from a game of ``file``."""
    app = SidraApp(session=session(tmp_path, file), data_dir=tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        texts = (plain(s.content) for s in app.screen.query(Static).results(Static))
        return "\n".join(texts)


async def test_f1_shows_the_teachers_pack(tmp_path: Path) -> None:
    text = await help_text(tmp_path)
    part = text[text.index("Teacher's pack") :]
    assert "Glossary" in part and "General National Congress (GNC):" in part
    assert "✓ 16 May 2014: Khalifa Hifter launches Operation Dignity" in part
    assert "· January 2015: UN-led talks" in part
    assert "Questions on the source" in part and "ellipsis" in part


async def test_a_pack_that_cannot_be_read_is_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    (folder / "oil_crescent_2014").mkdir(parents=True)
    copy = folder / "game.toml"
    copy.write_text(SCENARIO.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "oil_crescent_2014" / "pack.toml").write_text(
        'source_date = 2014-12-30\nquestion = ["[bold red]Who[/] speaks?"]\nbogus = 1\n',
        encoding="utf-8",
    )
    text = await help_text(tmp_path, copy)
    assert "The teacher's pack could not be read" in text and "bogus" in text
    (folder / "oil_crescent_2014" / "pack.toml").write_text(
        'source_date = 2014-12-30\nquestion = ["[bold red]Who[/] speaks?"]\n', encoding="utf-8"
    )
    assert "1. [bold red]Who[/] speaks?" in await help_text(tmp_path, copy)
