"""The key bar at the foot of every screen: the keys the screen in view answers to."""

from itertools import groupby
from typing import NamedTuple

from rich.style import Style
from rich.text import Text
from textual.binding import Binding

from tui.widgets.painted_text import PaintedText


class KeyEntry(NamedTuple):
    key: str  # what a click presses
    shown: str  # the key or keys, as displayed
    label: str


class KeyBar(PaintedText):
    """The keys of the screen and the focused pane on one line, paired keys grouped (`[] Month`), the command
    palette on the right; a click presses the key. One widget: Textual's Footer builds one per key and
    rebuilds them whenever the keys change, which cost every screen change tens of milliseconds."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-description-foreground;
    }
    KeyBar > .key-bar--key {
        color: $footer-key-foreground;
        text-style: bold;
    }
    """
    COMPONENT_CLASSES = {"key-bar--key"}

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, lambda _screen: self.refresh())

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def entries(self) -> tuple[list[KeyEntry], KeyEntry | None]:
        """The keys left to right, and the command palette's."""
        app, active = self.app, self.screen.active_bindings
        by_action: dict[str, Binding] = {}
        for _node, binding, _enabled, _tooltip in active.values():
            if binding.show:
                by_action.setdefault(binding.action, binding)
        entries = []
        for group, in_group in groupby(by_action.values(), key=lambda binding: binding.group):
            grouped = list(in_group)
            if group is not None and len(grouped) > 1:
                keys = ("" if group.compact else " ").join(app.get_key_display(binding) for binding in grouped)
                entries.append(KeyEntry(grouped[0].key, keys, group.description))
            else:
                entries += [
                    KeyEntry(binding.key, app.get_key_display(binding), binding.description) for binding in grouped
                ]
        palette = active.get(app.COMMAND_PALETTE_BINDING) if app.ENABLE_COMMAND_PALETTE else None
        palette_entry = (
            None
            if palette is None
            else KeyEntry(palette.binding.key, app.get_key_display(palette.binding), palette.binding.description)
        )
        return entries, palette_entry

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        entries, palette = self.entries()
        line = Text()
        for entry in entries:  # those that fit whole: a key without its label says nothing
            cell = _key_cell(entry, key_style)
            if line.cell_len + cell.cell_len > self.size.width:
                break
            line += cell
        if palette is not None:
            right = _palette_cell(palette, key_style)
            gap = self.size.width - line.cell_len - right.cell_len
            if gap >= 1:
                line += Text(" " * gap) + right
        return line

    def on_click(self, event) -> None:
        entries, palette = self.entries()
        end = 0
        for entry in entries:
            end += _key_cell(entry).cell_len
            if event.x < end:
                self.app.simulate_key(entry.key)
                return
        if palette is not None and event.x >= self.size.width - _palette_cell(palette).cell_len:
            self.app.simulate_key(palette.key)


def _key_cell(entry: KeyEntry, key_style: str | Style = "") -> Text:
    return Text.assemble((f" {entry.shown}", key_style), f" {entry.label} ")


def _palette_cell(entry: KeyEntry, key_style: str | Style = "") -> Text:
    return Text.assemble(("▏", "dim"), (entry.shown, key_style), f" {entry.label}")
