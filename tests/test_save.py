"""Save files: exact round trips, corruption detection, atomic writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.ai.registry import BotSpec
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
    result = play_game(record.world, 11, (BotSpec(),) * 3, keep=True)
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


OLD_RULES = Path(__file__).parent / "fixtures" / "saves" / "rules-1-three-turns.json"
"""A real save written by Sidra before rules version 2 (sequential dice, no escalation
owners): three turns of a game whose Tobruk seat was played by a person."""


def test_new_saves_record_the_rules_they_were_played_under() -> None:
    from game.engine.state import RULES_VERSION

    record = _record(1)
    assert record.save.rules_version == RULES_VERSION
    assert json.loads(record.to_json())["rules_version"] == RULES_VERSION
    assert record.frozen is None


def test_a_save_under_older_rules_opens_for_viewing_only() -> None:
    record = load_save(OLD_RULES)
    assert record.save.rules_version == 1  # the field did not exist: absent means 1
    assert record.frozen is not None
    assert "rules version 1" in record.frozen and "cannot be continued" in record.frozen
    # every stored turn can be looked at
    states = [record.state_after(t) for t in range(0, 4)]
    assert [s.turn for s in states] == [1, 2, 3, 4]
    assert states[-1].tracks != states[0].tracks
    # but it cannot be re-simulated under today's rules
    with pytest.raises(SaveError, match="cannot be continued or re-verified"):
        verify(record)


def test_a_session_on_older_rules_refuses_to_play_on() -> None:
    from game.engine.orders import IllegalOrder, make
    from game.tui.session import GameSession

    session = GameSession.resume(load_save(OLD_RULES))
    assert session.frozen is not None
    with pytest.raises(IllegalOrder, match="rules version 1"):
        session.add_order(make("tobruk", "negotiate"))
    with pytest.raises(SaveError, match="rules version 1"):
        session.end_turn([])
    assert len(session.history()) == 4  # the start and three turns, all viewable


def test_an_edited_old_save_is_still_caught_by_its_hashes() -> None:
    data = json.loads(OLD_RULES.read_text(encoding="utf-8"))
    data["turns"][1]["snapshot"]["tracks"]["escalation"] = 3
    with pytest.raises(SaveError, match="turn 2 snapshot does not match its hash"):
        parse_save(json.dumps(data))


@pytest.mark.parametrize("bot", ["spoiler", "passive", "random", "hard"])
def test_a_saved_bot_seat_comes_back_as_the_same_bot(tmp_path: Path, bot: str) -> None:
    from game.ai.registry import parse_bot
    from game.tui.session import GameSession

    spec = parse_bot(bot)
    record = _record(1)
    record.save.players[1] = Player(faction="dawn", kind=spec.kind, difficulty=spec.difficulty)
    record.write(tmp_path / "g.json")
    session = GameSession.resume(load_save(tmp_path / "g.json"))
    assert parse_bot(session.seats[1].difficulty) == spec
