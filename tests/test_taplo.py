"""Taplo, the TOML tool behind VS Code's Even Better TOML and the Helix and Neovim language
servers, checks scenarios against the committed schema as an author's editor does: every
shipped scenario is clean, and a broken one gets each problem named at its line."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from game.scenario.schema import schema_text

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"


def _taplo() -> str:
    """The taplo of the test extras (the PyPI wheel installs it beside Python)."""
    beside = Path(sys.executable).parent / "taplo"
    found = str(beside) if beside.exists() else shutil.which("taplo")
    assert found, "taplo is missing: pip install -e '.[test]'"
    return found


def _check(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [_taplo(), "check", "--colors", "never", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_every_shipped_scenario_is_clean_under_the_committed_schema() -> None:
    shipped = sorted(p.name for p in SCENARIOS.glob("*.toml"))
    assert "oil_crescent_2014.toml" in shipped
    result = _check(*(f"scenarios/{name}" for name in shipped), cwd=ROOT)
    assert result.returncode == 0, result.stderr[-4000:]
    assert "error" not in result.stdout + result.stderr.replace("ERROR", "")


def _errors(output: str) -> list[tuple[int, str]]:
    """(line, message) of each error taplo printed, e.g. ``┌─ .../broken.toml:12:5``."""
    found: list[tuple[int, str]] = []
    message = ""
    for line in output.splitlines():
        if line.startswith("error: "):
            message = line.removeprefix("error: ")
        elif (at := re.search(r"broken\.toml:(\d+):\d+", line)) and message:
            found.append((int(at.group(1)), message))
    return found


def test_a_broken_scenario_gets_each_problem_named_at_its_line(tmp_path: Path) -> None:
    """A misspelt key inside an effect, a misspelt effect type, a text where an effect and
    the calendar want integers: each is named (not 'not valid under any of the given
    schemas') at the line that holds it."""
    lines = (SCENARIOS / "tutorial.toml").read_text(encoding="utf-8").splitlines()
    effects = [i for i, line in enumerate(lines) if line.startswith("effects = [{ type =")]
    assert len(effects) >= 3, "the tutorial's events changed: pick other lines to break"
    misspelt, bad_word, wrong_type = effects[:3]
    lines[misspelt] = lines[misspelt].replace(" add = ", " ad = ")
    lines[bad_word] = re.sub(r'type = "\w+"', 'type = "trak"', lines[bad_word])
    lines[wrong_type] = re.sub(r"add = -?\d+", 'add = "five"', lines[wrong_type])
    turns = next(i for i, line in enumerate(lines) if line.startswith("turns = "))
    lines[turns] = 'turns = "six"'
    (tmp_path / "scenario.schema.json").write_text(schema_text(), encoding="utf-8")
    (tmp_path / "broken.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = _check("--no-auto-config", "broken.toml", cwd=tmp_path)

    output = result.stdout + result.stderr
    assert result.returncode != 0
    errors = _errors(output)
    assert (misspelt + 1, "Additional properties are not allowed ('ad' was unexpected)") in errors
    assert (misspelt + 1, '"add" is a required property') in errors
    assert any(line == bad_word + 1 and '"trak" is not one of [' in m for line, m in errors)
    assert (wrong_type + 1, '"five" is not of type "integer"') in errors
    assert (turns + 1, '"six" is not of type "integer"') in errors
    assert "not valid under any of the" not in output
    assert {line for line, _ in errors} == {misspelt + 1, bad_word + 1, wrong_type + 1, turns + 1}
