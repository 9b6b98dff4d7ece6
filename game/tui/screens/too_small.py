"""A terminal too small for the game: a notice to make the window larger, for every screen.

Sidra is made for 80×24 and every screen still works down to :data:`MIN_WIDTH` ×
:data:`MIN_HEIGHT` (the game screen's map and details pane need 57 columns side by side,
the title's seat rows 48, and the order builder's lists and the log about 20 rows).
Below that, text boxes a few cells wide are more than untidy: Textual cannot lay some
of them out at all (an option list or a padded label with no room left raises).

So the app, not each screen, watches its size (:func:`fit`). While the terminal is too
small, every screen carries the class ``-too-small``: all its widgets are hidden
(``sidra.tcss``), and a :class:`TooSmallNotice` fills it instead. The
screens themselves, their stacks and their state are left alone: a game keeps running
(bots may finish thinking, a worker may open a dialog) and everything is back as it
was when the window is large enough again. A widget a screen shows explicitly (an
inline style beats the stylesheet) is still laid out at least :data:`MIN_WIDTH` wide,
so nothing is ever laid out in a sliver.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

MIN_WIDTH = 60
"""The narrowest terminal the screens are laid out in (columns)."""

MIN_HEIGHT = 20
"""The lowest terminal the screens are laid out in (rows)."""

TOO_SMALL = "-too-small"
"""The screens' class while the terminal is smaller than the minimum."""


def too_small(size: Size) -> bool:
    """True when a terminal of ``size`` is below the minimum."""
    return size.width < MIN_WIDTH or size.height < MIN_HEIGHT


class TooSmallNotice(Widget):
    """A notice to make the window larger, with the size needed and the size now.

    Hidden unless the app is too small; then the only thing shown on the screen it is in.
    Not focusable and not a ``Static``, so it never takes part in a screen's own work.
    """

    focus_before: Widget | None = None
    """The widget that had the focus when the screen was hidden."""

    def render(self) -> Content:
        width, height = self.app.size
        return Content.assemble(
            ("Make the window larger", "bold"),
            f"\nSidra needs at least {MIN_WIDTH}×{MIN_HEIGHT} characters; this one is "
            f"{width}×{height}.",
            ("\nctrl+q quits.", "$text-muted"),
        )


def fit(app: App[Any], size: Size) -> None:
    """Show or hide the notice for a terminal of ``size`` (the app's resize handler)."""
    small = too_small(size)
    for screen in app.screen_stack:
        _mark(screen, small)
    if small:
        for notice in app.query(TooSmallNotice):
            notice.refresh()


def follow_screens(app: App[Any]) -> None:
    """Mark each screen that comes into view as the terminal's size requires."""

    def changed(screen: Screen[Any]) -> None:
        _mark(screen, too_small(app.size))

    app.screen_change_signal.subscribe(app, changed)


def _mark(screen: Screen[Any], small: bool) -> None:
    """Give ``screen`` the class :data:`TOO_SMALL` (and a notice) or take it away.

    Every screen of the stack is marked, not only the one in view: a screen further down
    is laid out again as soon as the one above it closes. Hidden widgets lose the focus,
    so the focused one is remembered and given the focus back afterwards.
    """
    if small == screen.has_class(TOO_SMALL):
        return
    notices = screen.query_children(TooSmallNotice)
    notice = notices.first() if notices else None
    if small:
        if notice is None:
            notice = TooSmallNotice()
            screen.mount(notice)
        notice.focus_before = screen.focused
    elif notice is not None and notice.focus_before is not None:
        before, notice.focus_before = notice.focus_before, None
        screen.call_after_refresh(_refocus, screen, before)
    screen.set_class(small, TOO_SMALL)


def _refocus(screen: Screen[Any], widget: Widget) -> None:
    """Give ``widget`` the focus again if it is still there and nothing else took it."""
    if widget.is_attached and screen.focused is None and widget.focusable:
        screen.set_focus(widget)
