"""A save being written when the process is killed is never left broken or half-written."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from numpy.random import PCG64, Generator

from game.record.save import load_save, write_save
from tests.test_save import _match

WRITER = """
import sys
from game.record.save import load_save, write_save
path = sys.argv[1]
a, b = load_save(sys.argv[2]), load_save(sys.argv[3])
print("ready", flush=True)
while True:
    write_save(a, path, keep_older=True)
    write_save(b, path, keep_older=True)
"""


def test_killing_a_writer_at_random_moments_never_breaks_the_save(tmp_path: Path) -> None:
    short, long = tmp_path / "short.json", tmp_path / "long.json"
    write_save(_match(1), short)
    write_save(_match(6), long)
    target = tmp_path / "game.json"
    write_save(_match(1), target)
    rng = Generator(PCG64(7))
    root = Path(__file__).resolve().parent.parent
    for _ in range(6):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(target), str(short), str(long)],
            cwd=root,
            stdout=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(root)},
        )
        assert proc.stdout is not None and proc.stdout.readline().strip() == b"ready"
        time.sleep(float(rng.uniform(0.0, 0.3)))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        assert len(load_save(target).turns) in (1, 6)  # whole, one or the other
    assert sorted(p.name for p in tmp_path.glob("*.json")) == [
        "game.json",
        "long.json",
        "short.json",
    ]
