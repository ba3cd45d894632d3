"""The key help: every key the screen in view answers to, and the built-in ones."""

from itertools import groupby

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from core.base import fmt
from tui.screens.drilldown import DrilldownScreen
from tui.screens.main import MainScreen
from tui.screens.state import Monitor


class HelpScreen(ModalScreen):
    """Every key, from the bindings themselves so the list cannot drift from what the keys do."""

    BINDINGS = [Binding("escape,question_mark,q", "app.pop_screen", "Close", id="close-help")]

    def __init__(self, monitor: Monitor):
        super().__init__()
        self.monitor = monitor  # for the command palette opened over the help (tui.commands)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):  # taller than a 24-row terminal: it scrolls
            yield Static(self._keys(), id="help-keys")

    def _keys(self) -> Group:
        """The keys in a column, what they do beside them, wrapped in its own column where the help is narrow."""
        table = Table.grid(padding=(0, 0, 0, 2))
        table.add_column(justify="right", no_wrap=True)
        table.add_column()
        for keys, what in key_help(self.app):
            table.add_row(Text(keys, style="bold"), Text(what))
        return Group(
            Text("tradetop keys", style="bold"),
            table,
            Text(f"data: {fmt.printable(str(self.monitor.data_dir))}", style="dim"),
            Text("Escape or ? closes this help", style="dim"),
        )


BUILT_IN_KEYS = (
    (
        "Enter",
        "drill down into a table row or a card (a drilldown's destination or item: its series); the notables: the "
        "story; the story: a notable's subject",
    ),
    ("Tab / Shift+Tab", "next / previous pane"),
    ("arrows, j / k", "move in tables, the notables and the story; left / right: cards"),
    ("g / G", "the first / last row, or the top / bottom of a text pane"),
    ("PgUp / PgDn", "a page up / down"),
    ("Home / End", "the first / last row of a table"),
    ("Ctrl+P", "command palette: go to month…, go to item…"),
)


# Keys the help writes otherwise than by their Textual names; the arrows share one line.
KEY_NAMES = {
    "question_mark": "?",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "slash": "/",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    **dict.fromkeys(("up", "down", "left", "right"), "arrows"),
}


def key_name(key: str) -> str:
    """A key as the help and the README write it: Escape, Ctrl+Z, g, G, ?, PgUp."""
    if key in KEY_NAMES:
        return KEY_NAMES[key]
    *modifiers, last = key.split("+")
    last = last.capitalize() if len(last) > 1 else last.upper() if modifiers else last
    return "+".join([*(modifier.capitalize() for modifier in modifiers), last])


def key_help(app) -> list[tuple[str, str]]:
    """Every key with what it does, read from the bindings so the help cannot drift from the keys: paired keys
    (a Binding.Group) on one line, and a key bound on several screens on one line with what it does on each."""
    from tui.screens.story import StoryScreen  # the help is imported with the app, the story when it is needed

    bindings = [*type(app).BINDINGS, *MainScreen.BINDINGS, *StoryScreen.BINDINGS, *DrilldownScreen.BINDINGS]
    rows: dict[str, list[str]] = {}
    for group, members in groupby(bindings, key=lambda binding: binding.group):
        grouped = list(members)
        if group is not None and len(grouped) > 1:
            keys = [" / ".join(binding.key_display or key_name(binding.key) for binding in grouped)]
            what = " / ".join(binding.tooltip or binding.description for binding in grouped)
            rows.setdefault(keys[0], []).append(what)
            continue
        for binding in grouped:
            names = [binding.key_display] if binding.key_display else [key_name(key) for key in binding.key.split(",")]
            for name in names:
                rows.setdefault(name, []).append(binding.tooltip or binding.description)
    return [(keys, "; ".join(whats)) for keys, whats in rows.items()] + list(BUILT_IN_KEYS)
