"""What a screen shows in a terminal too small for its panes."""

from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget


class TooSmall(Widget):
    """One message over the panes, which would otherwise show empty boxes and cut figures, on a layer of its own
    (tradetop.tcss); shown while the terminal is too small (StateScreen.fit)."""

    DEFAULT_CSS = """
    TooSmall {
        layer: too-small;
        width: 100%;
        height: 100%;
        background: $background;
        content-align: center middle;
        text-align: center;
    }
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.message = Text("")

    def show(self, size: Size, smallest: Size) -> None:
        self.message = Text.assemble(
            ("tradetop needs at least ", "bold"),
            (f"{smallest.width}×{smallest.height}", "bold"),
            f"\nthis terminal is {size.width}×{size.height}\nq quits",
        )
        self.refresh()

    def render(self) -> Text:
        return self.message
