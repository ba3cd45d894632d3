"""A one-line bar at the top of a screen: the month and subject on the left, a note on the right where it fits."""

from rich.cells import cell_len
from rich.text import Text

from tui.widgets.painted_text import PaintedText


class StatusLine(PaintedText):
    """`left`, then the longest of the `rights` that fits beside it, dim; where only a shorter right fits beside
    `left`, `short_left` with the longer right if that fits. Always one line tall, so a new text costs no layout
    pass."""

    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        background: $panel;
        padding: 0 1;
    }
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.lefts: tuple[Text, ...] = (Text(""),)
        self.rights: tuple[str, ...] = ()

    def update(self, left: Text, rights: tuple[str, ...] = (), short_left: Text | None = None) -> None:
        self.lefts, self.rights = (left,) if short_left is None else (left, short_left), rights
        self.refresh()

    def render(self) -> Text:
        width = self.content_size.width
        for right in self.rights:
            for left in self.lefts:
                gap = width - left.cell_len - cell_len(right)  # cells: a Korean folder name is two a character
                if gap >= 2:
                    return left + Text(" " * gap) + Text(right, style="dim")
        return self.lefts[0]
