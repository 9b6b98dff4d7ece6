"""``verify``: a saved game re-simulates exactly, and any edit is named by its turn."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli import main
from game.engine.state import canonical_json
from game.record.save import parse_save, to_json
from game.record.verify import diff, verify_match
from tests.test_save import _match


def _edited(edit) -> str:  # type: ignore[no-untyped-def]
    data = json.loads(to_json(_match(4)))
    edit(data)
    return json.dumps(data)


def _rehash(snapshot: dict) -> str:  # type: ignore[type-arg]
    import hashlib

    return hashlib.sha256(canonical_json(snapshot).encode()).hexdigest()


def test_a_changed_order_is_named_by_its_turn() -> None:
    def edit(d: dict) -> None:  # type: ignore[type-arg]
        d["lines"][0]["turns"][2]["orders"] = [
            o for o in d["lines"][0]["turns"][2]["orders"] if o["faction"] != "dawn"
        ]

    found = verify_match(parse_save(_edited(edit)))
    assert found is not None and (found.line, found.turn) == ("main", 3)
    assert found.differences, "the differing fields are listed"


def test_a_changed_roll_is_named_by_its_turn() -> None:
    data = json.loads(to_json(_match(4)))
    rolled = next(t for t in data["lines"][0]["turns"] if any(e["rolls"] for e in t["log"]))
    roll = next(r for e in rolled["log"] for r in e["rolls"])
    roll["value"] = roll["value"] % roll["sides"] + 1
    found = verify_match(parse_save(json.dumps(data)))
    assert found is not None and found.turn == rolled["turn"] and "dice" in found.why


def test_a_changed_snapshot_with_a_forged_hash_is_named_by_its_turn() -> None:
    def edit(d: dict) -> None:  # type: ignore[type-arg]
        turn = d["lines"][0]["turns"][1]
        turn["snapshot"]["factions"][0]["treasury"] += 5
        turn["state_hash"] = _rehash(turn["snapshot"])

    found = verify_match(parse_save(_edited(edit)))
    assert found is not None and found.turn == 2
    assert any("factions[tobruk].treasury" in d for d in found.differences)


def test_a_changed_variation_is_named_with_its_line() -> None:
    match = _match(3)
    match.branch(1, "quiet")
    match.play_turn()
    match.play_turn()
    data = json.loads(to_json(match))
    data["lines"][1]["turns"][1]["orders"] = []
    found = verify_match(parse_save(json.dumps(data)))
    assert found is not None and (found.line, found.turn) == ("quiet", 3)


def test_diff_lists_fields_by_id() -> None:
    old = {"factions": [{"id": "a", "x": 1}], "turn": 2}
    new = {"factions": [{"id": "a", "x": 3}], "turn": 2}
    assert diff(old, new) == ["factions[a].x: 1 → 3"]


def test_simulate_then_verify_exits_0_and_an_edit_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "g.json"
    assert (
        main(["simulate", "--games", "1", "--seed", "3", "--jobs", "1", "--save", str(path)]) == 0
    )
    capsys.readouterr()
    assert main(["verify", str(path)]) == 0
    assert "exact" in capsys.readouterr().out
    data = json.loads(path.read_text())
    data["lines"][0]["turns"][1]["orders"].pop()
    path.write_text(json.dumps(data))
    assert main(["verify", str(path)]) == 1
    out = capsys.readouterr()
    assert "turn 2" in out.out + out.err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", "not valid JSON"),
        ('{"format_version": 7}', "newer"),
        ("", "not valid JSON"),
    ],
)
def test_verify_broken_files_give_one_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content)
    assert main(["verify", str(path)]) == 1
    out = capsys.readouterr()
    assert message in out.err and str(path) in out.err
    assert "Traceback" not in out.err


def test_verify_names_the_last_good_autosave_of_the_same_game(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from game.record.save import write_save

    path = tmp_path / "auto.json"
    match = _match(1)
    write_save(match, path, keep_older=True)
    match.play_turn()
    write_save(match, path, keep_older=True)
    path.write_text(path.read_text()[:100])
    assert main(["verify", str(path)]) == 1
    assert "auto.1.json" in capsys.readouterr().err


def test_verify_refuses_a_save_under_older_rules_plainly(
    capsys: pytest.CaptureFixture[str],
) -> None:
    old = Path(__file__).parent / "fixtures" / "saves" / "rules-1-three-turns.json"
    assert main(["verify", str(old)]) == 1
    assert "cannot be continued or re-verified" in capsys.readouterr().err
