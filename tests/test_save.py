"""Save files: exact round trips, corruption detection, atomic writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.paths import default_scenario_path
from game.record.save import (
    SAVE_FORMAT,
    GameRecord,
    Player,
    SaveError,
    load_save,
    parse_save,
    verify,
    write_atomic,
)
from game.simulate import play_game


def _record(turns: int = 3) -> GameRecord:
    text = default_scenario_path().read_text(encoding="utf-8")
    players = [Player(faction=f, kind="rule") for f in ("tobruk", "dawn", "foreign")]
    record, state = GameRecord.start(text, "scenarios/oil_crescent_2014.toml", 11, players)
    result = play_game(record.world, 11, ("rule", "rule", "rule"), keep=True)
    for turn in result.history[:turns]:
        record.add_turn(state, turn.orders, turn.state, turn.log)
        state = turn.state
    return record


def test_save_round_trip_is_exact(tmp_path: Path) -> None:
    record = _record()
    path = tmp_path / "g.json"
    record.write(path)
    loaded = load_save(path)
    assert loaded.to_json() == record.to_json()
    assert loaded.save.format_version == SAVE_FORMAT
    assert [t.turn for t in loaded.save.turns] == [1, 2, 3]
    assert verify(loaded) is None
    assert loaded.state_after(2).turn == 3
    turn1 = loaded.save.turns[0]
    assert turn1.rolls == sum(len(e.rolls) for e in turn1.log)
    assert "unhcr-report" in turn1.events


def test_orders_are_canonically_sorted() -> None:
    record = _record(2)
    for turn in record.save.turns:
        keys = [(o.faction, o.order) for o in turn.orders]
        factions = [k[0] for k in keys]
        assert factions == sorted(factions, key=["tobruk", "dawn", "foreign"].index)


def test_tampered_orders_fail_verification(tmp_path: Path) -> None:
    record = _record()
    data = json.loads(record.to_json())
    # Drop every order of turn 2: the snapshots still match their hashes, the replay does not.
    data["turns"][1]["orders"] = []
    loaded = parse_save(json.dumps(data))
    assert verify(loaded) == 2


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (
            lambda d: d["turns"][0]["snapshot"]["tracks"].update(escalation=19),
            "does not match its hash",
        ),
        (lambda d: d["scenario"].update(text=d["scenario"]["text"] + "\n# edited"), "sha256"),
        (lambda d: d.update(format_version=99), "newer than this Sidra reads"),
        (lambda d: d.update(surprise=1), "corrupt save"),
        (lambda d: d.pop("seed"), "corrupt save"),
        (lambda d: d["initial"]["factions"][0].update(components=None), "corrupt save"),
        (lambda d: d["initial"]["factions"][0].update(components=1.5), "corrupt save"),
        (lambda d: d["initial"].update(rng=[]), "corrupt save"),
        (lambda d: d["turns"][0]["snapshot"].update(units="x"), "corrupt save"),
    ],
)
def test_corrupt_saves_are_detected(mutate, message: str) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(_record(2).to_json())
    mutate(data)
    with pytest.raises(SaveError, match=message):
        parse_save(json.dumps(data))


def test_truncated_and_garbage_files(tmp_path: Path) -> None:
    text = _record(1).to_json()
    with pytest.raises(SaveError, match="not valid JSON"):
        parse_save(text[: len(text) // 2], "half.json")
    with pytest.raises(SaveError, match="not UTF-8"):
        parse_save(b"\xff\xfe\x00garbage", "bin.json")
    with pytest.raises(SaveError, match="expected a JSON object"):
        parse_save("[1, 2]")
    with pytest.raises(SaveError, match="cannot read"):
        load_save(tmp_path / "missing.json")


def test_atomic_write_replaces_whole_file_and_leaves_no_temp(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "save.json"
    write_atomic(path, "first\n")
    write_atomic(path, "second\n")
    assert path.read_text() == "second\n"
    assert sorted(p.name for p in path.parent.iterdir()) == ["save.json"]


def test_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "save.json"
    write_atomic(path, "good\n")

    def boom(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", boom)
    with pytest.raises(OSError):
        write_atomic(path, "bad\n")
    assert path.read_text() == "good\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["save.json"]
