"""Widgets of the game screen. Each renders data it is given; none holds game state."""

from game.tui.widgets.faction_panel import FactionPanel
from game.tui.widgets.log_view import LogView
from game.tui.widgets.map_view import MapView, RegionDetails
from game.tui.widgets.order_builder import OrderBuilder
from game.tui.widgets.tracks_panel import TracksPanel

__all__ = ["FactionPanel", "LogView", "MapView", "OrderBuilder", "RegionDetails", "TracksPanel"]
