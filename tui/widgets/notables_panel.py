"""The main screen's pane of the month's top notables; Enter opens the story with all of them."""

from rich.text import Text
from textual.binding import Binding
from textual.message import Message

from tui.widgets.cells import FittedBorder
from tui.widgets.text_pane import TextPane


class NotablesPanel(FittedBorder, TextPane):
    """The release's most newsworthy notable facts, then the breadth line; the border counts them all."""

    BINDINGS = [Binding("enter", "open", "Story", show=False)]

    class Open(Message):
        """Enter on the pane: the story view."""

    DEFAULT_CSS = """
    NotablesPanel {
        height: 1fr;
        min-height: 3;
        border: round $panel-lighten-2;
        border-title-color: $text;
        padding: 0 1;
        color: $text-muted;
        overflow-x: hidden;
    }
    NotablesPanel:focus {
        border: heavy $accent;
        color: $text;
    }
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.title_forms = ("Notable",)

    def show_top(self, lines: tuple[str, ...], total: int, top: int) -> None:
        """`lines`: the `top` most newsworthy of `total` (MainView.notables), then the breadth line."""
        count = f"top {top} of {total}" if total > top else f"{total}"
        self.set_border(
            ("Notable · " + count, count, "Notable"), ("Enter: all, by subject", "Enter: all") if total else ()
        )
        self.show([Text(f"• {line}") for line in lines] or [Text("none this month", style="dim")])

    def action_open(self) -> None:
        self.post_message(self.Open())
