"""The game UI and its terminal: none, too small, closed, killed, or the game failing.

- Without a terminal (stdin or stdout redirected) the UI does not start: one plain
  message on stderr, exit 1, nothing written to the redirected output.
- An unexpected error writes a crash report (time, versions, command line, traceback)
  to the data folder, or to the temporary folder when that one is unusable, says where,
  and ends with a non-zero status; the terminal is restored.
- Below 60×20 every screen gives way to a notice to make the window larger; the game
  goes on underneath and is back, focus and all, when the window is larger again.
- SIGTERM and SIGHUP (closing the terminal) close the UI cleanly with 128 + the signal.

The real-terminal tests run ``sidra`` in a pseudo-terminal, as a person would, with the
data folder in a temporary directory.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.screen import Screen
from textual.widgets import OptionList, Static

from game.ai.registry import BotSpec, Seat
from game.paths import default_scenario_path
from game.tui.app import SidraApp
from game.tui.crash import CRASH_FOLDER, crash_report_text, write_crash_report
from game.tui.screens.game import GameScreen
from game.tui.screens.help import HelpScreen
from game.tui.screens.title import TitleScreen
from game.tui.screens.too_small import MIN_HEIGHT, MIN_WIDTH, TOO_SMALL, TooSmallNotice
from game.tui.session import GameSession
from game.tui.terminal import NoTerminal, require_terminal, run_tui
from tests.tui.settle import settle

ROOT = Path(__file__).resolve().parents[2]

ENTER_ALT_SCREEN = b"\x1b[?1049h"
LEAVE_ALT_SCREEN = b"\x1b[?1049l"


def new_session(data_dir: Path) -> GameSession:
    path = default_scenario_path()
    seats = [Seat("tobruk"), Seat("dawn", BotSpec()), Seat("foreign", BotSpec())]
    return GameSession.new(
        path.read_text(encoding="utf-8"), str(path), seats, 3, data_dir / "autosaves"
    )


@pytest.fixture
def signal_handlers() -> Iterator[None]:
    """Put back the SIGTERM and SIGHUP handlers a test's run_tui installs."""
    saved = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGHUP)}
    yield
    for number, handler in saved.items():
        signal.signal(number, handler)


# -- no terminal ---------------------------------------------------------------------


class FakeStream:
    def __init__(self, tty: bool) -> None:
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_the_ui_needs_stdin_stdout_and_stderr_to_be_a_terminal() -> None:
    tty = {"stdin": FakeStream(True), "stdout": FakeStream(True), "stderr": FakeStream(True)}
    require_terminal(tty, environ={})  # type: ignore[arg-type]
    for name in tty:
        streams = {**tty, name: FakeStream(False)}
        with pytest.raises(NoTerminal, match=f"the game needs a terminal, and {name} is not"):
            require_terminal(streams, environ={})  # type: ignore[arg-type]
    closed = {**tty, "stdout": None}
    with pytest.raises(NoTerminal, match="stdout is not one"):
        require_terminal(closed, environ={})  # type: ignore[arg-type]
    none = {name: FakeStream(False) for name in tty}
    with pytest.raises(NoTerminal, match="stdin, stdout and stderr are not terminals"):
        require_terminal(none, environ={})  # type: ignore[arg-type]
    # sidra serve runs the game through pipes with a driver of its own
    web = {"TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver"}
    require_terminal(none, environ=web)  # type: ignore[arg-type]


@pytest.mark.parametrize("args", [[], ["play", "--as", "dawn"], ["replay", "SAVE"]])
def test_without_a_terminal_sidra_says_so_and_writes_nothing(
    tmp_path: Path, args: list[str]
) -> None:
    if args[-1:] == ["SAVE"]:
        save = tmp_path / "game.json"
        simulate = ["simulate", "--games", "1", "--jobs", "1", "--save", str(save)]
        made = subprocess.run(
            [sys.executable, "-m", "game", *simulate],
            capture_output=True,
            cwd=ROOT,
            timeout=120,
            check=False,
        )
        assert made.returncode == 0, made.stderr
        args = [*args[:-1], str(save)]
    output = tmp_path / "output.txt"
    with output.open("wb") as redirected:
        done = subprocess.run(
            [sys.executable, "-m", "game", *args],
            stdin=subprocess.DEVNULL,
            stdout=redirected,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            env={**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")},
            timeout=60,
            check=False,
        )
    assert done.returncode == 1
    assert b"the game needs a terminal" in done.stderr and b"Traceback" not in done.stderr
    assert b"\x1b" not in done.stderr
    assert output.read_bytes() == b"", "nothing is written to the redirected output"
    assert not (tmp_path / "data").exists(), "nothing was started"


# -- crash reports ---------------------------------------------------------------------


class FailingScreen(Screen[None]):
    """A screen with a fault: pressing ``b`` raises."""

    BINDINGS = [("b", "fail", "Fail")]  # noqa: RUF012

    def compose(self) -> Any:
        yield Static("a screen with a fault")

    def action_fail(self) -> None:
        raise RuntimeError("a fault in a screen, for the test")


async def test_an_error_in_a_screen_writes_a_crash_report_and_fails_the_run(
    tmp_path: Path,
) -> None:
    app = SidraApp(data_dir=tmp_path)
    with pytest.raises(RuntimeError, match="a fault in a screen"):
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await app.push_screen(FailingScreen())
            await pilot.press("b")
            await pilot.pause()
    assert app.return_code == 1
    report = app.crash_report
    assert report is not None and report.parent == tmp_path / CRASH_FOLDER
    assert report.stat().st_mode & 0o777 == 0o600, "a report is private to its owner"
    text = report.read_text(encoding="utf-8")
    assert text.startswith("Sidra crash report")
    for line in ("sidra:", "python:", "platform:", "textual:", "command:", "Traceback"):
        assert line in text
    assert "RuntimeError: a fault in a screen, for the test" in text
    assert "in action_fail" in text


class HeadlessFailingApp(SidraApp):
    """Sidra that fails as soon as it has started, run headless (there is no terminal)."""

    def on_mount(self) -> None:
        self.call_after_refresh(self.fail)

    def fail(self) -> None:
        raise ValueError("a fault at start, for the test")

    def run(self, **kwargs: Any) -> None:  # type: ignore[override]
        super().run(headless=True, size=(80, 24))


def test_run_tui_says_where_the_report_is_and_exits_non_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], signal_handlers: None
) -> None:
    app = HeadlessFailingApp(data_dir=tmp_path)
    assert run_tui(app) == 1
    err = capsys.readouterr().err
    assert app.crash_report is not None
    assert f"A crash report was written to {app.crash_report}" in err
    assert "ValueError: a fault at start" in app.crash_report.read_text(encoding="utf-8")


def test_a_report_goes_to_the_temporary_folder_when_the_data_folder_is_unusable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    not_a_folder = tmp_path / "data"
    not_a_folder.write_text("a file where the data folder should be", encoding="utf-8")
    spare = tmp_path / "tmp"
    spare.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(spare))
    try:
        raise OSError("disk on fire")
    except OSError as exc:
        report = write_crash_report(exc, not_a_folder)
    assert report is not None and report.parent == spare
    assert report.name.startswith("sidra-crash-")
    assert "OSError: disk on fire" in report.read_text(encoding="utf-8")
    again = write_crash_report(RuntimeError("twice in one second"), not_a_folder)
    assert again is not None and again != report, "a report never overwrites another"


def test_a_report_holds_versions_the_command_and_the_traceback_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "argv", ["/home/someone/.venv/bin/sidra", "play", "--as", "dawn"])
    try:
        raise KeyError("missing")
    except KeyError as exc:
        text = crash_report_text(exc)
    assert "command:  sidra play --as dawn" in text, "the program's name, not its folder"
    assert "KeyError: 'missing'" in text
    assert "/home/someone" not in text


# -- a terminal too small ------------------------------------------------------------


def notice_shown(app: SidraApp) -> bool:
    screen = app.screen
    notices = screen.query_children(TooSmallNotice)
    return screen.has_class(TOO_SMALL) and bool(notices) and notices.first().display


@pytest.mark.parametrize("size", [(8, 4), (20, 5), (MIN_WIDTH - 1, 40), (100, MIN_HEIGHT - 1)])
async def test_a_small_terminal_at_start_shows_the_notice(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    app = SidraApp(data_dir=tmp_path)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TitleScreen)
        assert notice_shown(app)
        notice = app.screen.query_one(TooSmallNotice)
        shown = str(notice.render())
        assert "Make the window larger" in shown
        assert f"at least {MIN_WIDTH}×{MIN_HEIGHT}" in shown
        assert f"this one is {size[0]}×{size[1]}" in shown
        assert not any(w.display for w in app.screen.children if w is not notice)
        await pilot.resize_terminal(MIN_WIDTH, MIN_HEIGHT)
        await settle(pilot)
        assert not notice_shown(app)
        assert app.screen.query_one("#scenarios", OptionList).display
    assert app.return_code in (None, 0)


async def test_the_game_survives_shrinking_and_comes_back_as_it_was(tmp_path: Path) -> None:
    app = SidraApp(session=new_session(tmp_path), data_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # Begin
        await pilot.press("o")  # the orders tab
        await settle(pilot)
        assert isinstance(app.screen, GameScreen)
        focused = app.focused
        assert focused is not None
        for size in [(8, 4), (1, 1), (30, 10), (8, 4)]:
            await pilot.resize_terminal(*size)
            await settle(pilot)
            assert notice_shown(app)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert isinstance(app.screen, GameScreen) and not notice_shown(app)
        assert app.focused is focused, "the focus is given back"
        await pilot.press("f1")  # a screen opened while small gets the notice too
        await pilot.resize_terminal(8, 4)
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen) and notice_shown(app)
        await pilot.press("escape")  # back to the game, still small
        await settle(pilot)
        assert isinstance(app.screen, GameScreen) and notice_shown(app)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert not notice_shown(app)
    assert app.return_code in (None, 0)


async def test_bots_finishing_while_the_window_is_tiny_do_not_crash(tmp_path: Path) -> None:
    app = SidraApp(session=new_session(tmp_path), data_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # Begin
        await settle(pilot)
        await pilot.press("e")  # End turn: the bots think in the background
        await pilot.resize_terminal(8, 4)
        await settle(pilot)
        assert notice_shown(app)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert not notice_shown(app)
        assert app.session is not None and app.session.match.state.turn >= 2
    assert app.return_code in (None, 0)


def test_snapshot_of_the_notice(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(SidraApp(data_dir=tmp_path), terminal_size=(40, 10), run_before=settle)


# -- a real terminal -------------------------------------------------------------------


def _take_terminal() -> None:
    """In the child, in its new session: make the pseudo-terminal its controlling
    terminal, as a terminal window does (so closing it sends SIGHUP)."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class Terminal:
    """``sidra`` running in a pseudo-terminal of 80×24, as in a terminal window."""

    def __init__(self, data: Path, *argv: str) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        env = {**os.environ, "XDG_DATA_HOME": str(data), "TERM": "xterm-256color"}
        env.pop("TEXTUAL_DRIVER", None)
        self.process = subprocess.Popen(
            [sys.executable, *argv],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=ROOT,
            env=env,
            start_new_session=True,
            preexec_fn=_take_terminal,
        )
        os.close(slave)
        self.output = b""

    def read(self, until: bytes = b"", seconds: float = 60) -> None:
        """Read what is drawn until ``until`` appears or the program ends."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if until and until in self.output:
                return
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:  # the program has ended and closed the terminal
                    return
                if not chunk:
                    return
                self.output += chunk
            elif self.process.poll() is not None:
                return
        assert not until, f"{until!r} never appeared"

    def wait(self) -> int:
        try:
            return self.process.wait(timeout=30)
        finally:
            if self.process.poll() is None:  # pragma: no cover - only when failing
                self.process.kill()
            with contextlib.suppress(OSError):
                os.close(self.master)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_closes_the_game_cleanly(tmp_path: Path, signum: int) -> None:
    terminal = Terminal(tmp_path, "-m", "game")
    terminal.read(until=b"Continue")
    assert ENTER_ALT_SCREEN in terminal.output
    drawn = len(terminal.output)
    terminal.process.send_signal(signum)
    terminal.read()
    assert terminal.wait() == 128 + signum
    after = terminal.output[drawn:]
    assert LEAVE_ALT_SCREEN in after, "the terminal is given back"
    assert b"Traceback" not in after


def test_closing_the_terminal_ends_the_game(tmp_path: Path) -> None:
    terminal = Terminal(tmp_path, "-m", "game")
    terminal.read(until=b"Continue")
    os.close(terminal.master)  # the window is closed: the kernel sends SIGHUP
    try:
        code = terminal.process.wait(timeout=30)
    finally:
        if terminal.process.poll() is None:  # pragma: no cover - only when failing
            terminal.process.kill()
    assert code == 128 + signal.SIGHUP


CRASHING = """
import sys
from pathlib import Path
from game.tui.app import SidraApp
from game.tui.terminal import run_tui

class Crashing(SidraApp):
    def action_help(self) -> None:
        raise RuntimeError("a fault for the test")

sys.exit(run_tui(Crashing(data_dir=Path(sys.argv[1]))))
"""


def test_a_crash_in_a_real_terminal_restores_it_and_says_where_the_report_is(
    tmp_path: Path,
) -> None:
    terminal = Terminal(tmp_path, "-c", CRASHING, str(tmp_path))
    terminal.read(until=b"Continue")
    os.write(terminal.master, b"\x1bOP")  # F1: help, which fails
    terminal.read()
    assert terminal.wait() == 1
    after = terminal.output[terminal.output.rfind(LEAVE_ALT_SCREEN) :]
    assert after, "the terminal is given back"
    reports = list((tmp_path / CRASH_FOLDER).glob("crash-*.txt"))
    assert len(reports) == 1
    shown = after.decode("utf-8", "replace").replace("\r\n", "\n")
    assert "the game stopped on an unexpected error" in shown
    assert str(reports[0]) in shown.replace("\n", "")


async def test_a_list_in_a_one_cell_terminal_keeps_a_width_to_wrap_in() -> None:
    # Seen once under load: a list laid out at width 0 while the terminal shrank raised
    # ValueError from the text wrapping. The app's styles keep every list wide enough.
    from textual.app import App, ComposeResult
    from textual.widgets import OptionList

    import game.tui.app as tui_app

    class Lists(App[None]):
        CSS_PATH = str(Path(tui_app.__file__).with_name("sidra.tcss"))

        def compose(self) -> ComposeResult:
            yield OptionList("The Oil Crescent, December 2014  (oil_crescent_2014.toml)")

    app = Lists()
    async with app.run_test(size=(1, 1)) as pilot:
        await pilot.pause()
        listed = app.query_one(OptionList)
        assert listed.content_region.width > 0
        app.save_screenshot(str(Path(tempfile.gettempdir()) / "one-cell.svg"))
