"""The words and the JSON of a ``sidra lint`` report.

Like a good linter, the text puts the findings first, numbered, each saying what was
seen and what to consider changing, and the figures they come from after them: who
won, how games ended and how long they lasted, and how often each order was given,
each event fired and each victory term scored. ``--json`` gives the same report as one
object for scripts and CI.
"""

from __future__ import annotations

import textwrap

from game.engine.world import World
from game.lab.lint import FEW_GAMES, RARE, WIN_HIGH, WIN_LOW, LintReport, share
from game.lab.stats import BLOCKS
from game.record.words import plural

WIDTH = 88
"""Findings are wrapped to this many columns."""


def _ratio(count: int, games: int) -> float:
    """A share as a fraction with 4 decimals (JSON)."""
    return round(count / games, 4) if games else 0.0


def lint_json(report: LintReport, file: str) -> dict[str, object]:
    """The report as JSON-ready data; every share is also given as a count of games."""
    g = report.games
    outcomes: dict[str, object] = {
        f: {"games": n, "share": _ratio(n, g), "below_target": report.below[f]}
        for f, n in report.wins.items()
    }
    outcomes["catastrophe"] = {"games": report.catastrophe, "share": _ratio(report.catastrophe, g)}
    outcomes["draw"] = {"games": report.draw, "share": _ratio(report.draw, g)}
    return {
        "scenario": report.scenario,
        "file": file,
        "games": g,
        "seed": report.seed,
        "seats": dict(zip(report.wins, (str(s) for s in report.seats), strict=True)),
        "thresholds": {"win_high": WIN_HIGH, "win_low": WIN_LOW, "rare": RARE},
        "findings": [f.to_dict() for f in report.findings],
        "outcomes": outcomes,
        "length": {
            **report.length.to_dict(),
            "games_by_length": {str(t): n for t, n in report.lengths.items()},
        },
        "orders": [
            {
                "faction": u.faction,
                "order": u.order,
                "name": u.name,
                "games": u.games,
                "share": _ratio(u.games, g),
            }
            for u in report.orders
        ],
        "events": [
            {
                "event": u.event,
                "title": u.title,
                "once": u.once,
                "turn": u.turn,
                "games": u.games,
                "share": _ratio(u.games, g),
                "times": u.times,
            }
            for u in report.events
        ],
        "history_entries": report.history_entries,
        "terms": [
            {
                "faction": u.faction,
                "term": u.index + 1,
                "type": u.type,
                "label": u.label,
                "what": u.what,
                "games": u.games,
                "share": _ratio(u.games, g),
                "mean_points": round(u.points / g, 3) if g else 0.0,
            }
            for u in report.terms
        ],
    }


def format_lint(world: World, report: LintReport) -> str:
    """The report as text: findings first, then the figures."""
    lines = _findings_text(report)
    lines.append("")
    lines += _outcomes_text(world, report)
    lines += _orders_text(world, report)
    lines += _events_text(report)
    lines += _terms_text(world, report)
    return "\n".join(lines)


def _findings_text(report: LintReport) -> list[str]:
    found = report.findings
    if not found:
        lines = textwrap.wrap(
            f"No findings: every faction won between {WIN_LOW}% and {WIN_HIGH}% of the games, "
            f"and every order, event and victory term played in at least {RARE}% of them.",
            WIDTH,
        )
    else:
        lines = [f"{plural(len(found), 'finding')} (warnings: worth a look, not errors):"]
        digits = len(str(len(found)))
        for number, finding in enumerate(found, 1):
            head = f"{number:>{digits}}. "
            lines += textwrap.wrap(
                finding.message,
                WIDTH,
                initial_indent=head,
                subsequent_indent=" " * len(head),
                break_on_hyphens=False,
            )
    if report.games < FEW_GAMES:
        lines.append(
            f"(Only {plural(report.games, 'game')}: the shares are rough; "
            f"{FEW_GAMES:,} games or more give steadier figures.)"
        )
    return lines


def _outcomes_text(world: World, r: LintReport) -> list[str]:
    g = r.games
    lines = ["outcomes                         games   share"]
    for f, wins in r.wins.items():
        below = f"   ({r.below[f]} only came closest)" if r.below[f] else ""
        lines.append(f"  {world.factions[f].name:<28} {wins:>7,} {share(wins, g):>7}{below}")
    lines.append(f"  {'catastrophe':<28} {r.catastrophe:>7,} {share(r.catastrophe, g):>7}")
    lines.append(f"  {'draw':<28} {r.draw:>7,} {share(r.draw, g):>7}")
    s = r.length
    lines.append(
        f"game length: mean {s.mean:.1f} turns, quartiles {s.q1:g} / {s.median:g} / {s.q3:g}, "
        f"shortest {s.low}, longest {s.high}  {_length_histogram(r)}".rstrip()
    )
    return lines


def _length_histogram(r: LintReport, width: int = 24) -> str:
    """A one-line histogram of game lengths: one bar per length from the shortest to the
    longest, or ``width`` equal bins when they span more (as :func:`stats.bins` does)."""
    if not r.lengths:
        return ""
    low, high = r.length.low, r.length.high
    span = high - low + 1
    counts = [0] * min(width, span)
    for turns, games in r.lengths.items():
        counts[(turns - low) * len(counts) // span] += games
    top = max(counts)
    steps = len(BLOCKS) - 1
    return "".join(BLOCKS[0 if c == 0 else max(1, c * steps // top)] for c in counts)


def _orders_text(world: World, r: LintReport) -> list[str]:
    lines = ["orders (games in which each faction gave it)"]
    for u in r.orders:
        who = world.factions[u.faction].short
        lines.append(f"  {who:<10} {u.name:<28} {u.games:>7,} {share(u.games, r.games):>7}")
    return lines


def _events_text(r: LintReport) -> list[str]:
    lines = ["events (games in which each fired; times for events that repeat)"]
    if not r.events:
        lines.append("  (the scenario has no events)")
    for u in r.events:
        times = "" if u.once else f"   {plural(u.times, 'time')} in all"
        lines.append(f"  {u.title:<39} {u.games:>7,} {share(u.games, r.games):>7}{times}")
    if r.history_entries:
        lines.append(
            f"  ({plural(r.history_entries, 'history entry', 'history entries')} left out: "
            "they never change a game)"
        )
    return lines


def _terms_text(world: World, r: LintReport) -> list[str]:
    lines = ["victory terms (games in which each gave points at the end; mean points then)"]
    for u in r.terms:
        who = world.factions[u.faction].short
        mean = u.points / r.games if r.games else 0.0
        lines.append(
            f"  {who:<10} {u.label:<28} {u.games:>7,} {share(u.games, r.games):>7} {mean:>+7.2f}"
        )
    return lines
