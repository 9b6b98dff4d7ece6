"""The teacher's pack in the classroom handout: glossary, timeline and source questions.

The pack is read beside the scenario file the match was played from (see
:mod:`game.scenario.pack`). It is commentary, not part of the save, so a handout made
where the pack is missing or broken says so in one line instead of failing. Both
renderers lay out the same :class:`TeacherPack`; the escaping function of the format is
passed in, so the text of the pack is always shown as text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from game.record.handout.words import clean
from game.record.match import Match
from game.scenario.dates import long_date
from game.scenario.errors import ScenarioError
from game.scenario.pack import read_pack


@dataclass(frozen=True, slots=True)
class PackTerm:
    """A glossary entry and the paragraphs of the source that use the term."""

    term: str
    meaning: str
    source: str


@dataclass(frozen=True, slots=True)
class PackEntry:
    """A timeline entry: its date in words, what happened, where it is told, and
    whether the source could know it."""

    when: str
    text: str
    where: str
    known: bool


@dataclass(frozen=True, slots=True)
class TeacherPack:
    """The pack as the handout shows it; ``note`` says why it is missing, if it is."""

    title: str = "Teacher's pack"
    intro: str = ""
    source_date: str = ""
    terms: list[PackTerm] = field(default_factory=list)
    timeline: list[PackEntry] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    note: str = ""


def teacher_pack(match: Match) -> TeacherPack | None:
    """The pack ``match``'s scenario names, read beside its scenario file; None if it
    names none, a pack holding only a ``note`` if it cannot be read."""
    scenario = match.world.scenario
    if not scenario.story.pack:
        return None
    try:
        pack = read_pack(scenario, match.scenario.file)
    except ScenarioError as exc:
        return TeacherPack(note=clean(f"The teacher's pack could not be read: {exc.problems[0]}"))
    if pack is None:
        return None
    published = pack.source_date
    return TeacherPack(
        title=clean(pack.title),
        intro=clean(pack.intro),
        source_date=long_date(published),
        terms=[PackTerm(clean(t.term), clean(t.meaning), clean(t.source)) for t in pack.term],
        timeline=[
            PackEntry(
                clean(e.label()),
                clean(e.text),
                clean(e.source or e.reference),
                pack.known(e),
            )
            for e in pack.timeline()
        ],
        questions=[clean(q) for q in pack.question],
    )


def _mark(p: TeacherPack, entry: PackEntry) -> str:
    return "could know" if entry.known else f"after {p.source_date}"


def pack_markdown(p: TeacherPack, md: Callable[[str], str]) -> list[str]:
    """The pack as Markdown lines; ``md`` escapes text for Markdown."""
    out = [f"## {md(p.title)}", ""]
    if p.note:
        return [*out, md(p.note), ""]
    if p.intro:
        out += [md(p.intro), ""]
    if p.terms:
        out += ["### Glossary", ""]
        for t in p.terms:
            cite = f" ({md(t.source)})" if t.source else ""
            out.append(f"- **{md(t.term)}**: {md(t.meaning)}{cite}")
        out.append("")
    if p.timeline:
        out += [
            "### Timeline",
            "",
            f"Whether the source, published {md(p.source_date)}, could know each entry.",
            "",
            "| date | what happened | told by | the source |",
            "| --- | --- | --- | --- |",
        ]
        for entry in p.timeline:
            cells = [entry.when, entry.text, entry.where, _mark(p, entry)]
            out.append("| " + " | ".join(md(c) for c in cells) + " |")
        out.append("")
    if p.questions:
        out += ["### Questions on the source", ""]
        out += [f"{i}. {md(q)}" for i, q in enumerate(p.questions, start=1)]
        out.append("")
    return out


def pack_html(p: TeacherPack, e: Callable[[str], str]) -> str:
    """The pack as one HTML section (id ``pack``); ``e`` escapes text for HTML."""
    out = [f'<section id="pack">\n<h2>{e(p.title)}</h2>']
    if p.note:
        out.append(f'<p class="meta">{e(p.note)}</p>')
    if p.intro:
        out.append(f"<p>{e(p.intro)}</p>")
    if p.terms:
        out.append("<h3>Glossary</h3><dl>")
        for t in p.terms:
            cite = f' <span class="source">({e(t.source)})</span>' if t.source else ""
            out.append(f"<dt>{e(t.term)}</dt><dd>{e(t.meaning)}{cite}</dd>")
        out.append("</dl>")
    if p.timeline:
        out.append(
            f"<h3>Timeline</h3><p>Whether the source, published {e(p.source_date)}, could "
            "know each entry.</p><table><thead><tr><th>date</th><th>what happened</th>"
            "<th>told by</th><th>the source</th></tr></thead><tbody>"
        )
        for entry in p.timeline:
            cells = [entry.when, entry.text, entry.where, _mark(p, entry)]
            out.append("<tr>" + "".join(f"<td>{e(c)}</td>" for c in cells) + "</tr>")
        out.append("</tbody></table>")
    if p.questions:
        items = "".join(f"<li>{e(q)}</li>" for q in p.questions)
        out.append(f'<h3>Questions on the source</h3><ol class="questions">{items}</ol>')
    out.append("</section>")
    return "\n".join(out)
