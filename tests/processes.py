"""What the tests that stop commands with Ctrl+C look at: the processes a command left."""

from __future__ import annotations

from pathlib import Path


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
