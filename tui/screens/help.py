"""The key help: every key the screen in view answers to, and the built-in ones."""

from rich.text import Text
from textual.app import App, ComposeResult
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

    def _keys(self) -> Text:
        lines = [Text("tradetop keys", style="bold")]
        for keys, what in key_help(self.app):
            lines.append(Text.assemble((f"{keys:>15}", "bold"), f"  {what}"))
        lines.append(Text(f"data: {fmt.printable(str(self.monitor.data_dir))}", style="dim"))
        lines.append(Text("Escape or ? closes this help", style="dim"))
        return Text("\n").join(lines)


BUILT_IN_KEYS = (
    ("Enter", "drill down into a table row or a card"),
    ("Tab / Shift+Tab", "next / previous pane"),
    ("arrows, j / k", "move in tables and notables; left / right: cards"),
    ("PgUp / PgDn", "a page up / down in a table"),
    ("Home / End", "the first / last row of a table"),
    ("Ctrl+P", "command palette: go to month…, go to item…"),
)


def key_help(app: App) -> list[tuple[str, str]]:
    """Every key with what it does, read from the bindings so the help cannot drift from the keys."""
    bindings = [
        binding
        for binding in (*type(app).BINDINGS, *MainScreen.BINDINGS, *DrilldownScreen.BINDINGS)
        if isinstance(binding, Binding)  # all of tradetop's are; Textual allows tuples too
    ]
    return [(app.get_key_display(binding), binding.tooltip or binding.description) for binding in bindings] + list(
        BUILT_IN_KEYS
    )
