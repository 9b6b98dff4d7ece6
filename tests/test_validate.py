"""``sidra validate``: errors and warnings told apart in text and JSON, a summary per file,
TOML's words in every message, and never a traceback whatever the file holds."""

from __future__ import annotations

import contextlib
import io
import json
import random
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.cli import main
from game.paths import default_scenario_path

TEXT = default_scenario_path().read_text(encoding="utf-8")

NEVER = 'when = { type = "turn_at_least", turn = 30 }'
EVENT = f'\n[[event]]\nid = "late"\ntitle = "Late"\n{NEVER}\ntext = "x"\nsource = "design"\n'
"""An event that can never fire (an error)."""

WEIGHT_ZERO = ('weight = 3, label = "Sirte held"', 'weight = 0, label = "Sirte held"')
"""A victory term that never scores (a warning)."""


def write(tmp_path: Path, text: str, name: str = "mine.toml") -> Path:
    """``text`` as a scenario file in ``tmp_path``, with the folders of files it reads
    (the shipped scenarios' fact sheets and outlines) copied beside it."""
    for folder in default_scenario_path().parent.iterdir():
        if folder.is_dir() and not (tmp_path / folder.name).exists():
            shutil.copytree(folder, tmp_path / folder.name)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_warnings_alone_are_shown_counted_and_exit_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, TEXT.replace(*WEIGHT_ZERO, 1))
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    line = (
        TEXT.replace(*WEIGHT_ZERO, 1)
        .splitlines()
        .index(next(x for x in TEXT.replace(*WEIGHT_ZERO, 1).splitlines() if "weight = 0," in x))
    )
    assert out[0].startswith(f"{path}:{line + 1}:")
    assert ": warning: weight 0: this term never scores" in out[0]
    assert out[1].startswith(f"{path}: ok (The Oil Crescent, December 2014")
    assert out[1].endswith("; 1 warning")


def test_errors_and_warnings_are_listed_in_file_order_with_a_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, TEXT.replace(*WEIGHT_ZERO, 1) + EVENT)
    assert main(["validate", str(path)]) == 1
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert len(lines) == 2
    assert ": warning: weight 0" in lines[0]
    assert ": event 'late' never fires: the condition can never be true" in lines[1]
    assert "warning:" not in lines[1]
    assert captured.err.strip() == f"{path}: 1 error, 1 warning"


def test_a_clean_file_says_ok_and_nothing_else(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, TEXT)
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{path}: ok (") and "warning" not in out


def test_json_gives_each_severity_and_the_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    warned = write(tmp_path, TEXT.replace(*WEIGHT_ZERO, 1), "warned.toml")
    broken = write(tmp_path, TEXT.replace(*WEIGHT_ZERO, 1) + EVENT, "broken.toml")
    assert main(["validate", "--format", "json", str(warned), str(broken)]) == 1
    first, second = json.loads(capsys.readouterr().out)["files"]
    assert first["ok"] is True and (first["errors"], first["warnings"]) == (0, 1)
    assert [d["severity"] for d in first["diagnostics"]] == ["warning"]
    assert first["summary"].startswith("The Oil Crescent")
    assert second["ok"] is False and (second["errors"], second["warnings"]) == (1, 1)
    assert [d["severity"] for d in second["diagnostics"]] == ["warning", "error"]
    line = (TEXT + EVENT).splitlines().index(NEVER) + 1
    assert second["diagnostics"][1]["line"] == line


# -- words: TOML's, never Python's or pydantic's -------------------------------------

FOREIGN_WORDS = re.compile(
    r"\b(dict|list|str|int|bool|object|NoneType|tuple|pydantic|Input should|Field required|"
    r"String should|Value error|valid dictionary|valid list)\b"
)
"""Words of Python, JSON Schema or pydantic that must never reach a scenario author."""


def foreign_words(output: str) -> list[str]:
    """Foreign words in ``output``, outside quoted text taken from the file itself."""
    unquoted = re.sub(r"'[^'\n]*'|\"[^\"\n]*\"", "''", output)
    return FOREIGN_WORDS.findall(unquoted)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("turns = 12", 'turns = "12"', "meta.turns: expected an integer, found '12' (a string)"),
        ("turns = 12", "turns = 12.5", "meta.turns: expected an integer, found 12.5 (a float)"),
        (
            'name = "Tripoli"',
            "name = { a = 1 }",
            "region[2].name: expected a string, found a table",
        ),
        (
            'supply = ["tobruk_city", "ajdabiya"]',
            'supply = "ajdabiya"',
            "faction[0].supply: expected an array, found 'ajdabiya' (a string)",
        ),
        ("plural = true", 'plural = "yes"', "expected true or false, found 'yes' (a string)"),
        (
            "start = 2014-12-13",
            'start = "2014-12-13"',
            "meta.start: expected a date (unquoted, like 2014-12-13), found '2014-12-13'",
        ),
        (
            'kind = "city"',
            'kind = "town"',
            "region[2].kind: unknown value 'town'; the allowed values are: city, oil_terminal, "
            "oil_field, airbase, industrial, staging",
        ),
        (
            'kind = "road"',
            'kind = "raod"',
            "link[0].kind: unknown value 'raod'; did you mean 'road'?; the allowed values are: "
            "road, coast, sea",
        ),
        (
            'color = "#4f8fe0"',
            'color = "blue"',
            "faction[0].color: 'blue' (a string) is not a colour written #rrggbb",
        ),
        (
            'id = "oil-crescent-2014"',
            'id = "Oil Crescent"',
            "meta.id: 'Oil Crescent' (a string) is not an id: lowercase letters, digits, _ or -, "
            "starting with a letter or digit",
        ),
        (
            'name = "Tripoli"',
            'nmae = "Tripoli"',
            "unknown key 'nmae' in region[2]; did you mean 'name'?",
        ),
    ],
)
def test_each_kind_of_mistake_is_said_in_tomls_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, expected: str
) -> None:
    assert old in TEXT
    text = TEXT.replace(old, new, 1)
    path = write(tmp_path, text)
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert expected in out
    assert len(out.splitlines()) == 1, out  # one mistake, one problem
    line = next(i for i, x in enumerate(text.splitlines(), 1) if new in x)
    assert out.startswith(f"{path}:{line}:")
    assert foreign_words(out) == []


# -- never a traceback -----------------------------------------------------------------

LINES = TEXT.split("\n")
IDS = sorted(set(re.findall(r'^id = "([a-z_0-9-]+)"', TEXT, re.M)))
VALUES = [
    '"x"',
    "0",
    "-1",
    "13",
    "1e400",
    "true",
    "[]",
    "{}",
    "2014-12-13",
    "2014-12-13T10:00:00",
    '{ type = "turn_at_least", turn = 99 }',
    '{ type = "all", conditions = [{ type = "track_at_least", track = "escalation", '
    "value = 30 }] }",
    '{ type = "not", condition = { type = "happened", what = "naval_raid" } }',
    '[{ type = "control", regions = ["nowhere"], weight = 0 }]',
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False), st.integers(1, 4))
def test_validate_on_a_mutated_scenario_exits_0_or_1_in_tomls_words(
    tmp_path_factory: pytest.TempPathFactory, rnd: random.Random, edits: int
) -> None:
    lines = list(LINES)
    for _ in range(edits):
        i = rnd.randrange(len(lines))
        action = rnd.choice(["value", "id", "delete", "duplicate", "noise"])
        if action == "value" and " = " in lines[i]:
            lines[i] = f"{lines[i].split(' = ', 1)[0]} = {rnd.choice(VALUES)}"
        elif action == "id" and '"' in lines[i]:
            old = rnd.choice(IDS)
            lines[i] = lines[i].replace(f'"{old}"', f'"{rnd.choice(IDS)}"')
        elif action == "delete":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        else:
            j = rnd.randrange(len(lines[i]) + 1)
            lines[i] = lines[i][:j] + rnd.choice(["[", "]", "{", '"', "=", ".", "#"]) + lines[i][j:]
    path = write(tmp_path_factory.mktemp("fuzz"), "\n".join(lines), "mutant.toml")
    for fmt in ("text", "json"):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["validate", "--format", fmt, str(path)])
        assert code in (0, 1)
        assert "Traceback" not in out.getvalue() + err.getvalue()
        if fmt == "json":
            report = json.loads(out.getvalue())["files"][0]
            assert report["ok"] is (code == 0)
            messages = "\n".join(d["message"] for d in report["diagnostics"])
        else:
            messages = out.getvalue()
        assert foreign_words(messages) == [], messages
