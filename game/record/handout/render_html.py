"""The handout as one self-contained HTML page: inline CSS, inline SVG charts, no script.

Nothing is fetched: no script, stylesheet, font or image comes from anywhere, so the
page opens the same offline and prints on A4 (see :mod:`game.record.handout.style`). Every
piece of scenario or save text passes through :func:`html.escape`; colours come only
from the scenario's validated ``#rrggbb`` values.
"""

from __future__ import annotations

import re
from html import escape

from game.record.handout.charts import margin_chart, track_charts
from game.record.handout.model import FactionTurn, Handout, TurnEntry, Variation
from game.record.handout.pack import pack_html
from game.record.handout.style import CSS
from game.record.history import MAIN

GENERATOR = "Sidra handout"
"""The page's generator name (how a later report knows it may replace the file)."""
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
SECTIONS = (
    ("scenario", "The scenario"),
    ("timeline", "Turn by turn"),
    ("tracks", "The tracks"),
    ("outcome", "The outcome"),
    ("history", "The game against history"),
    ("variations", "Other paths tried"),
    ("questions", "Questions for discussion"),
)


def e(text: str) -> str:
    """Text from a scenario or a save, escaped for HTML (quotes included)."""
    return escape(text, quote=True)


def color(value: str) -> str:
    """A scenario colour if it is a plain ``#rrggbb``, else a neutral grey."""
    return value if _HEX.match(value) else "#777777"


def render_html(handout: Handout) -> str:
    """The whole handout as one HTML document."""
    h = handout
    body = [
        "<header>",
        f"<h1>{e(h.title)}</h1>",
        f'<p class="subtitle">{e(h.subtitle)}</p>' if h.subtitle else "",
        f"<p>{e(h.summary)}</p>" if h.summary else "",
        f'<p class="meta">{e(h.calendar)}</p>',
        f'<p class="meta">{e(h.game_line)}</p>',
        _contents(h),
        "</header>",
        _scenario(h),
        _timeline(h),
        _tracks(h),
        _outcome(h),
        _ribbon(h),
        _variations(h),
        _questions(h),
        pack_html(h.pack, e) if h.pack is not None else "",
        "<footer>Made by Sidra from the saved game. Orders, events and numbers are as the "
        "game recorded them; the notes are the players' and the teacher's own words.</footer>",
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="generator" content="{GENERATOR}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{e(h.title)}: a game to discuss</title>\n"
        f"<style>{CSS}</style>\n</head>\n<body>\n"
        + "\n".join(part for part in body if part)
        + "\n</body>\n</html>\n"
    )


def _contents(h: Handout) -> str:
    """The table of contents: a link to every section the page shows, in page order (the
    teacher's pack last, under its own title, when the scenario names one)."""
    shown = [(key, title) for key, title in SECTIONS if key != "variations" or h.variations]
    if h.pack is not None:
        shown.append(("pack", e(h.pack.title)))
    items = "".join(f'<li><a href="#{key}">{title}</a></li>' for key, title in shown)
    return f"<nav><ol>{items}</ol></nav>"


def _section(key: str, body: list[str]) -> str:
    title = dict(SECTIONS)[key]
    return f'<section id="{key}">\n<h2>{title}</h2>\n' + "\n".join(body) + "\n</section>"


def _table(
    head: list[str], rows: list[list[str]], numeric: set[int] | None = None, kind: str = ""
) -> str:
    """A table of already-escaped cells; ``numeric`` columns are right-aligned."""
    numeric = numeric or set()

    def cls(i: int) -> str:
        return ' class="num"' if i in numeric else ""

    out = [f'<table class="{kind}"><thead><tr>' if kind else "<table><thead><tr>"]
    out += [f"<th{cls(i)}>{cell}</th>" for i, cell in enumerate(head)]
    out.append("</tr></thead><tbody>")
    for row in rows:
        out.append("<tr>" + "".join(f"<td{cls(i)}>{c}</td>" for i, c in enumerate(row)) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _scenario(h: Handout) -> str:
    body = [f"<p>{e(p)}</p>" for p in h.situation]
    body.append("<h3>The sides</h3>")
    cards = []
    for s in h.sides:
        hue = color(s.color)
        cards.append(
            f'<div class="side" style="border-left-color: {hue}">'
            f'<h4><span class="glyph" style="background: {hue}">{e(s.glyph)}</span>{e(s.name)}</h4>'
            f"<p>Played by {e(s.played_by)}; target score {s.target}.</p>"
            + (f"<p>{e(s.description)}</p>" if s.description else "")
            + "</div>"
        )
    body.append(f'<div class="sides">{"".join(cards)}</div>')
    if h.framing:
        body.append("<h3>How the source frames it</h3>")
        body.append(f'<p class="meta">{e(h.framing_note)}</p>')
        body += [
            f"<blockquote><p>“{e(q.text)}”</p>"
            f'<p class="source">{e(q.by)}; {e(q.source)}</p></blockquote>'
            for q in h.framing
        ]
    if h.quotes:
        body.append("<h3>Key quotes</h3>")
        body += [
            f"<blockquote><p>“{e(q.text)}”</p>"
            f'<p class="source">— {e(q.by)} ({e(q.source)})</p></blockquote>'
            for q in h.quotes
        ]
    if h.sources:
        body.append("<h3>Sources</h3><ul>")
        for cited in h.sources:
            line = f"<li>{e(cited.title)}."
            if cited.detail:
                line += f" {e(cited.detail)}"
            if cited.file:
                line += f' <span class="source">File: {e(cited.file)}</span>'
            body.append(line + "</li>")
        body.append("</ul>")
    if h.source_list:
        body.append("<h3>What the citations name</h3><ul>")
        for ref in h.source_list:
            detail = f' <span class="source">{e(ref.detail)}</span>' if ref.detail else ""
            body.append(f"<li><b>{e(ref.id)}</b> {e(ref.title)}.{detail}</li>")
        body.append("</ul>")
    return _section("scenario", body)


def _timeline(h: Handout) -> str:
    if not h.timeline:
        return _section("timeline", ["<p>No turn was played.</p>"])
    body = [
        '<p class="meta">Every side\'s orders, with ✎ what the players wrote about them and, '
        "in grey, the bots' reasons; then what happened and what it changed.</p>"
    ]
    body += [_turn(entry) for entry in h.timeline]
    return _section("timeline", body)


def _turn(entry: TurnEntry) -> str:
    badge = '<span class="badge">assessment</span>' if entry.assessment else ""
    out = [f'<article class="turn"><h3>Turn {entry.turn}: {e(entry.date)}{badge}</h3>']
    out += [_faction(f) for f in entry.factions]
    if entry.happenings:
        out.append('<p class="label">What happened</p><ul class="happened">')
        out += [f"<li>{e(x.text)}</li>" for x in entry.happenings]
        out.append("</ul>")
    if entry.moves:
        chips = "".join(
            f'<span class="chip">{e(m.name)}: {e(m.before)} → {e(m.after)}</span>'
            for m in entry.moves
        )
        out.append(f"<div>{chips}</div>")
    if entry.escalation:
        out.append(f'<p class="escalated">Who escalated: {e(entry.escalation)}</p>')
    for note in entry.notes:
        by = f"Note by {e(note.author)}" if note.author else "Teacher's note"
        about = f", on {e(note.place)}" if note.place else ""
        out.append(
            f'<div class="note"><span class="label">{by}{about}</span><p>{e(note.text)}</p></div>'
        )
    out.append("</article>")
    return "\n".join(out)


def _faction(f: FactionTurn) -> str:
    style = f' style="border-left-color: {color(f.color)}"' if f.color else ""
    out = [
        f'<div class="faction"{style}><div class="who">{e(f.side)} '
        f"<small>played by {e(f.played_by)}</small></div>"
    ]
    if f.intent:
        out.append(f'<p class="intent">The turn, in the player\'s words: “{e(f.intent)}”</p>')
    out.append("<ul>")
    if not f.orders:
        out.append('<li class="reason">gave no orders</li>')
    for order in f.orders:
        note = ""
        if order.note is not None and order.note.kind == "player":
            note = f' <span class="why">“{e(order.note.text)}”</span>'
        elif order.note is not None:
            note = f' <span class="reason">— {e(order.note.text)}</span>'
        out.append(f"<li>{e(order.text)}{note}</li>")
    out.append("</ul></div>")
    return "".join(out)


def _tracks(h: Handout) -> str:
    figures = [f"<figure>{svg}</figure>" for svg in track_charts(h)]
    body = [
        '<p class="meta">Each chart has its own scale. The main game is the solid line; '
        "other paths tried are dashed, from the turn they left it.</p>",
        f'<div class="charts">{"".join(figures)}</div>',
    ]
    main = next((s for s in h.series if s.line == MAIN), None)
    if main is not None:
        head = ["after turn", *(e(t.heading) for t in h.tracks)]
        rows = []
        for i, label in enumerate(h.positions):
            cells = [main.values.get(t.key, [])[i] for t in h.tracks]
            if all(c is None for c in cells):
                continue
            amounts = [
                t.amount(c) if c is not None else "·" for t, c in zip(h.tracks, cells, strict=True)
            ]
            rows.append([e(label), *amounts])
        body.append(_table(head, rows, set(range(1, len(head)))))
    described = [t for t in h.tracks if t.description]
    if described:
        body.append("<ul>")
        body += [f"<li><b>{e(t.name)}</b>: {e(t.description)}</li>" for t in described]
        body.append("</ul>")
    if h.swings:
        body.append('<h3>Turning points</h3><ul class="swings">')
        for s in h.swings:
            causes = " ".join(e(c) for c in [s.account, *s.causes] if c)
            body.append(
                f"<li><b>{e(s.track)}</b> {s.change:+,} in turn {s.turn} ({e(s.date)}): "
                f"{e(s.before)} → {e(s.after)}."
                + (f' <span class="reason">{causes}</span>' if causes else "")
                + "</li>"
            )
        body.append("</ul>")
    return _section("tracks", body)


def _outcome(h: Handout) -> str:
    o = h.outcome
    body = [f'<p class="headline">{e(o.headline)}</p>']
    if o.reason:
        body.append(f"<p>{e(o.reason)}</p>")
    rows = [
        [
            f"{s.place}.",
            f'<span class="glyph" style="background: {color(s.color)}">&nbsp;</span>{e(s.side)}',
            e(s.played_by),
            f"{s.margin:+}",
            str(s.escalation),
        ]
        for s in o.standings
    ]
    body.append(
        _table(["place", "side", "played by", "margin", "escalation caused"], rows, {0, 3, 4})
    )
    body.append(
        '<p class="meta">Margin = score minus target: a side at 0 or above reached its target.</p>'
    )
    body.append(f'<figure class="wide">{margin_chart(h)}</figure>')
    return _section("outcome", body)


def _ribbon(h: Handout) -> str:
    if not h.ribbon:
        return ""
    rows = [
        [
            e(r.label),
            "<br>".join(e(x) for x in r.real) or "·",
            "<br>".join(e(x) for x in r.game) or "·",
        ]
        for r in h.ribbon
    ]
    body = [
        '<p class="meta">Left: what the real sides did (the scenario\'s history ribbon, with '
        "the sources cited). Right: what happened in this game.</p>",
        _table(["when", e(h.history_label), "in this game"], rows, kind="ribbon"),
    ]
    return _section("history", body)


def _variations(h: Handout) -> str:
    if not h.variations:
        return ""
    return _section("variations", [_variation(v) for v in h.variations])


def _variation(v: Variation) -> str:
    out = [
        f"<h3>“{e(v.name)}”</h3>",
        f"<p>Leaves {e(v.parent)} after turn {v.branch}; the first turn that turned out "
        f"differently is turn {v.diverged}.</p>",
    ]
    if v.changed:
        out.append("<ul>" + "".join(f"<li>{e(c)}</li>" for c in v.changed) + "</ul>")
    head = ["", *(e(c) for c in v.columns)]
    rows = [[e(r.name), *(e(x) for x in r.values)] for r in v.tracks]
    out.append(_table(head, rows, set(range(1, len(head)))))
    if v.control:
        out.append('<p class="label">Places held differently</p>')
        out.append(_table(head, [[e(r.name), *(e(x) for x in r.values)] for r in v.control]))
    out.append("<ul>" + "".join(f"<li>{e(o)}</li>" for o in v.outcomes) + "</ul>")
    return "\n".join(out)


def _questions(h: Handout) -> str:
    items = "".join(f"<li>{e(q)}</li>" for q in h.questions)
    return _section("questions", [f'<ol class="questions">{items}</ol>'])
