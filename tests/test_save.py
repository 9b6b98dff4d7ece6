"""Save files: exact round trips of the history tree, older formats, corruption, atomic writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.ai.registry import BotSpec, Seat, parse_bot
from game.engine.state import RULES_VERSION
from game.paths import default_scenario_path
from game.record.files import KEEP, older_versions, rotate_and_write, write_atomic
from game.record.history import MAIN, Annotation
from game.record.match import Match
from game.record.save import SaveError, load_save, new_match, parse_save, to_json, write_save
from game.record.save_models import SAVE_FORMAT
from game.record.verify import verify_match

SAVES = Path(__file__).parent / "fixtures" / "saves"
OLD_RULES = SAVES / "rules-1-three-turns.json"
"""A real save written by Sidra before rules version 2 (sequential dice, no escalation
owners): three turns of a game whose Tobruk seat was played by a person."""
FORMAT_1_BOTS = SAVES / "format-1-bots-seed-3.json"
"""A whole bot game written by ``sidra simulate --save`` in save format 1 (rules 2, so
since rules 3 it opens view-only)."""
FORMAT_1_AUTOSAVE = SAVES / "format-1-autosave-human.json"
"""A format-1 autosave (rules 2) of three turns with a person, a hard bot and a random bot."""

BOTS = [Seat(f, BotSpec()) for f in ("tobruk", "dawn", "foreign")]


def _match(turns: int = 3, seed: int = 11) -> Match:
    text = default_scenario_path().read_text(encoding="utf-8")
    match = new_match(text, "scenarios/oil_crescent_2014.toml", seed, BOTS)
    for _ in range(turns):
        match.play_turn()
    return match


def test_save_round_trip_is_exact(tmp_path: Path) -> None:
    match = _match()
    path = tmp_path / "g.json"
    write_save(match, path)
    loaded = load_save(path)
    assert to_json(loaded) == to_json(match)
    assert json.loads(path.read_text())["format_version"] == SAVE_FORMAT
    assert [n.turn for n in loaded.turns] == [1, 2, 3]
    assert verify_match(loaded) is None
    assert loaded.history.state(MAIN, 2).turn == 3
    turn1 = loaded.turns[0]
    assert turn1.rolls == sum(len(e.rolls) for e in turn1.log)
    assert "unhcr-report" in turn1.events
    assert all(g.reason for g in turn1.orders), "every bot order keeps its reason"


def test_orders_are_canonically_sorted() -> None:
    for node in _match(2).turns:
        factions = [g.order.faction for g in node.orders]
        assert factions == sorted(factions, key=["tobruk", "dawn", "foreign"].index)


def test_branches_notes_and_intents_survive_a_reload(tmp_path: Path) -> None:
    text = default_scenario_path().read_text(encoding="utf-8")
    seats = [Seat("tobruk"), Seat("dawn", BotSpec()), Seat("foreign", BotSpec("random", ""))]
    match = new_match(text, "oil.toml", 5, seats)
    from game.engine.orders import make

    order = make("tobruk", "negotiate")
    match.play_turn([order], intents={"tobruk": "buy time"}, order_notes={order: "calm it"})
    match.play_turn([])
    match.branch(1, "no talks", [Seat(f, BotSpec()) for f in ("tobruk", "dawn", "foreign")])
    match.play_turn()
    match.history.annotate(Annotation(MAIN, 1, "Talks open here.", "sirte", "Ms K"))
    write_save(match, tmp_path / "b.json")
    loaded = load_save(tmp_path / "b.json")
    assert list(loaded.history.lines) == [MAIN, "no talks"]
    assert loaded.history.line("no talks").seats[0].word == "normal"
    assert loaded.history.line(MAIN).seats[0].human
    first = loaded.history.node(MAIN, 1)
    assert first.intents == {"tobruk": "buy time"}
    assert [g.intent for g in first.orders if g.order == order] == ["calm it"]
    assert loaded.history.notes_at("no talks", 1)[0].text == "Talks open here."
    assert loaded.history.variations_at(MAIN, 1) == ["no talks"]
    assert verify_match(loaded) is None
    assert to_json(loaded) == to_json(match)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (
            lambda d: d["lines"][0]["turns"][0]["snapshot"]["tracks"].update(escalation=19),
            "does not match its hash",
        ),
        (lambda d: d["scenario"].update(text=d["scenario"]["text"] + "\n# edited"), "sha256"),
        (lambda d: d.update(format_version=99), "newer than this Sidra reads"),
        (lambda d: d.update(surprise=1), "corrupt save"),
        (lambda d: d.pop("seed"), "corrupt save"),
        (lambda d: d["initial"]["factions"][0].update(components=None), "corrupt save"),
        (lambda d: d["initial"]["factions"][0].update(components=1.5), "corrupt save"),
        (lambda d: d["initial"].update(rng=[]), "corrupt save"),
        (lambda d: d["lines"][0]["turns"][0]["snapshot"].update(units="x"), "corrupt save"),
        (lambda d: d["lines"][0]["seats"][1].update(player="Hard"), "unknown player 'Hard'"),
        (lambda d: d["lines"][0].update(seats=[]), "not the scenario's factions"),
        (lambda d: d["lines"][0]["turns"].pop(0), "turn 2 where turn 1 should be"),
        (lambda d: d["lines"].append({**d["lines"][0], "parent": "x"}), "corrupt save"),
        (lambda d: d.update(lines=[]), "corrupt save"),
    ],
)
def test_corrupt_saves_are_detected(mutate, message: str) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(to_json(_match(2)))
    mutate(data)
    with pytest.raises(SaveError, match=message):
        parse_save(json.dumps(data))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"format_version": 2, "seed": Infinity}', "Infinity"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply|not a Sidra save"),
        ('{"seed": ' + "9" * 5000 + "}", "digits|corrupt save"),
    ],
)
def test_hostile_json_is_a_clear_message(text: str, message: str) -> None:
    with pytest.raises(SaveError, match=message):
        parse_save(text, "x.json")


def test_truncated_and_garbage_files(tmp_path: Path) -> None:
    text = to_json(_match(1))
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


def test_autosaves_keep_the_last_few_versions(tmp_path: Path) -> None:
    path = tmp_path / "game.json"
    for n in range(KEEP + 3):
        rotate_and_write(path, f"{n}\n")
    assert path.read_text() == f"{KEEP + 2}\n"
    kept = older_versions(path)
    assert [p.read_text() for p in kept] == [f"{KEEP + 1 - i}\n" for i in range(KEEP)]
    assert sorted(p.name for p in tmp_path.glob("*.json")) == ["game.json"]


def test_new_saves_record_the_rules_they_were_played_under() -> None:
    match = _match(1)
    assert match.rules_version == RULES_VERSION
    assert json.loads(to_json(match))["rules_version"] == RULES_VERSION
    assert match.frozen is None


def test_a_save_under_older_rules_opens_for_viewing_only(tmp_path: Path) -> None:
    match = load_save(OLD_RULES)
    assert match.rules_version == 1  # the field did not exist: absent means 1
    assert match.frozen is not None
    assert "rules version 1" in match.frozen and "cannot be continued" in match.frozen
    states = [match.history.state(MAIN, t) for t in range(0, 4)]
    assert [s.turn for s in states] == [1, 2, 3, 4]
    assert states[-1].tracks != states[0].tracks
    with pytest.raises(ValueError, match="cannot be continued or re-verified"):
        verify_match(match)
    # A teacher's note is written into the (migrated) save; the old snapshots stay as they were.
    match.history.annotate(Annotation(MAIN, 2, "Look at Sirte."))
    write_save(match, tmp_path / "old.json")
    again = load_save(tmp_path / "old.json")
    assert again.history.notes_at(MAIN, 2)[0].text == "Look at Sirte."
    old = json.loads(OLD_RULES.read_text())
    assert again.history.node(MAIN, 3).snapshot == old["turns"][2]["snapshot"]


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


@pytest.mark.parametrize("fixture", [FORMAT_1_BOTS, FORMAT_1_AUTOSAVE])
def test_format_1_saves_migrate_and_open_for_viewing(fixture: Path) -> None:
    """Both fixtures were played under rules 2: the format migrates exactly (same turns,
    same hashes, same seats) and the game opens view-only, saying why."""
    match = load_save(fixture)
    old = json.loads(fixture.read_text())
    assert match.rules_version == 2 < RULES_VERSION
    assert match.frozen is not None and "rules version 2" in match.frozen
    assert [n.state_hash for n in match.turns] == [t["state_hash"] for t in old["turns"]]
    assert [s.word for s in match.seats] == [
        "human" if p["kind"] == "human" else (p["difficulty"] or p["kind"]) for p in old["players"]
    ]
    with pytest.raises(ValueError, match="cannot be continued or re-verified"):
        verify_match(match)


def test_a_migrated_autosave_keeps_its_turns_when_saved_again(tmp_path: Path) -> None:
    """Writing a migrated older-rules game (a teacher's note, say) keeps every turn and
    hash and the rules it was played under, so it stays view-only and never replays
    under rules it was not played with."""
    from game.tui.session import GameSession

    match = load_save(FORMAT_1_AUTOSAVE)
    match.history.annotate(Annotation(MAIN, 1, "Look at Es Sider."))
    write_save(match, tmp_path / "a.json")
    again = load_save(tmp_path / "a.json")
    assert [n.state_hash for n in again.turns] == [n.state_hash for n in match.turns]
    assert again.rules_version == 2 and again.frozen is not None
    session = GameSession.resume(again, tmp_path / "b.json")
    with pytest.raises(SaveError, match="rules version 2"):
        session.end_turn()
    assert not (tmp_path / "b.json").exists()


def test_a_game_under_current_rules_plays_on_after_a_save(tmp_path: Path) -> None:
    from game.tui.session import GameSession

    match = _match(3)
    write_save(match, tmp_path / "a.json")
    session = GameSession.resume(load_save(tmp_path / "a.json"), tmp_path / "b.json")
    session.end_turn()
    again = load_save(tmp_path / "b.json")
    assert len(again.turns) == 4 and verify_match(again) is None


@pytest.mark.parametrize(
    "bot", ["spoiler", "passive", "random", "easy", "hard", "expert", "hard@0", "expert@64"]
)
def test_a_saved_bot_seat_comes_back_as_the_same_bot(tmp_path: Path, bot: str) -> None:
    from game.tui.session import GameSession

    match = _match(1)
    match.history.line(MAIN).seats[1] = Seat("dawn", parse_bot(bot))
    write_save(match, tmp_path / "g.json")
    session = GameSession.resume(load_save(tmp_path / "g.json"))
    assert session.seats[1].bot == parse_bot(bot)


def test_a_written_file_gets_ordinary_permissions_or_keeps_its_own(tmp_path: Path) -> None:
    import os

    path = tmp_path / "shared.json"
    mask = os.umask(0o022)
    try:
        write_atomic(path, "one\n")
        assert path.stat().st_mode & 0o777 == 0o644
        path.chmod(0o600)
        write_atomic(path, "two\n")
        assert path.stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(mask)


def test_a_game_that_cannot_be_saved_is_a_save_error_not_a_crash(tmp_path: Path) -> None:
    from game.engine.log import LogEntry

    match = _match(1)
    match.turns[0].log.append(LogEntry(1, "escalation", "note", "x" * 70_000))
    with pytest.raises(SaveError, match="cannot be saved"):
        write_save(match, tmp_path / "big.json")
    assert not (tmp_path / "big.json").exists()


def test_long_engine_log_lines_are_saved() -> None:
    from game.engine.log import LogEntry

    match = _match(1)
    match.turns[0].log.append(LogEntry(1, "escalation", "note", "y" * 9_000))
    assert len(parse_save(to_json(match)).turns[0].log[-1].text) == 9_000
