"""Classroom handouts (``sidra report``): golden files, self-containment, hostile text, CLI.

The golden test renders the committed save ``tests/fixtures/saves/handout-game.json``
(a human Tobruk player with notes, one variation, one teacher's note) as Markdown, SVG
and HTML and compares the bytes with ``tests/fixtures/handout/``. After an intended
change to the handout, refresh the goldens and review the diff:

    SIDRA_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_handout.py

To make the save itself anew (after a save-format or rules change), delete it and run
the same command: :func:`make_fixture_match` plays it through the match API.
"""

from __future__ import annotations

import difflib
import html
import os
import re
from pathlib import Path

import pytest

from game.ai.registry import BotSpec, make_bot, parse_seat
from game.cli import main
from game.engine.order_model import Order
from game.record.handout import build_handout, render_html, render_markdown, write_handout
from game.record.handout.charts import ticks
from game.record.handout.words import clean
from game.record.history import Annotation
from game.record.match import Match
from game.record.save import load_save, new_match, write_save

ROOT = Path(__file__).resolve().parent.parent
SAVES = ROOT / "tests" / "fixtures" / "saves"
FIXTURE = SAVES / "handout-game.json"
GOLDEN = ROOT / "tests" / "fixtures" / "handout"
UPDATE = os.environ.get("SIDRA_UPDATE_GOLDEN") == "1"
NAMESPACES = {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}
HOSTILE = "<script>alert(1)</script> [bold]red[/bold] \x1b]0;x\x07\x1b[31mred\u202e"


def make_fixture_match() -> Match:
    """The golden game: seed 237, Tobruk played by a person (orders as a rule bot would give
    them, with a note on the first turn and on one order of the second), a variation after
    turn 2 that talks instead of striking, and a teacher's note on turn 2."""
    text = (ROOT / "scenarios" / "oil_crescent_2014.toml").read_text(encoding="utf-8")
    seats = [parse_seat("tobruk", "human"), parse_seat("dawn", "normal")]
    seats.append(parse_seat("foreign", "normal"))
    match = new_match(text, "scenarios/oil_crescent_2014.toml", 237, seats)
    player = make_bot("tobruk", BotSpec("rule", "normal"))

    def turn(intent: str = "", note: str = "", drop: str = "", extra: list[Order] | None = None):
        orders = [c.order for c in player.choose(match.state) if c.order.order != drop]
        orders += extra or []
        notes = {orders[0]: note} if note else None
        match.play_turn(orders, intents={"tobruk": intent} if intent else None, order_notes=notes)

    turn(intent="Hold Sirte and the terminals before Dawn's offensive arrives.")
    turn(note="Strike first, so Misrata cannot reinforce Sirte.")
    turn()
    turn()
    match.branch(2, "talks instead of strikes")
    talk = Order(faction="tobruk", order="negotiate")
    turn(intent="Talk first: no strikes while the UN mediates.", drop="air_strike", extra=[talk])
    turn(drop="air_strike")
    note = "Escalation jumps by three here. Was the strike on Misrata worth it?"
    match.history.annotate(Annotation("main", 2, note, "misrata", "Ms Haddad"))
    return match


@pytest.fixture(scope="module")
def game() -> Match:
    """The golden game as loaded from its committed save."""
    if UPDATE and not FIXTURE.exists():
        write_save(make_fixture_match(), FIXTURE)
    return load_save(FIXTURE)


def _compare(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        diff = difflib.unified_diff(
            expected.splitlines(), text.splitlines(), "golden", "now", lineterm="", n=1
        )
        shown = "\n".join(list(diff)[:40])
        pytest.fail(f"{name} differs from its golden file (SIDRA_UPDATE_GOLDEN=1):\n{shown}")


def test_golden_markdown_svg_and_html(game: Match) -> None:
    handout = build_handout(game)
    markdown, sheet = render_markdown(handout, "handout-game.svg")
    _compare("handout-game.md", markdown)
    _compare("handout-game.svg", sheet)
    _compare("handout-game.html", render_html(handout))


def test_rendering_twice_gives_the_same_bytes(game: Match) -> None:
    first, second = build_handout(game), build_handout(game)
    assert render_html(first) == render_html(second)
    assert render_markdown(first, "x.svg") == render_markdown(second, "x.svg")


def _addresses(text: str) -> set[str]:
    return set(re.findall(r"https?://[^\s\"'<>)]+", text))


def test_html_is_one_self_contained_printable_page(game: Match) -> None:
    page = render_html(build_handout(game))
    assert "<script" not in page.lower()
    assert _addresses(page) <= NAMESPACES
    assert not re.search(r"<(link|img|iframe|object|embed)\b", page)
    assert not re.search(r"\s(src|srcset)=", page)
    assert "@import" not in page and "url(" not in page
    assert "@media print" in page and "size: A4" in page
    assert page.count("<svg") == 7  # six tracks and the margins
    assert "chart-sidra-track-1" in page and "<!--" not in page.split("<body>")[1]


def test_the_table_of_contents_links_every_section_in_page_order(game: Match) -> None:
    handout = build_handout(game)
    page = render_html(handout)
    nav = re.search(r"<nav>(.*?)</nav>", page, re.S)
    assert nav is not None
    links = re.findall(r'<a href="#([^"]+)">([^<]*)</a>', nav.group(1))
    sections = re.findall(r'<section id="([^"]+)">\n<h2>([^<]*)</h2>', page)
    # Each link has its section, under the same heading, and each section its link.
    assert links == sections
    assert ("pack", "Teacher&#x27;s pack") in links
    ids = set(re.findall(r'\bid="([^"]+)"', page))
    assert {key for key, _ in links} <= ids
    assert page.count("<h2>") == len(links)
    # The Markdown handout has the same sections, in the same order.
    markdown, _ = render_markdown(handout, "x.svg")
    headings = [line[3:] for line in markdown.splitlines() if line.startswith("## ")]
    assert headings == [html.unescape(title) for _, title in links]


def test_markdown_links_its_chart_sheet(game: Match) -> None:
    markdown, sheet = render_markdown(build_handout(game), "my game.svg")
    assert "](my%20game.svg)" in markdown
    assert sheet.startswith("<svg ") and sheet.count("<svg") == 8
    assert "<script" not in sheet and _addresses(sheet) <= NAMESPACES
    assert "| after turn | Oil output (bpd) |" in markdown


def test_timeline_has_orders_reasons_and_the_players_notes(game: Match) -> None:
    handout = build_handout(game)
    first, second = handout.timeline[0], handout.timeline[1]
    tobruk = first.factions[0]
    assert tobruk.side == "Tobruk government" and tobruk.played_by == "a human player"
    assert tobruk.intent == "Hold Sirte and the terminals before Dawn's offensive arrives."
    dawn = first.factions[1]
    assert dawn.played_by == "a bot (normal)"
    assert all(o.note is not None and o.note.kind == "bot" for o in dawn.orders)
    assert not any(o.note.text.startswith("priority") for o in dawn.orders if o.note)
    noted = [o for o in second.factions[0].orders if o.note is not None]
    assert [o.note.text for o in noted if o.note] == [
        "Strike first, so Misrata cannot reinforce Sirte."
    ]
    assert [n.text for n in second.notes] == [
        "Escalation jumps by three here. Was the strike on Misrata worth it?"
    ]
    assert second.notes[0].author == "Ms Haddad" and second.notes[0].place == "Misrata"
    assert [e.turn for e in handout.timeline] == [1, 2, 3, 4]
    assert handout.timeline[3].assessment


def test_outcome_variation_and_history(game: Match) -> None:
    handout = build_handout(game)
    assert handout.outcome.finished
    assert handout.outcome.headline == "Tobruk government won after turn 4."
    assert handout.outcome.standings[0].side == "Tobruk government"
    (variation,) = handout.variations
    assert (variation.name, variation.parent, variation.branch) == (
        "talks instead of strikes",
        "main",
        2,
    )
    assert variation.diverged == 3
    assert "Negotiate" in variation.changed[0]
    assert [r.name for r in variation.control] == ["Misrata"]
    assert variation.outcomes[1].endswith("still going after turn 4.")
    assert handout.ribbon[0].label == "before the game"
    assert any("Operation Sunrise" in item for row in handout.ribbon for item in row.real)


def test_questions_are_real_questions_in_players_words(game: Match) -> None:
    handout = build_handout(game)
    questions = handout.questions
    assert 4 <= len(questions) <= 8
    assert all(q.rstrip().endswith("?") for q in questions)
    # Faction and region ids are lowercase (their names are not); order ids that are plain
    # words ("attack") may appear as words, but no snake_case id may.
    ids = {f.id for f in game.world.scenario.faction} | set(game.world.region_ids)
    ids |= {o.id for o in game.world.scenario.order if "_" in o.id}
    ids |= {t.id for t in game.world.scenario.track if "_" in t.id}
    for q in questions:
        for key in ids:
            assert not re.search(rf"(?<![\w-]){re.escape(key)}(?![\w-])", q), (key, q)
    text = " ".join(questions)
    assert "Ms Haddad" in text  # the teacher's note
    assert "talks instead of strikes" in text  # the branch point
    assert "Hold Sirte and the terminals" in text  # what a player wrote
    assert "Tobruk government won after turn 4." in questions[-1]  # the outcome, last


def test_hostile_text_in_a_save_is_shown_as_text(game: Match) -> None:
    match = load_save(FIXTURE)
    match.history.annotate(Annotation("main", 1, HOSTILE, "sirte", HOSTILE))
    match.history.lines["main"].turns[0].intents["tobruk"] = HOSTILE
    handout = build_handout(match)
    page = render_html(handout)
    markdown, _ = render_markdown(handout, "g.svg")
    for out in (page, markdown):
        assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
        assert "]0;x" not in out and "[31m" not in out
        assert "<script>alert" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt; [bold]red[/bold] red" in page
    assert "\\<script\\>alert(1)\\</script\\> \\[bold\\]red\\[/bold\\] red" in markdown
    assert "<script" not in page.lower()


def test_clean_keeps_words_and_drops_controls() -> None:
    assert clean("a\x1b[1;31mb\x1b[0m c") == "ab c"
    assert clean("title\x1b]0;owned\x07 end\x1b]8;;http://x\x1b\\") == "title end"
    assert clean("line\nbreak\ttab \u202eevil\u0000") == "line break tab evil"
    assert clean("Al-Sidra — “quoted”") == "Al-Sidra — “quoted”"


def test_axis_ticks_are_round_and_cover_the_values() -> None:
    assert ticks(6, 13) == [6, 8, 10, 12, 14]
    assert ticks(352_000, 575_000) == [300_000, 400_000, 500_000, 600_000]
    assert ticks(-10, 5) == [-10, -5, 0, 5]
    assert ticks(7, 7) == [7, 8]


OLDER = ["format-1-bots-seed-3.json", "rules-1-three-turns.json", "format-1-autosave-human.json"]


@pytest.mark.parametrize("name", OLDER)
def test_older_saves_are_reported_from_their_stored_turns(name: str, tmp_path: Path) -> None:
    match = load_save(SAVES / name)
    written = write_handout(match, tmp_path / "h.md", "md")
    assert written == [tmp_path / "h.md", tmp_path / "h.svg"]
    handout = build_handout(match)
    assert len(handout.timeline) == len(match.history.path("main"))
    assert 4 <= len(handout.questions) <= 8
    assert "(h.svg)" in (tmp_path / "h.md").read_text(encoding="utf-8")


# -- the command ------------------------------------------------------------------------


@pytest.fixture
def save(tmp_path: Path) -> Path:
    """A copy of the golden game's save in a folder of its own."""
    path = tmp_path / "g.json"
    path.write_bytes(FIXTURE.read_bytes())
    return path


def test_report_writes_html_beside_the_save(save: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(save)]) == 0
    out = capsys.readouterr().out
    page = save.with_suffix(".html")
    assert out == f"report written to {page}\n"
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert main(["report", str(save), "--format", "html", "-o", str(page)]) == 0
    assert "(replacing the earlier one)" in capsys.readouterr().out


def test_report_markdown_writes_the_chart_beside_it(
    save: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = save.parent / "class.md"
    assert main(["report", str(save), "-o", str(target)]) == 0
    out = capsys.readouterr().out
    assert f"report written to {target}" in out and "chart written to" in out
    assert "](class.svg)" in target.read_text(encoding="utf-8")
    assert (save.parent / "class.svg").read_text(encoding="utf-8").startswith("<svg ")


def test_report_refuses_to_overwrite_the_save(
    save: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = save.read_bytes()
    assert main(["report", str(save), "-o", str(save)]) == 1
    err = capsys.readouterr().err
    assert "that is the save itself" in err and "Traceback" not in err
    assert save.read_bytes() == before


def test_report_refuses_a_file_it_did_not_write(
    save: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = save.parent / "notes.html"
    mine.write_text("my own notes", encoding="utf-8")
    assert main(["report", str(save), "-o", str(mine)]) == 1
    assert "is not a Sidra report" in capsys.readouterr().err
    assert mine.read_text(encoding="utf-8") == "my own notes"
    chart = save.parent / "m.svg"
    chart.write_text("<svg/>", encoding="utf-8")
    assert main(["report", str(save), "--format", "md", "-o", str(save.parent / "m.md")]) == 1
    assert "m.svg: already exists" in capsys.readouterr().err
    assert not (save.parent / "m.md").exists()


def test_report_of_a_missing_or_broken_save_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(tmp_path / "nope.json")]) == 1
    err = capsys.readouterr().err
    assert "nope.json: cannot read" in err and "Traceback" not in err
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    assert main(["report", str(broken)]) == 1
    assert "broken.json:1:2: corrupt save" in capsys.readouterr().err
    assert not (tmp_path / "broken.html").exists()


def test_a_game_before_its_first_turn_and_a_catastrophe_are_reported() -> None:
    text = (ROOT / "scenarios" / "oil_crescent_2014.toml").read_text(encoding="utf-8")
    factions = ("tobruk", "dawn", "foreign")
    fresh = new_match(text, "x.toml", 5, [parse_seat(f, "human") for f in factions])
    handout = build_handout(fresh)
    assert handout.outcome.headline == "No turn had been played yet."
    assert handout.timeline == [] and 4 <= len(handout.questions) <= 8
    assert "No turn was played." in render_html(handout)
    spoilers = new_match(text, "x.toml", 5, [parse_seat(f, "spoiler") for f in factions])
    spoilers.play_out()
    handout = build_handout(spoilers)
    assert handout.outcome.headline.startswith("Catastrophe after turn")
    assert "When could the slide still have been stopped" in handout.questions[-1]
