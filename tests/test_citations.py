"""Every claim says where it comes from: a paragraph of the article, ``design`` or context.

Pins the three kinds of citation (declared, told apart wherever a source tag is shown)
and the citations of the default scenario that once cited paragraphs for what they do
not say.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError
from rich.text import Text

from game.ai.registry import BotSpec, Seat
from game.engine import compile_world
from game.record.handout import build_handout, render_markdown
from game.record.save import new_match
from game.scenario.check_sources import citations
from game.scenario.loader import load_checked, load_scenario
from game.scenario.models import Scenario
from game.scenario.sources import SourceEntry, cited, is_design, source_tag
from game.tui.describe import order_help, quote_line
from game.tui.screens.explain import source_text

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "scenarios" / "oil_crescent_2014.toml"
SHIPPED = sorted(p for p in (ROOT / "scenarios").glob("*.toml"))


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return load_scenario(DEFAULT)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_citation_of_a_shipped_scenario_names_a_declared_source(path: Path) -> None:
    checked = load_checked(path)
    declared = {s.id for s in checked.scenario.source}
    if not declared:
        pytest.skip("declares no [[source]] table")
    for where, citation in citations(checked.scenario):
        for source_id in cited(citation):
            assert is_design(source_id) or source_id in declared, (where, source_id)


def test_the_default_scenario_declares_context_with_references(scenario: Scenario) -> None:
    context = [s for s in scenario.source if s.kind == "context"]
    assert {s.id for s in context} >= {"ctx_hor_gnc", "ctx_dawn_tripoli", "ctx_un_talks"}
    for entry in context:
        assert entry.citation, entry.id
    assert all(s.kind == "article" for s in scenario.source if s.id.startswith("p"))


def test_a_context_source_without_a_reference_is_refused() -> None:
    with pytest.raises(ValidationError, match="needs a reference"):
        SourceEntry(id="ctx", kind="context", title="Something everyone knows")
    # A work and a date are enough; so is a full citation.
    SourceEntry(id="a", kind="context", title="t", outlet="Crisis Group", date="2015-02-26")  # type: ignore[arg-type]
    SourceEntry(id="b", kind="context", title="t", citation="A book, 2006.")
    with pytest.raises(ValidationError, match="kind"):
        SourceEntry(id="c", kind="rumour", title="t")  # type: ignore[arg-type]


def test_tags_tell_article_design_and_context_apart(scenario: Scenario) -> None:
    tag = source_tag("p9,ctx_hor_gnc, design", scenario.source)
    assert tag == "p9, context: International Crisis Group 2015, design"
    # Without the scenario's tables a tag is the ids as written.
    assert source_tag("p1,p9", ()) == "p1, p9"


def test_screens_mark_context_where_a_source_is_shown(scenario: Scenario) -> None:
    world = compile_world(scenario)
    shown = source_text(world, "p17,ctx_un_talks")
    assert isinstance(shown, Text)
    plain = shown.plain
    assert "p17 The UN mission condemns" in plain
    assert "ctx_un_talks context (International Crisis Group 2015), not in the article:" in plain
    assert "design: a rule added for playability" in source_text(world, "design").plain  # type: ignore[union-attr]
    arms = next(o for o in scenario.order if o.id == "arms_support")
    assert order_help(arms, scenario).source == "design"
    quote = scenario.briefing.quotes[0]
    assert quote_line(quote, scenario.source).endswith(f"({quote.source})")


FIXED = {
    # element: (old citation it must no longer carry, what it cites now)
    ("track", "un_talks"): "p17,ctx_un_talks",
    ("faction", "tobruk"): "p1,p9,ctx_hor_gnc",
    ("faction", "dawn"): "p2,p3,ctx_dawn_tripoli",
    ("order", "arms_support"): "design",
    ("order", "diplomatic_pressure"): "design",
    ("actor", "italy"): "p21,p22,ctx_italy_colony",
    ("actor", "unsmil"): "p17,ctx_un_talks",
    ("order", "mediate"): "p17,ctx_un_talks",
    ("region", "tobruk_city"): "p9,ctx_hor_gnc",
    ("region", "tripoli"): "p8,ctx_dawn_tripoli",
    ("order", "negotiate"): "p17,ctx_un_talks",
}


@pytest.mark.parametrize(("section", "item_id"), list(FIXED))
def test_the_fixed_citations_stay_fixed(scenario: Scenario, section: str, item_id: str) -> None:
    item = next(i for i in getattr(scenario, section) if i.id == item_id)
    assert item.source == FIXED[section, item_id]


def test_no_text_cites_a_paragraph_for_what_it_does_not_say(scenario: Scenario) -> None:
    tobruk, dawn = (next(f for f in scenario.faction if f.id == i) for i in ("tobruk", "dawn"))
    # p10 says nothing of an air force monopoly, and p1 says both sides fly.
    assert "only real air force" not in tobruk.description
    assert "recognised abroad (context:" in tobruk.description
    # No paragraph says who holds Tripoli.
    assert "Tripoli (context:" in dawn.description
    talks = next(t for t in scenario.track if t.id == "un_talks")
    assert "p21" not in talks.description and "mediation" not in talks.description
    # The OPEC rank and the reserves are Bloomberg's words, not the NOC spokesman's.
    noc = next(e for e in scenario.event if e.title == "National Oil Corp warns of collapse")
    assert "Bloomberg" in noc.text.split("OPEC")[0]


def test_outside_knowledge_in_a_text_cites_context(scenario: Scenario) -> None:
    # The article never says who is recognised abroad, nor that the UN mediates.
    context = {s.id for s in scenario.source if s.kind == "context"}
    words = ("recognised", "mediat")
    for section in ("track", "faction", "region", "order", "event", "actor"):
        for item in getattr(scenario, section):
            texts = [getattr(item, f, "") or "" for f in ("description", "note", "text", "role")]
            if any(w in t for t in texts for w in words):
                assert set(cited(item.source)) & context, (section, item.id)


def test_the_handout_marks_context_apart_from_the_article() -> None:
    text = DEFAULT.read_text(encoding="utf-8")
    seats = [Seat(f, BotSpec()) for f in ("tobruk", "dawn", "foreign")]
    match = new_match(text, str(DEFAULT), 5, seats)
    match.play_turn([])
    markdown, _ = render_markdown(build_handout(match), "x.svg")
    assert "**ctx\\_hor\\_gnc** Context, not in the article: Two parliaments" in markdown
    assert "**p1** Government aircraft bomb Misrata" in markdown
