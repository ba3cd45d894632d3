"""A one-line bar at the top of a screen: the month and subject on the left, a note on the right where it fits."""

from rich.text import Text
from textual.widget import Widget


class StatusLine(Widget):
    """`left`, then the longest of the `rights` that fits beside it, dim; always one line tall, so a new text
    costs no layout pass."""

    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        background: $panel;
        padding: 0 1;
    }
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.left, self.rights = Text(""), ()

    def update(self, left: Text, rights: tuple[str, ...] = ()) -> None:
        self.left, self.rights = left, rights
        self.refresh()

    def render(self) -> Text:
        width = self.content_size.width
        for right in self.rights:
            gap = width - self.left.cell_len - len(right)
            if gap >= 2:
                return self.left + Text(" " * gap) + Text(right, style="dim")
        return self.left
