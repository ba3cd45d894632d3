"""The search line that `/` opens at the foot of a screen, in the key bar's row: what is typed filters a table or
searches the story as it is typed (Input.Changed reaches the screen); Enter keeps it, Escape clears it."""

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input

from tui.widgets.key_bar import KeyBar


class SearchBar(Input):
    """Hidden until `/` opens it; then docked in place of the key bar, so that the panes keep their rows."""

    DEFAULT_CSS = """
    SearchBar, SearchBar:focus {
        display: none;
        dock: bottom;
        height: 1;
        border: none;
        padding: 0 1;
        background: $panel;
    }
    """

    BINDINGS = [Binding("escape", "clear", "Clear", show=False)]

    class Closed(Message):
        """The bar closed, its text kept (Enter) or cleared (Escape): the screen gives the focus back."""

        def __init__(self, bar: "SearchBar"):
            super().__init__()
            self.bar = bar

        @property
        def control(self) -> "SearchBar":
            return self.bar

    def open(self, text: str, placeholder: str) -> None:
        self.placeholder = placeholder
        self.value = text
        self.cursor_position = len(text)
        self._in_key_bar_row(True)
        self.focus()

    def action_clear(self) -> None:
        self.value = ""
        self._close()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._close()

    def on_blur(self) -> None:
        """Left by a click elsewhere: the key bar back in its row, the filter kept, the focus where it went."""
        self._in_key_bar_row(False)

    def _close(self) -> None:
        self._in_key_bar_row(False)
        self.post_message(self.Closed(self))

    def _in_key_bar_row(self, shown: bool) -> None:
        for bar in self.screen.query(KeyBar):
            bar.display = not shown
        self.display = shown
