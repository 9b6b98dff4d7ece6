"""Every claim says where it comes from: a paragraph of the article, ``design`` or context.

Pins the three kinds of citation (declared, told apart wherever a source tag is shown)
and the citations of the default scenario that once cited paragraphs for what they do
not say.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import tomli
from pydantic import ValidationError
from rich.text import Text

from game.ai.registry import BotSpec, Seat
from game.engine import compile_world
from game.record.handout import build_handout, render_markdown
from game.record.save import new_match
from game.scenario.check_sources import citations
from game.scenario.loader import load_checked, load_scenario
from game.scenario.models import Scenario
from game.scenario.sources import SourceEntry, cited, is_design, short_reference, source_tag
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


INLINE = re.compile(r"\(([^()]*)\)")
"""A parenthesis in a text; the citations among its ';'-separated parts are checked."""
PARAGRAPHS = re.compile(r"^p\d+(?:, p\d+)*$")


def inline_citations(text: str) -> Iterator[str]:
    """The citations written inside a text's parentheses: ``p3``, ``p19, p20``, ``design``
    or ``context: <reference>`` parts; other words in parentheses are not citations."""
    for group in INLINE.findall(text):
        context = False  # after "context: ", the next ';' parts are references too
        for part in (p.strip() for p in group.split(";")):
            if PARAGRAPHS.match(part) or part == "design":
                context = False
                yield part
            elif part.startswith("context: "):
                context = True
                yield part
            elif context:
                yield f"context: {part}"


def strings(data: object, where: str = "") -> Iterator[tuple[str, str]]:
    """Every string in parsed TOML, with where it is."""
    if isinstance(data, str):
        yield where, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from strings(value, f"{where}.{key}" if where else str(key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from strings(value, f"{where}[{i}]")


def shipped_texts(path: Path) -> Iterator[tuple[str, str]]:
    """The strings of a shipped scenario file and of the files its story names."""
    scenario = load_scenario(path)
    files = [path] + [
        path.parent / name for name in (scenario.story.facts, scenario.story.pack) if name
    ]
    for file in files:
        data = tomli.loads(file.read_text(encoding="utf-8"))
        for where, text in strings(data):
            yield f"{file.name}:{where}", text


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_citations_inside_texts_name_declared_sources(path: Path) -> None:
    """A '(p9)' or '(context: International Crisis Group 2015)' in a text is a citation
    too: it must name an article paragraph the scenario declares, or the short reference
    of one of its declared context sources, so a reader can look it up under Sources."""
    scenario = load_scenario(path)
    if not scenario.source:
        pytest.skip("a scenario without [[source]] tables has no citations to check")
    articles = {s.id for s in scenario.source if s.kind != "context"}
    context = {short_reference(s) for s in scenario.source if s.kind == "context"}
    wrong = []
    for where, text in shipped_texts(path):
        for part in inline_citations(text):
            if part.startswith("context: "):
                refs = part.removeprefix("context: ")
                ok = refs in context
            else:
                ok = part == "design" or all(p in articles for p in part.split(", "))
            if not ok:
                wrong.append(f"{where}: ({part})")
    assert not wrong, "citations naming no declared source:\n" + "\n".join(wrong)


def test_inline_citations_are_found() -> None:
    text = "a (p3) b (context: ICG 2015; UN 2015) (p19, p20) c (a remark; p1) (design)"
    assert list(inline_citations(text)) == [
        "p3",
        "context: ICG 2015",
        "context: UN 2015",
        "p19, p20",
        "p1",
        "design",
    ]


def test_every_context_source_of_the_default_scenario_is_cited(scenario: Scenario) -> None:
    """A declared context source nobody cites is a reference a reader never meets."""
    used = {s for _, citation in citations(scenario) for s in cited(citation)}
    inline = {part for _, text in shipped_texts(DEFAULT) for part in inline_citations(text)}
    for source in scenario.source:
        if source.kind == "context":
            assert source.id in used or f"context: {short_reference(source)}" in inline, source.id
