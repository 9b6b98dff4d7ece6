"""Ctrl+C and termination stop long runs at once, workers included, and exit as shells expect.

``sidra simulate`` and ``sidra whatif`` run in their own process group, as a shell runs a
command; the signal goes to the whole group, as Ctrl+C at a terminal does, once the
worker processes are running. The command must end with 130 (SIGINT) or 143 (SIGTERM)
well within two seconds, print no traceback, and leave no process of its group behind.
The shared pool (:mod:`game.lab.pool`) is also checked in-process: a cancel or an error
stops and reaps every worker.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from game.lab.pool import chunk_ranges, chunk_size, run_chunks
from tests.processes import group, start, wait_for_workers

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/stat").exists(), reason="process groups are read from /proc"
)

STOP_WITHIN = 2.0
"""Seconds a stopped command may take to exit (it needs a fraction of one)."""


def wait_for_work(process: subprocess.Popen[str], seconds: float) -> None:
    """Wait until ``process`` has used ``seconds`` of CPU time: past its start-up, into
    the games (60 s at most)."""
    tick = os.sysconf("SC_CLK_TCK")
    deadline = time.monotonic() + 60
    while True:
        stat = Path(f"/proc/{process.pid}/stat").read_text()
        fields = stat[stat.rfind(")") + 2 :].split()
        if (int(fields[11]) + int(fields[12])) / tick >= seconds:
            return
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the command never got going"
        time.sleep(0.05)


def stop(process: subprocess.Popen[str], signum: int) -> tuple[int, str, str, float]:
    """Send ``signum`` to the whole group; the exit status, output and seconds taken."""
    began = time.monotonic()
    os.killpg(process.pid, signum)
    try:
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:  # pragma: no cover - only when the test fails
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
    return process.returncode, out, err, time.monotonic() - began


def left_behind(pgid: int) -> list[int]:
    """Processes of the group still alive a moment after its leader ended."""
    for _ in range(20):
        alive = group(pgid)
        if not alive:
            return []
        time.sleep(0.05)
    return alive


@pytest.fixture(scope="module")
def save(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("interrupt") / "game.json"
    simulate = ["simulate", "--games", "1", "--seed", "3", "--jobs", "1", "--save", str(path)]
    done = subprocess.run(
        [sys.executable, "-m", "game", *simulate],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return path


def test_ctrl_c_stops_simulate_and_its_workers_at_once() -> None:
    process = start("simulate", "--games", "100000", "--jobs", "2")
    wait_for_workers(process, 2)
    code, out, err, took = stop(process, signal.SIGINT)
    assert code == 130, err
    assert took < STOP_WITHIN, f"took {took:.2f} s"
    assert "interrupted" in err and "Traceback" not in err and out == ""
    assert left_behind(process.pid) == []


def test_ctrl_c_stops_a_single_process_simulate() -> None:
    process = start("simulate", "--games", "100000", "--jobs", "1")
    wait_for_work(process, 1.5)
    code, _, err, took = stop(process, signal.SIGINT)
    assert code == 130 and took < STOP_WITHIN and "Traceback" not in err


def test_sigterm_ends_simulate_cleanly() -> None:
    process = start("simulate", "--games", "100000", "--jobs", "2")
    wait_for_workers(process, 2)
    code, _, err, took = stop(process, signal.SIGTERM)
    assert code == 128 + signal.SIGTERM, err
    assert took < STOP_WITHIN and "Traceback" not in err
    assert left_behind(process.pid) == []


def test_ctrl_c_stops_whatif_showing_what_it_finished(save: Path) -> None:
    process = start("whatif", str(save), "--turn", "1", "--games", "100000", "--jobs", "2")
    wait_for_workers(process, 2)
    code, out, err, took = stop(process, signal.SIGINT)
    assert code == 130, err
    assert took < STOP_WITHIN, f"took {took:.2f} s"
    assert "stopped early: these are the first" in out and "Traceback" not in err
    assert left_behind(process.pid) == []


# -- the pool, in-process ------------------------------------------------------------


def _square_slowly(n: int) -> int:
    time.sleep(0.2)
    return n * n


def test_the_pool_hands_results_over_in_order_whatever_finishes_first() -> None:
    seen: list[int] = []
    assert run_chunks(_square_slowly, iter(range(9)), 2, seen.append)
    assert seen == [n * n for n in range(9)]
    assert multiprocessing.active_children() == []


def test_a_cancelled_pool_keeps_the_finished_prefix_and_reaps_its_workers() -> None:
    cancel = threading.Event()
    seen: list[int] = []

    def take(result: int) -> None:
        seen.append(result)
        cancel.set()

    assert not run_chunks(_square_slowly, iter(range(1000)), 2, take, cancel=cancel)
    assert seen and seen == [n * n for n in range(len(seen))]
    assert multiprocessing.active_children() == []


def test_an_error_while_handing_over_stops_the_workers_and_is_raised() -> None:
    def fail(result: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_chunks(_square_slowly, iter(range(1000)), 2, fail)
    assert multiprocessing.active_children() == []


def test_chunks_are_small_and_cover_every_item() -> None:
    assert chunk_size(1_000_000, 2, 20) == 20
    assert chunk_size(10, 4, 20) == 1
    assert list(chunk_ranges(7, 3)) == [(0, 3), (3, 6), (6, 7)]
    assert list(chunk_ranges(0, 3)) == []
