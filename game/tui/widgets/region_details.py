"""The details pane beside the map: everything known about the selected region."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from game.engine.state import GameState
from game.scenario.sources import source_tag
from game.tui.widgets.map_marks import controller_mark, region_output, region_status

DETAIL_CLASSES = ("muted", "fighting", "fire", "siege")


class RegionDetails(Static):
    """What is known about one region: holder, forces, facilities, people, damage, oil, siege."""

    DEFAULT_CSS = Path(__file__).with_suffix(".tcss").read_text(encoding="utf-8")

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"region-details--{name}" for name in DETAIL_CLASSES}

    _shown: tuple[GameState, str] | None = None

    def on_mount(self) -> None:
        self.watch(self.app, "theme", self._restyle, init=False)

    def _restyle(self) -> None:
        """A new theme: describe the region again in its colours."""
        if self._shown is not None:
            self.show(*self._shown)

    def show(self, state: GameState, region_id: str) -> None:
        """Describe ``region_id`` as it is in ``state``."""
        self._shown = (state, region_id)
        styles = {
            name: self.get_component_rich_style(f"region-details--{name}", partial=True)
            for name in DETAIL_CLASSES
        }
        self.update(region_details(state, region_id, styles))


def _facilities(state: GameState, region_id: str) -> list[str]:
    fac = state.w.regions[region_id].facilities
    names = [
        label
        for label, present in (
            ("airport", fac.airport),
            ("aviation school", fac.aviation_school),
            ("port", fac.port),
            ("steel factory", fac.steel_factory),
            ("chemical factory", fac.chemical_factory),
        )
        if present
    ]
    if fac.oil_tanks:
        names.append(f"{fac.oil_tanks} oil tanks")
    if fac.capacity_bpd:
        names.append(f"oil capacity {fac.capacity_bpd:,} bpd")
    return names


def region_details(
    state: GameState, region_id: str, styles: dict[str, Style] | None = None
) -> Text:
    """The details pane's text for one region (``styles`` by part: muted, fighting …)."""
    style = styles or {}
    muted = style.get("muted", Style(dim=True))
    w = state.w
    rdef = w.regions[region_id]
    region = state.region(region_id)
    glyph, color = controller_mark(state, region.controller)
    holder = w.factions[region.controller].name if region.controller in w.factions else "nobody"
    text = Text()
    text.append(rdef.name, Style(bold=True))
    text.append(f"  {rdef.kind.replace('_', ' ')}{' · off-map' if rdef.offmap else ''}\n", muted)
    text.append("Held by ")
    text.append(f"{glyph} {holder}\n", Style(color=color, bold=True))
    forces = [u for u in state.units if u.region == region_id and u.strength > 0]
    names = {f.id: f.name for f in w.scenario.force}
    text.append("Forces", Style(bold=True))
    text.append("  none\n" if not forces else "\n")
    for fid in w.faction_ids:
        mine = [u for u in forces if u.faction == fid]
        if not mine:
            continue
        fdef = w.factions[fid]
        ground = sum(u.strength for u in mine if u.kind == "ground")
        text.append(f" {fdef.glyph} {fdef.short}", Style(color=fdef.color, bold=True))
        text.append(f" ground {ground}\n")
        for u in mine:
            kind = "" if u.kind == "ground" else f" ({u.kind})"
            text.append(f"   {names.get(u.id, 'recruits')}{kind} {u.strength}\n")
    facilities = _facilities(state, region_id)
    if facilities:
        text.append("Facilities ", Style(bold=True))
        text.append(", ".join(facilities) + "\n")
    text.append("Population ", Style(bold=True))
    text.append(f"{rdef.population:,}\n")
    text.append("Damage ", Style(bold=True))
    text.append(f"{region.damage}%  ")
    text.append("Fortified ", Style(bold=True))
    text.append(f"{region.fortification}\n")
    if rdef.facilities.oil_tanks:
        text.append("Tanks ablaze ", Style(bold=True))
        text.append(
            f"{region.tanks_ablaze} of {rdef.facilities.oil_tanks}\n",
            style.get("fire", Style(bold=True)) if region.tanks_ablaze else Style(),
        )
    if rdef.facilities.capacity_bpd:
        text.append("Oil output ", Style(bold=True))
        capacity = rdef.facilities.capacity_bpd
        text.append(f"{region_output(state, region_id):,} of {capacity:,} bpd\n")
    if region.siege_by is not None:
        sglyph, scolor = controller_mark(state, region.siege_by)
        text.append("Siege ", style.get("siege", Style(bold=True)))
        text.append(f"{sglyph} {w.factions[region.siege_by].short}", Style(color=scolor, bold=True))
        turns = region.siege_turns
        text.append(f", {turns} turn{'' if turns == 1 else 's'}\n")
    if region_status(state, region_id) == "×":
        text.append(
            "× Fighting: several sides have forces here\n",
            style.get("fighting", Style(bold=True)),
        )
    text.append(f"Source {source_tag(rdef.source, w.scenario.source)}", muted)
    return text
