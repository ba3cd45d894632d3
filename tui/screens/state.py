"""What every screen shares: it renders the app's state, and fits tall terminals with a plot."""

from typing import NamedTuple

from textual.containers import Vertical
from textual.screen import Screen


class Clip(NamedTuple):
    """What the copy key puts on the clipboard, and what the toast calls it."""

    text: str
    what: str


class StateScreen(Screen):
    """A screen that renders the app's state; the app calls show_state whenever that state changes."""

    TALL_PLOT: str | None = None  # the id of a plot that only tall terminals get, in a frame (see tradetop.tcss)
    TALL_ROWS = 32  # from this height the screen is tall (the `-tall` class)
    # From this height the tall plot shows (the `-plot` class): below, it would be a few rows of dots, and the
    # notables need the room more.
    PLOT_ROWS = 30

    def tall_plot_frame(self) -> Vertical:
        return Vertical(id=f"{self.TALL_PLOT}-frame", classes="tall-plot-frame")

    def on_mount(self) -> None:
        self.fit_height(self.app.size.height)  # before the first layout, so that the first frame is laid out right
        self.show_state()

    def on_resize(self) -> None:
        self.fit_height(self.size.height)

    def fit_height(self, height: int) -> None:
        self.set_class(height >= self.TALL_ROWS, "-tall")
        plotted = height >= self.PLOT_ROWS
        self.set_class(plotted, "-plot")
        if plotted and self.TALL_PLOT and self.is_mounted and not self.query(f"#{self.TALL_PLOT}"):
            # Into its frame, which the first frame already gave the plot's room: plotext is imported once a
            # tall terminal needs the plot, after the first frame (a Resize comes after the first paint).
            self.query_one(f"#{self.TALL_PLOT}-frame").mount(new_plot(self.TALL_PLOT))
            self.show_state()

    def show_state(self) -> None:
        raise NotImplementedError

    def clip(self) -> Clip | None:
        """The focused pane for the clipboard: a table as TSV (the screens' own, from core), a text pane as its text;
        None for a pane that has nothing to copy."""
        from tui.widgets.text_pane import TextPane

        focused = self.focused
        if isinstance(focused, TextPane):
            return Clip(focused.plain, "the pane's text")
        return None

    def follows(self, setting: str) -> bool:
        """Whether the screen shows the app's `setting` (an action's name): keys for what it does not show are
        hidden and do nothing, rather than change a screen that cannot be seen."""
        return False


def new_plot(widget_id: str):
    # plotext costs start-up time; only plots need it
    from tui.widgets.flash_plot import FlashPlot
    from tui.widgets.months_plot import MonthsPlot
    from tui.widgets.overview_plot import OverviewPlot

    return {"overview-plot": OverviewPlot, "history-plot": MonthsPlot, "flash-plot": FlashPlot}[widget_id](id=widget_id)
