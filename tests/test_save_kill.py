"""A save being written when the process is killed is never left broken or half-written.

SIGKILL, SIGTERM and SIGHUP (what closing the terminal sends) at random moments of a
loop of autosaves: the save always holds the old game or the new one, whole. SIGTERM
and SIGHUP are caught (``install_exit_handlers``): the run exits cleanly and leaves no
temporary file. SIGKILL cannot be caught; its leftovers are removed by the next write
beside them and by the clean-up at start, once they are a minute old.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from numpy.random import PCG64, Generator

from game.record.files import OLDER, older_versions, remove_stale_temp_files
from game.record.save import load_save, write_save
from tests.test_save import _match

WRITER = """
import sys
from pathlib import Path
from game.record.files import install_exit_handlers, rotate_and_write
from game.record.save import load_save, to_json
install_exit_handlers()
path = Path(sys.argv[1])
a, b = to_json(load_save(sys.argv[2])), to_json(load_save(sys.argv[3]))
print("ready", flush=True)
while True:
    rotate_and_write(path, a)
    rotate_and_write(path, b)
"""

KILLS = 4


def _temp_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.tmp"))


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGHUP])
def test_killing_a_writer_at_random_moments_never_breaks_the_save(
    tmp_path: Path, sig: signal.Signals
) -> None:
    short, long = tmp_path / "short.json", tmp_path / "long.json"
    write_save(_match(1), short)
    write_save(_match(6), long)
    target = tmp_path / "game.json"
    write_save(_match(1), target)
    rng = Generator(PCG64(7 + sig))
    root = Path(__file__).resolve().parent.parent
    for _ in range(KILLS):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(target), str(short), str(long)],
            cwd=root,
            stdout=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(root)},
        )
        assert proc.stdout is not None and proc.stdout.readline().strip() == b"ready"
        time.sleep(float(rng.uniform(0.0, 0.3)))
        proc.send_signal(sig)
        code = proc.wait(timeout=30)
        assert len(load_save(target).turns) in (1, 6)  # whole, one or the other
        for older in older_versions(target):
            assert len(load_save(older).turns) in (1, 6)
        if sig == signal.SIGKILL:
            assert code == -sig
        else:
            assert code == 128 + sig  # a clean exit, saying which signal ended it
            assert _temp_files(tmp_path) == []
    assert sorted(p.name for p in tmp_path.glob("*.json")) == [
        "game.json",
        "long.json",
        "short.json",
    ]
    # What a killed run left behind (if anything) goes once it is a minute old: beside
    # the save at its next write, and in the autosaves' folder of earlier versions.
    for leftover in _temp_files(tmp_path):
        then = time.time() - 120
        os.utime(leftover, (then, then))
    write_save(_match(1), target, keep_older=True)
    remove_stale_temp_files(tmp_path / OLDER)
    assert _temp_files(tmp_path) == []
