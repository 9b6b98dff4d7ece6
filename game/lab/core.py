"""Which simulation core this installation runs: compiled or interpreted.

A wheel build compiles the rules engine and the bots with mypyc (setup.py); an editable
install runs their sources. Both play the same games, but every speed figure depends on
the core about twofold, so `sidra --version` and `sidra bench` name it.
"""

from __future__ import annotations

from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import game

PROBES = ("engine/resolve", "ai/rule_bot")
"""One module of each compiled package, as paths inside ``game``."""


def core_kind() -> str:
    """The core that runs: "compiled", "interpreted" or (a broken build) "mixed".

    Looked up the way Python's import system does, without importing anything: a module
    compiled to an extension sits beside its source, and the extension is what imports.
    """
    root = Path(game.__file__).parent
    compiled = [
        any((root / f"{probe}{suffix}").is_file() for suffix in EXTENSION_SUFFIXES)
        for probe in PROBES
    ]
    if all(compiled):
        return "compiled"
    return "mixed" if any(compiled) else "interpreted"
