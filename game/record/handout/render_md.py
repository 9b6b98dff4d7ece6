"""The handout as Markdown: headings, lists and text tables, with the charts in an SVG beside it.

Every piece of scenario or save text is escaped (:func:`md`), so a note holding
``<script>`` or ``[link](…)`` shows as those characters, never as markup. The charts
are one SVG sheet, written next to the Markdown file and linked by its name.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from game.record.handout.charts import chart_sheet
from game.record.handout.model import FactionTurn, Handout, TurnEntry, Variation
from game.record.handout.pack import pack_markdown
from game.record.history import MAIN

MARKER = "<!-- Sidra handout: written by `sidra report`; a new report may replace this file. -->"
"""The first line of every Markdown handout (how a later report knows it may replace it)."""

_SPECIAL = "\\`*_[]<>|~#&!"
_NUMBERED = re.compile(r"^(\d+)([.)])")


def md(text: str) -> str:
    """Text from a scenario or a save, escaped so Markdown shows it as written."""
    out = "".join("\\" + c if c in _SPECIAL else c for c in text)
    if out[:1] in ("+", "-", "="):
        out = "\\" + out
    return _NUMBERED.sub(r"\1\\\2", out)


def render_markdown(handout: Handout, svg_name: str) -> tuple[str, str]:
    """The Markdown text of ``handout`` and the SVG chart sheet it links as ``svg_name``."""
    parts: list[str] = [MARKER, f"# {md(handout.title)}", ""]
    if handout.subtitle:
        parts += [f"*{md(handout.subtitle)}*", ""]
    if handout.summary:
        parts += [md(handout.summary), ""]
    parts += [md(handout.calendar), "", md(handout.game_line), ""]
    parts += _scenario(handout)
    parts += _timeline(handout)
    parts += _tracks(handout, svg_name)
    parts += _outcome(handout)
    parts += _ribbon(handout)
    parts += _variations(handout)
    parts += ["## Questions for discussion", ""]
    parts += [f"{i}. {md(q)}" for i, q in enumerate(handout.questions, start=1)]
    if handout.pack is not None:
        parts += ["", *pack_markdown(handout.pack, md)]
    text = "\n".join(parts).rstrip() + "\n"
    return text, chart_sheet(handout)


def _table(head: list[str], rows: list[list[str]], right: set[int] | None = None) -> list[str]:
    """A pipe table; cells are already escaped."""
    right = right or set()
    rule = ["---:" if i in right else "---" for i in range(len(head))]
    lines = ["| " + " | ".join(head) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return [*lines, ""]


def _scenario(h: Handout) -> list[str]:
    out = ["## The scenario", ""]
    for paragraph in h.situation:
        out += [md(paragraph), ""]
    out += ["### The sides", ""]
    for side in h.sides:
        line = f"- **{md(side.name)}** ({md(side.glyph)}), played by {side.played_by}; "
        line += f"target score {side.target}."
        if side.description:
            line += f" {md(side.description)}"
        out.append(line)
    out.append("")
    if h.framing:
        out += [
            "### How the source frames it",
            "",
            md(h.framing_note),
            "",
        ]
        out += [f"- “{md(q.text)}” ({md(q.by)}; {md(q.source)})" for q in h.framing]
        out.append("")
    if h.quotes:
        out += ["### Key quotes", ""]
        out += [f"- “{md(q.text)}” — {md(q.by)} ({md(q.source)})" for q in h.quotes]
        out.append("")
    if h.sources:
        out += ["### Sources", ""]
        for c in h.sources:
            line = f"- {md(c.title)}."
            if c.detail:
                line += f" {md(c.detail)}"
            if c.file:
                line += f" File: `{c.file.replace('`', '')}`"
            out.append(line)
        out.append("")
    if h.source_list:
        out += ["### What the citations name", ""]
        for ref in h.source_list:
            detail = f" {md(ref.detail)}" if ref.detail else ""
            out.append(f"- **{md(ref.id)}** {md(ref.title)}.{detail}")
        out.append("")
    return out


def _timeline(h: Handout) -> list[str]:
    out = ["## Turn by turn", ""]
    if not h.timeline:
        return [*out, "No turn was played.", ""]
    for entry in h.timeline:
        out += _turn(entry)
    return out


def _turn(entry: TurnEntry) -> list[str]:
    title = f"### Turn {entry.turn}: {entry.date}"
    if entry.assessment:
        title += " (assessment)"
    out = [title, ""]
    for faction in entry.factions:
        out += _faction(faction)
    if entry.happenings:
        out += ["**What happened**", ""]
        out += [f"- {md(h.text)}" for h in entry.happenings]
        out.append("")
    if entry.moves:
        moved = "; ".join(f"{md(m.name)} {md(m.before)} → {md(m.after)}" for m in entry.moves)
        out += [f"**Tracks:** {moved}.", ""]
    if entry.escalation:
        out += [f"**Who escalated:** {md(entry.escalation)}", ""]
    for note in entry.notes:
        by = f"Note by {md(note.author)}" if note.author else "Teacher's note"
        about = f", on {md(note.place)}" if note.place else ""
        out += [f"> **{by}{about}:** {md(note.text)}", ""]
    return out


def _faction(f: FactionTurn) -> list[str]:
    out = [f"**{md(f.side)}**, played by {f.played_by}", ""]
    if f.intent:
        out += [f"*The player's note on the turn:* “{md(f.intent)}”", ""]
    if not f.orders:
        out.append("- gave no orders")
    for order in f.orders:
        line = f"- {md(order.text)}"
        if order.note is not None and order.note.kind == "player":
            line += f" — *why:* “{md(order.note.text)}”"
        elif order.note is not None:
            line += f" — *bot's reason:* {md(order.note.text)}"
        out.append(line)
    return [*out, ""]


def _tracks(h: Handout, svg_name: str) -> list[str]:
    out = ["## The tracks", ""]
    link = quote(svg_name)
    out += [f"![Charts: every track, and each side's margin, turn by turn]({link})", ""]
    main = next((s for s in h.series if s.line == MAIN), None)
    if main is not None:
        head = ["after turn", *(md(t.heading) for t in h.tracks)]
        rows = []
        for i, label in enumerate(h.positions):
            cells = [main.values.get(t.key, [])[i] for t in h.tracks]
            if all(c is None for c in cells):
                continue
            rows.append(
                [
                    label,
                    *(
                        t.amount(c) if c is not None else "·"
                        for t, c in zip(h.tracks, cells, strict=True)
                    ),
                ]
            )
        out += _table(head, rows, right=set(range(1, len(head))))
    for t in h.tracks:
        if t.description:
            out.append(f"- **{md(t.name)}**: {md(t.description)}")
    out.append("")
    if h.swings:
        out += ["### Turning points", ""]
        for s in h.swings:
            line = (
                f"- **{md(s.track)}** {s.change:+,} in turn {s.turn} ({s.date}): "
                f"{md(s.before)} → {md(s.after)}."
            )
            if s.account:
                line += f" {md(s.account)}"
            if s.causes:
                line += " " + " ".join(md(c) for c in s.causes)
            out.append(line)
        out.append("")
    return out


def _outcome(h: Handout) -> list[str]:
    o = h.outcome
    out = ["## The outcome", "", f"**{md(o.headline)}**", ""]
    if o.reason:
        out += [md(o.reason), ""]
    head = ["place", "side", "played by", "margin", "escalation caused"]
    rows = [
        [f"{s.place}.", md(s.side), s.played_by, f"{s.margin:+}", str(s.escalation)]
        for s in o.standings
    ]
    out += ["Margin = score minus target; a side at 0 or above reached its target.", ""]
    return out + _table(head, rows, right={0, 3, 4})


def _ribbon(h: Handout) -> list[str]:
    if not h.ribbon:
        return []
    out = [
        "## The game against history",
        "",
        "Left: what the real sides did (the scenario's history ribbon, with the sources "
        "cited). Right: what happened in this game.",
        "",
    ]
    rows = [
        [
            md(r.label),
            "; ".join(md(x) for x in r.real) or "·",
            " ".join(md(x) for x in r.game) or "·",
        ]
        for r in h.ribbon
    ]
    return out + _table(["when", md(h.history_label), "in this game"], rows)


def _variations(h: Handout) -> list[str]:
    if not h.variations:
        return []
    out = ["## Other paths tried", ""]
    for v in h.variations:
        out += _variation(v)
    return out


def _variation(v: Variation) -> list[str]:
    out = [
        f"### “{md(v.name)}”",
        "",
        f"Leaves {md(v.parent)} after turn {v.branch}; the first turn that turned out "
        f"differently is turn {v.diverged}.",
        "",
    ]
    out += [f"- {md(c)}" for c in v.changed]
    if v.changed:
        out.append("")
    head = ["", *(md(c) for c in v.columns)]
    out += _table(head, [[md(r.name), *r.values] for r in v.tracks], set(range(1, len(head))))
    if v.control:
        out += ["Places held differently:", ""]
        out += _table(head, [[md(r.name), *(md(x) for x in r.values)] for r in v.control])
    out += [f"- {md(o)}" for o in v.outcomes]
    return [*out, ""]
