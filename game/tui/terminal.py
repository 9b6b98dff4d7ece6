"""The game UI and the terminal it runs in: start only in one, leave it as it was found.

- :func:`require_terminal`: the UI draws on the terminal and reads keys from it, so it
  refuses to start when stdin, stdout or stderr is not one (``sidra </dev/null >file``
  would otherwise write escape codes into the file and wait for keys that never come).
  The message is plain text on stderr, and nothing else is written.
- :func:`run_tui`: runs the app and turns how it ended into an exit status. SIGTERM and
  SIGHUP (what closing the terminal sends) close the app like quitting does, so the
  terminal is restored and temporary files are removed; an unexpected error ends in a
  crash report (written by the app, :mod:`game.tui.crash`), a message saying where it
  is, and a non-zero status.

Kept free of Textual imports: the command line checks the terminal before it loads the UI.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

from game.errors import SidraError

if TYPE_CHECKING:
    from game.tui.app import SidraApp

EXIT_CRASHED = 1
"""The status of a run ended by an unexpected error (Textual's own ``return_code``)."""


class NoTerminal(SidraError):
    """The UI was asked to start without a terminal to draw on and read keys from."""


def require_terminal(
    streams: dict[str, TextIO | None] | None = None,
    environ: dict[str, str] | None = None,
) -> None:
    """NoTerminal unless stdin, stdout and stderr are all terminals.

    Skipped when ``TEXTUAL_DRIVER`` names another driver (``sidra serve`` runs the game
    behind a web page through pipes). ``streams`` and ``environ`` are for tests.
    """
    env = os.environ if environ is None else environ
    if env.get("TEXTUAL_DRIVER"):
        return
    found = streams if streams is not None else _standard_streams()
    missing = [name for name, stream in found.items() if not _is_terminal(stream)]
    if missing:
        if len(missing) == 1:
            which = f"{missing[0]} is not one"
        else:
            which = f"{', '.join(missing[:-1])} and {missing[-1]} are not terminals"
        raise NoTerminal(
            f"the game needs a terminal, and {which} (redirected or closed). Run `sidra` "
            "in a terminal window; `sidra simulate` plays games without one"
        )


def _standard_streams() -> dict[str, TextIO | None]:
    return {"stdin": sys.stdin, "stdout": sys.stdout, "stderr": sys.stderr}


def _is_terminal(stream: TextIO | None) -> bool:
    if stream is None:
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no such method, or a closed stream
        return False


def run_tui(app: SidraApp) -> int:
    """Run ``app`` until it ends; the process's exit status.

    0 when the player quits; 128 + the signal's number when SIGTERM or SIGHUP closed it;
    non-zero after an unexpected error, with the crash report's place on stderr.
    """
    from game.record.files import install_exit_handlers

    install_exit_handlers(_closer(app))
    try:
        app.run()
    except Exception as error:  # an error outside Textual's own handling (its start-up)
        if app.crash_report is None:
            from game.tui.crash import write_crash_report

            app.crash_report = write_crash_report(error, app.data_dir)
        _say_crashed(app, error)
        return EXIT_CRASHED
    finally:
        install_exit_handlers()  # back to the command line's: clean up, then exit
    code = app.return_code or 0
    if app.crash_report is not None or code == EXIT_CRASHED:
        _say_crashed(app, None)
        return code or EXIT_CRASHED
    return code


def _say_crashed(app: SidraApp, error: BaseException | None) -> None:
    """Tell the player, on stderr, that the game stopped and where the report is."""
    what = f" ({type(error).__name__})" if error is not None else ""
    if app.crash_report is not None:
        where = f"A crash report was written to {app.crash_report}"
    else:
        where = "No crash report could be written (no folder would take it)"
    print(
        f"sidra: the game stopped on an unexpected error{what}. {where}; please send it "
        "with a description of what you were doing.",
        file=sys.stderr,
    )


def _closer(app: SidraApp) -> Callable[[int], object]:
    """What SIGTERM and SIGHUP do while ``app`` runs (after the temporary files are
    removed): close it like quitting does, so the terminal is restored on the way out,
    with 128 + the signal's number as the exit status.

    When the terminal itself is gone (its window was closed) there is nothing to restore,
    and Textual would wait for ever to write to it: the process ends at once instead.
    Nothing is lost: games autosave after every turn, and a save being written is
    abandoned whole (its temporary file is already removed; the old save stays).
    """

    def close(signum: int) -> None:
        if not _terminal_alive():
            os._exit(128 + signum)
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # the app is not running (yet, or any more): just exit
            raise SystemExit(128 + signum) from None
        loop.call_soon_threadsafe(app.exit, None, 128 + signum)

    return close


def _terminal_alive() -> bool:
    """False once the terminal has hung up (every operation on it then fails)."""
    try:
        import termios
    except ImportError:  # pragma: no cover - not on POSIX: no hang-ups to tell apart
        return True
    stream = sys.__stdin__
    try:
        termios.tcgetattr(stream.fileno() if stream is not None else 0)
    except (termios.error, OSError, ValueError):
        return False
    return True
