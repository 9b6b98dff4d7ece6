"""Worker processes for the lab's batches: chunks in order, bounded memory, prompt stops.

Both kinds of batch, ``simulate``'s games and the what-if fan's continuations, run their
chunks through :func:`run_chunks`, so they share one way of using worker processes:

- **Order.** Results reach the caller in chunk order, whichever worker finished first,
  so a batch's figures never depend on the number of workers.
- **Bounded memory.** Chunks are drawn from an iterator and only a few per worker are
  in flight or waiting to be handed over at any moment, so a batch of a million games
  holds no more than a batch of a hundred.
- **The parent decides when to stop.** Workers ignore SIGINT (Ctrl+C at a terminal goes
  to the whole process group); the parent stops the batch on Ctrl+C, on any error, or
  when ``cancel`` is set: chunks not started are dropped, the running ones are
  terminated at once and every worker is reaped before the call returns or raises.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

# concurrent.futures is imported where a pool starts: the command line reads
# usable_cores() from here on every start and must stay quick.

Chunk = TypeVar("Chunk")
Result = TypeVar("Result")

AHEAD = 3
"""Chunks per worker that may be in flight or finished and waiting for their turn."""

POLL = 0.05
"""Seconds between two looks at ``cancel`` while chunks are running."""

REAP = 2.0
"""Seconds a terminated worker gets to exit before it is killed."""


def usable_cores() -> int:
    """The number of cores this process may run on (its CPU affinity where known)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def chunk_size(total: int, jobs: int, most: int) -> int:
    """Items per chunk: about 20 chunks per worker, at most ``most`` (progress and stops
    come between chunks, so a chunk should take well under a second)."""
    return max(1, min(most, -(-total // (max(1, jobs) * 20))))


def chunk_ranges(total: int, size: int) -> Iterator[tuple[int, int]]:
    """``(start, stop)`` of consecutive chunks of ``size`` items covering ``range(total)``."""
    for start in range(0, total, size):
        yield start, min(total, start + size)


def run_chunks(
    work: Callable[[Chunk], Result],
    chunks: Iterable[Chunk],
    jobs: int,
    on_result: Callable[[Result], object],
    *,
    initializer: Callable[..., object] | None = None,
    initargs: tuple[object, ...] = (),
    cancel: threading.Event | None = None,
) -> bool:
    """Run ``work(chunk)`` for every chunk in ``jobs`` worker processes.

    ``on_result`` is called in the calling thread with each chunk's result, in chunk
    order. ``initializer(*initargs)`` runs once in each worker (``work`` and
    ``initializer`` must be module-level functions). True when every chunk ran; False
    when ``cancel`` was set (the results handed over are the finished prefix). Any
    exception, KeyboardInterrupt included, stops the workers at once and is raised.
    """
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    pool = ProcessPoolExecutor(
        max_workers=max(1, jobs), initializer=_start_worker, initargs=(initializer, initargs)
    )
    source = iter(chunks)
    pending: dict[int, Future[Result]] = {}
    submitted = delivered = 0
    limit = max(1, jobs) * AHEAD
    exhausted = False
    try:
        while True:
            while not exhausted and len(pending) < limit:
                try:
                    chunk = next(source)
                except StopIteration:
                    exhausted = True
                    break
                pending[submitted] = _submit(pool, work, chunk)
                submitted += 1
            while delivered in pending and pending[delivered].done():
                on_result(pending.pop(delivered).result())
                delivered += 1
            if exhausted and not pending:
                pool.shutdown(wait=True)
                return True
            if cancel is not None and cancel.is_set():
                stop_workers(pool)
                return False
            running = [f for f in pending.values() if not f.done()]
            wait(running, timeout=POLL, return_when=FIRST_COMPLETED)
    except BaseException:
        stop_workers(pool)
        raise


def _submit(
    pool: ProcessPoolExecutor, work: Callable[[Chunk], Result], chunk: Chunk
) -> Future[Result]:
    """Submit one chunk with SIGINT held back in this thread, so a worker forked by the
    submission starts with SIGINT blocked until it has chosen to ignore it (a Ctrl+C in
    that moment is then not a traceback in the worker, and still reaches this process)."""
    block = getattr(signal, "pthread_sigmask", None)
    if block is None:  # pragma: no cover - not on POSIX
        return pool.submit(work, chunk)
    before = block(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        return pool.submit(work, chunk)
    finally:
        block(signal.SIG_SETMASK, before)


def _start_worker(initializer: Callable[..., object] | None, initargs: tuple[object, ...]) -> None:
    """Set up a worker: Ctrl+C is the parent's to handle, and a terminate ends it at once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, signal.SIG_DFL)
    unblock = getattr(signal, "pthread_sigmask", None)
    if unblock is not None:
        unblock(signal.SIG_UNBLOCK, {signal.SIGINT})
    if initializer is not None:
        initializer(*initargs)


def stop_workers(pool: ProcessPoolExecutor) -> None:
    """Drop the chunks not started, terminate the running workers and reap them all."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    # The pool's own thread reaps workers too; whichever of us does, exitcode is set.
    deadline = time.monotonic() + REAP
    for process in processes:
        while process.exitcode is None and time.monotonic() < deadline:
            process.join(0.05)
        if process.exitcode is None:  # pragma: no cover - a worker that ignores SIGTERM
            process.kill()
            process.join(REAP)
