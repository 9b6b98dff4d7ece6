"""What the tests that stop commands with Ctrl+C use: a ``sidra`` command started as a shell
starts a job, and the processes a command left."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def group(pgid: int) -> list[int]:
    """The live (not zombie) processes of the process group ``pgid``, read from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2 :].split()
        if fields[0] != "Z" and int(fields[2]) == pgid:
            found.append(int(entry.name))
    return found


def start(*args: str) -> subprocess.Popen[str]:
    """``python -m game ARGS`` in a process group of its own, as a shell starts a job."""
    return subprocess.Popen(
        [sys.executable, "-m", "game", *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        start_new_session=True,
    )


def wait_for_workers(process: subprocess.Popen[str], count: int) -> None:
    """Wait until ``process`` and ``count`` workers are running (60 s at most)."""
    deadline = time.monotonic() + 60
    while len(group(process.pid)) < 1 + count:
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the workers never started"
        time.sleep(0.05)
    time.sleep(0.3)  # a moment into the games
