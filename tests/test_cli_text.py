"""The command line never sends a control character from outside data to the terminal.

Names, keys, ids and file names with escape codes (clear the screen, set the window
title), the bell, C1 controls, carriage returns, line breaks and bidirectional overrides
go through every command that prints them: ``validate`` (good and broken files),
``simulate``, ``verify``, ``report`` and ``whatif``. The output holds none of those
characters, only their visible escapes.
"""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import tomli

from game.cli_text import BIDI_CONTROLS, safe, unsafe
from game.scenario.toml_text import toml_document

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "scenarios" / "oil_crescent_2014.toml"

NASTY = "\x1b[2J\x1b]0;pwned\x07\x9b31m\r\u202eevil\u202c\nline"
"""Clear screen, set the title, ring the bell, a C1 CSI, a carriage return, an override,
a forged line."""

ESCAPED = r"\x1b[2J\x1b]0;pwned\x07\x9b31m\x0d\u202eevil\u202c\x0aline"


def terminal_unsafe(output: str) -> list[str]:
    """The characters of ``output`` a terminal would act on (line breaks and tabs aside)."""
    return sorted({repr(c) for c in output if unsafe(c) and c not in "\n\t"})


def sidra(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "game", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="surrogateescape",
        cwd=cwd,
        timeout=300,
        check=False,
    )


def nasty_scenario() -> dict[str, Any]:
    """The default scenario with NASTY in its title and every faction's and region's name."""
    data = copy.deepcopy(tomli.loads(DEFAULT.read_text(encoding="utf-8")))
    data["meta"]["title"] = "Title " + NASTY
    for section in ("faction", "region", "order", "track"):
        for item in data[section]:
            item["name"] = item["name"][:10] + " " + NASTY
    data["meta"]["turns"] = 2
    end = data["meta"]["start"].toordinal() + 2 * data["meta"]["turn_days"]
    data["event"] = [
        e
        for e in data["event"]
        if e.get("turn", 1) <= 2
        and (e.get("history") or e.get("date", 0) == 0 or e["date"].toordinal() < end)
    ]
    return data


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    here = tmp_path_factory.mktemp("cli-text")
    (here / "nasty.toml").write_text(toml_document(nasty_scenario()), encoding="utf-8")
    broken = nasty_scenario()
    broken["region"][0]["controller"] = "\x1b]0;x\x07"
    text = toml_document(broken) + f'\n"{NASTY[:12]}" = 1\n'.replace("\x1b", "\\u001b")
    (here / "broken\x1b[31m.toml").write_text(text, encoding="utf-8")
    return here


def test_safe_escapes_what_a_terminal_acts_on_and_nothing_else() -> None:
    assert safe(NASTY) == ESCAPED
    assert safe("Misrata · مصراتة ✓") == "Misrata · مصراتة ✓"
    assert safe("two\nlines\tand a tab", lines=True) == "two\nlines\tand a tab"
    assert safe("two\nlines") == r"two\x0alines"
    assert safe("\ud800") == r"\ud800"  # a lone surrogate cannot even be printed
    assert all(unsafe(c) for c in BIDI_CONTROLS)
    assert safe(42) == "42"


def test_validate_escapes_names_keys_ids_and_file_names(folder: Path) -> None:
    good = sidra("validate", "nasty.toml", cwd=folder)
    assert good.returncode == 0, good.stderr
    assert "Title " + ESCAPED in good.stdout
    broken = sidra("validate", "broken\x1b[31m.toml", cwd=folder)
    assert broken.returncode == 1
    output = broken.stdout + broken.stderr
    assert r"broken\x1b[31m.toml:" in output
    assert r"unknown controller '\x1b]0;x\x07'" in output
    assert r"unknown key '\x1b[2J\x1b]0;pwne'" in output
    for result in (good, broken):
        assert terminal_unsafe(result.stdout + result.stderr) == []


def test_simulate_verify_report_and_whatif_escape_outside_text(folder: Path) -> None:
    simulated = sidra(
        "simulate", "nasty.toml", "--games", "2", "--jobs", "1", "--save", "game.json", cwd=folder
    )
    assert simulated.returncode == 0, simulated.stderr
    assert "Title " + ESCAPED in simulated.stdout
    verified = sidra("verify", "game.json", cwd=folder)
    assert verified.returncode == 0, verified.stderr
    reported = sidra("report", "game.json", "-o", "hand\x1bout.html", cwd=folder)
    assert reported.returncode == 0, reported.stderr
    assert r"hand\x1bout.html" in reported.stdout
    fanned = sidra("whatif", "game.json", "--turn", "0", "--games", "4", "--jobs", "1", cwd=folder)
    assert fanned.returncode == 0, fanned.stderr
    assert "Title " + ESCAPED in fanned.stdout
    for result in (simulated, verified, reported, fanned):
        assert terminal_unsafe(result.stdout + result.stderr) == []
