"""Long command-line runs: a progress bar on a terminal, and what Ctrl+C does.

``sidra simulate`` and ``sidra whatif`` can run for minutes. While they do, a progress
bar (rich's, which comes with Textual) is drawn on stderr when stderr is a terminal, and
only then: piped or redirected output, ``--json`` included, gets no bar and no escape
codes. The bar is erased when the run ends, so what is printed afterwards stands alone.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import TextIO

Report = Callable[[int, int], None]
"""``report(done, total)``: how far a run has got."""


@contextmanager
def progress_bar(what: str, stream: TextIO | None = None) -> Iterator[Report]:
    """A ``report(done, total)`` that draws a bar on ``stream`` (stderr) if it is a
    terminal; a report that does nothing otherwise."""
    out = stream if stream is not None else sys.stderr
    if not _is_terminal(out):
        yield _silent
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    bar = Progress(
        TextColumn(what, markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("left"),
        TimeRemainingColumn(),
        console=Console(file=out),
        transient=True,
    )
    task = bar.add_task(what, total=None)

    def report(done: int, total: int) -> None:
        bar.update(task, completed=done, total=total)

    with bar:
        yield report


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no such method, or a closed stream
        return False


def _silent(done: int, total: int) -> None:
    """The report of a run that shows no progress."""


@contextmanager
def ctrl_c_cancels(cancel: threading.Event) -> Iterator[None]:
    """While active, the first Ctrl+C sets ``cancel`` (the run stops at once and keeps
    what it has finished); a second one interrupts as usual (KeyboardInterrupt)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.getsignal(signal.SIGINT)
    if previous is None:  # a handler not set from Python: fall back to the usual one
        previous = signal.default_int_handler

    def stop(signum: int, frame: FrameType | None) -> None:
        cancel.set()
        signal.signal(signal.SIGINT, previous)

    signal.signal(signal.SIGINT, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
