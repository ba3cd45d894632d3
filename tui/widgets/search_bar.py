"""The search line that `/` opens at the foot of a screen: what is typed filters a table or searches the story
as it is typed (Input.Changed reaches the screen); Enter keeps it, Escape clears it."""

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input


class SearchBar(Input):
    """Hidden (tradetop.tcss) until `/` opens it."""

    DEFAULT_CSS = """
    SearchBar, SearchBar:focus {
        display: none;
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
        self.display = True
        self.focus()

    def action_clear(self) -> None:
        self.value = ""
        self._close()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._close()

    def _close(self) -> None:
        self.display = False
        self.post_message(self.Closed(self))
